"""Participation charts, built from crossings.views.participation: participants per period (bars
by country, the rest folded into 'other') and the country × year heatmap.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd
import plotly.graph_objects as go

from crossings.figures import palette
from crossings.figures.plotly_spec import base_layout, empty_figure, figure, reading_start, rows_by_trace
from crossings.figures.timeline import sources_of
from crossings.figures.timeline_lanes import NO_COUNT_MARKER_PX, hover_lines
from crossings.languages import _, active_language, ngettext
from crossings.text.citations import CHART_SOURCE_CHARS, source_line
from crossings.text.escaping import html_text
from crossings.text.formatting import format_count
from crossings.text.rows import records
from crossings.views.filtered_view import FilteredView
from crossings.views.participation import (
    GROUP_LABELS,
    ONLINE,
    SHARED,
    PeriodParticipants,
    participants_by_period,
)
from crossings.views.participation_years import first_titles, participation_matrix

MAX_BAR_COUNTRIES = 8  # countries with their own colour in the participants chart
OTHER_GROUP = "other"
MAX_HEATMAP_COUNTRIES = 40  # rows of the country × year heatmap
HOVER_EVENTS = 8  # event titles listed in one hover label
# --- participants per period ---------------------------------------------------------------------

def group_colours(groups) -> dict[str, str]:
    countries = sorted(g for g in groups if g not in GROUP_LABELS and g != OTHER_GROUP)
    colours = palette.colour_map(countries)
    colours[SHARED] = palette.BORDER_LINE  # hatched
    colours[ONLINE] = palette.NO_DATA  # a light grey: the dark greys of the other two were hard to tell apart
    colours[OTHER_GROUP] = palette.MUTED_TEXT
    return colours


def fold_groups(by_group: pd.DataFrame, max_countries: int = MAX_BAR_COUNTRIES) -> pd.DataFrame:
    """The countries with the most participants keep their own colour; the others are added up
    as 'N other countries'. Counts not given per country (and online events) stay apart."""
    totals = by_group[~by_group["group"].isin(list(GROUP_LABELS))].groupby("group")["participants"].sum()
    if len(totals) <= max_countries:
        return by_group
    keep = set(sorted(totals.index, key=lambda g: (-totals[g], g))[:max_countries])
    folded = by_group["group"].isin(keep) | by_group["group"].isin(list(GROUP_LABELS))
    rest = by_group[~folded].groupby(["period", "period_start"], sort=False).agg(
        participants=("participants", "sum"), cumulative=("cumulative", "sum"),
        events=("events", lambda e: tuple(t for titles in e for t in titles))).reset_index()
    rest["group"] = OTHER_GROUP
    others = len(totals) - max_countries
    rest["group_label"] = ngettext("{n} other country", "{n} other countries", others).format(
        n=format_count(others))
    return pd.concat([by_group[folded], rest[by_group.columns]], ignore_index=True)


def participants_chart(view: FilteredView, granularity: str = "year", count_by: str = "host",
                       cumulative: bool = False) -> go.Figure:
    """participants_figure of participants_by_period(view, granularity, count_by): made once per
    view, settings and language, and shared: read only (copy before changing)."""
    def made() -> go.Figure:
        return participants_figure(view, participants_by_period(view, granularity, count_by), cumulative)
    return view.memo.get(("participants chart", granularity, count_by, cumulative), made)


def participant_sources(view: FilteredView, max_chars: int | None = CHART_SOURCE_CHARS) -> str:
    """The sources of the participant counts: as many as fit under a chart, or all of them
    with `max_chars` None."""
    return source_line(view.dataset, view.source_ids("events", "event_countries"), max_chars=max_chars)


def participants_figure(view: FilteredView, result: PeriodParticipants,
                        cumulative: bool = False) -> go.Figure:
    """Stacked bars of participants per period (or running totals) by country, from
    `participants_by_period(view, ...)`. A count the source does not give per country is one
    grey, hatched block, never split. Periods with events that give no count get an open
    circle on the axis, so 'no count' never reads as 'nobody came'."""
    per = "quarter" if result.granularity == "quarter" else "year"
    source = participant_sources(view)
    if result.totals.empty:
        return empty_figure(_("No dated events match the filters."), source)
    if result.by_group.empty:
        return empty_figure(_("None of the dated events shown gives a participant count."), source)
    value = "cumulative" if cumulative else "participants"
    traces = []
    by_group = fold_groups(result.by_group)
    colours = group_colours(by_group["group"].unique())
    # one trace per group in order of first appearance, its rows picked by position from
    # records and columns taken out once (a pandas group and itertuples per country cost most
    # of the chart)
    codes, groups = pd.factorize(by_group["group"])
    records_of = records(by_group, ("period", "group_label", "events", value))
    periods, values = by_group["period"].to_numpy(dtype=object), by_group[value].to_numpy()
    said = (_("{group}: {count} participants up to the end of {period}") if cumulative else
            _("{group}: {count} participants in {period}"))
    for group, at in zip(groups, rows_by_trace(codes), strict=True):
        label = records_of[at[0]].group_label
        hover = []
        for row in (records_of[i] for i in at):
            lines = [said.format(group=label, count=format_count(getattr(row, value)), period=row.period)]
            hover.append(hover_lines(row.period, *lines, *_listed(row.events)))
        traces.append({
            "type": "bar", "x": periods[at], "y": values[at], "name": html_text(label),
            "marker": {"color": colours[group], "line": {"color": "white", "width": 1},
                       # fillmode and bgcolor explicit: Streamlit's plotly.js otherwise draws the
                       # hatch on a transparent background, and the bar disappears
                       "pattern": {"shape": "x" if group == SHARED else "", "fillmode": "overlay",
                                   "fgcolor": "white", "bgcolor": colours[group]}},
            "text": [format_count(v) if v else "" for v in values[at].tolist()], "textposition": "inside",
            "textangle": 0,
            "hovertext": hover, "hovertemplate": "%{hovertext}<extra></extra>"})
    without = result.totals[result.totals["events"] > result.totals["events_with_count"]]
    if len(without):
        missing = without["events"] - without["events_with_count"]
        traces.append({
            "type": "scatter", "x": without["period"], "y": [0] * len(without), "mode": "markers",
            "cliponaxis": False, "name": html_text(_("Events with no count given (not in the bars)")),
            "marker": {"symbol": "circle-open", "size": NO_COUNT_MARKER_PX, "color": palette.MUTED_TEXT,
                       "line": {"width": 3, "color": palette.MUTED_TEXT}},
            "hovertext": [hover_lines(period, ngettext("{n} event with no participant count",
                                                       "{n} events with no participant count", n).format(
                                                           n=format_count(n)))
                          for period, n in zip(without["period"], missing, strict=True)],
            "hovertemplate": "%{hovertext}<extra></extra>"})
    title = (_("Participants, running total") if cumulative else
             _("Participants per quarter") if per == "quarter" else _("Participants per year"))
    layout = {
        "barmode": "stack", "bargap": 0.25,
        # every count written level and at one size; one a block has no room for is left to the
        # hover and the table (rotated 7-pixel figures in thin blocks could not be read)
        "uniformtext": {"minsize": 10, "mode": "hide"},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, **reading_start()},
        "xaxis": {"type": "category", "categoryorder": "array",
                  "categoryarray": list(result.totals["period"]),
                  "tickangle": -45 if per == "quarter" else 0, "ticklabelstandoff": 8},
        "yaxis": {"title": {"text": html_text(title)}, "rangemode": "tozero", "gridcolor": "#E5E5E5",
                  "fixedrange": True, "automargin": True},
    }
    return figure(traces, base_layout(layout, 380, source, top=70, ticks=70 if per == "quarter" else 30))


# --- country × year ------------------------------------------------------------------------------


def _listed(titles, limit: int = HOVER_EVENTS) -> list[str]:
    """At most `limit` event titles for a hover label, and how many more there are."""
    listed = [f"· {t}" for t in titles[:limit]]
    if len(titles) > limit:
        listed.append(_("… and {count} more").format(count=format_count(len(titles) - limit)))
    return listed


@lru_cache(maxsize=20_000)
def _cell_hover(language: str, name: str, year: int, count: int, events: tuple[str, ...]) -> str:
    """A heatmap cell's hover label, kept per language and content: most cells read the same
    after a filter change, and writing each again cost a fifth of the chart."""
    listed = [f"· {t}" for t in events] + (
        [_("… and {count} more").format(count=format_count(count - len(events)))]
        if count > len(events) else [])
    took_part = ngettext("Took part in {n} event", "Took part in {n} events", count).format(
        n=format_count(count))
    where_when = _("{country}, {year}").format(country=name, year=year)
    return hover_lines(where_when, took_part, *listed)


def participation_heatmap(view: FilteredView, max_countries: int = MAX_HEATMAP_COUNTRIES) -> go.Figure:
    """How many events each country took part in, per year (the countries with the most
    events, at most `max_countries`). Hover lists the events.
    Made once per view and settings, in each language, and shared: read only (a caller that
    changes it works on a copy, go.Figure(figure))."""
    return view.memo.get(("participation heatmap", max_countries),
                         lambda: _participation_heatmap(view, max_countries))


def _participation_heatmap(view: FilteredView, max_countries: int = MAX_HEATMAP_COUNTRIES) -> go.Figure:
    """participation_heatmap, worked out."""
    matrix = participation_matrix(view)
    source = sources_of(view)
    if matrix.empty:
        return empty_figure(_("No dated events with participating countries match the filters."), source)
    shown = matrix.head(max_countries)
    # the first HOVER_EVENTS titles of each cell only (a cell may hold thousands), and the counts
    titles = first_titles(view, shown.index, HOVER_EVENTS)
    names = [view.dataset.country_name(c) for c in shown.index]
    values = shown.to_numpy()
    language, years = active_language(), shown.columns.tolist()
    hover = [[_cell_hover(language, name, year, count, tuple(titles.get((iso3, year), ())))
              for year, count in zip(years, counts, strict=True)]
             for iso3, name, counts in zip(shown.index, names, values.tolist(), strict=True)]
    largest = max(1, int(values.max()))
    heatmap = {
        "type": "heatmap", "z": values, "x": [str(y) for y in shown.columns],
        "y": [html_text(n) for n in names],
        "colorscale": palette.sequential_scale(), "zmin": 0, "zmax": largest,
        "xgap": 2, "ygap": 2, "customdata": hover, "hovertemplate": "%{customdata}<extra></extra>",
        "text": [[str(v) if v else "" for v in row] for row in values],
        "texttemplate": "%{text}", "textfont": {"size": 13},
        "colorbar": {"title": {"text": html_text(_("Events"))}, "dtick": 1 if largest <= 10 else None,
                     "thickness": 14}}
    layout = {"yaxis": {"autorange": "reversed", "automargin": True, "fixedrange": True,
                        "showgrid": False, "ticks": ""},
              "xaxis": {"type": "category", "side": "top", "fixedrange": True, "showgrid": False,
                        "ticks": ""}}
    if len(matrix) > len(shown):
        source = _("{shown} of {total} countries shown, those with the most events; "
                   "the table lists all. {sources}").format(shown=format_count(len(shown)),
                                                            total=format_count(len(matrix)), sources=source)
    return figure([heatmap], base_layout(layout, 26 * len(shown) + 40, source, top=40, ticks=8))
