"""Dates in a release (crossings/intake/dates.py): the regular expressions find the phrases and
split ranges and sets, python-dateutil reads each endpoint at the precision written."""

from __future__ import annotations

from datetime import date

import pytest

from crossings.intake.dates import PartialDate, find_dates, parse_date
from crossings.intake.document import Document
from crossings.intake.timing import timing


def read(text: str) -> list[tuple[str, str, str]]:
    """(words, form, EDTF) of every date found."""
    return [(text[m.begin:m.stop], m.form, m.edtf()) for m in find_dates(text)]


@pytest.mark.parametrize(("words", "expected"), [
    ("28 May", PartialDate(None, 5, 28)),
    ("28 May 2021", PartialDate(2021, 5, 28)),
    ("Sept. 5", PartialDate(None, 9, 5)),
    ("October 21, 2016", PartialDate(2016, 10, 21)),
    ("1er juillet", PartialDate(None, 7, 1)),
    ("juillet 2018", PartialDate(2018, 7, None)),
    ("DÉCEMBRE 2018", PartialDate(2018, 12, None)),
    ("fevrier", PartialDate(None, 2, None)),
    ("2021", PartialDate(2021, None, None)),
    ("2023-11-05", PartialDate(2023, 11, 5)),  # ISO: never read day first
    ("2023-11", PartialDate(2023, 11, None)),
    ("29 February", PartialDate(None, 2, 29)),  # a year-less 29 February exists
    ("29 February 2020", PartialDate(2020, 2, 29)),
])
def test_the_library_reads_only_the_parts_written(words, expected):
    assert parse_date(words) == expected


@pytest.mark.parametrize("words", ["31 June", "29 February 2021", "30 février", "21st", "mid-May", ""])
def test_what_is_not_a_date_is_none(words):
    assert parse_date(words) is None


def test_a_year_less_date_never_takes_this_year():
    this_year = date.today().year
    for words in ("25 May", "May", "1er juillet"):
        assert parse_date(words).year is None
    assert all(str(this_year) not in m.edtf() for m in find_dates("A workshop held from 25 to 28 May."))


def test_day_first_only_when_asked():
    assert parse_date("05/09/2017", dayfirst=True) == PartialDate(2017, 9, 5)
    assert parse_date("05/09/2017") == PartialDate(2017, 5, 9)


def test_ranges_in_english():
    text = ("It ran 25-28 May, then from 12 to 19 October 2019, then 30 November-1 December 2021, "
            "then 30 December-2 January 2022, then between 27 and 29 July 2021, then July 27-29, 2021.")
    assert read(text) == [
        ("25-28 May", "range", "XXXX-05-25/XXXX-05-28"),
        ("12 to 19 October 2019", "range", "2019-10-12/2019-10-19"),
        ("30 November-1 December 2021", "range", "2021-11-30/2021-12-01"),
        ("30 December-2 January 2022", "range", "2021-12-30/2022-01-02"),  # the range crosses the new year
        ("between 27 and 29 July 2021", "range", "2021-07-27/2021-07-29"),
        ("July 27-29, 2021", "range", "2021-07-27/2021-07-29"),
    ]


def test_ranges_and_sets_in_french():
    text = ("L'atelier a eu lieu du 25 au 27 juillet 2023, puis les 6, 8 et 10 décembre, "
            "et entre le 3 et le 5 mai.")
    assert read(text) == [
        ("25 au 27 juillet 2023", "range", "2023-07-25/2023-07-27"),
        ("6, 8 et 10 décembre", "days", "{XXXX-12-06,XXXX-12-08,XXXX-12-10}"),
        ("entre le 3 et le 5 mai", "range", "XXXX-05-03/XXXX-05-05"),
    ]


def test_periods_months_and_years():
    text = ("Time frame: February 2020 - October 2021. Phase two, from November to March 2016, "
            "followed 2016-2021. Held in early September; published 2023-11. Monday 23 April.")
    assert read(text) == [
        ("February 2020 - October 2021", "month_range", "2020-02/2021-10"),
        ("November to March 2016", "month_range", "2015-11/2016-03"),
        ("2016-2021", "year_range", "2016/2021"),
        ("early September", "month", "XXXX-09"),
        ("2023-11", "iso_month", "2023-11"),
        ("Monday 23 April", "day", "XXXX-04-23"),
    ]


def test_words_that_are_not_dates_are_left_alone():
    text = ("Officers may March on 7/8/2021 and 31 June; the 2021-2016 plan; "
            "they may meet in May 2018 or on 25/09/2017.")
    assert read(text) == [("May 2018", "month", "2018-05"), ("25/09/2017", "iso", "2017-09-25")]


def test_consecutive_days_are_one_stretch_and_a_non_existent_day_drops_the_days():
    assert read("on 21st and 22nd February") == [("21st and 22nd February", "range", "XXXX-02-21/XXXX-02-22")]
    # no 29 or 30 February in 2021: only the month that is written stays
    assert read("on 29 and 30 February 2021") == [("February 2021", "month", "2021-02")]


def test_the_publication_date_from_the_page_metadata():
    doc = Document("IOM trains officers\n\nThe officers were trained.")
    when = timing(doc, find_dates(doc.text), "event", published_meta="2019-07-18")
    assert when.published == PartialDate(2019, 7, 18) and when.published_evidence is None
