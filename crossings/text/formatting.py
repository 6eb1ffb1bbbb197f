"""How dates, money and counts read everywhere in Crossings: one place for each."""

from __future__ import annotations

import math
from functools import lru_cache

import pandas as pd

UNKNOWN_DATE = "date unknown"


def _is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA or (
        isinstance(value, str) and not value)


def format_date(text, precision) -> str:
    """A partial ISO date as people write it: '27 July 2021', 'July 2021', '2021'."""
    if _is_missing(text) or precision == "unknown":
        return UNKNOWN_DATE
    return _date_text(str(text), precision)


@lru_cache(maxsize=65536)
def _date_text(text: str, precision) -> str:
    """Kept: parsing a date costs about 50 µs, and tables and hover labels of 100,000 records
    repeat a few thousand dates."""
    stamp = pd.Timestamp(text)
    if precision == "day":
        return f"{stamp.day} {stamp:%B %Y}"
    if precision == "month":
        return f"{stamp:%B %Y}"
    return f"{stamp:%Y}"


def format_period(start, end, precision, end_precision=None) -> str:
    """A span with its precision: '27–29 July 2021', 'February 2020 – October 2021', '2020'."""
    end_precision = end_precision or precision
    if _is_missing(start) and _is_missing(end):
        return UNKNOWN_DATE
    if _is_missing(end):
        return f"from {format_date(start, precision)}"
    if end == start:
        return format_date(start, precision)
    if _is_missing(start):
        return f"until {format_date(end, end_precision)}"
    if precision == end_precision == "day":
        first, last = pd.Timestamp(start), pd.Timestamp(end)
        if (first.year, first.month) == (last.year, last.month):
            return f"{first.day}–{last.day} {last:%B %Y}"
        if first.year == last.year:
            return f"{first.day} {first:%B} – {last.day} {last:%B %Y}"
    return f"{format_date(start, precision)} – {format_date(end, end_precision)}"


def format_money(amount, currency: str, *, decimals: int | None = None) -> str:
    """'EUR 189,403.21'; whole amounts without decimals: 'EUR 2,500,000'."""
    if _is_missing(amount):
        return "amount unknown"
    if decimals is None:
        decimals = 0 if float(amount).is_integer() else 2
    return f"{currency} {amount:,.{decimals}f}"


def format_compact_money(amount, currency: str) -> str:
    """For headline figures: 'EUR 8.2 m', 'USD 1.4 m', 'EUR 189 k'."""
    if _is_missing(amount):
        return "amount unknown"
    if abs(amount) >= 1_000_000:
        return f"{currency} {amount / 1_000_000:,.1f} m"
    if abs(amount) >= 10_000:
        return f"{currency} {amount / 1_000:,.0f} k"
    return format_money(amount, currency)


def format_count(value) -> str:
    return "unknown" if _is_missing(value) else f"{int(value):,}"


def format_km(value) -> str:
    if _is_missing(value):
        return "not given"
    return f"{value:,.0f} km" if float(value).is_integer() else f"{value:,.1f} km"
