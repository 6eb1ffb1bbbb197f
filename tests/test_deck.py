"""The presenter deck from the seed data: which slides, what they say and cite, and the files
made from them (PowerPoint read back with python-pptx, PDF with pdfium, PNG and SVG pixels)."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ElementTree
from datetime import date

import numpy as np
import plotly.graph_objects as go
import pypdfium2 as pdfium
import pytest
from matplotlib.colors import to_hex
from PIL import Image
from pptx import Presentation

from crossings.exports.images import BOUNDARY_DISCLAIMER, Caption, chart_image
from crossings.exports.pdf import deck_pdf
from crossings.exports.powerpoint import deck_pptx
from crossings.exports.slide_layout import FOOTER_BOX, SLIDE_INCHES, footer_text, picture_box, speaker_notes
from crossings.exports.slide_layout import _text_height as text_height
from crossings.exports.slides import (
    SLIDE_FUNDING_BARS,
    SLIDE_KEYS,
    SLIDE_MIN_FONT_PX,
    SLIDE_SOURCE_CHARS,
    DeckChoices,
    Slide,
    body_fit,
    build_deck,
    facts_figure,
    for_slide,
    slide_image,
)
from crossings.figures import palette
from crossings.figures.static_map import PROJECT_ONLY_FILL, activity_by_country, map_extent, map_figure
from crossings.text.citations import short_citation, source_line
from crossings.views.filtered_view import apply_filters
from crossings.views.filters import FilterState
from crossings.views.metrics import headline

MADE_ON = date(2026, 11, 22)
EXPECTED_TITLES = {
    "headline": "Border-management activity at a glance",
    "map": "Where activity took place",
    "funding": "Who funds the work, in EUR",
    "timeline": "Participation over time",
    "profile": "Iran: borders and neighbours",
}


@pytest.fixture(scope="module")
def view(dataset):
    return apply_filters(dataset, FilterState())


@pytest.fixture(scope="module")
def deck(view):
    return build_deck(view, made_on=MADE_ON)


@pytest.fixture(scope="module")
def pptx(deck):
    return Presentation(io.BytesIO(deck_pptx(deck)))


@pytest.fixture(scope="module")
def pdf(deck):
    return pdfium.PdfDocument(deck_pdf(deck))


def shape_texts(slide, name: str) -> list[str]:
    return [shape.text_frame.text for shape in slide.shapes if shape.name == name and shape.has_text_frame]


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def not_blank(image: np.ndarray) -> None:
    """Several distinct colours and a fair share of ink: something was drawn."""
    flat = image.reshape(-1, 3).astype(np.uint32)
    ink = (flat.min(axis=1) < 200).mean()
    assert ink > 0.02, f"only {ink:.1%} of the pixels carry ink"
    assert len(np.unique(flat[:, 0] << 16 | flat[:, 1] << 8 | flat[:, 2])) > 20


# --- the slides --------------------------------------------------------------------------------

def test_deck_has_the_slides_in_order(deck):
    assert deck.keys == SLIDE_KEYS == tuple(EXPECTED_TITLES)
    assert [slide.title for slide in deck.slides] == list(EXPECTED_TITLES.values())
    assert all(slide.subtitle == "All activity" for slide in deck.slides)


def test_headline_figures_from_the_seeds(deck):
    facts = {fact.label: fact for fact in deck.slides[0].facts}
    assert facts["Events"].value == "9"
    assert facts["Participants"].value == "136"  # 55 in Cairo + 81 in Iran
    assert facts["Participants"].note == "Counts the sources give; 7 of 9 events give none."
    assert facts["Countries engaged"].value == "19"  # the countries the sources name
    assert "+12 via the Arab League" in facts["Countries engaged"].note  # the online workshop's group
    assert facts["Projects"].value == "5"
    # 189,403.21 (AMIF) + 206,308.69 (ISF-Police) + 2,500,000 (JEMPAS I) + 5,280,000 (IcSP)
    assert facts["Funding in EUR"].value == "EUR 8.2 m"
    assert facts["Funding in EUR"].note == "EUR 8,175,711.90"
    assert facts["Funding in USD"].value == "USD 1.4 m"  # the G5 Sahel proposal, an estimate
    assert facts["Funding in USD"].note == "USD 1,425,000, an estimate"


def test_filters_reach_every_slide(dataset):
    japan = build_deck(apply_filters(dataset, FilterState(funders=("GOV-JPN",))), made_on=MADE_ON)
    assert {slide.subtitle for slide in japan.slides} == {"Funder: Japan"}
    facts = {fact.label: fact.value for fact in japan.slides[0].facts}
    assert facts["Events"] == "1"  # the Niamey workshop
    assert "Funding in EUR" not in facts
    activity = japan.slides[1].activity
    assert sorted(activity["iso3"]) == ["BFA", "MLI", "MRT", "NER", "TCD"]


def test_participants_not_given_reads_the_same_on_every_surface(dataset):
    """EU-funded work in Jordan: five events, none with a count in its source. The Overview says
    'not given'; so must the slide, its notes, the PowerPoint, the PDF and the slide's image."""
    view = apply_filters(dataset, FilterState(funders=("EU",), countries=("JOR",)))
    assert headline(view).participants_shown == "not given"
    jordan = build_deck(view, made_on=MADE_ON)
    facts = {fact.label: fact for fact in jordan.slides[0].facts}
    assert facts["Participants"].value == "not given"
    assert facts["Participants"].note == "No source gives a count for any of these 5 events."
    assert "Participants: not given" in speaker_notes(jordan.slides[0])
    first = Presentation(io.BytesIO(deck_pptx(jordan))).slides[0]
    assert shape_texts(first, "fact value") == ["5", "not given", "6", "3", "EUR 8.2 m"]
    assert "Participants: not given" in first.notes_slide.notes_text_frame.text
    page = pdfium.PdfDocument(deck_pdf(jordan))[0].get_textpage().get_text_range()
    assert "not given" in page
    image_text = [note.text for note in facts_figure(jordan.slides[0].facts).layout.annotations]
    assert "<b>not given</b>" in image_text


def test_funding_slide_converts_and_says_so(deck, dataset):
    funding = deck.slides[SLIDE_KEYS.index("funding")]
    assert funding.figure is not None
    assert funding.notes == (
        "Amounts in USD converted to EUR at the Federal Reserve's monthly rate for each amount's "
        "value date. As the sources give them: EUR 8,175,711.90; USD 1,425,000.",
        "Hatched: an estimate, not a confirmed grant.")  # the G5 Sahel budget is an estimate
    assert "US Federal Reserve" in funding.source_line  # the rates used
    in_dollars = build_deck(apply_filters(dataset, FilterState()), DeckChoices(currency="USD"), MADE_ON)
    assert in_dollars.slides[SLIDE_KEYS.index("funding")].title == "Who funds the work, in USD"
    eu_only = build_deck(apply_filters(dataset, FilterState(funders=("EU",))), made_on=MADE_ON)
    eu_funding = eu_only.slides[SLIDE_KEYS.index("funding")]
    assert eu_funding.notes == ()  # all in euros: nothing converted, nothing estimated
    assert "Federal Reserve" not in eu_funding.source_line


def test_a_chart_on_a_slide_loses_its_own_title_and_source_line_only():
    figure = go.Figure(go.Bar(x=[1], y=["Iraq"]))
    figure.update_layout(title="Land borders of Iran", font={"size": 12})
    figure.add_annotation(text="Source: US Central<br>Intelligence Agency (2026)", x=0, y=0)
    figure.add_annotation(text="1,599 km", x=1, y=0)
    figure.add_annotation(text="Sources: Revista Conrado (2020)", x=0, y=1)  # not on the slide: kept
    slide = Slide("profile", "Iran", "All activity",
                  "Sources: US Central Intelligence Agency (2026); IOM Iran (n.d.)", figure=figure)
    shown = for_slide(slide)
    assert [note.text for note in shown.layout.annotations] == ["1,599 km", "Sources: Revista Conrado (2020)"]
    assert shown.layout.title.text is None
    assert shown.layout.font.size >= 20  # projector type
    assert len(figure.layout.annotations) == 3  # the page's figure is left as it was


def test_profile_slide_of_iran_gives_both_neighbour_counts(deck):
    profile = deck.slides[SLIDE_KEYS.index("profile")]
    assert [(f.label, f.value, f.note) for f in profile.facts] == [
        ("Land borders", "5,894 km", ""),
        ("Coastline", "2,440 km", "Iran also borders the Caspian Sea (740 km)"),
        ("Land neighbours", "7", ""),  # AFG, ARM, AZE, IRQ, PAK, TUR, TKM (Factbook)
        ("Neighbours by land and sea", "13", "as IOM Iran (n.d.) counts them"),  # seed 004
    ]
    # the counts named by source, as the map's profile and the Sources page name them
    assert profile.notes[0] == ("IOM Iran (n.d.) counts 13 neighbours by land and sea; US Central "
                                "Intelligence Agency (2026) lists 7 land neighbours.")
    # 7 by land + 6 Gulf states across the sea = 13; with Kazakhstan and Russia (Caspian) 15
    assert profile.notes[1] == ("The data lists 7 land neighbours and 8 more across the sea "
                                "(6 across the Persian Gulf, 2 across the Caspian Sea): 15 in all.")
    assert profile.notes[2].startswith("How they relate (Crossings (2026)): ")
    assert "make 13" in profile.notes[2]
    assert profile.notes[3] == "Under the filters: 1 event and 1 project involving Iran."
    bars = profile.figure.data[0]
    assert sorted(bars.x) == [44, 534, 689, 921, 959, 1148, 1599]  # sums to 5,894
    for citation in ("US Central Intelligence Agency (2026)", "IOM Iran (n.d.)",
                     "US Department of State (n.d.)"):
        assert citation in profile.source_line


def test_profile_slide_follows_the_chosen_country_and_never_invents_a_sea_count(dataset):
    jordan = build_deck(apply_filters(dataset, FilterState()), DeckChoices(profile_country="JOR"),
                        MADE_ON).slides[SLIDE_KEYS.index("profile")]
    assert jordan.title == "Jordan: borders and neighbours"
    # no maritime neighbours are recorded for Jordan, and no source counts them: no such figure
    assert [(f.label, f.value) for f in jordan.facts] == [
        ("Land borders", "1,744 km"), ("Coastline", "26 km"), ("Land neighbours", "5")]
    assert sorted(jordan.figure.data[0].x) == [148, 179, 307, 379, 731]


def font_sizes(node) -> list[float]:
    """Every type size a plotly figure sets (layout and traces), lists flattened."""
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key.endswith("font") and isinstance(value, dict) and value.get("size") is not None:
                size = value["size"]
                found += list(size) if isinstance(size, list | tuple) else [size]
            found += font_sizes(value)
    elif isinstance(node, list | tuple):
        for value in node:
            found += font_sizes(value)
    return found


@pytest.mark.parametrize("state", [FilterState(), FilterState(funders=("EU",)),
                                   FilterState(countries=("JOR",)), FilterState(year_from=2020)],
                         ids=["all", "EU", "Jordan", "from 2020"])
def test_every_chart_in_a_deck_is_readable_at_1280x720(dataset, state):
    """On a 1280x720 render of the PowerPoint or the PDF (96 px to the inch of a 13.33-inch
    slide), no text of a chart is under 14 px: the timeline's row labels were about 7 px, the
    figure drawn for a page with 17 lanes and shrunk to fit."""
    px_per_inch = 1280 / SLIDE_INCHES[0]
    slides = [slide for slide in build_deck(apply_filters(dataset, state), made_on=MADE_ON).slides
              if slide.figure is not None and not slide.empty_message]
    assert {slide.key for slide in slides} >= {"funding", "timeline", "profile"} - (
        {"funding"} if state.countries else set())
    for slide in slides:
        figure = for_slide(slide)
        box_height = picture_box(slide).height * px_per_inch
        smallest = min(font_sizes(figure.to_plotly_json()))
        assert smallest * body_fit(figure, round(box_height)) >= 14, (slide.key, smallest)


@pytest.mark.parametrize("state", [FilterState(), FilterState(funders=("EU",))], ids=["all", "EU"])
def test_every_chart_in_a_deck_of_the_bundled_data_is_readable_at_1280x720(bundled_dataset, state):
    """The data the app ships has 14 funders and some 80 sources: the funding chart drew a bar
    for each (934 px, shrunk to 7 px type), and the timeline kept the room of its 40-line source
    line after dropping it (1,136 px, 7 px type). On a slide the smaller funders share a bar
    and the chart is only as high as what it draws."""
    px_per_inch = 1280 / SLIDE_INCHES[0]
    deck = build_deck(apply_filters(bundled_dataset, state), made_on=MADE_ON)
    slides = {slide.key: slide for slide in deck.slides
              if slide.figure is not None and not slide.empty_message}
    assert {"funding", "timeline", "profile"} <= set(slides)
    for slide in slides.values():
        figure = for_slide(slide)
        smallest = min(font_sizes(figure.to_plotly_json()))
        assert smallest >= SLIDE_MIN_FONT_PX, (slide.key, smallest)
        assert body_fit(figure, round(picture_box(slide).height * px_per_inch)) * smallest >= 14, slide.key
    bars = for_slide(slides["funding"]).layout.yaxis.ticktext
    if state.is_empty:  # every funder: the largest three, and the rest on one bar
        assert len(bars) == SLIDE_FUNDING_BARS and bars[-1].endswith("other funders")


def test_row_labels_take_one_line_on_a_slide(deck):
    timeline = deck.slides[SLIDE_KEYS.index("timeline")]
    on_page = list(timeline.figure.layout.yaxis.ticktext)
    assert "Jordan-Syria border<br>(IcSP)" in on_page  # wrapped for a narrow page
    shown = for_slide(timeline)
    assert list(shown.layout.yaxis.ticktext) == [text.replace("<br>", " ") for text in on_page]
    assert "Jordan-Syria border (IcSP)" in shown.layout.yaxis.ticktext
    assert not any("<br>" in text for text in shown.layout.yaxis2.ticktext)  # events by topic
    assert list(timeline.figure.layout.yaxis.ticktext) == on_page  # the page's figure unchanged


def test_timeline_slide_says_what_it_cannot_draw(deck, dataset):
    timeline = deck.slides[SLIDE_KEYS.index("timeline")]
    assert timeline.figure is not None
    # no date in the sources: the Iran workshop, the Jordan front-line trainings and three JEMPAS II
    # activities; and the Iran project, with neither start nor end
    assert timeline.notes == ("Not drawn: 5 events and 1 project without a date in the sources.",)
    nothing = build_deck(apply_filters(dataset, FilterState(funders=("GOV-JPN",), year_from=2020,
                                                            year_to=2021)), made_on=MADE_ON)
    assert nothing.slides[SLIDE_KEYS.index("timeline")].empty_message == (
        "No dated events or projects match the filters.")


def test_activity_by_country(view):
    activity = activity_by_country(view).set_index("iso3")
    # Jordan hosted 5 events (roundtable, trainings, three JEMPAS II meetings) and took part in
    # the Cairo workshop; JEMPAS I and II and the IcSP project cover it
    assert activity.loc["JOR", ["events", "projects"]].tolist() == [6, 3]
    assert activity.loc["BGR", ["events", "projects"]].tolist() == [0, 1]  # a JEMPAS I partner state
    # the 19 countries the sources name, then the 12 the online workshop reaches only through the
    # Arab League, with nothing counted for them
    assert len(activity) == 31
    via = activity[activity["via_group"] != ""]
    assert len(via) == 12 and via[["events", "projects"]].to_numpy().sum() == 0
    assert "only via the Arab League" in via.loc["DZA", "via_group"]
    assert activity.index[0] == "JOR"


def test_map_extent_covers_the_active_countries():
    west, east, south, north = map_extent(["PRT", "IRN", "COM"], aspect=16 / 9)
    assert west < -9.5 and east > 63.3  # Portugal's west coast, Iran's east
    assert south < -12.4 and north > 42.1  # the Comoros, Portugal's north
    france = map_extent(["FRA"], aspect=1.5)
    assert france[0] > -30  # France's main part, not French Guiana in South America


# --- PowerPoint --------------------------------------------------------------------------------

def test_pptx_slides_titles_and_source_lines(pptx, deck):
    assert len(pptx.slides) == len(deck.slides)
    assert pptx.slide_width / pptx.slide_height == pytest.approx(16 / 9, rel=0.01)
    for page, slide in zip(pptx.slides, deck.slides, strict=True):
        assert page.shapes.title.text_frame.text == slide.title
        assert shape_texts(page, "subtitle") == ["Showing: All activity"]
        (source,) = shape_texts(page, "source")
        assert source.startswith("Sources: ")
        assert "Made with Crossings on 22 November 2026." in source
        assert slide.source_line in page.notes_slide.notes_text_frame.text


def test_pptx_cites_what_each_slide_shows(pptx):
    headline, world = (shape_texts(page, "source")[0] for page in list(pptx.slides)[:2])
    assert "APO Group on behalf of IOM (2021)" in headline  # the Cairo workshop release
    assert "Natural Earth / world-atlas (n.d.)" in world  # the country polygons
    assert BOUNDARY_DISCLAIMER in world
    assert BOUNDARY_DISCLAIMER not in headline


def test_pptx_headline_figures_are_text(pptx):
    values = shape_texts(pptx.slides[0], "fact value")
    assert values == ["9", "136", "19", "5", "EUR 8.2 m", "USD 1.4 m"]


@pytest.mark.parametrize("key", ["map", "funding", "timeline", "profile"])
def test_pptx_map_and_charts_are_pictures_that_are_not_blank(pptx, key):
    page = pptx.slides[SLIDE_KEYS.index(key)]
    (picture,) = [shape for shape in page.shapes if shape.shape_type == 13]  # PICTURE
    not_blank(pixels(picture.image.blob))
    assert picture.top + picture.height <= min(s.top for s in page.shapes if s.name == "source")


def test_pptx_map_picture_is_described_in_words(pptx, deck):
    [picture] = [shape for shape in pptx.slides[SLIDE_KEYS.index("map")].shapes if shape.name == "figure"]
    description = picture._element.nvPicPr.cNvPr.get("descr")
    assert description == deck.slides[SLIDE_KEYS.index("map")].alt_text
    assert description.startswith("Map: 31 countries hosted or took part in an event")


def test_pptx_notes_sit_under_the_chart(pptx):
    page = pptx.slides[SLIDE_KEYS.index("funding")]
    (notes,) = shape_texts(page, "notes")
    assert "As the sources give them: EUR 8,175,711.90; USD 1,425,000." in notes


# --- PDF ---------------------------------------------------------------------------------------

def test_pdf_has_one_page_per_slide_with_titles_and_sources(pdf, deck):
    assert len(pdf) == len(deck.slides)
    for index, slide in enumerate(deck.slides):
        page = pdf[index]
        assert page.get_size() == pytest.approx((960, 540), abs=1)  # 13.33 x 7.5 in, 16:9
        text = page.get_textpage().get_text_range().replace("\r\n", " ").replace("\n", " ")
        assert slide.title in text
        assert "Made with Crossings on 22 November 2026." in text
        assert "Sources: " in text
        not_blank(np.asarray(page.render(scale=1).to_pil().convert("RGB")))


# --- images ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("width", "height", "scale"), [(1280, 720, 1), (1600, 900, 2)])
def test_map_png_has_the_size_asked_for_and_is_not_blank(deck, width, height, scale):
    png = slide_image(deck.slides[1], MADE_ON, "png", width, height, scale)
    image = pixels(png)
    assert image.shape[:2] == (height * scale, width * scale)
    not_blank(image)


def country_fills(figure) -> set[str]:
    """The fill colours of the countries drawn (the legend, drawn on the figure, is left out)."""
    (axes,) = figure.axes
    return {to_hex(colour).upper() for collection in axes.collections
            for colour in collection.get_facecolors()}


def test_map_shades_countries_by_their_event_class(view, dataset):
    caption = Caption("t", "s", MADE_ON, disclaimer=BOUNDARY_DISCLAIMER)
    everything = country_fills(map_figure(activity_by_country(view), caption, 800, 450))
    assert {palette.SEQUENTIAL[2], palette.SEQUENTIAL[7], palette.LAND, PROJECT_ONLY_FILL} <= everything
    # no country has 2 events (Egypt and Bahrain are named at Cairo only) or 3 to 5
    assert palette.SEQUENTIAL[4] not in everything and palette.SEQUENTIAL[6] not in everything
    japan = apply_filters(dataset, FilterState(funders=("GOV-JPN",)))
    niamey = country_fills(map_figure(activity_by_country(japan), caption, 800, 450))
    assert niamey == {palette.SEQUENTIAL[2], palette.LAND}  # five countries with one event each


def test_a_map_image_must_carry_the_disclaimer(view):
    with pytest.raises(ValueError, match="disclaimer"):
        map_figure(activity_by_country(view), Caption("t", "s", MADE_ON))


def test_map_svg_keeps_its_text(deck):
    svg = slide_image(deck.slides[1], MADE_ON, "svg").decode("utf-8")
    root = ElementTree.fromstring(svg)  # noqa: S314 -- our own output
    assert root.tag.endswith("svg")
    text = " ".join(root.itertext())
    assert "Where activity took place" in text
    assert "do not imply official endorsement or acceptance" in text


def test_chart_png_has_the_size_asked_for_and_is_not_blank(deck):
    png = slide_image(deck.slides[0], MADE_ON, "png", 1280, 720)
    image = pixels(png)
    assert image.shape[:2] == (720, 1280)
    not_blank(image)


def test_chart_svg_carries_title_sources_and_date_as_escaped_text():
    import plotly.graph_objects as go

    figure = go.Figure(go.Bar(x=["EU", "Japan"], y=[8.2, 1.4]))
    caption = Caption("Funding <script>alert(1)</script>", "Sources: IOM (n.d.)", MADE_ON,
                      subtitle="Funder: Japan")
    svg = chart_image(figure, caption, "svg", 1280, 720).decode("utf-8")
    assert "<script" not in svg
    root = ElementTree.fromstring(svg)  # noqa: S314 -- our own output
    assert root.get("width") == "1280" and root.get("height") == "720"
    text = " ".join(root.itertext())
    assert "Funding <script>alert(1)</script>" in text  # shown as written
    assert "Sources: IOM (n.d.) · Made with Crossings on 22 November 2026." in text
    assert "Funder: Japan" in text


def test_chart_rendering_never_asks_a_cdn_for_mathjax(monkeypatch):
    """kaleido loads MathJax from cdnjs unless told not to; offline that is a failed request."""
    import kaleido

    from crossings.exports.images import ChartRenderer

    seen = {}

    class Recorder(kaleido.Kaleido):
        def __init__(self, **options):
            seen.update(options)
            raise RuntimeError("stop here")

    monkeypatch.setattr(kaleido, "Kaleido", Recorder)
    import plotly.graph_objects as go

    with pytest.raises(RuntimeError, match="stop here"):
        ChartRenderer().render(go.Figure(), "png", 100, 100)
    assert seen["mathjax"] is False
    assert "cdn" not in kaleido.PageGenerator(mathjax=False).generate_index()


def test_without_chromium_charts_say_how_to_get_it_and_maps_still_export(monkeypatch, deck):
    from crossings.exports.images import ChartRenderer, ExportUnavailableError, chart_browser

    monkeypatch.setenv("CROSSINGS_CHROMIUM", "/nonexistent/chromium")
    assert chart_browser() is None
    with pytest.raises(ExportUnavailableError, match="apt-get install chromium"):
        ChartRenderer().render(deck.slides[0].figure or go.Figure(), "png", 100, 100)
    map_slide = deck.slides[SLIDE_KEYS.index("map")]
    assert not map_slide.image_needs_chart_browser
    assert slide_image(map_slide, MADE_ON, "png", 640, 360)[:8] == b"\x89PNG\r\n\x1a\n"


def test_hostile_text_stays_text_in_every_file(tmp_path):
    """Jordan's name is an <img onerror> in this copy of the data: the slide title, the PowerPoint,
    the PDF and the SVG all carry it as the characters it is, never as markup."""
    from crossings.data.loading import load_dataset
    from tests.hostile import hostile_data_copy

    placed = hostile_data_copy(tmp_path / "data")
    name = placed["countries.JOR.name"]
    hostile = build_deck(apply_filters(load_dataset(tmp_path / "data"), FilterState()),
                         DeckChoices(profile_country="JOR"), MADE_ON)
    profile = hostile.slides[SLIDE_KEYS.index("profile")]
    assert profile.title == f"{name}: borders and neighbours"
    page = Presentation(io.BytesIO(deck_pptx(hostile))).slides[SLIDE_KEYS.index("profile")]
    assert page.shapes.title.text_frame.text == profile.title
    pdf_page = pdfium.PdfDocument(deck_pdf(hostile))[SLIDE_KEYS.index("profile")]
    assert "<img src=x" in pdf_page.get_textpage().get_text_range()
    svg = slide_image(profile, MADE_ON, "svg", 800, 450).decode("utf-8")
    assert "<img" not in svg
    assert name in " ".join(ElementTree.fromstring(svg).itertext())  # noqa: S314 -- our own output


# --- source lines on slides --------------------------------------------------------------------

def test_a_long_source_line_names_the_first_sources_and_how_many_more(dataset):
    ids = list(dataset.sources["source_id"])
    whole = source_line(dataset, ids)
    assert source_line(dataset, ids, max_chars=len(whole)) == whole  # it fits: all of it
    short = source_line(dataset, ids, max_chars=80)
    first = short_citation(dataset, ids[0])
    assert short.startswith(f"Sources: {first}") and len(short) <= 80
    named = short.removeprefix("Sources: ").rsplit(" and ", 1)[0].split("; ")
    more = int(re.fullmatch(r".* and (\d+) more", short).group(1))
    assert len(named) + more == len(dict.fromkeys(short_citation(dataset, s) for s in ids))
    two = source_line(dataset, ids[:2], max_chars=10)  # one named at least, and '1 more'
    assert two == f"Sources: {first} and 1 more"
    assert source_line(dataset, ids[:1], max_chars=10) == f"Sources: {first}"


def test_the_bundled_data_s_source_lines_stay_on_the_slide(bundled_dataset):
    """The data the app ships cites about 80 sources: the timeline slide's source line ran some
    170 pt past the foot of the PDF's page. A slide names the first sources and how many more, in
    two lines of its footer at most; its speaker notes name every one."""
    deck = build_deck(apply_filters(bundled_dataset, FilterState()), made_on=MADE_ON)
    timeline = deck.slides[SLIDE_KEYS.index("timeline")]
    assert re.search(r"\) and \d+ more$", timeline.slide_source_line), timeline.slide_source_line
    assert timeline.source_line in speaker_notes(timeline)
    document = pdfium.PdfDocument(deck_pdf(deck))
    for index, slide in enumerate(deck.slides):
        assert len(slide.slide_source_line) <= SLIDE_SOURCE_CHARS
        assert text_height(footer_text(slide, MADE_ON), 11, FOOTER_BOX.width) <= FOOTER_BOX.height, slide.key
        page = document[index]
        width, height = page.get_size()
        text = page.get_textpage()
        boxes = [text.get_charbox(k) for k in range(text.count_chars()) if text.get_text_range(k, 1).strip()]
        assert min(box[1] for box in boxes) >= 0 and max(box[3] for box in boxes) <= height, slide.key
        assert min(box[0] for box in boxes) >= 0 and max(box[2] for box in boxes) <= width, slide.key
        said = text.get_text_range().replace("\r\n", " ").replace("\n", " ")
        assert "Made with Crossings on 22 November 2026." in said
        assert " ".join(slide.slide_source_line.split()[-3:]) in said  # its end is on the page
