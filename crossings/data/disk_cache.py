"""The validated dataset kept on disk between server starts.

Reading and checking every CSV takes a second of CPU on the bundled data (5,500 rows), the
largest part of a server's start before the first map is drawn. The result depends only on the
files' bytes and on the code that reads them, so it is kept in .cache/datasets/ under a key made
of both: the bytes of every CSV in the folder, every source file of the `crossings` package, and
the Python, pandas, pyarrow, numpy and pandera versions. Any change to one of them is a new key, and the
files are read and checked again; nothing is ever served from a stale copy.

The copy is a pickle the app wrote itself, in its own folder, like Python's .pyc files: it is
never read from anywhere else. One that cannot be read (cut short, from another version) is
ignored and replaced; a folder that cannot be written (a read-only install) only means no copy
is kept. The CSV files themselves are only ever read.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import pickle
import platform
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from crossings.data.dataset import Dataset
from crossings.files import CACHE_DIR, write_if_changed

PACKAGE = Path(__file__).resolve().parents[1]  # crossings/
KEPT = 4  # copies kept in all: the current data and the last few versions or folders
_LOGGER = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Every source file of the package and the versions of what it reads and checks the files with."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(str(path.relative_to(PACKAGE)).encode())
        digest.update(path.read_bytes())
    versions = [platform.python_version(), pd.__version__, pa.__version__, np.__version__]
    with contextlib.suppress(metadata.PackageNotFoundError):
        versions.append(metadata.version("pandera"))  # the checks; not imported for this
    digest.update(repr(versions).encode())
    return digest.hexdigest()


def data_fingerprint(folder: Path) -> str:
    """The names and bytes of every CSV in the folder (a few megabytes: milliseconds)."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(folder.glob("*.csv")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _folder_key(folder: Path) -> str:
    return hashlib.blake2b(str(folder.resolve()).encode(), digest_size=8).hexdigest()


def load_dataset_kept(folder: Path | str, cache_dir: Path = CACHE_DIR) -> Dataset:
    """crossings.data.loading.load_dataset(folder), read from the copy kept on disk when the
    files and the code are the ones it was made from."""
    folder = Path(folder)
    place = cache_dir / "datasets"
    try:
        kept = place / f"{_folder_key(folder)}-{data_fingerprint(folder)}-{code_fingerprint()}.pickle"
    except OSError:  # a folder that cannot be listed or read: the loader says what is wrong
        kept = None
    if kept is not None and kept.is_file():
        try:
            tables, problems, rejected = pickle.loads(kept.read_bytes())  # noqa: S301 (our own file, see above)
            return Dataset(tables=tables, problems=problems, rejected=rejected, data_dir=folder)
        except Exception:  # cut short or unreadable: read the files again, and replace it
            _LOGGER.warning("Ignored an unreadable copy of the data kept at %s", kept, exc_info=True)
    from crossings.data.loading import load_dataset  # the checks (pandera) are imported only when needed

    dataset = load_dataset(folder)
    if kept is not None:
        with contextlib.suppress(OSError, pickle.PicklingError):
            write_if_changed(kept, pickle.dumps((dataset.tables, dataset.problems, dataset.rejected),
                                                protocol=pickle.HIGHEST_PROTOCOL))
            _forget_older(place, kept)
    return dataset


def _forget_older(place: Path, kept: Path) -> None:
    """Keep the newest KEPT copies (at 100,000 events a copy is a hundred megabytes)."""
    copies = sorted(place.glob("*.pickle"), key=lambda path: path.stat().st_mtime, reverse=True)
    for old in copies[KEPT:]:
        if old != kept:
            with contextlib.suppress(OSError):
                old.unlink()
