"""The deck as PDF (reportlab), one 16:9 page per slide, laid out as the PowerPoint is.

reportlab neither joins Arabic letters nor orders a line right to left: lines are wrapped as
written, then each is shaped and ordered for the eye (crossings.exports.shaping) and drawn run
by run, the Arabic letters in Noto Sans Arabic, codes and numbers in the deck's sans-serif.
"""

from __future__ import annotations

import io
from functools import lru_cache

from matplotlib import font_manager
from reportlab.lib.colors import HexColor
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from crossings.exports import shaping
from crossings.exports.slide_layout import SLIDE_INCHES, PictureItem, TextItem, showing, slide_layout
from crossings.exports.slides import Deck
from crossings.languages import _, is_rtl

NARROW_NO_BREAK_SPACE = "\u202f"

# --- PDF ---------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _pdf_fonts() -> tuple[str, str]:
    """A TrueType sans with full Unicode (names such as Türkiye, Côte d'Ivoire): Liberation Sans
    from the system if present, else DejaVu Sans, which matplotlib always ships."""
    families = ["Liberation Sans", "DejaVu Sans"]
    regular = font_manager.findfont(font_manager.FontProperties(family=families))
    bold = font_manager.findfont(font_manager.FontProperties(family=families, weight="bold"))
    pdfmetrics.registerFont(TTFont("CrossingsSans", regular))
    pdfmetrics.registerFont(TTFont("CrossingsSans-Bold", bold))
    return "CrossingsSans", "CrossingsSans-Bold"


@lru_cache(maxsize=1)
def _arabic_fonts() -> tuple[str, str] | None:
    """Noto Sans Arabic, registered once; None if it is not installed (shaping logs why)."""
    files = shaping.arabic_font_files()
    if files is None:
        return None
    pdfmetrics.registerFont(TTFont("CrossingsArabic", files[0]))
    pdfmetrics.registerFont(TTFont("CrossingsArabic-Bold", files[1]))
    return "CrossingsArabic", "CrossingsArabic-Bold"


class _Writer:
    """Draws a text item's lines: wrapped as written, each line shaped and ordered as seen, every
    run in the font that has its letters."""

    def __init__(self, canvas: Canvas, rtl: bool) -> None:
        self.canvas, self.rtl = canvas, rtl
        self.latin = _pdf_fonts()
        self.arabic = _arabic_fonts() or self.latin
        # French groups digits with a narrow no-break space, which Liberation Sans lacks: a
        # no-break space then, never a missing-glyph box.
        glyphs = pdfmetrics.getFont(self.latin[0]).face.charToGlyph
        narrow = ord(NARROW_NO_BREAK_SPACE)
        self.spaces = {} if narrow in glyphs else {narrow: "\u00a0"}

    def _runs(self, line: str, bold: bool) -> list[tuple[str, str]]:
        """(text, font) left to right, as the line is seen."""
        latin, arabic = self.latin[bold], self.arabic[bold]
        line = line.translate(self.spaces)
        if not shaping.has_arabic(line):  # one run, as before
            return [(line, latin)]
        return [(run, arabic if shaping.is_arabic(run) else latin)
                for run in shaping.runs(shaping.visual(line, self.rtl))]

    def width(self, line: str, bold: bool, size: float) -> float:
        return sum(pdfmetrics.stringWidth(text, font, size) for text, font in self._runs(line, bold))

    def wrap(self, paragraph: str, bold: bool, size: float, width: float) -> list[str]:
        """The paragraph's lines in the order they are read, each as written (not yet shaped)."""
        lines: list[str] = []
        current = ""
        for word in [word for word in paragraph.split(" ") if word]:  # no-break spaces hold
            candidate = f"{current} {word}" if current else word
            if current and self.width(candidate, bold, size) > width:
                lines.append(current)
                current = word
            else:
                current = candidate
        return [*lines, current] if current or not lines else lines

    def draw(self, item: TextItem, left: float, top: float, width: float) -> None:
        self.canvas.setFillColor(HexColor(item.colour))
        baseline = top - item.size
        for paragraph in item.text.split("\n"):
            for line in self.wrap(paragraph, item.bold, item.size, width):
                runs = self._runs(line, item.bold)
                line_width = sum(pdfmetrics.stringWidth(text, font, item.size) for text, font in runs)
                x = {"center": left + (width - line_width) / 2,
                     "right": left + width - line_width}.get(item.align, left)
                for text, font in runs:
                    self.canvas.setFont(font, item.size)
                    self.canvas.drawString(x, baseline, text)
                    x += pdfmetrics.stringWidth(text, font, item.size)
                baseline -= item.size * 1.2


def deck_pdf(deck: Deck) -> bytes:
    """The deck as a PDF handout, one 16:9 page per slide, with the same layout as the
    PowerPoint file. Text is drawn as text (searchable, never read as markup)."""
    page_width, page_height = SLIDE_INCHES[0] * 72, SLIDE_INCHES[1] * 72
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(page_width, page_height))
    canvas.setTitle(_(deck.title))
    canvas.setSubject(showing(deck.filters))
    canvas.setCreator("Crossings")
    writer = _Writer(canvas, is_rtl())
    for slide in deck.slides:
        for item in slide_layout(slide, deck.made_on):
            left, top = item.box.left * 72, page_height - item.box.top * 72
            width, height = item.box.width * 72, item.box.height * 72
            if isinstance(item, PictureItem):
                canvas.drawImage(ImageReader(io.BytesIO(item.png)), left, top - height, width, height,
                                 preserveAspectRatio=True, anchor="n")
                continue
            writer.draw(item, left, top, width)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
