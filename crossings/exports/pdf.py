"""The deck as PDF (reportlab), one 16:9 page per slide, laid out as the PowerPoint is.
"""

from __future__ import annotations

import io
from functools import lru_cache

from matplotlib import font_manager
from reportlab.lib.colors import HexColor
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from crossings.exports.slide_layout import SLIDE_INCHES, PictureItem, slide_layout
from crossings.exports.slides import Deck

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


def deck_pdf(deck: Deck) -> bytes:
    """The deck as a PDF handout, one 16:9 page per slide, with the same layout as the
    PowerPoint file. Text is drawn as text (searchable, never read as markup)."""
    regular, bold = _pdf_fonts()
    page_width, page_height = SLIDE_INCHES[0] * 72, SLIDE_INCHES[1] * 72
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(page_width, page_height))
    canvas.setTitle(deck.title)
    canvas.setSubject(f"Showing: {deck.filters}")
    canvas.setCreator("Crossings")
    for slide in deck.slides:
        for item in slide_layout(slide, deck.made_on):
            left, top = item.box.left * 72, page_height - item.box.top * 72
            width, height = item.box.width * 72, item.box.height * 72
            if isinstance(item, PictureItem):
                canvas.drawImage(ImageReader(io.BytesIO(item.png)), left, top - height, width, height,
                                 preserveAspectRatio=True, anchor="n")
                continue
            font = bold if item.bold else regular
            canvas.setFont(font, item.size)
            canvas.setFillColor(HexColor(item.colour))
            baseline = top - item.size
            for paragraph in item.text.split("\n"):
                for line in simpleSplit(paragraph, font, item.size, width):
                    if item.align == "center":
                        canvas.drawCentredString(left + width / 2, baseline, line)
                    else:
                        canvas.drawString(left, baseline, line)
                    baseline -= item.size * 1.2
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
