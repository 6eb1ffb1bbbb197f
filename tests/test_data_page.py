"""The Data page: tables browsable with readable columns, searchable, downloads that hold
exactly the rows shown, the whole dataset as a zip, and the data-quality panel."""

from __future__ import annotations

import io
import re
import zipfile

import pandas as pd
import pytest

import components.downloads
from components.browse import column_config
from components.pages import PAGES
from crossings.data.schema import TABLES, TABLES_BY_NAME
from crossings.exports.tables import csv_bytes, dataset_zip, excel_bytes
from crossings.files import DATA_DIR
from crossings.views.filtered_view import apply_filters
from crossings.views.filters import FilterState
from crossings.views.tables import BROWSABLE, browse
from tests.helpers import set_cell
from tests.test_app_pages import open_page

DATA = next(p for p in PAGES if p.url_path == "data")


def view_of(dataset, **filters):
    return apply_filters(dataset, FilterState(**filters))


# --- the core: crossings.views.tables -------------------------------------------------------------

def test_every_table_is_browsable():
    assert {info.name for info in BROWSABLE} == {table.name for table in TABLES}


def test_filtered_table_with_readable_columns(dataset):
    shown = browse(view_of(dataset, funders=("GOV-JPN",)), "events")
    assert shown.rows["event_id"].tolist() == ["EV-2015-NIAMEY"]
    assert (shown.in_view, shown.total) == (1, 9)
    niamey = shown.display.iloc[0]
    assert niamey["when"] == "29–30 July 2015"
    assert niamey["host name"] == "Niger"
    assert niamey["project title"] == "G5 Sahel CBM"
    assert niamey["topics labels"] == "Coordinated border management; Border management"
    # the date's own source has an address; the seed itself has none
    assert niamey["date_source link"] == "https://africanews.it/english/mali-hosts-regional-border-management-workshop"
    assert pd.isna(niamey["source link"])
    kinds = {column.name: column.kind for column in shown.columns}
    assert kinds["start_date"] == "date" and kinds["participants"] == "int" and kinds["source link"] == "link"


def test_money_and_links_in_funding(dataset):
    shown = browse(view_of(dataset, instruments=("AMIF",)), "funding")
    row = shown.display.iloc[0]
    assert (row["funding_id"], row["amount"], row["currency"]) == ("F-JEMPAS2-AMIF", 189403.21, "EUR")
    assert (row["funder name"], row["instrument name"], row["project title"]) == ("EU", "AMIF", "JEMPAS II")
    assert row["source link"].startswith("https://www.migrationpartnershipfacility.eu/")
    assert {column.name: column.kind for column in shown.columns}["amount"] == "money"


def test_project_dates_keep_their_precision(dataset):
    shown = browse(view_of(dataset), "projects")
    when = dict(zip(shown.display["project_id"], shown.display["when"], strict=True))
    assert when["P-JEMPAS-II"] == "February 2020 – October 2021"
    assert when["P-JOR-SYRIA"] == "from 19 September 2017"
    assert when["P-IRN-BMM"] == "date unknown"


def test_reference_tables_ignore_the_filters(dataset):
    shown = browse(view_of(dataset, countries=("NER",)), "sources")
    assert not shown.info.filtered
    assert len(shown.rows) == shown.total == 24


@pytest.mark.parametrize(("table", "query", "expected"), [
    ("events", "cairo", {"EV-2018-JOR-ROUNDTABLE", "EV-2020-ONLINE-TRIP", "EV-2021-CAIRO"}),
    ("events", "  JORDAN   training ", {"EV-JOR-FRONTLINE-TRAININGS", "EV-JEMPAS2-THB-TRAINING"}),
    ("events", "Türkiye", {"EV-IRN-WORKSHOP"}),  # the note writes Turkiye
    ("events", "Niger", {"EV-2015-NIAMEY"}),  # found through the host's name
    ("events", "", None),
])
def test_search(dataset, table, query, expected):
    shown = browse(view_of(dataset), table, query)
    found = set(shown.rows["event_id"])
    assert found == (expected if expected is not None else set(dataset.events["event_id"]))
    assert shown.display.index.equals(shown.rows.index)


def test_search_folds_accents_in_the_data_too(dataset):
    shown = browse(view_of(dataset), "countries", "turkiye")
    assert shown.rows["iso3"].tolist() == ["TUR"]


def test_downloads_hold_the_rows_shown_with_the_curated_columns(dataset):
    shown = browse(view_of(dataset, countries=("JOR",)), "events", "training Jordan")
    assert set(shown.rows["event_id"]) == {"EV-JOR-FRONTLINE-TRAININGS", "EV-JEMPAS2-THB-TRAINING"}
    from_csv = pd.read_csv(io.BytesIO(csv_bytes(shown.rows)), encoding="utf-8-sig")
    from_excel = pd.read_excel(io.BytesIO(excel_bytes(shown.rows)))
    for frame in (from_csv, from_excel):
        assert list(frame.columns) == TABLES_BY_NAME["events"].names
        assert frame["event_id"].tolist() == shown.rows["event_id"].tolist()


def test_whole_dataset_zip_holds_every_file_as_curated():
    first, second = dataset_zip(DATA_DIR), dataset_zip(DATA_DIR)
    assert first == second  # the same files give the same bytes
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        names = archive.namelist()
        assert names == [f"crossings-data/{table.file}" for table in TABLES] + ["crossings-data/README.md"]
        for table in TABLES:
            assert archive.read(f"crossings-data/{table.file}") == (DATA_DIR / table.file).read_bytes()


# --- the page ---------------------------------------------------------------------------------

@pytest.fixture
def downloads(monkeypatch):
    """What the page's download buttons were given (the files are written from it when clicked):
    the page calls the real download helper."""
    given: list[pd.DataFrame] = []
    real = components.downloads.download_buttons

    def recording(frame, *args, **kwargs):
        given.append(frame.copy())
        return real(frame, *args, **kwargs)

    monkeypatch.setattr(components.downloads, "download_buttons", recording)
    return given


def test_page_downloads_equal_the_filtered_rows(downloads):
    at = open_page(DATA, {"funder": "EU", "table": "funding", "instrument": "ICSP,AMIF"})
    assert not at.exception
    assert at.selectbox(key="data_table").value == "funding"
    shown = at.dataframe[0].value
    assert shown["funding_id"].tolist() == ["F-JEMPAS2-AMIF", "F-JORSYR-ICSP"]
    csv_files = [pd.read_csv(io.BytesIO(csv_bytes(frame)), encoding="utf-8-sig") for frame in downloads]
    rows_download = [f for f in csv_files if "funding_id" in f.columns]
    assert rows_download[-1]["funding_id"].tolist() == ["F-JEMPAS2-AMIF", "F-JORSYR-ICSP"]
    assert rows_download[-1]["amount"].tolist() == [189403.21, 5280000.0]
    assert "2 of 5 rows match the filters" in " ".join(c.value for c in at.caption)


def test_page_search_is_in_the_link():
    at = open_page(DATA, {"q": "cairo"})
    assert not at.exception
    assert at.text_input(key="data_search").value == "cairo"
    assert len(at.dataframe[0].value) == 3
    at.text_input(key="data_search").input("biometrics").run()
    assert at.query_params == {"q": "biometrics"}
    assert at.dataframe[0].value["event_id"].tolist() == ["EV-2021-CAIRO"]


def test_unknown_table_in_the_link_is_ignored_with_a_notice():
    at = open_page(DATA, {"table": "salaries"})
    assert not at.exception
    assert "Ignored 'table=salaries' in the link" in at.warning[0].value
    assert at.selectbox(key="data_table").value == "events"
    assert "table" not in at.query_params


def test_clean_data_quality_panel():
    at = open_page(DATA)
    assert not at.exception
    assert at.success[0].value.startswith("The validator found no problems: all 3,471 rows")


def test_data_quality_panel_lists_what_the_validator_found(data_copy, monkeypatch):
    row = set_cell(data_copy / "events.csv", "event_id", "EV-2021-CAIRO", "host_iso3", "XEG")
    monkeypatch.setenv("CROSSINGS_DATA_DIR", str(data_copy))
    at = open_page(DATA)
    assert not at.exception
    # the event, and the 11 country and 12 organisation rows that refer to it
    assert "The validator found 24 errors." in at.error[0].value
    problems = next(frame.value for frame in at.dataframe if "expected" in frame.value.columns)
    assert problems["file"].value_counts().to_dict() == {
        "event_countries.csv": 11, "event_organisations.csv": 12, "events.csv": 1}
    problem = problems[problems["file"] == "events.csv"].iloc[0]
    assert (problem["severity"], problem["row"], problem["column"], problem["value"]) == (
        "error", row, "host_iso3", "XEG")
    assert ("Rows left out: events.csv 1 · event_countries.csv 11 · event_organisations.csv 12"
            in " ".join(c.value for c in at.caption))
    assert "EV-2021-CAIRO" not in set(at.dataframe[0].value["event_id"])


def test_columns_read_in_words_and_codes_by_what_they_stand_for(dataset):
    """On screen: 'Funder' and 'EU', not funder_id; 'in person', not in_person; the row's own id
    kept (people find the row in the file by it). The downloads keep the curated columns."""
    view = apply_filters(dataset, FilterState())
    funding = browse(view, "funding")
    shown = [(column.name, column.header) for column in funding.columns if not column.hidden]
    assert [header for _, header in shown] == [
        "Id", "Project", "Funder", "Instrument", "Amount", "Currency", "Value date", "Value date precision",
        "Status", "Amount basis", "Notes", "Source", "Source, link", "Visibility"]
    assert {column.name for column in funding.columns if column.hidden} == {
        "project_id", "funder_id", "instrument_id", "source_id"}
    first = funding.display.iloc[0]
    assert first["funder name"] == "EU"
    assert first["source name"] == "Migration Partnership Facility (ICMPD) (n.d.)"
    events = browse(view, "events")
    assert set(events.display["mode"]) == {"in person", "online", "not known"}
    assert set(events.rows["mode"]) == {"in_person", "online", "unknown"}  # what a download holds
    config = column_config(funding.columns)
    assert config["funder_id"] is None and config["funder name"]["label"] == "Funder"


def test_the_page_says_when_excel_cuts_a_cell(data_copy, monkeypatch):
    """A 100,004-character title: the Data page says, beside the downloads, that Excel cuts it."""
    set_cell(data_copy / "events.csv", "event_id", "EV-2021-CAIRO", "title", "T" * 100_004)
    monkeypatch.setenv("CROSSINGS_DATA_DIR", str(data_copy))
    at = open_page(DATA, {"table": "events"})
    assert not at.exception
    [notice] = [c.value for c in at.caption if "Excel keeps at most" in c.value]
    assert notice.startswith("Excel keeps at most 32,767 characters in a cell: 1 cell(s) here are longer")
    monkeypatch.delenv("CROSSINGS_DATA_DIR")  # the bundled data: nothing is cut, nothing said
    assert not [c for c in open_page(DATA, {"table": "events"}).caption if "Excel keeps" in c.value]


@pytest.mark.parametrize("which", ["test", "bundled"])
def test_no_listed_value_is_shown_as_the_data_writes_it(dataset, bundled_dataset, which):
    """'unknown' in the Mode, Date status, Start and End status and Status columns read as the
    data's own word, not the page's: every listed value is shown in words ('not known', 'in
    person'), claims' values too; the rows a download holds keep the values as curated."""
    view = apply_filters(dataset if which == "test" else bundled_dataset, FilterState())
    raw = []
    for info in BROWSABLE:
        shown = browse(view, info.name)
        listed = {column.name for column in info.schema.columns if column.kind == "enum"} | (
            {"value"} if info.name == "claims" else set())
        for column in shown.columns:
            if column.name in listed and not column.hidden:
                words = set(shown.display[column.name].dropna().astype(str))
                raw += [(info.name, column.name, word) for word in words
                        if word == "unknown" or ("_" in word and " " not in word)]
    assert raw == []
    projects = browse(view, "projects")
    assert "unknown" in set(projects.rows["end_status"])  # in the download
    assert "not known" in set(projects.display["end_status"])


SEED_FILE_NAME = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")


@pytest.mark.parametrize("which", ["test", "bundled"])
def test_notes_name_sources_as_cited(dataset, bundled_dataset, which):
    """The sources table's Notes read 'see Crossings (2026)' and 'Seed document 000', as on the
    Sources page, never 'REF-CURATOR-NOTES' or '000_385ff46d3531a72e.txt'; every other note
    column too. The download keeps the notes as curated."""
    data = dataset if which == "test" else bundled_dataset
    view = apply_filters(data, FilterState())
    ids = re.compile(r"\b(" + "|".join(map(re.escape, data.short_citations)) + r")\b(?![-\w])")
    raw = []
    for info in BROWSABLE:
        shown = browse(view, info.name)
        for column in [c for c in shown.columns if c.name == "notes" or c.name.endswith("note")]:
            raw += [(info.name, column.name, note) for note in shown.display[column.name].dropna()
                    if ids.search(note) or SEED_FILE_NAME.search(note)]
    assert raw == []
    sources = browse(view, "sources")
    assert SEED_FILE_NAME.search(sources.rows["notes"].iloc[0])  # as curated, in the download
    assert sources.display["notes"].iloc[0].startswith("Seed document 000")


def test_page_shows_the_sources_notes_in_words():
    at = open_page(DATA, {"table": "sources"})
    assert not at.exception
    notes = at.dataframe[0].value["notes"].dropna()
    assert ("Seed document 000. The year is not stated; see Crossings (2026) for the inferred date."
            in set(notes))
    assert not any(SEED_FILE_NAME.search(note) or "REF-CURATOR-NOTES" in note for note in notes)
