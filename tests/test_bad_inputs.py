"""Every broken file in tests/bad_inputs/ gets exactly the message cases.toml says, the rows it
says still load, and its repaired values; then the cases that need a generated file."""

from __future__ import annotations

import csv
import io
import random
import shutil
import tomllib
import tracemalloc
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import crossings.data.loading as loading
from components.pages import PAGES
from crossings.data.loading import load_dataset
from crossings.data.reading import MAX_FILE_BYTES, read_csv_bytes
from crossings.data.schema import TABLES_BY_NAME
from crossings.data.table_checks import check_table
from crossings.data.validator import main
from crossings.files import DATA_DIR, ROOT
from crossings.limits import DATA_FILE_MAX_BYTES
from crossings.views.budget import funding_lines, unconverted_lines
from crossings.views.filtered_view import apply_filters
from crossings.views.filters import FilterState
from tests.helpers import with_cell

CORPUS = Path(__file__).parent / "bad_inputs"
CASES = tomllib.loads((CORPUS / "cases.toml").read_text())["case"]


def put_in_place(case: dict, data_copy: Path) -> Path:
    target = data_copy / f"{case['table']}.csv"
    shutil.copyfile(CORPUS / case["file"], target)
    return target


def test_every_corpus_file_has_a_case():
    assert {c["file"] for c in CASES} == {p.name for p in CORPUS.glob("*.csv")}


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_broken_file_gets_its_message(case, data_copy):
    put_in_place(case, data_copy)
    dataset = load_dataset(data_copy)
    table = TABLES_BY_NAME[case["table"]]
    described = [p.describe() for p in dataset.problems if p.file == table.file]
    assert described == case["problems"]
    frame = dataset.tables[case["table"]]
    assert len(frame) == case["rows"]
    for record_id, column, value in case.get("values", []):
        [cell] = frame.loc[frame[table.key] == record_id, column].tolist()
        assert cell == pytest.approx(value) if isinstance(value, float) else cell == value


@pytest.mark.parametrize("name", ["dates in other forms are errors, with the ISO form suggested",
                                  "semicolons and decimal commas (European Excel)",
                                  "a quote never closed",
                                  "an Excel workbook saved under a .csv name"])
def test_validate_prints_the_same_messages(name, data_copy, capsys):
    case = next(c for c in CASES if c["name"] == name)
    put_in_place(case, data_copy)
    has_errors = any(line.startswith("ERROR") for line in case["problems"])
    assert main([str(data_copy)]) == (1 if has_errors else 0)
    printed = capsys.readouterr().out.splitlines()
    assert [line for line in printed if line.startswith(("ERROR: funding", "WARNING: funding",
                                                        "ERROR: events", "WARNING: events"))
            ] == case["problems"]


def test_quoted_line_breaks_really_move_the_physical_line(data_copy):
    """The Cairo event is on spreadsheet row 6 but starts further down the text file, so a
    line-based count would report the wrong row."""
    text = (CORPUS / "events_quoted_newlines.csv").read_text()
    physical = next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith("EV-2021-CAIRO"))
    assert physical == 11
    records = list(csv.reader(io.StringIO(text, newline="")))
    assert [r[0] for r in records].index("EV-2021-CAIRO") + 1 == 6


def test_repaired_rows_keep_every_other_table_intact(data_copy):
    put_in_place(next(c for c in CASES if c["file"] == "funding_semicolons.csv"), data_copy)
    dataset = load_dataset(data_copy)
    assert dataset.is_clean  # warnings only
    assert dataset.funding.groupby("currency")["amount"].sum().round(2).to_dict() == {
        "EUR": 189403.21 + 206308.69 + 2500000 + 5280000, "USD": 1425000.0}


def test_missing_table(data_copy):
    (data_copy / "funding.csv").unlink()
    dataset = load_dataset(data_copy)
    assert [p.describe() for p in dataset.problems] == [
        "ERROR: funding.csv: file is missing; the table is left empty "
        "(expected a file funding.csv in the data folder)",
        # the one claim about a funding line (the G5 Sahel budget) goes with it
        "ERROR: claims.csv, row 11, column 'record_id': refers to funding.csv, which could not be "
        "loaded (see its own problem): 'F-G5CBM-JPN' (expected an existing funding_id from funding.csv)"]
    assert dataset.funding.empty and list(dataset.funding.columns)[:2] == ["funding_id", "project_id"]
    assert len(dataset.events) == 9  # the rest loads


def test_missing_table_that_others_refer_to(data_copy):
    """One problem per referring column, not one per row."""
    (data_copy / "projects.csv").unlink()
    dataset = load_dataset(data_copy)
    described = [p.describe() for p in dataset.errors]
    assert described[0] == ("ERROR: projects.csv: file is missing; the table is left empty "
                            "(expected a file projects.csv in the data folder)")
    assert ("ERROR: funding.csv, column 'project_id': 5 row(s) refer to projects.csv, which could "
            "not be loaded (see its own problem); they are left out (rows 2, 3, 4, 5, 6) "
            "(expected projects.csv to load)") in described
    assert dataset.funding.empty and dataset.project_countries.empty
    # events without a project keep loading (the online TRIP workshop and Cairo); the rest go
    assert set(dataset.events["event_id"]) == {"EV-2020-ONLINE-TRIP", "EV-2021-CAIRO"}
    assert ("ERROR: events.csv, column 'project_id': 7 row(s) refer to projects.csv, which could "
            "not be loaded (see its own problem); they are left out (rows 2, 3, 4, 7, 8 and 2 more) "
            "(expected projects.csv to load)") in described


def test_a_data_file_over_the_folders_limit_is_refused_without_reading_it(data_copy, monkeypatch):
    """The data folder's own files may be larger than an upload (DATA_FILE_MAX_BYTES: 100,000
    events need it); one over that limit is still never read. The limit is lowered here so the
    test writes 8 MB rather than 70."""
    monkeypatch.setattr(loading, "DATA_FILE_MAX_BYTES", 5 * 1024 * 1024)
    assert DATA_FILE_MAX_BYTES > MAX_FILE_BYTES  # the folder's limit is above an upload's
    header = (data_copy / "events.csv").read_text().splitlines()[0]
    row = "EV-BIG,Big table,workshop,in_person,2020,2020,year,stated,,,,,,,,none,,,,,,SEED-000\n"
    copies = 8 * 1024 * 1024 // len(row) + 1
    big = data_copy / "events.csv"
    big.write_text(header + "\n" + row * copies)
    size = big.stat().st_size
    tracemalloc.start()
    try:
        dataset = load_dataset(data_copy)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 * 1024 * 1024  # the 8 MB were never read into memory
    [too_large] = [p for p in dataset.problems if p.file == "events.csv"]
    assert too_large.describe() == (
        f"ERROR: events.csv: file is too large to load; the table is left empty: '{size:,} bytes' "
        f"(expected at most {5 * 1024 * 1024:,} bytes)")
    assert dataset.events.empty
    assert len(dataset.projects) == 5


def test_an_upload_keeps_the_upload_limit():
    problems = []
    assert read_csv_bytes(b"a,b\n" + b"1,2\n" * (MAX_FILE_BYTES // 4 + 1), "events.csv", problems) is None
    assert problems[0].message.startswith("file is too large to load")
    assert f"{MAX_FILE_BYTES:,}" in problems[0].describe()


@pytest.mark.parametrize(("column", "value", "message"), [
    ("value_date", "2021-02-30", "not a date in ISO form: '2021-02-30' (expected YYYY-MM-DD, YYYY-MM "
                                 "or YYYY; there is no 30 February 2021)"),
    ("value_date", "2201-02", "not a date in ISO form: '2201-02'"),
    ("value_date", "43862", "this looks like an Excel date number (2020-02-01?)"),
    ("value_date", "2020-02-01 00:00:00", "write 2020-02-01, without a time"),
    ("value_date", "2020", "value_date_precision says 'month' but the date is written to the year: '2020'"),
    ("amount", "12,5", "value has a decimal comma: '12,5' (expected a point for decimals, such as 12.5)"),
    ("amount", "nan", "value is not a number: 'nan'"),
    ("amount", "1_000", "value is not a number: '1_000'"),
    ("amount", "", "a value is required (expected a number >= 0)"),
], ids=["no-such-day", "year-typo", "excel-number", "with-time", "precision", "decimal-comma",
        "nan", "underscore", "blank"])
def test_single_cell_errors(column, value, message):
    upload = with_cell(DATA_DIR / "funding.csv", "funding_id", "F-JEMPAS2-AMIF", column, value)
    dataset = load_dataset(DATA_DIR, replacements={"funding": upload})
    [problem] = dataset.errors
    assert (problem.file, problem.row, problem.column) == ("funding.csv", 2, column)
    assert message in problem.describe()
    assert "F-JEMPAS2-AMIF" not in set(dataset.funding["funding_id"])


def test_excel_unicode_text_is_read(tmp_path):
    """Excel's 'Unicode Text' is UTF-16 with tabs between columns."""
    text = (DATA_DIR / "funding.csv").read_text()
    rows = list(csv.reader(io.StringIO(text)))
    tabbed = "\r\n".join("\t".join(row) for row in rows) + "\r\n"
    dataset = load_dataset(DATA_DIR, replacements={"funding": tabbed.encode("utf-16")})
    assert [p.describe() for p in dataset.problems] == [
        "WARNING: funding.csv: a UTF-16 byte-order mark (BOM) was removed",
        "WARNING: funding.csv: the file uses tabs between columns (as Excel's 'Unicode Text' does); "
        "it was read with them (expected commas)"]
    assert dataset.funding["amount"].tolist() == [189403.21, 206308.69, 2500000, 5280000, 1425000]


def test_unnamed_column_with_values_is_ignored_with_a_warning():
    text = (DATA_DIR / "funding.csv").read_text().splitlines()
    with_column = [text[0] + ","] + [line + (",checked" if i == 2 else ",") for i, line in
                                      enumerate(text[1:], start=2)]
    dataset = load_dataset(DATA_DIR, replacements={"funding": "\n".join(with_column).encode()})
    assert [p.describe() for p in dataset.problems] == [
        "WARNING: funding.csv, row 2: column N has no name but holds 1 value(s); it is ignored: "
        "'checked' (expected a column name)"]
    assert len(dataset.funding) == 5


def test_a_claim_about_a_border_pair_explains_its_second_row(data_copy):
    """Two lengths for one pair, each from its own source, are a disagreement to keep: with a
    claim about the pair (claims.csv, table borders) both rows load."""
    put_in_place(next(c for c in CASES if c["file"] == "borders_pair_twice.csv"), data_copy)
    claims = data_copy / "claims.csv"
    claims.write_text(claims.read_text() + "CL-JOR-SYR-LENGTH,borders,JOR-SYR,length_km,375,"
                      "A second survey gives 375 km.,REF-FACTBOOK\n")
    dataset = load_dataset(data_copy)
    pair = dataset.borders[(dataset.borders["country_iso3"] == "JOR")
                           & (dataset.borders["neighbour_iso3"] == "SYR")]
    assert sorted(pair["length_km"]) == [375, 379]
    assert [p.row for p in dataset.problems if p.file == "borders.csv"] == [7, 9]  # the others still
    assert sorted(dataset.rejected["borders"].index) == [7, 9]


def test_a_rate_of_zero_is_never_used_to_convert(data_copy):
    """Before, a rate of 0 for the euro in February 2020 turned JEMPAS II's EUR 395,711.90 into
    USD 0.00 on the Budget page without a word; now the row is refused and the amount is
    listed as not converted."""
    rates = data_copy / "fx_rates.csv"
    rates.write_text(rates.read_text().replace("2020-02,EUR,0.9165,1.091107,", "2020-02,EUR,0,0,"))
    dataset = load_dataset(data_copy)
    assert [p.describe() for p in dataset.problems][:1] == [
        "ERROR: fx_rates.csv, row 1215, column 'units_per_usd': value is out of range: '0' (expected a "
        "number > 0)"]
    lines = funding_lines(apply_filters(dataset, FilterState()), "USD")
    assert sorted(unconverted_lines(lines)["amount"]) == [189403.21, 206308.69]  # JEMPAS II, 2020-02


def test_no_mangled_file_makes_the_loader_raise():
    """Three hundred random manglings of real tables (bytes cut, doubled, swapped for quotes,
    separators, line breaks, invalid UTF-8): each is read and checked without an exception,
    and every problem names the file. Seeded, so a failure can be replayed."""
    rng = random.Random(8)  # noqa: S311 (test data, not security)
    tables = [TABLES_BY_NAME[name] for name in ("funding", "events", "projects", "topics")]
    noise = [b'"', b",", b";", b"\t", b"\n", b"\r\n", b"\r", b"\x00", b"\xff\xfe", b"\xe9", b"=",
             b" ", b"2021-13-45", b"1,000", b"-", b"NaN", b"inf", b"\xef\xbb\xbf"]
    for attempt in range(300):
        table = rng.choice(tables)
        data = bytearray((DATA_DIR / table.file).read_bytes())
        for _ in range(rng.randint(1, 8)):
            position = rng.randrange(len(data) + 1)
            action = rng.random()
            if action < 0.4:
                data[position:position] = rng.choice(noise)
            elif action < 0.7:
                del data[position:position + rng.randint(1, 40)]
            elif action < 0.85:
                data[position:position] = data[position:position + rng.randint(1, 200)]
            else:
                del data[position:]
        problems = []
        raw = read_csv_bytes(bytes(data), table.file, problems, table.names)
        if raw is not None:
            check_table(table, raw, problems)
        assert all(p.file == table.file for p in problems), attempt
        for problem in problems:
            problem.describe()


@pytest.mark.parametrize("breakage", ["no-events", "no-sources", "events-header-only",
                                      "every-funding-row-broken"])
@pytest.mark.parametrize("spec", PAGES, ids=[p.url_path for p in PAGES])
def test_every_page_runs_on_broken_data(spec, breakage, data_copy, monkeypatch):
    """Whatever the loader had to leave out, no page raises: it shows what is left."""
    if breakage == "no-events":
        (data_copy / "events.csv").unlink()
    elif breakage == "no-sources":
        (data_copy / "sources.csv").unlink()  # every other table refers to it
    elif breakage == "events-header-only":
        events = data_copy / "events.csv"
        events.write_text(events.read_text().splitlines()[0] + "\n")
    else:
        funding = data_copy / "funding.csv"
        funding.write_text(funding.read_text().replace(",EUR,", ",EURO,").replace(",USD,", ",DOLLAR,"))
    monkeypatch.setenv("CROSSINGS_DATA_DIR", str(data_copy))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    if spec is not PAGES[0]:
        at.switch_page(spec.file)
        at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert load_dataset(data_copy).errors  # the breakage is reported, not hidden
