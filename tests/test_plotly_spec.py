"""What the app's figures send: SentFigure.to_dict must give exactly what plotly's own to_dict
gives (Streamlit sends that dict as the chart), only without plotly's copies and detours."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from crossings.figures.budget import FUNDING_VIEWS, funding_figure, money_over_time_figure
from crossings.figures.participation import participants_figure, participation_heatmap
from crossings.figures.plotly_spec import SentFigure, _typed_numbers
from crossings.figures.timeline import timeline_figure
from crossings.languages import use_language
from crossings.views.filtered_view import apply_filters
from crossings.views.filters import FilterState
from crossings.views.participation import participants_by_period
from crossings.views.timeline import COLOUR_BY


def sent(figure: go.Figure) -> str:
    return pio.to_json(figure.to_dict(), validate=False)


def plotly_sent(figure: go.Figure) -> str:
    return pio.to_json(go.Figure.to_dict(figure), validate=False)


def app_figures(dataset):
    view = apply_filters(dataset, FilterState())
    for by in FUNDING_VIEWS:
        yield f"funding by {by}", funding_figure(view, "EUR", by)
    for per in ("year", "month"):
        yield f"money per {per}", money_over_time_figure(view, "USD", per)
    for colour_by in COLOUR_BY:
        yield f"timeline by {colour_by}", timeline_figure(view, colour_by)
    for granularity in ("year", "quarter"):
        yield f"participants per {granularity}", participants_figure(
            view, participants_by_period(view, granularity, "participant"))
    yield "heatmap", participation_heatmap(view)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_chart_sends_what_plotly_would(dataset, bundled_dataset, language):
    checked = 0
    with use_language(language):
        for data in (dataset, bundled_dataset):
            for name, figure in app_figures(data):
                if not isinstance(figure, SentFigure):
                    continue
                assert sent(figure) == plotly_sent(figure), name
                assert sent(figure) == plotly_sent(figure), f"{name}: sending it changed the figure"
                checked += 1
    assert checked >= 20


def test_sending_leaves_the_figure_as_it_was():
    x = np.arange(5, dtype=np.int64)
    figure = SentFigure({"data": [{"type": "bar", "x": x, "y": [1.5, 2.5, 3, 4, 5],
                                   "customdata": [[1, "a"], [2, "b"]]}], "layout": {}})
    before = go.Figure.to_dict(figure)
    figure.to_dict()
    assert isinstance(figure.data[0].x, np.ndarray)
    assert go.Figure.to_dict(figure) == before


@pytest.mark.parametrize("values", [
    np.array([1, -2, 127], dtype=np.int64),  # fits int8
    np.array([1, 300], dtype=np.int64),  # int16
    np.array([1, 70_000], dtype=np.int64),  # int32
    np.array([1, 2**40], dtype=np.int64),  # too big for 32 bits: left as it is
    np.array([0, 200], dtype=np.uint64),
    np.array([0, 2**33], dtype=np.uint64),
    np.array([0.5, 1.25], dtype=np.float64),
    np.array([0.5, 1.25], dtype=np.float32),
    np.array([1, 2], dtype=np.int32),
    np.arange(6, dtype=np.int64).reshape(2, 3),
    np.array([1, 2], dtype=np.int64)[::-1],  # not contiguous
])
def test_numbers_typed_as_plotly_types_them(values):
    plotly = go.Figure.to_dict(go.Figure({"data": [{"type": "scatter", "x": values}]}))["data"][0]["x"]
    mine = pio.to_json({"x": _typed_numbers(values)}, validate=False)
    assert mine == pio.to_json({"x": plotly}, validate=False)


def test_text_dates_and_skipped_keys_sent_as_plotly_sends_them():
    spec = {"data": [{"type": "scatter",
                      "x": np.array(["2020-01-01", "2021-06-30"], dtype="datetime64[us]"),
                      "y": np.array(["a", None], dtype=object),
                      "text": np.array([], dtype=np.float64),
                      "marker": {"size": np.array([3, 4], dtype=np.int64), "line": {"width": 1}}}],
            "layout": {"xaxis": {"range": np.array([0.0, 1.0])}, "height": 300,
                       "updatemenus": [{"buttons": [{"method": "restyle", "label": "b",
                                                     "args": [{"y": np.array([7, 8], dtype=np.int64)}]}]}]}}
    figure = SentFigure(spec)
    assert sent(figure) == plotly_sent(figure)
    assert figure.to_dict()["data"][0]["marker"]["size"] == {"dtype": "i1", "bdata": "AwQ="}
