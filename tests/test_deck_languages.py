"""The deck in French and Arabic: slide text through the catalogue, Arabic shaped and right to left
in the PDF (reportlab draws what it is given: the letters must arrive joined and in seen order),
right-to-left paragraphs in the PowerPoint, the slide mirrored, the map's words translated.

The catalogue is replaced here by a few translations of the deck's own messages (the same as
the translators' .po files give), so the tests do not depend on how complete the catalogues are.
"""

from __future__ import annotations

import base64
import io
import logging
import re
import zlib
from datetime import date

import pypdfium2 as pdfium
import pytest
from pptx import Presentation

from crossings.exports import pdf as pdf_module
from crossings.exports import shaping
from crossings.exports.images import Caption, CaptionLayout, framed_figure
from crossings.exports.pdf import deck_pdf
from crossings.exports.powerpoint import deck_pptx
from crossings.exports.slide_layout import SLIDE_INCHES, TextItem, slide_layout
from crossings.exports.slides import build_deck, build_slide
from crossings.figures.static_map import activity_by_country, map_figure
from crossings.languages import use_language
from crossings.views.filtered_view import apply_filters
from crossings.views.filters import FilterState
from tests.helpers import fixed_catalogue

MADE_ON = date(2026, 11, 22)
FRENCH_TITLE = "Les activités de gestion des frontières en un coup d'œil"
ARABIC_MAP_TITLE = "أين جرت الأنشطة"
MESSAGES = {
    "fr": {
        "Border-management activity at a glance": FRENCH_TITLE,
        "Where activity took place": "Où les activités ont eu lieu",
        "Showing: {filters}": "Affiché : {filters}",
        "Events": "Événements",
        "Made with Crossings on {date}.": "Réalisé avec Crossings le {date}.",
    },
    "ar": {
        "Border-management activity at a glance": "أنشطة إدارة الحدود في لمحة",
        "Where activity took place": ARABIC_MAP_TITLE,
        "Who funds the work, in {currency}": "من يموّل العمل، بعملة {currency}",
        "Showing: {filters}": "المعروض: {filters}",
        "Events": "الفعاليات",
        "Funding in {currency}": "التمويل بعملة {currency}",
        "Made with Crossings on {date}.": "أُعدّ باستخدام Crossings في {date}.",
        "Events hosted or attended": "الفعاليات المستضافة أو المشارَك فيها",
        "No activity": "لا نشاط",
    },
}
PRESENTATION_FORMS = range(0xFE70, 0xFF00)  # Arabic Presentation Forms-B: joined letters


@pytest.fixture(scope="module", autouse=True)
def catalogue_of_the_deck():
    with fixed_catalogue(MESSAGES):
        yield


@pytest.fixture(scope="module")
def view(dataset):
    return apply_filters(dataset, FilterState())


@pytest.fixture(scope="module")
def french(view):
    with use_language("fr"):
        deck = build_deck(view, made_on=MADE_ON)
        return deck, deck_pptx(deck), deck_pdf(deck)


@pytest.fixture(scope="module")
def arabic(view):
    with use_language("ar"):
        deck = build_deck(view, made_on=MADE_ON)
        return deck, deck_pptx(deck), deck_pdf(deck)


def pdf_unicode_maps(data: bytes) -> set[int]:
    """Every character the PDF's fonts say their glyphs stand for (their ToUnicode maps)."""
    found = set()
    for head, body in re.findall(rb"<<(.*?)>>\s*stream\r?\n(.*?)endstream", data, re.S):
        body = body.strip()
        if b"ASCII85Decode" in head:
            body = base64.a85decode(body.removesuffix(b"~>"))
        if b"FlateDecode" in head:
            body = zlib.decompress(body)
        if b"begincmap" in body:
            found |= {int(code, 16) for code in re.findall(rb"<([0-9A-Fa-f]{4})>", body)}
    return found


# --- French ------------------------------------------------------------------------------------

def test_the_french_deck_speaks_french(french):
    deck, pptx, pdf = french
    assert deck.slides[0].title == FRENCH_TITLE
    assert deck.slides[1].title == "Où les activités ont eu lieu"
    assert deck.slides[0].facts[0].label == "Événements"
    first = Presentation(io.BytesIO(pptx)).slides[0]
    assert first.shapes.title.text_frame.text == FRENCH_TITLE
    assert next(s.text_frame.text for s in first.shapes if s.name == "subtitle").startswith("Affiché : ")
    assert "Réalisé avec Crossings le 22 novembre 2026." in next(s.text_frame.text for s in first.shapes
                                                              if s.name == "source")
    page = pdfium.PdfDocument(pdf)[0].get_textpage().get_text_range()
    assert FRENCH_TITLE in page
    assert 'rtl="1"' not in first.shapes.title.text_frame._txBody.xml  # French reads left to right


# --- Arabic: the PDF ---------------------------------------------------------------------------

def test_the_arabic_pdf_holds_joined_letters_in_the_arabic_font(arabic):
    _, _, pdf = arabic
    assert b"NotoSansArabic" in pdf
    drawn = pdf_unicode_maps(pdf)
    assert len([code for code in drawn if code in PRESENTATION_FORMS]) > 20
    # the map slide's title, letter by letter as joined: isolated, initial, medial, final forms
    assert {ord(char) for char in shaping.visual(ARABIC_MAP_TITLE)} <= drawn | {ord(" ")}


def test_the_arabic_pdf_reads_right_to_left(arabic):
    _, _, pdf = arabic
    text_page = pdfium.PdfDocument(pdf)[1].get_textpage()
    text = text_page.get_text_range()
    start = text.index(ARABIC_MAP_TITLE)  # pdfium gives the letters back as written
    first = text_page.get_charbox(start)
    last = text_page.get_charbox(start + len(ARABIC_MAP_TITLE) - 1)
    assert first[0] > last[2]  # the first letter is the rightmost
    assert first[2] > SLIDE_INCHES[0] * 72 - 60  # right-aligned: near the right margin


def test_codes_and_numbers_keep_their_order_inside_arabic():
    line = shaping.visual("التمويل بعملة EUR: 8,175,711.90 في 2026")
    assert "EUR" in line and "8,175,711.90" in line and "2026" in line
    assert line.index("2026") < line.index("EUR")  # the last written is seen leftmost
    assert any(ord(char) in PRESENTATION_FORMS for char in line)
    runs = shaping.runs(line)
    assert "".join(runs) == line
    assert [shaping.is_arabic(run) for run in runs].count(True) >= 2
    assert shaping.visual("Sources: IOM (n.d.)") == "Sources: IOM (n.d.)"  # no Arabic: untouched


def test_a_missing_arabic_font_is_said_and_the_deck_still_drawn(monkeypatch, caplog, arabic):
    deck = arabic[0]
    shaping.arabic_font_files.cache_clear()
    pdf_module._arabic_fonts.cache_clear()
    monkeypatch.setattr(shaping, "ARABIC_FONT_FILES", (shaping.NOTO_DIR / "missing.ttf",) * 2)
    try:
        with caplog.at_level(logging.WARNING, logger=shaping.__name__):
            assert shaping.arabic_font_files() is None
            with use_language("ar"):
                headline_only = type(deck)(deck.slides[:1], deck.filters, deck.made_on, deck.choices)
                assert deck_pdf(headline_only).startswith(b"%PDF")
        assert "fonts-noto-core" in caplog.text
    finally:
        shaping.arabic_font_files.cache_clear()
        pdf_module._arabic_fonts.cache_clear()


# --- Arabic: the PowerPoint and the layout -----------------------------------------------------

def test_every_arabic_pptx_paragraph_reads_right_to_left(arabic):
    _, pptx, _ = arabic
    presentation = Presentation(io.BytesIO(pptx))
    checked = 0
    for page in presentation.slides:
        frames = [shape.text_frame for shape in page.shapes if shape.has_text_frame]
        frames.append(page.notes_slide.notes_text_frame)
        for frame in frames:
            for paragraph in frame.paragraphs:
                properties = paragraph._p.pPr
                assert properties is not None and properties.get("rtl") == "1", paragraph.text
                assert properties.get("algn") in ("r", "ctr")
                checked += 1
    assert checked > 50
    titles = [page.shapes.title.text_frame.text for page in presentation.slides]
    assert titles[1] == ARABIC_MAP_TITLE  # PowerPoint shapes it: the text stays as written
    assert titles[2] == "من يموّل العمل، بعملة EUR"


def test_the_arabic_slide_is_mirrored(view):
    slide = build_slide(view, "headline")
    english = [item for item in slide_layout(slide, MADE_ON) if isinstance(item, TextItem)]
    with use_language("ar"):
        arabic = [item for item in slide_layout(build_slide(view, "headline"), MADE_ON)
                  if isinstance(item, TextItem)]
    assert [item.role for item in english] == [item.role for item in arabic]
    for left, right in zip(english, arabic, strict=True):
        assert right.box.left == pytest.approx(SLIDE_INCHES[0] - left.box.left - left.box.width)
        assert right.align == ("center" if left.align == "center" else "right")
    assert {item.align for item in english} <= {"left", "center"}


def test_arabic_image_captions_start_from_the_right():
    caption = Caption(ARABIC_MAP_TITLE, "Sources: IOM (n.d.)", MADE_ON)
    with use_language("ar"):
        figure = framed_figure("data:image/png;base64,", caption, 1600, 900)
    layout = CaptionLayout.for_size(caption, 1600, 900)
    assert {note.xanchor for note in figure.layout.annotations} == {"right"}
    assert figure.layout.annotations[0].x == pytest.approx(1 - layout.margin / 1600)


def test_the_arabic_map_legend_is_arabic(view):
    with use_language("ar"):
        figure = map_figure(activity_by_country(view), None)
    legend = figure.legends[0]
    assert shaping.has_arabic(legend.get_title().get_text())
    assert shaping.has_arabic(legend.get_texts()[-1].get_text())  # 'No activity'
