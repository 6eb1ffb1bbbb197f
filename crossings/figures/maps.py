"""Folium maps: where the activity is, and a country's borders. No Streamlit here.

Offline first. Leaflet and markercluster come from the app (/app/static/vendor, see
crossings.figures.static_files); there are no tiles unless the user asks for them, and no jQuery,
Bootstrap, Font Awesome or d3. The world map fetches the country outlines from one static
file (sent once, then cached by the browser); what the map says about each country (fill,
tooltip) travels with the map and is joined to the outlines by id.

Text from the data reaches a map only as escaped HTML built here (crossings.text.escaping), bound to
each feature from its properties by FeatureLayer. folium's Popup and GeoJsonTooltip are not
used: Popup puts its HTML inside a JavaScript template string and GeoJsonTooltip writes
property values into the page unescaped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import folium
import folium.plugins
import pandas as pd
from branca.element import Element, Figure, MacroElement
from folium.template import Template
from folium.utilities import JsCode

from crossings.data.dataset import Dataset
from crossings.figures import palette, static_files
from crossings.figures.geometry import CountryShape, World
from crossings.text.citations import short_citation
from crossings.text.escaping import html_link, html_text
from crossings.text.formatting import format_count, format_km, format_period
from crossings.text.rows import records
from crossings.views.filters import FilteredView
from crossings.views.map_metrics import (
    METRICS,
    ColourClass,
    CountryFigure,
    Metric,
    colour_classes,
    colour_for,
)
from crossings.views.profiles import CountryProfile, LandNeighbour, MaritimeNeighbour, length_colours

MAP_JS = [("leaflet", static_files.LEAFLET_JS.url)]
MAP_CSS = [("leaflet_css", static_files.LEAFLET_CSS.url)]
CLUSTER_JS = [("markerclusterjs", static_files.MARKERCLUSTER_JS.url)]
CLUSTER_CSS = [("markerclustercss", static_files.MARKERCLUSTER_CSS.url)]

NO_DATA_PATTERN_ID = "crossings-no-data"
NO_DATA_FILL = f"url(#{NO_DATA_PATTERN_ID})"
MAX_ZOOM = 8  # the outlines are simplified to about 0.15 degree: closer than this they look coarse
TILE_MAX_ZOOM = 12
STREET_TILES = "OpenStreetMap"  # the optional basemap for users who are online
OUTLINE = {"color": palette.BORDER_LINE, "weight": 0.6}
SELECTION_PANE = "selection"  # above the countries (which arrive later, by fetch), below markers

DATE_STATUS_NOTES = {
    "resolved": "date from another source",
    "inferred": "date inferred by the curators",
}
ROLE_LABELS = {"organiser": "", "facilitator": "facilitator"}  # the roles a popup lists as organisers

EVENT_MARKER = JsCode("""function (feature, latlng) {
    var p = feature.properties;
    return L.marker(latlng, {
        icon: L.divIcon({className: "crossings-event", iconSize: [18, 18],
                         html: '<span style="background:' + p.colour + '"></span>'}),
        title: p.label, alt: p.label, keyboard: true, riseOnHover: true
    });
}""")

SMALL_COUNTRY_DOT = JsCode("""function (feature, latlng) {
    return L.circleMarker(latlng, {radius: 6});
}""")

CLUSTER_ICON = """function (cluster) {
    return L.divIcon({className: "crossings-cluster", iconSize: L.point(34, 34),
                      html: "<span>" + cluster.getChildCount() + "</span>"});
}"""


def _styles() -> str:
    p = palette
    return f"""<style>
.leaflet-container {{ background: #FFFFFF; font-family: {p.FONT_FAMILY}; }}
.crossings-legend {{ background: rgba(255,255,255,0.94); color: {p.TEXT}; padding: 8px 10px;
  border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,0.3); font-size: 13px; line-height: 1.35;
  max-width: 200px; }}
.crossings-legend .title {{ font-weight: 600; margin: 2px 0 4px; }}
.crossings-legend .row {{ display: flex; align-items: center; gap: 6px; margin: 2px 0; }}
.crossings-legend .swatch {{ width: 18px; height: 12px; flex: none; border: 1px solid {p.BORDER_LINE}; }}
.crossings-legend .no-data {{
  background: repeating-linear-gradient(45deg, {p.NO_DATA} 0 3px, #FFFFFF 3px 5px); }}
.crossings-legend .dot {{ width: 12px; height: 12px; border-radius: 50%; flex: none;
  border: 2px solid #FFFFFF; box-shadow: 0 0 0 1px {p.TEXT}; }}
.crossings-legend .dashed {{ background: {p.NO_DATA}; border: 2px dashed {p.MARITIME_LINE}; }}
.crossings-legend .cluster-key {{ display: flex; align-items: center; justify-content: center;
  width: 16px; height: 16px; border-radius: 50%; background: {p.TEXT}; color: #FFFFFF; font-size: 10px;
  font-weight: 700; flex: none; }}
.crossings-legend .note {{ color: {p.MUTED_TEXT}; font-size: 12px; margin-top: 4px; }}
.crossings-event span {{ display: block; width: 14px; height: 14px; border-radius: 50%;
  border: 2px solid #FFFFFF; box-shadow: 0 0 0 1px {p.TEXT}; }}
.crossings-cluster span {{ display: flex; align-items: center; justify-content: center; width: 30px;
  height: 30px; border-radius: 50%; background: {p.TEXT}; color: #FFFFFF; font-weight: 700;
  font-size: 14px; border: 2px solid #FFFFFF; box-shadow: 0 0 0 1px {p.TEXT}; }}
.crossings-popup {{ font-size: 13px; color: {p.TEXT}; }}
.crossings-popup h4 {{ font-size: 14px; margin: 0 0 6px; }}
.crossings-popup dl {{ display: grid; grid-template-columns: max-content 1fr; gap: 2px 8px; margin: 0; }}
.crossings-popup dt {{ color: {p.MUTED_TEXT}; }}
.crossings-popup dd {{ margin: 0; }}
.leaflet-tooltip {{ font-size: 13px; }}
.leaflet-control-attribution {{ font-size: 11px; }}
path.leaflet-interactive:focus {{ outline: none; }}  /* a clicked country: no box drawn around it */
</style>"""


class _Verbatim(Element):
    """Text that goes into the page exactly as given (never read as a template)."""

    def __init__(self, text: str):
        super().__init__()
        self._text = text

    def render(self, **kwargs) -> str:
        return self._text


class _DataElement(MacroElement):
    """A map element that carries data text (titles, names, labels).

    branca's MacroElement.render hands each rendered part (header, html, script) to
    Element(text), which compiles that text as a Jinja template and renders it again: a "{{ }}"
    in an event title would be evaluated on the server, a stray "{%" would stop the map, and
    with thousands of events compiling the script took most of the page's run. Here each
    rendered part goes into the page as it is."""

    def render(self, **kwargs) -> None:
        figure = self.get_root()
        if not isinstance(figure, Figure):
            raise TypeError(f"{type(self).__name__} can only be rendered inside a map's Figure")
        macros = self._template.module.__dict__
        for part in ("header", "html", "script"):
            if macros.get(part) is not None:
                getattr(figure, part).add_child(_Verbatim(macros[part](self, kwargs)), name=self.get_name())
        for element in self._children.values():
            element.render(**kwargs)


class _MapExtras(_DataElement):
    """The map's own CSS, the hatch pattern for "no data" (an SVG pattern added to Leaflet's
    vector layer) and an attribution for the polygons."""

    _template = Template("""
        {% macro header(this, kwargs) %}{{ this.styles }}{% endmacro %}
        {% macro script(this, kwargs) %}
        (function (map) {
            var svg = map.getRenderer({options: {}})._container;
            if (svg && !svg.querySelector("#{{ this.pattern_id }}")) {
                var ns = "http://www.w3.org/2000/svg";
                var defs = document.createElementNS(ns, "defs");
                var pattern = document.createElementNS(ns, "pattern");
                pattern.setAttribute("id", "{{ this.pattern_id }}");
                pattern.setAttribute("patternUnits", "userSpaceOnUse");
                pattern.setAttribute("width", "6");
                pattern.setAttribute("height", "6");
                pattern.setAttribute("patternTransform", "rotate(45)");
                var ground = document.createElementNS(ns, "rect");
                ground.setAttribute("width", "6");
                ground.setAttribute("height", "6");
                ground.setAttribute("fill", {{ this.ground|tojson }});
                var stripe = document.createElementNS(ns, "rect");
                stripe.setAttribute("width", "2");
                stripe.setAttribute("height", "6");
                stripe.setAttribute("fill", "#FFFFFF");
                pattern.appendChild(ground);
                pattern.appendChild(stripe);
                defs.appendChild(pattern);
                svg.insertBefore(defs, svg.firstChild);
            }
            map.attributionControl.addAttribution({{ this.attribution|tojson }});
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self):
        super().__init__()
        self._name = "MapExtras"
        self.styles = _styles()
        self.pattern_id = NO_DATA_PATTERN_ID
        self.ground = palette.NO_DATA
        self.attribution = "Country polygons: Natural Earth (public domain)"


class Legend(_DataElement):
    """A legend drawn as a Leaflet control from escaped HTML (no d3, no CDN)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: {{ this.position|tojson }}});
        {{ this.get_name() }}.onAdd = function () {
            var div = L.DomUtil.create("div", "crossings-legend");
            div.innerHTML = {{ this.html|tojson }};
            L.DomEvent.disableClickPropagation(div);
            L.DomEvent.disableScrollPropagation(div);
            return div;
        };
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, html: str, position: str = "bottomright"):
        super().__init__()
        self._name = "Legend"
        self.html = html
        self.position = position


def _legend_row(swatch: str, label: str, swatch_class: str = "swatch") -> str:
    style = f' style="background:{swatch}"' if swatch else ""
    return (f'<div class="row"><span class="{swatch_class}"{style}></span>'
            f"<span>{html_text(label)}</span></div>")


class FeatureLayer(_DataElement):
    """GeoJSON features drawn from their own properties: `style` (Leaflet path options),
    `tooltip` and `popup` (escaped HTML, bound as HTML), with an outline on hover.

    Properties are given per feature id and joined to the geometry in the browser; a feature
    without properties is not drawn. The geometry is either inline (`features`) or fetched from
    a local `url` (the browser caches it, so several maps share one download); if the fetch
    fails the map says so instead of staying blank."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.geoJson(null, {
            style: function (feature) { return feature.properties.style || {}; },
            {%- if this.point_to_layer %}
            pointToLayer: {{ this.point_to_layer }},
            {%- endif %}
            onEachFeature: function (feature, layer) {
                var p = feature.properties;
                if (p.tooltip) {
                    layer.bindTooltip(p.tooltip, {sticky: true, direction: "top", opacity: 0.95});
                }
                if (p.popup) { layer.bindPopup(p.popup, {maxWidth: 340, minWidth: 240}); }
                if (p.style && layer.setStyle) {
                    layer.on("mouseover", function () { layer.setStyle({{ this.hover|tojson }}); });
                    layer.on("mouseout", function () { layer.setStyle(p.style); });
                }
            }
        });
        (function (layer, properties) {
            function add(collection) {
                var listed = collection.features.filter(function (feature) {
                    return Object.prototype.hasOwnProperty.call(properties, feature.id);
                });
                listed.forEach(function (feature) { feature.properties = properties[feature.id]; });
                layer.addData({type: "FeatureCollection", features: listed});
            }
            {%- if this.url %}
            fetch({{ this.url|tojson }}).then(function (response) {
                if (!response.ok) { throw new Error(response.status); }
                return response.json();
            }).then(add).catch(function () {
                var note = L.control({position: "topright"});
                note.onAdd = function () {
                    var div = L.DomUtil.create("div", "crossings-legend");
                    div.textContent = "The country outlines could not be loaded. Reload the page.";
                    return div;
                };
                note.addTo(layer._map);
            });
            {%- else %}
            add({{ this.collection|tojson }});
            {%- endif %}
        })({{ this.get_name() }}, {{ this.properties|tojson }});
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, properties: dict[str, dict], *, url: str | None = None,
                 features: list[dict] | None = None, point_to_layer: JsCode | None = None):
        super().__init__()
        self._name = "FeatureLayer"
        self.properties = properties
        self.url = url
        self.collection = {"type": "FeatureCollection", "features": features or []}
        self.point_to_layer = point_to_layer
        self.hover = {"weight": 2.5, "color": palette.TEXT}


def _base_map(tiles: bool) -> folium.Map:
    fmap = folium.Map(location=(25, 30), zoom_start=3, tiles=None, world_copy_jump=False)
    # folium hands min/max zoom only to a tile layer; markercluster needs them on the map
    fmap.options.update(min_zoom=1, max_zoom=TILE_MAX_ZOOM if tiles else MAX_ZOOM)
    fmap.default_js = list(MAP_JS)  # instance lists: never edit folium's class-level CDN lists
    fmap.default_css = list(MAP_CSS)
    if tiles:
        folium.TileLayer(STREET_TILES, name="Street map", control=False, max_zoom=TILE_MAX_ZOOM).add_to(fmap)
    return fmap


def _fit(fmap: folium.Map, bounds: Iterable[tuple[float, float, float, float]], max_zoom: int = 6) -> None:
    boxes = list(bounds)
    if not boxes:
        fmap.fit_bounds([[-50, -170], [75, 170]])
        return
    south = min(b[0] for b in boxes)
    west = min(b[1] for b in boxes)
    north = max(b[2] for b in boxes)
    east = max(b[3] for b in boxes)
    fmap.fit_bounds([[south, west], [north, east]], max_zoom=max_zoom, padding=(12, 12))


def _country_tooltip(name: str, *lines: str) -> str:
    return f"<b>{html_text(name)}</b>" + "".join(f"<br>{html_text(line)}" for line in lines)


# --- event popups -----------------------------------------------------------------------------

def _labels(dataset: Dataset, org_ids: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(dataset.organisation_label(o) for o in org_ids))


def _event_place(dataset: Dataset, event) -> str:
    if event["mode"] == "online" or not isinstance(event["host_iso3"], str):
        return "Online" if event["mode"] == "online" else "Place unknown"
    parts = [p for p in (event["venue"], event["city"]) if isinstance(p, str) and p]
    parts.append(dataset.country_name(event["host_iso3"]))
    return ", ".join(parts)


def _grouped(keys, values) -> dict[str, list]:
    """Key -> its values, in the order given."""
    found: dict[str, list] = {}
    for key, value in zip(keys, values, strict=True):
        found.setdefault(key, []).append(value)
    return found


@dataclass(frozen=True)
class _PopupLookups:
    """What event popups need from the whole dataset, gathered once per dataset."""

    organisers: dict[str, list[tuple[str, str]]]  # event id -> (org id, role) in ROLE_LABELS
    direct_funders: dict[str, list[str]]  # event id -> org ids named as its funder
    project_funders: dict[str, list[str]]  # project id -> 'EU (IcSP)', per funding line
    source_urls: dict[str, object]


def _popup_lookups(dataset: Dataset) -> _PopupLookups:
    def gather() -> _PopupLookups:
        org = dataset.organisation_label
        links = dataset.event_organisations
        organising = links[links["role"].isin(ROLE_LABELS)]
        funding = links[links["role"] == "funder"]
        lines = dataset.funding
        return _PopupLookups(
            organisers=_grouped(organising["event_id"], zip(organising["org_id"], organising["role"],
                                                            strict=True)),
            direct_funders=_grouped(funding["event_id"], funding["org_id"]),
            project_funders=_grouped(lines["project_id"], [
                org(funder) + (f" ({org(instrument)})" if isinstance(instrument, str) else "")
                for funder, instrument in zip(lines["funder_id"], lines["instrument_id"], strict=True)]),
            source_urls=dict(zip(dataset.sources["source_id"], dataset.sources["url"], strict=True)))
    return dataset.memo.get("popup_lookups", gather)


def event_funders(dataset: Dataset, event) -> list[str]:
    """Who paid: funders named for the event itself, then the funders of its project (with the
    instrument, e.g. 'EU (IcSP)')."""
    lookups = _popup_lookups(dataset)
    names = _labels(dataset, lookups.direct_funders.get(event["event_id"], []))
    if isinstance(event["project_id"], str):
        for name in lookups.project_funders.get(event["project_id"], []):
            if name not in names:
                names.append(name)
    return names


def event_popup_html(dataset: Dataset, event) -> str:
    """The popup of one event, as escaped HTML: title, dates with their precision, place,
    organisers, participants, funders, source."""
    lookups = _popup_lookups(dataset)
    when = format_period(event["start_date"], event["end_date"], event["date_precision"])
    status_note = DATE_STATUS_NOTES.get(event["date_status"])
    if status_note:
        when += f" ({status_note})"
    place = _event_place(dataset, event)
    if event["location_precision"] == "country":
        place += " (marker at the country's centre)"
    organisers = [dataset.organisation_label(org_id) + (f" ({ROLE_LABELS[role]})" if ROLE_LABELS[role]
                                                        else "")
                  for org_id, role in lookups.organisers.get(event["event_id"], [])]
    count = event["participants"]
    people = format_count(count) if pd.notna(count) else "not given by the source"
    funders = event_funders(dataset, event)
    source_id = event["source_id"]
    rows = [
        ("When", html_text(when)),
        ("Where", html_text(place)),
        ("Organisers", html_text(", ".join(dict.fromkeys(organisers)) or "not named")),
        ("Participants", html_text(people)),
        ("Funders", html_text(", ".join(funders) or "none recorded")),
        ("Source", html_link(short_citation(dataset, source_id), lookups.source_urls.get(source_id))),
    ]
    body = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows)
    return f'<div class="crossings-popup"><h4>{html_text(event["title"])}</h4><dl>{body}</dl></div>'


def event_popups(dataset: Dataset) -> dict[str, str]:
    """Event id -> its popup, for every event with a place: a popup depends only on the data,
    so it is written once per dataset, whatever the filters."""
    def write() -> dict[str, str]:
        events = dataset.events
        located = events[events["lat"].notna() & events["lon"].notna()]
        return {event["event_id"]: event_popup_html(dataset, event) for event in located.to_dict("records")}
    return dataset.memo.get("event_popups", write)


def kind_colours(dataset: Dataset) -> dict[str, str]:
    """One colour per event kind, stable for a dataset (sorted kinds)."""
    return palette.colour_map(sorted(set(dataset.events["kind"])))


def event_features(view: FilteredView) -> list[dict]:
    """Point features for the events that have a place (online events have none)."""
    def build() -> list[dict]:
        colours = kind_colours(view.dataset)
        popups = event_popups(view.dataset)
        events = view.events
        located = events[events["lat"].notna() & events["lon"].notna()]
        return [{
            "type": "Feature",
            "id": event.event_id,
            "properties": {
                "kind": "event",
                "event_id": event.event_id,
                "label": str(event.title),  # plain text: Leaflet sets it as an attribute
                "colour": colours.get(event.kind, palette.TEXT),
                "tooltip": html_text(event.title),
                "popup": popups[event.event_id],
            },
            "geometry": {"type": "Point", "coordinates": [float(event.lon), float(event.lat)]},
        } for event in records(located, ("event_id", "title", "kind", "lat", "lon"))]
    return view.memo.get("event_features", build)


# --- the activity map -------------------------------------------------------------------------

@dataclass(frozen=True)
class Shading:
    """The choropleth of one metric: a figure and a fill per country, and the legend classes."""

    metric_key: str
    currency: str
    figures: dict[str, CountryFigure]
    classes: list[ColourClass]

    @property
    def metric(self) -> Metric:
        return METRICS[self.metric_key]

    def fill(self, iso3: str | None) -> str:
        figure = self.figures.get(iso3) if iso3 else None
        colour = colour_for(figure.value, self.classes) if figure else None
        return colour or NO_DATA_FILL

    def tooltip_lines(self, iso3: str | None) -> list[str]:
        """Plain-text lines under the country's name: the figure, and what it stands for."""
        figure = self.figures.get(iso3) if iso3 else None
        title = self.metric.legend_title(self.currency)
        if figure is None:
            return ["No activity recorded under the filters"]
        if figure.value is None:
            return [f"{title}: no data", figure.detail]
        lines = [f"{title}: {self.metric.format(figure.value, self.currency)}"]
        return [*lines, figure.detail] if self.metric.detail_in_tooltip else lines


def shading(view: FilteredView, metric_key: str, currency: str = "EUR") -> Shading:
    metric = METRICS[metric_key]
    figures = metric.compute(view, currency)
    classes = colour_classes([f.value for f in figures.values()], lambda v: metric.format(v, currency))
    return Shading(metric_key, currency, figures, classes)


def activity_legend_html(shade: Shading, kinds: dict[str, str], events: list[dict]) -> str:
    """The metric's classes, zero and no data; then the kinds of the events on the map."""
    parts = [f'<div class="title">{html_text(shade.metric.legend_title(shade.currency))}</div>']
    parts += [_legend_row(c.colour, c.label) for c in reversed(shade.classes)]
    parts.append(_legend_row(palette.ZERO, "0"))
    parts.append(_legend_row("", "No data", "swatch no-data"))
    shown = {f["properties"]["colour"] for f in events}
    if events:
        parts.append('<div class="title" style="margin-top:6px">Events</div>')
        parts += [_legend_row(colour, kind, "dot") for kind, colour in kinds.items() if colour in shown]
    if len(events) > 1:
        parts.append('<div class="row"><span class="cluster-key">3</span><span>grouped events</span></div>')
    return "".join(parts)


def activity_note(shade: Shading) -> str:
    """What the legend cannot say in a few words, for a caption under the map."""
    return (f"{shade.metric.explanation} Hatched grey means no data: no activity recorded under the "
            "filters, or the sources give no figure. The lightest blue means 0.")


def country_properties(view: FilteredView, world: World, shade: Shading, tiles: bool) -> dict[str, dict]:
    """What the world map says about each country, by feature id: kind and ISO3 code (read
    back when a country is clicked), fill and outline, tooltip."""
    names = view.dataset.country_names
    properties = {}
    for country in world.shapes:
        name = names.get(country.iso3, country.name) if country.iso3 else country.name
        properties[country.key] = {
            "kind": "country",
            "iso3": country.iso3 or "",
            "tooltip": _country_tooltip(name, *shade.tooltip_lines(country.iso3)),
            "style": {"fillColor": shade.fill(country.iso3), "fillOpacity": 0.75 if tiles else 1.0,
                      **OUTLINE},
        }
    return properties


def activity_map(view: FilteredView, world: World, shade: Shading, geometry_url: str,
                 tiles: bool = False, show_events: bool = True) -> folium.Map:
    """Countries shaded by a metric (see shading()), the view's events as clustered markers
    with popups, and a legend. The outlines are fetched from geometry_url
    (static_files.publish_world)."""
    fmap = _base_map(tiles)
    folium.map.CustomPane(SELECTION_PANE, z_index=450, pointer_events=False).add_to(fmap)
    properties = country_properties(view, world, shade, tiles)
    FeatureLayer(properties, url=geometry_url).add_to(fmap)
    small = [s for s in world.shapes if s.is_small and s.iso3 in shade.figures]
    if small:
        FeatureLayer({f"dot-{s.key}": {**properties[s.key], "style": {
                          **properties[s.key]["style"], "fillOpacity": 1.0, "color": palette.TEXT,
                          "weight": 1.5}} for s in small},
                     features=[_dot(s) for s in small], point_to_layer=SMALL_COUNTRY_DOT).add_to(fmap)
    _MapExtras().add_to(fmap)
    events = event_features(view) if show_events else []
    if events:
        cluster = folium.plugins.MarkerCluster(
            name="events", control=False, icon_create_function=CLUSTER_ICON,
            options={"showCoverageOnHover": False, "maxClusterRadius": 40, "spiderfyOnMaxZoom": True,
                     "chunkedLoading": True})  # thousands of markers: added in slices, page stays responsive
        cluster.default_js = list(CLUSTER_JS)
        cluster.default_css = list(CLUSTER_CSS)
        FeatureLayer({f["id"]: f["properties"] for f in events}, features=_without_properties(events),
                     point_to_layer=EVENT_MARKER).add_to(cluster)
        cluster.add_to(fmap)
    Legend(activity_legend_html(shade, kind_colours(view.dataset), events), "bottomleft").add_to(fmap)
    engaged = [world.shape(iso3) for iso3 in shade.figures]
    _fit(fmap, [s.bounds for s in engaged if s is not None]
         + [(f["geometry"]["coordinates"][1], f["geometry"]["coordinates"][0]) * 2 for f in events])
    return fmap


def _without_properties(features: list[dict]) -> list[dict]:
    """The features as the browser needs them: FeatureLayer joins each to its properties by id,
    so sending the properties inside the features too would send every popup twice."""
    return [{**feature, "properties": {}} for feature in features]


def _dot(country: CountryShape) -> dict:
    """A point inside a small country (Bahrain, Comoros) so it can be seen and clicked at any
    zoom; it carries the country's own properties and fill."""
    return {"type": "Feature", "id": f"dot-{country.key}", "properties": {},
            "geometry": {"type": "Point", "coordinates": [country.anchor[1], country.anchor[0]]}}


def selection_outline(world: World, iso3: str | None) -> folium.FeatureGroup | None:
    """An outline of the selected country, for st_folium's feature_group_to_add: drawn over the
    map without reloading it, in its own pane above the countries. Not clickable, so clicks
    reach the country below."""
    country = world.shape(iso3) if iso3 else None
    if country is None:
        return None
    group = folium.FeatureGroup(name="selected country", control=False)
    folium.GeoJson(country.feature({}), style_function=lambda _: {
        "fill": False, "color": palette.HIGHLIGHT, "weight": 3.5},
        interactive=False, control=False, pane=SELECTION_PANE).add_to(group)
    return group


# --- the borders map --------------------------------------------------------------------------

BORDERS_CONTEXT_PADDING = 3.0  # degrees of surrounding countries drawn around the view
BORDERS_LAND_REACH = 15.0  # how far beyond the country the view may reach for land neighbours
BORDERS_SEA_REACH = 5.0  # ...and for neighbours across the sea (Russia is Iran's, over the Caspian)


def _clipped_union(home: CountryShape, others: list[CountryShape], reach: float) -> tuple[float, ...]:
    south, west, north, east = home.bounds
    boxes = [home.bounds] + [s.bounds for s in others]
    return (max(south - reach, min(b[0] for b in boxes)), max(west - reach, min(b[1] for b in boxes)),
            min(north + reach, max(b[2] for b in boxes)), min(east + reach, max(b[3] for b in boxes)))


def _view_box(home: CountryShape, land: list[CountryShape], sea: list[CountryShape]) -> tuple[float, ...]:
    """The country and its land neighbours, plus the near side of its neighbours across the sea:
    the view stops short of Siberia for Iran."""
    boxes = [_clipped_union(home, land, BORDERS_LAND_REACH), _clipped_union(home, sea, BORDERS_SEA_REACH)]
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
            max(b[3] for b in boxes))


def borders_map(profile: CountryProfile, world: World, geometry_url: str,
                tiles: bool = False) -> folium.Map | None:
    """The selected country and its neighbours: land neighbours coloured by the length of the
    shared border (as the country's own entry gives it), neighbours across the sea outlined,
    the countries around in grey. None if the country has no outline. The outlines come from
    geometry_url, like the world map's."""
    home = world.shape(profile.iso3)
    if home is None:
        return None
    land = {n.iso3: n for n in profile.land_neighbours}
    known = [n for n in profile.land_neighbours if n.length_km is not None]
    colours = dict(zip([n.iso3 for n in known], length_colours(n.length_km for n in known), strict=True))
    across = {n.iso3: n for n in profile.maritime_only}
    box = _view_box(home, [s for s in map(world.shape, land) if s is not None],
                    [s for s in map(world.shape, across) if s is not None])
    pad = BORDERS_CONTEXT_PADDING
    around = world.shapes_within((box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad))
    fill_opacity = 0.7 if tiles else 1.0
    properties = {}
    for country in around:
        iso3 = country.iso3 or ""
        style = {"fillColor": palette.NO_DATA, "fillOpacity": fill_opacity, **OUTLINE}
        if country is home:
            text = (f"land borders {format_km(profile.land_border_km)}, "
                    f"coastline {format_km(profile.coastline_km)}")
            style.update(fillColor=palette.HIGHLIGHT, color=palette.TEXT, weight=1.5)
        elif iso3 in land:
            text = _land_neighbour_text(profile, land[iso3])
            style.update(fillColor=colours.get(iso3, palette.ZERO))
        elif iso3 in across:
            text = _maritime_text(across[iso3])
            style.update(color=palette.MARITIME_LINE, weight=2.5, dashArray="5 4")
        else:
            text = f"not a neighbour of {profile.name}"
        properties[country.key] = {"kind": "country", "iso3": iso3, "style": style,
                                   "tooltip": _country_tooltip(country.name, text)}
    fmap = _base_map(tiles)
    FeatureLayer(properties, url=geometry_url).add_to(fmap)
    _MapExtras().add_to(fmap)
    Legend(borders_legend_html(profile, colours, known, bool(across)), "bottomleft").add_to(fmap)
    _fit(fmap, [box], max_zoom=7)
    return fmap


def _land_neighbour_text(profile: CountryProfile, neighbour: LandNeighbour) -> str:
    text = f"{format_km(neighbour.length_km)} land border with {profile.name}"
    if neighbour.is_asymmetric:
        text += f" ({neighbour.name}'s own entry gives {format_km(neighbour.their_length_km)})"
    return text


def _maritime_text(neighbour: MaritimeNeighbour) -> str:
    parts = [f"across the {neighbour.sea}" if neighbour.sea else "across the sea"]
    if neighbour.status:
        parts.append(neighbour.status)
    return "; ".join(parts)


def borders_legend_html(profile: CountryProfile, colours: dict[str, str], known: list[LandNeighbour],
                        has_maritime: bool) -> str:
    """Short, so it leaves the map visible: the lengths themselves are on the bar chart (same
    colours) and in each neighbour's tooltip."""
    parts = [_legend_row(palette.HIGHLIGHT, profile.name)]
    if known:
        steps = [colours[n.iso3] for n in (known[0], known[-1])]
        parts.append(f'<div class="row"><span class="swatch" style="background:linear-gradient(90deg,'
                     f'{steps[-1]},{steps[0]})"></span><span>Land neighbour: darker, longer border '
                     f"({html_text(format_km(known[-1].length_km))} to "
                     f"{html_text(format_km(known[0].length_km))})</span></div>")
    else:
        parts.append(f'<div class="note">{html_text(profile.name)} has no land neighbours in the data.</div>')
    if has_maritime:
        parts.append(_legend_row("", "Neighbour across the sea only", "swatch dashed"))
    parts.append(_legend_row(palette.NO_DATA, "Other countries"))
    return "".join(parts)
