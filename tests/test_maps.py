"""Map builders: the figure each country is shaded by, the layers, escaped popups and
tooltips, and that everything the browser is told to load is served by the app."""

from __future__ import annotations

import json

import pytest
import shapely
import streamlit_folium
from folium.plugins import MarkerCluster

from crossings.data.loading import load_dataset
from crossings.figures import palette
from crossings.figures.activity_map import activity_legend, activity_map, selection_outline, shading
from crossings.figures.borders_map import borders_legend_html, borders_map
from crossings.figures.geometry import load_world
from crossings.figures.map_elements import NO_DATA_FILL, SELECTION_PANE, FeatureLayer
from crossings.figures.map_popups import event_popup_html
from crossings.figures.static_files import ASSETS, ensure_vendor_assets, package_file, publish_world
from crossings.views.currency import RateTable, convert_lines
from crossings.views.filtered_view import apply_filters
from crossings.views.filters import FilterState
from crossings.views.map_metrics import METRICS, SHADING_CHOICES, colour_classes, colour_for
from crossings.views.profiles import country_profile
from tests.helpers import set_cell

GEOMETRY_URL = "/app/static/generated/countries-test.json"
# US dollars per unit in fx_rates.csv (Federal Reserve H.10 monthly averages)
EUR_2015_04, EUR_2016_01, EUR_2017_09, EUR_2020_02 = 1.082251, 1.085541, 1.191327, 1.091107


@pytest.fixture(scope="module")
def world():
    return load_world()


@pytest.fixture(scope="module")
def everything(dataset):
    return apply_filters(dataset, FilterState())


@pytest.fixture(scope="module")
def japan(dataset):
    return apply_filters(dataset, FilterState(funders=("GOV-JPN",)))


def figures(view, metric, currency="EUR"):
    return {iso3: f.value for iso3, f in METRICS[metric].compute(view, currency).items()}


def sent_to_browser(fmap, monkeypatch) -> dict:
    """What st_folium hands the frontend component for this map (scripts, styles, code)."""
    captured = {}
    monkeypatch.setattr(streamlit_folium, "_component_func", lambda **kwargs: captured.update(kwargs))
    streamlit_folium.st_folium(fmap, key="test", returned_objects=[])
    return captured


def children_of(element, kind):
    found = [child for child in element._children.values() if isinstance(child, kind)]
    for child in element._children.values():
        found += children_of(child, kind)
    return found


# --- figures per country ----------------------------------------------------------------------

def test_events_hosted(everything):
    hosted = figures(everything, "events_hosted")
    assert {k: hosted[k] for k in ("JOR", "EGY", "IRN", "NER", "MLI", "BHR")} == {
        "JOR": 5, "EGY": 1, "IRN": 1, "NER": 1, "MLI": 0, "BHR": 0}
    assert "FRA" not in hosted  # no activity: no data, not zero
    # engaged, as the sources name them: the eight countries at Cairo, the five G5 Sahel states at
    # Niamey, Iran, and JEMPAS I's five EU partner states. The Arab League members the online
    # workshop reaches only as a group have no figure (the map stripes them apart).
    assert len(hosted) == 19
    assert "DZA" not in hosted and "SYR" not in hosted


def test_events_taken_part_in(everything):
    taken_part = figures(everything, "events_taken_part")
    # Jordan: roundtable, front-line trainings, Cairo and three JEMPAS II events; the online
    # workshop names the Arab League, not Jordan
    assert taken_part["JOR"] == 6
    assert (taken_part["BHR"], taken_part["EGY"], taken_part["TCD"]) == (1, 1, 1)
    assert taken_part["BGR"] == 0  # a JEMPAS I partner state, at no event


def test_participants_unknown_is_not_zero(everything):
    participants = figures(everything, "participants")
    assert participants["EGY"] == 55  # Cairo
    assert participants["IRN"] == 81
    assert participants["JOR"] is None  # five events hosted, none gives a count
    assert participants["NER"] is None  # Niamey gives no count
    assert participants["MLI"] == 0  # hosted nothing


def test_projects(everything):
    projects = figures(everything, "projects")
    assert (projects["JOR"], projects["BGR"], projects["IRN"], projects["EGY"]) == (3, 1, 1, 0)


def test_funding_converted_to_euro(everything):
    funding = figures(everything, "funding", "EUR")
    assert funding["JOR"] == pytest.approx(189_403.21 + 206_308.69 + 2_500_000 + 5_280_000)
    assert funding["MLI"] == pytest.approx(1_425_000 / EUR_2015_04)  # USD at the April 2015 rate
    assert funding["NER"] == funding["MLI"]  # one project for four countries counts for each
    assert funding["IRN"] is None  # a project with no known budget
    assert funding["BGR"] == 0  # JEMPAS I partner state, not a beneficiary


def test_funding_converted_to_dollars(everything):
    funding = figures(everything, "funding", "USD")
    assert funding["MLI"] == pytest.approx(1_425_000)
    assert funding["JOR"] == pytest.approx((189_403.21 + 206_308.69) * EUR_2020_02 + 2_500_000 * EUR_2016_01
                                           + 5_280_000 * EUR_2017_09)


def test_conversion_uses_the_months_of_the_value_date(dataset):
    lines = dataset.funding.set_index("funding_id")
    usd = convert_lines(lines, RateTable(dataset.fx_rates), "USD")["converted"]  # the map's conversion
    assert usd["F-JORSYR-ICSP"] == pytest.approx(5_280_000 * EUR_2017_09)  # 19 September 2017
    assert usd["F-G5CBM-JPN"] == 1_425_000  # already in dollars: kept exactly


def test_funding_details_say_what_was_converted_and_estimated(everything):
    detail = METRICS["funding"].compute(everything, "EUR")["MLI"].detail
    assert "converted at monthly rates" in detail and "includes estimates" in detail


def test_shading_choices_offer_funding_once_per_currency():
    assert SHADING_CHOICES["funding_eur"] == ("funding", "EUR")
    assert SHADING_CHOICES["funding_usd"] == ("funding", "USD")
    assert SHADING_CHOICES["participants"] == ("participants", "EUR")


def test_japan_leaves_the_g5_sahel_countries(japan):
    assert set(figures(japan, "events_taken_part")) == {"NER", "MLI", "MRT", "BFA", "TCD"}


# --- colours ----------------------------------------------------------------------------------

def test_few_values_each_get_a_class_darkest_for_the_largest():
    classes = colour_classes([0, 1, 5, None, 1], lambda v: f"{v:g}")
    assert [(c.low, c.high, c.label) for c in classes] == [(1, 1, "1"), (5, 5, "5")]
    assert classes[-1].colour == palette.SEQUENTIAL[-1]
    assert palette.ZERO not in {c.colour for c in classes}


def test_many_values_are_split_at_rounded_quintiles():
    classes = colour_classes(range(1, 101), lambda v: f"{v:g}")
    assert [(c.low, c.high) for c in classes] == [(1, 21), (21, 41), (41, 60), (60, 80), (80, 100)]
    assert colour_for(100, classes) == palette.SEQUENTIAL[-1]


def test_zero_and_no_figure_look_different():
    classes = colour_classes([3], lambda v: f"{v:g}")
    assert colour_for(0, classes) == palette.ZERO
    assert colour_for(None, classes) is None


def test_country_fills(everything):
    shade = shading(everything, "events_hosted")
    assert shade.fill("FRA") == NO_DATA_FILL
    assert shade.fill("MLI") == palette.ZERO
    assert shade.fill("JOR") == palette.SEQUENTIAL[-1]
    participants = shading(everything, "participants")
    assert participants.fill("JOR") == NO_DATA_FILL  # engaged, but no count given
    assert participants.tooltip_lines("JOR") == [
        "Participants at events hosted: no data", "hosted 5 events; no participant count given"]


# --- the activity map -------------------------------------------------------------------------

def test_activity_map_layers(everything, world):
    fmap = activity_map(everything, world, shading(everything, "events_hosted"), GEOMETRY_URL)
    layers = children_of(fmap, FeatureLayer)
    countries = next(layer for layer in layers if layer.url)
    assert countries.url == GEOMETRY_URL
    assert len(countries.properties) == len(world.shapes) == 241
    iran = countries.properties["IRN"]
    assert (iran["kind"], iran["iso3"]) == ("country", "IRN")
    assert iran["tooltip"] == "<b>Iran</b><br>Events hosted: 1"
    assert countries.properties["FRA"]["style"]["fillColor"] == NO_DATA_FILL
    dots = next(layer for layer in layers if layer.point_to_layer and "dot-BHR" in layer.properties)
    # small states get a dot, so they can be seen and clicked at any zoom
    assert {f["id"] for f in dots.collection["features"]} >= {"dot-BHR", "dot-COM"}
    [cluster] = children_of(fmap, MarkerCluster)
    [events] = children_of(cluster, FeatureLayer)
    # nine events; the online workshop has no place on the map
    assert len(events.collection["features"]) == 8
    assert "EV-2020-ONLINE-TRIP" not in events.properties
    # the legend is drawn under the map, by the page: inside, it covered West Africa
    assert "crossings-legend" not in fmap.get_root().render()
    legend = activity_legend(everything, shading(everything, "events_hosted"))
    assert "Events hosted" in legend and "No data" in legend and "grouped events" in legend
    # the map names itself, and the frame Streamlit shows it in, for screen readers
    html = fmap.get_root().render()
    title = "Map of activity: countries shaded by events hosted; click a country for its profile"
    assert f'window.frameElement.title = "{title}"' in html
    assert f'map.getContainer().setAttribute("aria-label", "{title}")' in html


def test_funder_japan_map_keeps_niamey_and_the_g5_sahel(japan, world):
    fmap = activity_map(japan, world, shading(japan, "events_hosted"), GEOMETRY_URL)
    [events] = children_of(children_of(fmap, MarkerCluster)[0], FeatureLayer)
    assert [f["id"] for f in events.collection["features"]] == ["EV-2015-NIAMEY"]
    legend = activity_legend(japan, shading(japan, "events_hosted"))
    assert "workshop" in legend and "training" not in legend  # only kinds on the map
    assert "grouped events" not in legend
    countries = next(layer for layer in children_of(fmap, FeatureLayer) if layer.url)
    shaded = {key for key, p in countries.properties.items() if p["style"]["fillColor"] != NO_DATA_FILL}
    assert shaded == {"NER", "MLI", "MRT", "BFA", "TCD"}


def test_everything_is_loaded_from_the_app(everything, world, monkeypatch):
    fmap = activity_map(everything, world, shading(everything, "events_hosted"), GEOMETRY_URL)
    sent = sent_to_browser(fmap, monkeypatch)
    served = {asset.url for asset in ASSETS}
    assert set(sent["js_links"]) | set(sent["css_links"]) == served
    assert all(url.startswith("/app/static/vendor/") for url in served)
    assert "http://" not in sent["header"] and "https://" not in sent["header"]
    assert "tileLayer" not in sent["script"]  # no basemap tiles unless asked for
    assert f'fetch("{GEOMETRY_URL}")' in sent["script"]
    for leftover in ("jquery", "bootstrap", "font-awesome", "d3", "cdn"):
        assert leftover not in " ".join(sent["js_links"] + sent["css_links"]).lower()


def test_tiles_only_when_asked_for(everything, world, monkeypatch):
    fmap = activity_map(everything, world, shading(everything, "events_hosted"), GEOMETRY_URL, tiles=True)
    assert "tile.openstreetmap.org" in sent_to_browser(fmap, monkeypatch)["script"]


def test_event_popup(dataset):
    events = dataset.events.set_index("event_id", drop=False)
    niamey = event_popup_html(dataset, events.loc["EV-2015-NIAMEY"])
    for part in ("29–30 July 2015 (date from another source)", "Niamey, Niger",
                 "<dt>Organisers</dt><dd>IOM</dd>", "not given by the source",
                 "<dt>Funders</dt><dd>Japan</dd>", "IOM (n.d.)"):
        assert part in niamey
    cairo = event_popup_html(dataset, events.loc["EV-2021-CAIRO"])
    assert "27–29 July 2021" in cairo and "<dd>55</dd>" in cairo
    assert "Police Academy of the Ministry of Interior, Cairo, Egypt" in cairo
    assert "NAUSS" in cairo and "UNOCT" in cairo
    iran = event_popup_html(dataset, events.loc["EV-IRN-WORKSHOP"])
    assert "date unknown" in iran and "IOM (facilitator)" in iran and "<dd>81</dd>" in iran
    assert "(marker at the country&#x27;s centre)" in iran
    roundtable = event_popup_html(dataset, events.loc["EV-2018-JOR-ROUNDTABLE"])
    assert "23 April 2018 (date inferred by the curators)" in roundtable
    assert "EU (IcSP)" in roundtable  # the project's funder and instrument


def test_text_from_the_data_is_escaped_everywhere(data_copy, world, monkeypatch):
    title = 'Workshop <img src=x onerror=alert(1)> `${alert(2)}` & "quotes"'
    set_cell(data_copy / "events.csv", "event_id", "EV-2015-NIAMEY", "title", title)
    set_cell(data_copy / "countries.csv", "iso3", "NER", "name", "Niger <b>bold</b>")
    dataset = load_dataset(data_copy)
    view = apply_filters(dataset, FilterState())
    fmap = activity_map(view, world, shading(view, "events_hosted"), GEOMETRY_URL)
    [events] = children_of(children_of(fmap, MarkerCluster)[0], FeatureLayer)
    niamey = events.properties["EV-2015-NIAMEY"]
    assert niamey["popup"].startswith(
        '<div class="crossings-popup"><h4>Workshop &lt;img src=x onerror=alert(1)&gt; `${alert(2)}` '
        "&amp; &#34;quotes&#34;</h4>")
    assert niamey["label"] == title  # plain text, set by Leaflet as an attribute, never as HTML
    countries = next(layer for layer in children_of(fmap, FeatureLayer) if layer.url)
    assert countries.properties["NER"]["tooltip"].startswith("<b>Niger &lt;b&gt;bold&lt;/b&gt;</b>")
    script = sent_to_browser(fmap, monkeypatch)["script"]
    assert "<img" not in script and "<b>bold" not in script  # data reaches the script only as JSON
    assert "$(`" not in script  # no folium Popup: it would put the HTML in a JavaScript template string


TEMPLATE_TEXT = "Workshop {{ 7*7 }} {% if true %}kept{% endif %} {{ self }}"


@pytest.mark.parametrize("title", [TEMPLATE_TEXT, "Workshop {% unclosed"], ids=["expressions", "unclosed"])
def test_template_syntax_in_the_data_stays_text(data_copy, world, monkeypatch, title):
    """Folium's elements are Jinja templates; text from the data must never be read as one (it
    would run on the server) nor stop the map."""
    set_cell(data_copy / "events.csv", "event_id", "EV-2015-NIAMEY", "title", title)
    set_cell(data_copy / "countries.csv", "iso3", "NER", "name", f"Niger {title}")
    view = apply_filters(load_dataset(data_copy), FilterState(countries=("NER",)))
    fmap = activity_map(view, world, shading(view, "events_hosted"), GEOMETRY_URL)
    page = fmap.get_root().render()  # what st_folium renders first
    script = sent_to_browser(fmap, monkeypatch)["script"]
    for rendered in (page, script):
        assert rendered.count(title) >= 2  # the event's popup and label
        assert f"Niger {title}" in rendered  # the country's tooltip
        assert "Workshop 49" not in rendered and "TemplateReference" not in rendered
    profile = country_profile(view.dataset, "NER")
    borders = borders_map(profile, world, GEOMETRY_URL)
    assert f"Niger {title}" in borders.get_root().render()


def test_selection_outline(world):
    outline = selection_outline(world, "IRN")
    [layer] = outline._children.values()
    assert layer.options["pane"] == SELECTION_PANE
    assert layer.options["interactive"] is False
    assert selection_outline(world, None) is None
    assert selection_outline(world, "XXX") is None


# --- the borders map --------------------------------------------------------------------------

def test_borders_map_colours_neighbours_by_shared_length(dataset, world):
    fmap = borders_map(country_profile(dataset, "IRN"), world, GEOMETRY_URL)
    [layer] = children_of(fmap, FeatureLayer)
    assert layer.url == GEOMETRY_URL
    style = {key: p["style"] for key, p in layer.properties.items()}
    assert style["IRN"]["fillColor"] == palette.HIGHLIGHT
    assert style["IRQ"]["fillColor"] == palette.SEQUENTIAL[-1]  # 1,599 km, the longest
    assert style["ARM"]["fillColor"] == palette.SEQUENTIAL[2]  # 44 km, the shortest
    assert style["SAU"]["dashArray"] == "5 4"  # across the Gulf only
    assert style["EGY"]["fillColor"] == palette.NO_DATA  # not a neighbour
    assert layer.properties["IRQ"]["tooltip"] == "<b>Iraq</b><br>1,599 km land border with Iran"
    assert "44 km to 1,599 km" in borders_legend_html(country_profile(dataset, "IRN"))
    assert "crossings-legend" not in fmap.get_root().render()  # under the map, not over Arabia


def test_borders_map_names_an_asymmetric_border(dataset, world):
    fmap = borders_map(country_profile(dataset, "JOR"), world, GEOMETRY_URL)
    [layer] = children_of(fmap, FeatureLayer)
    assert layer.properties["ISR"]["tooltip"] == (
        "<b>Israel</b><br>307 km land border with Jordan (Israel&#x27;s own entry gives 327 km)")


def test_island_without_land_neighbours(dataset, world):
    fmap = borders_map(country_profile(dataset, "BHR"), world, GEOMETRY_URL)
    assert "has no land neighbours" in borders_legend_html(country_profile(dataset, "BHR"))
    [layer] = children_of(fmap, FeatureLayer)
    assert layer.properties["IRN"]["style"]["dashArray"] == "5 4"


# --- outlines and the files the app serves ----------------------------------------------------

def test_outlines_keep_small_states_and_shared_borders(world):
    assert len(world.shapes) == 241  # 242 in the file, less Antarctica
    for small in ("BHR", "COM", "MDV"):
        shape = world.shape(small)
        assert shape.is_small and shape.geometry["coordinates"], small
    iran, iraq = (shapely.geometry.shape(world.shape(c).geometry) for c in ("IRN", "IRQ"))
    shared = iran.boundary.intersection(iraq.boundary)
    assert shared.length > 10  # degrees of common border, simplified once for both
    assert iran.intersection(iraq).area < 0.01  # and no overlap


def test_outline_coordinates_are_rounded(world):
    ring = world.shape("IRN").geometry["coordinates"][0][0]
    assert all(round(value, 2) == value for point in ring for value in point)


def test_vendor_assets_are_copied_once(tmp_path):
    written = ensure_vendor_assets(tmp_path)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in written) == sorted(
        f"vendor/{asset.target}" for asset in ASSETS)
    copied = (tmp_path / "vendor/leaflet/leaflet.js").read_bytes()
    assert copied == package_file(ASSETS[0]).read_bytes()
    assert ensure_vendor_assets(tmp_path) == []  # idempotent


def test_published_outlines(tmp_path, world):
    url = publish_world(world, tmp_path)
    assert url.startswith("/app/static/generated/countries-") and url.endswith(".json")
    path = tmp_path / url.removeprefix("/app/static/")
    collection = json.loads(path.read_text())
    assert len(collection["features"]) == 241
    assert {f["id"] for f in collection["features"]} >= {"IRN", "BHR", "COM", "NE-Somaliland"}
    assert path.stat().st_size < 400_000
    assert publish_world(world, tmp_path) == url  # same content, same address
