"""Suggestions added to a problem's message: what the person probably meant.

A hint is only ever shown; the value itself is never changed (see data/README.md: dates in
other forms, lower-case or two-letter codes and misspelt list values are errors, not guesses).
"""

from __future__ import annotations

import calendar
import difflib
import re
from datetime import date, timedelta

import pycountry

from crossings.data.problems import CountryName, Month, Text, phrase
from crossings.languages import N_

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
_MONTHS["sept"] = 9

_NUMERIC_DATE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_YEAR_FIRST = re.compile(r"^(\d{4})[/.\-](\d{1,2})(?:[/.\-](\d{1,2}))?$")
_MONTH_YEAR = re.compile(r"^([A-Za-z]+)\.?,?\s+(\d{4})$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})$")
_MONTH_DAY_YEAR = re.compile(r"^([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
_DAY_MONTH = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?$")  # 25 May
_MONTH_DAY = re.compile(r"^([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?$")  # May 25
_INTERVAL = re.compile(r"^\S+\s*/\s*\S*$|^\S*\s*/\s*\S+$")  # 2015-08/2015-09-03
_QUALIFIED = re.compile(r"[?~%]")  # EDTF uncertainty and approximation
_NO_SUCH_DAY = re.compile(r"^(\d{4}|XXXX)-(\d{2})-(\d{2})$")  # well formed: the day cannot exist
_WITH_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?Z?$")
_EXCEL_EPOCH = date(1899, 12, 30)
_CURRENCY_SYMBOLS = {"€": "EUR", "£": "GBP", "¥": "JPY", "US$": "USD"}
# Hints are read in the language of whoever reads the problem (crossings.data.problems.Text).
_WRITE = N_("write {date}")
_NO_YEAR = N_("write {date} (the year not stated)")
_IS = N_("{name} is {code}")
_MEANT = N_("did you mean {choice}?")


def _iso(year: int, month: int, day: int | None = None) -> str | None:
    try:
        return date(year, month, day or 1).isoformat()[: 10 if day else 7]
    except ValueError:
        return None


def date_hint(text: str, no_year: bool = False) -> Text | None:
    """'write 2021-07-27' for '27/07/2021'; says so when day and month could be swapped.
    Where the column takes dates without a year, 'write XXXX-05-25' for '25 May'."""
    text = text.strip()
    if "/" in text and _INTERVAL.match(text) and not _NUMERIC_DATE.match(text):
        return Text(N_("write the start and the end in their own columns, each as precise as the source"))
    if _QUALIFIED.search(text):
        return Text(N_("write the date without ? ~ or %: say how it was worked out in the date status "
                       "and note, with its source"))
    if no_year and (match := _DAY_MONTH.match(text) or _MONTH_DAY.match(text)):
        day, name = match.groups() if match.re is _DAY_MONTH else match.groups()[::-1]
        month = _MONTHS.get(name.lower())
        if month and _iso(2000, month, int(day)):
            return phrase(_NO_YEAR, date=f"XXXX-{month:02d}-{int(day):02d}")
    if no_year and (month := _MONTHS.get(text.lower().rstrip("."))):
        return phrase(_NO_YEAR, date=f"XXXX-{month:02d}")
    if text.startswith("XXXX") and not no_year:
        return Text(N_("this column needs the year"))
    if match := _NO_SUCH_DAY.match(text):
        year, month, day = match.groups()
        if 1 <= int(month) <= 12:
            if year == "XXXX":
                return phrase(N_("there is no {day} {month}"), day=str(int(day)), month=Month(int(month)))
            return phrase(N_("there is no {day} {month} {year}"), day=str(int(day)), month=Month(int(month)),
                          year=year)
    if match := _WITH_TIME.match(text):
        return phrase(N_("write {date}, without a time"), date=match.group(1))
    if match := _NUMERIC_DATE.match(text):
        first, second, year = (int(g) for g in match.groups())
        day_first, month_first = _iso(year, second, first), _iso(year, first, second)
        if day_first and month_first and first != second:
            return phrase(N_("day and month could be either way round: write {day_first} ({first} "
                             "{first_month}) or {month_first} ({second} {second_month})"),
                          day_first=day_first, first=str(first), first_month=Month(second),
                          month_first=month_first, second=str(second), second_month=Month(first))
        if day_first or month_first:
            return phrase(_WRITE, date=day_first or month_first)
        return None
    if match := _YEAR_FIRST.match(text):
        year, month, day = match.groups()
        written = _iso(int(year), int(month), int(day) if day else None)
        return phrase(_WRITE, date=written) if written else None
    if match := _MONTH_YEAR.match(text):
        month = _MONTHS.get(match.group(1).lower())
        return phrase(_WRITE, date=_iso(int(match.group(2)), month)) if month else None
    for pattern, order in ((_DAY_MONTH_YEAR, (0, 1)), (_MONTH_DAY_YEAR, (1, 0))):
        if match := pattern.match(text):
            day, month_name = match.group(order[0] + 1), match.group(order[1] + 1)
            month = _MONTHS.get(month_name.lower())
            written = _iso(int(match.group(3)), month, int(day)) if month else None
            return phrase(_WRITE, date=written) if written else None
    if text.isdigit() and 20000 <= int(text) <= 80000:
        serial = (_EXCEL_EPOCH + timedelta(days=int(text))).isoformat()
        return phrase(N_("this looks like an Excel date number ({date}?): format the column as text "
                         "and write the date"), date=serial)
    return None


def country_hint(text: str) -> Text | None:
    """'Jordan is JOR' for 'jor', 'JO' or 'Jordan'."""
    try:
        country = pycountry.countries.lookup(text.strip())
    except LookupError:
        return None
    return phrase(_IS, name=CountryName(country.alpha_3, country.name), code=country.alpha_3)


def currency_hint(text: str) -> Text | None:
    text = text.strip()
    if text in _CURRENCY_SYMBOLS:
        return phrase(N_("write {code}"), code=_CURRENCY_SYMBOLS[text])
    try:
        currency = pycountry.currencies.lookup(text)
    except LookupError:
        return None
    return phrase(_IS, name=currency.name, code=currency.alpha_3)


# words people write for a listed value, where that list has the value: an event 'planned' is
# announced; a status 'unknown' is not_known where the list says it so (and the other way round)
_SYNONYMS = {"planned": "announced", "scheduled": "announced", "upcoming": "announced",
             "unknown": "not_known", "not_known": "unknown", "opening": "opening_handover",
             "handover": "opening_handover", "press release": "press_release"}


def choice_hint(text: str, allowed: tuple[str, ...]) -> Text | None:
    """'did you mean workshop?' for 'Workshop' or 'worksop'; 'did you mean announced?' for an
    event 'planned'."""
    lowered = {value.lower(): value for value in allowed}
    if text.strip().lower() in lowered:
        return phrase(_MEANT, choice=lowered[text.strip().lower()])
    if _SYNONYMS.get(text.strip().lower()) in lowered:
        return phrase(_MEANT, choice=_SYNONYMS[text.strip().lower()])
    match = difflib.get_close_matches(text.strip().lower(), list(lowered), n=1, cutoff=0.75)
    return phrase(_MEANT, choice=lowered[match[0]]) if match else None


def column_hint(name: str, present: set[str]) -> str | None:
    """The column in the file that looks like a renamed `name`."""
    by_lower = {column.lower(): column for column in present}
    if name.lower() in by_lower:
        return by_lower[name.lower()]
    match = difflib.get_close_matches(name.lower(), sorted(by_lower), n=1, cutoff=0.6)
    return by_lower[match[0]] if match else None
