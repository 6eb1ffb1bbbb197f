"""The timeline's rows, drawn: the projects' row (bars, open ends, other sources' dates, their
events) and the event lanes (one mark per event, or events per month), with the hover labels
and row labels they carry. crossings.figures.timeline lays them out in one figure.
"""

from __future__ import annotations

import math
import textwrap
from itertools import cycle, islice

import numpy as np
import pandas as pd

from crossings.figures import palette
from crossings.figures.plotly_spec import on_row
from crossings.languages import N_, _, ngettext
from crossings.text.escaping import html_text
from crossings.text.formatting import OncePerValue, event_status_note, format_count, format_date
from crossings.text.rows import records
from crossings.views.selection import positions
from crossings.views.timeline import project_status_text

OTHER_LANE = "other"
MAX_MARKER_PX = 40  # diameter of the largest participant count in the dataset
MIN_MARKER_PX = 9
NO_COUNT_MARKER_PX = 13
SPAN_WIDTH = 0.5  # thickness of a month- or year-long event, in lanes
PROJECT_WIDTH = 0.6
HOVER_LINE = 72  # characters before a hover line wraps
LANE_LABEL_CHARS = 22  # characters before a row label wraps

# Lane colours: the palette's categorical set without its last two, yellow (too faint for
# small marks on white) and black (the colour of project events).
LANE_COLOURS = palette.CATEGORICAL[:6]

NOT_COUNTED_SYMBOL = "x"  # announced, postponed or cancelled: shown as what it is, never sized or counted
# Shown in the active language: _(PRECISION_WORDS[precision]).
PRECISION_WORDS = {"month": N_("known only to the month"), "year": N_("known only to the year")}
DATE_STATUS_WORDS = {"resolved": N_("date from another source"),
                     "inferred": N_("date inferred by the curators")}

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
    qualifiers = [_(q) for q in qualifiers if q]
    if qualifiers:
        when += f" ({'; '.join(qualifiers)})"
    status = event_status_note(event.status)
    return hover_lines(
        event.title,
        _("Status: {status}").format(status=status.strip("()")) if status else "",
        _("When: {dates}").format(dates=when),
        _("Where: {place}").format(place=event.place),
        _("Participants: {participants}").format(participants=event.participants_text),
        _("Organisers: {organisers}").format(organisers=event.organisers),
        _("Project: {project}").format(project=event.project) if event.project else "",
        _("Source: {source}").format(source=event.source),
    )


def other_date_text(other_date) -> str:
    """'starts July 2021 (ICMPD (n.d.))': a date another source gives for a project."""
    if other_date.field == "start_date":
        return _("starts {date}").format(date=other_date.text)
    return _("ends {date}").format(date=other_date.text)


def project_hover(project) -> str:
    dates = project.dates
    if project.open_end:
        dates = _("{dates} (end not known)").format(dates=dates)
    if project.open_start:
        dates = _("{dates} (start not known)").format(dates=dates)
    other = "; ".join(other_date_text(d) for d in project.other_dates)
    if project.undated_events:
        events = _("Events: {dated} dated, {undated} without a date (listed beside the chart)").format(
            dated=format_count(project.dated_events), undated=format_count(project.undated_events))
    else:
        events = _("Events: {dated} dated").format(dated=format_count(project.dated_events))
    return hover_lines(
        project.title,
        _("When: {dates}").format(dates=dates),
        _("Dates: {date_sources}").format(date_sources=project.date_sources) if project.date_sources else "",
        _("Other sources: {dates}").format(dates=other) if other else "",
        _("Implementer: {implementer} · funders: {funders} · {status}").format(
            implementer=project.implementer, funders=project.funders,
            status=project_status_text(project.status)),
        events,
        _("Source: {source}").format(source=project.source),
    )


def marker_size(participants, largest) -> float:
    """Marker diameter in pixels: area in proportion to the count; a fixed size when unknown."""
    if pd.isna(participants) or not largest or pd.isna(largest):
        return NO_COUNT_MARKER_PX
    return max(MIN_MARKER_PX, MAX_MARKER_PX * math.sqrt(float(participants) / float(largest)))


def duration_ms(start: pd.Series, end: pd.Series) -> list[float]:
    """Bar lengths on a plotly date axis are given in milliseconds."""
    return ((end - start) / pd.Timedelta(milliseconds=1)).tolist()


_PROJECT_FIELDS = ("title", "dates", "drawn_start", "drawn_end", "open_start", "open_end", "other_dates",
                   "date_sources", "implementer", "funders", "status", "dated_events", "undated_events",
                   "source")


def project_traces(projects: pd.DataFrame, spans: pd.DataFrame,
                   axis: tuple[pd.Timestamp, pd.Timestamp]) -> tuple[list[dict], dict]:
    """The projects' row: its traces, and its y axis. The rows are read once as records and
    the events picked by numpy masks over columns taken out once (pandas' filtering and
    itertuples, a dozen times, cost most of this row)."""
    row = on_row(1)
    lane_of = projects.index.to_numpy()
    rows = list(zip(lane_of, records(projects, _PROJECT_FIELDS), strict=True))
    start = projects["drawn_start"].to_numpy()
    length_ms = np.asarray(duration_ms(projects["drawn_start"], projects["drawn_end"]), dtype=float)
    closed = ~projects["open_start"].to_numpy(dtype=bool) & ~projects["open_end"].to_numpy(dtype=bool)
    traces = [{
        "type": "bar", "showlegend": bool(closed.any()),
        "orientation": "h", "base": start[closed],
        "x": length_ms[closed].tolist(), "y": lane_of[closed],
        "width": PROJECT_WIDTH, "name": _("Project"),
        "marker": {"color": palette.SEQUENTIAL[2], "line": {"color": palette.SEQUENTIAL[6], "width": 1.5}},
        "hovertext": [project_hover(p) for (_lane, p), shut in zip(rows, closed, strict=True) if shut],
        "hovertemplate": "%{hovertext}<extra></extra>", **row}]

    for lane, project in rows:
        if not (project.open_start or project.open_end):
            continue
        start_at = axis[0] if project.open_start else project.drawn_start
        end_at = axis[1] if project.open_end else project.drawn_end
        note = _("end not known") if project.open_end else _("start not known")
        name = _("Project, end not known") if project.open_end else _("Project, start not known")
        symbols = ["triangle-left" if project.open_start else "line-ns",
                   "triangle-right" if project.open_end else "line-ns"]
        traces.append({
            "type": "scatter", "x": [start_at, end_at], "y": [lane] * 2,
            "mode": "lines+markers+text", "cliponaxis": False,
            "line": {"color": palette.SEQUENTIAL[6], "width": 3, "dash": "dot"},
            "marker": {"symbol": symbols, "size": 14, "color": palette.SEQUENTIAL[6],
                       "line": {"color": palette.SEQUENTIAL[6], "width": 2}},
            "text": [note, ""] if project.open_start else ["", note],
            "textposition": ["top right", "top left"], "textfont": {"color": palette.MUTED_TEXT, "size": 12},
            "name": name, "legendgroup": "open", "showlegend": False,
            "hovertext": [project_hover(project)] * 2, "hovertemplate": "%{hovertext}<extra></extra>",
            **row})

    others = [(lane, d, project) for lane, project in rows for d in project.other_dates]
    if others:
        traces.append({
            "type": "scatter", "x": [d.boundary for _lane, d, _p in others],
            "y": [lane for lane, _d, _p in others],
            "mode": "markers", "name": _("Date another source gives"),
            "marker": {"symbol": "line-ns-open", "size": 26, "color": palette.HIGHLIGHT,
                       "line": {"width": 2.5, "color": palette.HIGHLIGHT}},
            "hovertext": [hover_lines(p.title, _("Another source: {date}").format(date=other_date_text(d)),
                                      _("Drawn: {dates}").format(dates=p.dates))
                          for _lane, d, p in others],
            "hovertemplate": "%{hovertext}<extra></extra>", **row})

    at = positions(spans["project_id"], projects["project_id"])  # each event's project row, -1: none
    own = at >= 0
    lane = lane_of[at[own]]
    is_span = spans["is_span"].to_numpy(dtype=bool)[own]
    counted_events = spans["counted"].to_numpy(dtype=bool)[own]
    hover = spans["hover"].to_numpy(dtype=object)[own]
    midpoint = spans["midpoint"].to_numpy()[own]
    for counted, name, symbol in ((True, _("Project event"), "diamond"),
                                  (False, _("Project event, not counted"), "diamond-open")):
        chosen = ~is_span & (counted_events == counted)
        if chosen.any():
            traces.append({
                "type": "scatter", "x": midpoint[chosen], "y": lane[chosen],
                "mode": "markers", "name": name,
                "marker": {"symbol": symbol, "size": 13, "color": palette.TEXT,
                           "line": {"color": palette.TEXT if not counted else "white", "width": 1.5}},
                "hovertext": hover[chosen], "hovertemplate": "%{hovertext}<extra></extra>", **row})
    if is_span.any():
        own_spans = spans[own]
        periods = own_spans[is_span]
        traces.append({
            "type": "bar", "orientation": "h", "base": periods["drawn_start"].to_numpy(),
            "x": duration_ms(periods["drawn_start"], periods["drawn_end"]),
            "y": lane[is_span], "width": 0.2,
            "name": _("Event of the project (month or year)"),
            "marker": {"color": palette.TEXT, "opacity": 0.55}, "showlegend": False,
            "hovertext": hover[is_span], "hovertemplate": "%{hovertext}<extra></extra>", **row})
    yaxis = {"tickvals": list(projects.index), "ticktext": [lane_label(x) for x in projects["label"]],
             "range": [len(projects) - 0.5, -0.5]}
    return traces, yaxis


def lane_traces(spans: pd.DataFrame, lanes: list[tuple[str, str]], categories: pd.DataFrame,
                 largest, row: int) -> tuple[list[dict], dict]:
    """One lane per category, coloured in lane order so that neighbouring lanes always differ
    (there are more topics than distinguishable colours; the lane label names each one).
    Returns the traces and the row's y axis. The columns are taken out as arrays once and each
    lane picks its rows by a boolean mask: pandas' filtering cost more than the rest of the
    figure on the bundled data (a few rows per lane, a dozen lanes)."""
    colours = list(islice(cycle(LANE_COLOURS), len(lanes)))
    in_lanes = spans[["event_id", "drawn_start", "drawn_end", "is_span", "midpoint", "participants",
                      "hover", "counted"]].merge(categories[["event_id", "category"]].drop_duplicates(),
                                                 on="event_id")
    category_of = in_lanes["category"].to_numpy(dtype=object)
    start = in_lanes["drawn_start"].to_numpy()
    length_ms = np.asarray(duration_ms(in_lanes["drawn_start"], in_lanes["drawn_end"]), dtype=float)
    is_span = in_lanes["is_span"].to_numpy(dtype=bool)
    midpoint = in_lanes["midpoint"].to_numpy()
    participants = in_lanes["participants"].astype("float64").to_numpy()  # NaN where unknown
    known = ~np.isnan(participants)
    hover = in_lanes["hover"].to_numpy(dtype=object)
    counted = in_lanes["counted"].to_numpy(dtype=bool)
    traces = []
    for lane, (category, _label) in enumerate(lanes):
        colour = palette.MUTED_TEXT if category in ("none", OTHER_LANE) else colours[lane]
        in_lane = category_of == category
        periods = in_lane & is_span
        if periods.any():
            traces.append({
                "type": "bar", "orientation": "h", "base": start[periods],
                "x": length_ms[periods].tolist(), "y": [lane] * int(periods.sum()),
                "width": SPAN_WIDTH, "showlegend": False, "legendgroup": category, "name": _label,
                "marker": {"color": colour, "opacity": 0.45, "line": {"color": colour, "width": 2},
                           "pattern": {"shape": ["" if counts else NOT_COUNTED_SYMBOL
                                                 for counts in counted[periods]]}},
                "text": [_("{count} participants").format(count=format_count(p)) if not np.isnan(p) else ""
                         for p in participants[periods]],
                "textposition": "inside", "insidetextanchor": "middle",
                "hovertext": hover[periods],
                "hovertemplate": "%{hovertext}<extra></extra>",
                **on_row(row)})
        points = in_lane & ~is_span
        for group, kind in ((points & known & counted, "count"), (points & ~known & counted, "none"),
                            (points & ~counted, "not counted")):
            if not group.any():
                continue
            if kind == "count":
                marker = {"size": [marker_size(n, largest) for n in participants[group]],
                          "symbol": "circle", "line": {"width": 1.5, "color": "white"}}
            elif kind == "none":
                marker = {"size": NO_COUNT_MARKER_PX, "symbol": "circle-open",
                          "line": {"width": 3, "color": colour}}
            else:
                marker = {"size": NO_COUNT_MARKER_PX, "symbol": NOT_COUNTED_SYMBOL,
                          "line": {"width": 1, "color": colour}}
            traces.append({
                "type": "scatter", "x": midpoint[group], "y": [lane] * int(group.sum()),
                "mode": "markers",
                "showlegend": False, "legendgroup": category, "name": _label,
                "marker": {**marker, "color": colour, "opacity": 0.9},
                "hovertext": hover[group],
                "hovertemplate": "%{hovertext}<extra></extra>",
                **on_row(row)})
    yaxis = {"tickvals": list(range(len(lanes))), "ticktext": [lane_label(label) for _, label in lanes],
             "range": [len(lanes) - 0.5, -0.5]}
    return traces, yaxis


def monthly_lane_traces(spans: pd.DataFrame, lanes: list[tuple[str, str]], categories: pd.DataFrame,
                         row: int) -> tuple[list[dict], dict]:
    """Each lane as events per month (a month- or year-only date counts in the month of its
    middle): one mark per lane and month, its area in proportion to the number of events, the
    hover giving the count and the participants. What timeline_figure draws beyond
    MAX_EVENT_MARKS events."""
    colours = list(islice(cycle(LANE_COLOURS), len(lanes)))
    by_lane, largest = _events_per_month(spans, categories)
    # Each month's, count's and sentence's words worked out once, not once per mark: at 10,000
    # events a chart has two thousand marks, and their hovers cost more than the rest of it.
    month_words = {month: format_date(f"{month.year:04d}-{month.month:02d}")
                   for months in by_lane.values() for month in months["month"]}
    count_words = OncePerValue(format_count)
    events_sentences = {n: ngettext("{month}: {n} event", "{month}: {n} events", n)
                        for months in by_lane.values() for n in months["events"]}
    given = _("Participants: {count} (given for {counted} of them)")
    not_given = html_text(_("Participants: not given"))
    traces = []
    for lane, (category, label) in enumerate(lanes):
        months = by_lane.get(category)
        if months is None:
            continue
        colour = palette.MUTED_TEXT if category in ("none", OTHER_LANE) else colours[lane]
        title = f"<b>{_wrapped(label)}</b>"  # once per lane; the rest is our own text
        hovers = []
        for month, events, people, counted in zip(months["month"], months["events"], months["participants"],
                                                  months["counted"], strict=True):
            when = events_sentences[events].format(month=month_words[month], n=count_words(events))
            who = (html_text(given.format(count=count_words(people), counted=count_words(counted)))
                   if counted else not_given)
            hovers.append(f"{title}<br>{html_text(when)}<br>{who}")
        traces.append({
            "type": "scatter", "x": (months["month"] + pd.Timedelta(days=14)).to_numpy(),
            "y": [lane] * len(months["month"]), "mode": "markers", "showlegend": False, "name": label,
            "marker": {"size": [max(MIN_MARKER_PX / 2, MAX_MARKER_PX * math.sqrt(n / largest))
                                for n in months["events"]],
                       "symbol": "circle", "color": colour, "opacity": 0.8, "line": {"width": 0}},
            "hovertext": hovers, "hovertemplate": "%{hovertext}<extra></extra>", **on_row(row)})
    yaxis = {"tickvals": list(range(len(lanes))), "ticktext": [lane_label(label) for _, label in lanes],
             "range": [len(lanes) - 0.5, -0.5]}
    return traces, yaxis


def _events_per_month(spans: pd.DataFrame, categories: pd.DataFrame) -> tuple[dict[str, dict], int]:
    """Per category (lane): its months in order, and per month the events (each counted once
    in a lane), the participants they give and how many give a count; and the most events in
    any lane and month. An event counts in the month of its middle. Counted with numpy over
    row positions and codes (a pandas merge, drop_duplicates and groupby over a hundred
    thousand text ids cost most of the chart)."""
    category, names = pd.factorize(categories["category"])
    at = positions(categories["event_id"], spans["event_id"])
    middle = spans["drawn_start"] + (spans["drawn_end"] - spans["drawn_start"]) / 2
    month = middle.to_numpy().astype("datetime64[M]").astype(np.int64)  # months since 1970-01
    placed = (at >= 0) & (category >= 0)
    pairs = np.unique(category[placed].astype(np.int64) * (len(spans) + 1) + at[placed])  # once a lane
    category, event = pairs // (len(spans) + 1), pairs % (len(spans) + 1)
    known = ~np.isnat(middle.to_numpy())[event]
    category, event = category[known], event[known]
    first = int(month[event].min()) if len(event) else 0
    cell = category * (int(month[event].max()) - first + 1 if len(event) else 1) + month[event] - first
    cells, row_of = np.unique(cell, return_inverse=True)
    people = spans["participants"].to_numpy(dtype="float64", na_value=np.nan)[event]
    given = ~np.isnan(people)
    events = np.bincount(row_of, minlength=len(cells))
    participants = np.bincount(row_of[given], weights=people[given], minlength=len(cells)).astype(np.int64)
    counted = np.bincount(row_of[given], minlength=len(cells))
    lane_of_cell = np.zeros(len(cells), dtype=np.int64)
    lane_of_cell[row_of] = category
    month_of_cell = np.zeros(len(cells), dtype=np.int64)
    month_of_cell[row_of] = month[event]
    by_lane: dict[str, dict] = {}
    for code in np.unique(lane_of_cell).tolist():
        mine = lane_of_cell == code  # cells are in order of lane, then month
        by_lane[names[code]] = {
            "month": pd.DatetimeIndex(month_of_cell[mine].astype("datetime64[M]").astype("datetime64[us]")),
            "events": events[mine].tolist(), "participants": participants[mine].tolist(),
            "counted": counted[mine].tolist()}
    return by_lane, int(events.max()) if len(events) else 1
