"""The deck as PowerPoint (python-pptx): text stays editable text, charts and the map are
pictures, speaker notes list the figures and sources.
"""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Inches, Pt

from crossings.exports.slide_layout import (
    SLIDE_INCHES,
    Box,
    PictureItem,
    TextItem,
    showing,
    slide_layout,
    speaker_notes,
)
from crossings.exports.slides import Deck
from crossings.languages import _, is_rtl

# --- PowerPoint --------------------------------------------------------------------------------

def right_to_left(paragraph, centred: bool = False) -> None:
    """A paragraph that reads right to left (Arabic), aligned right unless centred. python-pptx
    has no setting for it: rtl and algn go on the paragraph's a:pPr."""
    properties = paragraph._p.get_or_add_pPr()
    properties.set("rtl", "1")
    properties.set("algn", "ctr" if centred else "r")


def deck_pptx(deck: Deck) -> bytes:
    """The deck as a PowerPoint file (16:9): text stays text, charts and the map are pictures."""
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = Inches(SLIDE_INCHES[0]), Inches(SLIDE_INCHES[1])
    rtl = is_rtl()
    presentation.core_properties.title = _(deck.title)
    presentation.core_properties.subject = showing(deck.filters)
    title_only = presentation.slide_layouts[5]

    def place(shape, box: Box) -> None:
        shape.left, shape.top = Inches(box.left), Inches(box.top)
        shape.width, shape.height = Inches(box.width), Inches(box.height)

    def fill(shape, item: TextItem) -> None:
        frame = shape.text_frame
        frame.word_wrap = True
        frame.vertical_anchor = MSO_ANCHOR.TOP
        frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
        for index, line in enumerate(item.text.split("\n")):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            paragraph.alignment = {"center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}.get(
                item.align, PP_ALIGN.LEFT)
            if rtl:
                right_to_left(paragraph, centred=item.align == "center")
            run = paragraph.add_run()
            run.text = line
            run.font.size, run.font.bold = Pt(item.size), item.bold
            run.font.color.rgb = RGBColor.from_string(item.colour.lstrip("#"))

    for slide in deck.slides:
        page = presentation.slides.add_slide(title_only)
        for item in slide_layout(slide, deck.made_on):
            if isinstance(item, PictureItem):
                picture = page.shapes.add_picture(io.BytesIO(item.png), Inches(item.box.left),
                                                  Inches(item.box.top), width=Inches(item.box.width),
                                                  height=Inches(item.box.height))
                picture.name = item.role
                picture._element.nvPicPr.cNvPr.set("descr", slide.alt_text)
                continue
            if item.role == "title":
                shape = page.shapes.title
                shape.text_frame.clear()
            else:
                shape = page.shapes.add_textbox(0, 0, 0, 0)
                shape.name = item.role
            place(shape, item.box)
            fill(shape, item)
        notes = page.notes_slide.notes_text_frame
        notes.text = speaker_notes(slide)
        if rtl:
            for paragraph in notes.paragraphs:
                right_to_left(paragraph)
    buffer = io.BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()
