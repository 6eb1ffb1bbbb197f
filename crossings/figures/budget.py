"""Plotly figures of who funds what and of money over time.

Every amount drawn is converted to one currency (crossings.views.currency); the amount as the
source gives it, its currency and the rate used are in the hover label. Each funder keeps its
colour in every figure, whatever the filters; estimates are hatched. Text from the data is
escaped before it reaches a label (crossings.text.escaping).

`funding_figure(view, currency)` is the main funding figure, the one other views (slides)
reuse.
"""

from __future__ import annotations

import math
from itertools import chain

import pandas as pd
import plotly.graph_objects as go

from crossings.data.dataset import Dataset
from crossings.figures import palette
from crossings.figures.money_axis import money_axis
from crossings.figures.plotly_spec import (
    figure,
    localised_dates,
    merged,
    reading_start,
    rows_by_trace,
    text_align,
)
from crossings.figures.year_totals import headed_by_year_total, totals_fit
from crossings.languages import N_, _, ngettext
from crossings.text.escaping import html_text
from crossings.text.formatting import (
    format_compact_amount,
    format_compact_money,
    format_count,
    format_date,
    format_money,
)
from crossings.text.rows import records
from crossings.text.widths import text_width_px
from crossings.views.budget import GROUPINGS, converted_lines, funding_lines, hierarchy, totals_by
from crossings.views.filtered_view import FilteredView
from crossings.views.money_over_time import by_period, spread_of

HIERARCHY = "hierarchy"  # the funder → instrument → project view
FUNDING_VIEWS = (*GROUPINGS, HIERARCHY)
# Shown in the active language: _(VIEW_LABELS[view]).
VIEW_LABELS = {"funder": N_("Funder"), "instrument": N_("Instrument"), "project": N_("Project"),
               "implementer": N_("Implementer"), HIERARCHY: N_("Funder → instrument → project")}
BAR_TITLES = {"funder": N_("Funding by funder, in {currency}"),
              "instrument": N_("Funding by instrument, in {currency}"),
              "project": N_("Funding by project, in {currency}"),
              "implementer": N_("Funding by implementer, in {currency}")}
LEVEL_WORDS = {"funder": N_("funder"), "instrument": N_("instrument"), "project": N_("project")}
_BAR_HEIGHT = 56
TEXT_PX = 14  # the palette's type size (palette.plotly_layout_defaults)
MAX_BARS = 25  # groups with a bar of their own; the smaller rest share one last bar
HOVER_LINES = 8  # funding lines listed in one hover label (the table below lists them all)
MAX_LINE_SEGMENTS = 40  # funding lines drawn as segments of their own in the money-over-time chart
OTHER_KEY = "(other)"  # never an id in the data
_LINE_FIELDS = ("funding_id", "project", "instrument", "amount", "currency", "converted", "conversion",
                "value_date", "value_date_precision", "estimated")


def funder_colours(dataset: Dataset) -> dict[str, str]:
    """One colour per funder, from every funder in the data (not only the filtered ones), so a
    funder keeps its colour when the filters change. Worked out once per dataset."""
    return dataset.memo.get("funder colours", lambda: palette.colour_map(
        sorted(set(dataset.funding["funder_id"].dropna().unique()))))


def funding_figure(view: FilteredView, currency: str, by: str = "funder",
                   max_bars: int = MAX_BARS, text_px: float = TEXT_PX) -> go.Figure:
    """The main funding figure of a filtered view in `currency`: bars by funder, instrument,
    project or implementer, or the funder → instrument → project treemap (`by="hierarchy"`).
    Beyond `max_bars` groups, the smallest share one last bar (a slide has room for fewer).
    `text_px`: the size the bars' totals are drawn at (a slide's is larger), for their room.
    Made once per view and settings, in each language, and shared: read only (a caller that
    changes it works on a copy, go.Figure(figure))."""
    return view.memo.get(("funding figure", currency, by, max_bars, text_px),
                         lambda: _funding_figure(view, currency, by, max_bars, text_px))


def _funding_figure(view: FilteredView, currency: str, by: str = "funder",
                    max_bars: int = MAX_BARS, text_px: float = TEXT_PX) -> go.Figure:
    """funding_figure, worked out."""
    if by not in FUNDING_VIEWS:
        raise ValueError(f"by must be one of {FUNDING_VIEWS}, not {by!r}")
    lines = funding_lines(view, currency)
    colours = funder_colours(view.dataset)
    if by == HIERARCHY:
        return funding_treemap(lines, currency, colours)
    return funding_bars(lines, currency, by, colours, max_bars, text_px)


def money_over_time_figure(view: FilteredView, currency: str, per: str = "year") -> go.Figure:
    """Each project's funding spread evenly over its months, stacked by funder, per year or
    month, within the years the filters pick.
    Made once per view and settings, in each language, and shared: read only (a caller that
    changes it works on a copy, go.Figure(figure))."""
    return view.memo.get(("money over time figure", currency, per),
                         lambda: _money_over_time_figure(view, currency, per))


def _money_over_time_figure(view: FilteredView, currency: str, per: str = "year") -> go.Figure:
    """money_over_time_figure, worked out."""
    periods = by_period(spread_of(view, currency).monthly, per, view.state.year_from, view.state.year_to)
    return money_over_time_bars(periods, currency, per, funder_colours(view.dataset))


# --- builders from prepared frames ------------------------------------------------------------

# The title's block at the top of a chart: its pad, its line (plotly sets it at 1.4 times the
# type size), a subtitle's line (28: an Arabic subtitle's glyphs reach 26 px below the title's
# line; at 20 its last pixels ran into the legend at 390 px), then the legend hangs below it.
_TITLE_PAD, _TITLE_LINE, _SUBTITLE_LINE, _LEGEND_GAP = 10, 26, 28, 6


def _base_layout(title: str, height: int, *updates: dict, subtitle: str = "") -> dict:
    """The palette's fonts and colours, the title (and `subtitle`) at the top, the legend right
    under it (both where the language starts a line: at the right in Arabic); then `updates`.
    The legend is placed in the figure's own pixels below the title and plotly keeps the plot
    below the legend however many rows it wraps onto: placed on the plot's top edge, a legend
    of many rows (a phone's fifteen funders, Arabic's longer names) grew up into the title."""
    top = _TITLE_PAD + _TITLE_LINE + (_SUBTITLE_LINE if subtitle else 0) + _LEGEND_GAP
    heading = {"text": html_text(title), **reading_start(), "yref": "container", "y": 1, "yanchor": "top",
               "pad": {"t": _TITLE_PAD}}
    if subtitle:
        heading["subtitle"] = {"text": html_text(subtitle)}
    return merged(palette.plotly_layout_defaults(), {
        "title": heading, "height": height,
        "legend": {"orientation": "h", "yref": "container", "y": 1 - top / height, "yanchor": "top",
                   **reading_start(), "title": {"text": ""}},
        "hoverlabel": {"align": text_align()}, "margin": {"t": top + 10},
        "xaxis": {"automargin": True}, "yaxis": {"automargin": True},
    }, *updates)


def _empty(title: str) -> go.Figure:
    note = {"text": html_text(_("No funding lines match the filters.")), "showarrow": False,
            "x": 0.5, "y": 0.5,
            "xref": "paper", "yref": "paper", "font": {"color": palette.MUTED_TEXT}}
    return figure([], _base_layout(title, 300, {"annotations": [note], "xaxis": {"visible": False},
                                                "yaxis": {"visible": False}}))


class _LineHovers:
    """Funding id -> its hover line, for the lines that could be converted. Written when first
    asked for: a bar or box lists at most HOVER_LINES lines, so at 50,000 lines only those few
    hundred are ever written, not one per line on every rerun."""

    def __init__(self, lines: pd.DataFrame, currency: str) -> None:
        self._lines = {line.funding_id: line for line in records(converted_lines(lines), _LINE_FIELDS)}
        self._currency = currency
        self._written: dict[str, str] = {}

    def __getitem__(self, funding_id: str) -> str:
        if funding_id not in self._written:
            self._written[funding_id] = _line_hover(self._lines[funding_id], self._currency)
        return self._written[funding_id]


def _line_hovers(lines: pd.DataFrame, currency: str) -> _LineHovers:
    return _LineHovers(lines, currency)


def _lines_listed(funding_ids, hovers: _LineHovers) -> str:
    ids = list(funding_ids)
    return "<br>".join([hovers[i] for i in ids[:HOVER_LINES]] + _more_lines(len(ids) - HOVER_LINES))


def _more_lines(more: int) -> list[str]:
    """The line saying how many funding lines a hover label leaves out (none when it lists all)."""
    if more <= 0:
        return []
    return [_("… and {count} more funding lines (all in the table below)").format(count=format_count(more))]


def _fold_small_groups(pieces: pd.DataFrame, by: str, max_bars: int) -> pd.DataFrame:
    """Beyond `max_bars` groups, the smallest share one last bar ('412 other projects'), split
    by funder and estimate like the others, so no funding is left out of the chart."""
    keys = list(dict.fromkeys(pieces["key"]))  # largest group first
    if len(keys) <= max_bars:
        return pieces
    kept = pieces["key"].isin(keys[:max_bars - 1])
    rest = pieces[~kept]
    others = len(keys) - max_bars + 1
    label = {"funder": ngettext("{n} other funder", "{n} other funders", others),
             "instrument": ngettext("{n} other instrument", "{n} other instruments", others),
             "project": ngettext("{n} other project", "{n} other projects", others),
             "implementer": ngettext("{n} other implementer", "{n} other implementers", others)}[by]
    folded = (rest.groupby(["funder_id", "funder", "estimated"], sort=False)
              .agg(converted=("converted", "sum"),
                   funding_ids=("funding_ids", lambda ids: tuple(chain.from_iterable(ids))))
              .reset_index()
              .assign(key=OTHER_KEY, label=label.format(n=format_count(others)),
                      group_total=rest["converted"].sum()))
    return pd.concat([pieces[kept], folded[pieces.columns]], ignore_index=True)


def _line_hover(line, currency: str) -> str:
    """One funding line for a hover label: project, instrument, the amount as given and, when
    converted, the amount in `currency` and the rate."""
    given = format_money(line.amount, line.currency)
    text = _("{project} · {instrument}: {amount}").format(project=html_text(line.project),
                                                          instrument=html_text(line.instrument),
                                                          amount=given)
    if line.currency != currency:
        text += (f" = {format_money(line.converted, currency, decimals=2)}"
                 f"<br>   {html_text(line.conversion)}")
    when = html_text(format_date(line.value_date, line.value_date_precision))
    value_date = (_("value date {date}, an estimate") if line.estimated else _("value date {date}")).format(
        date=when)
    return f"{text}<br>   {value_date}"


def _series_name(funder: str, estimated: bool) -> str:
    return _("{funder} (estimate)").format(funder=html_text(funder)) if estimated else html_text(funder)


def _amount_of(name: str, amount: str) -> str:
    """'EU: EUR 1,000.00' (a series or line and its amount, in a hover label)."""
    return _("{name}: {amount}").format(name=name, amount=amount)


def _marker(colour: str, estimated: bool) -> dict:
    marker = {"color": colour, "line": {"color": "white", "width": 1}}
    if estimated:
        marker["pattern"] = {"shape": palette.ESTIMATE_PATTERN, "bgcolor": colour, "fgcolor": "white",
                             "fillmode": "overlay", "solidity": 0.3}
    return marker


def funding_bars(lines: pd.DataFrame, currency: str, by: str, colours: dict[str, str],
                 max_bars: int = MAX_BARS, text_px: float = TEXT_PX) -> go.Figure:
    """Horizontal bars, largest first, one per group, stacked by funder; estimates hatched;
    the group's total written at the end of its bar, with room for it right of the plot
    whatever its length ('429.2 مليون EUR' at a slide's `text_px`)."""
    title = _(BAR_TITLES[by]).format(currency=currency)
    pieces = totals_by(lines, by)
    if pieces.empty:
        return _empty(title)
    pieces = _fold_small_groups(pieces, by, max_bars)
    hovers = _line_hovers(lines, currency)
    pieces["y"] = by + ":" + pieces["key"].astype(str)  # never empty, even for "no instrument"
    groups = pieces.drop_duplicates("y")
    traces = []
    # one trace per funder and estimate, in order of first appearance, its pieces picked by
    # position from records and columns taken out once (a pandas group and itertuples per
    # trace cost most of the chart)
    series = pieces.groupby(["funder_id", "funder", "estimated"], sort=False).ngroup().to_numpy()
    rows = records(pieces, ("funder_id", "funder", "estimated", "label", "converted", "funding_ids"))
    converted, bar_of = pieces["converted"].to_numpy(), pieces["y"].to_numpy(dtype=object)
    for at in rows_by_trace(series):
        funder_id, funder, estimated = rows[at[0]].funder_id, rows[at[0]].funder, rows[at[0]].estimated
        hover = [f"<b>{html_text(piece.label)}</b><br>"
                 + _amount_of(_series_name(funder, estimated),
                              format_money(piece.converted, currency, decimals=2))
                 + f"<br>{_lines_listed(piece.funding_ids, hovers)}"
                 for piece in (rows[i] for i in at)]
        traces.append({"type": "bar", "x": converted[at], "y": bar_of[at], "orientation": "h",
                       "name": _series_name(funder, estimated), "legendgroup": funder_id,
                       "marker": _marker(colours.get(funder_id, palette.NO_DATA), estimated),
                       "hovertext": hover, "hovertemplate": "%{hovertext}<extra></extra>"})
    totals = [format_compact_money(v, currency) for v in groups["group_total"]]
    traces.append({"type": "scatter", "x": groups["group_total"], "y": groups["y"], "mode": "text",
                   "showlegend": False, "text": totals,
                   "textposition": "middle right", "hoverinfo": "skip", "cliponaxis": False})
    height = 150 + _BAR_HEIGHT * len(groups)
    top = groups["group_total"].max() * 1.05
    return figure(traces, _base_layout(title, max(height, 320), {
        "barmode": "stack", "bargap": 0.35,
        "yaxis": {"type": "category", "categoryorder": "array", "categoryarray": list(groups["y"]),
                  "autorange": "reversed", "tickvals": list(groups["y"]),
                  "ticktext": [html_text(label) for label in groups["label"]]},
        "xaxis": money_axis({"title": {"text": currency, "standoff": 8}, "gridcolor": "#E5E5E5",
                             "zeroline": True, "zerolinecolor": palette.BORDER_LINE,
                             "range": [0, top]}, top),
        # a total ('EUR 8.2 m') is written past its bar's end, the longest bar's past the axis: room
        # for the widest, whatever the chart's width (80 px cut '429.2 مليون EUR' on a slide)
        "margin": {"r": max(80, math.ceil(max(text_width_px(text, text_px) for text in totals)) + 8)},
    }))


def funding_treemap(lines: pd.DataFrame, currency: str, colours: dict[str, str]) -> go.Figure:
    """Funder → instrument → project as a treemap: each funder's boxes in its colour,
    estimates hatched, every box labelled with its amount."""
    title = _("Funding by funder, instrument and project, in {currency}").format(currency=currency)
    nodes = hierarchy(lines)
    if nodes.empty:
        return _empty(title)
    hovers = _line_hovers(lines, currency)
    total = float(nodes.loc[nodes["level"] == "funder", "converted"].sum())
    root = html_text(_("All funding, {currency}").format(currency=currency))
    ids = ["all", *nodes["id"]]
    parents = ["", *[p if p else "all" for p in nodes["parent"]]]
    estimate = "<br>" + html_text(_("(estimate)"))
    labels = [root, *[html_text(label) + (estimate if est and level == "project" else "")
                      for label, est, level in zip(nodes["label"], nodes["estimated"], nodes["level"],
                                                   strict=True)]]
    amounts = [total, *nodes["converted"]]
    funders = ["", *[node_id.split("/")[0] for node_id in nodes["id"]]]
    hover = [f"<b>{root}</b><br>{format_money(total, currency, decimals=2)}"]
    hover += [f"<b>{html_text(node.label)}</b> ({html_text(_(LEVEL_WORDS[node.level]))})<br>"
              f"{format_money(node.converted, currency, decimals=2)}<br>"
              f"{_lines_listed(node.funding_ids, hovers)}"
              for node in nodes.itertuples(index=False)]
    estimated = [False, *nodes["estimated"]]
    fills = ["#FFFFFF", *[colours.get(f, palette.NO_DATA) for f in funders[1:]]]
    treemap = {
        "type": "treemap", "ids": ids, "parents": parents, "labels": labels,
        "values": [0.0, *[v if level == "project" else 0.0
                          for v, level in zip(nodes["converted"], nodes["level"], strict=True)]],
        "branchvalues": "remainder",
        "text": [format_compact_money(v, currency) for v in amounts],
        "texttemplate": "<b>%{label}</b><br>%{text}", "textposition": "top left",
        "hovertext": hover, "hovertemplate": "%{hovertext}<extra></extra>",
        "marker": {"colors": fills, "line": {"color": "white", "width": 2},
                   "pattern": {"shape": [palette.ESTIMATE_PATTERN if e else "" for e in estimated],
                               "bgcolor": fills, "fgcolor": "white", "fillmode": "overlay",
                               "solidity": 0.3}},
        "pathbar": {"visible": True}, "tiling": {"pad": 4},
        "insidetextfont": {"color": [palette.text_colour_on(f) for f in fills], "size": 15},
        "root": {"color": "white"},
    }
    return figure([treemap], _base_layout(title, 520, {"margin": {"t": 60, "l": 10, "r": 10, "b": 10}}))


def _line_segments(periods: pd.DataFrame, currency: str, per: str) -> pd.DataFrame:
    """One segment per funding line and period, lines in order of funder, project, instrument."""
    order = periods.drop_duplicates("funding_id").sort_values(["funder", "project", "instrument"])
    rank = {funding_id: index for index, funding_id in enumerate(order["funding_id"])}
    rows = periods.assign(rank=periods["funding_id"].map(rank)).sort_values("rank", kind="stable")
    hover = [
        f"<b>{_period_label(row.period, per)}</b><br>{_series_name(row.funder, row.estimated)} · "
        f"{html_text(row.project)} · {html_text(row.instrument)}<br>"
        + _("{amount} in {period}: {months_in_period} of the line's {months} months").format(
            amount=format_money(row.share, currency, decimals=2), period=_period_label(row.period, per),
            months_in_period=format_count(row.months_in_period), months=format_count(row.months))
        + "<br>" + _("The whole line: {amount}").format(amount=format_money(row.amount, row.currency))
        for row in records(rows, ("period", "funder", "estimated", "project", "instrument", "share",
                                  "months_in_period", "months", "amount", "currency"))]
    return rows.assign(trace=rows["funding_id"], meta=rows["funding_id"], hover=hover)


def _funder_segments(periods: pd.DataFrame, currency: str, per: str) -> pd.DataFrame:
    """One segment per funder, estimate or not, and period; its hover lists the largest lines
    (only those are written: a segment may stand for thousands)."""
    keys = ["funder_id", "funder", "estimated", "period"]
    ordered = periods.sort_values([*keys, "share"], ascending=[True, True, True, True, False])
    grouped = ordered.groupby(keys, sort=False)
    rows = grouped.agg(share=("share", "sum"), count=("share", "size")).reset_index()
    largest = grouped.head(HOVER_LINES)
    largest = largest.assign(line=[
        _("{project} · {instrument}: {amount}").format(project=html_text(project),
                                                       instrument=html_text(instrument),
                                                       amount=format_money(share, currency, decimals=2))
        for project, instrument, share in zip(largest["project"], largest["instrument"], largest["share"],
                                              strict=True)])
    listed = largest.groupby(keys, sort=False)["line"].agg(list).reset_index()
    rows = rows.merge(listed, on=keys, how="left", sort=False)
    hover = [
        f"<b>{_period_label(row.period, per)}</b><br>"
        + _("{name}: {amount} in {period}, from {count} funding lines").format(
            name=_series_name(row.funder, row.estimated),
            amount=format_money(row.share, currency, decimals=2),
            period=_period_label(row.period, per), count=format_count(row.count))
        + "<br>" + "<br>".join(row.line + _more_lines(row.count - len(row.line)))
        for row in records(rows, ("period", "funder", "estimated", "share", "count", "line"))]
    return rows.drop(columns=["count", "line"]).assign(
        trace=rows["funder_id"] + ":" + rows["estimated"].astype(str), meta=None, hover=hover)


def money_over_time_bars(periods: pd.DataFrame, currency: str, per: str,
                         colours: dict[str, str]) -> go.Figure:
    """Stacked bars per year (or month): one segment per funding line, in its funder's colour,
    so lines of one funder sit together and each line (JEMPAS II's AMIF and ISF-Police parts)
    stays visible in the hover label. Beyond MAX_LINE_SEGMENTS lines, thin slivers would hide
    each other (and weigh megabytes): one segment per funder instead, its hover listing the
    largest lines."""
    # short: a phone shows about 30 characters
    title = (_("Funding per year, in {currency}") if per == "year" else
             _("Funding per month, in {currency}")).format(currency=currency)
    if periods.empty:
        return _empty(title)
    by_line = periods["funding_id"].nunique() <= MAX_LINE_SEGMENTS
    segments = (_line_segments if by_line else _funder_segments)(periods, currency, per)
    per_period = periods.groupby("period")["share"].sum()
    totals = [format_compact_amount(v) for v in per_period.values] if per == "year" else []
    if totals and not totals_fit(list(per_period.index), totals, TEXT_PX):  # no room: in the hover labels
        segments = segments.assign(hover=headed_by_year_total(segments["period"], segments["hover"],
                                                              per_period, currency))
        totals = []
    traces = []
    shown_in_legend: set[tuple[str, bool]] = set()
    # one trace per segment group, in order of first appearance (rows_by_trace)
    column = {name: segments[name].to_numpy() for name in ("period", "share", "meta", "hover",
                                                           "funder_id", "funder", "estimated")}
    for rows in rows_by_trace(pd.factorize(segments["trace"], sort=False)[0]):
        first = rows[0]
        funder_id, funder = column["funder_id"][first], column["funder"][first]
        estimated = column["estimated"][first]
        legend_key = (funder_id, bool(estimated))
        traces.append({"type": "bar", "x": column["period"][rows], "y": column["share"][rows],
                       "name": _series_name(funder, estimated),
                       "meta": column["meta"][first], "legendgroup": f"{funder_id}:{estimated}",
                       "showlegend": legend_key not in shown_in_legend,
                       "marker": _marker(colours.get(funder_id, palette.NO_DATA), estimated),
                       "hovertext": list(column["hover"][rows]),
                       "hovertemplate": "%{hovertext}<extra></extra>",
                       **({"xperiod": "M1", "xperiodalignment": "middle"} if per == "month" else {})})
        shown_in_legend.add(legend_key)
    axes = {"yaxis": {"title": {"text": currency}, "gridcolor": "#E5E5E5", "rangemode": "tozero"}}
    if totals:
        traces.append({"type": "scatter", "x": per_period.index, "y": per_period.values, "mode": "text",
                       "showlegend": False,
                       # the axis names the currency: 7 labels of '2.3 m' fit a phone, 'EUR 2.3 m' overlap
                       "text": totals,
                       "textposition": "top center", "hoverinfo": "skip", "cliponaxis": False})
    if per == "year":
        top = per_period.max() * (1.15 if totals else 1.05)  # room for the totals written over the bars
        # room right of the plot for the last year's slanted label (plotly drops one past the edge)
        axes = merged(axes, {"xaxis": {"dtick": 1, "tickformat": "d"},
                             "yaxis": money_axis({"range": [0, top]}, top), "margin": {"r": 30}})
    else:
        months = pd.to_datetime(pd.Series(periods["period"]).astype(str), errors="coerce")
        axes["xaxis"] = localised_dates({"type": "date", "tickformat": "%b %Y"}, months.min(), months.max())
        axes["yaxis"] = money_axis(axes["yaxis"], per_period.max() * 1.05)
    # the subtitle says how the money is spread
    return figure(traces, _base_layout(title, 460, {"barmode": "stack", "bargap": 0.25}, axes,
                                       subtitle=_("spread evenly over each project's months")))


def _period_label(period, per: str) -> str:
    if per == "year":
        return str(int(period))
    month = pd.Timestamp(period)
    return format_date(f"{month.year:04d}-{month.month:02d}")  # 'July 2021', 'juillet 2021'
