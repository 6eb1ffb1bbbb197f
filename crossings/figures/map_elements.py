"""The pieces every folium map here is made of: Leaflet from the app's static files (never a CDN),
the page styles, elements that put their text in the page exactly as given (never read as a
template a second time), the feature layer that binds escaped tooltips and popups to outlines,
the legend box, and the base map. No Streamlit here.

Offline first: there are no tiles unless the user asks for them, and no jQuery, Bootstrap,
Font Awesome or d3. folium's Popup and GeoJsonTooltip are not used: Popup puts its HTML inside a
JavaScript template string and GeoJsonTooltip writes property values into the page unescaped.
"""

from __future__ import annotations

from collections.abc import Iterable

import folium
import folium.plugins
from branca.element import Element, Figure, MacroElement
from folium.template import Template
from folium.utilities import JsCode

from crossings.figures import palette, static_files
from crossings.languages import _, is_rtl
from crossings.text.escaping import html_text

MAP_JS = [("leaflet", static_files.LEAFLET_JS.url)]
MAP_CSS = [("leaflet_css", static_files.LEAFLET_CSS.url)]
CLUSTER_JS = [("markerclusterjs", static_files.MARKERCLUSTER_JS.url)]
CLUSTER_CSS = [("markerclustercss", static_files.MARKERCLUSTER_CSS.url)]

NO_DATA_PATTERN_ID = "crossings-no-data"
NO_DATA_FILL = f"url(#{NO_DATA_PATTERN_ID})"
VIA_GROUP_PATTERN_ID = "crossings-via-group"
VIA_GROUP_FILL = f"url(#{VIA_GROUP_PATTERN_ID})"  # reached only through a group a source names
MAX_ZOOM = 8  # the outlines are simplified to about 0.15 degree: closer than this they look coarse
TILE_MAX_ZOOM = 12
STREET_TILES = "OpenStreetMap"  # the optional basemap for users who are online
OUTLINE = {"color": palette.BORDER_LINE, "weight": 0.6}
SELECTION_PANE = "selection"  # above the countries (which arrive later, by fetch), below markers

EVENT_MARKER = JsCode("""function (feature, latlng) {
    var p = feature.properties;
    return L.marker(latlng, {
        icon: L.divIcon({className: "crossings-event", iconSize: [18, 18],
                         html: '<span class="' + (p.counted === false ? "not-counted" : "") +
                               '" style="border-color:' + p.colour + '"></span>'}),
        title: p.label, alt: p.label, keyboard: true, riseOnHover: true, count: p.count || 1
    });
}""")

SMALL_COUNTRY_DOT = JsCode("""function (feature, latlng) {
    return L.circleMarker(latlng, {radius: 6});
}""")

# A cluster shows how many events it holds: a marker for a place with several events
# (map_popups.place_features) counts as that many.
CLUSTER_ICON = """function (cluster) {
    var events = cluster.getAllChildMarkers().reduce(function (sum, marker) {
        return sum + (marker.options.count || 1); }, 0);
    return L.divIcon({className: "crossings-cluster", iconSize: L.point(30, 30),
                      html: "<span>" + events + "</span>"});
}"""


def legend_css() -> str:
    """The legend's rules, for the legend under a map (components.map_widget draws it in the
    page, where it hides nothing of the map)."""
    p = palette
    return f"""
.crossings-legend {{ color: {p.TEXT}; font-size: 14px; line-height: 1.35; display: flex; flex-wrap: wrap;
  gap: 4px 22px; padding: 2px 0 0; }}
.crossings-legend .group {{ display: flex; flex-wrap: wrap; align-items: center; gap: 2px 12px; }}
.crossings-legend .title {{ font-weight: 600; }}
.crossings-legend .row {{ display: flex; align-items: center; gap: 6px; }}
.crossings-legend .swatch {{ width: 18px; height: 12px; flex: none; border: 1px solid {p.BORDER_LINE}; }}
.crossings-legend .no-data {{
  background: repeating-linear-gradient(45deg, {p.NO_DATA} 0 3px, #FFFFFF 3px 5px); }}
.crossings-legend .via-group {{
  background: repeating-linear-gradient(-45deg, {p.VIA_GROUP} 0 3px, #FFFFFF 3px 5px); }}
.crossings-legend .not-counted {{ width: 9px; height: 9px; border-radius: 50%; flex: none;
  border: 3px dashed {p.TEXT}; }}
.crossings-legend .dot {{ width: 9px; height: 9px; border-radius: 50%; flex: none; border: 3px solid;
  box-shadow: 0 0 0 1px #FFFFFF; }}
.crossings-legend .dashed {{ background: {p.NO_DATA}; border: 2px dashed {p.MARITIME_LINE}; }}
.crossings-legend .cluster-key {{ display: flex; align-items: center; justify-content: center;
  width: 14px; height: 14px; border-radius: 50%; border: 2.5px solid {p.TEXT}; color: {p.TEXT};
  font-size: 10px; font-weight: 700; flex: none; }}
.crossings-legend .note {{ color: {p.MUTED_TEXT}; font-size: 13px; }}
"""


def _styles() -> str:
    p = palette
    # Marks are rings: the fill of the country under an event or a group of events shows through
    # (Jordan, in the darkest class, sits under the group of its six events).
    return f"""<style>
.leaflet-container {{ background: #FFFFFF; font-family: {p.FONT_FAMILY}; }}
.crossings-note {{ background: rgba(255,255,255,0.94); color: {p.TEXT}; padding: 8px 10px;
  border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,0.3); font-size: 13px; max-width: 220px; }}
.crossings-event span {{ display: block; width: 8px; height: 8px; border-radius: 50%;
  border: 3px solid {p.TEXT}; box-shadow: 0 0 0 1.5px #FFFFFF, inset 0 0 0 1px #FFFFFF; }}
.crossings-cluster span {{ display: flex; align-items: center; justify-content: center; width: 22px;
  height: 22px; border-radius: 50%; border: 3px solid {p.TEXT}; color: {p.TEXT}; font-weight: 700;
  font-size: 13px; box-shadow: 0 0 0 1.5px #FFFFFF, inset 0 0 0 1.5px #FFFFFF;
  text-shadow: 0 0 2px #FFFFFF, 0 0 2px #FFFFFF, 0 0 3px #FFFFFF; }}
.crossings-event span.not-counted {{ border-style: dashed; }}
.crossings-popup {{ font-size: 13px; color: {p.TEXT}; }}
.crossings-popup h4 {{ font-size: 14px; margin: 0 0 6px; }}
.crossings-popup dl {{ display: grid; grid-template-columns: max-content 1fr; gap: 2px 8px; margin: 0; }}
.crossings-popup dt {{ color: {p.MUTED_TEXT}; }}
.crossings-popup dd {{ margin: 0; }}
.leaflet-tooltip {{ font-size: 13px; white-space: normal; width: max-content; max-width: 240px; }}
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


class MapExtras(_DataElement):
    """The map's own CSS, the hatch pattern for "no data" (an SVG pattern added to Leaflet's
    vector layer), an attribution for the polygons, the map's title (read by screen readers as
    the name of the map and of the frame it is shown in), a focus that never scrolls the
    page (else the first click low on a map scrolled the page and opened nothing), and
    tooltips kept whole inside the map."""

    _template = Template("""
        {% macro header(this, kwargs) %}{{ this.styles }}{% endmacro %}
        {% macro script(this, kwargs) %}
        (function (map) {
            var svg = map.getRenderer({options: {}})._container;
            if (svg && !svg.querySelector("#{{ this.pattern_id }}")) {
                var ns = "http://www.w3.org/2000/svg";
                var defs = document.createElementNS(ns, "defs");
                {{ this.patterns|tojson }}.forEach(function (spec) {
                    var pattern = document.createElementNS(ns, "pattern");
                    pattern.setAttribute("id", spec.id);
                    pattern.setAttribute("patternUnits", "userSpaceOnUse");
                    pattern.setAttribute("width", "6");
                    pattern.setAttribute("height", "6");
                    pattern.setAttribute("patternTransform", "rotate(" + spec.angle + ")");
                    var ground = document.createElementNS(ns, "rect");
                    ground.setAttribute("width", "6");
                    ground.setAttribute("height", "6");
                    ground.setAttribute("fill", spec.ground);
                    var stripe = document.createElementNS(ns, "rect");
                    stripe.setAttribute("width", "2");
                    stripe.setAttribute("height", "6");
                    stripe.setAttribute("fill", "#FFFFFF");
                    pattern.appendChild(ground);
                    pattern.appendChild(stripe);
                    defs.appendChild(pattern);
                });
                svg.insertBefore(defs, svg.firstChild);
            }
            map.attributionControl.addAttribution({{ this.attribution|tojson }});
            // Leaflet focuses the map on the first mousedown (for its arrow keys); a plain focus()
            // scrolls the page to show the whole frame, so on a 1280x720 screen the first click on
            // a country low on the map moved the page under the pointer and opened nothing.
            var container = map.getContainer();
            container.focus = function (options) {
                HTMLElement.prototype.focus.call(container, Object.assign({preventScroll: true}, options));
            };
            // A tooltip follows the pointer, beside it, its middle level with it: near the top or
            // foot of the map half of it went past the edge. Kept inside the map's frame.
            if (!L.Tooltip.prototype._crossingsInView) {
                var place = L.Tooltip.prototype._setPosition;
                L.Tooltip.prototype._setPosition = function (point) {
                    place.call(this, point);
                    var shown = this._map, box = this._container;
                    if (!shown || !box) { return; }
                    var at = L.DomUtil.getPosition(box), corner = shown.containerPointToLayerPoint([0, 0]);
                    var size = shown.getSize();
                    var x = Math.max(corner.x + 2, Math.min(at.x, corner.x + size.x - box.offsetWidth - 2));
                    var y = Math.max(corner.y + 2, Math.min(at.y, corner.y + size.y - box.offsetHeight - 2));
                    if (x !== at.x || y !== at.y) { L.DomUtil.setPosition(box, L.point(x, y)); }
                };
                L.Tooltip.prototype._crossingsInView = true;
            }
            {%- if this.title %}
            map.getContainer().setAttribute("aria-label", {{ this.title|tojson }});
            document.title = {{ this.title|tojson }};
            try {  // the frame Streamlit puts the map in is otherwise titled 'streamlit_folium.st_folium'
                if (window.frameElement) { window.frameElement.title = {{ this.title|tojson }}; }
            } catch (error) { /* a frame of another origin: its title stays */ }
            {%- endif %}
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, title: str = ""):
        super().__init__()
        self._name = "MapExtras"
        self.title = title
        self.styles = _styles()
        self.pattern_id = NO_DATA_PATTERN_ID
        # grey stripes one way for no data; orange the other way for "only via a group"
        self.patterns = [{"id": NO_DATA_PATTERN_ID, "ground": palette.NO_DATA, "angle": 45},
                         {"id": VIA_GROUP_PATTERN_ID, "ground": palette.VIA_GROUP, "angle": -45}]
        self.attribution = html_text(_("Country polygons: Natural Earth (public domain)"))


def legend_group(*rows: str, title: str = "") -> str:
    """Rows of a legend that belong together, after their title if any."""
    heading = f'<span class="title">{html_text(title)}</span>' if title else ""
    return f'<div class="group">{heading}{"".join(rows)}</div>'


def legend_row(swatch: str, label: str, swatch_class: str = "swatch") -> str:
    prop = "border-color" if swatch_class == "dot" else "background"
    style = f' style="{prop}:{swatch}"' if swatch else ""
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
                    // "auto": left or right of the pointer, whichever side of the map has room,
                    // so a long line is never cut at the map's edge
                    layer.bindTooltip(p.tooltip, {sticky: true, direction: "auto", opacity: 0.95});
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
                    var div = L.DomUtil.create("div", "crossings-note");
                    div.textContent = {{ this.failed_note|tojson }};
                    div.dir = {{ this.direction|tojson }};
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
        self.failed_note = _("The country outlines could not be loaded. Reload the page.")
        self.direction = direction()


def base_map(tiles: bool) -> folium.Map:
    fmap = folium.Map(location=(25, 30), zoom_start=3, tiles=None, world_copy_jump=False)
    # folium hands min/max zoom only to a tile layer; markercluster needs them on the map
    fmap.options.update(min_zoom=1, max_zoom=TILE_MAX_ZOOM if tiles else MAX_ZOOM)
    fmap.default_js = list(MAP_JS)  # instance lists: never edit folium's class-level CDN lists
    fmap.default_css = list(MAP_CSS)
    if tiles:
        folium.TileLayer(STREET_TILES, name="Street map", control=False, max_zoom=TILE_MAX_ZOOM).add_to(fmap)
    return fmap


def fit_to_boxes(fmap: folium.Map, bounds: Iterable[tuple[float, float, float, float]],
                 max_zoom: int = 6) -> None:
    """Zoom the map to the boxes (south, west, north, east) together; the world when there are none."""
    boxes = list(bounds)
    if not boxes:
        fmap.fit_bounds([[-50, -170], [75, 170]])
        return
    south = min(b[0] for b in boxes)
    west = min(b[1] for b in boxes)
    north = max(b[2] for b in boxes)
    east = max(b[3] for b in boxes)
    fmap.fit_bounds([[south, west], [north, east]], max_zoom=max_zoom, padding=(12, 12))


def direction() -> str:
    """The direction of the text the maps build (tooltips, popups, legends): "rtl" in Arabic."""
    return "rtl" if is_rtl() else "ltr"


def direction_attribute() -> str:
    """' dir="rtl"' for a block of text built in HTML when the language reads right to left, else ''."""
    return ' dir="rtl"' if is_rtl() else ""


def country_tooltip(name: str, *lines: str) -> str:
    text = f"<b>{html_text(name)}</b>" + "".join(f"<br>{html_text(line)}" for line in lines)
    return f"<div{direction_attribute()}>{text}</div>" if is_rtl() else text
