"""Read the CSVs in a data folder into one validated Dataset.

Nothing here raises on bad data: every problem is collected with its file, spreadsheet row,
column, value and what was expected. Rows with an error are left out (and the rows that refer
to them), the rest loads. Repairs that cannot change meaning (a byte-order mark, a thousands
separator, stray spaces) are made and reported as warnings; nothing is guessed. Reading the
bytes (encodings, separators, malformed rows) is in crossings.data.reading, checking one table
in crossings.data.table_checks; this module checks the references between tables and loads
the folder. See data/README.md, "What is an error, what is repaired".
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from crossings.data.dataset import Dataset
from crossings.data.problems import ERROR, Problem, phrase, problem
from crossings.data.reading import RawTable, read_csv_bytes, rows_text, too_large
from crossings.data.record_checks import announced_as_held, groups_without_members
from crossings.data.row_rules import border_pair_problems
from crossings.data.schema import TABLES, TABLES_BY_NAME, Table
from crossings.data.table_checks import TableCheck
from crossings.data.values import iso3_codes
from crossings.languages import N_
from crossings.limits import DATA_FILE_MAX_BYTES

# --- reading -------------------------------------------------------------------------------

def read_table(path: Path, table: Table, problems: list[Problem]) -> RawTable | None:
    """The cells of one table's file, or None if it cannot be used at all."""
    name = table.file
    if not path.is_file():
        problems.append(problem(name, None, None, None,
                                phrase(N_("a file {file} in the data folder"), file=name),
                                message=N_("file is missing; the table is left empty")))
        return None
    try:
        size = path.stat().st_size
        if size > DATA_FILE_MAX_BYTES:  # checked before reading: a huge file is never loaded into memory
            problems.append(too_large(name, size, DATA_FILE_MAX_BYTES))
            return None
        raw = path.read_bytes()
    except OSError as err:
        problems.append(problem(name, None, None, None, N_("a readable file"), ERROR,
                                phrase(N_("file cannot be read ({reason}); the table is left empty"),
                                       reason=err.strerror)))
        return None
    return read_csv_bytes(raw, name, problems, table.names, max_bytes=DATA_FILE_MAX_BYTES)


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
        if target_table in unloaded and target_table != table.name:
            # one problem for the column, not one per row: the cause is the other file
            rows = [int(row) for row in values.index]
            if rows:
                problems.append(problem(
                    table.file, None, column.name, None,
                    phrase(N_("{target_table}.csv to load"), target_table=target_table), ERROR,
                    phrase(N_("{count} row(s) refer to {target_table}.csv, which could not be loaded (see "
                              "its own problem); they are left out ({rows})"),
                           count=str(len(rows)), target_table=target_table, rows=rows_text(rows))))
                bad.update(rows)
            continue
        target = frame if target_table == table.name else loaded[target_table]  # its own rows
        known = set(target[target_column].dropna())
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
        message = N_("refers to {target_table}.csv, which could not be loaded (see its own problem):")
    elif was_left_out:
        message = N_("refers to a row of {target_table}.csv that was left out because of its own problem:")
    else:
        message = N_("refers to nothing in {target_table}.csv:")
    return Problem(file, row, column, value, N_("an existing {target_column} from {target_table}.csv"),
                   ERROR, message, (("target_table", target_table), ("target_column", target_column)))


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
    cells: dict[str, pd.DataFrame] = {}  # each loaded table's cells as read
    for table in TABLES:
        if table.name in replacements:
            raw = read_csv_bytes(replacements[table.name], table.file, problems, table.names)
        else:
            raw = read_table(data_dir / table.file, table, problems)
        check = TableCheck(table, raw, problems) if raw is not None else None
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
        if table.name == "events" and "sources" not in unloaded:
            usable = readable[~readable.index.isin(bad)]
            bad |= _report(announced_as_held(usable, loaded["sources"]), problems)
        bad_index = sorted(bad)
        cells[table.name] = raw.cells
        rejected[table.name] = raw.cells.loc[bad_index]
        texts[table.name] = check.cells
        if table.key:
            good_keys = set(frame.drop(index=bad_index)[table.key].dropna())
            left_out[table.name] = set(frame.loc[bad_index, table.key].dropna()) - good_keys
        loaded[table.name] = frame.drop(index=bad_index)
        if table.name == "group_members" and "groups" not in unloaded:
            _leave_out_empty_groups(loaded, rejected, texts, left_out, problems)
    if "borders" not in unloaded:  # a pair listed twice may be explained by a claim
        _leave_out(border_pair_problems(loaded["borders"], loaded["claims"]), "borders", loaded,
                   rejected, cells, problems)
    problems.sort(key=_spreadsheet_order)
    dataset = Dataset(tables=loaded, problems=problems, rejected=rejected, data_dir=data_dir)
    return dataset, texts


def _leave_out(found: list[Problem], name: str, loaded: dict[str, pd.DataFrame],
               rejected: dict[str, pd.DataFrame], cells: dict[str, pd.DataFrame],
               problems: list[Problem]) -> None:
    """Rows found bad by a rule across tables, moved from the loaded table to its rejected rows."""
    rows = sorted({problem.row for problem in found if problem.row is not None})
    problems.extend(found)
    if rows:
        loaded[name] = loaded[name].drop(index=rows)
        rejected[name] = pd.concat([rejected[name], cells[name].loc[rows]]).sort_index()


_TABLE_ORDER = {table.file: position for position, table in enumerate(TABLES)}
_COLUMN_ORDER = {table.file: {name: position for position, name in enumerate(table.names)}
                 for table in TABLES}


def _spreadsheet_order(problem: Problem) -> tuple:
    """Problems file by file in load order; in a file, whole-file problems first, then by row
    and by column as the schema lists them."""
    return (_TABLE_ORDER.get(problem.file, len(_TABLE_ORDER)), problem.row is not None, problem.row or 0,
            _COLUMN_ORDER.get(problem.file, {}).get(problem.column or "", -1))


def _report(found: list[Problem], problems: list[Problem]) -> set[int]:
    problems.extend(found)
    return {problem.row for problem in found}


def _leave_out_empty_groups(loaded: dict[str, pd.DataFrame], rejected: dict[str, pd.DataFrame],
                            texts: dict[str, pd.DataFrame], left_out: dict[str, set[str]],
                            problems: list[Problem]) -> None:
    """A group is checked once its members are loaded: one without any is left out like a
    row with an error, so what names it is reported as referring to a row left out."""
    found = groups_without_members(loaded["groups"], loaded["group_members"])
    if not found:
        return
    problems.extend(found)
    rows = [problem.row for problem in found]
    groups = loaded["groups"]
    left_out["groups"] = left_out.get("groups", set()) | set(groups.loc[rows, "group_id"])
    rejected["groups"] = pd.concat([rejected["groups"], texts["groups"].loc[rows]])
    loaded["groups"] = groups.drop(index=rows)


def empty_table(table: Table) -> pd.DataFrame:
    columns: dict[str, pd.Series] = {}
    for column in table.columns:
        dtype = {"int": "Int64", "float": "float64"}.get(column.kind, "str")
        columns[column.name] = pd.Series(dtype=dtype)
        if column.kind == "date":
            columns[f"{column.name}_first"] = pd.Series(dtype="datetime64[ns]")
            columns[f"{column.name}_last"] = pd.Series(dtype="datetime64[ns]")
    for name in table.derived_precisions():
        columns[name] = pd.Series(dtype="str")
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
