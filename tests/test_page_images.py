"""The Map and Budget pages' images: their captions carry the title, the filters line, the
sources and the date (the map's, the boundary disclaimer too), drawn into the picture."""

from __future__ import annotations

from datetime import date

from crossings.exports.images import BOUNDARY_DISCLAIMER, data_uri, framed_figure
from crossings.exports.page_images import funding_chart_caption, map_caption
from crossings.exports.slides import map_slide
from crossings.figures.static_map import map_figure
from crossings.views.filtered_view import apply_filters
from crossings.views.filters import FilterState

MADE_ON = date(2026, 3, 4)
JORDAN = FilterState(countries=("JOR",))


def test_map_caption_names_the_filters_sources_date_and_disclaimer(dataset):
    caption = map_caption(apply_filters(dataset, JORDAN), MADE_ON)
    assert caption.subtitle == "Country: Jordan"
    assert caption.disclaimer == BOUNDARY_DISCLAIMER
    assert caption.source_line.startswith("Sources: ")
    assert "4 March 2026" in caption.footer


def test_the_map_image_draws_the_filters_line(dataset):
    view = apply_filters(dataset, JORDAN)
    figure = map_figure(map_slide(view).activity, map_caption(view, MADE_ON))
    texts = [text.get_text() for text in figure.texts]
    assert "Country: Jordan" in texts
    assert any("Boundaries, names and designations" in text for text in texts)


def test_funding_chart_caption_names_the_filters(dataset):
    view = apply_filters(dataset, FilterState(funders=("GOV-JPN",)))
    caption = funding_chart_caption(view, "USD", "funder", MADE_ON)
    assert caption.title == "Funding by funder, in USD"
    assert caption.subtitle == "Funder: Japan"
    assert caption.source_line.startswith("Source")
    assert not caption.disclaimer  # a chart, not a map
    # the frame the chart is set in writes the filters line under the title
    framed = framed_figure(data_uri(b"", "png"), caption, 1600, 900)
    assert any("Funder: Japan" in note.text for note in framed.layout.annotations)


def test_funding_chart_caption_without_filters(dataset):
    caption = funding_chart_caption(apply_filters(dataset, FilterState()), "EUR", "hierarchy", MADE_ON)
    assert caption.title == "Funding by funder, instrument and project, in EUR"
    assert caption.subtitle == "All activity"


def test_the_map_image_is_a_png(dataset):
    from crossings.exports.page_images import map_png

    assert map_png(apply_filters(dataset, JORDAN), MADE_ON).startswith(b"\x89PNG\r\n\x1a\n")
