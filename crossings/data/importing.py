"""Replace one table's CSV with an uploaded file: check it, preview what changes, then write.

    preview = preview_import(data_dir, "funding", uploaded_bytes, "funding.csv")
    preview.added, preview.changed, preview.removed, preview.rejected, preview.problems ...
    result = write_import(preview, data_dir, editor)

The upload is checked exactly as the loader checks the data folder, with the upload in place
of the table's file, so references both ways are seen: an uploaded funding line pointing at a
project that does not exist, and an uploaded projects table that drops a project funding rows
still point at. Nothing is written unless the upload has no errors and causes none elsewhere,
an editor is writing (the password or a sign-in, checked in crossings/access.py), and the
folder has not changed since the preview. Writing is atomic and checked, and the previous
file is kept in data/backups/ first (crossings/data/writing.py). What is written is
the upload in the folder's own form (UTF-8, commas, the schema's columns in order, repairs
made), so the change reads well in git.
"""

from __future__ import annotations

import contextlib
import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pandas as pd

from crossings.access import Editor
from crossings.data.loading import data_signature, load_dataset_with_text
from crossings.data.problems import ERROR, Problem
from crossings.data.schema import TABLES_BY_NAME, Table
from crossings.data.writing import (
    BACKUP_FOLDER,
    drop_backup,
    folder_lock,
    keep_backup,
    prune_backups,
    remove_leftovers,
    replace_atomically,
)
from crossings.languages import _


class ImportRefusedError(Exception):
    """Nothing was written; the message says why."""


@dataclass(frozen=True)
class ChangedRow:
    key: str
    row: int  # spreadsheet row in the upload
    changes: tuple[tuple[str, str | None, str | None], ...]  # (column, before, after)


@dataclass
class ImportPreview:
    table: Table
    file_name: str
    compared_by: str  # how rows of the upload are matched with the current ones
    problems: list[Problem]  # in the upload, errors and warnings
    new_problems_elsewhere: list[Problem]  # errors the upload would cause in other tables
    fixed_elsewhere: list[Problem]  # errors in other tables the upload would resolve
    added: pd.DataFrame  # rows of the upload that are new
    changed: list[ChangedRow]
    removed: pd.DataFrame  # current rows the upload no longer has
    unchanged: int
    rejected: pd.DataFrame  # rows of the upload with an error (left out)
    ignored_columns: list[str]
    content: bytes | None  # the file that would be written; None if the upload is unusable
    signature: tuple  # the data folder's state when previewed
    notes: list[str] = field(default_factory=list)  # in the language of the session that previewed

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def has_changes(self) -> bool:
        return bool(len(self.added) or self.changed or len(self.removed))

    @property
    def blocking_reasons(self) -> list[str]:
        """Why this upload cannot be written (empty when it can), in the active language."""
        reasons = []
        if self.content is None:
            reasons.append(_("the file cannot be used as {file} (see the problems)").format(
                file=self.table.file))
        elif self.errors:
            reasons.append(_("{count} error(s) in the file: fix them and upload it again").format(
                count=len(self.errors)))
        if self.new_problems_elsewhere:
            reasons.append(_("it would cause {count} error(s) in other tables").format(
                count=len(self.new_problems_elsewhere)))
        if self.content is not None and not self.errors and not self.has_changes:
            reasons.append(_("it is the same as the current {file}: nothing to write").format(
                file=self.table.file))
        return reasons

    @property
    def can_write(self) -> bool:
        return not self.blocking_reasons


@dataclass(frozen=True)
class WriteResult:
    path: Path
    backup: Path | None  # None when there was no file before
    rows: int


def preview_import(data_dir: Path | str, table_name: str, upload: bytes,
                   file_name: str = "upload.csv") -> ImportPreview:
    """Check an upload for one table against the current data folder. Reads, never writes."""
    data_dir = Path(data_dir)
    table = TABLES_BY_NAME[table_name]
    signature = data_signature(data_dir)
    current, current_texts = load_dataset_with_text(data_dir)
    proposed, proposed_texts = load_dataset_with_text(data_dir, {table_name: upload})

    problems = [p for p in proposed.problems if p.file == table.file]
    errors_before = [p for p in current.errors if p.file != table.file]
    errors_after = [p for p in proposed.errors if p.file != table.file]

    uploaded = proposed_texts.get(table_name)
    existing = current_texts.get(table_name)
    rejected = proposed.rejected[table_name] if uploaded is not None else _no_rows(table)
    good = _schema_columns(uploaded, table).drop(index=rejected.index) if uploaded is not None else (
        _no_rows(table))
    old = _schema_columns(existing, table) if existing is not None else _no_rows(table)
    if table.key:
        compared_by = _("matched with the current rows by {key}").format(key=table.key)
        added, changed, removed, unchanged = _compare_by_key(table, old, good, rejected)
    else:
        compared_by = _("this table has no id column, so rows are compared whole: "
                        "an edited row counts as one removed and one added")
        added, removed, unchanged = _compare_whole_rows(table, old, good)
        changed = []
    ignored = [c for c in (uploaded.columns if uploaded is not None else []) if c not in table.names]
    notes = []
    if existing is None:
        notes.append(_("The current {file} could not be read, so every row counts as added.").format(
            file=table.file))
    return ImportPreview(
        table=table, file_name=file_name, compared_by=compared_by, problems=problems,
        new_problems_elsewhere=_beyond(errors_after, errors_before),
        fixed_elsewhere=_beyond(errors_before, errors_after), added=added, changed=changed,
        removed=removed, unchanged=unchanged, rejected=rejected, ignored_columns=ignored,
        content=_csv_content(table, uploaded) if uploaded is not None else None,
        signature=signature, notes=notes)


def _beyond(problems: list[Problem], baseline: list[Problem]) -> list[Problem]:
    """The problems that are not in the baseline (compared by what they say, counting repeats)."""
    spare = Counter(problems) - Counter(baseline)
    extra = []
    for problem in problems:
        if spare[problem] > 0:
            spare[problem] -= 1
            extra.append(problem)
    return extra


def _no_rows(table: Table) -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(dtype="str") for name in table.names})


def _schema_columns(cells: pd.DataFrame, table: Table) -> pd.DataFrame:
    """The schema's columns in order; a missing optional column as blank."""
    return pd.DataFrame({name: cells[name] if name in cells.columns else pd.Series(
        pd.NA, index=cells.index, dtype="str") for name in table.names}, index=cells.index)


def _same(table: Table, column: str, before, after) -> bool:
    if pd.isna(before) or pd.isna(after):
        return pd.isna(before) and pd.isna(after)
    if table.column(column).kind in ("int", "float"):
        with contextlib.suppress(ValueError):
            return float(before) == float(after)
    return before == after


def _compare_by_key(table: Table, old: pd.DataFrame, new: pd.DataFrame, rejected: pd.DataFrame):
    key = table.key
    old_by_key = {record[key]: record for _index, record in old.iterrows() if pd.notna(record[key])}
    added_rows, changed = [], []
    for row, record in new.iterrows():
        previous = old_by_key.get(record[key])
        if previous is None:
            added_rows.append(row)
            continue
        differences = tuple((name, _text(previous[name]), _text(record[name])) for name in table.names
                            if not _same(table, name, previous[name], record[name]))
        if differences:
            changed.append(ChangedRow(record[key], int(row), differences))
    # a row the upload still has, even with an error, is not "removed": it is listed as rejected
    kept = set(new[key].dropna()) | (set(rejected[key].dropna()) if key in rejected.columns else set())
    removed = old[~old[key].isin(kept)]
    unchanged = len(new) - len(added_rows) - len(changed)
    return new.loc[added_rows], changed, removed, unchanged


def _compare_whole_rows(table: Table, old: pd.DataFrame, new: pd.DataFrame):
    def signature(record) -> tuple:
        return tuple(_text(record[name]) for name in table.names)

    remaining = Counter(signature(record) for _index, record in old.iterrows())
    added_rows = []
    for row, record in new.iterrows():
        if remaining[signature(record)] > 0:
            remaining[signature(record)] -= 1
        else:
            added_rows.append(row)
    removed_rows = []
    for row, record in old.iterrows():
        if remaining[signature(record)] > 0:
            remaining[signature(record)] -= 1
            removed_rows.append(row)
    return new.loc[added_rows], old.loc[removed_rows], len(new) - len(added_rows)


def _text(value) -> str | None:
    return None if pd.isna(value) else str(value)


def table_csv_bytes(table_name: str, cells: pd.DataFrame) -> bytes:
    """A table's rows in the folder's own form, for writers other than an uploaded CSV (IATI)."""
    return _csv_content(TABLES_BY_NAME[table_name], cells)


def _csv_content(table: Table, cells: pd.DataFrame) -> bytes:
    """UTF-8, commas, '\\n' line ends, the schema's columns in order: the folder's own form."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.names)
    for _index, record in _schema_columns(cells, table).iterrows():
        writer.writerow(["" if pd.isna(value) else value for value in record])
    return out.getvalue().encode("utf-8")


# --- writing ------------------------------------------------------------------------------

def write_import(preview: ImportPreview, data_dir: Path | str, editor: Editor,
                 now: datetime | None = None) -> WriteResult:
    """Write the previewed upload over the table's file, keeping a backup. `editor` is who was
    allowed to (crossings/access.py decides). Raises ImportRefusedError (and changes nothing)
    unless the upload can be written and the folder is as it was when previewed."""
    data_dir = Path(data_dir)
    now = now or datetime.now()
    if not isinstance(editor, Editor):
        raise ImportRefusedError(_("Writing needs an editor."))
    if not preview.can_write:
        raise ImportRefusedError(_("This file cannot be written: {reasons}.").format(
            reasons=_("; ").join(preview.blocking_reasons)))
    target = data_dir / preview.table.file
    with folder_lock(data_dir):
        remove_leftovers(data_dir)  # a killed write's temporary files
        if data_signature(data_dir) != preview.signature:
            raise ImportRefusedError(_("The data folder changed since this preview (someone else saved a "
                                       "table?). Upload the file again to see the changes against it."))
        backup = keep_backup(target, data_dir / BACKUP_FOLDER, now) if target.exists() else None
        try:
            replace_atomically(target, preview.content)
        except BaseException:
            if backup is not None:  # the table is untouched, so the copy is not needed
                drop_backup(backup)
            raise
        if backup is not None:
            prune_backups(data_dir / BACKUP_FOLDER, preview.table.name)
    rows = len(preview.added) + len(preview.changed) + preview.unchanged
    return WriteResult(target, backup, rows)
