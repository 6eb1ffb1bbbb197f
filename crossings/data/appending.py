"""Add rows to several tables in one step: check them all together, preview, then write every
table or none (the Add a record page).

    preview = preview_append(data_dir, {"sources": rows, "events": rows, "event_countries": rows})
    preview.added["events"], preview.problems, preview.can_write
    results = write_append(preview, data_dir, editor)

The new rows are checked exactly as the Import page checks an upload (crossings.data.importing),
with every table's new version in place at once, so an event_countries row may refer to the
event added beside it; any error the additions cause, in their own rows or anywhere else,
blocks the write. Writing needs an editor (crossings/access.py) and goes through the same
folder lock, the same backups in data/backups/ and the same atomic replace as an import.
Tables are replaced in load order (sources and organisations before the events that refer to
them), so a reader between two replacements never meets a reference to a row
not yet written; if a replacement fails, the tables already replaced are restored from their
backups and nothing is left half-written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pandas as pd

from crossings.access import Editor
from crossings.data.importing import (
    BACKUP_FOLDER,
    ImportRefusedError,
    WriteResult,
    _beyond,
    _csv_content,
    _schema_columns,
)
from crossings.data.loading import data_signature, load_dataset_with_text
from crossings.data.problems import Problem
from crossings.data.schema import TABLES, TABLES_BY_NAME
from crossings.data.writing import (
    drop_backup,
    folder_lock,
    keep_backup,
    prune_backups,
    remove_leftovers,
    replace_atomically,
)
from crossings.languages import _


@dataclass
class AppendPreview:
    added: dict[str, pd.DataFrame]  # table name -> the new rows (schema columns, text cells)
    contents: dict[str, bytes]  # table name -> the whole file that would be written
    problems: list[Problem]  # errors the additions cause, in their rows or elsewhere
    signature: tuple  # the data folder's state when previewed

    @property
    def count(self) -> int:
        return sum(len(rows) for rows in self.added.values())

    @property
    def blocking_reasons(self) -> list[str]:
        reasons = []
        if not self.count:
            reasons.append(_("there are no rows to add"))
        if self.problems:
            reasons.append(_("the new rows cause {count} error(s) (listed above)").format(
                count=len(self.problems)))
        return reasons

    @property
    def can_write(self) -> bool:
        return not self.blocking_reasons


def preview_append(data_dir: Path | str, new_rows: dict[str, pd.DataFrame]) -> AppendPreview:
    """Check the tables with these rows added, against the current folder. Reads, never writes."""
    data_dir = Path(data_dir)
    signature = data_signature(data_dir)
    current, texts = load_dataset_with_text(data_dir)
    uploads, added = {}, {}
    for name, rows in new_rows.items():
        if rows is None or rows.empty:
            continue
        table = TABLES_BY_NAME[name]
        existing = texts.get(name)
        rows = _schema_columns(rows.astype("str"), table)
        whole = rows if existing is None else pd.concat([_schema_columns(existing, table), rows],
                                                          ignore_index=True)
        uploads[name] = _csv_content(table, whole)
        added[name] = rows.reset_index(drop=True)
    proposed, _texts = load_dataset_with_text(data_dir, uploads) if uploads else (current, texts)
    problems = _beyond(proposed.errors, current.errors)
    return AppendPreview(added, uploads, problems, signature)


def write_append(preview: AppendPreview, data_dir: Path | str, editor: Editor,
                 now: datetime | None = None) -> list[WriteResult]:
    """Write every table of the preview, or none. `editor` is who was allowed to
    (crossings/access.py decides). Raises ImportRefusedError (nothing written) unless the rows
    check out and the folder has not changed since the preview."""
    if not isinstance(editor, Editor):
        raise ImportRefusedError(_("Writing needs an editor."))
    if not preview.can_write:
        raise ImportRefusedError(_("These rows cannot be written: {reasons}.").format(
            reasons=_("; ").join(preview.blocking_reasons)))
    return write_tables(data_dir, preview.contents, preview.signature, now)


def write_tables(data_dir: Path | str, contents: dict[str, bytes], signature: tuple | None = None,
                 now: datetime | None = None) -> list[WriteResult]:
    """Replace several tables as one change (a record with its rows in every table, an IATI
    import): every table is backed up first, then replaced in load order; if a replacement
    fails, the ones already replaced are put back and nothing is left half-written. With
    `signature`, nothing is written if the folder changed since it was taken. The caller has
    checked who may write."""
    data_dir = Path(data_dir)
    now = now or datetime.now()
    order = [t for t in TABLES if t.name in contents]
    results: list[WriteResult] = []
    with folder_lock(data_dir):
        remove_leftovers(data_dir)  # a killed write's temporary files
        if signature is not None and data_signature(data_dir) != signature:
            raise ImportRefusedError(_("The data folder changed since this preview (someone else saved a "
                                       "table?). Check again to see the rows against it."))
        backups = {t.name: (keep_backup(data_dir / t.file, data_dir / BACKUP_FOLDER, now)
                            if (data_dir / t.file).exists() else None) for t in order}
        try:
            for table in order:
                replace_atomically(data_dir / table.file, contents[table.name])
                rows = max(len(contents[table.name].decode("utf-8").splitlines()) - 1, 0)
                results.append(WriteResult(data_dir / table.file, backups[table.name], rows))
        except BaseException:
            _restore(data_dir, order[:len(results)], backups)
            for backup in backups.values():  # the tables are as they were: the copies are not needed
                if backup is not None:
                    drop_backup(backup)
            raise
        for table in order:
            if backups[table.name] is not None:
                prune_backups(data_dir / BACKUP_FOLDER, table.name)
    return results


def _restore(data_dir: Path, written, backups: dict[str, Path | None]) -> None:
    """Put back the tables already replaced, newest last (the reverse of the write order)."""
    for table in reversed(written):
        backup = backups[table.name]
        if backup is None:
            (data_dir / table.file).unlink(missing_ok=True)
        else:
            replace_atomically(data_dir / table.file, backup.read_bytes())
