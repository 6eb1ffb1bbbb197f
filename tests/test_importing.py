"""Importing a table: preview first, write only for an editor, atomically, with a
backup; a refused or failed import leaves every file byte for byte as it was."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

import pytest

from crossings.access import Editor
from crossings.data.importing import (
    BACKUP_FOLDER,
    ImportRefusedError,
    preview_import,
    write_import,
)
from crossings.data.loading import load_dataset
from tests.helpers import read_rows, set_cell, with_cell, write_rows

PASSWORD = "correct horse battery staple"  # noqa: S105 (a test fixture, not a secret)
EDITOR = Editor("editor password")
NOW = datetime(2026, 3, 1, 9, 30, 0)


def folder_state(folder: Path) -> dict[str, str]:
    """Every file (and folder) under the folder, with its hash, to prove nothing changed."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
            for p in sorted(folder.rglob("*"))}


def edited_funding(data_copy: Path, tmp_path: Path) -> bytes:
    """funding.csv with one amount changed, one line removed and one added."""
    rows = read_rows(data_copy / "funding.csv")
    for row in rows:
        if row["funding_id"] == "F-JEMPAS2-AMIF":
            row["amount"] = "190000"
    rows = [r for r in rows if r["funding_id"] != "F-JEMPAS1-EU"]
    rows.append({**rows[0], "funding_id": "F-NEW", "amount": "1000", "notes": "A new line."})
    upload = tmp_path / "upload.csv"
    write_rows(upload, rows)
    return upload.read_bytes()


def test_preview_counts_added_changed_removed(data_copy, tmp_path):
    preview = preview_import(data_copy, "funding", edited_funding(data_copy, tmp_path))
    assert preview.compared_by == "matched with the current rows by funding_id"
    assert preview.added["funding_id"].tolist() == ["F-NEW"]
    assert [(c.key, c.row, c.changes) for c in preview.changed] == [
        ("F-JEMPAS2-AMIF", 2, (("amount", "189403.21", "190000"),))]
    assert preview.removed["funding_id"].tolist() == ["F-JEMPAS1-EU"]
    assert preview.unchanged == 3
    assert preview.rejected.empty and preview.problems == []
    assert preview.new_problems_elsewhere == []
    assert preview.can_write


def test_preview_lists_rejected_rows_and_blocks_the_write(data_copy):
    upload = with_cell(data_copy / "funding.csv", "funding_id", "F-JORSYR-ICSP", "currency", "EUX")
    preview = preview_import(data_copy, "funding", upload)
    assert preview.rejected["funding_id"].tolist() == ["F-JORSYR-ICSP"]
    assert [(p.row, p.column, p.value) for p in preview.errors] == [(5, "currency", "EUX")]
    assert preview.removed.empty  # a rejected row is still in the file: not "removed"
    assert preview.blocking_reasons == ["1 error(s) in the file: fix them and upload it again"]


def test_preview_sees_what_the_upload_breaks_elsewhere(data_copy, tmp_path):
    rows = [r for r in read_rows(data_copy / "projects.csv") if r["project_id"] != "P-G5-CBM"]
    upload = tmp_path / "projects.csv"
    write_rows(upload, rows)
    preview = preview_import(data_copy, "projects", upload.read_bytes())
    assert preview.removed["project_id"].tolist() == ["P-G5-CBM"]
    broken = [p.describe() for p in preview.new_problems_elsewhere]
    assert ("ERROR: funding.csv, row 6, column 'project_id': refers to nothing in projects.csv: "
            "'P-G5-CBM' (expected an existing project_id from projects.csv)") in broken
    assert ("ERROR: events.csv, row 2, column 'project_id': refers to nothing in projects.csv: "
            "'P-G5-CBM' (expected an existing project_id from projects.csv)") in broken
    # the G5 Sahel project's rows in the other tables, as the CSVs list them
    direct = sum(1 for name in ("project_countries", "project_organisations", "funding", "events")
                 for row in read_rows(data_copy / f"{name}.csv") if row["project_id"] == "P-G5-CBM")
    direct += sum(1 for row in read_rows(data_copy / "claims.csv") if row["record_id"] == "P-G5-CBM")
    assert sum("'P-G5-CBM'" in line for line in broken) == direct
    assert not preview.can_write
    assert any("would cause" in reason for reason in preview.blocking_reasons)


def test_a_table_without_ids_is_compared_row_by_row(data_copy):
    current = (data_copy / "event_countries.csv").read_bytes()
    edited = current.replace(b"EV-2021-CAIRO,EGY,host", b"EV-2021-CAIRO,EGY,participant")
    assert edited != current
    preview = preview_import(data_copy, "event_countries", edited)
    assert "rows are compared whole" in preview.compared_by
    assert preview.added["role"].tolist() == ["participant"]
    assert preview.removed["role"].tolist() == ["host"]
    assert preview.changed == []
    assert preview.unchanged == len(read_rows(data_copy / "event_countries.csv")) - 1


def test_write_is_atomic_and_keeps_a_backup(data_copy, tmp_path):
    original = (data_copy / "funding.csv").read_bytes()
    preview = preview_import(data_copy, "funding", edited_funding(data_copy, tmp_path))
    result = write_import(preview, data_copy, EDITOR, now=NOW)
    assert result.path == data_copy / "funding.csv"
    assert result.backup == data_copy / BACKUP_FOLDER / "funding.20260301-093000.csv"
    assert result.backup.read_bytes() == original
    assert (data_copy / "funding.csv").read_bytes() == preview.content
    assert not list(data_copy.glob(".funding.csv.*.tmp"))  # the temporary file was renamed
    dataset = load_dataset(data_copy)
    assert dataset.is_clean
    amounts = dict(zip(dataset.funding["funding_id"], dataset.funding["amount"], strict=True))
    assert amounts["F-JEMPAS2-AMIF"] == 190000 and amounts["F-NEW"] == 1000
    assert "F-JEMPAS1-EU" not in amounts and result.rows == 5


def test_written_file_is_in_the_folders_own_form(data_copy):
    """A semicolon file with decimal commas and a BOM is written as plain UTF-8 with commas."""
    corpus = Path(__file__).parent / "bad_inputs"
    upload = b"\xef\xbb\xbf" + (corpus / "funding_semicolons.csv").read_bytes().replace(
        b"2500000", b"2600000")
    preview = preview_import(data_copy, "funding", upload)
    assert [(c.key, c.changes) for c in preview.changed] == [
        ("F-JEMPAS1-EU", (("amount", "2500000", "2600000"),))]
    write_import(preview, data_copy, EDITOR, now=NOW)
    written = (data_copy / "funding.csv").read_bytes()
    original = (Path(__file__).parent / "fixtures" / "data" / "funding.csv").read_bytes()
    assert written == original.replace(b"2500000", b"2600000")


def test_writing_needs_an_editor(data_copy, tmp_path):
    preview = preview_import(data_copy, "funding", edited_funding(data_copy, tmp_path))
    before = folder_state(data_copy)
    with pytest.raises(ImportRefusedError, match="needs an editor"):
        write_import(preview, data_copy, "editor password", now=NOW)
    assert folder_state(data_copy) == before


def test_a_failed_import_changes_nothing(data_copy, tmp_path, monkeypatch):
    preview = preview_import(data_copy, "funding", edited_funding(data_copy, tmp_path))
    before = folder_state(data_copy)

    def disk_full(self, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "replace", disk_full)
    with pytest.raises(OSError, match="No space left"):
        write_import(preview, data_copy, EDITOR, now=NOW)
    assert folder_state(data_copy) == before  # no half-written table, no temp file, no backup


def test_a_refused_upload_changes_nothing(data_copy):
    upload = with_cell(data_copy / "funding.csv", "funding_id", "F-JEMPAS2-AMIF", "amount", "-5")
    preview = preview_import(data_copy, "funding", upload)
    before = folder_state(data_copy)
    with pytest.raises(ImportRefusedError, match="1 error"):
        write_import(preview, data_copy, EDITOR, now=NOW)
    assert folder_state(data_copy) == before


def test_an_unusable_upload_cannot_be_written(data_copy):
    preview = preview_import(data_copy, "funding", b"")
    assert preview.content is None
    assert [p.message for p in preview.problems] == ["file is empty; the table is left empty"]
    assert preview.blocking_reasons[0] == "the file cannot be used as funding.csv (see the problems)"


def test_a_preview_goes_stale_when_the_folder_changes(data_copy, tmp_path):
    """Two editors preview the same state; the second write must not undo the first."""
    first = preview_import(data_copy, "funding", edited_funding(data_copy, tmp_path))
    other = with_cell(data_copy / "funding.csv", "funding_id", "F-JEMPAS2-AMIF", "notes",
                      "Someone else's edit.")
    second = preview_import(data_copy, "funding", other)
    write_import(first, data_copy, EDITOR, now=NOW)
    after_first = folder_state(data_copy)
    with pytest.raises(ImportRefusedError, match="changed since this preview"):
        write_import(second, data_copy, EDITOR, now=NOW)
    assert folder_state(data_copy) == after_first


def test_backups_never_overwrite_each_other(data_copy):
    for amount in ("1", "2", "3"):
        upload = with_cell(data_copy / "funding.csv", "funding_id", "F-JEMPAS2-AMIF", "amount", amount)
        write_import(preview_import(data_copy, "funding", upload), data_copy, EDITOR, now=NOW)
    backups = sorted(p.name for p in (data_copy / BACKUP_FOLDER).iterdir())
    assert backups == ["funding.20260301-093000-2.csv", "funding.20260301-093000-3.csv",
                       "funding.20260301-093000.csv"]
    amounts = sorted(read_rows(data_copy / BACKUP_FOLDER / name)[0]["amount"] for name in backups)
    assert amounts == ["1", "189403.21", "2"]


def test_preview_sees_what_the_upload_mends_elsewhere(data_copy, tmp_path):
    """funding.csv points at a project not yet in projects.csv; uploading the project mends it."""
    set_cell(data_copy / "funding.csv", "funding_id", "F-G5CBM-JPN", "project_id", "P-G5-CBM-2")
    rows = read_rows(data_copy / "projects.csv")
    rows.append({**rows[-1], "project_id": "P-G5-CBM-2", "title": "A second phase"})
    upload = tmp_path / "projects.csv"
    write_rows(upload, rows)
    preview = preview_import(data_copy, "projects", upload.read_bytes())
    assert [(p.file, p.column, p.value) for p in preview.fixed_elsewhere] == [
        ("funding.csv", "project_id", "P-G5-CBM-2"),
        ("claims.csv", "record_id", "F-G5CBM-JPN")]  # the claim on that funding line comes back too
    assert preview.added["project_id"].tolist() == ["P-G5-CBM-2"]
    assert preview.new_problems_elsewhere == [] and preview.can_write


def test_only_the_newest_backups_are_kept(data_copy, monkeypatch):
    monkeypatch.setattr("crossings.data.writing.BACKUPS_KEPT", 2)
    for minute, amount in enumerate(("1", "2", "3")):
        upload = with_cell(data_copy / "funding.csv", "funding_id", "F-JEMPAS2-AMIF", "amount", amount)
        write_import(preview_import(data_copy, "funding", upload), data_copy, EDITOR,
                     now=datetime(2026, 3, 1, 9, minute))
    backups = sorted(p.name for p in (data_copy / BACKUP_FOLDER).iterdir())
    assert backups == ["funding.20260301-090100.csv", "funding.20260301-090200.csv"]
    assert read_rows(data_copy / BACKUP_FOLDER / backups[-1])[0]["amount"] == "2"
