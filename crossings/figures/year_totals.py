"""The totals written over a chart's bars, one a year, where there is room for them.

A plotly chart is drawn at whatever width the page gives it, unknown when the figure is made:
the narrowest it is drawn at (a phone) decides whether each year's total ('27.1 m') can be
written level over its bar clear of its neighbours. The bundled data's 24 years of totals ran
into one another in every language even at 1280 px. Without the room, each piece of a year's
bar names the year's total in its hover label instead.
"""

from __future__ import annotations

import pandas as pd

from crossings.languages import _
from crossings.text.formatting import format_money
from crossings.text.widths import text_width_px

# The plot's width on a 390 px phone (278 px measured in Chromium: the chart's 350 px less the
# money axis), where a year's total has the least room. No gap is added between two totals:
# crossings.text.widths errs wide by a tenth or more ('988 k': 39 px estimated, 34 px drawn).
PHONE_PLOT_PX = 278


def totals_fit(years: list[int], totals: list[str], text_px: float, plot_px: float = PHONE_PLOT_PX) -> bool:
    """Whether each year's total, written level over its bar at `text_px`, keeps clear of its
    neighbours' on a plot `plot_px` wide: each year has the plot's width over the years spanned,
    a label half its width on either side of the middle of its year."""
    if not years:
        return True
    per_year = plot_px / (max(years) - min(years) + 1)
    widths = [text_width_px(text, text_px) for text in totals]
    return all((widths[i] + widths[i + 1]) / 2 <= (years[i + 1] - years[i]) * per_year
               for i in range(len(years) - 1))


def headed_by_year_total(periods, hovers, per_year: pd.Series, currency: str) -> list[str]:
    """Hover labels that begin with their year in bold ('<b>2018</b>...', one per bar piece, its
    year in `periods`), each headed by the year's total instead ('2018: EUR 27,068,540.15 in
    all'); `per_year`: each year's total."""
    heads = {year: "<b>" + _("{period}: {amount} in all").format(
        period=str(int(year)), amount=format_money(total, currency, decimals=2)) + "</b>"
        for year, total in per_year.items()}
    return [heads[year] + hover[hover.index("</b>") + len("</b>"):]
            for year, hover in zip(periods, hovers, strict=True)]
