"""Dates written in a release, at the precision written: "25-29 September" stays without a year.

Two parts, each doing what it is good at:

- **Regular expressions locate** the date phrases in running text and split ranges and sets
  into their endpoints: "25-28 May", "from 12 to 19 October", "30 November-1 December 2021",
  "July 27-29, 2021", "February 2020 - October 2021", "du 25 au 27 juillet", "les 6, 8 et 10
  décembre 2018", "2016-2021". They also decide what is not a date: "May" or "March" in a
  sentence is a date only after a preposition ("in May") or beside a day or a year, and an
  ambiguous "07/08/2021" is not read at all. A year written once for a range ("25-28 May
  2021") is given to both ends, and a range whose first month comes after its last ("30
  December-2 January 2022") starts the year before: that is range logic, not parsing.
- **python-dateutil parses** each endpoint ("28 May 2021", "1er juillet", "Sept. 5", "2023-11")
  into a day, month and year. Its `parserinfo` is given the French month and weekday names.
  Each endpoint is parsed twice, against two different default dates: a part that comes out
  the same both times was written in the text, a part that differs was filled in, and is
  dropped. So "28 May" is day 28 of May in no year: never this year's. dateutil also
  rejects dates that do not exist ("31 June", "29 February 2021"). The month and weekday names
  the regular expressions look for are built from the same tables the parser is given, so the
  two cannot disagree on what a month is.

dateparser (1.5) was weighed and not taken. It would stay offline, but its `period` tells a
day from a month, not whether the year was written: "25 May" comes back in today's year, and
with REQUIRE_PARTS=["year"] it read "25 May" as May 2025. It would add four packages (regex,
pytz, tzlocal and itself), about 0.15 s of language data on the first date, and costs about
ten times as much per date as dateutil, which the project already pins.

This module only finds dates; which of them is the event's, the publication's or a distractor
("since 1951", "in Niger since 2016") is decided in timing.py.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from datetime import datetime

from dateutil.parser import ParserError, parser, parserinfo

_FRENCH_MONTHS = (("janvier",), ("février", "fevrier"), ("mars",), ("avril",), ("mai",), ("juin",),
                  ("juillet",), ("août", "aout"), ("septembre",), ("octobre",), ("novembre",),
                  ("décembre", "decembre"))
_FRENCH_WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


class _EnglishAndFrench(parserinfo):
    """dateutil's English names, and the French ones; "1er" is the French "1st"."""

    MONTHS = tuple((*english, *french) for english, french in zip(parserinfo.MONTHS, _FRENCH_MONTHS,
                                                                  strict=True))
    WEEKDAYS = tuple((*english, french) for english, french in zip(parserinfo.WEEKDAYS, _FRENCH_WEEKDAYS,
                                                                   strict=True))
    JUMP = (*parserinfo.JUMP, "er")


_PARSER = parser(_EnglishAndFrench())
# Two defaults that differ in every part, both in leap years so that a year-less "29 February" parses
_DEFAULTS = (datetime(4, 1, 1), datetime(8, 2, 2))


def _names(pattern_names: list[str], dotted: set[str]) -> str:
    names = sorted(set(pattern_names), key=lambda n: (-len(n), n))
    return "|".join(re.escape(n) + (r"\.?" if n in dotted else "") for n in names)


def _english(table: list[tuple[str, ...]], abbreviations: bool) -> str:
    full = [names[-1] for names in table]
    short = [n for names in table for n in names[:-1] if n != names[-1]] if abbreviations else []
    every = full + short
    return _names(every + [n.upper() for n in every], set(short) | {n.upper() for n in short})


# English month names are capitalised ("may" and "march" are also words); French ones are not
MONTH = (rf"(?:{_english(parserinfo.MONTHS, True)}|"
         rf"(?i:{_names([n for names in _FRENCH_MONTHS for n in names], set())}))(?![\w])")
DAY = r"(?<![\d:.,/])(?:[0-3]?\d)(?:st|nd|rd|th|er)?"
YEAR = r"(?:19[5-9]\d|20\d\d)"
TO = r"\s*(?:-|–|—|to|until|till|through|au|à)\s*"
WEEKDAY = rf"(?:(?:{_english(parserinfo.WEEKDAYS, False)}|(?i:{'|'.join(_FRENCH_WEEKDAYS)}))\s*,?\s*)"


@dataclass(frozen=True)
class PartialDate:
    year: int | None
    month: int | None
    day: int | None = None

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def edtf(self) -> str:
        year = f"{self.year:04d}" if self.year else "XXXX"
        if self.month is None:
            return year
        return f"{year}-{self.month:02d}" + (f"-{self.day:02d}" if self.day else "")

    def iso(self) -> str | None:
        """YYYY, YYYY-MM or YYYY-MM-DD; None without a year (the model keeps those in date_text)."""
        return self.edtf() if self.year else None


def parse_date(words: str, dayfirst: bool = False) -> PartialDate | None:
    """The date the words state, with only the parts they state; None when they state no
    existing date. "28 May" → PartialDate(None, 5, 28); "juillet 2018" → PartialDate(2018, 7).
    `dayfirst` reads "05/09/2017" as 5 September (never for "2017-09-05", which is ISO)."""
    try:
        first, second = (_PARSER.parse(words, default=default, dayfirst=dayfirst) for default in _DEFAULTS)
    except (ParserError, ValueError, OverflowError):
        return None
    year, month, day = (a if a == b else None for a, b in zip(
        (first.year, first.month, first.day), (second.year, second.month, second.day), strict=True))
    if day is not None and month is None:  # "21st" alone is not a date
        return None
    return PartialDate(year, month, day)


@dataclass(frozen=True)
class DateMention:
    start: PartialDate
    end: PartialDate | None  # None for a single date
    begin: int  # offsets of the words in the document
    stop: int
    form: str  # "range", "day", "days" (a set), "month", "month_range", "year", "year_range", "iso"
    days: tuple[PartialDate, ...] = ()  # for a set of separate days

    @property
    def has_year(self) -> bool:
        return self.start.year is not None and (self.end is None or self.end.year is not None)

    def edtf(self) -> str:
        if self.days:
            return "{" + ",".join(d.edtf() for d in self.days) + "}"
        if self.end is None or self.end == self.start:
            return self.start.edtf()
        return f"{self.start.edtf()}/{self.end.edtf()}"


_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("iso", re.compile(r"(?<![\d/.-])(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d-])")),
    ("iso_month", re.compile(r"(?<![\d/.-])(?P<y>\d{4})-(?P<m>0[1-9]|1[0-2])(?![\d-])")),
    ("numeric", re.compile(r"(?<![\d/.])(?P<d>[0-3]?\d)/(?P<m>[01]?\d)/(?P<y>\d{4})(?![\d/])")),
    # 30 November-1 December (2021); 28 June - 2 July
    ("cross_month", re.compile(rf"(?P<d1>{DAY})\s+(?P<m1>{MONTH})(?:\s+(?P<y1>{YEAR}))?{TO}(?P<d2>{DAY})\s+"
                               rf"(?P<m2>{MONTH})(?:,?\s+(?P<y>{YEAR}))?")),
    # between 27 and 29 July 2021; entre le 3 et le 5 mai
    ("range", re.compile(rf"(?:between|entre)\s+(?:the\s+|le\s+)?(?P<d1>{DAY})\s+(?:and|et)\s+"
                         rf"(?:the\s+|le\s+)?(?P<d2>{DAY})\s+(?P<m>{MONTH})(?:,?\s+(?P<y>{YEAR}))?")),
    # les 6, 8 et 10 décembre 2018; on 6, 8 and 10 December
    ("days", re.compile(rf"(?P<list>{DAY}(?:\s*,\s*{DAY})*\s*(?:,\s*)?(?:and|et)\s+{DAY})\s+(?P<m>{MONTH})"
                        rf"(?:,?\s+(?P<y>{YEAR}))?")),
    # 25-29 September (2017); from 12 to 19 October; du 25 au 27 juillet 2023
    ("range", re.compile(rf"(?P<d1>{DAY}){TO}(?P<d2>{DAY})\s+(?P<m>{MONTH})(?:,?\s+(?P<y>{YEAR}))?")),
    # July 27-29, 2021; October 12–19
    ("range", re.compile(rf"(?P<m>{MONTH})\s+(?P<d1>{DAY}){TO}(?P<d2>{DAY})(?:,\s*(?P<y>{YEAR}))?(?!\d)")),
    # February 2020 - October 2021; Oct 2023 – Jan 2024; from January to March 2016
    ("month_range", re.compile(rf"(?P<m1>{MONTH})(?:\s+(?P<y1>{YEAR}))?{TO}(?P<m2>{MONTH})\s+(?P<y>{YEAR})")),
    # Monday 23 April; 26 October 2015; 1er juillet
    ("day", re.compile(rf"{WEEKDAY}?(?P<d>{DAY})\s+(?P<m>{MONTH})(?:,?\s+(?P<y>{YEAR}))?")),
    # October 21, 2016; July 18, 2019; May 5
    ("day", re.compile(rf"{WEEKDAY}?(?P<m>{MONTH})\s+(?P<d>{DAY})(?:,\s*(?P<y>{YEAR}))?(?![\d:])")),
    # June 2018; juillet 2018
    ("month", re.compile(rf"(?P<m>{MONTH})\s+(?P<y>{YEAR})")),
    # in September (no year): only after a preposition, so "May" the verb is not read
    ("month", re.compile(rf"\b(?:in|during|since|en|In|En|of|until)\s+(?P<when>(?:(?:early|mid|late|"
                         rf"début|fin|mi)[- ])?(?P<m>{MONTH}))(?![\w-])")),
    # 2016-2021; 2020/2024
    ("year_range", re.compile(rf"(?<![\w/.-])(?P<y1>{YEAR})\s*(?:-|–|/|to)\s*(?P<y>{YEAR})(?![\w/-])")),
    ("year", re.compile(rf"(?<![\w/.-])(?P<y>{YEAR})(?![\w/-]|\s*(?:km|kilomet|million|officials|people))")),
]


def _date(*words: str | None) -> PartialDate | None:
    """An endpoint from its words (day, month, year: those the text gives), parsed by dateutil."""
    return parse_date(" ".join(w for w in words if w))


def _with_year(date: PartialDate | None, year: int | None) -> PartialDate | None:
    return date if date is None or year is None else replace(date, year=year)


def _build(form: str, m: re.Match, begin: int, stop: int) -> DateMention | None:
    g = m.groupdict()
    year = g.get("y")
    if form == "numeric":
        if int(g["d"]) <= 12 and int(g["m"]) <= 12 and int(g["d"]) != int(g["m"]):
            return None  # 07/08/2021: day-month or month-day? Not guessed
        date = parse_date(m.group(), dayfirst=True)
        return DateMention(date, None, begin, stop, "iso") if date else None
    if form == "cross_month":  # the year written once, at the end, closes the range
        start, end = _date(g["d1"], g["m1"], g.get("y1")), _date(g["d2"], g["m2"], year)
        if start and end and not g.get("y1") and end.year:
            start = _with_year(start, end.year - 1 if start.month > end.month else end.year)
        return DateMention(start, end, begin, stop, "range") if start and end else None
    if form == "days":
        days = tuple(_date(d, g["m"], year) for d in re.findall(DAY, g["list"]))
        if None in days:
            return None
        if all(b.day == a.day + 1 for a, b in itertools.pairwise(days)):  # "21st and 22nd February": one run
            return DateMention(days[0], days[-1], begin, stop, "range")
        return DateMention(days[0], days[-1], begin, stop, "days", days)
    if form == "range":
        start, end = _date(g["d1"], g["m"], year), _date(g["d2"], g["m"], year)
        if start is None or end is None or end.day <= start.day:
            return None
        return DateMention(start, end, begin, stop, "range")
    if form == "month_range":
        start, end = _date(g["m1"], g.get("y1")), _date(g["m2"], year)
        if start and end and not g.get("y1"):
            start = _with_year(start, end.year - 1 if start.month > end.month else end.year)
        return DateMention(start, end, begin, stop, "month_range") if start and end else None
    if form == "year_range":
        start, end = _date(g["y1"]), _date(year)
        if start is None or end is None or start.year >= end.year:
            return None
        return DateMention(start, end, begin, stop, "year_range")
    # day, month, year; iso_month ("2023-11") is read only as a publication date (timing.py)
    date = parse_date(m.group()) if form in ("iso", "iso_month") else _date(g.get("d"), g.get("m"), year)
    return DateMention(date, None, begin, stop, form) if date else None


def find_dates(text: str) -> list[DateMention]:
    """Every date written in the text, in order; where two readings overlap, the longer one
    (the pattern listed first) wins, so "30 November-1 December" is one range, not two days."""
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for form, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            begin, stop = match.span("when") if "when" in pattern.groupindex else match.span()
            if any(begin < t_stop and t_begin < stop for t_begin, t_stop in taken):
                continue
            mention = _build(form, match, begin, stop)
            if mention is None:
                continue
            taken.append((begin, stop))
            found.append(mention)
    return sorted(found, key=lambda d: d.begin)
