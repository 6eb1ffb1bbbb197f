"""One palette for every chart, map and slide.

Categorical colours are the Okabe-Ito set, chosen to stay distinguishable under the common
colour-vision deficiencies; sequential scales run light to dark in one hue family so order
survives greyscale and projectors. "No data" is a neutral grey with a hatch on maps, so it
never reads as zero.
"""

from __future__ import annotations

from itertools import cycle, islice

# Okabe & Ito (2008), "Color Universal Design", in an order that keeps the first few far apart.
CATEGORICAL: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#000000",  # black
)

# Light-to-dark blues for amounts and counts (ColorBrewer-like steps, readable on white).
SEQUENTIAL: tuple[str, ...] = ("#EFF3FF", "#C6DBEF", "#9ECAE1", "#6BAED6", "#4292C6", "#2171B5",
                               "#08519C", "#08306B")

NO_DATA = "#D9D9D9"  # countries without data: grey (and hatched on maps), never the zero colour
ZERO = SEQUENTIAL[0]
HIGHLIGHT = "#D55E00"  # the selected country, a highlighted bar
BORDER_LINE = "#6B6B6B"
TEXT = "#1A1A1A"
MUTED_TEXT = "#595959"
ESTIMATE_PATTERN = "/"  # plotly pattern shape for estimated amounts

FONT_FAMILY = "Source Sans Pro, Segoe UI, Helvetica, Arial, sans-serif"


def categorical(n: int) -> list[str]:
    """n categorical colours (repeating after eight: pair them with labels or patterns)."""
    return list(islice(cycle(CATEGORICAL), n))


def colour_map(keys) -> dict[str, str]:
    """A stable key -> colour mapping in the order given (sort keys first for stability)."""
    return dict(zip(keys, cycle(CATEGORICAL), strict=False))


def _luminance(colour: str) -> float:
    """WCAG relative luminance of a "#RRGGBB" colour."""
    channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def text_colour_on(background: str) -> str:
    """TEXT or white, whichever has the higher contrast on a "#RRGGBB" fill."""
    fill = _luminance(background)
    dark_contrast = (fill + 0.05) / (_luminance(TEXT) + 0.05)
    white_contrast = 1.05 / (fill + 0.05)
    return TEXT if dark_contrast >= white_contrast else "white"


def sequential_scale() -> list[list[float | str]]:
    """The sequential palette as a plotly colorscale."""
    steps = len(SEQUENTIAL) - 1
    return [[i / steps, colour] for i, colour in enumerate(SEQUENTIAL)]


def plotly_layout_defaults() -> dict:
    """Layout settings shared by every plotly figure (fonts, colours, margins)."""
    return {
        "font": {"family": FONT_FAMILY, "color": TEXT, "size": 14},
        "colorway": list(CATEGORICAL),
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "margin": {"l": 10, "r": 10, "t": 50, "b": 10},
        "hoverlabel": {"font": {"family": FONT_FAMILY}},
    }
