"""The activity map: countries shaded by the chosen figure, events as markers (clustered), the
selected country outlined, and the legend that says what each colour means. The world's
outlines are fetched once from a static file; what the map says about each country travels with
the map and is joined to the outlines by id.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import folium
import folium.plugins

from crossings.figures import palette
from crossings.figures.geometry import CountryShape, World
from crossings.figures.map_elements import (
    CLUSTER_CSS,
    CLUSTER_ICON,
    CLUSTER_JS,
    EVENT_MARKER,
    NO_DATA_FILL,
    OUTLINE,
    SELECTION_PANE,
    SMALL_COUNTRY_DOT,
    VIA_GROUP_FILL,
    FeatureLayer,
    MapExtras,
    base_map,
    country_tooltip,
    fit_to_boxes,
    legend_group,
    legend_row,
)
from crossings.figures.map_popups import MAX_EVENT_MARKERS, event_features, kind_colours
from crossings.languages import _
from crossings.languages.numbers import country_name as localised_country_name
from crossings.text.escaping import html_text
from crossings.text.formatting import format_count
from crossings.text.labels import value_label
from crossings.views.filtered_view import FilteredView
from crossings.views.map_metrics import (
    METRICS,
    ColourClass,
    CountryFigure,
    Metric,
    colour_classes,
    colour_for,
    via_group_only,
)

# --- the activity map -------------------------------------------------------------------------

@dataclass(frozen=True)
class Shading:
    """The choropleth of one metric: a figure and a fill per country, and the legend classes."""

    metric_key: str
    currency: str
    figures: dict[str, CountryFigure]
    classes: list[ColourClass]
    via_group: dict[str, str] = field(default_factory=dict)  # ISO3 -> how it was reached, no figure

    @property
    def metric(self) -> Metric:
        return METRICS[self.metric_key]

    def fill(self, iso3: str | None) -> str:
        figure = self.figures.get(iso3) if iso3 else None
        if figure is None and iso3 in self.via_group:
            return VIA_GROUP_FILL
        colour = colour_for(figure.value, self.classes) if figure else None
        return colour or NO_DATA_FILL

    def tooltip_lines(self, iso3: str | None) -> list[str]:
        """Plain-text lines under the country's name: the figure, and what it stands for."""
        figure = self.figures.get(iso3) if iso3 else None
        title = self.metric.legend_title(self.currency)
        if figure is None and iso3 in self.via_group:
            return [_("Took part {how}").format(how=self.via_group[iso3]), _("Not counted in the figures")]
        if figure is None:
            return [_("No activity recorded under the filters")]
        if figure.value is None:
            return [_("{metric}: no data").format(metric=title), figure.detail]
        value = self.metric.format(figure.value, self.currency)
        lines = [_("{metric}: {value}").format(metric=title, value=value)]
        return [*lines, figure.detail] if self.metric.detail_in_tooltip else lines


def shading(view: FilteredView, metric_key: str, currency: str = "EUR") -> Shading:
    metric = METRICS[metric_key]
    figures = metric.compute(view, currency)
    classes = colour_classes([f.value for f in figures.values()], lambda v: metric.format(v, currency))
    return Shading(metric_key, currency, figures, classes, via_group_only(view))


def activity_legend_html(shade: Shading, kinds: dict[str, str], events: list[dict]) -> str:
    """The metric's classes, zero and no data; then the kinds of the events on the map."""
    rows = [legend_row(c.colour, c.label) for c in reversed(shade.classes)]
    rows += [legend_row(palette.ZERO, "0"), legend_row("", _("No data"), "swatch no-data")]
    if shade.via_group:
        rows.append(legend_row("", _("Only via a group a source names"), "swatch via-group"))
    groups = [legend_group(*rows, title=shade.metric.legend_title(shade.currency))]
    shown = {f["properties"]["colour"] for f in events if f["properties"]["kind"] == "event"}
    # each kind in words, in the page's language ('assessment visit', not the code assessment_visit)
    rows = [legend_row(colour, str(value_label(kind)), "dot") for kind, colour in kinds.items()
            if colour in shown]
    if any(f["properties"]["kind"] == "place" for f in events):
        text = _("over {count} events: one marker per place, click for its events")
        rows.append(legend_row(palette.TEXT, text.format(count=format_count(MAX_EVENT_MARKERS)), "dot"))
    if any(not f["properties"].get("counted", True) for f in events):
        rows.append(legend_row("", _("Announced, postponed or cancelled: not counted"), "not-counted"))
    if len(events) > 1:
        grouped = html_text(_("grouped events"))
        rows.append(f'<div class="row"><span class="cluster-key">3</span><span>{grouped}</span></div>')
    if rows:
        groups.append(legend_group(*rows, title=_("Events")))
    return "".join(groups)


def activity_legend(view: FilteredView, shade: Shading) -> str:
    """The legend of activity_map(view, shade), drawn under the map by the page: inside it, a
    legend covered West Africa."""
    return activity_legend_html(shade, kind_colours(view.dataset), event_features(view))


def activity_note(shade: Shading) -> str:
    """What the legend cannot say in a few words, for a caption under the map."""
    parts = [_(shade.metric.explanation),
             _("Hatched grey means no data: no activity recorded under the filters, or the sources give "
               "no figure. The lightest blue means 0.")]
    if shade.via_group:
        parts.append(_("Orange stripes: countries that took part only as members of a group the source "
                       "names instead of the countries; not counted in the figures."))
    return " ".join(parts)


def country_properties(view: FilteredView, world: World, shade: Shading, tiles: bool) -> dict[str, dict]:
    """What the world map says about each country, by feature id: kind and ISO3 code (read
    back when a country is clicked), fill and outline, tooltip."""
    names = view.dataset.country_names
    properties = {}
    for country in world.shapes:
        name = (localised_country_name(country.iso3, names.get(country.iso3, country.name)) if country.iso3
                else country.name)
        properties[country.key] = {
            "kind": "country",
            "iso3": country.iso3 or "",
            "tooltip": country_tooltip(name, *shade.tooltip_lines(country.iso3)),
            "style": {"fillColor": shade.fill(country.iso3), "fillOpacity": 0.75 if tiles else 1.0,
                      **OUTLINE},
        }
    return properties


def activity_map(view: FilteredView, world: World, shade: Shading, geometry_url: str,
                 tiles: bool = False, show_events: bool = True) -> folium.Map:
    """Countries shaded by a metric (see shading()), the view's events as clustered markers
    with popups (rings: the country's fill shows through). The legend goes under the map
    (activity_legend), where it hides nothing. The outlines are fetched from geometry_url
    (static_files.publish_world)."""
    fmap = base_map(tiles)
    folium.map.CustomPane(SELECTION_PANE, z_index=450, pointer_events=False).add_to(fmap)
    properties = country_properties(view, world, shade, tiles)
    FeatureLayer(properties, url=geometry_url).add_to(fmap)
    small = [s for s in world.shapes if s.is_small and (s.iso3 in shade.figures or s.iso3 in shade.via_group)]
    if small:
        FeatureLayer({f"dot-{s.key}": {**properties[s.key], "style": {
                          **properties[s.key]["style"], "fillOpacity": 1.0, "color": palette.TEXT,
                          "weight": 1.5}} for s in small},
                     features=[_dot(s) for s in small], point_to_layer=SMALL_COUNTRY_DOT).add_to(fmap)
    shaded_by = shade.metric.legend_title(shade.currency).lower()
    title = _("Map of activity: countries shaded by {metric}; click a country for its profile")
    MapExtras(title=title.format(metric=shaded_by)).add_to(fmap)
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
    engaged = [world.shape(iso3) for iso3 in [*shade.figures, *shade.via_group]]
    fit_to_boxes(fmap, [s.bounds for s in engaged if s is not None]
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
