"""The Map page in AppTest: controls, the figures table, links and the country profile.
(AppTest cannot see inside the folium map: tests/test_maps.py checks the builders and
tests/browser/test_map_page.py the map itself.)"""

from __future__ import annotations

from functools import partial

import pytest

from components import map_widget
from components.map_widget import clicked_country
from components.pages import PAGES
from crossings.text.citations import short_citation
from crossings.text.escaping import markdown_text
from crossings.views.profiles import country_profile, neighbour_statement
from tests.helpers import set_cell
from tests.test_app_pages import open_page

MAP = next(spec for spec in PAGES if spec.url_path == "map")
PRESENTER = next(spec for spec in PAGES if spec.url_path == "presenter")
SOURCES = next(spec for spec in PAGES if spec.url_path == "sources")


def figures_table(at):
    return next(frame.value for frame in at.dataframe if "detail" in frame.value.columns)


def test_map_page_defaults():
    at = open_page(MAP)
    assert not at.exception
    assert at.selectbox(key="metric").value == "events_hosted"
    assert at.selectbox(key="profile").value is None
    assert at.toggle(key="map_tiles").value is False  # no tiles unless the user asks
    table = figures_table(at)
    # the 19 countries the sources name, then the 12 the online workshop reaches only through the
    # Arab League: listed, marked via group, with no figure
    assert len(table) == 31
    via = table[table["metric"] == "via group"]
    assert len(via) == 12 and via["value"].isna().all()
    assert via.set_index("iso3").loc["DZA", "detail"].startswith("only via the Arab League, at 1 event")
    table = table[table["metric"] != "via group"]
    hosted = dict(zip(table["iso3"], table["value"], strict=True))
    assert (hosted["JOR"], hosted["IRN"], hosted["MLI"]) == (5, 1, 0)
    assert any("Joint online workshop on the Traveller Identification Programme (online)" in c.value
               for c in at.caption)
    assert not any("profile" in h.value for h in at.header)


def test_funder_japan_leaves_the_g5_sahel_countries():
    at = open_page(MAP, {"funder": "GOV-JPN"})
    assert not at.exception
    assert set(figures_table(at)["iso3"]) == {"NER", "MLI", "MRT", "BFA", "TCD"}
    assert any("1 of 1 event has a place on the map" in c.value for c in at.caption)


def test_funding_in_dollars_from_a_link():
    at = open_page(MAP, {"metric": "Funding (converted to USD)"})  # bound widgets put labels in links
    assert not at.exception
    table = figures_table(at).set_index("iso3")
    assert table.at["MLI", "value"] == 1_425_000
    assert table.at["MLI", "metric"] == "Funding, USD"
    assert table.at["IRN", "value"] != table.at["IRN", "value"]  # NaN: budget unknown, not zero


@pytest.mark.parametrize("named", ["IRN", "irn", "Iran", " iran "])
def test_a_link_names_the_profile_by_code_and_old_links_by_name_still_work(named):
    at = open_page(MAP, {"profile": named})
    assert at.selectbox(key="profile").value == "IRN"
    assert at.query_params["profile"] == "IRN"  # written back as the code, as the presenter's
    assert not at.warning


def test_a_link_naming_no_country_says_so_and_shows_the_world():
    at = open_page(MAP, {"profile": "Atlantis"})
    assert at.selectbox(key="profile").value is None
    assert "profile" not in at.query_params
    assert any("Ignored 'profile=Atlantis'" in w.value for w in at.warning)


def test_iran_profile_from_a_link():
    at = open_page(MAP, {"profile": "Iran"})
    assert not at.exception
    assert at.selectbox(key="profile").value == "IRN"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Land borders"] == "5,894 km"
    assert metrics["Coastline"] == "2,440 km"
    assert metrics["Land neighbours"] == "7"
    assert metrics["Neighbours by land and sea"] == "13"  # IOM Iran's count, as on the slide
    claims = next(box.value for box in at.info if box.value.startswith("**Neighbours.**"))
    assert markdown_text("IOM Iran (n.d.) counts 13 neighbours by land and sea") in claims
    assert "15 in all" in claims  # what the data lists, with the Caspian states
    land = next(frame.value for frame in at.dataframe if "Shared border, km" in frame.value.columns)
    assert dict(zip(land["Neighbour"], land["Shared border, km"], strict=True)) == {
        "Iraq": 1599, "Turkmenistan": 1148, "Pakistan": 959, "Afghanistan": 921, "Azerbaijan": 689,
        "Türkiye": 534, "Armenia": 44}
    events = next(frame.value for frame in at.table if "Role of the country" in frame.value.columns)
    assert list(events["Event"]) == [markdown_text(  # shown as escaped Markdown: text, never markup
        "High-level training workshop on migration management and border governance, Iran")]


def test_iran_neighbours_read_the_same_on_the_map_the_slide_and_the_sources_page(dataset):
    """One figure (IOM Iran's 13 by land and sea) and one wording, wherever Iran's neighbours are
    counted: the map's card and full profile, presenter slide 5, the Sources page."""
    statement = neighbour_statement(country_profile(dataset, "IRN"), partial(short_citation, dataset))
    assert (statement.label, statement.figure) == ("Neighbours by land and sea", "13")
    lines = [markdown_text(line) for line in statement.lines]
    on_map = open_page(MAP, {"profile": "IRN"})
    map_text = " ".join(m.value for m in on_map.markdown) + " ".join(i.value for i in on_map.info)
    card = "Neighbours by land and sea: **13**, " + markdown_text("as IOM Iran (n.d.) counts them")
    assert card in map_text
    assert all(line in map_text for line in lines)
    assert {m.label: m.value for m in on_map.metric}["Neighbours by land and sea"] == "13"
    # the card's help keeps the source's name as cited ('As iom iran (n.d.)' with str.capitalize)
    assert {m.label: m.help for m in on_map.metric}["Neighbours by land and sea"] == (
        "As IOM Iran (n.d.) counts them.")
    slide = open_page(PRESENTER, {"slide": "5", "profile": "IRN"})
    assert {m.label: m.value for m in slide.metric}["Neighbours by land and sea"] == "13"
    slide_text = " ".join(m.value for m in slide.markdown)
    assert all(line in slide_text for line in lines)
    sources = open_page(SOURCES)
    assert markdown_text(f"neighbours: {statement.text}") in " ".join(m.value for m in sources.markdown)


def test_picking_a_country_opens_its_profile():
    at = open_page(MAP)
    at.selectbox(key="profile").set_value("JOR").run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Land borders"] == "1,744 km"
    land = next(frame.value for frame in at.dataframe if "Shared border, km" in frame.value.columns)
    israel = land.set_index("Neighbour").loc["Israel"]
    assert (israel["Shared border, km"], israel["Neighbour's own entry, km"]) == (307, 327)


def test_profile_under_filters_counts_what_they_hide():
    at = open_page(MAP, {"profile": "Iran", "funder": "GOV-JPN"})
    assert not at.exception
    assert any("1 more event involving Iran is left out by the filters" in c.value for c in at.caption)
    assert any("1 more project involving Iran is left out by the filters" in c.value for c in at.caption)


def test_a_click_on_a_country_names_it():
    clicked = {"last_active_drawing": {"type": "Feature", "properties": {"kind": "country", "iso3": "IRN"}}}
    assert clicked_country(clicked) == "IRN"
    marker = {"last_active_drawing": {"type": "Feature", "properties": {"kind": "event", "event_id": "X"}}}
    assert clicked_country(marker) is None  # a click on an event marker only opens its popup
    assert clicked_country(None) is None
    assert clicked_country({"last_active_drawing": None}) is None


def test_unwritable_static_folder_is_said_not_hidden(monkeypatch):
    def read_only(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied", "static/vendor")

    monkeypatch.setattr(map_widget, "ensure_vendor_assets", read_only)
    map_widget._publish_map_files.clear()
    try:
        at = open_page(MAP, {"profile": "Iran"})
        assert not at.exception
        assert len(at.error) == 2  # the world map and the borders view each say why they are missing
        assert "could not be written to static/" in at.error[0].value
        assert {m.label: m.value for m in at.metric}["Land borders"] == "5,894 km"  # the rest is there
    finally:
        map_widget._publish_map_files.clear()


def test_titles_from_the_data_are_shown_as_text(data_copy, monkeypatch):
    title = "**Bold** <b>tag</b> [link](javascript:alert(1))"
    set_cell(data_copy / "events.csv", "event_id", "EV-2020-ONLINE-TRIP", "title", title)
    monkeypatch.setenv("CROSSINGS_DATA_DIR", str(data_copy))
    at = open_page(MAP)
    assert not at.exception
    caption = next(c.value for c in at.caption if "Not on the map" in c.value)
    assert "\\*\\*Bold\\*\\* \\<b\\>tag" in caption  # escaped Markdown: shown as typed
    assert "](javascript" not in caption
