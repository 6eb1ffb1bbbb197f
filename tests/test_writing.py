"""Writes that a crash cannot leave half done: backups written whole and checked, the table
replaced atomically, and the temporary files of a killed write removed at start and before
each write (crossings/data/writing.py)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import crossings.data.writing as writing
from components.pages import PAGES
from crossings.data.importing import preview_import, write_import
from crossings.data.writing import (
    BACKUP_FOLDER,
    WriteCheckError,
    folder_lock,
    remove_leftovers_now,
)
from crossings.files import ROOT
from tests.helpers import with_cell
from tests.test_app_pages import open_page
from tests.test_importing import EDITOR, NOW, folder_state

LEFTOVERS = (".funding.csv.a1b2c3d4.tmp", ".events.csv.zz_9y8x7.tmp")
BACKUP_LEFTOVER = ".funding.20260301-093000.csv.q1w2e3r4.tmp"
NOT_OURS = ("notes.tmp", ".gitkeep", ".funding.csv.tmp", "funding.csv.a1b2c3d4.tmp")


def leave_leftovers(folder: Path) -> None:
    (folder / BACKUP_FOLDER).mkdir(exist_ok=True)
    for name in LEFTOVERS + NOT_OURS:
        (folder / name).write_bytes(b"half a file")
    (folder / BACKUP_FOLDER / BACKUP_LEFTOVER).write_bytes(b"half a backup")


def assert_only_leftovers_removed(folder: Path) -> None:
    assert not any((folder / name).exists() for name in LEFTOVERS)
    assert not (folder / BACKUP_FOLDER / BACKUP_LEFTOVER).exists()
    assert all((folder / name).exists() for name in NOT_OURS)  # names we never make are left alone


def test_leftovers_are_removed_when_the_app_starts(data_copy, monkeypatch):
    leave_leftovers(data_copy)
    monkeypatch.setenv("CROSSINGS_DATA_DIR", str(data_copy))
    at = open_page(PAGES[0])
    assert not at.exception
    assert_only_leftovers_removed(data_copy)


def test_leftovers_are_removed_before_each_write(data_copy):
    upload = with_cell(data_copy / "funding.csv", "funding_id", "F-JEMPAS2-AMIF", "amount", "7")
    preview = preview_import(data_copy, "funding", upload)
    leave_leftovers(data_copy)
    write_import(preview, data_copy, EDITOR, now=NOW)
    assert_only_leftovers_removed(data_copy)
    assert [p.name for p in (data_copy / BACKUP_FOLDER).iterdir()] == ["funding.20260301-093000.csv"]


def test_a_backup_that_does_not_read_back_the_same_stops_the_write(data_copy, monkeypatch):
    """A short write (a full disk) found when the copy is read back: no backup is kept, the
    table is not replaced, no temporary file stays."""
    upload = with_cell(data_copy / "funding.csv", "funding_id", "F-JEMPAS2-AMIF", "amount", "7")
    preview = preview_import(data_copy, "funding", upload)
    before = folder_state(data_copy)
    monkeypatch.setattr(writing, "_read_back", lambda path: path.read_bytes()[:100])
    with pytest.raises(WriteCheckError):
        write_import(preview, data_copy, EDITOR, now=NOW)
    assert folder_state(data_copy) == before
    assert not (data_copy / BACKUP_FOLDER).exists()


def test_a_table_that_does_not_read_back_the_same_is_not_replaced(data_copy, monkeypatch):
    """The backup is good but the new table's copy is not: the table stays as it was and the
    backup made for this write is dropped."""
    upload = with_cell(data_copy / "funding.csv", "funding_id", "F-JEMPAS2-AMIF", "amount", "7")
    preview = preview_import(data_copy, "funding", upload)
    before = folder_state(data_copy)

    def short_for_the_table(path: Path) -> bytes:
        content = path.read_bytes()
        return content[:10] if path.name.startswith(".funding.csv.") else content

    monkeypatch.setattr(writing, "_read_back", short_for_the_table)
    with pytest.raises(WriteCheckError):
        write_import(preview, data_copy, EDITOR, now=NOW)
    assert folder_state(data_copy) == before
    assert not (data_copy / BACKUP_FOLDER).exists()
    assert not [p for p in data_copy.iterdir() if p.name.endswith(".tmp")]


def temporaries(folder: Path) -> list[Path]:
    return [path for place in (folder, folder / BACKUP_FOLDER) if place.is_dir()
            for path in place.iterdir() if path.name.endswith(".tmp")]


# The writer a test kills: backs up then replaces `table` with the versions in turn, forever.
_WRITER = """
import sys
from datetime import datetime
from pathlib import Path
from crossings.data.writing import BACKUP_FOLDER, folder_lock, keep_backup, remove_leftovers
from crossings.data.writing import replace_atomically
folder, versions = Path(sys.argv[1]), [Path(p).read_bytes() for p in sys.argv[2:]]
print("ready", flush=True)
turn = 0
while True:
    with folder_lock(folder):
        remove_leftovers(folder)
        target = folder / "events.csv"
        keep_backup(target, folder / BACKUP_FOLDER, datetime.now())
        replace_atomically(target, versions[turn % len(versions)])
    turn += 1
"""


def test_killing_a_writer_leaves_whole_files_and_no_leftovers_after_a_start(tmp_path):
    """Killed (SIGKILL) at random moments while writing 6 MB files: the table and every backup
    are each one whole version, and the next start removes the temporary files."""
    folder = tmp_path / "data"
    folder.mkdir()
    versions = []
    for letter in "ABC":
        path = tmp_path / f"version-{letter}.csv"
        path.write_bytes(b"event_id,title\n" + f"EV-{letter},{letter * 60}\n".encode() * 100_000)
        versions.append(path)
    whole = {path.read_bytes() for path in versions}
    assert min(len(v) for v in whole) > 6_000_000
    (folder / "events.csv").write_bytes(versions[0].read_bytes())
    moments = random.Random(15)  # noqa: S311 (the same kill moments on every run)
    left_behind = 0
    for _ in range(12):
        writer = subprocess.Popen([sys.executable, "-c", _WRITER, str(folder), *map(str, versions)],
                                  cwd=ROOT, stdout=subprocess.PIPE, text=True)
        try:
            assert writer.stdout.readline().strip() == "ready"
            time.sleep(moments.uniform(0.02, 0.6))
            assert writer.poll() is None, "the writer stopped by itself"
        finally:
            os.kill(writer.pid, signal.SIGKILL)
            writer.wait(timeout=30)
            writer.stdout.close()
        left_behind += len(temporaries(folder))
        assert (folder / "events.csv").read_bytes() in whole
        for backup in (folder / BACKUP_FOLDER).glob("events.*.csv"):
            assert backup.read_bytes() in whole, f"{backup.name}: {backup.stat().st_size} bytes"
        remove_leftovers_now(folder)  # what the next start does
        assert temporaries(folder) == []
    assert len(list((folder / BACKUP_FOLDER).glob("events.*.csv"))) >= 5
    print(f"temporary files left by 12 kills: {left_behind}")


def test_the_lock_is_held_while_leftovers_are_removed(data_copy):
    """remove_leftovers_now waits for a writer holding the lock (whose temporary file is not a
    leftover yet)."""
    with folder_lock(data_copy):
        (data_copy / ".funding.csv.abcdefgh.tmp").write_bytes(b"being written")
        done = threading.Event()
        thread = threading.Thread(target=lambda: (remove_leftovers_now(data_copy), done.set()))
        thread.start()
        time.sleep(0.3)
        assert not done.is_set() and (data_copy / ".funding.csv.abcdefgh.tmp").exists()
        (data_copy / ".funding.csv.abcdefgh.tmp").unlink()
    thread.join(timeout=10)
    assert done.is_set()
