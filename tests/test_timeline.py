"""Participation over time, checked against what the seed documents say.

Expected values are worked out by hand from the seeds (and data/README.md), not copied from
the code: Cairo 27–29 July 2021 with 55 officials from 8 countries and no per-country split;
the Iran workshop with 81 Iranian officials and no date; Niamey 29–30 July 2015; the Jordan
roundtable on 23 April 2018; the online workshop known only to 2020; JEMPAS II February 2020 –
October 2021, JEMPAS I January 2016 – June 2019, G5 Sahel April 2015 – March 2016, the
Jordan–Syria project from 19 September 2017 with no known end, the Iran project undated.
"""

from __future__ import annotations

import html
import math

import pandas as pd
import plotly.graph_objects as go
import pytest

from crossings.data.loading import load_dataset
from crossings.figures import timeline as timeline_figures
from crossings.figures.participation import (
    fold_groups,
    participant_sources,
    participants_figure,
    participation_heatmap,
)
from crossings.figures.timeline import (
    MAX_MARKER_PX,
    NO_COUNT_MARKER_PX,
    event_hover,
    lane_label,
    marker_size,
    timeline_figure,
)
from crossings.text.citations import CHART_SOURCE_CHARS, source_ids_of
from crossings.views import participation_by_country
from crossings.views.filtered_view import apply_filters
from crossings.views.filters import FilterState
from crossings.views.participation import SHARED, participants_by_period, placement_period
from crossings.views.participation_by_country import country_participation
from crossings.views.participation_years import participation_matrix
from crossings.views.timeline import (
    event_categories,
    event_spans,
    project_bars,
    undated_events,
    undated_projects,
)
from tests.helpers import read_rows, set_cell, write_rows

T = pd.Timestamp
DAY_MS = 86_400_000
UNDATED_EVENTS = {"EV-IRN-WORKSHOP", "EV-JEMPAS2-MP-MEETING", "EV-JEMPAS2-RACO",
                  "EV-JEMPAS2-THB-TRAINING", "EV-JOR-FRONTLINE-TRAININGS"}
CAIRO_COUNTRIES = {"SAU", "TUN", "BHR", "COM", "JOR", "EGY", "YEM", "SDN"}
# The Arab League as the Factbook's final edition lists its members (REF-FACTBOOK-LAS): the
# online workshop of 2020 names the League, not these countries.
ARAB_LEAGUE = {"DZA", "BHR", "COM", "DJI", "EGY", "IRQ", "JOR", "KWT", "LBN", "LBY", "MRT", "MAR", "OMN",
               "QAT", "SAU", "SOM", "SDN", "SYR", "TUN", "ARE", "YEM"}
NIAMEY_COUNTRIES = {"MLI", "NER", "MRT", "BFA", "TCD"}


@pytest.fixture(scope="module")
def everything(dataset):
    return apply_filters(dataset, FilterState())


def row(frame: pd.DataFrame, column: str, value) -> pd.Series:
    rows = frame[frame[column] == value]
    assert len(rows) == 1, f"expected one row with {column}={value}, found {len(rows)}"
    return rows.iloc[0]


# --- events at the precision the source gives -----------------------------------------------------

def test_day_precise_events_span_their_days(everything):
    spans = event_spans(everything)
    cairo = row(spans, "event_id", "EV-2021-CAIRO")
    assert (cairo["drawn_start"], cairo["drawn_end"]) == (T("2021-07-27"), T("2021-07-30"))
    assert cairo["midpoint"] == T("2021-07-28 12:00")  # inside the three days, not a new date
    assert cairo["dates"] == "27–29 July 2021"
    assert cairo["place"] == "Cairo, Egypt"
    assert cairo["participants"] == 55
    assert not cairo["is_span"]
    niamey = row(spans, "event_id", "EV-2015-NIAMEY")
    assert (niamey["drawn_start"], niamey["drawn_end"]) == (T("2015-07-29"), T("2015-07-31"))
    roundtable = row(spans, "event_id", "EV-2018-JOR-ROUNDTABLE")
    assert (roundtable["drawn_start"], roundtable["drawn_end"]) == (T("2018-04-23"), T("2018-04-24"))
    assert roundtable["dates"] == "23 April 2018"


def test_an_event_known_only_to_the_year_is_the_whole_year(everything):
    online = row(event_spans(everything), "event_id", "EV-2020-ONLINE-TRIP")
    assert online["is_span"]
    assert (online["drawn_start"], online["drawn_end"]) == (T("2020-01-01"), T("2021-01-01"))
    assert pd.isna(online["midpoint"])  # no made-up day
    assert online["dates"] == "2020"
    assert online["place"] == "Online"


def test_undated_events_are_listed_not_dropped(everything):
    spans, undated = event_spans(everything), undated_events(everything)
    assert set(spans["event_id"]) == {"EV-2015-NIAMEY", "EV-2018-JOR-ROUNDTABLE", "EV-2020-ONLINE-TRIP",
                                      "EV-2021-CAIRO"}
    assert set(undated["event_id"]) == UNDATED_EVENTS
    assert len(spans) + len(undated) == 9
    iran = row(undated, "event_id", "EV-IRN-WORKSHOP")
    assert iran["participants"] == 81
    assert iran["place"] == "Iran"
    assert iran["organisers"] == "IOM (facilitator)"  # the source names no organiser


def test_dated_events_come_in_date_order(everything):
    assert list(event_spans(everything)["event_id"]) == [
        "EV-2015-NIAMEY", "EV-2018-JOR-ROUNDTABLE", "EV-2020-ONLINE-TRIP", "EV-2021-CAIRO"]


# --- projects ----------------------------------------------------------------------------------------

def test_projects_run_from_the_first_to_the_last_day_of_their_months(everything):
    bars = project_bars(everything)
    assert list(bars["project_id"]) == ["P-G5-CBM", "P-JEMPAS-I", "P-JOR-SYRIA", "P-JEMPAS-II"]
    jempas2 = row(bars, "project_id", "P-JEMPAS-II")
    assert (jempas2["drawn_start"], jempas2["drawn_end"]) == (T("2020-02-01"), T("2021-11-01"))
    assert jempas2["dates"] == "February 2020 – October 2021"
    jempas1 = row(bars, "project_id", "P-JEMPAS-I")
    assert (jempas1["drawn_start"], jempas1["drawn_end"]) == (T("2016-01-01"), T("2019-07-01"))
    g5 = row(bars, "project_id", "P-G5-CBM")
    assert (g5["drawn_start"], g5["drawn_end"]) == (T("2015-04-01"), T("2016-04-01"))
    assert g5["funders"] == "Japan"


def test_a_project_with_no_known_end_stays_open(everything):
    jordan_syria = row(project_bars(everything), "project_id", "P-JOR-SYRIA")
    assert jordan_syria["drawn_start"] == T("2017-09-19")
    assert jordan_syria["open_end"]
    assert pd.isna(jordan_syria["drawn_end"])
    assert jordan_syria["dates"] == "from 19 September 2017"
    assert (jordan_syria["dated_events"], jordan_syria["undated_events"]) == (1, 1)


def test_a_project_with_no_dates_is_listed_not_drawn(everything):
    assert "P-IRN-BMM" not in set(project_bars(everything)["project_id"])
    assert list(undated_projects(everything)["project_id"]) == ["P-IRN-BMM"]


def test_dates_other_sources_give_are_kept(everything):
    bars = project_bars(everything)
    jempas2 = row(bars, "project_id", "P-JEMPAS-II")["other_dates"]
    assert [(d.field, d.boundary) for d in jempas2] == [("end_date", T("2021-08-01"))]  # ICMPD: July 2021
    assert jempas2[0].text.startswith("July 2021 (ICMPD")
    jempas1 = row(bars, "project_id", "P-JEMPAS-I")["other_dates"]
    assert {(d.field, d.boundary) for d in jempas1} == {
        ("start_date", T("2015-12-01")), ("end_date", T("2019-01-01"))}  # December 2015, December 2018
    # the G5 factsheet gives the same start the project uses: nothing to show
    assert row(bars, "project_id", "P-G5-CBM")["other_dates"] == []


# --- placing events in periods ------------------------------------------------------------------------

@pytest.mark.parametrize(("precision", "first", "last", "granularity", "expected"), [
    ("day", "2021-07-27", "2021-07-29", "quarter", pd.Period("2021Q3")),
    ("day", "2021-06-30", "2021-07-01", "quarter", pd.Period("2021Q2")),  # counts where it starts
    ("year", "2020-01-01", "2020-12-31", "year", pd.Period("2020", freq="Y")),
    ("year", "2020-01-01", "2020-12-31", "quarter", None),  # a year has no single quarter
    ("month", "2020-02-01", "2020-02-29", "quarter", pd.Period("2020Q1")),
    ("month", "2020-03-01", "2020-04-30", "quarter", None),  # March-April straddles Q1 and Q2
    ("month", "2020-03-01", "2020-04-30", "year", pd.Period("2020", freq="Y")),
    ("unknown", pd.NaT, pd.NaT, "year", None),
])
def test_placement_period_respects_precision(precision, first, last, granularity, expected):
    placed = placement_period(precision, pd.Timestamp(first), pd.Timestamp(last), granularity)
    assert placed == expected


def test_participants_per_year_by_host(everything):
    result = participants_by_period(everything, "year", "host")
    totals = result.totals.set_index("period")
    assert list(totals.index) == ["2015", "2016", "2017", "2018", "2019", "2020", "2021"]
    assert list(totals["events"]) == [1, 0, 0, 1, 0, 1, 1]
    assert list(totals["events_with_count"]) == [0, 0, 0, 0, 0, 0, 1]
    assert list(totals["participants"]) == [0, 0, 0, 0, 0, 0, 55]
    assert list(totals["cumulative"]) == [0, 0, 0, 0, 0, 0, 55]
    egypt = result.by_group[result.by_group["group"] == "EGY"]
    assert list(egypt["participants"]) == [0, 0, 0, 0, 0, 0, 55]
    assert set(result.by_group["group"]) == {"EGY"}
    assert row(egypt, "period", "2021")["events"] == (
        "Regional workshop on biometrics and traveller information for border security, Cairo (55)",)
    # the 81 in Iran have no date: kept aside with their count, not in any year
    assert set(result.unplaced["event_id"]) == UNDATED_EVENTS
    iran = row(result.unplaced, "event_id", "EV-IRN-WORKSHOP")
    assert (iran["participants"], iran["reason"]) == (81, "no date")


def test_participants_per_quarter(everything):
    result = participants_by_period(everything, "quarter", "host")
    totals = result.totals.set_index("period")
    assert len(totals) == 25  # 2015 Q3 to 2021 Q3, empty quarters included
    assert (totals.index[0], totals.index[-1]) == ("2015 Q3", "2021 Q3")
    assert totals.loc["2021 Q3", "participants"] == 55
    assert totals.loc["2015 Q3", "events"] == 1
    assert totals.loc["2018 Q2", "events"] == 1
    assert totals["events"].sum() == 3  # the online workshop of 2020 has no quarter
    online = row(result.unplaced, "event_id", "EV-2020-ONLINE-TRIP")
    assert online["reason"] == "dates known only to the year"


def test_participants_by_participating_country_keep_the_cairo_count_whole(everything):
    result = participants_by_period(everything, "year", "participant")
    in_2021 = result.by_group[(result.by_group["period"] == "2021") & (result.by_group["participants"] > 0)]
    assert list(zip(in_2021["group"], in_2021["participants"], strict=True)) == [(SHARED, 55)]
    shared = row(result.shared_events, "event_id", "EV-2021-CAIRO")
    assert (shared["participants"], shared["countries"]) == (55, 8)
    assert set(shared["country_codes"]) == CAIRO_COUNTRIES
    assert shared["text"].startswith("55 participants from 8 countries together at Regional workshop")


@pytest.fixture
def iran_dated(data_copy):
    """The Iran workshop given a month (March 2022), as a later source might."""
    events = data_copy / "events.csv"
    for column, value in (("start_date", "2022-03"), ("end_date", "2022-03"),
                          ("date_status", "stated")):
        set_cell(events, "event_id", "EV-IRN-WORKSHOP", column, value)
    dataset = load_dataset(data_copy)
    assert dataset.errors == []
    return apply_filters(dataset, FilterState())


def test_cumulative_by_country_once_iran_has_a_date(iran_dated):
    by_host = participants_by_period(iran_dated, "year", "host").by_group.set_index(["group", "period"])
    assert by_host.loc[("EGY", "2021"), "cumulative"] == 55
    assert by_host.loc[("EGY", "2022"), "cumulative"] == 55  # nothing new in Egypt
    assert by_host.loc[("IRN", "2021"), "cumulative"] == 0
    assert by_host.loc[("IRN", "2022"), "participants"] == 81
    totals = participants_by_period(iran_dated, "year", "host").totals.set_index("period")
    assert totals.loc["2022", "cumulative"] == 136  # 55 + 81
    by_country = participants_by_period(iran_dated, "quarter", "participant").by_group
    by_country = by_country.set_index(["group", "period"])
    assert by_country.loc[("IRN", "2022 Q1"), "participants"] == 81  # the source's own count
    assert by_country.loc[(SHARED, "2022 Q1"), "cumulative"] == 55  # Cairo, still whole


def test_a_partial_per_country_count_leaves_the_rest_unsplit(data_copy):
    """If the source gave Saudi Arabia's own number (say 5) the other 50 stay one block for
    the seven other countries."""
    path = data_copy / "event_countries.csv"
    rows = read_rows(path)
    for item in rows:
        if (item["event_id"], item["country_iso3"], item["role"]) == ("EV-2021-CAIRO", "SAU", "participant"):
            item["participants"] = "5"
    write_rows(path, rows)
    view = apply_filters(load_dataset(data_copy), FilterState())
    result = participants_by_period(view, "year", "participant")
    in_2021 = result.by_group[(result.by_group["period"] == "2021") & (result.by_group["participants"] > 0)]
    assert dict(zip(in_2021["group"], in_2021["participants"], strict=True)) == {"SAU": 5, SHARED: 50}
    shared = row(result.shared_events, "event_id", "EV-2021-CAIRO")
    assert shared["countries"] == 7
    assert "SAU" not in shared["country_codes"]
    countries = country_participation(view).set_index("iso3")
    assert countries.loc["SAU", "officials_counted"] == 5
    assert countries.loc["SAU", "in_shared_counts"] == ""
    assert countries.loc["JOR", "in_shared_counts"].startswith("50 participants from 7 countries together")


# --- per country --------------------------------------------------------------------------------------

def test_events_and_officials_per_country(everything):
    countries = country_participation(everything).set_index("iso3")
    # Jordan: roundtable, front-line trainings, Cairo and the three JEMPAS II events; the online
    # workshop of 2020 names the Arab League, so Jordan is there via the group, not counted
    assert countries.loc["JOR", "events_taken_part"] == 6
    assert countries.loc["JOR", "via_group"] == "Arab League (1 event)"
    assert countries.loc["JOR", "events_hosted"] == 5
    assert pd.isna(countries.loc["JOR", "officials_counted"])
    assert countries.loc["JOR", "in_shared_counts"] == (
        "55 participants from 8 countries together at Cairo, Egypt, 27–29 July 2021, not split by country")
    assert countries.loc["IRN", "events_taken_part"] == 1
    assert countries.loc["IRN", "officials_counted"] == 81
    assert countries.loc["IRN", "events_with_own_count"] == 1
    assert countries.loc["IRN", "in_shared_counts"] == ""
    assert (countries.loc["EGY", "events_taken_part"], countries.loc["EGY", "events_hosted"],
            countries.loc["EGY", "events_contributed"]) == (1, 1, 1)
    assert countries.loc["BEL", "events_taken_part"] == 0 and countries.loc["BEL", "events_contributed"] == 1
    took_part = set(countries.index[countries["events_taken_part"] > 0])
    assert took_part == NIAMEY_COUNTRIES | CAIRO_COUNTRIES | {"JOR", "IRN"}
    assert len(took_part) == 14
    # the League's other members are listed, marked via the group, and count for nothing
    via = countries[countries["via_group"] != ""]
    assert set(via.index) == ARAB_LEAGUE  # Mauritania too: named at Niamey, but not in 2020
    assert via.loc["DZA", ["events_taken_part", "events_hosted", "events_contributed"]].sum() == 0
    # nobody else is handed part of the 55
    assert countries["officials_counted"].dropna().to_dict() == {"IRN": 81}
    assert set(countries.index[countries["in_shared_counts"] != ""]) == CAIRO_COUNTRIES
    assert countries.index[0] == "JOR"  # most events first


def test_country_by_year_matrix(everything):
    matrix = participation_matrix(everything)
    assert list(matrix.columns) == [2015, 2016, 2017, 2018, 2019, 2020, 2021]
    assert matrix.loc["JOR"].to_dict() == {2015: 0, 2016: 0, 2017: 0, 2018: 1, 2019: 0, 2020: 0, 2021: 1}
    assert matrix.loc["MRT"].to_dict() == {2015: 1, 2016: 0, 2017: 0, 2018: 0, 2019: 0, 2020: 0, 2021: 0}
    assert "IRN" not in matrix.index  # its one event has no date
    assert "DZA" not in matrix.index  # reached only through the Arab League
    # Niamey 5 countries + roundtable 1 + Cairo 8
    assert int(matrix.to_numpy().sum()) == 14
    assert matrix.index[0] == "JOR"


# --- filters -----------------------------------------------------------------------------------------

def test_a_country_filter_keeps_the_undated_iran_workshop(dataset):
    view = apply_filters(dataset, FilterState(countries=("IRN",)))
    assert event_spans(view).empty
    assert list(undated_events(view)["event_id"]) == ["EV-IRN-WORKSHOP"]
    assert list(undated_projects(view)["project_id"]) == ["P-IRN-BMM"]
    result = participants_by_period(view, "year", "participant")
    assert result.by_group.empty
    assert row(result.unplaced, "event_id", "EV-IRN-WORKSHOP")["participants"] == 81
    assert country_participation(view).set_index("iso3").loc["IRN", "officials_counted"] == 81
    assert participation_matrix(view).empty


def test_a_funder_filter_keeps_its_events_and_projects(dataset):
    view = apply_filters(dataset, FilterState(funders=("GOV-JPN",)))
    assert list(event_spans(view)["event_id"]) == ["EV-2015-NIAMEY"]
    assert list(project_bars(view)["project_id"]) == ["P-G5-CBM"]
    assert set(participation_matrix(view).index) == NIAMEY_COUNTRIES
    assert list(participation_matrix(view).columns) == [2015]


def test_a_year_filter(dataset):
    view = apply_filters(dataset, FilterState(year_from=2020))
    assert list(event_spans(view)["event_id"]) == ["EV-2020-ONLINE-TRIP", "EV-2021-CAIRO"]
    assert undated_events(view).empty
    totals = participants_by_period(view, "year", "host").totals
    assert list(totals["period"]) == ["2020", "2021"]
    assert list(totals["cumulative"]) == [0, 55]


def test_topics_and_organisers_as_categories(everything):
    topics = event_categories(everything, "topic")
    assert set(topics.loc[topics["event_id"] == "EV-2021-CAIRO", "label"]) == {
        "Biometrics", "Traveller information (API/PNR)", "Border security", "Counter-terrorism"}
    organisers = event_categories(everything, "organiser")
    assert set(organisers.loc[organisers["event_id"] == "EV-2021-CAIRO", "category"]) == {
        "EGY-MOI", "NAUSS", "IOM", "UNOCT"}
    assert list(organisers.loc[organisers["event_id"] == "EV-IRN-WORKSHOP", "category"]) == ["IOM"]
    with pytest.raises(ValueError, match="colour_by"):
        event_categories(everything, "colour")


# --- figures -----------------------------------------------------------------------------------------

def traces(fig: go.Figure, name: str | None = None) -> list:
    return [t for t in fig.data if name is None or t.name == name]


def all_hover(fig: go.Figure) -> str:
    texts = []
    for trace in fig.data:
        for attribute in ("hovertext", "customdata"):
            value = getattr(trace, attribute, None)
            if value is not None:
                texts.append(str(list(value)) if not isinstance(value, str) else value)
    return "\n".join(texts)


def test_hover_gives_dates_with_precision_place_participants_organisers_and_source(everything):
    spans = event_spans(everything).set_index("event_id", drop=False)
    cairo = event_hover(next(spans.loc[["EV-2021-CAIRO"]].itertuples()))
    for expected in ("27–29 July 2021", "Cairo, Egypt", "55 senior Ministry of Interior officials",
                     "Egypt MoI, NAUSS, IOM, UNOCT", "APO Group on behalf of IOM (2021)"):
        assert expected in cairo
    online = event_hover(next(spans.loc[["EV-2020-ONLINE-TRIP"]].itertuples()))
    assert "2020 (known only to the year)" in online and "no count given" in online
    roundtable = event_hover(next(spans.loc[["EV-2018-JOR-ROUNDTABLE"]].itertuples()))
    assert "23 April 2018 (date inferred by the curators)" in roundtable


def test_marker_area_follows_participants():
    assert marker_size(81, 81) == MAX_MARKER_PX
    assert marker_size(55, 81) == pytest.approx(MAX_MARKER_PX * math.sqrt(55 / 81))
    assert marker_size(pd.NA, 81) == NO_COUNT_MARKER_PX


def test_timeline_figure_draws_projects_and_event_lanes(everything):
    fig = timeline_figure(everything, "topic")
    labels = [label.replace("<br>", " ") for label in fig.layout.yaxis.ticktext]
    assert labels == ["G5 Sahel CBM", "JEMPAS I", "Jordan-Syria border (IcSP)", "JEMPAS II"]
    lanes = [label.replace("<br>", " ") for label in fig.layout.yaxis2.ticktext]
    assert len(lanes) == 8  # the topics of the four dated events
    assert lanes[:2] == ["Border management", "Coordinated border management"]  # Niamey's, first
    # the online workshop is a bar over the whole of 2020 (366 days), not a point
    year_bars = [t for t in fig.data if isinstance(t, go.Bar) and t.yaxis == "y2"]
    assert {(pd.Timestamp(b), x) for t in year_bars for b, x in zip(t.base, t.x, strict=True)} == {
        (T("2020-01-01"), 366 * DAY_MS)}
    points = {pd.Timestamp(x) for t in fig.data if isinstance(t, go.Scatter) and t.yaxis == "y2"
              for x in t.x if x is not None}
    assert points == {T("2015-07-30"), T("2018-04-23 12:00"), T("2021-07-28 12:00")}  # day-precise only
    # the project with no known end runs dotted to the edge of the axis
    open_end = [t for t in fig.data if isinstance(t, go.Scatter) and t.line.dash == "dot"]
    assert len(open_end) == 1 and pd.Timestamp(open_end[0].x[0]) == T("2017-09-19")
    assert pd.Timestamp(open_end[0].x[1]) == pd.Timestamp(fig.layout.xaxis.range[1])
    assert "Sources:" in fig.layout.annotations[-1].text


def test_timeline_by_organiser(everything):
    fig = timeline_figure(everything, "organiser")
    lanes = [label.replace("<br>", " ") for label in fig.layout.yaxis2.ticktext]
    assert lanes == ["IOM", "ICAO", "NAUSS", "Egypt MoI", "UNOCT"]  # by first event, then name


def test_timeline_of_only_undated_records_says_so(dataset):
    fig = timeline_figure(apply_filters(dataset, FilterState(countries=("IRN",))))
    assert "No dated events or projects" in fig.layout.annotations[0].text


def test_participants_figure_marks_unsplit_counts_and_periods_without_counts(everything):
    result = participants_by_period(everything, "year", "participant")
    fig = participants_figure(everything, result)
    shared = traces(fig, "Not given per country")[0]
    assert shared.marker.pattern.shape == "x"
    assert list(shared.y) == [0, 0, 0, 0, 0, 0, 55]
    no_count = next(t for t in fig.data if isinstance(t, go.Scatter))
    assert list(no_count.x) == ["2015", "2018", "2020"]
    cumulative = participants_figure(everything, participants_by_period(everything, "year", "host"),
                                     cumulative=True)
    assert list(traces(cumulative, "Egypt")[0].y) == [0, 0, 0, 0, 0, 0, 55]


def test_heatmap_counts_events_per_country_and_year(everything):
    fig = participation_heatmap(everything)
    heatmap = fig.data[0]
    assert list(heatmap.x) == ["2015", "2016", "2017", "2018", "2019", "2020", "2021"]
    assert heatmap.y[0] == "Jordan"
    assert int(sum(sum(r) for r in heatmap.z)) == 14


def test_text_from_the_data_is_escaped_in_hover_labels(data_copy):
    set_cell(data_copy / "events.csv", "event_id", "EV-2021-CAIRO", "title",
             '<img src=x onerror="alert(1)"> Cairo')
    set_cell(data_copy / "projects.csv", "project_id", "P-JEMPAS-II", "short_title", "<b>JEMPAS</b>")
    view = apply_filters(load_dataset(data_copy), FilterState())
    figures = [timeline_figure(view), timeline_figure(view, "organiser"), participation_heatmap(view),
               participants_figure(view, participants_by_period(view, "year", "host"))]
    for fig in figures:
        text = all_hover(fig) + str(list(fig.layout.yaxis.ticktext or []))
        assert "<img" not in text and "<b>JEMPAS" not in text
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt; Cairo" in all_hover(figures[0])
    assert "&lt;b&gt;JEMPAS&lt;/b&gt;" in str(list(figures[0].layout.yaxis.ticktext))


def test_lane_labels_wrap_to_two_lines():
    assert lane_label("Coordinated border management") == "Coordinated border<br>management"
    assert lane_label("A very long project title that goes on and on and on", 12).count("<br>") == 1


# --- many records: the figures stay readable and still show every event ----------------------------

def fresh(view):
    """The same view with a memo of its own: a figure the module's view already made was made
    under the constants as they were then."""
    return apply_filters(view.dataset, view.state)


def test_project_rows_are_capped_to_those_with_the_most_events(everything, monkeypatch):
    monkeypatch.setattr(timeline_figures, "MAX_PROJECT_LANES", 2)
    fig = timeline_figure(fresh(everything))
    labels = [label.replace("<br>", " ") for label in fig.layout.yaxis.ticktext]
    # G5 Sahel (Niamey) and Jordan-Syria (the roundtable) have one dated event each; JEMPAS I and II none
    assert labels == ["G5 Sahel CBM", "Jordan-Syria border (IcSP)"]
    assert fig.layout.annotations[0].text == "Projects: 2 of 4 shown, those with the most events"


def test_rare_topics_share_one_lane_and_no_event_is_lost(everything, monkeypatch):
    monkeypatch.setattr(timeline_figures, "MAX_EVENT_LANES", 3)
    fig = timeline_figure(fresh(everything), "topic")
    lanes = [label.replace("<br>", " ") for label in fig.layout.yaxis2.ticktext]
    # two events each: border management (Niamey, roundtable), border security (online, Cairo);
    # the six topics with one event each share the last lane
    assert lanes == ["Border management", "Border security", "6 other topics"]
    other_lane = {pd.Timestamp(x) for t in fig.data if t.yaxis == "y2" and isinstance(t, go.Scatter)
                  and list(t.y) and t.y[0] == 2 for x in t.x}
    assert other_lane == {T("2015-07-30"), T("2018-04-23 12:00"), T("2021-07-28 12:00")}


def test_heatmap_rows_are_capped_with_a_note(everything):
    fig = participation_heatmap(everything, max_countries=5)
    assert len(fig.data[0].y) == 5 and fig.data[0].y[0] == "Jordan"
    assert fig.layout.annotations[-1].text.startswith("5 of 13 countries shown")  # Iran's event is undated


def test_countries_beyond_the_first_few_are_added_up(iran_dated):
    by_group = participants_by_period(iran_dated, "year", "host").by_group
    folded = fold_groups(by_group, max_countries=1)
    assert set(folded["group"]) == {"IRN", "other"}
    other = folded[folded["group"] == "other"].set_index("period")
    assert other.loc["2021", "participants"] == 55 and other.loc["2022", "cumulative"] == 55
    assert other["group_label"].iloc[0] == "1 other country"


# --- what is left when the data is broken ----------------------------------------------------------

def break_data(data_copy, breakage: str) -> None:
    if breakage == "events-header-only":
        events = data_copy / "events.csv"
        events.write_text(events.read_text().splitlines()[0] + "\n")
    else:
        (data_copy / f"{breakage.removeprefix('no-')}.csv").unlink()


@pytest.mark.parametrize("breakage", ["no-events", "no-sources", "events-header-only",
                                      "no-event_countries", "no-projects"])
def test_every_table_and_figure_copes_with_what_is_left(breakage, data_copy):
    break_data(data_copy, breakage)
    dataset = load_dataset(data_copy)
    assert dataset.errors  # the breakage is reported by the loader
    view = apply_filters(dataset, FilterState())
    assert len(event_spans(view)) + len(undated_events(view)) == len(view.events)
    for granularity, count_by in (("quarter", "participant"), ("year", "host")):
        result = participants_by_period(view, granularity, count_by)
        for cumulative in (False, True):
            assert isinstance(participants_figure(view, result, cumulative), go.Figure)
    country_participation(view)
    participation_matrix(view)
    for colour_by in ("topic", "organiser"):
        assert isinstance(timeline_figure(view, colour_by), go.Figure)
    assert isinstance(participation_heatmap(view), go.Figure)


def test_without_events_the_projects_still_draw(data_copy):
    break_data(data_copy, "no-events")
    view = apply_filters(load_dataset(data_copy), FilterState())
    fig = timeline_figure(view)
    assert [label.replace("<br>", " ") for label in fig.layout.yaxis.ticktext] == [
        "G5 Sahel CBM", "JEMPAS I", "Jordan-Syria border (IcSP)", "JEMPAS II"]
    assert participants_by_period(view, "year", "host").totals.empty


def test_project_hover_says_where_dates_come_from_when_not_its_own_source(everything):
    bars = project_bars(everything).set_index("project_id")
    assert bars.loc["P-G5-CBM", "date_sources"] == "start and end resolved from IOM (n.d.)"
    assert bars.loc["P-JOR-SYRIA", "date_sources"] == "start resolved from IOM Jordan (2017)"
    assert bars.loc["P-JEMPAS-II", "date_sources"] == ""  # the seed states both
    assert "Dates: start and end resolved from IOM (n.d.)" in all_hover(timeline_figure(everything))


def test_a_chart_names_its_first_sources_and_how_many_more_and_its_table_names_them_all(bundled_dataset):
    """The bundled data cites over a hundred sources: listed in full under a chart, they ran to
    forty lines. Under a chart: the first ones and how many more; all of them with max_chars None
    (what the page shows under the chart's figures table)."""
    view = apply_filters(bundled_dataset, FilterState())
    cited = list(dict.fromkeys(bundled_dataset.short_citations.get(s, s) for s in
                               source_ids_of(view.events, view.projects)))
    assert len(cited) > 100
    whole = timeline_figures.sources_of(view, max_chars=None)
    assert whole == "Sources: " + "; ".join(cited)
    short = timeline_figures.sources_of(view)
    assert len(short) <= CHART_SOURCE_CHARS
    named, more = short.removeprefix("Sources: ").rsplit(" and ", 1)
    assert named.split("; ") == cited[:len(named.split("; "))]
    assert more == f"{len(cited) - len(named.split('; '))} more"
    # what the figures write at their foot, wrapped into lines
    figure_text = timeline_figure(view).layout.annotations[-1].text.replace("<br>", " ")
    assert html.unescape(figure_text) == short
    participants = participants_figure(view, participants_by_period(view))
    foot = html.unescape(participants.layout.annotations[-1].text.replace("<br>", " "))
    assert foot == participant_sources(view) and foot.endswith(" more")
    counts_cited = dict.fromkeys(bundled_dataset.short_citations.get(s, s) for s in
                                 source_ids_of(view.events, view.event_countries))
    assert participant_sources(view, max_chars=None) == "Sources: " + "; ".join(counts_cited)


def test_a_country_cell_names_its_first_shared_counts_and_how_many_more(bundled_dataset, monkeypatch):
    """At 100,000 events a country's cell listed thousands of counts not split by country (about
    10 MB of table per rerun): it names the first SHARED_LISTED and how many more."""
    view = apply_filters(bundled_dataset, FilterState())
    whole = country_participation(view).set_index("iso3")["in_shared_counts"]
    listed = {iso3: cell.split("; ") for iso3, cell in whole.items() if cell}
    iso3, texts = max(listed.items(), key=lambda item: len(item[1]))
    assert 3 <= len(texts) <= participation_by_country.SHARED_LISTED  # all of them, at this size
    monkeypatch.setattr(participation_by_country, "SHARED_LISTED", 2)
    cut = country_participation(apply_filters(bundled_dataset, FilterState())).set_index("iso3")
    assert cut.loc[iso3, "in_shared_counts"] == f"{texts[0]}; {texts[1]}; and {len(texts) - 2} more"
