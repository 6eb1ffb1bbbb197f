"""Axes that read in the active language: plotly writes an axis's numbers itself, the SI way
('50M', '1.5G'), which is neither French ('50 M') nor Arabic ('50 مليون'). For a money axis
the ticks are written here instead, with the project's number formatter
(crossings.text.formatting), at round values across the axis's range; English keeps plotly's
own ticks, which read naturally there (as crossings.figures.plotly_spec.localised_dates does
for dates).
"""

from __future__ import annotations

import math

from crossings.languages import DEFAULT_LANGUAGE, PSEUDO, active_language
from crossings.text.formatting import format_amount_in

TICKS = 5  # about this many ticks on a money axis: five of '450 مليون' fit a phone's chart
_NICE = (1, 2, 5)


def nice_step(span: float, ticks: int = TICKS) -> float:
    """A round step (1, 2 or 5 times a power of ten) giving at most about `ticks` ticks over
    `span`."""
    rough = span / max(ticks, 1)
    power = 10 ** math.floor(math.log10(rough))
    return next((n * power for n in _NICE if n * power >= rough * (1 - 1e-9)), 10 * power)


def _decimals(step: float) -> int:
    """Decimals a tick needs so that every step shows: 0 for 50, 1 for 0.5, 2 for 0.25."""
    decimals = 0
    while abs(step * 10 ** decimals - round(step * 10 ** decimals)) > 1e-6 and decimals < 6:
        decimals += 1
    return decimals


def money_ticks(top: float, ticks: int = TICKS) -> tuple[list[float], list[str]]:
    """Tick values from 0 up to `top` and their text in the active language: millions when the
    axis reaches a million ('50 m', '50 M', '50 مليون'), thousands from ten thousand."""
    step = nice_step(top, ticks)
    values = [step * i for i in range(int(top / step * (1 + 1e-9)) + 1)]
    unit, scale = ("m", 1e6) if top >= 1e6 else ("k", 1e3) if top >= 1e4 else ("", 1)
    decimals = _decimals(step / scale)
    return values, [format_amount_in(value, unit, decimals) for value in values]


def money_axis(axis: dict, top: float) -> dict:
    """`axis` with its ticks written in the active language, for an axis from 0 to about `top`
    (a currency's amounts); unchanged in English, or when there is nothing to draw."""
    if active_language() in (DEFAULT_LANGUAGE, PSEUDO) or not top or not math.isfinite(top) or top < 0:
        return axis
    values, text = money_ticks(top)
    return {**axis, "tickmode": "array", "tickvals": values, "ticktext": text}
