"""One palette for every chart, map and slide.

Categorical colours are the Okabe-Ito set, chosen to stay distinguishable under the common
colour-vision deficiencies; sequential scales run light to dark in one hue family so order
survives greyscale and projectors. "No data" is a neutral grey with a hatch on maps, so it
never reads as zero.
"""

from __future__ import annotations

from itertools import cycle, islice

from crossings.languages.numbers import plotly_separators

# Okabe & Ito (2008), "Color Universal Design". The order is chosen so that the first colours,
# the ones most charts use, stay furthest apart under normal vision and simulated deuteranomaly,
# protanomaly and tritanomaly (tests/test_palette.py checks it by simulation). Yellow, the
# faintest on white and on a washed-out projector, comes last.
CATEGORICAL: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#000000",  # black: late, as text, outlines and map clusters are black too
    "#F0E442",  # yellow
)
SAFE_CATEGORIES = 6  # beyond this many, pair colours with labels or patterns

# Light-to-dark blues for amounts and counts (ColorBrewer-like steps, readable on white).
SEQUENTIAL: tuple[str, ...] = ("#EFF3FF", "#C6DBEF", "#9ECAE1", "#6BAED6", "#4292C6", "#2171B5",
                               "#08519C", "#08306B")

NO_DATA = "#BDBDBD"  # grey (hatched on maps), told apart from every SEQUENTIAL step in every vision
VIA_GROUP = "#E69F00"  # orange stripes: a country reached only through a group a source names
ZERO = SEQUENTIAL[0]
LAND = "#EEEEEE"  # countries with nothing to show on a map (the sea stays white)
HIGHLIGHT = "#D55E00"  # the selected country, a highlighted bar
BORDER_LINE = "#6B6B6B"
MARITIME_LINE = "#000000"  # dashed outline of a neighbour across the sea, on NO_DATA or LAND
TEXT = "#1A1A1A"
MUTED_TEXT = "#595959"
ESTIMATE_PATTERN = "/"  # plotly pattern shape for estimated amounts

FONT_FAMILY = "Source Sans Pro, Segoe UI, Helvetica, Arial, sans-serif"


def categorical(n: int) -> list[str]:
    """n categorical colours (repeating after eight; past SAFE_CATEGORIES pair them with labels
    or patterns)."""
    return list(islice(cycle(CATEGORICAL), n))


def colour_map(keys) -> dict[str, str]:
    """A stable key -> colour mapping in the order given (sort keys first for stability)."""
    return dict(zip(keys, cycle(CATEGORICAL), strict=False))


def sequential_scale() -> list[list[float | str]]:
    """The sequential palette as a plotly colorscale."""
    steps = len(SEQUENTIAL) - 1
    return [[i / steps, colour] for i, colour in enumerate(SEQUENTIAL)]


def plotly_layout_defaults() -> dict:
    """Layout settings shared by every plotly figure (fonts, colours, margins, separators)."""
    return {
        "font": {"family": FONT_FAMILY, "color": TEXT, "size": 14},
        "colorway": list(CATEGORICAL),
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "margin": {"l": 10, "r": 10, "t": 50, "b": 10},
        "hoverlabel": {"font": {"family": FONT_FAMILY}},
        "separators": plotly_separators(),  # axis numbers as the active language writes them
    }


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a '#RRGGBB' colour (0 black .. 1 white)."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(foreground: str, background: str = "#FFFFFF") -> float:
    """WCAG 2 contrast ratio, 1 (none) to 21 (black on white); text needs 4.5."""
    lighter, darker = sorted((relative_luminance(foreground), relative_luminance(background)),
                             reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_colour_on(background: str) -> str:
    """TEXT or white, whichever reads better on `background` (labels inside bars and map areas)."""
    return TEXT if contrast_ratio(TEXT, background) >= contrast_ratio("#FFFFFF", background) else "#FFFFFF"
