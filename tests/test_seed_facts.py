"""Every fact the five seed documents state, read back through the data layer, exactly."""

from __future__ import annotations

import pandas as pd
import pytest

from crossings.views.filtered_view import apply_filters
from crossings.views.filters import FilterState


@pytest.fixture(scope="module")
def dataset(bundled_dataset):
    """The seeds' facts are checked in the data the app ships, not only in the test data."""
    return bundled_dataset


def one(frame: pd.DataFrame, column: str, value: str) -> pd.Series:
    rows = frame[frame[column] == value]
    assert len(rows) == 1, f"expected one row with {column}={value}, found {len(rows)}"
    return rows.iloc[0]


def event_countries(dataset, event_id: str, role: str) -> set[str]:
    ec = dataset.event_countries
    return set(ec.loc[(ec["event_id"] == event_id) & (ec["role"] == role), "country_iso3"])


def event_orgs(dataset, event_id: str, role: str) -> set[str]:
    eo = dataset.event_organisations
    return set(eo.loc[(eo["event_id"] == event_id) & (eo["role"] == role), "org_id"])


def test_bundled_data_is_clean(dataset):
    assert dataset.problems == []


# --- seed 003: Cairo ------------------------------------------------------------------------

def test_cairo_workshop_dates_place_and_count(dataset):
    cairo = one(dataset.events, "event_id", "EV-2021-CAIRO")
    assert (cairo["start_date"], cairo["end_date"], cairo["start_precision"], cairo["end_precision"]) == (
        "2021-07-27", "2021-07-29", "day", "day")
    assert cairo["status"] == "held"
    assert cairo["city"] == "Cairo"
    assert cairo["host_iso3"] == "EGY"
    assert "Police Academy" in cairo["venue"] and "Ministry of Interior" in cairo["venue"]
    assert cairo["participants"] == 55
    assert cairo["source_id"] == "SEED-003"


def test_cairo_participants_are_the_eight_countries(dataset):
    assert event_countries(dataset, "EV-2021-CAIRO", "participant") == {
        "SAU", "TUN", "BHR", "COM", "JOR", "EGY", "YEM", "SDN"}
    # The 55 are not split by country: no per-country count is invented.
    ec = dataset.event_countries
    assert ec.loc[ec["event_id"] == "EV-2021-CAIRO", "participants"].isna().all()


def test_cairo_organisers_and_contributors(dataset):
    assert event_orgs(dataset, "EV-2021-CAIRO", "organiser") == {"EGY-MOI", "NAUSS", "IOM", "UNOCT"}
    assert event_orgs(dataset, "EV-2021-CAIRO", "contributor") == {
        "UNODC", "ICAO", "OICT", "IATA", "AIT", "GOV-EGY", "GOV-BEL"}
    assert event_countries(dataset, "EV-2021-CAIRO", "contributor") == {"EGY", "BEL"}


def test_online_forerunner_workshop_late_2020(dataset):
    online = one(dataset.events, "event_id", "EV-2020-ONLINE-TRIP")
    assert (online["start_date"], online["start_precision"], online["mode"]) == ("2020", "year", "online")
    assert online["status"] == "held"  # seed 003 says the Cairo workshop follows it
    assert "late 2020" in online["date_note"]
    assert event_orgs(dataset, "EV-2020-ONLINE-TRIP", "organiser") == {"NAUSS", "IOM", "ICAO"}


def test_online_workshop_names_the_arab_league_not_its_members(dataset):
    """Seed 003 says 'all Arab League Member States' and names none of them: the event names
    the group, and no country is credited to the seed."""
    assert event_countries(dataset, "EV-2020-ONLINE-TRIP", "participant") == set()
    groups = dataset.event_groups[dataset.event_groups["event_id"] == "EV-2020-ONLINE-TRIP"]
    assert list(zip(groups["group_id"], groups["role"], groups["source_id"], strict=True)) == [
        ("ARAB-LEAGUE", "participant", "SEED-003")]
    members = dataset.group_members[dataset.group_members["group_id"] == "ARAB-LEAGUE"]
    assert set(members["source_id"]) == {"REF-FACTBOOK-LAS"}  # a source that lists them
    assert len(members) == 21 and "PSE" not in set(members["country_iso3"])


# --- seed 002: JEMPAS II ----------------------------------------------------------------------

def test_jempas_ii_project(dataset):
    jempas = one(dataset.projects, "project_id", "P-JEMPAS-II")
    assert jempas["implementer_id"] == "ICMPD"
    assert (jempas["start_date"], jempas["start_precision"]) == ("2020-02", "month")
    assert (jempas["end_date"], jempas["end_precision"]) == ("2021-10", "month")
    assert jempas["status"] == "completed"
    assert jempas["countries_text"] == "EU countries, Jordan"


def test_jempas_ii_funding_lines_exact(dataset):
    lines = dataset.funding[dataset.funding["project_id"] == "P-JEMPAS-II"].set_index("instrument_id")
    assert set(lines.index) == {"AMIF", "ISF-POLICE"}
    assert lines.loc["AMIF", "amount"] == 189403.21
    assert lines.loc["ISF-POLICE", "amount"] == 206308.69
    assert set(lines["currency"]) == {"EUR"}
    assert set(lines["funder_id"]) == {"EU"}
    assert round(lines["amount"].sum(), 2) == 395711.90


def test_jempas_ii_end_date_disagreement_is_kept(dataset):
    claims = dataset.claims
    ends = claims[(claims["record_id"] == "P-JEMPAS-II") & (claims["field"] == "end_date")]
    assert dict(zip(ends["value"], ends["source_id"], strict=True)) == {
        "2021-10": "SEED-002", "2021-07": "SEC-ICMPD-JEMPAS2"}


def test_jempas_i_predecessor(dataset):
    jempas1 = one(dataset.projects, "project_id", "P-JEMPAS-I")
    assert jempas1["implementer_id"] == "ICMPD"
    line = one(dataset.funding, "project_id", "P-JEMPAS-I")
    assert (line["amount"], line["currency"], line["funder_id"]) == (2500000, "EUR", "EU")
    pc = dataset.project_countries
    assert set(pc.loc[pc["project_id"] == "P-JEMPAS-I", "country_iso3"]) == {
        "JOR", "BGR", "HUN", "POL", "PRT", "ROU"}


# --- seed 004: Iran ---------------------------------------------------------------------------

def test_iran_workshop_81_officials_date_unknown(dataset):
    iran = one(dataset.events, "event_id", "EV-IRN-WORKSHOP")
    assert iran["participants"] == 81
    assert iran["host_iso3"] == "IRN"
    assert (iran["start_precision"], iran["end_precision"], iran["date_status"]) == (
        "unknown", "unknown", "unknown")
    assert pd.isna(iran["start_date"]) and pd.isna(iran["start_date_first"])
    assert iran["mode"] == "unknown"  # the source does not say where it took place
    assert event_countries(dataset, "EV-IRN-WORKSHOP", "expert_origin") == {"AFG", "IRQ", "PAK"}


def test_iran_borders(dataset):
    iran = one(dataset.countries, "iso3", "IRN")
    assert iran["land_border_km"] == 5894
    assert iran["coastline_km"] == 2440
    assert iran["land_neighbours"] == 7
    land = dataset.borders[(dataset.borders["country_iso3"] == "IRN") & (dataset.borders["kind"] == "land")]
    assert dict(zip(land["neighbour_iso3"], land["length_km"], strict=True)) == {
        "AFG": 921, "ARM": 44, "AZE": 689, "IRQ": 1599, "PAK": 959, "TKM": 1148, "TUR": 534}
    assert land["length_km"].sum() == 5894


def test_iran_thirteen_neighbours_kept_with_its_source(dataset):
    claims = dataset.claims
    seed = claims[(claims["record_id"] == "IRN") & (claims["source_id"] == "SEED-004")]
    assert dict(zip(seed["field"], seed["value"], strict=True)) == {
        "neighbours": "13", "land_border_km": "5894", "coastline_km": "2440"}
    maritime = dataset.borders[(dataset.borders["country_iso3"] == "IRN")
                               & (dataset.borders["kind"] == "maritime")]
    gulf_only = set(maritime["neighbour_iso3"]) - {"AFG", "ARM", "AZE", "IRQ", "PAK", "TKM", "TUR"}
    assert {"KWT", "SAU", "BHR", "QAT", "ARE", "OMN"} <= gulf_only


# --- seed 001: Niamey -------------------------------------------------------------------------

def test_niamey_workshop(dataset):
    niamey = one(dataset.events, "event_id", "EV-2015-NIAMEY")
    assert (niamey["start_date"], niamey["end_date"], niamey["start_precision"], niamey["end_precision"]) == (
        "2015-07-29", "2015-07-30", "day", "day")
    assert niamey["date_status"] == "resolved"
    assert niamey["city"] == "Niamey" and niamey["host_iso3"] == "NER"
    assert event_countries(dataset, "EV-2015-NIAMEY", "participant") == {"MLI", "NER", "MRT", "BFA", "TCD"}


def test_niamey_project_japan_twelve_months(dataset):
    project = one(dataset.projects, "project_id", "P-G5-CBM")
    assert project["title"] == "Coordinated Border Management in Mali, Niger, Mauritania and Burkina Faso"
    start, end = project["start_date_first"], project["end_date_last"]
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    assert months == 12
    line = one(dataset.funding, "project_id", "P-G5-CBM")
    assert (line["funder_id"], line["amount"], line["currency"], line["status"]) == (
        "GOV-JPN", 1425000, "USD", "estimated")
    # the seed gives the length only: both dates are credited to IOM's factsheet
    assert (project["start_status"], project["start_source_id"], project["end_status"],
            project["end_source_id"]) == ("resolved", "SEC-IOM-SAHEL-FACTSHEET", "resolved",
                                          "SEC-IOM-SAHEL-FACTSHEET")


def test_funder_japan_keeps_niamey_and_the_g5(dataset):
    view = apply_filters(dataset, FilterState(funders=("GOV-JPN",)))
    assert "EV-2015-NIAMEY" in view.events["event_id"].tolist()
    assert "P-G5-CBM" in view.projects["project_id"].tolist()
    niamey = apply_filters(dataset, FilterState(funders=("GOV-JPN",), countries=("NER",), year_to=2015))
    assert niamey.events["event_id"].tolist() == ["EV-2015-NIAMEY"]
    assert set(niamey.countries_engaged) >= {"MLI", "NER", "MRT", "BFA", "TCD"}


# --- seed 000: Jordan roundtable --------------------------------------------------------------

def test_jordan_roundtable_icsp(dataset):
    roundtable = one(dataset.events, "event_id", "EV-2018-JOR-ROUNDTABLE")
    assert roundtable["kind"] == "roundtable"
    assert roundtable["start_date"] == "2018-04-23"
    assert roundtable["date_status"] == "inferred"
    assert roundtable["host_iso3"] == "JOR"
    project_lines = dataset.funding[dataset.funding["project_id"] == roundtable["project_id"]]
    assert set(project_lines["instrument_id"]) == {"ICSP"}
    icsp = one(dataset.organisations, "org_id", "ICSP")
    assert icsp["name"] == "Instrument contributing to Stability and Peace"
    assert event_countries(dataset, "EV-2018-JOR-ROUNDTABLE", "expert_origin") == {"TUR", "IRQ", "EGY"}
    assert roundtable["mode"] == "unknown"  # the seed says neither where nor whether in person


def test_roundtable_experts_from_cairo_are_marked_inferred(dataset):
    """The seed names IOM's Regional Office based in Cairo, not Egypt: the row says so, and
    the reasoning has a source of its own."""
    ec = dataset.event_countries
    rows = ec[(ec["event_id"] == "EV-2018-JOR-ROUNDTABLE") & (ec["role"] == "expert_origin")]
    basis = dict(zip(rows["country_iso3"], rows["basis"], strict=True))
    assert basis == {"TUR": "stated", "IRQ": "stated", "EGY": "inferred"}
    egypt = rows[rows["country_iso3"] == "EGY"].iloc[0]
    assert egypt["basis_source_id"] == "SEED-003" and "Regional Office" in egypt["basis_note"]


def test_jordan_syria_project_start_credited_to_the_release_that_gives_it(dataset):
    project = one(dataset.projects, "project_id", "P-JOR-SYRIA")
    assert (project["start_date"], project["start_status"], project["start_source_id"]) == (
        "2017-09-19", "resolved", "SEC-IOM-JOR-2017")
    assert pd.isna(project["end_date"]) and project["end_status"] == "unknown"


def test_caspian_neighbours_credited_to_the_entry_that_lists_them(dataset):
    borders = dataset.borders
    caspian = borders[(borders["country_iso3"] == "IRN") & (borders["sea"] == "Caspian Sea")]
    assert dict(zip(caspian["neighbour_iso3"], caspian["source_id"], strict=True)) == {
        "AZE": "REF-FACTBOOK-IRN", "TKM": "REF-FACTBOOK-IRN", "KAZ": "REF-FACTBOOK-IRN",
        "RUS": "REF-FACTBOOK-IRN"}
    assert "general geography" not in " ".join(caspian["note"].dropna())


def test_cairo_release_publication_date_is_marked_inferred(dataset):
    seed = one(dataset.sources, "source_id", "SEED-003")
    assert (seed["published"], seed["published_status"], seed["published_source_id"]) == (
        "2021-07", "inferred", "SEED-003")
    assert "today's regional event" in seed["published_note"]


@pytest.mark.parametrize("iso3", ["BHR", "COM"])
def test_small_states_have_geometry(iso3, repo_root):
    import json

    features = json.loads((repo_root / "data" / "geo" / "countries.geojson").read_text())["features"]
    assert any(f["properties"]["iso3"] == iso3 and f["geometry"] for f in features)
