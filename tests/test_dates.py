"""Dates as precise as their source (EDTF): every form read, shown and filtered, each end on
its own, a day and month without the year never placed in a year."""

from __future__ import annotations

import pandas as pd
import pytest
from edtf import parse_edtf

from crossings.data.dates import PartialDate, parse_date, period_bounds
from crossings.data.loading import load_dataset
from crossings.text.formatting import format_date, format_period
from crossings.views.filtered_view import apply_filters
from crossings.views.filters import FilterState
from crossings.views.participation import participants_by_period
from crossings.views.participation_years import participation_by_year, participation_matrix
from crossings.views.timeline import event_spans, undated_events
from tests.helpers import add_row

FORMS = {  # text -> (year, month, day, precision, first day, last day)
    "2021-07-27": (2021, 7, 27, "day", "2021-07-27", "2021-07-27"),
    "2020-02": (2020, 2, None, "month", "2020-02-01", "2020-02-29"),
    "2015": (2015, None, None, "year", "2015-01-01", "2015-12-31"),
    "XXXX-05-25": (None, 5, 25, "day", None, None),
    "XXXX-02-29": (None, 2, 29, "day", None, None),  # exists in a leap year
    "XXXX-06": (None, 6, None, "month", None, None),
}


@pytest.mark.parametrize("text", FORMS)
def test_each_form_is_read_at_its_own_precision(text):
    year, month, day, precision, first, last = FORMS[text]
    parsed = parse_date(text)
    assert parsed == PartialDate(year, month, day)
    assert parsed.precision == precision and parsed.text == text
    expected = (pd.Timestamp(first), pd.Timestamp(last)) if first else (pd.NaT, pd.NaT)
    assert period_bounds(text) == expected or (pd.isna(period_bounds(text)[0]) and first is None)


@pytest.mark.parametrize("text", FORMS)
def test_every_accepted_form_is_edtf_by_the_reference_implementation(text):
    """The `edtf` package (Library of Congress EDTF, ISO 8601-2) reads each form we accept,
    at the same precision, and with a year the same first and last day."""
    parsed = parse_edtf(text)
    assert str(parsed) == text
    assert parsed.precision == FORMS[text][3]
    if FORMS[text][0] is not None:
        lower, upper = parsed.lower_strict(), parsed.upper_strict()
        assert (lower.tm_year, lower.tm_mon, lower.tm_mday) == pd.Timestamp(FORMS[text][4]).timetuple()[:3]
        assert (upper.tm_year, upper.tm_mon, upper.tm_mday) == pd.Timestamp(FORMS[text][5]).timetuple()[:3]


@pytest.mark.parametrize("text", [
    "2021-02-29",  # no such day (the edtf package accepts it)
    "XXXX-02-30", "XXXX-13", "XXXX", "2021-13", "1799", "2015-08/2015-09-03", "2018?", "~2018",
    "27/07/2021", "25 May", " 2021", "2021-7-27", "",
])
def test_what_is_not_a_date_here(text):
    assert parse_date(text) is None


@pytest.mark.parametrize(("start", "end", "shown"), [
    ("2021-07-27", "2021-07-29", "27–29 July 2021"),
    ("2015-08", "2015-09-03", "August – 3 September 2015"),  # each end at its own precision
    ("2016-06", None, "from June 2016"),  # 'started this week': no invented end
    ("XXXX-05-25", "XXXX-05-28", "25–28 May, year not stated"),
    ("XXXX-05-30", "XXXX-06-02", "30 May – 2 June, year not stated"),
    ("XXXX-05", None, "from May, year not stated"),
    ("2020", "2020", "2020"),
    (None, None, "date unknown"),
])
def test_periods_read_as_people_write_them(start, end, shown):
    assert format_period(start, end) == shown


def test_a_single_year_less_day():
    assert format_date("XXXX-04-23") == "23 April, year not stated"


def _events_with_new_dates(data_copy):
    path = data_copy / "events.csv"
    common = {"kind": "workshop", "status": "held", "mode": "unknown", "date_status": "stated",
              "location_precision": "none", "source_id": "SEED-001"}
    add_row(path, event_id="EV-NO-YEAR", title="Workshop of 25-28 May", start_date="XXXX-05-25",
            end_date="XXXX-05-28", **common)
    add_row(path, event_id="EV-COURSE", title="Course, August to 3 September 2015", start_date="2015-08",
            end_date="2015-09-03", **common)
    add_row(path, event_id="EV-STARTED", title="Training that started in June 2016", start_date="2016-06",
            **common)
    return load_dataset(data_copy)


def test_new_forms_load_clean_and_keep_each_end(data_copy):
    dataset = _events_with_new_dates(data_copy)
    assert dataset.problems == []
    events = dataset.events.set_index("event_id")
    assert tuple(events.loc["EV-COURSE", ["start_precision", "end_precision"]]) == ("month", "day")
    assert events.loc["EV-COURSE", "end_date_last"] == pd.Timestamp("2015-09-03")
    assert pd.isna(events.loc["EV-NO-YEAR", "start_date_first"])  # never placed in time
    assert tuple(events.loc["EV-STARTED", ["start_precision", "end_precision"]]) == ("month", "unknown")


def test_year_less_event_is_listed_and_never_placed_in_a_year(data_copy):
    dataset = _events_with_new_dates(data_copy)
    everything = apply_filters(dataset, FilterState())
    listed = undated_events(everything).set_index("event_id")
    assert listed.loc["EV-NO-YEAR", "dates"] == "25–28 May, year not stated"
    assert "EV-NO-YEAR" not in set(event_spans(everything)["event_id"])
    for years in ((2015, 2015), (2016, 2021), (2015, 2021)):
        view = apply_filters(dataset, FilterState(year_from=years[0], year_to=years[1]))
        assert "EV-NO-YEAR" not in set(view.events["event_id"])
    view = apply_filters(dataset, FilterState(year_from=2015, year_to=2016))
    # left out while years are set, and counted so the page can say so (with the two undated ones)
    assert view.undated_excluded == len(dataset.events[dataset.events["start_date_first"].isna()
                                                       & dataset.events["end_date_last"].isna()])


def test_year_filter_reads_each_end_at_its_precision(data_copy):
    dataset = _events_with_new_dates(data_copy)
    in_2015 = set(apply_filters(dataset, FilterState(year_from=2015, year_to=2015)).events["event_id"])
    assert {"EV-COURSE", "EV-2015-NIAMEY"} <= in_2015 and "EV-STARTED" not in in_2015
    # a start with no end may still be running: it stays in any later year
    in_2019 = apply_filters(dataset, FilterState(year_from=2019, year_to=2019))
    assert "EV-STARTED" in set(in_2019.events["event_id"])
    spans = event_spans(apply_filters(dataset, FilterState())).set_index("event_id")
    course = spans.loc["EV-COURSE"]
    assert (course["drawn_start"], course["drawn_end"], bool(course["is_span"])) == (
        pd.Timestamp("2015-08-01"), pd.Timestamp("2015-09-04"), True)
    assert course["dates"] == "August – 3 September 2015"


def test_an_event_with_only_a_start_is_drawn_as_its_start_period(data_copy):
    spans = event_spans(apply_filters(_events_with_new_dates(data_copy), FilterState())).set_index("event_id")
    started = spans.loc["EV-STARTED"]
    assert (started["drawn_start"], started["drawn_end"]) == (pd.Timestamp("2016-06-01"),
                                                              pd.Timestamp("2016-07-01"))
    assert started["dates"] == "from June 2016"


def test_participation_says_a_year_less_event_has_no_year(data_copy):
    unplaced = participants_by_period(apply_filters(_events_with_new_dates(data_copy), FilterState()),
                                      "year").unplaced.set_index("event_id")
    assert unplaced.loc["EV-NO-YEAR", "reason"] == "no year"
    assert unplaced.loc["EV-IRN-WORKSHOP", "reason"] == "no date"


def test_participation_by_year_places_an_event_with_one_end_in_that_ends_year(data_copy):
    """'Started in June 2016' (no end) is in 2016 and an event known only by its last day is in
    that day's year, as on the timeline; a start with no end broke the heatmap (the bundled
    data's Timeline page failed) until each end stood in for the missing one."""
    _events_with_new_dates(data_copy)
    add_row(data_copy / "events.csv", event_id="EV-ENDED", title="Course that ended 27 October 2017",
            kind="training", status="held", mode="unknown", end_date="2017-10-27", date_status="stated",
            location_precision="none", source_id="SEED-001")
    for event_id in ("EV-STARTED", "EV-ENDED", "EV-NO-YEAR"):
        add_row(data_copy / "event_countries.csv", event_id=event_id, country_iso3="GHA", role="participant",
                source_id="SEED-001")
    dataset = load_dataset(data_copy)
    assert dataset.problems == []
    view = apply_filters(dataset, FilterState())
    ghana = participation_by_year(view).query("iso3 == 'GHA'")
    placed = sorted(zip(ghana["event_id"], ghana["year"], strict=True))
    assert placed == [("EV-ENDED", 2017), ("EV-STARTED", 2016)]  # the year-less one in none
    matrix = participation_matrix(view)
    assert (matrix.loc["GHA", 2016], matrix.loc["GHA", 2017]) == (1, 1)
