"""Writing a table's file in the data folder so that a crash at any moment leaves it whole.

    with folder_lock(data_dir):
        backup = keep_backup(target, data_dir / BACKUP_FOLDER, now)   # checked copy, or raises
        replace_atomically(target, content)                           # old file or new, never half

Every file is first written to a temporary file in the same folder (`.NAME.XXXXXXXX.tmp`),
flushed to disk, read back and compared, then renamed into place: readers see the old file or
the new one, and a backup either exists whole or not at all. Killing the server mid-write
leaves at most a temporary file; those are removed when the app starts and before each write,
under the folder lock that every writer holds while its temporary file exists, so a file
being written is never taken for a leftover.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import re
import tempfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

BACKUP_FOLDER = "backups"  # inside the data folder
BACKUPS_KEPT = 20  # per table; older ones are deleted after a successful write
# What tempfile.mkstemp makes here: a dot, the file's name, eight random characters, ".tmp".
_TEMPORARY = re.compile(r"^\..+\.csv\.[A-Za-z0-9_]{8}\.tmp$")


class WriteCheckError(OSError):
    """What was read back from disk is not what was written: nothing was replaced."""


@contextlib.contextmanager
def folder_lock(data_dir: Path) -> Iterator[None]:
    """One writer at a time, across sessions and processes: an advisory POSIX lock on the
    folder itself, so no lock file is left in it."""
    descriptor = os.open(data_dir, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def remove_leftovers(data_dir: Path) -> list[Path]:
    """Delete the temporary files a killed write left in the folder and its backups. Call with
    the folder lock held (remove_leftovers_now takes it). Returns what was removed."""
    removed = []
    for folder in (data_dir, data_dir / BACKUP_FOLDER):
        if not folder.is_dir():
            continue
        for path in folder.iterdir():
            if _TEMPORARY.match(path.name) and path.is_file():
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
                    removed.append(path)
    return removed


def remove_leftovers_now(data_dir: Path) -> list[Path]:
    """remove_leftovers under the folder lock: when the app starts. Nothing when the folder
    is missing or cannot be written (the app reads such a folder all the same)."""
    try:
        with folder_lock(data_dir):
            return remove_leftovers(data_dir)
    except OSError:
        return []


def _read_back(path: Path) -> bytes:
    return path.read_bytes()


def _write_checked(folder: Path, name: str, content: bytes) -> Path:
    """`content` in a new temporary file in `folder`, on disk and read back the same."""
    descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    path = Path(temporary)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        if hashlib.sha256(_read_back(path)).digest() != hashlib.sha256(content).digest():
            raise WriteCheckError(f"{name}: what was read back differs from what was written")
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path


def _sync_folder(folder: Path) -> None:
    """The rename itself survives a power cut."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def replace_atomically(target: Path, content: bytes) -> None:
    """Readers see the old file or the new one, never half of one."""
    temporary = _write_checked(target.parent, target.name, content)
    try:
        if target.exists():
            temporary.chmod(target.stat().st_mode & 0o777)
        temporary.replace(target)  # os.replace: atomic within one file system
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _sync_folder(target.parent)


def keep_backup(target: Path, folder: Path, now: datetime) -> Path:
    """A checked copy of `target` in `folder`, named by the time, never over an earlier one:
    written whole to a temporary file, then linked to its name (a link fails rather than
    replace an existing backup)."""
    folder.mkdir(exist_ok=True)
    content = target.read_bytes()
    stem = f"{target.stem}.{now:%Y%m%d-%H%M%S}"
    try:
        temporary = _write_checked(folder, f"{stem}.csv", content)
    except BaseException:
        with contextlib.suppress(OSError):
            folder.rmdir()  # only if empty: no backup folder made for nothing
        raise
    try:
        for attempt in range(1, 1000):
            backup = folder / (f"{stem}.csv" if attempt == 1 else f"{stem}-{attempt}.csv")
            try:
                os.link(temporary, backup)
            except FileExistsError:
                continue
            _sync_folder(folder)
            return backup
    finally:
        temporary.unlink(missing_ok=True)
    raise FileExistsError(f"no free backup name for {target.name} in {folder.name}/")


def drop_backup(backup: Path) -> None:
    """Undo keep_backup when the table was not replaced after all."""
    backup.unlink(missing_ok=True)
    with contextlib.suppress(OSError):
        backup.parent.rmdir()  # only if empty: it was made for this backup


def prune_backups(folder: Path, table_name: str) -> None:
    backups = sorted(folder.glob(f"{table_name}.*.csv"), key=lambda path: path.stat().st_mtime_ns)
    for old in backups[:-BACKUPS_KEPT]:
        old.unlink(missing_ok=True)
