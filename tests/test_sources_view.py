"""Sources: what each one gave (counted by hand from data/*.csv), the records relying on it,
and where two sources disagree (claims.csv)."""

from __future__ import annotations

from functools import partial

import pandas as pd

from components.pages import PAGES
from crossings.data.loading import load_dataset
from crossings.text.citations import readable_note, short_citation
from crossings.text.escaping import markdown_text
from crossings.views.disagreements import disagreements, other_claims
from crossings.views.filtered_view import apply_filters
from crossings.views.filters import FilterState
from crossings.views.profiles import country_profile, neighbour_statement
from crossings.views.sources import records_relying_on, source_usage
from tests.helpers import as_read, read_rows, write_rows
from tests.test_app_pages import open_page

SOURCES = next(p for p in PAGES if p.url_path == "sources")


def usage_of(dataset, source_id, view=None):
    usage = source_usage(dataset, view)
    return usage.set_index("source_id").loc[source_id]


def test_every_source_is_listed_in_file_order(dataset):
    usage = source_usage(dataset)
    assert usage["source_id"].tolist() == dataset.sources["source_id"].tolist()
    assert len(usage) == 24


def test_what_was_taken_from_a_seed(dataset):
    # seed 003 (Cairo): 5 topics and 11 organisations it names, the Arab League; 2 events, the
    # 11 country rows of Cairo and the Arab League as the online workshop's participant (no
    # country is credited to it for that workshop), 3 + 12 organisation rows; and the reasoning
    # that puts the roundtable's Cairo experts in Egypt
    cairo = usage_of(dataset, "SEED-003")
    assert cairo["taken from it"] == (
        "topics: 5 · organisations: 11 · groups: 1 · events: 2 · event countries (reasoning): 1 · "
        "event countries: 11 · event groups: 1 · event organisations: 15")
    assert (cairo["rows"], cairo["claims"]) == (47, 0)
    assert cairo["published"] == "July 2021 (inferred)"  # from its own text (published_note)
    assert pd.isna(cairo["link"])  # the seed's address is not known


def test_sources_of_dates_are_counted_apart(dataset):
    assert usage_of(dataset, "SEC-APO-BAMAKO")["taken from it"] == "events (dates): 1"
    assert usage_of(dataset, "REF-CURATOR-NOTES")["taken from it"] == "events (dates): 2 · claims: 2"
    relying = records_relying_on(dataset, "SEC-APO-BAMAKO")
    assert relying[["table", "record", "as"]].to_dict("records") == [
        {"table": "events", "record": "EV-2015-NIAMEY", "as": "its date"}]


def test_a_source_no_row_names_says_so(dataset):
    usage = usage_of(dataset, "SEC-JORDAN-TIMES-2017")
    assert usage["rows"] == 0
    assert usage["taken from it"] == "no row names it (see its notes)"
    assert usage["published"] == "20 September 2017"


def test_records_relying_on_a_source_and_the_filtered_view(dataset):
    view = apply_filters(dataset, FilterState(funders=("GOV-JPN",)))
    relying = records_relying_on(dataset, "SEED-001", view)
    # 1 project, 4 countries, 2 organisations; 1 event, 6 countries, the G5 Sahel as a group,
    # 1 organisation; 2 claims; the topic, organisations and group (with its 5 members) it names
    assert len(relying) == 27
    assert relying.groupby("table").size().to_dict() == {
        "claims": 2, "event_countries": 6, "event_groups": 1, "event_organisations": 1, "events": 1,
        "group_members": 5, "groups": 1, "organisations": 2, "project_countries": 4,
        "project_organisations": 2, "projects": 1, "topics": 1}
    niger = relying[(relying["table"] == "project_countries") & (relying["record"] == "P-G5-CBM · NER")]
    assert niger["what"].tolist() == ["G5 Sahel CBM · Niger (beneficiary)"]
    filtered = relying["table"].isin(["projects", "project_countries", "project_organisations", "events",
                                      "event_countries", "event_groups", "event_organisations"])
    assert relying.loc[filtered, "in view"].all()  # all about the Japan-funded project
    assert relying.loc[~filtered, "in view"].isna().all()  # claims and reference rows are not filtered
    assert usage_of(dataset, "SEED-001", view)["rows in view"] == 16
    assert usage_of(dataset, "SEED-003", view)["rows in view"] == 0


def test_jempas_ii_end_date_disagreement(dataset):
    found = {(d.table, d.record_id): d for d in disagreements(dataset)}
    assert list(found) == [("projects", "P-JEMPAS-II"), ("projects", "P-JEMPAS-I"), ("countries", "IRN")]
    jempas = found[("projects", "P-JEMPAS-II")]
    assert jempas.label == "JEMPAS II"
    assert jempas.fields == ["end_date"]
    row = jempas.grid.iloc[0].to_dict()
    assert row == {"fact": "end date", "in the data": "October 2021",
                   "Migration Partnership Facility (ICMPD) (n.d.)": "October 2021",
                   "ICMPD (n.d.)": "July 2021"}
    assert jempas.summaries == [
        "end date: October 2021 per Migration Partnership Facility (ICMPD) (n.d.) "
        "vs July 2021 per ICMPD (n.d.); the data uses October 2021"]
    assert jempas.notes[1] == ("ICMPD (n.d.) on the end date: ICMPD's own page: February 2020 to July "
                               "2021. Disagrees with the MPF page by three months.")


def test_two_sources_cited_alike_are_told_apart_by_their_titles(dataset):
    """JEMPAS I: two ICMPD pages without a date; each heading also starts its title, never an id."""
    jempas = next(d for d in disagreements(dataset) if d.record_id == "P-JEMPAS-I")
    assert list(jempas.grid.columns) == [
        "fact", "in the data", "ICMPD (n.d.), Support to the Mobility Partnership…",
        "ICMPD (n.d.), JEMPAS II", "ICMPD (2016)", "EU Neighbours South (2016)"]
    assert not any("SEC-" in text or "SEED-" in text for text in jempas.summaries + jempas.notes)


def test_iran_13_against_7_neighbours(dataset):
    iran = next(d for d in disagreements(dataset) if d.record_id == "IRN")
    assert iran.label == "Iran"
    grid = iran.grid.set_index("fact")
    assert grid.at["neighbours", "IOM Iran (n.d.)"] == "13"
    assert grid.at["land neighbours", "US Central Intelligence Agency (2026)"] == "7"
    assert grid.at["land neighbours", "in the data"] == "7"
    assert grid.at["neighbours", "in the data"] == "15"  # by land and sea, as borders.csv lists them
    land = grid.loc["land border km"]
    # IOM's note says its figure agrees with the Factbook: the Factbook column shows it (Iran's row
    # in countries.csv is taken from the Factbook), not a dash
    assert land["IOM Iran (n.d.)"] == land["in the data"] == "5,894"
    assert land["US Central Intelligence Agency (2026)"] == "5,894"
    assert grid.at["coastline km", "US Central Intelligence Agency (2026)"] == "2,440"
    # worded as the map and the presenter word it; IOM's 13 is never set against the curators' 13
    statement = neighbour_statement(country_profile(dataset, "IRN"), partial(short_citation, dataset))
    assert iran.summaries == [f"neighbours: {statement.text}"]
    assert iran.fields == ["neighbours"]
    assert " vs " not in iran.summaries[0]


def test_a_reckoning_that_gives_the_same_count_is_no_disagreement(data_copy):
    """IOM's 13 and the curators' '7 land + 6 across the Gulf = 13' agree; only the data's 15 (with
    the Caspian states) differs. With the Caspian rows gone, nothing is left to disagree about."""
    path = data_copy / "borders.csv"
    path.write_text("".join(line for line in path.read_text().splitlines(keepends=True)
                            if "Caspian littoral state (no shared land border)" not in line))
    dataset = load_dataset(data_copy)
    assert country_profile(dataset, "IRN").neighbour_count == 13
    assert "IRN" not in {d.record_id for d in disagreements(dataset)}


def test_other_claims_are_the_undisputed_ones(dataset):
    others = other_claims(dataset)
    assert len(others) == 19 - 2 - 5 - 5  # JEMPAS II, JEMPAS I and Iran claims are shown as disputes
    roundtable = others[others["source_id"] == "SEED-000"].iloc[0]
    assert roundtable["value"] == "Monday 23 April (no year)"  # not a date: shown as the source words it
    g5 = others[others["source_id"] == "SEC-IOM-SAHEL-FACTSHEET"].iloc[0]
    assert (g5["record"], g5["fact"], g5["value"]) == ("G5 Sahel CBM", "start date", "April 2015")


def test_same_value_from_two_sources_is_not_a_disagreement(data_copy):
    path = data_copy / "claims.csv"
    claims = read_rows(path)

    def claim(claim_id, record_id, field, value, source_id):
        return {**dict.fromkeys(claims[0], ""), "claim_id": claim_id, "table": "events",
                "record_id": record_id, "field": field, "value": value, "source_id": source_id}

    claims += [claim("CL-CAIRO-START-A", "EV-2021-CAIRO", "start_date", "2021-07-27", "SEED-003"),
               claim("CL-CAIRO-START-B", "EV-2021-CAIRO", "start_date", " 2021-07-27", "SEC-IOM-IRAN-IBG"),
               claim("CL-NIAMEY-PEOPLE-A", "EV-2015-NIAMEY", "participants", "30", "SEED-001"),
               claim("CL-NIAMEY-PEOPLE-B", "EV-2015-NIAMEY", "participants", "35", "SEC-APO-BAMAKO")]
    write_rows(path, claims)
    dataset = load_dataset(data_copy)
    assert dataset.errors == []  # the stray space is trimmed with a warning, not an error
    found = {d.record_id: d for d in disagreements(dataset)}
    assert "EV-2021-CAIRO" not in found
    niamey = found["EV-2015-NIAMEY"]
    assert niamey.summaries == ["participants: 30 per IOM (n.d.) vs 35 per APO Group (africanews) "
                                "(n.d.); the data uses blank"]


def test_sources_page():
    at = open_page(SOURCES, {"source": "SEC-APO-BAMAKO"})
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    assert "JEMPAS II" in text and "July 2021" in text and markdown_text("IOM Iran (n.d.) counts 13") in text
    assert at.selectbox(key="sources_source").value == "SEC-APO-BAMAKO"
    records = next(frame.value for frame in at.dataframe if "as" in frame.value.columns)
    assert records["record"].tolist() == ["EV-2015-NIAMEY"]
    assert at.query_params == {"source": "SEC-APO-BAMAKO"}
    assert {m.label: m.value for m in at.metric}["Records where sources disagree"] == "3"


def test_sources_page_ignores_an_unknown_source_in_the_link():
    at = open_page(SOURCES, {"source": "SEED-999"})
    assert not at.exception
    assert markdown_text("Ignored 'source=SEED-999' in the link") in at.warning[0].value
    assert at.selectbox(key="sources_source").value == "SEED-000"
    assert "source" not in at.query_params


def test_a_sources_notes_name_other_sources_and_seeds_in_words(dataset):
    notes = dataset.sources.set_index("source_id")["notes"]
    assert readable_note(dataset, notes["SEED-000"]) == (
        "Seed document 000. The year is not stated; see Crossings (2026) for the inferred date.")
    assert readable_note(dataset, notes["SEED-004"]).endswith("programme page (IOM Iran (n.d.)).")


def test_claim_notes_name_sources_as_cited():
    """The Sources page showed 'Year 2018 inferred by the curators (REF-CURATOR-NOTES).' in its
    tables of claims: every note there names a source as it is cited."""
    at = open_page(SOURCES)
    tables = [t.value.map(as_read) for t in at.table]
    others = next(t for t in tables if "Kind of record" in t.columns)
    assert set(others["Note"]) >= {
        "Year 2018 inferred by the curators (Crossings (2026)).",
        "Year 2015 from the release on the Bamako meeting (APO Group (africanews) (n.d.))."}
    said = next(t for t in tables if list(t.columns) == ["Record", "Fact", "Value", "Note"])  # SEED-000's
    assert list(said["Note"]) == ["Year 2018 inferred by the curators (Crossings (2026))."]
    shown = " ".join(str(value) for t in tables for value in t.to_numpy().ravel())
    shown += " ".join(c.value for c in at.caption)
    assert "REF-CURATOR-NOTES" not in shown and "SEC-APO-BAMAKO" not in shown


def test_sources_page_shows_no_raw_identifiers():
    """Ids stay in the data files (and the Data page's Id column): the Sources page names sources
    as they are cited and tables in words."""
    at = open_page(SOURCES)
    assert not at.exception
    words = " ".join(e.value for kind in ("markdown", "caption") for e in getattr(at, kind))
    for raw in ("[SEED-", "SEED-002", "REF-CURATOR-NOTES", "P-JEMPAS", "project_countries", ".txt"):
        assert raw not in words.replace("\\", ""), raw
    usage = next(frame for frame in at.dataframe if "taken from it" in frame.value.columns)
    assert "project countries: 4" in usage.value.at[1, "taken from it"]
