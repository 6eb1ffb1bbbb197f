"""No clipped or overlapping text in English, French or Arabic (issue 19): the funding chart's
totals inside the picture, money axes written the way each language writes numbers, the still
map's country labels apart from one another. Measured on what is drawn: pixels of the rendered
chart, the renderer's boxes of the map's labels."""

from __future__ import annotations

import io
import itertools

import numpy as np
import pytest
from PIL import Image

from crossings.exports.images import render_figure
from crossings.exports.slide_layout import picture_box
from crossings.exports.slides import body_png, build_slide, for_slide
from crossings.figures.budget import TEXT_PX, funding_figure, money_over_time_figure
from crossings.figures.money_axis import money_ticks, nice_step
from crossings.figures.static_map import LABELLED_FROM, MAX_LABELS, activity_by_country, map_figure
from crossings.figures.year_totals import PHONE_PLOT_PX
from crossings.languages import use_language
from crossings.languages.numbers import number
from crossings.text.formatting import format_money
from crossings.text.widths import text_width_px
from crossings.views.filtered_view import apply_filters
from crossings.views.filters import FilterState
from crossings.views.money_over_time import by_period, spread_of
from tests.helpers import fixed_catalogue

LANGUAGES = ("en", "fr", "ar")
# The translations these tests read, as the catalogues give them, so that the tests do not
# depend on how complete the catalogues are (as tests/test_deck_languages.py does).
MESSAGES = {
    "fr": {"{amount} m": "{amount} M", "{amount} k": "{amount} k",
           "{currency} {amount} m": "{amount} M {currency}", "{country}: {count}": "{country} : {count}"},
    "ar": {"{amount} m": "{amount} مليون", "{amount} k": "{amount} ألف",
           "{currency} {amount} m": "{amount} مليون {currency}",
           "{currency} {amount} k": "{amount} ألف {currency}",
           "Who funds the work, in {currency}": "من يموّل العمل، بعملة {currency}"},
}


@pytest.fixture(scope="module", autouse=True)
def catalogue_of_these_tests():
    with fixed_catalogue(MESSAGES):
        yield


def ink_columns(png: bytes) -> np.ndarray:
    """For each column of the picture, whether anything but white is drawn in it."""
    image = np.asarray(Image.open(io.BytesIO(png)).convert("L"))
    return (image < 235).any(axis=0)


# --- the funding chart's totals ---------------------------------------------------------------

@pytest.mark.parametrize("code", LANGUAGES)
def test_every_funding_total_on_a_slide_is_inside_the_picture(bundled_dataset, code):
    """The largest bar's total ('429.2 مليون EUR' in Arabic) was cut at the right edge of the
    slide's chart: in the PowerPoint and PDF picture, and in the chart on screen at 1280x720.
    Its last columns of pixels must be blank: the text ends before the edge."""
    with use_language(code):
        slide = build_slide(apply_filters(bundled_dataset, FilterState()), "funding")
        deck_picture = body_png(slide, *picture_box(slide).pixels(), scale=1)
        screen = render_figure(for_slide(slide), "png", 1200, 380)
    for png in (deck_picture, screen):
        drawn = ink_columns(png)
        assert drawn.any()
        assert not drawn[-6:].any(), np.flatnonzero(drawn)[-5:]


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_funding_totals_on_the_budget_page_fit_a_phone(dataset, code):
    with use_language(code):
        figure = funding_figure(apply_filters(dataset, FilterState()), "EUR", "project")
    figure.update_layout(title=None)  # the totals only: the title is not theirs to keep in
    drawn = ink_columns(render_figure(figure, "png", 360, figure.layout.height))
    assert not drawn[-4:].any()


# --- money axes written the way the language writes numbers -----------------------------------

def test_nice_steps():
    assert [nice_step(top) for top in (450.6e6, 20e6, 1.2e6, 9_000, 7)] == [100e6, 5e6, 500e3, 2_000, 2]


@pytest.mark.parametrize("code, expected", [
    ("fr", ["0", "100 M", "200 M", "300 M", "400 M"]),
    ("ar", ["0", "100 مليون", "200 مليون", "300 مليون", "400 مليون"]),
])
def test_money_ticks_read_as_the_language_writes_millions(code, expected):
    with use_language(code):
        values, text = money_ticks(450.6e6)
    assert values == [0, 100e6, 200e6, 300e6, 400e6]
    assert text == expected


def test_money_ticks_with_decimals_use_the_language_s_decimal_sign():
    with use_language("fr"):
        text = money_ticks(1.2e6)[1]
        assert text == ["0", f"{number(0.5, 1, 'fr')} M", f"{number(1.0, 1, 'fr')} M"]
        assert text[1] == "0,5 M"
        assert money_ticks(45_000)[1] == ["0", "10 k", "20 k", "30 k", "40 k"]
    with use_language("ar"):
        assert money_ticks(1.2e6)[1][1] == "0.5 مليون"  # Western digits, as everywhere in Arabic


@pytest.mark.parametrize("code", ["fr", "ar"])
def test_money_axes_of_the_budget_charts_and_slide_are_written_by_the_language(dataset, code):
    """Plotly wrote '50M' on every money axis in French and Arabic; the ticks are the
    language's now, at the values plotly would mark."""
    view = apply_filters(dataset, FilterState())
    with use_language(code):
        axes = [funding_figure(view, "EUR", "funder").layout.xaxis,
                for_slide(build_slide(view, "funding")).layout.xaxis,
                money_over_time_figure(view, "USD", "year").layout.yaxis,
                money_over_time_figure(view, "USD", "month").layout.yaxis]
        for axis in axes:
            assert axis.tickmode == "array"
            values, text = money_ticks(axis.tickvals[-1] * 1.0001)
            assert list(axis.tickvals) == values and list(axis.ticktext) == text
            assert not any(tick.endswith(("M", "k")) and tick[-2].isdigit() for tick in axis.ticktext)


def test_english_keeps_plotly_s_own_ticks(dataset):
    view = apply_filters(dataset, FilterState())
    with use_language("en"):
        assert funding_figure(view, "EUR", "funder").layout.xaxis.tickvals is None
        assert money_over_time_figure(view, "USD", "year").layout.yaxis.ticktext is None


def year_totals(figure) -> tuple[list[int], list[str]]:
    """The years and the totals written over their bars (none: the chart had no room for them)."""
    written = [trace for trace in figure.data if trace.type == "scatter" and trace.mode == "text"]
    return (list(written[0].x), list(written[0].text)) if written else ([], [])


def test_yearly_totals_leave_the_currency_to_the_axis_in_every_language(dataset):
    view = apply_filters(dataset, FilterState())
    drawn = {}
    for code in LANGUAGES:
        with use_language(code):
            drawn[code] = year_totals(money_over_time_figure(view, "USD", "year"))[1]
        assert not any("USD" in text for text in drawn[code]), (code, drawn[code])
    # seven years of '988 k' fit a phone; '988 ألف' do not, and are left to the hover labels
    assert len(drawn["en"]) == len(drawn["fr"]) == 7 and drawn["ar"] == []


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("state", [FilterState(), FilterState(year_from=2016, year_to=2019),
                                   FilterState(year_from=2020, year_to=2024)],
                         ids=["all years", "2016-2019", "2020-2024"])
def test_yearly_totals_never_run_into_each_other(bundled_dataset, code, state):
    """On the bundled data's 24 years each total ('27.1 m') was written over its bar whatever
    the room, and they overlapped in every language, even at 1280 px. Those written now keep
    apart on a phone's plot (each label about as wide as crossings.text.widths says, centred
    on its year); four or five years keep theirs in English."""
    view = apply_filters(bundled_dataset, state)
    with use_language(code):
        years, totals = year_totals(money_over_time_figure(view, "EUR", "year"))
    if years:
        per_year = PHONE_PLOT_PX / (max(years) - min(years) + 1)
        for (year, text), (after, text_after) in itertools.pairwise(zip(years, totals, strict=True)):
            widths = text_width_px(text, TEXT_PX) + text_width_px(text_after, TEXT_PX)
            assert widths / 2 <= (after - year) * per_year, (text, text_after)
    if state.year_from is None:
        assert totals == []
    elif code == "en":
        assert len(totals) == state.year_to - state.year_from + 1


def test_without_room_each_hover_label_is_headed_by_its_year_s_total(bundled_dataset):
    """The totals left out of the chart are in the hover label of every piece of the year's bar."""
    view = apply_filters(bundled_dataset, FilterState())
    periods = by_period(spread_of(view, "EUR").monthly, "year", None, None)
    total_2018 = periods.loc[periods["period"] == 2018, "share"].sum()
    with use_language("en"):
        figure = money_over_time_figure(view, "EUR", "year")
    heads = {hover.split("<br>")[0] for trace in figure.data if trace.type == "bar"
             for x, hover in zip(trace.x, trace.hovertext, strict=True) if x == 2018}
    assert heads == {f"<b>2018: {format_money(total_2018, 'EUR', decimals=2)} in all</b>"}
    assert 27e6 < total_2018 < 27.2e6  # '27.1 m', as the chart wrote it over the bar


# --- the still map's country labels --------------------------------------------------------------

def label_boxes(figure):
    """The drawn box of every country label on the map, in pixels, after the figure is drawn."""
    figure.canvas.draw()
    axes = figure.axes[0]
    renderer = figure.canvas.get_renderer()
    return axes.get_window_extent(renderer), [
        note.get_bbox_patch().get_window_extent(renderer) for note in axes.texts if note.get_bbox_patch()]


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("state", [FilterState(), FilterState(regions=("Western Africa",))],
                         ids=["all", "West Africa"])
def test_map_labels_never_overlap_and_stay_on_the_map(bundled_dataset, code, state):
    """On the presenter's map (1460x584, 24 px type) the labels of the Sahel countries were all
    put up and to the right of their country: Mali, Burkina Faso and Niger on top of one another."""
    activity = activity_by_country(apply_filters(bundled_dataset, state))
    with use_language(code):
        figure = map_figure(activity, None, 1460, 584, label_px=24)
    frame, boxes = label_boxes(figure)
    wanted = min(MAX_LABELS, int((activity["events"] >= LABELLED_FROM).sum()))
    assert wanted >= 3
    assert len(boxes) == wanted  # at this size every busy country has room
    for first, second in itertools.combinations(boxes, 2):
        assert not first.overlaps(second), (first, second)
    for box in boxes:
        assert frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1


def test_labels_without_room_are_left_out_and_the_map_says_how_many(bundled_dataset):
    """Type far too large for a small picture: not every busy country fits; those that are
    named still keep apart, and the map counts the others."""
    activity = activity_by_country(apply_filters(bundled_dataset, FilterState(regions=("Western Africa",))))
    with use_language("en"):
        figure = map_figure(activity, None, 1460, 584, label_px=40)
    _, boxes = label_boxes(figure)
    wanted = min(MAX_LABELS, int((activity["events"] >= LABELLED_FROM).sum()))
    assert 0 < len(boxes) < wanted
    for first, second in itertools.combinations(boxes, 2):
        assert not first.overlaps(second)
    missing = wanted - len(boxes)
    said = [" ".join(text.get_text().split()) for text in figure.texts]
    assert f"{missing} busy {'country' if missing == 1 else 'countries'} not named" in " ".join(said)
