"""How wide a line of text is drawn, erring wide: the room left for a label written past the
end of a bar (which plotly clips at the figure's edge), the size a headline figure may take to
stay on one line. No font is opened: widths of character classes, a little over those of the
sans-serif faces a browser draws with (Source Sans, Helvetica/Arial/Liberation, DejaVu; Noto or
DejaVu for Arabic)."""

from __future__ import annotations

import unicodedata

_NARROW = set(" .,:;'!|il\u00a0\u202f\u200f\u200e")


def _char_em(char: str) -> float:
    if char in _NARROW:
        return 0.34
    if "\u0600" <= char <= "\u06ff":
        return 0.66
    if unicodedata.combining(char):
        return 0.0
    if char.isupper() or char in "mwMW%@":
        return 0.8
    return 0.62


def text_width_em(text: str) -> float:
    """About how wide `text` is, in em (times the type size gives pixels), erring wide: room left
    for it is never short (plotly_spec.label_px errs the other way)."""
    return sum(_char_em(char) for char in text)


def text_width_px(text: str, font_px: float) -> float:
    return text_width_em(text) * font_px
