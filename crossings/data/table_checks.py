"""One table parsed and checked: columns against the schema (missing, renamed, extra), each cell
parsed to its declared type with pandera's checks, repairs that cannot change meaning made and
reported as warnings, and every problem collected with its file, spreadsheet row, column, value
and what was expected. Nothing here raises on bad data.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

import pandas as pd

from crossings.data.dates import parse_date
from crossings.data.hints import choice_hint, column_hint, country_hint, currency_hint, date_hint
from crossings.data.problems import ERROR, WARNING, Problem, Text, phrase, problem
from crossings.data.reading import RawTable
from crossings.data.row_rules import ROW_RULES
from crossings.data.schema import Column, Table
from crossings.data.values import _DECIMAL_COMMA, _PLAIN_NUMBER, _THOUSANDS, _URL, currency_codes, iso3_codes
from crossings.data.vocabulary import DATE_STATUSES
from crossings.languages import N_

if TYPE_CHECKING:  # imported when a table is checked: a server reading its kept copy never needs it
    import pandera.pandas as pa

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

    def error(self, row, column, value, expected: str | Text, message: str | Text = "") -> None:
        """Expected and message are msgids marked with N_, or phrase(N_(...), values)."""
        if row is not None and (int(row) in self.malformed or (int(row), column) in self.unreadable):
            return
        self.problems.append(problem(self.table.file, row, column, value, expected, ERROR, message))
        if row is not None:
            self.bad_rows.add(int(row))

    def warn(self, row, column, value, expected: str | Text, message: str | Text) -> None:
        if row is not None and int(row) in self.malformed:
            return
        self.problems.append(problem(self.table.file, row, column, value, expected, WARNING, message))

    def run(self) -> pd.DataFrame | None:
        present = set(self.raw.columns)
        unknown = present - set(self.table.names)
        missing = [c for c in self.table.columns if c.name not in present]
        required_missing = [c.name for c in missing if c.required]
        for name in required_missing:
            self.problems.append(problem(
                self.table.file, self.header_row, name, None,
                phrase(N_("a column named {column_name}"), column_name=name), ERROR,
                _renamed(name, unknown, N_("required column is missing, so the table is left empty"),
                         N_("required column is missing, so the table is left empty; is '{close}' the "
                            "same column, renamed?"))))
        if required_missing:
            return None
        for column in missing:
            if column.default is None:  # with a default, a file without the column means the default
                self.warn(self.header_row, column.name, None, "", _renamed(
                    column.name, unknown, N_("optional column is missing, so it is read as blank"),
                    N_("optional column is missing, so it is read as blank; is '{close}' the same "
                       "column, renamed?")))
        for extra in sorted(unknown):
            self.warn(self.header_row, extra, None, "", N_("column is not in the schema and is ignored"))
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
        self.check_date_facts(frame)
        self.check_basis(frame)
        return frame

    def check_nul_characters(self) -> None:
        """A NUL character (byte 0) is never text: it comes from a binary file pasted in or a
        broken export, and it would cut the value short in other programs. The row is left out."""
        for name in self.raw.columns.intersection(self.table.names):
            values = self.raw[name].dropna()
            for row, text in values[values.str.contains("\x00", regex=False)].items():
                self.error(row, name, text, N_("text without NUL characters"),
                           N_("value holds a NUL character (byte 0), as binary files do; the row is "
                              "left out:"))
                self.unreadable.add((int(row), name))

    def parse(self, column: Column, values: pd.Series) -> pd.Series:
        if column.kind in ("int", "float"):
            return self.parse_number(column, values)
        if column.default is not None:
            values = values.fillna(column.default)
        return values.astype("str")

    def parse_number(self, column: Column, values: pd.Series) -> pd.Series:
        out = pd.Series(float("nan"), index=values.index, dtype="float64")
        for row, text in values.dropna().items():
            cleaned = self.number_text(column, row, text)
            number = float(cleaned) if cleaned is not None else None
            if number is not None and not math.isfinite(number):
                self.error(row, column.name, text, N_("a number such as 189403.21"),
                           N_("value is too large:"))
                number = None
            elif number is not None and column.kind == "int" and not number.is_integer():
                self.error(row, column.name, text, N_("a whole number"), N_("value is not a whole number:"))
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
                self.error(row, column.name, text, N_("a number without separators, such as 1500 or 1.5"),
                           N_("value could be read two ways (thousands separator or decimal comma):"))
                return None
            cleaned = text.replace(",", "")
            self.warn(row, column.name, text, "",
                      phrase(N_("thousands separators removed, read as {cleaned}:"), cleaned=cleaned))
            return cleaned
        if _DECIMAL_COMMA.match(text):
            if self.decimal_comma:
                cleaned = text.replace(",", ".")
                self.warn(row, column.name, text, "",
                          phrase(N_("decimal comma read as a point, {cleaned}:"), cleaned=cleaned))
                return cleaned
            self.error(row, column.name, text, phrase(N_("a point for decimals, such as {with_point}"),
                                                      with_point=text.replace(",", ".")),
                       N_("value has a decimal comma:"))
            return None
        expected = N_("a number such as 189403.21")
        if re.search(r"[^\d.,\s+-]", text):
            expected = N_("a number such as 189403.21, without units or currency: the currency has its "
                          "own column")
        self.error(row, column.name, text, expected, N_("value is not a number:"))
        return None

    def pandera_schema(self) -> pa.DataFrameSchema:
        import pandera.pandas as pa

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
        import pandera.pandas as pa

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
            self.error(row, column.name, None, _expected(column), N_("a value is required"))
        elif check == "field_uniqueness":
            first = self._first_row_with(column.name, value)
            if first is not None and first != row:
                self.error(row, column.name, value, N_("a unique id"),
                           phrase(N_("duplicate id (first used on row {first}); this row is left out:"),
                                  first=str(first)))
        elif check.startswith("isin") and column.kind == "iso3":
            self.error(row, column.name, value,
                       _with_hint(N_("an ISO 3166-1 alpha-3 code such as JOR or IRN"),
                                  country_hint(value or "")),
                       N_("unknown country code:"))
        elif check.startswith("isin") and column.kind == "currency":
            self.error(row, column.name, value, _with_hint(N_("an ISO 4217 code such as EUR or USD"),
                                                           currency_hint(value or "")),
                       N_("unknown currency code:"))
        elif check.startswith("isin"):
            self.error(row, column.name, value, _with_hint(_one_of(column.allowed),
                                                           choice_hint(value or "", column.allowed)),
                       N_("value is not allowed:"))
        elif column.kind == "url":
            self.error(row, column.name, value, N_("an http:// or https:// address"),
                       N_("not a web address:"))
        else:
            self.error(row, column.name, value, _expected(column), N_("value is out of range:"))

    def _first_row_with(self, column: str, value: str | None) -> int | None:
        series = self.raw[column]
        hits = series[series == value].index
        return int(hits[0]) if len(hits) else None

    def check_dates(self, frame: pd.DataFrame) -> None:
        """Each date column parsed (crossings.data.dates): its first and last day as
        `<column>_first` and `<column>_last` (NaT when blank, not a date or without a year),
        and its precision, checked against the table's precision column where it has one, else
        derived into it. Then each end against its start."""
        for column in self.table.columns:
            if column.kind != "date":
                continue
            declared_column = column.precision if column.precision in self.table.names else None
            firsts, lasts, precisions = [], [], []
            for row, text in frame[column.name].items():
                declared = frame.at[row, declared_column] if declared_column else None
                parsed = self.check_date(column, row, text, declared)
                first, last = parsed.bounds() if parsed else (pd.NaT, pd.NaT)
                firsts.append(first)
                lasts.append(last)
                precisions.append(parsed.precision if parsed else "unknown")
            frame[f"{column.name}_first"] = pd.to_datetime(pd.Series(firsts, index=frame.index))
            frame[f"{column.name}_last"] = pd.to_datetime(pd.Series(lasts, index=frame.index))
            if column.precision and not declared_column:
                frame[column.precision] = pd.Series(precisions, index=frame.index, dtype="str")
        for start, end in self.table.after:
            self.check_order(frame, start, end)

    def check_order(self, frame: pd.DataFrame, start: str, end: str) -> None:
        """An end on or after its start; a year on both ends or on neither (25 May, year not
        stated, to 3 June 2016 is 2016-05-25 to 2016-06-03 if the source's year covers both)."""
        for row, start_text, end_text in frame[[start, end]].itertuples():
            first, last = parse_date(start_text), parse_date(end_text)
            if first is None or last is None:
                continue
            if first.has_year != last.has_year:
                with_year, without = (start, end) if first.has_year else (end, start)
                self.error(row, without, frame.at[row, without],
                           phrase(N_("the year on both ends, or on neither (as {with_year} has it)"),
                                  with_year=with_year),
                           phrase(N_("{without} has no year but {with_year} has one:"), without=without,
                                  with_year=with_year))
            elif first.has_year and last.bounds()[1] < first.bounds()[0]:
                self.error(row, end, end_text, phrase(N_("on or after {start} {start_date}"), start=start,
                                                      start_date=start_text), N_("ends before it starts:"))

    def check_date(self, column: Column, row: int, text, declared):
        """The date in a cell, or None (blank, or an error reported)."""
        if not isinstance(text, str):
            if declared in ("day", "month", "year"):
                self.error(row, column.name, None, _written_to(declared),
                           phrase(N_("{column_name} says '{declared}' but the date is blank"),
                                  column_name=column.precision, declared=declared))
            return None
        parsed = parse_date(text)
        if parsed is None or (not parsed.has_year and not column.no_year):
            hint = date_hint(text, no_year=column.no_year) or Text(N_("e.g. 2021-07-27"))
            forms = Text(N_("YYYY-MM-DD, YYYY-MM, YYYY, XXXX-MM-DD or XXXX-MM") if column.no_year
                         else N_("YYYY-MM-DD, YYYY-MM or YYYY"))
            message = (N_("not a date in the form this column takes:") if parsed
                       else N_("not a date in ISO form:"))
            self.error(row, column.name, text, phrase(N_("{forms}; {hint}"), forms=forms, hint=hint), message)
            return None
        if declared is not None and declared != parsed.precision:
            if declared == "unknown":
                message = phrase(N_("{column_name} says 'unknown' but a date is given:"),
                                 column_name=column.precision)
            else:
                message = phrase(_WRITTEN_TO_BUT.get(parsed.precision, N_(
                    "{column_name} says '{declared}' but the date is written to the {precision}:")),
                    column_name=column.precision, declared=declared, precision=parsed.precision)
            self.error(row, column.name, text, _written_to(declared), message)
            return None
        if column.precision is None and column.name == "month" and parsed.precision != "month":
            self.error(row, column.name, text, N_("YYYY-MM"), N_("not a month:"))
            return None
        return parsed

    def check_date_facts(self, frame: pd.DataFrame) -> None:
        """A date status that matches its dates, and a source for every date that is not the
        row's own source's: resolved and inferred dates, and publication dates standing in."""
        needs_source = {"resolved", "inferred", "publication_date"}
        for fact in self.table.dated:
            for row in frame.index:
                status = frame.at[row, fact.status]
                if not isinstance(status, str) or status not in DATE_STATUSES:
                    continue  # reported by the list check
                given = any(isinstance(frame.at[row, date], str) for date in fact.dates)
                if status == "unknown" and given:
                    self.error(row, fact.status, status, N_("stated, resolved, inferred or publication_date"),
                               phrase(N_("{column_name} says 'unknown' but a date is given:"),
                                      column_name=fact.status))
                elif status != "unknown" and not given:
                    self.error(row, fact.status, status, _unknown_or_date_in(fact.dates),
                               phrase(N_("{column_name} says '{status}' but no date is given:"),
                                      column_name=fact.status, status=status))
                elif status in needs_source and not isinstance(frame.at[row, fact.source], str):
                    self.error(row, fact.source, None, N_("a source_id from sources.csv"),
                               phrase(_NEEDS_SOURCE[status], source_column=fact.source))

    def check_basis(self, frame: pd.DataFrame) -> None:
        """An inferred row names the source its reasoning rests on, and says the reasoning."""
        if not self.table.has_basis:
            return
        needed = (("basis_source_id", N_("a source_id from sources.csv"),
                   N_("an inferred row needs the source its reasoning rests on")),
                  ("basis_note", N_("the reasoning, in a sentence"),
                   N_("an inferred row needs its reasoning")))
        for row in frame.index[frame["basis"] == "inferred"]:
            for column, expected, message in needed:
                if not isinstance(frame.at[row, column], str):
                    self.error(row, column, None, expected, message)


def check_table(table: Table, raw: RawTable, problems: list[Problem]) -> pd.DataFrame | None:
    """Parse and check one table's cells on their own (no references to other tables): the
    parsed frame, or None when the table cannot be used. Problems are added to `problems`."""
    return TableCheck(table, raw, problems).run()


_WRITTEN_TO = {"day": N_("a date written to the day"), "month": N_("a date written to the month"),
               "year": N_("a date written to the year")}
_WRITTEN_TO_BUT = {
    "day": N_("{column_name} says '{declared}' but the date is written to the day:"),
    "month": N_("{column_name} says '{declared}' but the date is written to the month:"),
    "year": N_("{column_name} says '{declared}' but the date is written to the year:")}
_NEEDS_SOURCE = {
    "resolved": N_("a date that is resolved needs the source it comes from (or its reasoning rests on) "
                   "in {source_column}"),
    "inferred": N_("a date that is inferred needs the source it comes from (or its reasoning rests on) "
                   "in {source_column}"),
    "publication_date": N_("a date that is publication date needs the source it comes from (or its "
                           "reasoning rests on) in {source_column}")}


def _written_to(declared) -> Text:
    msgid = _WRITTEN_TO.get(declared)
    return Text(msgid) if msgid else phrase(N_("a date written to the {declared}"), declared=declared)


def _one_of(allowed) -> Text:
    return phrase(N_("one of {choices}"), choices=", ".join(allowed))


def _unknown_or_date_in(dates) -> Text:
    if len(dates) == 2:
        return phrase(N_("unknown, or a date in {column_name} or {other_column}"),
                      column_name=dates[0], other_column=dates[1])
    return phrase(N_("unknown, or a date in {column_name}"), column_name=" or ".join(dates))


def _expected(column: Column) -> Text:
    if column.kind == "enum":
        return _one_of(column.allowed)
    bounds = []
    if column.minimum is not None:
        bounds.append(f">= {column.minimum:g}")
    if column.above is not None:
        bounds.append(f"> {column.above:g}")
    if column.maximum is not None:
        bounds.append(f"<= {column.maximum:g}")
    if len(bounds) == 1:
        return phrase(N_("a number {bound}"), bound=bounds[0])
    if bounds:
        return phrase(N_("a number {bound} and {other_bound}"), bound=bounds[0],
                      other_bound=" and ".join(bounds[1:]))
    return phrase(N_("a {kind} value"), kind=column.kind)


def _with_hint(expected: str | Text, hint: Text | None) -> str | Text:
    if not hint:
        return expected
    return phrase(N_("{expected}; {hint}"), hint=hint,
                  expected=Text(expected) if isinstance(expected, str) else expected)


def _renamed(name: str, candidates: set[str], plain: str, renamed: str) -> Text:
    close = column_hint(name, candidates)
    return phrase(renamed, close=close) if close else Text(plain)


def _as_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
