"""Read the CSVs in a data folder into one validated Dataset.

Nothing here raises on bad data: every problem is collected with its file, row, column, value
and what was expected. Rows with an error are left out (and the rows that refer to them), the
rest loads. Repairs that cannot change meaning (a byte-order mark, a thousands separator,
Windows line endings, stray spaces) are made and reported as warnings. See data/README.md.
"""

from __future__ import annotations

import csv
import io
import re
from functools import cache
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
import pycountry

from crossings.dataset import Dataset
from crossings.problems import ERROR, WARNING, Problem
from crossings.schema import TABLES, TABLES_BY_NAME, Column, Table

MAX_FILE_BYTES = 25 * 1024 * 1024
FIRST_DATA_ROW = 2  # spreadsheet numbering: the header is row 1

_DATE_FORMS = {
    "day": (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "%Y-%m-%d"),
    "month": (re.compile(r"^\d{4}-\d{2}$"), "%Y-%m"),
    "year": (re.compile(r"^\d{4}$"), "%Y"),
}
_THOUSANDS = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")
_URL = r"^https?://[^\s<>\"']+$"


@cache
def iso3_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-3 codes, plus XKX (Kosovo), which the EU and IMF use."""
    return frozenset(c.alpha_3 for c in pycountry.countries) | {"XKX"}


@cache
def currency_codes() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.currencies)


def date_precision_of(text: str) -> str | None:
    """The precision a partial ISO date is written in, or None if it is not one."""
    for precision, (pattern, fmt) in _DATE_FORMS.items():
        if pattern.match(text):
            try:
                pd.to_datetime(text, format=fmt)
            except ValueError:
                return None
            return precision
    return None


def period_bounds(text: str | None, precision: str | None) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day of the period a partial date stands for (NaT, NaT if unknown)."""
    if not isinstance(text, str) or not text:
        return pd.NaT, pd.NaT
    precision = precision if precision in _DATE_FORMS else date_precision_of(text)
    if precision is None:
        return pd.NaT, pd.NaT
    first = pd.to_datetime(text, format=_DATE_FORMS[precision][1])
    last = {
        "day": first,
        "month": first + pd.offsets.MonthEnd(0),
        "year": first + pd.offsets.YearEnd(0),
    }[precision]
    return first, last


# --- reading -------------------------------------------------------------------------------

def _read_text(path: Path, problems: list[Problem]) -> str | None:
    name = path.name
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        problems.append(Problem(name, None, None, f"{size:,} bytes", f"at most {MAX_FILE_BYTES:,} bytes",
                                message="file is too large to load; the table is left empty"))
        return None
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
        problems.append(Problem(name, None, None, None, "", WARNING,
                                "a UTF-8 byte-order mark (BOM) was removed"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        text = raw.decode("cp1252", errors="replace")
        problems.append(Problem(name, None, None, None, "UTF-8", WARNING,
                                f"the file is not UTF-8 (byte {err.start}); it was read as "
                                "Windows-1252/Latin-1: check accented letters"))
    return text


def _sniff_delimiter(text: str, name: str, problems: list[Problem]) -> str:
    header = text.split("\n", 1)[0]
    if header.count(";") > header.count(","):
        problems.append(Problem(name, 1, None, None, "commas", WARNING,
                                "the file uses semicolons between columns (European Excel); "
                                "it was read with ';'"))
        return ";"
    return ","


def read_table(path: Path, table: Table, problems: list[Problem]) -> pd.DataFrame | None:
    """The raw table as strings (missing cells as NA), or None if it cannot be used at all."""
    name = table.file
    if not path.is_file():
        problems.append(Problem(name, None, None, None, f"a file {name} in the data folder",
                                message="file is missing; the table is left empty"))
        return None
    text = _read_text(path, problems)
    if text is None:
        return None
    if not text.strip():
        problems.append(Problem(name, None, None, None, "a header row: " + ",".join(table.names),
                                message="file is empty"))
        return None
    sep = _sniff_delimiter(text, name, problems)
    try:
        frame = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False,
                            skip_blank_lines=True, quoting=csv.QUOTE_MINIMAL)
    except (pd.errors.ParserError, csv.Error) as err:
        problems.append(Problem(name, None, None, None, "well-formed CSV",
                                message=f"could not be parsed: {err}"))
        return None
    frame.columns = [str(c).strip() for c in frame.columns]
    frame.index = pd.RangeIndex(FIRST_DATA_ROW, FIRST_DATA_ROW + len(frame))
    frame = frame.apply(lambda col: col.str.strip())
    empty = (frame == "").all(axis=1)
    if empty.any():
        problems.append(Problem(name, None, None, None, "", WARNING,
                                f"{int(empty.sum())} empty row(s) ignored"))
        frame = frame[~empty]
    return frame.mask(frame == "")


# --- parsing and checking one table ----------------------------------------------------------

class _TableCheck:
    """Parses one raw table by its declared columns and records what is wrong with it."""

    def __init__(self, table: Table, raw: pd.DataFrame, problems: list[Problem]):
        self.table = table
        self.raw = raw
        self.problems = problems
        self.bad_rows: set[int] = set()

    def error(self, row, column, value, expected, message="") -> None:
        self.problems.append(Problem(self.table.file, row, column, value, expected, ERROR, message))
        if row is not None:
            self.bad_rows.add(int(row))

    def warn(self, row, column, value, expected, message) -> None:
        self.problems.append(Problem(self.table.file, row, column, value, expected, WARNING, message))

    def run(self) -> pd.DataFrame | None:
        present = set(self.raw.columns)
        missing = [c.name for c in self.table.columns if c.name not in present]
        required_missing = [n for n in missing if self.table.column(n).required]
        for col in required_missing:
            close = _similar_column(col, present - set(self.table.names))
            hint = f"; is '{close}' the same column renamed?" if close else ""
            self.problems.append(Problem(self.table.file, 1, col, None, "a column named " + col,
                                         message="required column is missing" + hint +
                                         "; the table is left empty"))
        if required_missing:
            return None
        for col in missing:
            self.warn(1, col, None, "", "optional column is missing; it is read as blank")
        for extra in sorted(present - set(self.table.names)):
            self.warn(1, extra, None, "", "column is not in the schema and is ignored")
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
            cleaned = text
            if _THOUSANDS.match(text):
                cleaned = text.replace(",", "")
                self.warn(row, column.name, text, "", f"thousands separators removed, read as {cleaned}:")
            try:
                number = float(cleaned)
            except ValueError:
                self.error(row, column.name, text, "a number such as 189403.21",
                           "value is not a number:")
                continue
            if column.kind == "int" and not number.is_integer():
                self.error(row, column.name, text, "a whole number", "value is not a whole number:")
                continue
            out[row] = number
        if column.kind == "int":
            return out.astype("Int64")
        return out

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
            self.error(row, column.name, value, "an ISO 3166-1 alpha-3 code such as JOR or IRN",
                       "unknown country code:")
        elif check.startswith("isin") and column.kind == "currency":
            self.error(row, column.name, value, "an ISO 4217 code such as EUR or USD",
                       "unknown currency code:")
        elif check.startswith("isin"):
            self.error(row, column.name, value, "one of " + ", ".join(column.allowed),
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
            if isinstance(declared, str) and declared not in ("unknown",) and declared in (
                    "day", "month", "year"):
                self.error(row, column.name, None, f"a date written to the {declared}",
                           f"{column.precision} says '{declared}' but the date is blank")
            return pd.NaT, pd.NaT
        written = date_precision_of(text)
        if written is None:
            self.error(row, column.name, text, "YYYY-MM-DD, YYYY-MM or YYYY (e.g. 2021-07-27)",
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


def _as_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _similar_column(name: str, candidates: set[str]) -> str | None:
    import difflib

    match = difflib.get_close_matches(name, sorted(candidates), n=1, cutoff=0.6)
    return match[0] if match else None


# --- references between tables -------------------------------------------------------------

def _reference_columns(table: Table):
    for column in table.columns:
        if column.ref is not None:
            yield column


def _check_references(table: Table, frame: pd.DataFrame, loaded: dict[str, pd.DataFrame],
                      left_out: dict[str, set[str]], problems: list[Problem]) -> set[int]:
    bad: set[int] = set()
    for column in _reference_columns(table):
        target_table, target_column = column.ref
        target = loaded.get(target_table)
        known = set(target[target_column].dropna()) if target is not None else set()
        dropped = left_out.get(target_table, set())
        for row, value in frame[column.name].dropna().items():
            values = value.split(";") if column.kind == "list" else [value]
            for item in (v.strip() for v in values):
                if item in known or (column.kind == "iso3" and item not in iso3_codes()):
                    continue  # an unknown ISO code is reported once, by the code check
                problems.append(_reference_problem(table.file, int(row), column.name, item,
                                                   target_table, target_column, item in dropped))
                bad.add(int(row))
    return bad


def _reference_problem(file: str, row: int, column: str, value: str, target_table: str,
                       target_column: str, was_left_out: bool) -> Problem:
    if was_left_out:
        message = f"refers to a row of {target_table}.csv that was left out because of its own problem:"
    else:
        message = f"refers to nothing in {target_table}.csv:"
    return Problem(file, row, column, value, f"an existing {target_column} from {target_table}.csv",
                   ERROR, message)


def _check_self_and_claims(name: str, frame: pd.DataFrame, loaded: dict[str, pd.DataFrame],
                           left_out: dict[str, set[str]], problems: list[Problem]) -> set[int]:
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
            target_frame = loaded.get(target)
            key = TABLES_BY_NAME[target].key or "iso3"
            if target == "borders":
                continue
            if target_frame is None or record not in set(target_frame[key]):
                problems.append(_reference_problem(table.file, int(row), "record_id", record, target,
                                                   key, record in left_out.get(target, set())))
                bad.add(int(row))
    return bad


# --- the whole folder -----------------------------------------------------------------------

class DataFolderError(Exception):
    """The data folder itself cannot be read (it does not exist or is not a folder)."""


def load_dataset(data_dir: Path | str) -> Dataset:
    """Load and validate every table in data_dir. Never raises on bad data."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise DataFolderError(f"{data_dir} is not a readable folder")
    problems: list[Problem] = []
    loaded: dict[str, pd.DataFrame] = {}
    rejected: dict[str, pd.DataFrame] = {}
    left_out: dict[str, set[str]] = {}
    for table in TABLES:
        raw = read_table(data_dir / table.file, table, problems)
        frame = None
        check = None
        if raw is not None:
            check = _TableCheck(table, raw, problems)
            frame = check.run()
        if frame is None:
            loaded[table.name] = empty_table(table)
            rejected[table.name] = empty_table(table)
            continue
        bad = set(check.bad_rows)
        bad |= _check_references(table, frame, loaded, left_out, problems)
        bad |= _check_self_and_claims(table.name, frame, loaded, left_out, problems)
        bad_index = sorted(bad)
        rejected[table.name] = raw.loc[bad_index]
        if table.key:
            good_keys = set(frame.drop(index=bad_index)[table.key].dropna())
            left_out[table.name] = set(frame.loc[bad_index, table.key].dropna()) - good_keys
        loaded[table.name] = frame.drop(index=bad_index)
    return Dataset(tables=loaded, problems=problems, rejected=rejected, data_dir=data_dir)


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
