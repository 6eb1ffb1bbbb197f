"""Plotly figures of who funds what and of money over time.

Every amount drawn is converted to one currency (crossings.currency); the amount as the
source gives it, its currency and the rate used are in the hover label. Each funder keeps its
colour in every figure, whatever the filters; estimates are hatched. Text from the data is
escaped before it reaches a label (crossings.text).

`funding_figure(view, currency)` is the main funding figure, the one other views (slides)
reuse.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from crossings import palette
from crossings.budget import (
    GROUPINGS,
    by_period,
    converted_lines,
    funding_lines,
    hierarchy,
    spread_over_months,
    totals_by,
)
from crossings.dataset import Dataset
from crossings.filters import FilteredView
from crossings.formatting import format_compact_money, format_date, format_money
from crossings.text import html_text

HIERARCHY = "hierarchy"  # the funder → instrument → project view
FUNDING_VIEWS = (*GROUPINGS, HIERARCHY)
VIEW_LABELS = {"funder": "Funder", "instrument": "Instrument", "project": "Project",
               "implementer": "Implementer", HIERARCHY: "Funder → instrument → project"}
ESTIMATE_SUFFIX = " (estimate)"
_BAR_HEIGHT = 56


def funder_colours(dataset: Dataset) -> dict[str, str]:
    """One colour per funder, from every funder in the data (not only the filtered ones), so a
    funder keeps its colour when the filters change."""
    return palette.colour_map(sorted(set(dataset.funding["funder_id"])))


def funding_figure(view: FilteredView, currency: str, by: str = "funder") -> go.Figure:
    """The main funding figure of a filtered view in `currency`: bars by funder, instrument,
    project or implementer, or the funder → instrument → project treemap (`by="hierarchy"`)."""
    if by not in FUNDING_VIEWS:
        raise ValueError(f"by must be one of {FUNDING_VIEWS}, not {by!r}")
    lines = funding_lines(view, currency)
    colours = funder_colours(view.dataset)
    if by == HIERARCHY:
        return funding_treemap(lines, currency, colours)
    return funding_bars(lines, currency, by, colours)


def money_over_time_figure(view: FilteredView, currency: str, per: str = "year") -> go.Figure:
    """Each project's funding spread evenly over its months, stacked by funder, per year or
    month, within the years the filters pick."""
    lines = funding_lines(view, currency)
    spread = spread_over_months(lines, view.dataset.projects)
    periods = by_period(spread.monthly, per, view.state.year_from, view.state.year_to)
    return money_over_time_bars(periods, currency, per, funder_colours(view.dataset))


# --- builders from prepared frames ------------------------------------------------------------

def _base_layout(figure: go.Figure, title: str, height: int) -> go.Figure:
    figure.update_layout(**palette.plotly_layout_defaults())
    figure.update_layout(title={"text": html_text(title), "x": 0, "xanchor": "left"}, height=height,
                         legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0,
                                 "title": {"text": ""}},
                         hoverlabel={"align": "left"}, margin={"t": 90})
    figure.update_xaxes(automargin=True)
    figure.update_yaxes(automargin=True)
    return figure


def _empty(title: str) -> go.Figure:
    figure = _base_layout(go.Figure(), title, 300)
    figure.add_annotation(text="No funding lines match the filters.", showarrow=False,
                          x=0.5, y=0.5, xref="paper", yref="paper", font={"color": palette.MUTED_TEXT})
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False)
    return figure


def _line_hover(line, currency: str) -> str:
    """One funding line for a hover label: project, instrument, the amount as given and, when
    converted, the amount in `currency` and the rate."""
    given = format_money(line.amount, line.currency)
    text = f"{html_text(line.project)} · {html_text(line.instrument)}: {given}"
    if line.currency != currency:
        text += (f" = {format_money(line.converted, currency, decimals=2)}"
                 f"<br>   {html_text(line.conversion)}")
    when = format_date(line.value_date, line.value_date_precision)
    text += f"<br>   value date {html_text(when)}"
    if line.estimated:
        text += ", an estimate"
    return text


def _series_name(funder: str, estimated: bool) -> str:
    return html_text(funder) + (ESTIMATE_SUFFIX if estimated else "")


def _marker(colour: str, estimated: bool) -> dict:
    marker = {"color": colour, "line": {"color": "white", "width": 1}}
    if estimated:
        marker["pattern"] = {"shape": palette.ESTIMATE_PATTERN, "bgcolor": colour, "fgcolor": "white",
                             "fillmode": "overlay", "solidity": 0.3}
    return marker


def funding_bars(lines: pd.DataFrame, currency: str, by: str, colours: dict[str, str]) -> go.Figure:
    """Horizontal bars, largest first, one per group, stacked by funder; estimates hatched;
    the group's total written at the end of its bar."""
    title = f"Funding by {by}, in {currency}"
    pieces = totals_by(lines, by)
    if pieces.empty:
        return _empty(title)
    known = converted_lines(lines).set_index("funding_id")
    pieces["y"] = by + ":" + pieces["key"].astype(str)  # never empty, even for "no instrument"
    groups = pieces.drop_duplicates("y")
    figure = go.Figure()
    for (funder_id, funder, estimated), part in pieces.groupby(
            ["funder_id", "funder", "estimated"], sort=False):
        hover = []
        for piece in part.itertuples(index=False):
            details = "<br>".join(_line_hover(line, currency)
                                  for line in known.loc[list(piece.funding_ids)].itertuples())
            hover.append(f"<b>{html_text(piece.label)}</b><br>{_series_name(funder, estimated)}: "
                         f"{format_money(piece.converted, currency, decimals=2)}<br>{details}")
        figure.add_bar(x=part["converted"], y=part["y"], orientation="h",
                       name=_series_name(funder, estimated), legendgroup=funder_id,
                       marker=_marker(colours.get(funder_id, palette.NO_DATA), estimated),
                       hovertext=hover, hovertemplate="%{hovertext}<extra></extra>")
    figure.add_scatter(x=groups["group_total"], y=groups["y"], mode="text", showlegend=False,
                       text=[format_compact_money(v, currency) for v in groups["group_total"]],
                       textposition="middle right", hoverinfo="skip", cliponaxis=False)
    height = 150 + _BAR_HEIGHT * len(groups)
    _base_layout(figure, title, max(height, 320))
    figure.update_layout(barmode="stack", bargap=0.35)
    figure.update_yaxes(type="category", categoryorder="array", categoryarray=list(groups["y"]),
                        autorange="reversed", tickvals=list(groups["y"]),
                        ticktext=[html_text(label) for label in groups["label"]], title=None)
    figure.update_xaxes(title={"text": currency, "standoff": 8}, gridcolor="#E5E5E5", zeroline=True,
                        zerolinecolor=palette.BORDER_LINE, range=[0, groups["group_total"].max() * 1.22])
    return figure


def funding_treemap(lines: pd.DataFrame, currency: str, colours: dict[str, str]) -> go.Figure:
    """Funder → instrument → project as a treemap: each funder's boxes in its colour,
    estimates hatched, every box labelled with its amount."""
    title = f"Funding by funder, instrument and project, in {currency}"
    nodes = hierarchy(lines)
    if nodes.empty:
        return _empty(title)
    known = converted_lines(lines).set_index("funding_id")
    total = float(nodes.loc[nodes["level"] == "funder", "converted"].sum())
    root = f"All funding, {currency}"
    ids = ["all", *nodes["id"]]
    parents = ["", *[p if p else "all" for p in nodes["parent"]]]
    labels = [root, *[html_text(label) + ("<br>(estimate)" if est and level == "project" else "")
                      for label, est, level in zip(nodes["label"], nodes["estimated"], nodes["level"],
                                                   strict=True)]]
    amounts = [total, *nodes["converted"]]
    funders = ["", *[node_id.split("/")[0] for node_id in nodes["id"]]]
    hover = [f"<b>{root}</b><br>{format_money(total, currency, decimals=2)}"]
    for node in nodes.itertuples(index=False):
        details = "<br>".join(_line_hover(line, currency)
                              for line in known.loc[list(node.funding_ids)].itertuples())
        hover.append(f"<b>{html_text(node.label)}</b> ({node.level})<br>"
                     f"{format_money(node.converted, currency, decimals=2)}<br>{details}")
    estimated = [False, *nodes["estimated"]]
    fills = ["#FFFFFF", *[colours.get(f, palette.NO_DATA) for f in funders[1:]]]
    figure = go.Figure(go.Treemap(
        ids=ids, parents=parents, labels=labels,
        values=[0.0, *[v if level == "project" else 0.0
                       for v, level in zip(nodes["converted"], nodes["level"], strict=True)]],
        branchvalues="remainder",
        text=[format_compact_money(v, currency) for v in amounts],
        texttemplate="<b>%{label}</b><br>%{text}", textposition="top left",
        hovertext=hover, hovertemplate="%{hovertext}<extra></extra>",
        marker={"colors": fills, "line": {"color": "white", "width": 2},
                "pattern": {"shape": [palette.ESTIMATE_PATTERN if e else "" for e in estimated],
                            "bgcolor": fills, "fgcolor": "white", "fillmode": "overlay",
                            "solidity": 0.3}},
        pathbar={"visible": True}, tiling={"pad": 4},
        insidetextfont={"color": [palette.text_colour_on(f) for f in fills], "size": 15},
        root={"color": "white"},
    ))
    _base_layout(figure, title, 520)
    figure.update_layout(margin={"t": 60, "l": 10, "r": 10, "b": 10})
    return figure


def money_over_time_bars(periods: pd.DataFrame, currency: str, per: str,
                         colours: dict[str, str]) -> go.Figure:
    """Stacked bars per year (or month): one segment per funding line, in its funder's colour,
    so lines of one funder sit together and each line (JEMPAS II's AMIF and ISF-Police parts)
    stays visible in the hover label."""
    title = f"Funding available per {per}, spread over each project's months, in {currency}"
    if periods.empty:
        return _empty(title)
    figure = go.Figure()
    shown_in_legend: set[tuple[str, bool]] = set()
    lines = periods.drop_duplicates("funding_id").sort_values(["funder", "project", "instrument"])
    for line in lines.itertuples(index=False):
        part = periods[periods["funding_id"] == line.funding_id]
        legend_key = (line.funder_id, bool(line.estimated))
        hover = [
            f"<b>{_period_label(row.period, per)}</b><br>{_series_name(line.funder, line.estimated)} · "
            f"{html_text(line.project)} · {html_text(line.instrument)}<br>"
            f"{format_money(row.share, currency, decimals=2)} in {_period_label(row.period, per)}: "
            f"{row.months_in_period} of the line's {row.months} months<br>"
            f"The whole line: {format_money(line.amount, line.currency)}"
            for row in part.itertuples(index=False)
        ]
        figure.add_bar(x=part["period"], y=part["share"], name=_series_name(line.funder, line.estimated),
                       meta=line.funding_id,
                       legendgroup=f"{line.funder_id}:{line.estimated}",
                       showlegend=legend_key not in shown_in_legend,
                       marker=_marker(colours.get(line.funder_id, palette.NO_DATA), line.estimated),
                       hovertext=hover, hovertemplate="%{hovertext}<extra></extra>",
                       **({"xperiod": "M1", "xperiodalignment": "middle"} if per == "month" else {}))
        shown_in_legend.add(legend_key)
    _base_layout(figure, title, 440)
    figure.update_layout(barmode="stack", bargap=0.25)
    figure.update_yaxes(title={"text": currency}, gridcolor="#E5E5E5", rangemode="tozero")
    if per == "year":
        per_year = periods.groupby("period")["share"].sum()
        figure.add_scatter(x=per_year.index, y=per_year.values, mode="text", showlegend=False,
                           text=[format_compact_money(v, currency) for v in per_year.values],
                           textposition="top center", hoverinfo="skip", cliponaxis=False)
        figure.update_xaxes(dtick=1, tickformat="d", title=None)
        figure.update_yaxes(range=[0, per_year.max() * 1.15])
    else:
        figure.update_xaxes(type="date", tickformat="%b %Y", title=None)
    return figure


def _period_label(period, per: str) -> str:
    if per == "year":
        return str(int(period))
    return f"{pd.Timestamp(period):%B %Y}"
