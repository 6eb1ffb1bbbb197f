"""From a draft to rows in every table, and the rows written all together or not at all;
duplicates found before anything is written."""

from __future__ import annotations

from datetime import date

import pytest

from crossings.access import Editor
from crossings.data import appending
from crossings.data.appending import preview_append, write_append
from crossings.data.importing import ImportRefusedError
from crossings.data.loading import load_dataset
from crossings.intake import draft_record, read_text
from crossings.intake.duplicates import address_key, probable_duplicates
from crossings.intake.record import NewOrganisation, Record, SourceInfo, record_from_draft
from crossings.intake.rows import record_rows
from crossings.views.filtered_view import apply_filters
from crossings.views.filters import FilterState
from tests.test_importing import folder_state

EDITOR = Editor("editor")

RELEASE = ("UNODC and Frontex train Chadian and Nigerien border officers in N'Djamena\n\n"
           "N'Djamena – The United Nations Office on Drugs and Crime (UNODC) held a five-day training on "
           "document fraud from 14 to 18 March 2022 in N'Djamena for 24 border officers from Chad and Niger, "
           "together with the Africa-Frontex Intelligence Community (AFIC). The training was funded by the "
           "Government of Japan.")


def rows_of(record: Record, data_copy):
    return record_rows(record, load_dataset(data_copy), today=date(2026, 12, 1))


def test_an_event_draft_becomes_rows_in_every_table(data_copy):
    draft = draft_record(read_text(RELEASE)).as_json()
    record = record_from_draft(draft)
    record.title = "Training on document fraud for Chadian and Nigerien border officers, N'Djamena"
    record.source = SourceInfo("https://example.org/news/ndjamena-training", draft["title"], "UNODC",
                               "2022-03")
    rows = rows_of(record, data_copy)
    assert rows.problems == [] and rows.record_id == "EV-2022-N-DJAMENA"
    [event] = rows.tables["events"].to_dict("records")
    assert (event["start_date"], event["end_date"], event["date_status"], event["status"]) == (
        "2022-03-14", "2022-03-18", "stated", "held")
    assert (event["city"], event["host_iso3"], event["participants"], event["kind"]) == (
        "N'Djamena", "TCD", "24", "training")
    assert event["location_precision"] == "city" and float(event["lat"]) == pytest.approx(12.1, abs=0.1)
    assert rows.tables["event_countries"][["country_iso3", "role"]].values.tolist() == [
        ["TCD", "host"], ["TCD", "participant"], ["NER", "participant"]]
    assert rows.tables["event_organisations"][["org_id", "role"]].values.tolist() == [
        ["UNODC", "organiser"], ["AFIC", "organiser"], ["GOV-JPN", "funder"]]
    # AFIC is not in organisations.csv: it is added, with what the extractor knows of it
    [afic] = rows.tables["organisations"].to_dict("records")
    assert (afic["org_id"], afic["name"], afic["org_type"], afic["parent_id"]) == (
        "AFIC", "Africa-Frontex Intelligence Community", "igo", "")  # Frontex is not in the data yet
    assert afic["notes"].endswith("Part of FRONTEX, which organisations.csv does not have yet.")
    [source] = rows.tables["sources"].to_dict("records")
    assert (source["source_id"], source["published"], source["published_status"], source["kind"]) == (
        "SRC-UNODC-202203", "2022-03", "stated", "press_release")
    assert set(rows.tables["events"]["source_id"]) == {"SRC-UNODC-202203"}

    preview = preview_append(data_copy, rows.tables)
    assert preview.problems == [] and preview.can_write
    write_append(preview, data_copy, EDITOR)
    after = load_dataset(data_copy)
    assert after.problems == []
    assert "EV-2022-N-DJAMENA" in set(after.events["event_id"])
    assert "AFIC" in set(after.organisations["org_id"])
    assert rows.tables["topics"]["topic_id"].tolist() == ["document_fraud"]  # proposed as new
    backups = {p.name.split(".")[0] for p in (data_copy / "backups").glob("*.csv")}  # one per table written
    assert backups == {"sources", "topics", "organisations", "events", "event_countries",
                       "event_organisations"}


def test_a_year_less_date_is_kept_year_less(data_copy):
    record = Record(title="Workshop in Bamako", date_text="XXXX-09-25/XXXX-09-29", host_iso3="MLI",
                    city="Bamako", source=SourceInfo(title="A release"))
    rows = rows_of(record, data_copy)
    [event] = rows.tables["events"].to_dict("records")
    assert (event["start_date"], event["end_date"], event["date_status"]) == (
        "XXXX-09-25", "XXXX-09-29", "stated")
    assert "without the year" in event["date_note"]
    assert preview_append(data_copy, rows.tables).problems == []  # the model holds it as it is


def test_an_announced_event_and_a_group_are_noted(data_copy):
    record = Record(title="Workshop in Nairobi", status="announced", participant_groups=["IGAD"],
                    host_iso3="KEN", source=SourceInfo(title="A release"))
    [event] = rows_of(record, data_copy).tables["events"].to_dict("records")
    assert "Announced by the source" in event["date_note"]
    assert event["participants_note"] == "Groups named without their members: IGAD"


def test_a_group_the_data_has_becomes_a_group_participant(data_copy):
    """A group groups.csv has (here by another of its names) is written to event_groups, so a
    filter on a member country finds the event, via the group; one it lacks stays in the note."""
    record = Record(title="Online workshop on traveller data", status="held", start_date="2022-05",
                    end_date="2022-05", participant_groups=["League of Arab States", "IGAD"],
                    source=SourceInfo(title="A release", publisher="IOM", published="2022-06-01"))
    rows = rows_of(record, data_copy)
    assert rows.tables["event_groups"][["event_id", "group_id", "role"]].values.tolist() == [
        [rows.record_id, "ARAB-LEAGUE", "participant"]]
    [event] = rows.tables["events"].to_dict("records")
    assert event["participants_note"] == "Groups named without their members: IGAD"
    preview = preview_append(data_copy, rows.tables)
    assert preview.problems == [] and preview.can_write
    write_append(preview, data_copy, EDITOR)
    after = load_dataset(data_copy)
    assert after.problems == []
    view = apply_filters(after, FilterState(countries=("DZA",)))
    assert rows.record_id in set(view.events["event_id"])
    assert view.matched_via_groups[rows.record_id] == "Algeria via the Arab League"


def test_a_project_gets_its_funding_lines(data_copy):
    record = Record(kind="project", title="Border management support in Niger", status="planned",
                    host_iso3="NER", participant_iso3=["NER"], organisers=["IOM"], funders=["EU"],
                    instruments=["ICSP"], budget=[{"amount": 3000000, "currency": "EUR"}],
                    topics=["border_management", "document_fraud"],
                    new_topics={"document_fraud": "Document fraud"},
                    source=SourceInfo("https://example.org/niger", "EU and IOM in Niger", "IOM",
                                      "2017-05-04"))
    rows = rows_of(record, data_copy)
    [project] = rows.tables["projects"].to_dict("records")
    assert (project["implementer_id"], project["status"]) == ("IOM", "planned")
    assert project["countries_text"] == "Niger"
    [line] = rows.tables["funding"].to_dict("records")
    assert (line["funder_id"], line["instrument_id"], line["amount"], line["currency"]) == (
        "EU", "ICSP", "3000000", "EUR")
    assert (line["value_date"], line["value_date_precision"]) == ("2017-05-04", "day")
    assert rows.tables["topics"]["topic_id"].tolist() == ["document_fraud"]
    preview = preview_append(data_copy, rows.tables)
    assert preview.problems == []


def test_a_budget_without_a_funder_or_a_date_is_a_problem_to_fix(data_copy):
    record = Record(kind="project", title="A project", budget=[{"amount": 5, "currency": "USD"}],
                    source=SourceInfo(title="A page"))
    problems = rows_of(record, data_copy).problems
    assert problems == ["Budget line 1 (5 USD) needs a funder.",
                        "Budget line 1 (5 USD) needs a value date: give the project's start or the source's "
                        "publication date."]


def test_rows_the_data_would_reject_block_the_write(data_copy):
    record = Record(title="Workshop", host_iso3="XXY", source=SourceInfo(title="A release"),
                    new_organisations=[NewOrganisation("Some Agency", org_type="agency")],
                    organisers=["Some Agency"])
    preview = preview_append(data_copy, rows_of(record, data_copy).tables)
    assert not preview.can_write
    assert {(p.file, p.column) for p in preview.problems} >= {("events.csv", "host_iso3"),
                                                               ("organisations.csv", "org_type")}
    before = folder_state(data_copy)
    with pytest.raises(ImportRefusedError, match="cannot be written"):
        write_append(preview, data_copy, EDITOR)
    assert folder_state(data_copy) == before


@pytest.mark.parametrize("who", [None, "", "editor@example.org"])
def test_without_an_editor_nothing_is_written(data_copy, who):
    """Only an Editor (what crossings.access hands out after the password or a sign-in) writes."""
    record = Record(title="Workshop", host_iso3="MLI", source=SourceInfo(title="A release"))
    preview = preview_append(data_copy, rows_of(record, data_copy).tables)
    before = folder_state(data_copy)
    with pytest.raises(ImportRefusedError, match="Writing needs an editor"):
        write_append(preview, data_copy, who)
    assert folder_state(data_copy) == before


def test_a_failure_half_way_leaves_every_table_as_it_was(data_copy, monkeypatch):
    record = record_from_draft(draft_record(read_text(RELEASE)).as_json())
    record.source = SourceInfo(title="A release", publisher="UNODC")
    preview = preview_append(data_copy, rows_of(record, data_copy).tables)
    before = folder_state(data_copy)
    real = appending.replace_atomically
    calls = []

    def fail_on_the_third(target, content):
        calls.append(target.name)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real(target, content)

    monkeypatch.setattr(appending, "replace_atomically", fail_on_the_third)
    with pytest.raises(OSError, match="No space left"):
        write_append(preview, data_copy, EDITOR)
    monkeypatch.setattr(appending, "replace_atomically", real)
    after = folder_state(data_copy)
    after.pop("backups", None)
    assert after == before  # sources and organisations were put back; no backup left behind


def test_a_stale_preview_is_refused(data_copy):
    record = Record(title="Workshop", host_iso3="MLI", source=SourceInfo(title="A release"))
    preview = preview_append(data_copy, rows_of(record, data_copy).tables)
    (data_copy / "topics.csv").write_text((data_copy / "topics.csv").read_text() + "x,X,\n")
    with pytest.raises(ImportRefusedError, match="changed since this preview"):
        write_append(preview, data_copy, EDITOR)


# --- duplicates -----------------------------------------------------------------------------

def test_the_same_source_address_is_a_duplicate(dataset):
    url = ("http://www.migrationpartnershipfacility.eu/mpf-projects/32-support-to-the-mobility-"
           "partnership-between-the-eu-and-jordan-jempas-ii/#top")
    record = Record(kind="project", title="Another title", source=SourceInfo(url=url, title="x"))
    duplicates = probable_duplicates(record, dataset)
    # every record that relies on that source is shown: the project and its three events
    assert {(d.table, d.record_id) for d in duplicates} == {
        ("projects", "P-JEMPAS-II"), ("events", "EV-JEMPAS2-MP-MEETING"), ("events", "EV-JEMPAS2-RACO"),
        ("events", "EV-JEMPAS2-THB-TRAINING")}
    assert {d.reason for d in duplicates} == {"its source address is already source SEED-002"}


def test_the_same_title_dates_and_place_is_a_duplicate(dataset):
    record = Record(title="Regional workshop on biometrics and traveller information for border security, "
                          "Cairo", start_date="2021-07-27", end_date="2021-07-29", city="Cairo",
                    host_iso3="EGY")
    assert [(d.record_id, d.reason) for d in probable_duplicates(record, dataset)] == [
        ("EV-2021-CAIRO", "it has the same title, dates and place")]
    record.title = "Biometrics workshop"  # two releases about one workshop
    [duplicate] = probable_duplicates(record, dataset)
    assert duplicate.record_id == "EV-2021-CAIRO"
    assert duplicate.reason.startswith("it has the same dates and place")
    record.start_date = "2021-07-26"
    assert probable_duplicates(record, dataset) == []


def test_address_keys():
    assert address_key("https://www.IOM.int/news/x/") == address_key("http://iom.int/news/x#part")
    assert address_key("http://iom.int/news/x") == "iom.int/news/x"
    tribune = "http://www.sudantribune.com/spip.php?article60614"
    assert address_key(tribune) == "sudantribune.com/spip.php?article60614"
