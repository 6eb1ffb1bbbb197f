"""Where each part of a slide goes on a 16:9 page, in inches: title, filters, body, facts grid,
footer and speaker notes. The PowerPoint and the PDF writers both place what this returns, so
the two decks look alike. In Arabic the page is mirrored: text from the right margin, the
figures of a profile slide on the right of its chart.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date

from crossings.exports.images import made_with
from crossings.exports.slides import Fact, Slide, body_png, fact_columns
from crossings.figures import palette
from crossings.languages import _, is_rtl

# --- the layout shared by the PowerPoint and the PDF ------------------------------------------

SLIDE_INCHES = (13.333, 7.5)  # 16:9
PIXELS_PER_INCH = 96  # body images: drawn at this density, then at 2x for sharpness


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide, in inches from the top left."""

    left: float
    top: float
    width: float
    height: float

    def pixels(self) -> tuple[int, int]:
        return round(self.width * PIXELS_PER_INCH), round(self.height * PIXELS_PER_INCH)


@dataclass(frozen=True)
class TextItem:
    role: str  # title, subtitle, source, fact value, ... (the shape's name in PowerPoint)
    box: Box
    text: str
    size: float  # points
    bold: bool = False
    colour: str = palette.TEXT
    align: str = "left"


@dataclass(frozen=True)
class PictureItem:
    role: str
    box: Box
    png: bytes


TITLE_BOX = Box(0.5, 0.3, 12.33, 0.85)
SUBTITLE_BOX = Box(0.5, 1.12, 12.33, 0.4)
BODY_BOX = Box(0.5, 1.6, 12.33, 4.85)
FOOTER_BOX = Box(0.5, 6.55, 12.33, 0.8)
NOTES_PT = 14
MAX_NOTES_HEIGHT = 1.3  # inches
FACT_SIZES = (40, 18, 12)  # value, label, note in points: the headline slide
SIDE_FACT_SIZES = (26, 14, 11)  # beside a chart


def footer_text(slide: Slide, made_on: date) -> str:
    lines = [slide.slide_source_line, made_with(made_on)]
    if slide.disclaimer:
        lines.append(slide.disclaimer)
    return "\n".join(lines)


def showing(filters: str) -> str:
    return _("Showing: {filters}").format(filters=filters)


def slide_layout(slide: Slide, made_on: date) -> list[TextItem | PictureItem]:
    """Everything on one slide, positioned: the PowerPoint and PDF writers only draw it. In a
    right-to-left language, mirrored (text aligned right, boxes from the right edge)."""
    items = _layout(slide, made_on)
    return [mirrored(item) for item in items] if is_rtl() else items


def mirrored(item: TextItem | PictureItem) -> TextItem | PictureItem:
    box = item.box
    flipped = replace(item, box=Box(SLIDE_INCHES[0] - box.left - box.width, box.top, box.width, box.height))
    if isinstance(flipped, TextItem) and flipped.align == "left":
        flipped = replace(flipped, align="right")
    return flipped


def _layout(slide: Slide, made_on: date) -> list[TextItem | PictureItem]:
    items: list[TextItem | PictureItem] = [
        TextItem("title", TITLE_BOX, slide.title, 30, bold=True),
        TextItem("subtitle", SUBTITLE_BOX, showing(slide.subtitle), 16, colour=palette.MUTED_TEXT),
        TextItem("source", FOOTER_BOX, footer_text(slide, made_on), 11, colour=palette.MUTED_TEXT),
    ]
    body = BODY_BOX
    if slide.empty_message:
        items.append(TextItem("empty", body, slide.empty_message, 24, colour=palette.MUTED_TEXT,
                              align="center"))
        return items
    if slide.notes:  # under the body, full width
        text = "\n".join(slide.notes)
        height = _notes_height(slide)
        items.append(TextItem("notes", Box(body.left, body.top + body.height - height, body.width, height),
                              text, NOTES_PT, colour=palette.MUTED_TEXT))
        body = Box(body.left, body.top, body.width, body.height - height - 0.15)
    if slide.body == "facts":
        return items + _fact_grid(slide.facts, body, fact_columns(len(slide.facts)), FACT_SIZES)
    if slide.body == "facts+chart":
        column = Box(body.left, body.top, body.width * 0.36, body.height)
        items += _fact_grid(slide.facts, column, 2, SIDE_FACT_SIZES)
    picture = picture_box(slide)
    items.append(PictureItem("figure", picture, body_png(slide, *picture.pixels())))
    return items


def _notes_height(slide: Slide) -> float:
    return min(MAX_NOTES_HEIGHT, _text_height("\n".join(slide.notes), NOTES_PT, BODY_BOX.width))


def picture_box(slide: Slide) -> Box:
    """Where the slide's map or chart goes: the body less the notes under it, and less the
    figures beside it on a profile slide."""
    body = BODY_BOX
    if slide.notes:
        body = Box(body.left, body.top, body.width, body.height - _notes_height(slide) - 0.15)
    if slide.body == "facts+chart":
        body = Box(body.left + body.width * 0.39, body.top, body.width * 0.61, body.height)
    return body


def _text_height(text: str, points: float, width_inches: float) -> float:
    """About how tall `text` wraps to in a box `width_inches` wide, in inches."""
    per_line = max(1, int(width_inches * 72 / (points * 0.5)))
    lines = sum(max(1, math.ceil(len(paragraph) / per_line)) for paragraph in text.split("\n"))
    return lines * points * 1.25 / 72


def _fact_grid(facts: tuple[Fact, ...], box: Box, columns: int, sizes: tuple[float, float, float]
               ) -> list[TextItem]:
    """Big figures in a grid: each value, its label under it, then its note."""
    value_pt, label_pt, note_pt = sizes
    value_in, label_in = value_pt * 1.5 / 72, label_pt * 1.6 / 72
    rows = max(1, math.ceil(len(facts) / columns))
    cell_width, cell_height = box.width / columns, min(2.1, box.height / rows)
    items = []
    for index, fact in enumerate(facts):
        left = box.left + (index % columns) * cell_width
        top = box.top + (index // columns) * cell_height
        width = cell_width - 0.2
        label_height = max(label_in, _text_height(fact.label, label_pt, width))  # may wrap
        items += [
            TextItem("fact value", Box(left, top, width, value_in), fact.value, value_pt, bold=True),
            TextItem("fact label", Box(left, top + value_in, width, label_height), fact.label, label_pt),
            TextItem("fact note", Box(left, top + value_in + label_height, width,
                                      max(0.2, cell_height - value_in - label_height - 0.1)),
                     fact.note, note_pt, colour=palette.MUTED_TEXT),
        ]
    return items


def speaker_notes(slide: Slide) -> str:
    lines = [showing(slide.subtitle)]
    lines += [_("{label}: {value} ({note})").format(label=fact.label, value=fact.value, note=fact.note)
              if fact.note else _("{label}: {value}").format(label=fact.label, value=fact.value)
              for fact in slide.facts]
    lines += list(slide.notes)
    lines.append(slide.source_line)
    return "\n".join(lines)
