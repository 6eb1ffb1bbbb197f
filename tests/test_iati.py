"""IATI import: the schema check (the IATI project's own should-pass and should-fail files), safety
(entity expansion, IATI 1.x, not XML), an activity read exactly, and rows keyed on the IATI
identifier so a second import updates instead of duplicating."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from crossings.data.loading import load_dataset
from crossings.files import DATA_DIR, ROOT
from crossings.iati.activities import Selection, read_projects
from crossings.iati.reading import IatiFileError, read_activity_file
from crossings.iati.rows import check_import, import_rows

REFERENCE = ROOT.parent / "shared" / "reference" / "iati"
SCHEMA_TESTS = REFERENCE / "schema-tests"
HERE = Path(__file__).parent / "iati"
BORDER_FILE = HERE / "border_project.xml"

needs_reference = pytest.mark.skipif(not REFERENCE.is_dir(),
                                     reason="../shared/reference is not beside the repo")


@needs_reference
def test_every_should_pass_file_is_accepted():
    files = sorted(SCHEMA_TESTS.glob("should-pass/**/*.xml"))
    assert len(files) >= 50
    refused = {f.name: read_activity_file(f).problem_lines() for f in files
               if not read_activity_file(f).valid}
    assert refused == {}


@needs_reference
def test_every_should_fail_file_is_refused_with_the_schema_message():
    files = sorted(SCHEMA_TESTS.glob("should-fail/**/*.xml"))
    assert len(files) >= 200
    accepted = []
    for path in files:
        try:
            result = read_activity_file(path)
        except IatiFileError:
            continue
        if result.valid:
            accepted.append(path.name)
        else:
            lines = result.problem_lines()
            assert lines[0].startswith(path.name)  # every message names the file (and its line)
    assert accepted == []


@needs_reference
def test_a_should_fail_message_names_the_line_and_what_the_schema_says():
    result = read_activity_file(SCHEMA_TESTS / "should-fail" / "22-missing-title-narrative.xml")
    assert not result.valid
    first = result.problem_lines()[0]
    assert first.startswith("22-missing-title-narrative.xml, line ")
    assert "narrative" in first


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<iati-activities version="2.03"><iati-activity><iati-identifier>&lol3;</iati-identifier></iati-activity>
</iati-activities>"""


def test_entity_expansion_is_refused_unread():
    with pytest.raises(IatiFileError, match="declares a DTD or entities"):
        read_activity_file(BOMB, "bomb.xml")


@needs_reference
def test_iati_1_files_are_refused_with_a_message_that_says_so():
    with pytest.raises(IatiFileError, match=r"IATI 1\.0 file; Crossings reads IATI 2\.01 to 2\.03"):
        read_activity_file(REFERENCE / "samples" / "worldbank.xml")


@needs_reference
def test_a_file_with_no_version_is_refused_by_the_schema_with_a_hint():
    result = read_activity_file(REFERENCE / "samples" / "ocha-test-data.xml")
    lines = result.problem_lines()
    assert "The attribute 'version' is required but missing" in lines[0]
    assert lines[-1].startswith("The file names no IATI version")
    assert len(result.problems) <= 100  # listed up to a hundred, the rest counted
    assert any(line.startswith("... and ") for line in lines)


@pytest.mark.parametrize(("content", "message"), [
    (b"", "the file is empty"),
    (b"%PDF-1.7 binary", "not an XML file"),
    (b"<iati-organisations version='2.03'/>", "organisation file"),
    (b"<html><body>hello</body></html>", "not an IATI activity file"),
    (b"<iati-activities version='2.03'><iati-activity>", "not well-formed XML"),
])
def test_files_that_are_not_iati_activities_are_refused(content, message):
    with pytest.raises(IatiFileError, match=message):
        read_activity_file(content, "upload.xml")


def _border_projects(selection: Selection | None = None):
    result = read_projects(BORDER_FILE, selection or Selection())
    assert result.valid, result.problem_lines()
    return result.activities


def test_choosing_activities_by_sector_country_and_text():
    assert [a.identifier for a in _border_projects(Selection(sectors=frozenset({"15190"})))] == [
        "XM-TEST-1-BORDER-2021"]
    assert [a.identifier for a in _border_projects(Selection(countries=frozenset({"MLI"})))] == [
        "XM-TEST-1-BORDER-2021"]
    assert [a.identifier for a in _border_projects(Selection(text="boreholes"))] == ["XM-TEST-1-WATER-2020"]
    assert len(_border_projects()) == 2


def test_the_border_project_is_read_exactly():
    (activity,) = _border_projects(Selection(sectors=frozenset({"15190"})))
    assert activity.title == "Border posts and cross-border cooperation in Niger and Mali"
    assert [(c.iso3, c.percentage) for c in activity.countries] == [("NER", 60.0), ("MLI", 40.0)]
    assert activity.date("start").date == "2021-04-15" and activity.date("start").kind == "actual"
    assert activity.date("end").date == "2023-03-31" and activity.date("end").kind == "planned"
    # commitments, never the budgets as well
    assert activity.funding_basis == "iati_commitment"
    assert [(f.amount, f.currency, f.value_date, f.funder_name) for f in activity.funding] == [
        (2250000.0, "EUR", "2021-03-20", "European Union"),
        (480000.5, "USD", "2021-05-10", "Government of Japan"),
    ]


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(DATA_DIR)


def test_the_border_project_becomes_rows_in_every_table(dataset):
    activities = _border_projects(Selection(sectors=frozenset({"15190"})))
    result = import_rows(dataset, activities, "border_project.xml")
    assert result.added == ["P-IATI-XM-TEST-1-BORDER-2021"] and result.updated == []
    assert check_import(DATA_DIR, result) == []
    project = result.tables["projects"].set_index("project_id").loc["P-IATI-XM-TEST-1-BORDER-2021"]
    assert project["iati_identifier"] == "XM-TEST-1-BORDER-2021"
    assert project["implementer_id"] == "IOM"
    assert (project["start_date"], project["end_date"]) == ("2021-04-15", "2023-03-31")
    countries = result.tables["project_countries"]
    mine = countries[countries["project_id"] == "P-IATI-XM-TEST-1-BORDER-2021"]
    assert sorted(zip(mine["country_iso3"], mine["percentage"], strict=True)) == [
        ("MLI", 40.0), ("NER", 60.0)]
    orgs = result.tables["project_organisations"]
    mine = orgs[orgs["project_id"] == "P-IATI-XM-TEST-1-BORDER-2021"]
    assert sorted(zip(mine["org_id"], mine["role"], strict=True)) == [
        ("EU", "funder"), ("GOV-JPN", "funder"), ("IOM", "accountable"), ("IOM", "implementer")]
    funding = result.tables["funding"]
    mine = funding[funding["project_id"] == "P-IATI-XM-TEST-1-BORDER-2021"]
    assert sorted(zip(mine["funder_id"], mine["amount"], mine["currency"], mine["value_date"],
                      mine["amount_basis"], strict=True)) == [
        ("EU", 2250000.0, "EUR", "2021-03-20", "iati_commitment"),
        ("GOV-JPN", 480000.5, "USD", "2021-05-10", "iati_commitment"),
    ]
    assert len(funding) == len(dataset.tables["funding"]) + 2  # the yearly budgets are not added too


def test_importing_again_updates_instead_of_duplicating(dataset, tmp_path):
    activities = _border_projects(Selection(sectors=frozenset({"15190"})))
    first = import_rows(dataset, activities, "border_project.xml")
    # the dataset as it is after the first import, then the same file (with one amount changed)
    folder = tmp_path / "data"
    folder.mkdir()
    for path in DATA_DIR.glob("*.csv"):
        (folder / path.name).write_bytes(path.read_bytes())
    from crossings.iati.rows import csv_files
    for name, content in csv_files(first).items():
        (folder / f"{name}.csv").write_bytes(content)
    after_first = load_dataset(folder)
    assert after_first.errors == []
    changed = BORDER_FILE.read_text().replace(">480000.50<", ">500000<")
    again = read_projects(changed.encode(), Selection(sectors=frozenset({"15190"})), "border_project.xml")
    second = import_rows(after_first, again.activities, "border_project.xml")
    assert second.added == [] and second.updated == ["P-IATI-XM-TEST-1-BORDER-2021"]
    for name in ("projects", "project_countries", "project_organisations", "funding", "sources"):
        assert len(second.tables[name]) == len(first.tables[name]), name
    funding = second.tables["funding"]
    mine = funding[funding["project_id"] == "P-IATI-XM-TEST-1-BORDER-2021"]
    japan = mine[mine["funder_id"] == "GOV-JPN"]
    assert japan["amount"].tolist() == [500000.0]


def test_a_budget_is_credited_only_to_the_one_funder_the_activity_names(dataset):
    (water,) = _border_projects(Selection(text="boreholes"))
    assert water.funding_basis == "iati_budget"
    result = import_rows(dataset, [water], "border_project.xml")
    funding = result.tables["funding"]
    line = funding[funding["project_id"] == "P-IATI-XM-TEST-1-WATER-2020"].iloc[0]
    assert (line["funder_id"], line["amount"], line["currency"], line["status"], line["amount_basis"]) == (
        "GOV-JPN", 250000.0, "USD", "estimated", "iati_budget")


def test_a_budget_with_several_funders_is_left_out_with_a_notice(dataset):
    japan = ('<participating-org role="1" type="10"><narrative>Government of Japan</narrative>'
             '</participating-org>')
    norway = japan.replace("Japan", "Norway")
    two_funders = BORDER_FILE.read_text().replace(japan, japan + norway)
    (water,) = read_projects(two_funders.encode(), Selection(text="boreholes")).activities
    result = import_rows(dataset, [water], "x.xml")
    assert not (result.tables["funding"]["project_id"] == "P-IATI-XM-TEST-1-WATER-2020").any()
    assert any("2 funding organisations" in notice for notice in result.notices)


def test_a_currency_or_country_that_is_not_iso_is_refused_by_the_data_check(dataset):
    bad = BORDER_FILE.read_text().replace('code="ML"', 'code="QQ"')
    bad = bad.replace('currency="USD" value-date="2021-05-10"', 'currency="XYZ" value-date="2021-05-10"')
    activities = read_projects(bad.encode(), Selection(sectors=frozenset({"15190"}))).activities
    errors = [p.describe() for p in check_import(DATA_DIR, import_rows(dataset, activities, "x.xml"))]
    assert any("project_countries.csv" in e and "'QQ'" in e for e in errors)
    assert any("funding.csv" in e and "'XYZ'" in e for e in errors)


def test_a_50_mb_file_is_read_in_bounded_memory(tmp_path):
    """Streamed activity by activity: the peak grows by far less than the file's size."""
    script = f"""
import resource, sys
from pathlib import Path
sys.path.insert(0, {str(ROOT)!r})
from crossings.iati.activities import read_projects
src = Path({str(BORDER_FILE)!r}).read_text()
start = src.index("<iati-activity ")
activity = src[start:src.index("</iati-activity>") + len("</iati-activity>")]
path = Path({str(tmp_path / 'big.xml')!r})
with path.open("w") as out:
    out.write('<?xml version="1.0"?><iati-activities version="2.03">')
    for i in range(52_000_000 // len(activity) + 1):
        out.write(activity.replace("XM-TEST-1-BORDER-2021", f"X-{{i}}"))
    out.write("</iati-activities>")
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
result = read_projects(path)
print(path.stat().st_size, len(result.activities), result.valid,
      (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024)
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    size, count, valid, grown_mb = out.split()
    assert int(size) >= 50_000_000 and int(count) > 15_000 and valid == "True"
    assert int(grown_mb) < 200, f"peak memory grew by {grown_mb} MB reading a 50 MB file"


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "crossings.iati", *args], capture_output=True, text=True,
                          cwd=ROOT)


def test_the_command_line_previews_writes_and_updates(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    for path in DATA_DIR.glob("*.csv"):
        (folder / path.name).write_bytes(path.read_bytes())
    before = {path.name: path.read_bytes() for path in folder.glob("*.csv")}
    preview = _run(str(BORDER_FILE), "--sector", "15190", "--data-dir", str(folder), "--json")
    assert preview.returncode == 0, preview.stderr
    summary = json.loads(preview.stdout)
    assert summary["added"] == ["P-IATI-XM-TEST-1-BORDER-2021"] and summary["written"] is False
    assert {path.name: path.read_bytes() for path in folder.glob("*.csv")} == before  # nothing written
    written = _run(str(BORDER_FILE), "--sector", "15190", "--data-dir", str(folder), "--write", "--json")
    assert json.loads(written.stdout)["written"] is True
    assert load_dataset(folder).errors == []
    again = _run(str(BORDER_FILE), "--sector", "15190", "--data-dir", str(folder), "--json")
    again = json.loads(again.stdout)
    assert again["added"] == [] and again["updated"] == ["P-IATI-XM-TEST-1-BORDER-2021"]


@needs_reference
def test_the_command_line_refuses_what_the_schema_refuses_and_1x_files():
    failed = _run(str(SCHEMA_TESTS / "should-fail" / "22-missing-title-narrative.xml"))
    assert failed.returncode == 1
    assert "22-missing-title-narrative.xml, line 8: Element 'title'" in failed.stderr
    legacy = _run(str(REFERENCE / "samples" / "worldbank.xml"))
    assert legacy.returncode == 2 and "IATI 1.0 file" in legacy.stderr
