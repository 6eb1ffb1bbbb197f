"""The participation timeline, built from crossings.views.timeline.

`timeline_figure(view)` is the one main figure (the Timeline page and the presenter slide both
use it): projects as bars from start to end with their events on them, and below, on the same
date axis, the events in one lane per topic or organiser. Colours come from the palette, text
from the data is escaped before it reaches a hover label.

This module is the figure's frame: which projects and lanes are shown, the rows' titles, the
legend, the axes and the source line. The rows themselves are drawn in
crossings.figures.timeline_lanes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from crossings.data.memo import Written
from crossings.figures import palette
from crossings.figures.plotly_spec import axis as axis_name
from crossings.figures.plotly_spec import (
    base_layout,
    empty_figure,
    figure,
    label_px,
    localised_dates,
    merged,
    on_row,
    reading_start,
    stacked_rows,
)
from crossings.figures.timeline_lanes import (
    MAX_MARKER_PX,
    NO_COUNT_MARKER_PX,
    NOT_COUNTED_SYMBOL,
    OTHER_LANE,
    event_hover,
    hover_lines,
    lane_label,
    lane_traces,
    marker_size,
    monthly_lane_traces,
    project_traces,
)
from crossings.languages import _, ngettext
from crossings.text.citations import CHART_SOURCE_CHARS, source_line
from crossings.text.escaping import html_text
from crossings.text.formatting import format_count
from crossings.text.rows import records
from crossings.views.filtered_view import FilteredView, unfiltered
from crossings.views.selection import member, positions
from crossings.views.timeline import describe_events, event_categories, event_spans, project_bars

# Also imported from here by the participation charts, the tests and older callers.
__all__ = ["MAX_EVENT_LANES", "MAX_EVENT_MARKS", "MAX_MARKER_PX", "MAX_PROJECT_LANES", "NOT_COUNTED_SYMBOL",
           "NO_COUNT_MARKER_PX", "SLIDE_SIZE", "TimelineSize", "event_hover", "hover_lines", "lane_label",
           "marker_size", "sources_of", "timeline_figure"]

LANE_PX = 40  # height of one row of the timeline
MAX_PROJECT_LANES = 25
MAX_EVENT_LANES = 16  # beyond this, the rarest topics or organisers share one lane
LEGEND_PX = 120  # room above the timeline for its legend and the first panel's title
PANEL_GAP_PX = 60  # between the projects' panel and the events'


@dataclass(frozen=True)
class TimelineSize:
    """How many lanes, in how much room: a page scrolls; a slide must fit its box at a size the
    back of the room reads, so it shows fewer (the rest counted, or folded into 'other')."""

    lane_px: int = LANE_PX
    legend_px: int = LEGEND_PX
    gap_px: int = PANEL_GAP_PX
    max_project_lanes: int | None = None  # None: MAX_PROJECT_LANES
    max_event_lanes: int | None = None  # None: MAX_EVENT_LANES


# A slide's chart box is ~400 px high at 1280x720: a 2-line legend, 7 lanes and the axis fit it.
SLIDE_SIZE = TimelineSize(lane_px=34, legend_px=100, gap_px=40, max_project_lanes=4, max_event_lanes=3)
TIMELINE_SOURCE_LINE = 75  # the timeline shares its row with the list of undated events
# Beyond this many dated events, each lane shows events per month instead of one mark per event:
# the figure (and what the browser receives on every rerun) stays the same size at 100,000
# events, at most one mark per lane and month, and the chart says so.
MAX_EVENT_MARKS = 1000

HOVER_FIELDS = ("title", "status", "dates", "precision", "date_status", "place", "participants_text",
                "organisers", "project", "source")


def _event_hovers(view: FilteredView, ids) -> dict[str, str]:
    """Event id -> its hover label for `ids`: each written once per dataset, when first drawn."""
    dataset = view.dataset

    def write(missing: list[str]) -> dict[str, str]:
        described = describe_events(unfiltered(dataset))
        described = described[member(described["event_id"], missing)]
        rows = records(described, ("event_id", *HOVER_FIELDS))
        return {event.event_id: event_hover(event) for event in rows}
    return dataset.memo.get("event_hovers", lambda: Written(write)).many(ids)


def _legend_key(name: str, row: int, **marker) -> dict:
    """A legend entry that explains an encoding, without data of its own."""
    return {"type": "scatter", "x": [None], "y": [None], "mode": "markers", "name": name, "marker": marker,
            "hoverinfo": "skip", "legendgroup": name, **on_row(row)}


def sources_of(view: FilteredView, max_chars: int | None = CHART_SOURCE_CHARS) -> str:
    """The events' and projects' sources: as many as fit under a chart (the first ones, then how
    many more), or all of them with `max_chars` None."""
    return source_line(view.dataset, view.source_ids("events", "projects"), max_chars=max_chars)


# --- the main timeline ---------------------------------------------------------------------------

def _axis_range(spans: pd.DataFrame, projects: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    other = [d.boundary for dates in projects["other_dates"] for d in dates]
    # the ends as numpy datetimes (NaT where not known), not a concatenated Series
    known = np.concatenate([column.to_numpy(dtype="datetime64[ns]") for column in (
        spans["drawn_start"], spans["drawn_end"], projects["drawn_start"], projects["drawn_end"],
        pd.Series(other, dtype="datetime64[ns]"))])
    known = known[~np.isnat(known)]
    first, last = pd.Timestamp(known.min()), pd.Timestamp(known.max())
    pad = max((last - first) * 0.04, pd.Timedelta(days=60))
    if first == last or (projects["open_end"].any() and last - first < pd.Timedelta(days=365)):
        last = first + pd.Timedelta(days=365)  # room for an open-ended bar to read as open
    return first - pad, last + pad


def _event_lanes(spans: pd.DataFrame, categories: pd.DataFrame, noun: str,
                 max_lanes: int) -> tuple[list[tuple[str, str]], pd.DataFrame]:
    """The lanes, ordered by their first event, then by label (the chart reads top-left to
    bottom-right), and the categories to draw in them. Beyond `max_lanes`, the categories
    with the fewest events share one last lane, so no event is left out. Counted with numpy
    over codes taken out once (a pandas merge and groupbys cost more than the lanes)."""
    category, names = pd.factorize(categories["category"])
    event, _events = pd.factorize(categories["event_id"])
    named = (category >= 0) & (event >= 0)
    pairs = np.unique(category[named].astype(np.int64) * (len(_events) + 1) + event[named])
    counts = np.bincount(pairs // (len(_events) + 1), minlength=len(names))  # events per category
    if len(names) > max_lanes:
        ranked = sorted(range(len(names)), key=lambda c: (-counts[c], names[c]))
        keep = [names[c] for c in ranked[:max_lanes - 1]]
        kept = member(categories["category"], keep)
        rest = categories[~kept]
        others = len(names) - len(keep)
        label = (ngettext("{n} other topic", "{n} other topics", others) if noun == "topic" else
                 ngettext("{n} other organiser", "{n} other organisers", others))
        label = label.format(n=format_count(others))
        folded = rest.drop_duplicates("event_id").assign(category=OTHER_LANE, label=label)
        categories = pd.concat([categories[kept], folded])
    category, names = pd.factorize(categories["category"])
    label, labels = pd.factorize(categories["label"])
    at = positions(categories["event_id"], spans["event_id"])
    drawn = (at >= 0) & (category >= 0) & (label >= 0)
    lane = category[drawn].astype(np.int64) * len(labels) + label[drawn]
    lanes, lane_of_row = np.unique(lane, return_inverse=True)
    first = np.full(len(lanes), np.iinfo(np.int64).max)
    np.minimum.at(first, lane_of_row, spans["drawn_start"].to_numpy().view("int64")[at[drawn]])
    found = [(names[code // len(labels)], labels[code % len(labels)], start)
             for code, start in zip(lanes.tolist(), first.tolist(), strict=True)]
    found.sort(key=lambda lane: (lane[0] == OTHER_LANE, lane[2], lane[1], lane[0]))
    return [(name, text) for name, text, _start in found], categories


def _projects_shown(projects: pd.DataFrame, max_lanes: int) -> tuple[pd.DataFrame, str]:
    """At most `max_lanes` projects (those with the most dated events, then the latest), by start."""
    if len(projects) <= max_lanes:
        return projects, _("Projects")
    shown = projects.sort_values(["dated_events", "drawn_start"], ascending=[False, False]).head(max_lanes)
    shown = shown.sort_values(["drawn_start", "project_id"], na_position="first").reset_index(drop=True)
    return shown, _("Projects: {shown} of {total} shown, those with the most events").format(
        shown=format_count(max_lanes), total=format_count(len(projects)))


def timeline_figure(view: FilteredView, colour_by: str = "topic",
                    size: TimelineSize | None = None) -> go.Figure:
    """The main participation timeline for a filtered view.

    Top: projects as bars from start to end (an unknown end is drawn as an open, dotted line;
    dates other sources give are orange ticks), with their events as diamonds. Below, on the
    same date axis: events in one lane per topic or organiser (an event with several is in
    each of their lanes), marker area in proportion to participants (an open circle when the
    source gives no count). Events known only to the month or year are bars across that whole
    period. Undated events and projects are not drawn: list them beside the figure. Beyond
    MAX_EVENT_MARKS dated events, the lanes show events per month, and their title says so.
    `size`: how many lanes, in how much room (SLIDE_SIZE for a slide).
    Made once per view and settings, in each language, and shared: read only (a caller that
    changes it works on a copy, go.Figure(figure))."""
    return view.memo.get(("timeline figure", colour_by, size),
                         lambda: _timeline_figure(view, colour_by, size))


def _timeline_figure(view: FilteredView, colour_by: str = "topic",
                     size: TimelineSize | None = None) -> go.Figure:
    """timeline_figure, worked out."""
    spans = event_spans(view)
    projects = project_bars(view)
    source = sources_of(view)
    if spans.empty and projects.empty:
        return empty_figure(_("No dated events or projects match the filters."), source)
    size = size or TimelineSize()
    projects, projects_title = _projects_shown(projects, size.max_project_lanes or MAX_PROJECT_LANES)
    monthly = len(spans) > MAX_EVENT_MARKS
    # hover labels for the events drawn one by one: all of them, or only the shown projects' own
    drawn = spans if not monthly else spans[member(spans["project_id"], projects["project_id"])]
    spans["hover"] = spans["event_id"].map(_event_hovers(view, drawn["event_id"]))
    noun = "topic" if colour_by == "topic" else "organiser"
    categories = event_categories(view, colour_by)
    lanes, categories = _event_lanes(spans, categories[member(categories["event_id"], spans["event_id"])],
                                     noun, size.max_event_lanes or MAX_EVENT_LANES)
    if monthly:
        events_title = (_("Events by topic: {count} events, shown as events per month (area: number of "
                          "events); narrow the filters to {most} or fewer to see each one") if noun == "topic"
                        else _("Events by organiser: {count} events, shown as events per month (area: number "
                               "of events); narrow the filters to {most} or fewer to see each one")).format(
            count=format_count(len(spans)), most=format_count(MAX_EVENT_MARKS))
    else:
        events_title = _("Events by topic") if noun == "topic" else _("Events by organiser")
    rows = [n for n in (len(projects), len(lanes)) if n]
    titles = [t for t, n in ((projects_title, len(projects)), (events_title, len(lanes))) if n]
    layout = stacked_rows(rows, spacing=min(0.12, size.gap_px / (size.lane_px * sum(rows) + size.gap_px)),
                          titles=[html_text(t) for t in titles],
                          title_font={"size": 15, "color": palette.TEXT})
    axis = _axis_range(spans, projects)
    traces: list[dict] = []
    row_axes: dict[int, dict] = {}
    event_row = 1
    if len(projects):
        drawn_projects, row_axes[1] = project_traces(projects, spans, axis)
        traces += drawn_projects
        event_row = 2
    if len(lanes) and monthly:
        drawn_lanes, row_axes[event_row] = monthly_lane_traces(spans, lanes, categories, event_row)
        traces += drawn_lanes
    elif len(lanes):
        largest = unfiltered(view.dataset).counted_events["participants"].max()
        drawn_lanes, row_axes[event_row] = lane_traces(spans, lanes, categories, largest, event_row)
        traces += drawn_lanes
        points = spans[~spans["is_span"]]
        if (points["participants"].notna() & points["counted"]).any():
            traces.append(_legend_key(_("Event (area: participants)"), event_row, symbol="circle", size=16,
                                      color=palette.MUTED_TEXT))
        if (points["participants"].isna() & points["counted"]).any():
            traces.append(_legend_key(_("No count given"), event_row, symbol="circle-open", size=13,
                                      color=palette.MUTED_TEXT,
                                      line={"width": 3, "color": palette.MUTED_TEXT}))
        if spans["is_span"].any():
            traces.append(_legend_key(_("Month or year only"), event_row,
                                      symbol="square", size=14, color=palette.MUTED_TEXT, opacity=0.45))
        if not spans["counted"].all():
            traces.append(_legend_key(_("Announced, postponed or cancelled: not counted"), event_row,
                                      symbol=NOT_COUNTED_SYMBOL, size=13, color=palette.MUTED_TEXT))
    open_ends, open_starts = projects["open_end"].any(), projects["open_start"].any()
    if open_ends or open_starts:
        label = {(True, False): _("End not known"), (False, True): _("Start not known")}.get(
            (bool(open_ends), bool(open_starts)), _("Start or end not known"))
        traces.append(_legend_key(label, 1, symbol="triangle-right" if open_ends else "triangle-left",
                                  size=13, color=palette.SEQUENTIAL[6]))
    x_axis = localised_dates({"type": "date", "range": list(axis), "showgrid": True, "gridcolor": "#E5E5E5"},
                             *axis)
    y_axis = {"showgrid": False, "zeroline": False, "automargin": True, "fixedrange": True,
              "tickfont": {"size": 13}}
    for row in range(1, len(rows) + 1):
        layout[axis_name("x", row)] = merged(layout[axis_name("x", row)], x_axis)
        layout[axis_name("y", row)] = merged(layout[axis_name("y", row)], y_axis, row_axes[row])
    layout[axis_name("x", len(rows))]["showticklabels"] = True
    plot_px = size.lane_px * sum(rows) + size.gap_px * (len(rows) - 1)
    layout.update(barmode="overlay", legend={
        "orientation": "h", "yanchor": "bottom", "y": 1 + 34 / plot_px, **reading_start(),
        "font": {"size": 12}})
    labels = [line for axis in row_axes.values() for text in axis["ticktext"] for line in text.split("<br>")]
    return figure(traces, base_layout(layout, plot_px + size.legend_px, source, top=size.legend_px,
                                      wrap=TIMELINE_SOURCE_LINE, labels_px=label_px(labels, 13)))
