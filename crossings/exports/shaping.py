"""Arabic in the files Crossings draws itself: the PDF deck (reportlab) and the still map
(matplotlib). The one place that knows how Arabic text is shaped, ordered and which font
carries it.

reportlab draws characters one after another as they come: Arabic would come out as separate,
unjoined letters in the wrong order. `visual` joins the letters (arabic-reshaper: each letter's
initial, medial, final or isolated presentation form) and puts a line in the order it is seen
(python-bidi: right to left, with Latin codes and numbers kept left to right inside it).
`runs` then cuts a seen line into the parts each font draws: Noto Sans Arabic has the Arabic
letters, the sans-serif of the deck everything else (EUR, IOM, ISO codes).

matplotlib 3.11 lays text out with libraqm (FriBidi and HarfBuzz), which joins and orders Arabic
itself (measured: pre-shaped text would be reversed a second time). So a line for it stays as
written, opened with a right-to-left mark so a line that starts with a Latin code still reads
from the right (`for_matplotlib`); only a matplotlib built without libraqm gets it shaped here,
as reportlab does. The Arabic font is added to matplotlib's fonts as a fallback
(`matplotlib_families`).

Noto's Arabic faces come from Debian (fonts-noto-core). Without them Arabic cannot be drawn:
the deck says so in a warning (logged) and draws with the Latin font, rather than failing.
"""

from __future__ import annotations

import logging
import re
from functools import cache
from pathlib import Path

import arabic_reshaper
from bidi.algorithm import get_display

log = logging.getLogger(__name__)

NOTO_DIR = Path("/usr/share/fonts/truetype/noto")
ARABIC_FONT_FILES = (NOTO_DIR / "NotoSansArabic-Regular.ttf", NOTO_DIR / "NotoSansArabic-Bold.ttf")
ARABIC_FAMILY = "Noto Sans Arabic"
MISSING_FONT_MESSAGE = ("The Arabic font was not found ({path}): Arabic text is drawn without it. "
                        "Install it with `sudo apt-get install fonts-noto-core`.")

# Arabic letters, their supplement and their presentation forms (what reshaping produces).
_ARABIC = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
_HAS_ARABIC = re.compile(f"[{_ARABIC}]")
RIGHT_TO_LEFT_MARK = "\u200f"
_RUNS = re.compile(f"[{_ARABIC}]+(?:[ \u00a0]+[{_ARABIC}]+)*|[^{_ARABIC}]+")


def has_arabic(text: str) -> bool:
    return bool(_HAS_ARABIC.search(text or ""))


def is_arabic(text: str) -> bool:
    """Whether a run (as `runs` cuts them) is Arabic script."""
    return has_arabic(text[:1])


def visual(text: str, rtl: bool = True) -> str:
    """One line as it is seen: letters joined, right to left with left-to-right codes and numbers
    inside it. `rtl`: the paragraph's own direction (an Arabic interface's). Text without
    Arabic comes back as it is."""
    if not has_arabic(text):
        return text
    return get_display(arabic_reshaper.reshape(text), base_dir="R" if rtl else "L")


def runs(line: str) -> list[str]:
    """A seen line cut into Arabic and other parts, left to right, each for its own font."""
    return _RUNS.findall(line)


@cache
def arabic_font_files() -> tuple[str, str] | None:
    """Noto Sans Arabic's regular and bold files, or None (said once in the log) if missing."""
    for path in ARABIC_FONT_FILES:
        if not path.is_file():
            log.warning(MISSING_FONT_MESSAGE.format(path=path))
            return None
    return str(ARABIC_FONT_FILES[0]), str(ARABIC_FONT_FILES[1])


@cache
def _matplotlib_shapes() -> bool:
    from matplotlib import ft2font

    return bool(getattr(ft2font, "__libraqm_version__", ""))


def for_matplotlib(text: str, rtl: bool = True) -> str:
    """One line for matplotlib: as written, in a right-to-left paragraph if `rtl` (libraqm shapes
    and orders it); shaped here for a matplotlib without libraqm. Without Arabic: as it is."""
    if not has_arabic(text):
        return text
    if not _matplotlib_shapes():
        return visual(text, rtl)
    return RIGHT_TO_LEFT_MARK + text if rtl else text


@cache
def matplotlib_families(latin: tuple[str, ...]) -> list[str]:
    """The font families for matplotlib's text: the Latin ones, with Noto Sans Arabic added
    after the first so Arabic letters fall back to it (when it is installed)."""
    files = arabic_font_files()
    if files is None:
        return list(latin)
    from matplotlib import font_manager

    known = {font.fname for font in font_manager.fontManager.ttflist}
    for path in files:
        if path not in known:
            font_manager.fontManager.addfont(path)
    return [latin[0], ARABIC_FAMILY, *latin[1:]]
