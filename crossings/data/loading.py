"""Read the CSVs in a data folder into one validated Dataset.

Nothing here raises on bad data: every problem is collected with its file, spreadsheet row,
column, value and what was expected. Rows with an error are left out (and the rows that refer
to them), the rest loads. Repairs that cannot change meaning (a byte-order mark, a thousands
separator, stray spaces) are made and reported as warnings; nothing is guessed. Reading the
bytes (encodings, separators, malformed rows) is in crossings/reading.py. See data/README.md,
"What is an error, what is repaired".
"""

from __future__ import annotations

import calendar
import math
import re
from collections.abc import Mapping
from datetime import datetime
from functools import cache
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
import pycountry

from crossings.data.dataset import Dataset
from crossings.data.hints import choice_hint, column_hint, country_hint, currency_hint, date_hint
from crossings.data.problems import ERROR, WARNING, Problem
from crossings.data.reading import MAX_FILE_BYTES, RawTable, read_csv_bytes, rows_text, too_large
from crossings.data.schema import TABLES, TABLES_BY_NAME, Column, Table

_DATE_FORMS = {
    "day": (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "%Y-%m-%d"),
    "month": (re.compile(r"^\d{4}-\d{2}$"), "%Y-%m"),
    "year": (re.compile(r"^\d{4}$"), "%Y"),
}
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_THOUSANDS = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")  # 189,403.21
_DECIMAL_COMMA = re.compile(r"^-?\d+,\d+$")  # 31,9539 (only in files with semicolons or tabs)
YEARS = (1800, 2200)  # a year outside these is a typo, not a date in this data
_URL = r"^https?://[^\s<>\"']+$"


@cache
def iso3_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-3 codes, plus XKX (Kosovo), which the EU and IMF use."""
    return frozenset(c.alpha_3 for c in pycountry.countries) | {"XKX"}


@cache
def currency_codes() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.currencies)


def date_precision_of(text: str) -> str | None:
    """The precision a partial ISO date is written in, or None if it is not one (or names a day
    that does not exist, or a year outside YEARS)."""
    for precision, (pattern, fmt) in _DATE_FORMS.items():
        if pattern.match(text):
            try:
                year = datetime.strptime(text, fmt).year
            except ValueError:
                return None
            return precision if YEARS[0] <= year <= YEARS[1] else None
    return None


def period_bounds(text: str | None, precision: str | None) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day of the period a partial date stands for (NaT, NaT if unknown)."""
    if not isinstance(text, str) or not text:
        return pd.NaT, pd.NaT
    precision = precision if precision in _DATE_FORMS else date_precision_of(text)
    if precision is None:
        return pd.NaT, pd.NaT
    first = datetime.strptime(text, _DATE_FORMS[precision][1])
    if precision == "day":
        last = first
    elif precision == "month":
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    else:
        last = first.replace(month=12, day=31)
    return pd.Timestamp(first), pd.Timestamp(last)


# --- reading -------------------------------------------------------------------------------

def read_table(path: Path, table: Table, problems: list[Problem]) -> RawTable | None:
    """The cells of one table's file, or None if it cannot be used at all."""
    name = table.file
    if not path.is_file():
        problems.append(Problem(name, None, None, None, f"a file {name} in the data folder",
                                message="file is missing; the table is left empty"))
        return None
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:  # checked before reading: a huge file is never loaded into memory
            problems.append(too_large(name, size))
            return None
        raw = path.read_bytes()
    except OSError as err:
        problems.append(Problem(name, None, None, None, "a readable file", ERROR,
                                f"file cannot be read ({err.strerror}); the table is left empty"))
        return None
    return read_csv_bytes(raw, name, problems, table.names)


# --- parsing and checking one table ----------------------------------------------------------

class _TableCheck:
    """Parses one table's cells by its declared columns and records what is wrong with it."""

    def __init__(self, table: Table, raw: RawTable, problems: list[Problem]):
        self.table = table
        self.raw = raw.cells
        self.header_row = raw.header_row
        self.decimal_comma = raw.decimal_comma
        self.problems = problems
        self.malformed = set(raw.malformed)  # reported once already, by the reader
        self.bad_rows: set[int] = set(raw.malformed)
        self.unreadable: set[tuple[int, str]] = set()  # (row, column) already reported as unreadable
        self.cells = raw.cells.copy()  # the text with repairs made (what an import writes)

    def error(self, row, column, value, expected, message="") -> None:
        if row is not None and (int(row) in self.malformed or (int(row), column) in self.unreadable):
            return
        self.problems.append(Problem(self.table.file, row, column, value, expected, ERROR, message))
        if row is not None:
            self.bad_rows.add(int(row))

    def warn(self, row, column, value, expected, message) -> None:
        if row is not None and int(row) in self.malformed:
            return
        self.problems.append(Problem(self.table.file, row, column, value, expected, WARNING, message))

    def run(self) -> pd.DataFrame | None:
        present = set(self.raw.columns)
        unknown = present - set(self.table.names)
        missing = [c for c in self.table.columns if c.name not in present]
        required_missing = [c.name for c in missing if c.required]
        for name in required_missing:
            self.problems.append(Problem(
                self.table.file, self.header_row, name, None, "a column named " + name, ERROR,
                "required column is missing, so the table is left empty" + _renamed(name, unknown)))
        if required_missing:
            return None
        for column in missing:
            self.warn(self.header_row, column.name, None, "", "optional column is missing, so it is read as "
                      "blank" + _renamed(column.name, unknown))
        for extra in sorted(unknown):
            self.warn(self.header_row, extra, None, "", "column is not in the schema and is ignored")
        frame = pd.DataFrame(index=self.raw.index)
        for column in self.table.columns:
            values = self.raw[column.name] if column.name in present else pd.Series(
                pd.NA, index=self.raw.index, dtype="str")
            frame[column.name] = self.parse(column, values)
        self.check_constraints(frame)
        self.check_dates(frame)
        return frame

    def parse(self, column: Column, values: pd.Series) -> pd.Series:
        if column.kind in ("int", "float"):
            return self.parse_number(column, values)
        return values.astype("str")

    def parse_number(self, column: Column, values: pd.Series) -> pd.Series:
        out = pd.Series(float("nan"), index=values.index, dtype="float64")
        for row, text in values.dropna().items():
            cleaned = self.number_text(column, row, text)
            number = float(cleaned) if cleaned is not None else None
            if number is not None and not math.isfinite(number):
                self.error(row, column.name, text, "a number such as 189403.21", "value is too large:")
                number = None
            elif number is not None and column.kind == "int" and not number.is_integer():
                self.error(row, column.name, text, "a whole number", "value is not a whole number:")
                number = None
            if number is None:  # reported; the blank it leaves must not be reported again as missing
                self.unreadable.add((int(row), column.name))
                continue
            out[row] = number
            if cleaned != text:
                self.cells.at[row, column.name] = cleaned
        if column.kind == "int":
            return out.astype("Int64")
        return out

    def number_text(self, column: Column, row: int, text: str) -> str | None:
        """The number as plain digits (repairs reported), or None after reporting an error."""
        if _PLAIN_NUMBER.match(text):
            return text
        if _THOUSANDS.match(text):
            if self.decimal_comma and text.count(",") == 1 and "." not in text:
                self.error(row, column.name, text, "a number without separators, such as 1500 or 1.5",
                           "value could be read two ways (thousands separator or decimal comma):")
                return None
            cleaned = text.replace(",", "")
            self.warn(row, column.name, text, "", f"thousands separators removed, read as {cleaned}:")
            return cleaned
        if _DECIMAL_COMMA.match(text):
            if self.decimal_comma:
                cleaned = text.replace(",", ".")
                self.warn(row, column.name, text, "", f"decimal comma read as a point, {cleaned}:")
                return cleaned
            self.error(row, column.name, text, f"a point for decimals, such as {text.replace(',', '.')}",
                       "value has a decimal comma:")
            return None
        expected = "a number such as 189403.21"
        if re.search(r"[^\d.,\s+-]", text):
            expected += ", without units or currency: the currency has its own column"
        self.error(row, column.name, text, expected, "value is not a number:")
        return None

    def pandera_schema(self) -> pa.DataFrameSchema:
        columns = {}
        for column in self.table.columns:
            checks = []
            if column.kind == "enum":
                checks.append(pa.Check.isin(list(column.allowed)))
            elif column.kind == "iso3":
                checks.append(pa.Check.isin(sorted(iso3_codes())))
            elif column.kind == "currency":
                checks.append(pa.Check.isin(sorted(currency_codes())))
            elif column.kind == "url":
                checks.append(pa.Check.str_matches(_URL))
            if column.minimum is not None:
                checks.append(pa.Check.ge(column.minimum))
            if column.maximum is not None:
                checks.append(pa.Check.le(column.maximum))
            columns[column.name] = pa.Column(nullable=not column.required, unique=column.unique,
                                             checks=checks, coerce=False)
        return pa.DataFrameSchema(columns, strict=False)

    def check_constraints(self, frame: pd.DataFrame) -> None:
        try:
            self.pandera_schema().validate(frame, lazy=True)
        except pa.errors.SchemaErrors as errors:
            cases = errors.failure_cases
            for case in cases.itertuples(index=False):
                column = self.table.column(case.column) if case.column in self.table.names else None
                row = None if pd.isna(case.index) else int(case.index)
                if column is None:
                    self.error(row, case.column, None, "", str(case.check))
                    continue
                value = None if pd.isna(case.failure_case) else _as_text(case.failure_case)
                self.report_failure(column, str(case.check), row, value)

    def report_failure(self, column: Column, check: str, row: int | None, value: str | None) -> None:
        if check == "not_nullable":
            self.error(row, column.name, None, _expected(column), "a value is required")
        elif check == "field_uniqueness":
            first = self._first_row_with(column.name, value)
            if first is not None and first != row:
                self.error(row, column.name, value, "a unique id",
                           f"duplicate id (first used on row {first}); this row is left out:")
        elif check.startswith("isin") and column.kind == "iso3":
            self.error(row, column.name, value, _with_hint("an ISO 3166-1 alpha-3 code such as JOR or IRN",
                                                           country_hint(value or "")),
                       "unknown country code:")
        elif check.startswith("isin") and column.kind == "currency":
            self.error(row, column.name, value, _with_hint("an ISO 4217 code such as EUR or USD",
                                                           currency_hint(value or "")),
                       "unknown currency code:")
        elif check.startswith("isin"):
            self.error(row, column.name, value, _with_hint("one of " + ", ".join(column.allowed),
                                                           choice_hint(value or "", column.allowed)),
                       "value is not allowed:")
        elif column.kind == "url":
            self.error(row, column.name, value, "an http:// or https:// address",
                       "not a web address:")
        else:
            self.error(row, column.name, value, _expected(column), "value is out of range:")

    def _first_row_with(self, column: str, value: str | None) -> int | None:
        series = self.raw[column]
        hits = series[series == value].index
        return int(hits[0]) if len(hits) else None

    def check_dates(self, frame: pd.DataFrame) -> None:
        for column in self.table.columns:
            if column.kind != "date":
                continue
            precisions = frame[column.precision] if column.precision else None
            firsts, lasts = [], []
            for row, text in frame[column.name].items():
                declared = precisions[row] if precisions is not None else None
                first, last = self.check_date(column, row, text, declared)
                firsts.append(first)
                lasts.append(last)
            frame[f"{column.name}_first"] = pd.to_datetime(pd.Series(firsts, index=frame.index))
            frame[f"{column.name}_last"] = pd.to_datetime(pd.Series(lasts, index=frame.index))
        for start, end in self.table.after:
            late = frame[f"{end}_last"] < frame[f"{start}_first"]
            for row in frame.index[late.fillna(False)]:
                self.error(row, end, frame.at[row, end], f"on or after {start} {frame.at[row, start]}",
                           "ends before it starts:")

    def check_date(self, column: Column, row: int, text, declared):
        if not isinstance(text, str):
            if declared in ("day", "month", "year"):
                self.error(row, column.name, None, f"a date written to the {declared}",
                           f"{column.precision} says '{declared}' but the date is blank")
            return pd.NaT, pd.NaT
        written = date_precision_of(text)
        if written is None:
            hint = date_hint(text) or "e.g. 2021-07-27"
            self.error(row, column.name, text, f"YYYY-MM-DD, YYYY-MM or YYYY; {hint}",
                       "not a date in ISO form:")
            return pd.NaT, pd.NaT
        if column.precision and declared != written:
            if declared == "unknown":
                message = f"{column.precision} says 'unknown' but a date is given:"
            else:
                message = f"{column.precision} says '{declared}' but the date is written to the {written}:"
            self.error(row, column.name, text, f"a date written to the {declared}", message)
            return pd.NaT, pd.NaT
        if column.precision is None and column.name == "month" and written != "month":
            self.error(row, column.name, text, "YYYY-MM", "not a month:")
            return pd.NaT, pd.NaT
        return period_bounds(text, written)


def check_table(table: Table, raw: RawTable, problems: list[Problem]) -> pd.DataFrame | None:
    """Parse and check one table's cells on their own (no references to other tables): the
    parsed frame, or None when the table cannot be used. Problems are added to `problems`."""
    return _TableCheck(table, raw, problems).run()


def _expected(column: Column) -> str:
    if column.kind == "enum":
        return "one of " + ", ".join(column.allowed)
    bounds = []
    if column.minimum is not None:
        bounds.append(f">= {column.minimum:g}")
    if column.maximum is not None:
        bounds.append(f"<= {column.maximum:g}")
    if bounds:
        return "a number " + " and ".join(bounds)
    return f"a {column.kind} value"


def _with_hint(expected: str, hint: str | None) -> str:
    return f"{expected}; {hint}" if hint else expected


def _renamed(name: str, candidates: set[str]) -> str:
    close = column_hint(name, candidates)
    return f"; is '{close}' the same column, renamed?" if close else ""


def _as_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --- references between tables -------------------------------------------------------------

def _reference_columns(table: Table):
    for column in table.columns:
        if column.ref is not None:
            yield column


def _check_references(table: Table, frame: pd.DataFrame, loaded: dict[str, pd.DataFrame],
                      left_out: dict[str, set[str]], unloaded: set[str],
                      problems: list[Problem]) -> set[int]:
    bad: set[int] = set()
    for column in _reference_columns(table):
        target_table, target_column = column.ref
        values = frame[column.name].dropna()
        if target_table in unloaded:
            # one problem for the column, not one per row: the cause is the other file
            rows = [int(row) for row in values.index]
            if rows:
                problems.append(Problem(
                    table.file, None, column.name, None, f"{target_table}.csv to load", ERROR,
                    f"{len(rows)} row(s) refer to {target_table}.csv, which could not be loaded "
                    f"(see its own problem); they are left out ({rows_text(rows)})"))
                bad.update(rows)
            continue
        known = set(loaded[target_table][target_column].dropna())
        dropped = left_out.get(target_table, set())
        for row, value in values.items():
            items = value.split(";") if column.kind == "list" else [value]
            for item in (v.strip() for v in items):
                if item in known or (column.kind == "iso3" and item not in iso3_codes()):
                    continue  # an unknown ISO code is reported once, by the code check
                problems.append(_reference_problem(table.file, int(row), column.name, item,
                                                   target_table, target_column, item in dropped))
                bad.add(int(row))
    return bad


def _reference_problem(file: str, row: int, column: str, value: str, target_table: str,
                       target_column: str, was_left_out: bool, unloaded: bool = False) -> Problem:
    if unloaded:
        message = f"refers to {target_table}.csv, which could not be loaded (see its own problem):"
    elif was_left_out:
        message = f"refers to a row of {target_table}.csv that was left out because of its own problem:"
    else:
        message = f"refers to nothing in {target_table}.csv:"
    return Problem(file, row, column, value, f"an existing {target_column} from {target_table}.csv",
                   ERROR, message)


def _check_self_and_claims(name: str, frame: pd.DataFrame, loaded: dict[str, pd.DataFrame],
                           left_out: dict[str, set[str]], unloaded: set[str],
                           problems: list[Problem]) -> set[int]:
    """References the declarations cannot express: parent organisations and claim records."""
    bad: set[int] = set()
    table = TABLES_BY_NAME[name]
    if name == "organisations":
        ids = set(frame["org_id"].dropna())
        for row, parent in frame["parent_id"].dropna().items():
            if parent not in ids:
                problems.append(_reference_problem(table.file, int(row), "parent_id", parent,
                                                   "organisations", "org_id", False))
                bad.add(int(row))
    if name == "claims":
        for row, target, record in frame[["table", "record_id"]].dropna().itertuples():
            if target == "borders":
                continue
            key = TABLES_BY_NAME[target].key or "iso3"
            if target in unloaded or record not in set(loaded[target][key]):
                problems.append(_reference_problem(table.file, int(row), "record_id", record, target,
                                                   key, record in left_out.get(target, set()),
                                                   unloaded=target in unloaded))
                bad.add(int(row))
    return bad


# --- the whole folder -----------------------------------------------------------------------

class DataFolderError(Exception):
    """The data folder itself cannot be read (it does not exist or is not a folder)."""


def load_dataset(data_dir: Path | str, replacements: Mapping[str, bytes] | None = None) -> Dataset:
    """Load and validate every table in data_dir. Never raises on bad data.

    `replacements` maps a table name to the bytes of a CSV read instead of that table's file
    (an upload being checked before it is written); the folder itself is only read."""
    return load_dataset_with_text(data_dir, replacements)[0]


def load_dataset_with_text(data_dir: Path | str, replacements: Mapping[str, bytes] | None = None,
                           ) -> tuple[Dataset, dict[str, pd.DataFrame]]:
    """The dataset, and each table's cells as text with the reported repairs made (thousands
    separators removed, spaces trimmed), indexed by spreadsheet row: what an import writes."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise DataFolderError(f"{data_dir} is not a readable folder")
    replacements = replacements or {}
    problems: list[Problem] = []
    loaded: dict[str, pd.DataFrame] = {}
    rejected: dict[str, pd.DataFrame] = {}
    texts: dict[str, pd.DataFrame] = {}
    left_out: dict[str, set[str]] = {}
    unloaded: set[str] = set()
    for table in TABLES:
        if table.name in replacements:
            raw = read_csv_bytes(replacements[table.name], table.file, problems, table.names)
        else:
            raw = read_table(data_dir / table.file, table, problems)
        check = _TableCheck(table, raw, problems) if raw is not None else None
        frame = check.run() if check is not None else None
        if frame is None:
            unloaded.add(table.name)
            loaded[table.name] = empty_table(table)
            rejected[table.name] = empty_table(table)
            continue
        bad = set(check.bad_rows)
        readable = frame.drop(index=sorted(raw.malformed))  # a malformed row is reported once
        bad |= _check_references(table, readable, loaded, left_out, unloaded, problems)
        bad |= _check_self_and_claims(table.name, readable, loaded, left_out, unloaded, problems)
        _sort_by_row(problems, table)
        bad_index = sorted(bad)
        rejected[table.name] = raw.cells.loc[bad_index]
        texts[table.name] = check.cells
        if table.key:
            good_keys = set(frame.drop(index=bad_index)[table.key].dropna())
            left_out[table.name] = set(frame.loc[bad_index, table.key].dropna()) - good_keys
        loaded[table.name] = frame.drop(index=bad_index)
    dataset = Dataset(tables=loaded, problems=problems, rejected=rejected, data_dir=data_dir)
    return dataset, texts


def _sort_by_row(problems: list[Problem], table: Table) -> None:
    """This table's problems (the last ones in the list) in spreadsheet order: whole-file
    problems first, then by row and by column as the schema lists them."""
    start = len(problems)
    while start and problems[start - 1].file == table.file:
        start -= 1
    order = {name: position for position, name in enumerate(table.names)}
    problems[start:] = sorted(problems[start:], key=lambda p: (
        p.row is not None, p.row or 0, order.get(p.column or "", -1)))


def empty_table(table: Table) -> pd.DataFrame:
    columns: dict[str, pd.Series] = {}
    for column in table.columns:
        dtype = {"int": "Int64", "float": "float64"}.get(column.kind, "str")
        columns[column.name] = pd.Series(dtype=dtype)
        if column.kind == "date":
            columns[f"{column.name}_first"] = pd.Series(dtype="datetime64[ns]")
            columns[f"{column.name}_last"] = pd.Series(dtype="datetime64[ns]")
    return pd.DataFrame(columns)


def data_signature(data_dir: Path | str) -> tuple:
    """What changes when any table in the folder is edited: used as a cache key."""
    data_dir = Path(data_dir)
    entries = []
    for table in TABLES:
        path = data_dir / table.file
        try:
            stat = path.stat()
            entries.append((table.file, stat.st_mtime_ns, stat.st_size))
        except OSError:
            entries.append((table.file, None, None))
    return tuple(entries)
