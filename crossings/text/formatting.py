"""How dates, money and counts read everywhere in Crossings, in the active language: one
place for each. Word order and words come from the catalogue ("{currency} {amount}" is
"{amount} {currency}" in French); digits, separators and month names from CLDR (Babel)."""

from __future__ import annotations

import math

import pandas as pd

from crossings.data.dates import PartialDate, parse_date
from crossings.languages import N_, _
from crossings.languages.numbers import month_name, number

UNKNOWN_DATE = N_("date unknown")  # compare with _(UNKNOWN_DATE): it is written in the active language
NO_YEAR = N_("year not stated")


def _is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA or (
        isinstance(value, str) and not value)


def _words(date: PartialDate, with_year: bool = True) -> str:
    """'27 July 2021', 'July 2021', '2021'; '25 May', 'May' for a year-less date (the caller
    says the year is not stated, once for the whole period)."""
    parts = []
    if date.day is not None:
        parts.append(str(date.day))
    if date.month is not None:
        parts.append(month_name(date.month))
    if with_year and date.year is not None:
        parts.append(str(date.year))
    return " ".join(parts)


def format_date(text, precision=None) -> str:
    """A date as people write it: '27 July 2021', 'July 2021', '2021', '25 May, year not
    stated'. The EDTF text says how precise it is; `precision` is accepted from callers that
    hold the precision column ('unknown' means unknown, whatever the text)."""
    parsed = None if _is_missing(text) or precision == "unknown" else parse_date(text)
    if parsed is None:
        return _(UNKNOWN_DATE)
    return _words(parsed) if parsed.has_year else _("{date}, year not stated").format(date=_words(parsed))


def format_period(start, end, precision=None, end_precision=None) -> str:
    """A period with each end as precise as its source: '27–29 July 2021', 'August –
    3 September 2015', 'February 2020 – October 2021', '25–28 May, year not stated', 'from
    June 2016'. The precision arguments are accepted and ignored: the EDTF text carries it."""
    first = None if _is_missing(start) else parse_date(start)
    last = None if _is_missing(end) else parse_date(end)
    if first is None and last is None:
        return _(UNKNOWN_DATE)
    if last is None:
        return _("from {date}").format(date=format_date(start))
    if first is None:
        return _("until {date}").format(date=format_date(end))
    if first == last:
        return format_date(start)
    if first.year == last.year and first.precision != "year" and last.precision != "year":
        if first.month == last.month and first.day is not None and last.day is not None:
            period = f"{first.day}–{_words(last)}"  # 27–29 July 2021
        else:
            period = f"{_words(first, with_year=False)} – {_words(last)}"  # August – 3 September 2015
    else:
        period = f"{_words(first)} – {_words(last)}"
    return period if first.has_year else _("{date}, year not stated").format(date=period)


EVENT_STATUS_WORDS = {"held": N_("held"), "announced": N_("announced"), "postponed": N_("postponed"),
                      "cancelled": N_("cancelled"), "not_known": N_("status not known")}


def event_status_text(status) -> str:
    """An event's status in words: 'announced', 'status not known'."""
    return _(EVENT_STATUS_WORDS[status]) if status in EVENT_STATUS_WORDS else str(status)


def event_status_note(status) -> str:
    """What a list adds after an event that does not simply count: '(announced; not
    counted)', '(status not known)'; '' for a held event."""
    if status == "held" or not isinstance(status, str):
        return ""
    if status == "not_known":
        return _("(status not known)")
    return _("({status}; not counted)").format(status=event_status_text(status))


def format_money(amount, currency: str, *, decimals: int | None = None) -> str:
    """'EUR 189,403.21'; whole amounts without decimals: 'EUR 2,500,000'."""
    if _is_missing(amount):
        return _("amount unknown")
    if decimals is None:
        decimals = 0 if float(amount).is_integer() else 2
    return _("{currency} {amount}").format(currency=currency, amount=number(amount, decimals))


def format_compact_money(amount, currency: str) -> str:
    """For headline figures: 'EUR 8.2 m', 'USD 1.4 m', 'EUR 189 k' ('8,2 M EUR' in French)."""
    if _is_missing(amount):
        return _("amount unknown")
    if abs(amount) >= 1_000_000:
        return _("{currency} {amount} m").format(currency=currency, amount=number(amount / 1_000_000, 1))
    if abs(amount) >= 10_000:
        return _("{currency} {amount} k").format(currency=currency, amount=number(amount / 1_000))
    return format_money(amount, currency)


class OncePerValue(dict):
    """`words(value)`: a formatting function's text for a value, worked out once per value. For
    a chart's thousands of hover texts, which repeat the same few counts and months (each call
    asks the language and the locale anew)."""

    def __init__(self, function) -> None:
        super().__init__()
        self.function = function

    def __call__(self, value) -> str:
        if value not in self:
            self[value] = self.function(value)
        return self[value]


def format_compact_amount(amount, decimals: int = 1) -> str:
    """An amount without its currency, where something near says which (an axis title, a
    column of totals): '8.2 m', '189 k', '950' ('8,2 M' in French, '8.2 مليون' in Arabic).
    `decimals` for millions; thousands are whole."""
    if _is_missing(amount):
        return _("unknown")
    if abs(amount) >= 1_000_000:
        return format_amount_in(amount, "m", decimals)
    if abs(amount) >= 10_000:
        return format_amount_in(amount, "k")
    return number(amount, 0 if float(amount).is_integer() else 2)


def format_amount_in(amount, unit: str, decimals: int = 0) -> str:
    """An amount in millions ('m'), thousands ('k') or units (''), as the language writes it:
    '50 m', '50 M' (French), '50 مليون' (Arabic); '2.5 k'. Zero is '0' in any unit."""
    if unit == "m" and amount:
        return _("{amount} m").format(amount=number(amount / 1_000_000, decimals))
    if unit == "k" and amount:
        return _("{amount} k").format(amount=number(amount / 1_000, decimals))
    return number(amount, decimals if amount else 0)


def format_count(value) -> str:
    return _("unknown") if _is_missing(value) else number(int(value))


def format_km(value) -> str:
    if _is_missing(value):
        return _("not given")
    decimals = 0 if float(value).is_integer() else 1
    return _("{number} km").format(number=number(value, decimals))
