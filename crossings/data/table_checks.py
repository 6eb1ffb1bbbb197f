"""One table parsed and checked: columns against the schema (missing, renamed, extra), each cell
parsed to its declared type with pandera's checks, repairs that cannot change meaning made and
reported as warnings, and every problem collected with its file, spreadsheet row, column, value
and what was expected. Nothing here raises on bad data.
"""

from __future__ import annotations

import math
import re

import pandas as pd
import pandera.pandas as pa

from crossings.data.hints import choice_hint, column_hint, country_hint, currency_hint, date_hint
from crossings.data.problems import ERROR, WARNING, Problem
from crossings.data.reading import RawTable
from crossings.data.row_rules import ROW_RULES
from crossings.data.schema import Column, Table
from crossings.data.values import (
    _DECIMAL_COMMA,
    _PLAIN_NUMBER,
    _THOUSANDS,
    _URL,
    currency_codes,
    date_precision_of,
    iso3_codes,
    period_bounds,
)

# --- parsing and checking one table ----------------------------------------------------------

class TableCheck:
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
        self.check_nul_characters()
        frame = pd.DataFrame(index=self.raw.index)
        for column in self.table.columns:
            values = self.raw[column.name] if column.name in present else pd.Series(
                pd.NA, index=self.raw.index, dtype="str")
            frame[column.name] = self.parse(column, values)
        self.check_constraints(frame)
        self.check_dates(frame)
        for rule in ROW_RULES.get(self.table.name, ()):
            rule(self, frame)
        return frame

    def check_nul_characters(self) -> None:
        """A NUL character (byte 0) is never text: it comes from a binary file pasted in or a
        broken export, and it would cut the value short in other programs. The row is left out."""
        for name in self.raw.columns.intersection(self.table.names):
            values = self.raw[name].dropna()
            for row, text in values[values.str.contains("\x00", regex=False)].items():
                self.error(row, name, text, "text without NUL characters",
                           "value holds a NUL character (byte 0), as binary files do; the row is left out:")
                self.unreadable.add((int(row), name))

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
            if column.above is not None:
                checks.append(pa.Check.gt(column.above))
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
    return TableCheck(table, raw, problems).run()


def _expected(column: Column) -> str:
    if column.kind == "enum":
        return "one of " + ", ".join(column.allowed)
    bounds = []
    if column.minimum is not None:
        bounds.append(f">= {column.minimum:g}")
    if column.above is not None:
        bounds.append(f"> {column.above:g}")
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
