"""Dates exactly as precise as their source, written in the Library of Congress Extended
Date/Time Format (EDTF, the date part of ISO 8601-2), and the period each one stands for.

Press releases say "29-30 July" without a year, "August 2015", "started this week". The data
keeps each end of a period on its own and as the source gives it, in a small part of EDTF:

    2021-07-27    a day             2021-07    a month            2021    a year
    XXXX-05-25    a day and month, the year not stated
    XXXX-05       a month, the year not stated
    (blank)       not known

These five forms are EDTF level 0 (the first three) and level 2's unspecified year, so any
EDTF reader understands the files. Nothing else EDTF can say is accepted here, on purpose:
an interval is two columns (start, end), uncertainty ("2018?") is said in the record's
date status and note, where it has a source. The reference implementation (the `edtf`
package) is not used to read the files: it takes 5 ms per value, accepts days that do not
exist (2021-02-29) and puts today's date into open intervals; tests/test_dates.py checks
that everything accepted here is valid EDTF with the same bounds according to it.

A year-less date has no place in time: its bounds are NaT, so no year filter, axis or period
ever places it; lists show it as people write it ("25-28 May, year not stated").
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

YEARS = (1800, 2200)  # a year outside these is a typo, not a date in this data
NO_YEAR = "XXXX"  # EDTF's unspecified year
_FORM = re.compile(r"^(?P<year>\d{4}|XXXX)(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$")
_LEAP_YEAR = 2000  # a year-less 29 February exists in some year


@dataclass(frozen=True)
class PartialDate:
    """One end of a period as a source gives it: a year, a month, a day, any of which may be
    missing from the right, and the year may be missing on its own (EDTF XXXX-MM-DD)."""

    year: int | None
    month: int | None
    day: int | None

    @property
    def precision(self) -> str:
        """The finest part given: 'day', 'month' or 'year' (25 May of an unstated year is 'day')."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    @property
    def has_year(self) -> bool:
        return self.year is not None

    @property
    def text(self) -> str:
        """The EDTF form it is written in."""
        parts = [NO_YEAR if self.year is None else f"{self.year:04d}"]
        parts += [f"{part:02d}" for part in (self.month, self.day) if part is not None]
        return "-".join(parts)

    def bounds(self) -> tuple[pd.Timestamp, pd.Timestamp]:
        """First and last day of the period it stands for; NaT for both without a year."""
        if self.year is None:
            return pd.NaT, pd.NaT
        if self.precision == "year":
            return pd.Timestamp(self.year, 1, 1), pd.Timestamp(self.year, 12, 31)
        if self.precision == "month":
            last = calendar.monthrange(self.year, self.month)[1]
            return pd.Timestamp(self.year, self.month, 1), pd.Timestamp(self.year, self.month, last)
        day = pd.Timestamp(self.year, self.month, self.day)
        return day, day


@lru_cache(maxsize=65536)
def parse_date(text) -> PartialDate | None:
    """The partial date `text` is written as, or None when it is not one of the five forms,
    names a month or day that does not exist (2021-02-29; a year-less 30 February), or a year
    outside YEARS. Blank is not a date either: callers treat it as 'not known'."""
    if not isinstance(text, str):
        return None
    match = _FORM.match(text)
    if match is None:
        return None
    year = None if match["year"] == NO_YEAR else int(match["year"])
    month = int(match["month"]) if match["month"] else None
    day = int(match["day"]) if match["day"] else None
    if year is None and month is None:
        return None  # XXXX alone says nothing: leave the cell blank
    if year is not None and not YEARS[0] <= year <= YEARS[1]:
        return None
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None and not 1 <= day <= calendar.monthrange(year or _LEAP_YEAR, month)[1]:
        return None
    return PartialDate(year, month, day)


def date_precision_of(text) -> str | None:
    """The precision a date is written to ('day', 'month', 'year'), or None if it is not a date."""
    parsed = parse_date(text)
    return parsed.precision if parsed else None


def period_bounds(text, precision=None) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day of the period a date stands for (NaT, NaT if unknown, not a date or
    without a year). `precision` is accepted for callers that hold one: the text says it."""
    if precision == "unknown":
        return pd.NaT, pd.NaT
    parsed = parse_date(text)
    return parsed.bounds() if parsed else (pd.NaT, pd.NaT)
