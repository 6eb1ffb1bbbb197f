"""How dates, money and counts read everywhere in Crossings: one place for each."""

from __future__ import annotations

import calendar
import math

import pandas as pd

from crossings.data.dates import PartialDate, parse_date

UNKNOWN_DATE = "date unknown"
NO_YEAR = "year not stated"


def _is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA or (
        isinstance(value, str) and not value)


def _month(number: int) -> str:
    return calendar.month_name[number]


def _words(date: PartialDate, with_year: bool = True) -> str:
    """'27 July 2021', 'July 2021', '2021'; '25 May', 'May' for a year-less date (the caller
    says the year is not stated, once for the whole period)."""
    parts = []
    if date.day is not None:
        parts.append(str(date.day))
    if date.month is not None:
        parts.append(_month(date.month))
    if with_year and date.year is not None:
        parts.append(str(date.year))
    return " ".join(parts)


def format_date(text, precision=None) -> str:
    """A date as people write it: '27 July 2021', 'July 2021', '2021', '25 May, year not
    stated'. The EDTF text says how precise it is; `precision` is accepted from callers that
    hold the precision column ('unknown' means unknown, whatever the text)."""
    parsed = None if _is_missing(text) or precision == "unknown" else parse_date(text)
    if parsed is None:
        return UNKNOWN_DATE
    return _words(parsed) if parsed.has_year else f"{_words(parsed)}, {NO_YEAR}"


def format_period(start, end, precision=None, end_precision=None) -> str:
    """A period with each end as precise as its source: '27–29 July 2021', 'August –
    3 September 2015', 'February 2020 – October 2021', '25–28 May, year not stated', 'from
    June 2016'. The precision arguments are accepted and ignored: the EDTF text carries it."""
    first = None if _is_missing(start) else parse_date(start)
    last = None if _is_missing(end) else parse_date(end)
    if first is None and last is None:
        return UNKNOWN_DATE
    if last is None:
        return f"from {format_date(start)}"
    if first is None:
        return f"until {format_date(end)}"
    if first == last:
        return format_date(start)
    suffix = "" if first.has_year else f", {NO_YEAR}"
    if first.year == last.year and first.precision != "year" and last.precision != "year":
        if first.month == last.month and first.day is not None and last.day is not None:
            return f"{first.day}–{_words(last)}{suffix}"  # 27–29 July 2021
        return f"{_words(first, with_year=False)} – {_words(last)}{suffix}"  # August – 3 September 2015
    return f"{_words(first)} – {_words(last)}{suffix}"


EVENT_STATUS_WORDS = {"held": "held", "announced": "announced", "postponed": "postponed",
                      "cancelled": "cancelled", "not_known": "status not known"}


def event_status_text(status) -> str:
    """An event's status in words: 'announced', 'status not known'."""
    return EVENT_STATUS_WORDS.get(status, str(status))


def event_status_note(status) -> str:
    """What a list adds after an event that does not simply count: '(announced; not
    counted)', '(status not known)'; '' for a held event."""
    if status == "held" or not isinstance(status, str):
        return ""
    if status == "not_known":
        return "(status not known)"
    return f"({event_status_text(status)}; not counted)"


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
