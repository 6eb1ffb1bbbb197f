"""The filter model: each dimension, combinations, the country-name traps, links and summaries.

Expected rows are worked out by hand from data/*.csv (nine events, five projects, five
funding lines) and written out here, not read back from the code."""

from __future__ import annotations

from dataclasses import replace

import pytest

from crossings.data.loading import load_dataset
from crossings.views.filtered_view import apply_filters
from crossings.views.filters import FilterState, choices, describe, from_query_params, to_query_params
from tests.helpers import read_rows, write_rows

ALL_EVENTS = {"EV-2015-NIAMEY", "EV-2018-JOR-ROUNDTABLE", "EV-JOR-FRONTLINE-TRAININGS",
              "EV-2020-ONLINE-TRIP", "EV-2021-CAIRO", "EV-IRN-WORKSHOP", "EV-JEMPAS2-MP-MEETING",
              "EV-JEMPAS2-RACO", "EV-JEMPAS2-THB-TRAINING"}
ALL_PROJECTS = {"P-JEMPAS-II", "P-JEMPAS-I", "P-JOR-SYRIA", "P-G5-CBM", "P-IRN-BMM"}
JEMPAS2_EVENTS = {"EV-JEMPAS2-MP-MEETING", "EV-JEMPAS2-RACO", "EV-JEMPAS2-THB-TRAINING"}
UNDATED_EVENTS = {"EV-JOR-FRONTLINE-TRAININGS", "EV-IRN-WORKSHOP"} | JEMPAS2_EVENTS


def kept(dataset, **filters) -> tuple[set[str], set[str], set[str]]:
    view = apply_filters(dataset, FilterState(**filters))
    return (set(view.events["event_id"]), set(view.projects["project_id"]),
            set(view.funding["funding_id"]))


@pytest.fixture(scope="module")
def options(dataset):
    return choices(dataset)


# --- no filter ------------------------------------------------------------------------------

def test_no_filter_keeps_everything(dataset):
    events, projects, funding = kept(dataset)
    assert events == ALL_EVENTS
    assert projects == ALL_PROJECTS
    assert len(funding) == 5


def test_view_frames_are_copies(dataset):
    view = apply_filters(dataset, FilterState())
    view.events.loc[view.events.index[0], "title"] = "changed"
    assert "changed" not in set(dataset.events["title"])
    assert view.table("sources") is dataset.sources  # reference tables are shown whole
    assert len(view.table("events")) == 9


# --- one dimension at a time ----------------------------------------------------------------

def test_country_as_host_or_participant(dataset):
    events, projects, funding = kept(dataset, countries=("JOR",))
    # hosted in Jordan (5), or Jordanian officials took part online (2020) and in Cairo (2021)
    assert events == {"EV-2018-JOR-ROUNDTABLE", "EV-JOR-FRONTLINE-TRAININGS", "EV-2020-ONLINE-TRIP",
                      "EV-2021-CAIRO"} | JEMPAS2_EVENTS
    assert projects == {"P-JEMPAS-II", "P-JEMPAS-I", "P-JOR-SYRIA"}
    assert funding == {"F-JEMPAS2-AMIF", "F-JEMPAS2-ISFP", "F-JEMPAS1-EU", "F-JORSYR-ICSP"}


def test_experts_from_a_country_do_not_count_as_taking_part(dataset):
    # Iraq sent experts to Jordan's roundtable and Iran's workshop (expert_origin) but its
    # officials took part only in the 2020 online workshop.
    assert kept(dataset, countries=("IRQ",))[0] == {"EV-2020-ONLINE-TRIP"}
    # Belgium only contributed expertise in Cairo: it is not a country the filter offers.
    assert "BEL" not in choices(dataset).countries


def test_project_partner_states_match_projects_only(dataset):
    events, projects, _ = kept(dataset, countries=("BGR",))
    assert events == set()
    assert projects == {"P-JEMPAS-I"}


def test_region_and_sub_region(dataset):
    events, projects, _ = kept(dataset, regions=("Southern Asia",))  # Iran, in UN M49
    assert (events, projects) == ({"EV-IRN-WORKSHOP"}, {"P-IRN-BMM"})
    events, projects, _ = kept(dataset, regions=("Africa",))
    assert events == {"EV-2015-NIAMEY", "EV-2020-ONLINE-TRIP", "EV-2021-CAIRO"}
    assert projects == {"P-G5-CBM"}
    events, projects, _ = kept(dataset, regions=("Europe",))
    assert (events, projects) == (set(), {"P-JEMPAS-I"})


def test_funder(dataset):
    events, projects, funding = kept(dataset, funders=("GOV-JPN",))
    assert (events, projects, funding) == ({"EV-2015-NIAMEY"}, {"P-G5-CBM"}, {"F-G5CBM-JPN"})
    events, projects, funding = kept(dataset, funders=("EU",))
    assert events == {"EV-2018-JOR-ROUNDTABLE", "EV-JOR-FRONTLINE-TRAININGS"} | JEMPAS2_EVENTS
    assert projects == {"P-JEMPAS-II", "P-JEMPAS-I", "P-JOR-SYRIA"}
    assert funding == {"F-JEMPAS2-AMIF", "F-JEMPAS2-ISFP", "F-JEMPAS1-EU", "F-JORSYR-ICSP"}


def test_instrument_keeps_only_its_funding_lines(dataset):
    events, projects, funding = kept(dataset, instruments=("AMIF",))
    assert (events, projects, funding) == (JEMPAS2_EVENTS, {"P-JEMPAS-II"}, {"F-JEMPAS2-AMIF"})
    events, projects, funding = kept(dataset, instruments=("ICSP",))
    assert events == {"EV-2018-JOR-ROUNDTABLE", "EV-JOR-FRONTLINE-TRAININGS"}
    assert funding == {"F-JORSYR-ICSP"}


def test_organisation_in_any_role(dataset):
    events, projects, _ = kept(dataset, organisations=("ICMPD",))
    assert events == JEMPAS2_EVENTS
    assert projects == {"P-JEMPAS-II", "P-JEMPAS-I"}


def test_organisation_in_a_role(dataset):
    events, projects, _ = kept(dataset, organisations=("IOM",), roles=("facilitator",))
    assert (events, projects) == ({"EV-IRN-WORKSHOP"}, set())
    events, projects, _ = kept(dataset, organisations=("IOM",), roles=("implementer",))
    assert events == set()
    assert projects == {"P-JOR-SYRIA", "P-G5-CBM", "P-IRN-BMM"}


def test_role_alone(dataset):
    events, projects, _ = kept(dataset, roles=("venue",))
    assert (events, projects) == ({"EV-2021-CAIRO"}, set())


def test_topic(dataset):
    events, projects, _ = kept(dataset, topics=("counter_trafficking",))
    assert events == {"EV-IRN-WORKSHOP", "EV-JEMPAS2-THB-TRAINING"}
    assert projects == {"P-JEMPAS-II", "P-JEMPAS-I", "P-IRN-BMM"}
    events, projects, _ = kept(dataset, topics=("biometrics", "asylum_protection"))
    assert events == {"EV-2021-CAIRO", "EV-JEMPAS2-RACO"}
    assert projects == {"P-JEMPAS-II"}


def test_event_kind_filters_events_only(dataset):
    events, projects, funding = kept(dataset, kinds=("training",))
    assert events == {"EV-JOR-FRONTLINE-TRAININGS", "EV-JEMPAS2-THB-TRAINING"}
    assert projects == ALL_PROJECTS
    assert len(funding) == 5


def test_years_overlap_and_undated_records_are_counted(dataset):
    view = apply_filters(dataset, FilterState(year_from=2015, year_to=2016))
    assert set(view.events["event_id"]) == {"EV-2015-NIAMEY"}
    # G5 Sahel ran April 2015 - March 2016; JEMPAS I from January 2016
    assert set(view.projects["project_id"]) == {"P-G5-CBM", "P-JEMPAS-I"}
    assert view.undated_excluded == len(UNDATED_EVENTS) == 5
    assert view.undated_projects_excluded == 1  # the Iran project has no dates


def test_a_project_with_no_known_end_counts_from_its_start(dataset):
    # Jordan-Syria border project: launched 19 September 2017, end unknown
    assert "P-JOR-SYRIA" in kept(dataset, year_from=2018, year_to=2018)[1]
    assert "P-JOR-SYRIA" in kept(dataset, year_from=2020)[1]
    assert "P-JOR-SYRIA" not in kept(dataset, year_to=2016)[1]
    events, projects, _ = kept(dataset, year_from=2018, year_to=2018)
    assert events == {"EV-2018-JOR-ROUNDTABLE"}
    assert projects == {"P-JEMPAS-I", "P-JOR-SYRIA"}


def test_open_year_bounds(dataset):
    events, projects, _ = kept(dataset, year_from=2020)
    assert events == {"EV-2020-ONLINE-TRIP", "EV-2021-CAIRO"}
    assert projects == {"P-JEMPAS-II", "P-JOR-SYRIA"}
    events, projects, _ = kept(dataset, year_to=2016)
    assert (events, projects) == ({"EV-2015-NIAMEY"}, {"P-G5-CBM", "P-JEMPAS-I"})


# --- combinations ---------------------------------------------------------------------------

def test_every_filter_narrows(dataset):
    # Jordan AND an African country: the two multi-country workshops; no project is both
    events, projects, _ = kept(dataset, countries=("JOR",), regions=("Africa",))
    assert (events, projects) == ({"EV-2020-ONLINE-TRIP", "EV-2021-CAIRO"}, set())
    events, projects, funding = kept(dataset, funders=("EU",), instruments=("AMIF",))
    assert (events, projects, funding) == (JEMPAS2_EVENTS, {"P-JEMPAS-II"}, {"F-JEMPAS2-AMIF"})
    assert kept(dataset, funders=("GOV-JPN",), instruments=("AMIF",)) == (set(), set(), set())
    events, projects, _ = kept(dataset, countries=("JOR",), kinds=("training",), funders=("EU",))
    assert events == {"EV-JOR-FRONTLINE-TRAININGS", "EV-JEMPAS2-THB-TRAINING"}
    assert projects == {"P-JEMPAS-II", "P-JEMPAS-I", "P-JOR-SYRIA"}


def test_funder_and_years_as_in_the_issue(dataset):
    state = FilterState(funders=("GOV-JPN",), year_from=2015, year_to=2016)
    view = apply_filters(dataset, state)
    assert set(view.events["event_id"]) == {"EV-2015-NIAMEY"}
    assert view.funding["amount"].tolist() == [1425000.0]
    assert describe(state, dataset) == "Funder: Japan · 2015–2016"


def test_nothing_matches_gives_empty_frames_with_columns(dataset):
    view = apply_filters(dataset, FilterState(countries=("BGR",), kinds=("workshop",), year_from=2021))
    assert view.events.empty and view.projects.empty
    assert "event_id" in view.events.columns
    assert view.countries_engaged == ()


# --- funders named without an amount, and at events ----------------------------------------

def test_funder_role_without_a_funding_line_still_matches(data_copy):
    path = data_copy / "project_organisations.csv"
    rows = read_rows(path)
    rows.append({"project_id": "P-IRN-BMM", "org_id": "GOV-JPN", "role": "funder", "source_id": "SEED-004"})
    write_rows(path, rows)
    path = data_copy / "event_organisations.csv"
    rows = read_rows(path)
    rows.append({"event_id": "EV-2021-CAIRO", "org_id": "GOV-BEL", "role": "funder", "source_id": "SEED-003"})
    write_rows(path, rows)
    dataset = load_dataset(data_copy)
    assert dataset.problems == []
    events, projects, funding = kept(dataset, funders=("GOV-JPN",))
    assert events == {"EV-2015-NIAMEY", "EV-IRN-WORKSHOP"}
    assert projects == {"P-G5-CBM", "P-IRN-BMM"}
    assert funding == {"F-G5CBM-JPN"}  # the Iran project has no amount to show
    assert kept(dataset, funders=("GOV-BEL",))[:2] == ({"EV-2021-CAIRO"}, set())
    assert {"GOV-JPN", "GOV-BEL", "EU"} == set(choices(dataset).funders)


# --- countries by ISO code, never by name ---------------------------------------------------

TRAP_PAIRS = {  # each code, and the codes whose names contain its name
    "SDN": "SSD",  # Sudan / South Sudan
    "NER": "NGA",  # Niger / Nigeria
    "GIN": "GNQ",  # Guinea / Equatorial Guinea
}


@pytest.fixture
def trap_dataset(data_copy):
    """The bundled data plus one event hosted in each trap country, one event attended by
    South Sudan, Nigeria, Equatorial Guinea and Guinea-Bissau only, and a South Sudan project."""
    events = read_rows(data_copy / "events.csv")
    template = dict.fromkeys(events[0], "")
    hosts = ["SDN", "SSD", "NER", "NGA", "GIN", "GNQ", "GNB"]
    for code in hosts:
        events.append({**template, "event_id": f"EV-TRAP-{code}", "title": f"Trap {code}",
                       "kind": "workshop", "status": "held", "mode": "in_person",
                       "date_status": "unknown", "host_iso3": code, "location_precision": "none",
                       "source_id": "SEED-001"})
    events.append({**template, "event_id": "EV-TRAP-NEIGHBOURS", "title": "Trap neighbours",
                   "kind": "meeting", "status": "held", "mode": "online",
                   "date_status": "unknown", "location_precision": "none", "source_id": "SEED-001"})
    write_rows(data_copy / "events.csv", events)
    taking_part = read_rows(data_copy / "event_countries.csv")
    for code in hosts:
        taking_part.append({"event_id": f"EV-TRAP-{code}", "country_iso3": code, "role": "host",
                            "participants": "", "source_id": "SEED-001"})
    for code in ("SSD", "NGA", "GNQ", "GNB"):
        taking_part.append({"event_id": "EV-TRAP-NEIGHBOURS", "country_iso3": code, "role": "participant",
                            "participants": "", "source_id": "SEED-001"})
    write_rows(data_copy / "event_countries.csv", taking_part)
    projects = read_rows(data_copy / "projects.csv")
    projects.append({**dict.fromkeys(projects[0], ""), "project_id": "P-TRAP-SSD",
                     "title": "Trap project", "start_status": "unknown", "end_status": "unknown",
                     "status": "unknown", "source_id": "SEED-001"})
    write_rows(data_copy / "projects.csv", projects)
    covered = read_rows(data_copy / "project_countries.csv")
    covered.append({"project_id": "P-TRAP-SSD", "country_iso3": "SSD", "role": "beneficiary",
                    "source_id": "SEED-001"})
    write_rows(data_copy / "project_countries.csv", covered)
    dataset = load_dataset(data_copy)
    assert dataset.problems == []
    assert dataset.country_name("SSD") == "South Sudan"
    assert dataset.country_name("GNQ") == "Equatorial Guinea"
    return dataset


def test_sudan_never_brings_in_south_sudan(trap_dataset):
    events, projects, _ = kept(trap_dataset, countries=("SDN",))
    assert events == {"EV-2020-ONLINE-TRIP", "EV-2021-CAIRO", "EV-TRAP-SDN"}
    assert projects == set()
    events, projects, _ = kept(trap_dataset, countries=("SSD",))
    assert events == {"EV-TRAP-SSD", "EV-TRAP-NEIGHBOURS"}
    assert projects == {"P-TRAP-SSD"}


def test_niger_never_brings_in_nigeria(trap_dataset):
    events, projects, _ = kept(trap_dataset, countries=("NER",))
    assert events == {"EV-2015-NIAMEY", "EV-TRAP-NER"}
    assert projects == {"P-G5-CBM"}
    assert kept(trap_dataset, countries=("NGA",))[0] == {"EV-TRAP-NGA", "EV-TRAP-NEIGHBOURS"}


def test_guinea_never_brings_in_equatorial_guinea_or_guinea_bissau(trap_dataset):
    assert kept(trap_dataset, countries=("GIN",))[0] == {"EV-TRAP-GIN"}
    assert kept(trap_dataset, countries=("GNQ",))[0] == {"EV-TRAP-GNQ", "EV-TRAP-NEIGHBOURS"}
    assert kept(trap_dataset, countries=("GNB",))[0] == {"EV-TRAP-GNB", "EV-TRAP-NEIGHBOURS"}


def test_trap_countries_in_links_match_by_code_only(trap_dataset):
    options = choices(trap_dataset)
    for code, lookalike in TRAP_PAIRS.items():
        state, notices = from_query_params({"country": code}, options)
        assert state.countries == (code,)
        assert notices == []
        assert lookalike not in state.countries
    # a name is not a code: nothing is guessed from it
    state, notices = from_query_params({"country": "Sudan,Niger,Guinea"}, options)
    assert state.countries == ()
    assert notices == ["Ignored unknown countries 'Sudan', 'Niger', 'Guinea' in the link."]


def test_region_of_a_trap_country_uses_its_own_sub_region(trap_dataset):
    # Sudan is in Northern Africa, South Sudan in Eastern Africa (UN M49)
    events, _, _ = kept(trap_dataset, regions=("Northern Africa",))
    assert "EV-TRAP-SDN" in events and "EV-TRAP-SSD" not in events
    events, _, _ = kept(trap_dataset, regions=("Eastern Africa",))
    assert "EV-TRAP-SSD" in events and "EV-TRAP-SDN" not in events


# --- what the filters offer -----------------------------------------------------------------

def test_choices_offer_only_what_occurs(options):
    assert options.regions == ("Africa", "Eastern Africa", "Middle Africa", "Northern Africa",
                               "Western Africa", "Asia", "Southern Asia", "Western Asia", "Europe",
                               "Eastern Europe", "Southern Europe")
    assert options.region_parents["Southern Asia"] == "Asia"
    assert options.funders == ("EU", "GOV-JPN")  # sorted by label: EU, Japan
    assert options.instruments == ("AMIF", "ICSP", "ISF-POLICE")  # AMIF, IcSP, ISF-Police
    assert options.kinds == ("meeting", "roundtable", "training", "workshop")
    assert options.years == (2015, 2021)
    assert len(options.countries) == 31
    assert options.countries[:3] == ("DZA", "BHR", "BGR")  # Algeria, Bahrain, Bulgaria


# --- links ------------------------------------------------------------------------------------

def test_link_round_trip(options):
    state = FilterState(countries=("JOR", "EGY"), regions=("Western Asia",), funders=("EU",),
                        instruments=("AMIF",), organisations=("ICMPD",), roles=("organiser",),
                        topics=("counter_trafficking",), kinds=("training", "meeting"),
                        year_from=2016, year_to=2020)
    params = to_query_params(state)
    assert params == {"country": "JOR,EGY", "region": "Western Asia", "funder": "EU",
                      "instrument": "AMIF", "org": "ICMPD", "role": "organiser",
                      "topic": "counter_trafficking", "kind": "training,meeting", "from": "2016",
                      "to": "2020"}
    assert from_query_params(params, options) == (state, [])
    assert to_query_params(FilterState()) == {}


def test_link_codes_ignore_case_and_repeats(options):
    state, notices = from_query_params({"country": ["jor", "EGY,Jor"], "funder": "gov-jpn"}, options)
    assert state.countries == ("JOR", "EGY")
    assert state.funders == ("GOV-JPN",)
    assert notices == []


def test_unknown_link_values_are_ignored_with_one_notice_per_filter(options):
    state, notices = from_query_params(
        {"country": "XXX,JOR", "funder": "ACME", "kind": "seminar,party", "topic": ""}, options)
    assert state == FilterState(countries=("JOR",))
    assert notices == ["Ignored unknown country 'XXX' in the link.",
                       "Ignored unknown funder 'ACME' in the link.",
                       "Ignored unknown event kinds 'seminar', 'party' in the link."]


def test_known_country_without_activity_is_named_in_the_notice(options):
    state, notices = from_query_params({"country": "BEL"}, options)
    assert state.countries == ()
    assert notices == ["Ignored Belgium (BEL) in the link: no event or project in the data involves it."]


def test_long_or_hostile_link_values_are_cut_short(options):
    value = "[click](https://example.org)" + "x" * 500
    _, notices = from_query_params({"org": value}, options)
    assert len(notices) == 1
    assert len(notices[0]) < 100
    assert notices[0].startswith("Ignored unknown organisation '[click](https://example.org)xxx")


@pytest.mark.parametrize(("params", "expected", "notice"), [
    ({"from": "2016", "to": "2018"}, (2016, 2018), None),
    ({"from": "2018", "to": "2016"}, (2016, 2018), "The link's years were the wrong way round"),
    ({"from": "abcd"}, (None, None), "Ignored 'from=abcd' in the link: not a year."),
    ({"to": "२०१६"}, (None, None), "not a year"),  # Devanagari digits are digits, not a year here
    ({"from": "1990", "to": "2017"}, (2015, 2017), "outside the years in the data (2015–2021): using 2015"),
    ({"to": "2030"}, (None, None), "using 2021"),  # 2015-2021: all the years, no filter
    ({"from": "2015", "to": "2021"}, (None, None), None),
    ({"from": "2015", "to": "2016"}, (2015, 2016), None),  # the issue's "2015–2016" reads back as it was
    ({"to": "2016"}, (2015, 2016), None),  # an open end is the data's first year
    ({"from": "2019"}, (2019, 2021), None),
])
def test_link_years(options, params, expected, notice):
    state, notices = from_query_params(params, options)
    assert (state.year_from, state.year_to) == expected
    if notice is None:
        assert notices == []
    else:
        assert len(notices) == 1 and notice in notices[0]


def test_links_never_raise(options):
    for params in ({"country": ""}, {"from": ""}, {"to": " "}, {"kind": ",,,"}, {"region": ["", ""]},
                   {"unrelated": "x"}, {"from": "99999999999999999999"}):
        state, _ = from_query_params(params, options)
        assert isinstance(state, FilterState)


# --- the summary ------------------------------------------------------------------------------

def test_describe(dataset):
    assert describe(FilterState(), dataset) == "All activity"
    assert describe(FilterState(countries=("SDN", "JOR")), dataset) == "Country: Sudan, Jordan"
    assert describe(FilterState(year_from=2018), dataset) == "from 2018"
    assert describe(FilterState(year_to=2019), dataset) == "until 2019"
    assert describe(FilterState(year_from=2018, year_to=2018), dataset) == "2018"
    full = FilterState(regions=("Western Asia",), instruments=("ICSP",), organisations=("IOM",),
                       roles=("organiser",), topics=("biometrics",), kinds=("workshop",))
    assert describe(full, dataset) == ("Region: Western Asia · Instrument: IcSP · Organisation: IOM · "
                                       "Role: organiser · Topic: Biometrics · Event kind: workshop")


def test_is_empty():
    assert FilterState().is_empty
    assert not replace(FilterState(), kinds=("workshop",)).is_empty
