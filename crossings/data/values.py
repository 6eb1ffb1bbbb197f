"""What a cell may hold, in one place: the ISO country and currency codes, dates at their
precision (day, month or year) and the first and last day a date covers, plain numbers.
"""

from __future__ import annotations

import calendar
import re
from datetime import datetime
from functools import cache

import pandas as pd
import pycountry

_DATE_FORMS = {
    "day": (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "%Y-%m-%d"),
    "month": (re.compile(r"^\d{4}-\d{2}$"), "%Y-%m"),
    "year": (re.compile(r"^\d{4}$"), "%Y"),
}
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_THOUSANDS = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")  # 189,403.21
_DECIMAL_COMMA = re.compile(r"^-?\d+,\d+$")  # 31,9539 (only in files with semicolons or tabs)
YEARS = (1800, 2200)  # a year outside these is a typo, not a date in this data
_URL = r"^https?://[^\s<>\"']+$"


@cache
def iso3_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-3 codes, plus XKX (Kosovo), which the EU and IMF use."""
    return frozenset(c.alpha_3 for c in pycountry.countries) | {"XKX"}


@cache
def currency_codes() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.currencies)


def date_precision_of(text: str) -> str | None:
    """The precision a partial ISO date is written in, or None if it is not one (or names a day
    that does not exist, or a year outside YEARS)."""
    for precision, (pattern, fmt) in _DATE_FORMS.items():
        if pattern.match(text):
            try:
                year = datetime.strptime(text, fmt).year
            except ValueError:
                return None
            return precision if YEARS[0] <= year <= YEARS[1] else None
    return None


def period_bounds(text: str | None, precision: str | None) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day of the period a partial date stands for (NaT, NaT if unknown)."""
    if not isinstance(text, str) or not text:
        return pd.NaT, pd.NaT
    precision = precision if precision in _DATE_FORMS else date_precision_of(text)
    if precision is None:
        return pd.NaT, pd.NaT
    first = datetime.strptime(text, _DATE_FORMS[precision][1])
    if precision == "day":
        last = first
    elif precision == "month":
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    else:
        last = first.replace(month=12, day=31)
    return pd.Timestamp(first), pd.Timestamp(last)
