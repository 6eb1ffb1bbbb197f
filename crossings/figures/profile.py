"""A country's land borders as a chart: one bar per neighbour, coloured by the length of the
shared border, with the source line under it (the Map page's profile and the presenter's
profile slide).
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

import plotly.graph_objects as go

from crossings.data.dataset import Dataset
from crossings.figures import palette
from crossings.figures.plotly_spec import label_px
from crossings.languages import _, ngettext
from crossings.text.citations import source_line
from crossings.text.escaping import html_text
from crossings.text.formatting import format_km
from crossings.views.profiles import CountryProfile

PROFILE_SOURCE_LINE = 40  # characters before the source line under the chart wraps


def length_colours(lengths: Iterable[float]) -> list[str]:
    """Sequential colours for border lengths, longest darkest, the same on the chart and the
    borders map: five equal steps from the shortest to the longest."""
    values = list(lengths)
    if not values:
        return []
    low, high = min(values), max(values)
    steps = palette.SEQUENTIAL[2:]
    if high == low:
        return [steps[len(steps) // 2]] * len(values)
    return [steps[min(len(steps) - 1, int((v - low) / (high - low) * len(steps)))] for v in values]


def neighbour_lengths_figure(profile: CountryProfile, dataset: Dataset) -> go.Figure:
    """Horizontal bars: each land neighbour and the length of the shared border, longest on
    top, with the source line under the chart. Names are escaped: plotly reads tags in text."""
    known = [n for n in profile.land_neighbours if n.length_km is not None]
    ordered = list(reversed(known))  # plotly draws the first bar at the bottom
    colours = length_colours(n.length_km for n in ordered)
    hover = []
    for neighbour in ordered:
        line = _("{country}: {length}").format(country=neighbour.name, length=format_km(neighbour.length_km))
        if neighbour.is_asymmetric:
            line = _("{country}: {length} ({country}'s own entry: {their_length})").format(
                country=neighbour.name, length=format_km(neighbour.length_km),
                their_length=format_km(neighbour.their_length_km))
        hover.append(html_text(line))
    figure = go.Figure(go.Bar(
        x=[n.length_km for n in ordered],
        y=[html_text(n.name) for n in ordered],
        orientation="h",
        marker={"color": colours, "line": {"color": palette.BORDER_LINE, "width": 0.5}},
        text=[format_km(n.length_km) for n in ordered],
        textposition="outside",
        cliponaxis=False,
        hovertext=hover,
        hoverinfo="text",
    ))
    count = len(profile.land_neighbours)
    heading = _("{country}: land borders").format(country=html_text(profile.name))
    subtitle = ngettext("{length} in all, with {count} neighbour", "{length} in all, with {count} neighbours",
                        count).format(length=html_text(format_km(profile.land_border_km)), count=count)
    title = f"{heading}<br><span style='font-size:13px'>{subtitle}</span>"
    sources = list(dict.fromkeys(s for n in known for s in n.source_ids))
    # the chart sits in a narrow column (two fifths of the page at 1280 px): its source line wraps
    lines = textwrap.wrap(source_line(dataset, sources, prefix="Source"), PROFILE_SOURCE_LINE) or [""]
    layout = palette.plotly_layout_defaults()
    layout["margin"] = {"l": 10, "r": 80, "t": 70, "b": 44 + 16 * len(lines)}
    figure.update_layout(
        **layout,
        title={"text": title, "x": 0, "xanchor": "left"},
        xaxis={"showgrid": False, "showticklabels": False, "rangemode": "tozero", "zeroline": True,
               "zerolinecolor": palette.BORDER_LINE},
        yaxis={"automargin": True},
        height=max(200, 110 + 34 * len(known)) + 16 * (len(lines) - 1),
        showlegend=False,
        annotations=[{"text": "<br>".join(html_text(line) for line in lines), "xref": "paper",
                      "yref": "paper", "x": 0, "y": 0, "yshift": -20, "xanchor": "left",
                      "xshift": -label_px([n.name for n in known], 14),
                      "yanchor": "top", "align": "left", "showarrow": False,
                      "font": {"size": 12, "color": palette.MUTED_TEXT}}],
    )
    return figure
