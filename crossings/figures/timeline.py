"""The participation timeline, built from crossings.views.timeline.

`timeline_figure(view)` is the one main figure (the Timeline page and the presenter slide both
use it): projects as bars from start to end with their events on them, and below, on the same
date axis, the events in one lane per topic or organiser. Colours come from the palette, text
from the data is escaped before it reaches a hover label.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass
from itertools import cycle, islice

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
    merged,
    on_row,
    stacked_rows,
)
from crossings.text.citations import source_ids_of, source_line
from crossings.text.escaping import html_text
from crossings.text.formatting import event_status_note
from crossings.text.rows import records
from crossings.views.filtered_view import FilteredView, unfiltered
from crossings.views.selection import member
from crossings.views.timeline import describe_events, event_categories, event_spans, project_bars

LANE_PX = 40  # height of one row of the timeline
MAX_PROJECT_LANES = 25
MAX_EVENT_LANES = 16  # beyond this, the rarest topics or organisers share one lane
OTHER_LANE = "other"
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
MAX_MARKER_PX = 40  # diameter of the largest participant count in the dataset
MIN_MARKER_PX = 9
NO_COUNT_MARKER_PX = 13
SPAN_WIDTH = 0.5  # thickness of a month- or year-long event, in lanes
PROJECT_WIDTH = 0.6
HOVER_LINE = 72  # characters before a hover line wraps
LANE_LABEL_CHARS = 22  # characters before a row label wraps
TIMELINE_SOURCE_LINE = 75  # the timeline shares its row with the list of undated events
# Beyond this many dated events, each lane shows events per month instead of one mark per event:
# the figure (and what the browser receives on every rerun) stays the same size at 100,000
# events, at most one mark per lane and month, and the chart says so.
MAX_EVENT_MARKS = 1000

# Lane colours: the palette's categorical set without its last two, yellow (too faint for
# small marks on white) and black (the colour of project events).
LANE_COLOURS = palette.CATEGORICAL[:6]

HOVER_FIELDS = ("title", "status", "dates", "precision", "date_status", "place", "participants_text",
                "organisers", "project", "source")
NOT_COUNTED_SYMBOL = "x"  # announced, postponed or cancelled: shown as what it is, never sized or counted
PRECISION_WORDS = {"month": "known only to the month", "year": "known only to the year"}
DATE_STATUS_WORDS = {"resolved": "date from another source", "inferred": "date inferred by the curators"}


# --- small helpers -------------------------------------------------------------------------------

def _wrapped(text: str) -> str:
    """Escaped, and wrapped into short lines so a hover label stays on screen."""
    text = str(text)
    if len(text) <= HOVER_LINE:
        return html_text(text)
    return "<br>".join(html_text(line) for line in textwrap.wrap(text, HOVER_LINE))


def lane_label(text: str, width: int = LANE_LABEL_CHARS) -> str:
    """A row label on at most two short lines, so the date axis keeps its width on a small
    screen (the full text is in the hover)."""
    lines = textwrap.wrap(str(text), width) or [""]
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), width, placeholder="…")]
    return "<br>".join(html_text(line) for line in lines)


def hover_lines(title: str, *lines: str) -> str:
    return "<br>".join([f"<b>{_wrapped(title)}</b>", *(_wrapped(line) for line in lines if line)])


def event_hover(event) -> str:
    """Title, dates with their precision, place, participants, organisers and source."""
    when = event.dates
    qualifiers = [PRECISION_WORDS.get(event.precision), DATE_STATUS_WORDS.get(event.date_status)]
    qualifiers = [q for q in qualifiers if q]
    if qualifiers:
        when += f" ({'; '.join(qualifiers)})"
    status = event_status_note(event.status)
    return hover_lines(
        event.title,
        f"Status: {status.strip('()')}" if status else "",
        f"When: {when}",
        f"Where: {event.place}",
        f"Participants: {event.participants_text}",
        f"Organisers: {event.organisers}",
        f"Project: {event.project}" if event.project else "",
        f"Source: {event.source}",
    )


def _event_hovers(view: FilteredView, ids) -> dict[str, str]:
    """Event id -> its hover label for `ids`: each written once per dataset, when first drawn."""
    dataset = view.dataset

    def write(missing: list[str]) -> dict[str, str]:
        described = describe_events(unfiltered(dataset))
        described = described[member(described["event_id"], missing)]
        rows = records(described, ("event_id", *HOVER_FIELDS))
        return {event.event_id: event_hover(event) for event in rows}
    return dataset.memo.get("event_hovers", lambda: Written(write)).many(ids)


def _verb(other_date) -> str:
    return "starts" if other_date.field == "start_date" else "ends"


def project_hover(project) -> str:
    dates = project.dates
    if project.open_end:
        dates += " (end not known)"
    if project.open_start:
        dates += " (start not known)"
    other = "; ".join(f"{_verb(d)} {d.text}" for d in project.other_dates)
    events = f"Events: {project.dated_events} dated"
    if project.undated_events:
        events += f", {project.undated_events} without a date (listed beside the chart)"
    return hover_lines(
        project.title,
        f"When: {dates}",
        f"Dates: {project.date_sources}" if project.date_sources else "",
        f"Other sources: {other}" if other else "",
        f"Implementer: {project.implementer} · funders: {project.funders} · {project.status}",
        events,
        f"Source: {project.source}",
    )


def marker_size(participants, largest) -> float:
    """Marker diameter in pixels: area in proportion to the count; a fixed size when unknown."""
    if pd.isna(participants) or not largest or pd.isna(largest):
        return NO_COUNT_MARKER_PX
    return max(MIN_MARKER_PX, MAX_MARKER_PX * math.sqrt(float(participants) / float(largest)))


def _duration_ms(start: pd.Series, end: pd.Series) -> list[float]:
    """Bar lengths on a plotly date axis are given in milliseconds."""
    return ((end - start) / pd.Timedelta(milliseconds=1)).tolist()


def _legend_key(name: str, row: int, **marker) -> dict:
    """A legend entry that explains an encoding, without data of its own."""
    return {"type": "scatter", "x": [None], "y": [None], "mode": "markers", "name": name, "marker": marker,
            "hoverinfo": "skip", "legendgroup": name, **on_row(row)}


def sources_of(view: FilteredView) -> str:
    return source_line(view.dataset, source_ids_of(view.events, view.projects))


# --- the main timeline ---------------------------------------------------------------------------

def _axis_range(spans: pd.DataFrame, projects: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    other = [d.boundary for dates in projects["other_dates"] for d in dates]
    known = pd.concat([spans["drawn_start"], spans["drawn_end"], projects["drawn_start"],
                       projects["drawn_end"], pd.Series(other, dtype="datetime64[ns]")]).dropna()
    first, last = known.min(), known.max()
    pad = max((last - first) * 0.04, pd.Timedelta(days=60))
    if first == last or (projects["open_end"].any() and last - first < pd.Timedelta(days=365)):
        last = first + pd.Timedelta(days=365)  # room for an open-ended bar to read as open
    return first - pad, last + pad


def _event_lanes(spans: pd.DataFrame, categories: pd.DataFrame, noun: str,
                 max_lanes: int) -> tuple[list[tuple[str, str]], pd.DataFrame]:
    """The lanes, ordered by their first event, then by label (the chart reads top-left to
    bottom-right), and the categories to draw in them. Beyond `max_lanes`, the categories
    with the fewest events share one last lane, so no event is left out."""
    counts = categories.groupby("category")["event_id"].nunique()
    if len(counts) > max_lanes:
        ranked = sorted(counts.index, key=lambda c: (-counts[c], c))
        keep = set(ranked[:max_lanes - 1])
        rest = categories[~categories["category"].isin(keep)]
        folded = rest.drop_duplicates("event_id").assign(
            category=OTHER_LANE, label=other_text(rest["category"].nunique(), noun, f"{noun}s"))
        categories = pd.concat([categories[categories["category"].isin(keep)], folded])
    dated = categories.merge(spans[["event_id", "drawn_start"]], on="event_id")
    first = dated.groupby(["category", "label"])["drawn_start"].min().reset_index()
    first["last"] = first["category"] == OTHER_LANE
    first = first.sort_values(["last", "drawn_start", "label"])
    return list(zip(first["category"], first["label"], strict=True)), categories


def _projects_shown(projects: pd.DataFrame, max_lanes: int) -> tuple[pd.DataFrame, str]:
    """At most `max_lanes` projects (those with the most dated events, then the latest), by start."""
    if len(projects) <= max_lanes:
        return projects, "Projects"
    shown = projects.sort_values(["dated_events", "drawn_start"], ascending=[False, False]).head(max_lanes)
    shown = shown.sort_values(["drawn_start", "project_id"], na_position="first").reset_index(drop=True)
    return shown, f"Projects: {max_lanes} of {len(projects):,} shown, those with the most events"


def _project_traces(projects: pd.DataFrame, spans: pd.DataFrame,
                    axis: tuple[pd.Timestamp, pd.Timestamp]) -> tuple[list[dict], dict]:
    """The projects' row: its traces, and its y axis."""
    row = on_row(1)
    closed = projects[~projects["open_start"] & ~projects["open_end"]]
    traces = [{
        "type": "bar", "showlegend": not closed.empty,
        "orientation": "h", "base": closed["drawn_start"],
        "x": _duration_ms(closed["drawn_start"], closed["drawn_end"]), "y": closed.index,
        "width": PROJECT_WIDTH, "name": "Project",
        "marker": {"color": palette.SEQUENTIAL[2], "line": {"color": palette.SEQUENTIAL[6], "width": 1.5}},
        "hovertext": [project_hover(p) for p in closed.itertuples()],
        "hovertemplate": "%{hovertext}<extra></extra>", **row}]

    for project in projects[projects["open_start"] | projects["open_end"]].itertuples():
        start = axis[0] if project.open_start else project.drawn_start
        end = axis[1] if project.open_end else project.drawn_end
        note = "end not known" if project.open_end else "start not known"
        symbols = ["triangle-left" if project.open_start else "line-ns",
                   "triangle-right" if project.open_end else "line-ns"]
        traces.append({
            "type": "scatter", "x": [start, end], "y": [project.Index] * 2,
            "mode": "lines+markers+text", "cliponaxis": False,
            "line": {"color": palette.SEQUENTIAL[6], "width": 3, "dash": "dot"},
            "marker": {"symbol": symbols, "size": 14, "color": palette.SEQUENTIAL[6],
                       "line": {"color": palette.SEQUENTIAL[6], "width": 2}},
            "text": [note, ""] if project.open_start else ["", note],
            "textposition": ["top right", "top left"], "textfont": {"color": palette.MUTED_TEXT, "size": 12},
            "name": f"Project, {note}", "legendgroup": "open", "showlegend": False,
            "hovertext": [project_hover(project)] * 2, "hovertemplate": "%{hovertext}<extra></extra>",
            **row})

    others = [(project.Index, d, project) for project in projects.itertuples() for d in project.other_dates]
    if others:
        traces.append({
            "type": "scatter", "x": [d.boundary for _, d, _ in others], "y": [lane for lane, _, _ in others],
            "mode": "markers", "name": "Date another source gives",
            "marker": {"symbol": "line-ns-open", "size": 26, "color": palette.HIGHLIGHT,
                       "line": {"width": 2.5, "color": palette.HIGHLIGHT}},
            "hovertext": [hover_lines(p.title, f"Another source: {_verb(d)} {d.text}", f"Drawn: {p.dates}")
                          for _, d, p in others],
            "hovertemplate": "%{hovertext}<extra></extra>", **row})

    lanes = dict(zip(projects["project_id"], projects.index, strict=True))
    own = spans[member(spans["project_id"], lanes)]
    points = own[~own["is_span"]]
    for counted, name, symbol in ((True, "Project event", "diamond"),
                                  (False, "Project event, not counted", "diamond-open")):
        chosen = points[points["counted"] == counted]
        if len(chosen):
            traces.append({
                "type": "scatter", "x": chosen["midpoint"], "y": chosen["project_id"].map(lanes),
                "mode": "markers", "name": name,
                "marker": {"symbol": symbol, "size": 13, "color": palette.TEXT,
                           "line": {"color": palette.TEXT if not counted else "white", "width": 1.5}},
                "hovertext": chosen["hover"], "hovertemplate": "%{hovertext}<extra></extra>", **row})
    periods = own[own["is_span"]]
    if len(periods):
        traces.append({
            "type": "bar", "orientation": "h", "base": periods["drawn_start"],
            "x": _duration_ms(periods["drawn_start"], periods["drawn_end"]),
            "y": periods["project_id"].map(lanes), "width": 0.2,
            "name": "Event of the project (month or year)",
            "marker": {"color": palette.TEXT, "opacity": 0.55}, "showlegend": False,
            "hovertext": periods["hover"], "hovertemplate": "%{hovertext}<extra></extra>", **row})
    yaxis = {"tickvals": list(projects.index), "ticktext": [lane_label(x) for x in projects["label"]],
             "range": [len(projects) - 0.5, -0.5]}
    return traces, yaxis


def _lane_traces(spans: pd.DataFrame, lanes: list[tuple[str, str]], categories: pd.DataFrame,
                 largest, row: int) -> tuple[list[dict], dict]:
    """One lane per category, coloured in lane order so that neighbouring lanes always differ
    (there are more topics than distinguishable colours; the lane label names each one).
    Returns the traces and the row's y axis."""
    colours = list(islice(cycle(LANE_COLOURS), len(lanes)))
    drawn = spans[["event_id", "drawn_start", "drawn_end", "is_span", "midpoint", "participants", "hover",
                   "counted"]]
    in_lanes = drawn.merge(categories[["event_id", "category"]].drop_duplicates(), on="event_id")
    by_lane = dict(list(in_lanes.groupby("category", sort=False)))  # one split, not one filter per lane
    traces = []
    for lane, (category, _label) in enumerate(lanes):
        colour = palette.MUTED_TEXT if category in ("none", OTHER_LANE) else colours[lane]
        events = by_lane.get(category, in_lanes.iloc[:0])
        periods = events[events["is_span"]]
        if len(periods):
            traces.append({
                "type": "bar", "orientation": "h", "base": periods["drawn_start"],
                "x": _duration_ms(periods["drawn_start"], periods["drawn_end"]), "y": [lane] * len(periods),
                "width": SPAN_WIDTH, "showlegend": False, "legendgroup": category, "name": _label,
                "marker": {"color": colour, "opacity": 0.45, "line": {"color": colour, "width": 2},
                           "pattern": {"shape": ["" if counts else NOT_COUNTED_SYMBOL
                                                 for counts in periods["counted"]]}},
                "text": [f"{int(p):,} participants" if pd.notna(p) else "" for p in periods["participants"]],
                "textposition": "inside", "insidetextanchor": "middle",
                "hovertext": periods["hover"].to_numpy(dtype=object),
                "hovertemplate": "%{hovertext}<extra></extra>",
                **on_row(row)})
        points = events[~events["is_span"]]
        with_count = points["participants"].notna() & points["counted"]
        for group, kind in ((points[with_count], "count"), (points[~with_count & points["counted"]], "none"),
                            (points[~points["counted"]], "not counted")):
            if group.empty:
                continue
            if kind == "count":
                marker = {"size": [marker_size(n, largest) for n in group["participants"]],
                          "symbol": "circle", "line": {"width": 1.5, "color": "white"}}
            elif kind == "none":
                marker = {"size": NO_COUNT_MARKER_PX, "symbol": "circle-open",
                          "line": {"width": 3, "color": colour}}
            else:
                marker = {"size": NO_COUNT_MARKER_PX, "symbol": NOT_COUNTED_SYMBOL,
                          "line": {"width": 1, "color": colour}}
            traces.append({
                "type": "scatter", "x": group["midpoint"].to_numpy(), "y": [lane] * len(group),
                "mode": "markers",
                "showlegend": False, "legendgroup": category, "name": _label,
                "marker": {**marker, "color": colour, "opacity": 0.9},
                "hovertext": group["hover"].to_numpy(dtype=object),
                "hovertemplate": "%{hovertext}<extra></extra>",
                **on_row(row)})
    yaxis = {"tickvals": list(range(len(lanes))), "ticktext": [lane_label(label) for _, label in lanes],
             "range": [len(lanes) - 0.5, -0.5]}
    return traces, yaxis


def _monthly_lane_traces(spans: pd.DataFrame, lanes: list[tuple[str, str]], categories: pd.DataFrame,
                         row: int) -> tuple[list[dict], dict]:
    """Each lane as events per month (a month- or year-only date counts in the month of its
    middle): one mark per lane and month, its area in proportion to the number of events, the
    hover giving the count and the participants. What timeline_figure draws beyond
    MAX_EVENT_MARKS events."""
    colours = list(islice(cycle(LANE_COLOURS), len(lanes)))
    in_lanes = spans[["event_id", "drawn_start", "drawn_end", "participants"]].merge(
        categories[["event_id", "category"]].drop_duplicates(), on="event_id")
    middle = in_lanes["drawn_start"] + (in_lanes["drawn_end"] - in_lanes["drawn_start"]) / 2
    in_lanes["month"] = middle.dt.to_period("M").dt.to_timestamp()
    monthly = in_lanes.groupby(["category", "month"]).agg(
        events=("event_id", "size"), participants=("participants", "sum"),
        counted=("participants", "count")).reset_index()
    largest = monthly["events"].max() if len(monthly) else 1
    by_lane = dict(list(monthly.groupby("category", sort=False)))
    traces = []
    for lane, (category, label) in enumerate(lanes):
        months = by_lane.get(category)
        if months is None:
            continue
        colour = palette.MUTED_TEXT if category in ("none", OTHER_LANE) else colours[lane]
        title = f"<b>{_wrapped(label)}</b>"  # once per lane; the rest is our own text
        hovers = [f"{title}<br>{month:%B %Y}: {events:,} event{'s' if events != 1 else ''}<br>"
                  + (f"Participants: {int(people):,} (given for {counted:,} of them)" if counted
                     else "Participants: not given")
                  for month, events, people, counted in zip(months["month"], months["events"],
                                                            months["participants"], months["counted"],
                                                            strict=True)]
        traces.append({
            "type": "scatter", "x": (months["month"] + pd.Timedelta(days=14)).to_numpy(),
            "y": [lane] * len(months), "mode": "markers", "showlegend": False, "name": label,
            "marker": {"size": [max(MIN_MARKER_PX / 2, MAX_MARKER_PX * math.sqrt(n / largest))
                                for n in months["events"]],
                       "symbol": "circle", "color": colour, "opacity": 0.8, "line": {"width": 0}},
            "hovertext": hovers, "hovertemplate": "%{hovertext}<extra></extra>", **on_row(row)})
    yaxis = {"tickvals": list(range(len(lanes))), "ticktext": [lane_label(label) for _, label in lanes],
             "range": [len(lanes) - 0.5, -0.5]}
    return traces, yaxis


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
    `size`: how many lanes, in how much room (SLIDE_SIZE for a slide)."""
    spans = event_spans(view)
    projects = project_bars(view)
    source = sources_of(view)
    if spans.empty and projects.empty:
        return empty_figure("No dated events or projects match the filters.", source)
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
    events_title = (f"Events by {noun}: {len(spans):,} events, shown as events per month (area: "
                    f"number of events); narrow the filters to {MAX_EVENT_MARKS:,} or fewer to see each one"
                    if monthly else f"Events by {noun}")
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
        project_traces, row_axes[1] = _project_traces(projects, spans, axis)
        traces += project_traces
        event_row = 2
    if len(lanes) and monthly:
        lane_traces, row_axes[event_row] = _monthly_lane_traces(spans, lanes, categories, event_row)
        traces += lane_traces
    elif len(lanes):
        largest = unfiltered(view.dataset).counted_events["participants"].max()
        lane_traces, row_axes[event_row] = _lane_traces(spans, lanes, categories, largest, event_row)
        traces += lane_traces
        points = spans[~spans["is_span"]]
        if (points["participants"].notna() & points["counted"]).any():
            traces.append(_legend_key("Event (area: participants)", event_row, symbol="circle", size=16,
                                      color=palette.MUTED_TEXT))
        if (points["participants"].isna() & points["counted"]).any():
            traces.append(_legend_key("No count given", event_row, symbol="circle-open", size=13,
                                      color=palette.MUTED_TEXT,
                                      line={"width": 3, "color": palette.MUTED_TEXT}))
        if spans["is_span"].any():
            traces.append(_legend_key("Month or year only", event_row,
                                      symbol="square", size=14, color=palette.MUTED_TEXT, opacity=0.45))
        if not spans["counted"].all():
            traces.append(_legend_key("Announced, postponed or cancelled: not counted", event_row,
                                      symbol=NOT_COUNTED_SYMBOL, size=13, color=palette.MUTED_TEXT))
    open_ends, open_starts = projects["open_end"].any(), projects["open_start"].any()
    if open_ends or open_starts:
        label = {(True, False): "End not known", (False, True): "Start not known"}.get(
            (bool(open_ends), bool(open_starts)), "Start or end not known")
        traces.append(_legend_key(label, 1, symbol="triangle-right" if open_ends else "triangle-left",
                                  size=13, color=palette.SEQUENTIAL[6]))
    x_axis = {"type": "date", "range": list(axis), "showgrid": True, "gridcolor": "#E5E5E5"}
    y_axis = {"showgrid": False, "zeroline": False, "automargin": True, "fixedrange": True,
              "tickfont": {"size": 13}}
    for row in range(1, len(rows) + 1):
        layout[axis_name("x", row)] = merged(layout[axis_name("x", row)], x_axis)
        layout[axis_name("y", row)] = merged(layout[axis_name("y", row)], y_axis, row_axes[row])
    layout[axis_name("x", len(rows))]["showticklabels"] = True
    plot_px = size.lane_px * sum(rows) + size.gap_px * (len(rows) - 1)
    layout.update(barmode="overlay", legend={
        "orientation": "h", "yanchor": "bottom", "y": 1 + 34 / plot_px, "x": 0, "xanchor": "left",
        "font": {"size": 12}})
    labels = [line for axis in row_axes.values() for text in axis["ticktext"] for line in text.split("<br>")]
    return figure(traces, base_layout(layout, plot_px + size.legend_px, source, top=size.legend_px,
                                      wrap=TIMELINE_SOURCE_LINE, labels_px=label_px(labels, 13)))


def other_text(count: int, singular: str, plural: str) -> str:
    return f"{count} other {singular if count == 1 else plural}"
