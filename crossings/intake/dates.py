"""Dates written in a release, at the precision written: "25-29 September" stays without a year.

Our own regular expressions rather than dateparser: a release's dates must be *found* in
running text and kept at their precision, and that is where dateparser is weakest. Its
search_dates reads "May" and "March" in any sentence as dates, fills a missing year or day
from today's date (so "25-28 May" would silently become this year's), and has no notion of a
range ("from 12 to 19 October", "30 November-1 December", "du 25 au 27 juillet") or a set of
days ("les 6, 8 et 10 décembre"). The forms releases use are few; each is a pattern here,
English and French, and each date keeps the words it was read from.

This module only finds dates; which of them is the event's, the publication's or a distractor
("since 1951", "in Niger since 2016") is decided in timing.py.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
}
_EN_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December"
              "|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept\\.?|Sep\\.?|Oct\\.?|Nov\\.?|Dec\\.?")
_FR_MONTHS = ("janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|"
              "décembre|decembre")
# English month names are capitalised ("may" and "march" are also words); French ones are not
MONTH = rf"(?:{_EN_MONTHS}|{_EN_MONTHS.upper()}|(?i:{_FR_MONTHS}))(?![\w])"
DAY = r"(?<![\d:.,/])(?:[0-3]?\d)(?:st|nd|rd|th|er)?"
YEAR = r"(?:19[5-9]\d|20\d\d)"
TO = r"\s*(?:-|–|—|to|until|till|through|au|à)\s*"
WEEKDAY = (r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|(?i:lundi|mardi|mercredi|jeudi"
           r"|vendredi|samedi|dimanche))\s*,?\s*)")


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

    def valid(self) -> bool:
        if self.month is not None and not 1 <= self.month <= 12:
            return False
        if self.day is not None:
            days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][(self.month or 1) - 1]
            return 1 <= self.day <= days
        return True


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


def _month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _day(word: str) -> int:
    return int(re.match(r"\d+", word).group())


def _year(word: str | None) -> int | None:
    return int(word) if word else None


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
    ("us_range", re.compile(rf"(?P<m>{MONTH})\s+(?P<d1>{DAY}){TO}(?P<d2>{DAY})(?:,\s*(?P<y>{YEAR}))?(?!\d)")),
    # February 2020 - October 2021; Oct 2023 – Jan 2024; from January to March 2016
    ("month_range", re.compile(rf"(?P<m1>{MONTH})(?:\s+(?P<y1>{YEAR}))?{TO}(?P<m2>{MONTH})\s+(?P<y>{YEAR})")),
    # Monday 23 April; 26 October 2015; 1er juillet
    ("day", re.compile(rf"{WEEKDAY}?(?P<d>{DAY})\s+(?P<m>{MONTH})(?:,?\s+(?P<y>{YEAR}))?")),
    # October 21, 2016; July 18, 2019; May 5
    ("us_day", re.compile(rf"{WEEKDAY}?(?P<m>{MONTH})\s+(?P<d>{DAY})(?:,\s*(?P<y>{YEAR}))?(?![\d:])")),
    # June 2018; juillet 2018
    ("month", re.compile(rf"(?P<m>{MONTH})\s+(?P<y>{YEAR})")),
    # in September (no year): only after a preposition, so "May" the verb is not read
    ("bare_month", re.compile(rf"\b(?:in|during|since|en|In|En|of|until)\s+(?P<when>(?:(?:early|mid|late|"
                              rf"début|fin|mi)[- ])?(?P<m>{MONTH}))(?![\w-])")),
    # 2016-2021; 2020/2024
    ("year_range", re.compile(rf"(?<![\w/.-])(?P<y1>{YEAR})\s*(?:-|–|/|to)\s*(?P<y>{YEAR})(?![\w/-])")),
    ("year", re.compile(rf"(?<![\w/.-])(?P<y>{YEAR})(?![\w/-]|\s*(?:km|kilomet|million|officials|people))")),
]


def _build(form: str, m: re.Match, begin: int, stop: int) -> DateMention | None:
    g = m.groupdict()
    year = _year(g.get("y"))
    if form in ("iso", "numeric"):
        day, month = int(g["d"]), int(g["m"])
        if form == "numeric" and day <= 12 and month <= 12 and day != month:
            return None  # 07/08/2021: day-month or month-day? Not guessed
        start = PartialDate(year, month, day)
        return DateMention(start, None, begin, stop, "iso")
    if form == "cross_month":
        m1, m2 = _month(g["m1"]), _month(g["m2"])
        y1 = _year(g.get("y1")) or (year - 1 if year and m1 > m2 else year)
        return DateMention(PartialDate(y1, m1, _day(g["d1"])), PartialDate(year, m2, _day(g["d2"])),
                           begin, stop, "range")
    if form == "days":
        month = _month(g["m"])
        days = tuple(PartialDate(year, month, _day(d)) for d in re.findall(DAY, g["list"]))
        if all(b.day == a.day + 1 for a, b in itertools.pairwise(days)):  # "21st and 22nd February": one run
            return DateMention(days[0], days[-1], begin, stop, "range")
        return DateMention(days[0], days[-1], begin, stop, "days", days)
    if form in ("range", "us_range"):
        month = _month(g["m"])
        d1, d2 = _day(g["d1"]), _day(g["d2"])
        if d2 <= d1:
            return None
        return DateMention(PartialDate(year, month, d1), PartialDate(year, month, d2), begin, stop, "range")
    if form == "month_range":
        m1, m2 = _month(g["m1"]), _month(g["m2"])
        y1 = _year(g.get("y1")) or (year - 1 if m1 > m2 else year)
        return DateMention(PartialDate(y1, m1), PartialDate(year, m2), begin, stop, "month_range")
    if form in ("day", "us_day"):
        return DateMention(PartialDate(year, _month(g["m"]), _day(g["d"])), None, begin, stop, "day")
    if form == "iso_month":  # 2023-11: read only as a publication date (timing.py)
        return DateMention(PartialDate(year, int(g["m"])), None, begin, stop, "iso_month")
    if form in ("month", "bare_month"):
        return DateMention(PartialDate(year, _month(g["m"])), None, begin, stop, "month")
    if form == "year_range":
        y1 = _year(g["y1"])
        if y1 >= year:
            return None
        return DateMention(PartialDate(y1, None), PartialDate(year, None), begin, stop, "year_range")
    return DateMention(PartialDate(year, None), None, begin, stop, "year")


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
            if mention is None or not mention.start.valid() or (mention.end and not mention.end.valid()):
                continue
            taken.append((begin, stop))
            found.append(mention)
    return sorted(found, key=lambda d: d.begin)
