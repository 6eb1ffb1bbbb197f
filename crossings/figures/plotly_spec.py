"""Plotly figures built from plain dicts, in one go.

Adding traces and updating the layout of a plotly Figure call by call validates and copies
the figure again each time: for a chart with a dozen traces that was most of a page run
(`fig.add_trace`, `update_layout`, `update_yaxes`, `make_subplots`). The figure builders
collect traces and layout as plain dicts and make the Figure once, validated once, so a
misspelt property still raises.
"""

from __future__ import annotations

import base64
import os
import textwrap

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from _plotly_utils.basevalidators import is_homogeneous_array
from _plotly_utils.utils import is_skipped_key, plotlyjsShortTypes, to_typed_array_spec

from crossings.figures import palette
from crossings.languages import DEFAULT_LANGUAGE, PSEUDO, active_language, is_rtl
from crossings.languages.numbers import month_name
from crossings.text.escaping import html_text


def merged(base: dict, *updates: dict) -> dict:
    """A new dict: `base` with each update laid over it, nested dicts merged key by key (as
    plotly's update_layout does); other values replaced."""
    result = dict(base)
    for update in updates:
        for key, value in update.items():
            if isinstance(value, dict) and isinstance(result.get(key), dict):
                result[key] = merged(result[key], value)
            else:
                result[key] = value
    return result


def reading_start() -> dict:
    """Where a line of text starts in the active language: at the left (x 0), or at the right
    (x 1) in a language written right to left. Titles, legends and source lines use it."""
    if is_rtl():
        return {"x": 1, "xanchor": "right"}
    return {"x": 0, "xanchor": "left"}


def text_align() -> str:
    return "right" if is_rtl() else "left"


def axis(kind: str, row: int) -> str:
    """The layout key of a row's axis: 'xaxis' for the first row, 'xaxis2' for the second."""
    return f"{kind}axis" if row == 1 else f"{kind}axis{row}"


def on_row(row: int) -> dict:
    """What puts a trace on a row of stacked_rows()."""
    return {"xaxis": "x" if row == 1 else f"x{row}", "yaxis": "y" if row == 1 else f"y{row}"}


def stacked_rows(heights: list[float], spacing: float, titles: list[str], title_font: dict) -> dict:
    """Layout for rows of charts stacked on one shared x axis (what make_subplots(rows=n,
    shared_xaxes=True, row_heights=heights) sets up): the axes, each row's share of the
    height, and each row's title above it, where the language starts a line (left, or right in
    Arabic). Only the bottom row labels the x axis."""
    rows = len(heights)
    room = 1 - spacing * (rows - 1)
    layout: dict = {"annotations": []}
    top = 1.0
    for row, (height, title) in enumerate(zip(heights, titles, strict=True), start=1):
        bottom = max(0.0, top - room * height / sum(heights)) if row < rows else 0.0
        layout[axis("x", row)] = {"anchor": f"y{row if row > 1 else ''}", "domain": [0.0, 1.0]}
        if row < rows:
            layout[axis("x", row)].update(matches=f"x{rows}", showticklabels=False)
        layout[axis("y", row)] = {"anchor": f"x{row if row > 1 else ''}", "domain": [bottom, top]}
        layout["annotations"].append({"text": title, **reading_start(), "xref": "paper",
                                      "y": top, "yanchor": "bottom", "yref": "paper",
                                      "showarrow": False, "font": title_font})
        top = bottom - spacing
    return layout


# Plotly checks every property of a figure made from a dict against its schema: a third of
# a chart page's rerun on the bundled data. The figures are built here from specs the tests
# build too, with the check on (tests/conftest.py sets CROSSINGS_CHECK_FIGURES), so a spec
# plotly would refuse fails there; a running app skips the check.
def figure(traces: list[dict], layout: dict) -> go.Figure:
    return SentFigure({"data": traces, "layout": layout}, _validate=_checked())


def copied(shown: go.Figure) -> go.Figure:
    """A figure of one's own to change: the figures the pages show are made once per view and
    shared (timeline_figure, funding_figure, ...), so an embed that resizes one works on a copy."""
    return SentFigure(shown, _validate=_checked())


def untitled(figure: go.Figure) -> None:
    """Drops `figure`'s title (a slide or an embed's caption says it). A legend hung under the
    title, placed in the figure's own pixels (yref 'container': the Budget charts), moves up to
    the top edge in its place."""
    figure.update_layout(title=None)
    if figure.layout.legend.yref == "container":
        figure.update_layout(legend={"y": 1})


def _checked() -> bool:
    return os.environ.get("CROSSINGS_CHECK_FIGURES", "") == "1"


class SentFigure(go.Figure):
    """A Figure that is cheaper to send. Streamlit sends a figure as `to_dict()`: plotly's
    deep-copies every property, then walks the copy value by value (each hover text, each
    label) to turn number arrays into typed arrays, 3 to 10 ms a chart on the bundled data,
    more than the JSON itself. Here one walk does both, copying only dicts and the lists that
    hold them, and passing over lists of plain values (plotly converts arrays only where a dict
    holds them). The result is the same as plotly's (tests/test_plotly_spec.py)."""

    def to_dict(self) -> dict:
        result = {"data": _typed(self._data), "layout": _typed(self._layout)}
        frames = [_typed(frame._props) for frame in self._frame_objs]
        if frames:
            result["frames"] = frames
        return result


_PLAIN = (str, int, float, bool, type(None))
_NESTED = (dict, list, tuple)


def _typed(value):
    """What plotly's deepcopy and convert_to_base64 make of `value`, in one walk."""
    if isinstance(value, dict):
        result = {}
        for key, item in value.items():
            if isinstance(item, _PLAIN) or is_skipped_key(key):
                result[key] = item
            elif isinstance(item, _NESTED):
                result[key] = _typed(item)
            elif isinstance(item, np.ndarray) and item.dtype.kind in "uif" and item.size:
                result[key] = _typed_numbers(item)
            elif isinstance(item, np.ndarray) and item.dtype.kind in "OM":
                result[key] = item  # plotly sends a copy of text and dates as they are
            else:
                result[key] = to_typed_array_spec(item) if is_homogeneous_array(item) else item
        return result
    if isinstance(value, list | tuple) and any(isinstance(item, _NESTED) for item in value):
        return [_typed(item) if isinstance(item, _NESTED) else item for item in value]
    return value


_SMALLER = {"i": (np.int8, np.int16, np.int32), "u": (np.uint8, np.uint16, np.uint32)}


def _typed_numbers(array: np.ndarray):
    """A numeric array as plotly's to_typed_array_spec writes it (64-bit integers in the
    smallest type that holds them, base64 of the bytes), without its detour through narwhals
    (a third of a millisecond an array, a hundred arrays in the timeline)."""
    if array.dtype in (np.int64, np.uint64):
        low, high = array.min(), array.max()
        fitting = [t for t in _SMALLER[array.dtype.kind]
                   if np.iinfo(t).min <= low and high <= np.iinfo(t).max]
        if not fitting:
            return array
        array = array.astype(fitting[0])
    short = plotlyjsShortTypes.get(str(array.dtype))
    if short is None:
        return array
    spec = {"dtype": short, "bdata": base64.b64encode(np.ascontiguousarray(array)).decode("ascii")}
    if array.ndim > 1:
        spec["shape"] = str(array.shape)[1:-1]
    return spec


def rows_by_trace(codes) -> list[np.ndarray]:
    """The row positions of each trace, for charts drawn one trace per group: `codes` numbers
    each row's group in order of first appearance (pd.factorize, or groupby(sort=False).ngroup();
    -1, a group left out, is skipped). Traces come in that order, each with its rows in theirs.
    A chart takes its columns out as arrays once and picks each trace's values by position: a
    pandas group per trace cost more than the rest of the chart."""
    codes = np.asarray(codes)
    order = np.argsort(codes, kind="stable")
    order = order[codes[order] >= 0]
    return np.split(order, np.flatnonzero(np.diff(codes[order])) + 1) if len(order) else []


def label_px(labels: list[str], font_px: float) -> int:
    """About how wide the widest of `labels` is drawn, erring narrow (a source line shifted left
    by it must not run off the figure's left edge)."""
    return round(max((len(label) for label in labels), default=0) * font_px * 0.45)


SOURCE_LINE = 95  # characters before a source line under a figure wraps


def base_layout(layout: dict, height: int, source: str, top: int = 40, ticks: int = 30,
                wrap: int = SOURCE_LINE, labels_px: int = 0) -> dict:
    """`layout` with fonts and colours from the palette, and the source line at the foot of the
    figure, below `ticks` pixels kept for the x-axis labels. The line starts about `labels_px`
    left of the plot (under the row labels) and wraps every `wrap` characters, so that it fits
    the figure's width where the page puts it (the timeline beside a list, at 1280 px). In a
    language written right to left the line starts at the figure's right edge."""
    lines = textwrap.wrap(source, wrap) or [""]
    bottom = ticks + 18 * len(lines) + 8
    defaults = palette.plotly_layout_defaults()
    defaults["margin"] = {"l": 10, "r": 20, "t": top, "b": bottom}
    defaults["hoverlabel"] = {**defaults["hoverlabel"], "align": text_align()}
    source_note = {"text": "<br>".join(html_text(line) for line in lines), "xref": "paper", "yref": "paper",
                   **reading_start(), "y": 0, "yanchor": "top", "yshift": -ticks, "align": text_align(),
                   "xshift": 0 if is_rtl() else -labels_px, "showarrow": False,
                   "font": {"size": 12, "color": palette.MUTED_TEXT}}
    return merged(layout, defaults, {"height": height + bottom, "hovermode": "closest",
                                     "annotations": [*layout.get("annotations", []), source_note]})


def empty_figure(message: str, source: str, height: int = 260) -> go.Figure:
    note = {"text": html_text(message), "x": 0.5, "y": 0.5, "xref": "paper", "yref": "paper",
            "showarrow": False, "font": {"size": 16, "color": palette.MUTED_TEXT}}
    return figure([], base_layout({"annotations": [note], "xaxis": {"visible": False},
                                    "yaxis": {"visible": False}}, height, source))


def localised_dates(axis: dict, first, last) -> dict:
    """A date axis whose ticks read in the active language. Plotly writes month names itself,
    in English; in French and Arabic the ticks are written here instead: years over a long
    span, abbreviated months ('juil. 2021') over a short one, about eight at most."""
    if active_language() in (DEFAULT_LANGUAGE, PSEUDO) or pd.isna(first) or pd.isna(last):
        return axis
    first, last = pd.Timestamp(first), pd.Timestamp(last)
    months = (last.year - first.year) * 12 + last.month - first.month
    if months > 36:
        step = max(1, -(-(last.year - first.year + 1) // 8))
        ticks = [pd.Timestamp(year=y, month=1, day=1) for y in range(first.year, last.year + 2, step)]
        text = [str(t.year) for t in ticks]
    else:
        step = max(1, -(-(months + 1) // 8))
        ticks = list(pd.date_range(first.to_period("M").to_timestamp(), last, freq=f"{step}MS"))
        text = [f"{month_name(t.month, width='abbreviated')} {t.year}" for t in ticks]
    return {**axis, "tickmode": "array", "tickvals": [t.strftime("%Y-%m-%d") for t in ticks],
            "ticktext": text}
