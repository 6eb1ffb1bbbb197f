"""The activity map as a still image (slides, PDF, PNG and SVG downloads), drawn offline with
matplotlib from the bundled country polygons: no tiles, no CDN, nothing fetched.

Countries are shaded by how many of the kept events they hosted or took part in; countries
covered by a kept project but by no event are hatched; countries reached only through a group
a source names are striped orange, apart. Every image carries the boundary disclaimer.
"""

from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass
from functools import lru_cache
from math import cos, radians

import geopandas as gpd
import pandas as pd
from matplotlib import rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from shapely.geometry import LineString, shape
from shapely.geometry import box as shapely_box

from crossings.exports.images import EXPORT_SIZE, Caption, CaptionLayout
from crossings.exports.shaping import for_matplotlib, matplotlib_families
from crossings.figures import palette
from crossings.figures.geometry import load_world
from crossings.languages import N_, _, is_rtl, ngettext, pgettext
from crossings.text.formatting import format_count
from crossings.views.filtered_view import FilteredView
from crossings.views.map_metrics import events_taken_part, via_group_only
from crossings.views.map_metrics import projects as projects_covering

GEOMETRY_SOURCE_ID = "REF-NATURALEARTH"
NO_CURRENCY = ""  # the map metrics' currency argument: counts do not use it
LATIN_FONTS = ("Liberation Sans", "DejaVu Sans")
FONTS = {"font.family": "sans-serif", "font.sans-serif": list(LATIN_FONTS),
         "svg.fonttype": "none"}  # SVG text stays text


def fonts() -> dict:
    """FONTS with Noto Sans Arabic as the fallback for Arabic letters (crossings.exports.shaping):
    the families given as a list, so matplotlib falls back glyph by glyph."""
    return {**FONTS, "font.family": matplotlib_families(LATIN_FONTS)}


@dataclass(frozen=True)
class EventClass:
    low: int
    high: int | None  # None: no upper bound
    label: str  # marked for the catalogue: shown as _(label)
    colour: str

    def holds(self, count: int) -> bool:
        return count >= self.low and (self.high is None or count <= self.high)


EVENT_CLASSES: tuple[EventClass, ...] = (
    EventClass(1, 1, N_("1 event"), palette.SEQUENTIAL[2]),
    EventClass(2, 2, N_("2 events"), palette.SEQUENTIAL[4]),
    EventClass(3, 5, N_("3–5 events"), palette.SEQUENTIAL[6]),
    EventClass(6, None, N_("6 or more events"), palette.SEQUENTIAL[7]),
)
PROJECT_ONLY_LABEL = N_("Covered by a project, no event")
PROJECT_ONLY_FILL = palette.SEQUENTIAL[1]
VIA_GROUP_LABEL = N_("Only via a group a source names")
NO_ACTIVITY_LABEL = N_("No activity")
LEGEND_TITLE = N_("Events hosted or attended")
LABELLED_FROM = 3  # countries with at least this many events are named on the map
MAX_LABELS = 6


def activity_by_country(view: FilteredView) -> pd.DataFrame:
    """One row per engaged country: events it hosted or took part in and projects covering it,
    counted as the map page counts them (crossings.views.map_metrics), then the countries
    reached only through a group a source names (`via_group`, no events or projects counted).
    Columns iso3, name, events, projects, via_group; most events first."""
    events = events_taken_part(view, NO_CURRENCY)
    projects = projects_covering(view, NO_CURRENCY)
    via = via_group_only(view)
    codes = [*view.countries_engaged, *sorted(via)]
    activity = pd.DataFrame({
        "iso3": codes,
        "name": [view.dataset.country_name(iso3) for iso3 in codes],
        "events": [int(events[iso3].value or 0) if iso3 in events else 0 for iso3 in codes],
        "projects": [int(projects[iso3].value or 0) if iso3 in projects else 0 for iso3 in codes],
        "via_group": [via.get(iso3, "") for iso3 in codes],
    })
    return activity.sort_values(["events", "projects", "name"], ascending=[False, False, True],
                                ignore_index=True)


def map_description(activity: pd.DataFrame, named: int = 8) -> str:
    """The activity map in words, for whoever cannot see the picture (its alt text on the
    presenter page, its description in the PowerPoint): how many countries, and the events of
    the busiest, as the shading shows them."""
    if activity.empty:
        return _("Map of the world: no country hosted or took part in an event, or is covered by a project.")
    busy = activity[activity["events"] > 0]
    sentences = [_("Map: {count} countries hosted or took part in an event, or are covered by a project, "
                   "shaded darker for more events.").format(count=format_count(len(activity)))]
    if not busy.empty:
        listed = pgettext("list separator", ", ").join(
            _("{country} {count}").format(country=row.name, count=format_count(row.events))
            for row in busy.head(named).itertuples())
        more = len(busy) - min(len(busy), named)
        sentences.append(_("Events per country: {countries}, and {more} more.").format(
            countries=listed, more=format_count(more)) if more else
            _("Events per country: {countries}.").format(countries=listed))
    project_only = len(activity) - len(busy)
    if project_only:
        sentences.append(_("{count} covered by a project only (hatched).").format(
            count=format_count(project_only)))
    return " ".join(sentences)


def event_class(count: int) -> EventClass | None:
    return next((c for c in EVENT_CLASSES if c.holds(count)), None)


@lru_cache(maxsize=1)
def country_shapes() -> gpd.GeoDataFrame:
    """The map page's simplified polygons (crossings.figures.geometry), as a GeoDataFrame, once per
    process. Polygons without an ISO code (Somaliland, Northern Cyprus) are kept: drawn as land
    with no activity, never left as holes. Shared: never modify it."""
    world = load_world()
    return gpd.GeoDataFrame({"iso3": [country.iso3 for country in world.shapes],
                             "name": [country.name for country in world.shapes]},
                            geometry=[shape(country.geometry) for country in world.shapes], crs="EPSG:4326")


def _main_part(geometry):
    """The largest polygon of a country, so France's extent is France, not French Guiana too."""
    return max(geometry.geoms, key=lambda part: part.area) if hasattr(geometry, "geoms") else geometry


def map_extent(iso3_codes, aspect: float) -> tuple[float, float, float, float]:
    """(west, east, south, north) around the main part of each country, padded, widened or
    heightened to fill an area `aspect` times as wide as it is high."""
    shapes = country_shapes()
    chosen = shapes[shapes["iso3"].isin(list(iso3_codes))]
    if chosen.empty:
        return -180.0, 180.0, -60.0, 85.0
    bounds = [_main_part(g).bounds for g in chosen.geometry]
    west, south = min(b[0] for b in bounds), min(b[1] for b in bounds)
    east, north = max(b[2] for b in bounds), max(b[3] for b in bounds)
    pad = max(east - west, north - south, 8) * 0.08
    west, east, south, north = west - pad, east + pad, south - pad, north + pad
    stretch = 1 / cos(radians((south + north) / 2))  # how geopandas draws degrees of latitude
    width, height = east - west, (north - south) * stretch
    if width / height < aspect:
        extra = (height * aspect - width) / 2
        west, east = west - extra, east + extra
    else:
        extra = (width / aspect - height) / 2 / stretch
        south, north = south - extra, north + extra
    return max(west, -180.0), min(east, 180.0), max(south, -85.0), min(north, 85.0)


def _px_to_pt(px: float, dpi: float) -> float:
    return px * 72 / dpi


def map_figure(activity: pd.DataFrame, caption: Caption | None, width: int = EXPORT_SIZE[0],
               height: int = EXPORT_SIZE[1], dpi: float = 100, label_px: float | None = None) -> Figure:
    """The activity map as a matplotlib Figure of width x height pixels at `dpi`: with its
    caption (title, filters, sources, date, disclaimer) for a standalone image, or without one
    (`caption=None`) for a slide that sets those as text of its own. `label_px` sizes the
    legend and labels (default: in proportion to the image)."""
    if caption is not None and not caption.disclaimer:
        raise ValueError("a map image must carry the boundary disclaimer")
    layout = CaptionLayout.for_size(caption, width, height) if caption else None
    unit = min(width / EXPORT_SIZE[0], height / EXPORT_SIZE[1])
    margin = layout.margin if layout else 8 * unit
    body_top = layout.body_top if layout else margin
    body_bottom = layout.body_bottom if layout else height - margin
    label_px = label_px or 17 * unit
    rtl = is_rtl()  # Arabic: the legend on the left, its swatches right of their words
    figure = Figure(figsize=(width / dpi, height / dpi), dpi=dpi, facecolor="white")
    key = [Patch(facecolor=band.colour, edgecolor=palette.BORDER_LINE, label=_text(_(band.label)))
           for band in EVENT_CLASSES]
    key.append(Patch(facecolor=PROJECT_ONLY_FILL, edgecolor=palette.BORDER_LINE, hatch="///",
                     label=_text(_(PROJECT_ONLY_LABEL))))
    if "via_group" in activity and (activity["via_group"] != "").any():
        key.append(Patch(facecolor="white", edgecolor=palette.VIA_GROUP, hatch="\\\\\\",
                         label=_text(_(VIA_GROUP_LABEL))))
    key.append(Patch(facecolor=palette.LAND, edgecolor=palette.BORDER_LINE,
                     label=_text(_(NO_ACTIVITY_LABEL))))
    legend = figure.legend(handles=key, loc="upper left" if rtl else "upper right",
                           fontsize=_px_to_pt(label_px, dpi), frameon=False,
                           title=_text(_(LEGEND_TITLE)), title_fontsize=_px_to_pt(label_px, dpi),
                           alignment="right" if rtl else "left", borderaxespad=0, markerfirst=not rtl,
                           bbox_to_anchor=(margin / width if rtl else 1 - margin / width,
                                           1 - body_top / height))
    # the map takes the width the legend leaves, whatever the type size
    legend_width = legend.get_window_extent(FigureCanvasAgg(figure).get_renderer()).width  # pixels
    map_width = width - 2 * margin - legend_width - margin
    map_left = width - margin - map_width if rtl else margin
    body = (map_left / width, 1 - body_bottom / height, map_width / width, (body_bottom - body_top) / height)
    axes = figure.add_axes(body)
    axes.set_axis_off()
    left_out = _draw_activity(axes, activity, body[2] * width / (body[3] * height), _px_to_pt(label_px, dpi))
    if left_out:  # under the legend, as wide as it is: the map is full
        box = legend.get_window_extent()
        chars = max(12, int(max(box.width, 180) / (label_px * 0.55)))
        lines = textwrap.wrap(labels_left_out(left_out), chars)
        figure.text(box.x0 / width if not rtl else box.x1 / width, (box.y0 - label_px) / height,
                    "\n".join(_text(line) for line in lines), ha="right" if rtl else "left", va="top",
                    multialignment="right" if rtl else "left", fontsize=_px_to_pt(label_px * 0.85, dpi),
                    color=palette.MUTED_TEXT)
    if activity.empty:
        axes.text(0.5, 0.5, _text(_("No activity matches the filters")), transform=axes.transAxes,
                  ha="center", va="center", fontsize=_px_to_pt(label_px * 1.4, dpi), color=palette.MUTED_TEXT)
    if layout:
        _draw_caption(figure, layout, dpi)
    return figure


def _text(text: str) -> str:
    return for_matplotlib(text, is_rtl())


def _draw_activity(axes, activity: pd.DataFrame, aspect: float, label_pt: float) -> int:
    """The countries shaded and the busiest named; returns how many were left unnamed for lack
    of room."""
    west, east, south, north = map_extent(activity["iso3"], aspect)
    shapes = country_shapes().cx[west:east, south:north]  # only what shows: much faster to draw
    columns = ["iso3", "events", "projects", *(["via_group"] if "via_group" in activity else [])]
    shapes = shapes.merge(activity[columns], on="iso3", how="left")
    shapes[["events", "projects"]] = shapes[["events", "projects"]].fillna(0).astype(int)
    via = (shapes["via_group"].fillna("").ne("") if "via_group" in shapes
           else pd.Series(False, index=shapes.index))
    outline = {"edgecolor": palette.BORDER_LINE, "linewidth": 0.4}
    shapes[(shapes["events"] == 0) & (shapes["projects"] == 0)].plot(ax=axes, color=palette.LAND, **outline)
    if via.any():  # orange stripes over the plain land colour: reached only through a group
        shapes[via].plot(ax=axes, facecolor=palette.LAND, edgecolor=palette.VIA_GROUP, hatch="\\\\\\",
                         linewidth=0.4)
        shapes[via].plot(ax=axes, facecolor="none", **outline)
    project_only = shapes[(shapes["events"] == 0) & (shapes["projects"] > 0)]
    if not project_only.empty:
        project_only.plot(ax=axes, color=PROJECT_ONLY_FILL, hatch="///", **outline)
    for band in EVENT_CLASSES:
        members = shapes[shapes["events"].map(band.holds)]
        if not members.empty:
            members.plot(ax=axes, color=band.colour, **outline)
    axes.set_xlim(west, east)
    axes.set_ylim(south, north)
    return _label_countries(axes, shapes, activity, label_pt)[1]


# Where a country's label may go from its point, in points, tried in this order: up and to the
# right first (as before), then the other corners, the sides, and further out.
LABEL_OFFSETS = ((28, 28), (-28, 28), (28, -28), (-28, -28), (40, 0), (-40, 0), (0, 40), (0, -40),
                 (56, 56), (-56, 56), (56, -56), (-56, -56), (0, 72), (0, -72))


def _label_countries(axes, shapes: gpd.GeoDataFrame, activity: pd.DataFrame,
                     label_pt: float) -> tuple[list, int]:
    """Name the busiest countries (MAX_LABELS with LABELLED_FROM events or more), most events
    first, each where its label's drawn box (the renderer's, shaped Arabic included) stays inside
    the map and clear of every label already placed; a label with no such place is left out,
    and the map says how many were (`labels_left_out`). Returns the labels drawn and how many
    were left out."""
    labelled = shapes[shapes["events"] >= LABELLED_FROM].nlargest(MAX_LABELS, "events")
    names = dict(zip(activity["iso3"], activity["name"], strict=True)) if "name" in activity else {}
    axes.apply_aspect()  # geopandas keeps the map's aspect at drawing time: where things will be
    renderer = axes.figure.canvas.get_renderer()
    frame = axes.get_window_extent(renderer)
    points = [_main_part(geometry).representative_point() for geometry in labelled.geometry]
    on_screen = [axes.transData.transform((point.x, point.y)) for point in points]
    placed, boxes, lines, left_out = [], [], [], 0
    for row, point in zip(labelled.itertuples(), points, strict=True):
        label = _text(_("{country}: {count}").format(country=names.get(row.iso3, row.name),
                                                     count=format_count(row.events)))
        # first a place that hides no labelled country's point and whose line crosses no label
        # (nor theirs it), then any place clear of the other labels
        tries = [(offset, True) for offset in LABEL_OFFSETS] + [(offset, False) for offset in LABEL_OFFSETS]
        anchor = axes.transData.transform((point.x, point.y))
        for (dx, dy), tidy in tries:
            note = axes.annotate(label, (point.x, point.y), xytext=(dx, dy), textcoords="offset points",
                                 ha="left" if dx > 0 else "right" if dx < 0 else "center",
                                 va="bottom" if dy > 0 else "top" if dy < 0 else "center",
                                 fontsize=label_pt, color=palette.TEXT, fontweight="bold",
                                 bbox={"boxstyle": "round,pad=0.3", "facecolor": "white",
                                       "edgecolor": palette.BORDER_LINE, "linewidth": 0.6},
                                 arrowprops={"arrowstyle": "-", "color": palette.TEXT, "linewidth": 0.8})
            box = label_box(note, renderer)
            inside = (box.x0 >= frame.x0 and box.x1 <= frame.x1 and box.y0 >= frame.y0
                      and box.y1 <= frame.y1)
            area = shapely_box(box.x0, box.y0, box.x1, box.y1)
            line = LineString([anchor, ((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2)])
            untidy = tidy and (any(box.contains(x, y) for x, y in on_screen)
                               or any(line.intersects(shapely_box(*other.extents)) for other in boxes)
                               or any(area.intersects(other) for other in lines))
            if inside and not untidy and not any(box.overlaps(other) for other in boxes):
                placed.append(note)
                boxes.append(box)
                lines.append(line)
                break
            note.remove()
        else:
            left_out += 1
    return placed, left_out


def labels_left_out(count: int) -> str:
    return ngettext("{count} busy country not named: no room for its label.",
                    "{count} busy countries not named: no room for their labels.",
                    count).format(count=format_count(count))


def label_box(note, renderer):
    """The box a country's label is drawn in, in display pixels: its white, outlined box (the
    text inside it), without the line to the country."""
    note.update_positions(renderer)  # where the text goes, from the point and the offset
    note.update_bbox_position_size(renderer)
    return note.get_bbox_patch().get_window_extent(renderer)


def _draw_caption(figure: Figure, layout: CaptionLayout, dpi: float) -> None:
    rtl = is_rtl()  # Arabic: from the right margin
    left = 1 - layout.margin / layout.width if rtl else layout.margin / layout.width

    def put(lines, top, size_px, colour, weight="normal"):
        figure.text(left, 1 - top / layout.height, "\n".join(_text(line) for line in lines),
                    ha="right" if rtl else "left", multialignment="right" if rtl else "left",
                    va="top", fontsize=_px_to_pt(size_px, dpi), color=colour, fontweight=weight,
                    linespacing=layout.line)

    put(layout.title_lines, layout.title_top, layout.title_px, palette.TEXT, "bold")
    if layout.subtitle:
        put([layout.subtitle], layout.subtitle_top, layout.subtitle_px, palette.MUTED_TEXT)
    put(layout.footer_lines, layout.footer_top, layout.footer_px, palette.MUTED_TEXT)


def map_image(activity: pd.DataFrame, caption: Caption | None, fmt: str = "png", width: int = EXPORT_SIZE[0],
              height: int = EXPORT_SIZE[1], scale: float = 1, label_px: float | None = None) -> bytes:
    """The map as PNG or SVG bytes (scale 2 doubles the pixels, not the layout)."""
    with rc_context(fonts()):
        figure = map_figure(activity, caption, width, height, label_px=label_px)
        buffer = io.BytesIO()
        figure.savefig(buffer, format=fmt, dpi=100 * scale, facecolor="white")
    return buffer.getvalue()

