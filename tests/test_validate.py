"""The validate command and the loader on broken copies of the data."""

from __future__ import annotations

import subprocess
import sys

import pytest

from crossings.data.loading import load_dataset
from crossings.data.validator import main
from tests.helpers import set_cell


def run_validate(folder) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "crossings.validate", str(folder)],
                          capture_output=True, text=True, check=False)


def test_bundled_data_validates_clean(repo_root):
    result = run_validate(repo_root / "data")
    assert result.returncode == 0, result.stdout
    assert "clean: " in result.stdout and "0 error(s)" in result.stdout


def test_unreadable_folder_exits_2(tmp_path):
    result = run_validate(tmp_path / "missing")
    assert result.returncode == 2
    assert "cannot read the data folder" in result.stderr


@pytest.mark.parametrize(
    ("table", "key_column", "key", "column", "value", "expected_text"),
    [
        ("events", "event_id", "EV-2021-CAIRO", "host_iso3", "EGX",
         "events.csv, row {row}, column 'host_iso3': unknown country code: 'EGX'"),
        ("funding", "funding_id", "F-JEMPAS2-AMIF", "currency", "EUX",
         "funding.csv, row {row}, column 'currency': unknown currency code: 'EUX'"),
        ("events", "event_id", "EV-2015-NIAMEY", "start_date", "29/07/2015",
         "events.csv, row {row}, column 'start_date': not a date in ISO form: '29/07/2015'"),
        ("event_countries", "event_id", "EV-IRN-WORKSHOP", "source_id", "SEED-999",
         "event_countries.csv, row {row}, column 'source_id': refers to nothing in sources.csv: 'SEED-999'"),
    ],
    ids=["country-code", "currency", "date", "dangling-reference"],
)
def test_each_breakage_gets_a_clear_message(data_copy, table, key_column, key, column, value,
                                            expected_text):
    row = set_cell(data_copy / f"{table}.csv", key_column, key, column, value)
    result = run_validate(data_copy)
    assert result.returncode == 1
    assert expected_text.format(row=row) in result.stdout
    assert "NOT clean" in result.stdout


def test_bad_row_is_left_out_and_the_rest_loads(data_copy):
    set_cell(data_copy / "events.csv", "event_id", "EV-2021-CAIRO", "host_iso3", "EGX")
    dataset = load_dataset(data_copy)
    assert "EV-2021-CAIRO" not in set(dataset.events["event_id"])
    assert len(dataset.events) == 8
    # rows that point at the left-out event go too, each with its own message
    assert "EV-2021-CAIRO" not in set(dataset.event_countries["event_id"])
    cascade = [p for p in dataset.errors if p.file == "event_countries.csv"]
    assert cascade and all("left out because of its own problem" in p.message for p in cascade)
    assert set(dataset.rejected["events"]["event_id"]) == {"EV-2021-CAIRO"}


def test_end_before_start_is_an_error(data_copy):
    row = set_cell(data_copy / "projects.csv", "project_id", "P-JEMPAS-II", "end_date", "2019-10")
    dataset = load_dataset(data_copy)
    [problem] = [p for p in dataset.errors if p.file == "projects.csv"]
    assert (problem.row, problem.column, problem.value) == (row, "end_date", "2019-10")
    assert "ends before it starts" in problem.message


def test_precision_must_match_how_the_date_is_written(data_copy):
    set_cell(data_copy / "funding.csv", "funding_id", "F-JEMPAS2-AMIF", "value_date_precision", "year")
    dataset = load_dataset(data_copy)
    messages = [p.message for p in dataset.errors if p.file == "funding.csv"]
    assert any("value_date_precision says 'year' but the date is written to the month" in m for m in messages)


def test_event_precision_is_read_from_each_date(dataset):
    """Events and projects have no precision column: each end's precision is read from how it
    is written (EDTF), on its own."""
    events = dataset.events.set_index("event_id")
    assert tuple(events.loc["EV-2021-CAIRO", ["start_precision", "end_precision"]]) == ("day", "day")
    assert tuple(events.loc["EV-2020-ONLINE-TRIP", ["start_precision", "end_precision"]]) == ("year", "year")
    iran = events.loc["EV-IRN-WORKSHOP"]
    assert tuple(iran[["start_precision", "end_precision"]]) == ("unknown", "unknown")
    projects = dataset.projects.set_index("project_id")
    assert tuple(projects.loc["P-JOR-SYRIA", ["start_precision", "end_precision"]]) == ("day", "unknown")


def test_negative_amount_and_duplicate_id(data_copy):
    set_cell(data_copy / "funding.csv", "funding_id", "F-JEMPAS2-AMIF", "amount", "-5")
    set_cell(data_copy / "funding.csv", "funding_id", "F-JEMPAS1-EU", "funding_id", "F-G5CBM-JPN")
    dataset = load_dataset(data_copy)
    described = [p.describe() for p in dataset.errors]
    assert any("column 'amount': value is out of range: '-5' (expected a number >= 0)" in d
               for d in described)
    assert any("duplicate id (first used on row" in d for d in described)
    assert len(dataset.funding) == 3


def test_main_returns_exit_codes(data_copy, capsys):
    assert main([str(data_copy)]) == 0
    (data_copy / "topics.csv").write_text("")
    assert main([str(data_copy)]) == 1
    assert "topics.csv: file is empty" in capsys.readouterr().out


def test_summary_per_file_and_errors_only(data_copy, capsys):
    set_cell(data_copy / "events.csv", "event_id", "EV-2021-CAIRO", "host_iso3", "EGX")
    path = data_copy / "topics.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())  # a repair: a warning only
    assert main([str(data_copy)]) == 1
    out = capsys.readouterr().out
    assert "  events.csv: 1 error(s), 0 warning(s); 8 of 9 rows load" in out
    assert "  topics.csv: 0 error(s), 1 warning(s); 16 of 16 rows load" in out
    # Cairo's countries go with it: 6 rows of event_countries name EV-2021-CAIRO
    cairo = sum(1 for line in (data_copy / "event_countries.csv").read_text().splitlines()
                if line.startswith("EV-2021-CAIRO,"))
    total = len((data_copy / "event_countries.csv").read_text().splitlines()) - 1
    assert (f"  event_countries.csv: {cairo} error(s), 0 warning(s); {total - cairo} of {total} rows load"
            in out)
    assert main([str(data_copy), "--errors-only"]) == 1
    out = capsys.readouterr().out
    assert "WARNING:" not in out and "byte-order mark" not in out
    assert "ERROR: events.csv, row 6, column 'host_iso3'" in out


def test_a_group_whose_members_are_all_left_out_takes_what_names_it_along(data_copy):
    """Every member row of the G5 Sahel refers to a group written wrongly: the group has no
    members, is left out, and the event row naming it is reported, each with its row."""
    path = data_copy / "group_members.csv"
    path.write_text(path.read_text().replace("G5-SAHEL,", "G5 SAHEL,"))
    dataset = load_dataset(data_copy)
    described = [p.describe() for p in dataset.errors]
    assert sum("group_members.csv" in d and "refers to nothing in groups.csv: 'G5 SAHEL'" in d
               for d in described) == 5
    assert ("ERROR: groups.csv, row 2, column 'group_id': group has no members (none listed, or every "
            "member row was left out): 'G5-SAHEL' (expected at least one row in group_members.csv, with "
            "the source that lists the member)") in described
    assert any(d.startswith("ERROR: event_groups.csv, row 2, column 'group_id': refers to a row of "
                            "groups.csv that was left out") for d in described)
    assert "G5-SAHEL" not in set(dataset.groups["group_id"])
    assert set(dataset.event_groups["group_id"]) == {"ARAB-LEAGUE"}
