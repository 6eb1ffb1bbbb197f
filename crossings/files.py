"""The app's own files: where the bundled data, the served static files and the cache live
(built from this file's location, never the working directory), and how the app writes
files for itself (served outlines, cached geometry): whole or not at all, so a reader never
sees half a file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
GEOMETRY_FILE = DATA_DIR / "geo" / "countries.geojson"
IATI_SCHEMA_FILE = DATA_DIR / "iati" / "iati-activities-schema.xsd"  # a standard's schema ships as data
STATIC_DIR = ROOT / "static"
CACHE_DIR = ROOT / ".cache"  # what the app works out once and keeps between runs (git-ignored)


def write_if_changed(target: Path, content: bytes) -> bool:
    """Write `content` to `target` unless it already holds exactly that: to a temporary file in
    the same folder, then renamed over the target (safe with several sessions at once).
    Returns whether it wrote. Raises OSError when the folder cannot be written."""
    if target.is_file() and target.read_bytes() == content:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    with os.fdopen(handle, "wb") as out:
        out.write(content)
    Path(temporary).chmod(0o644)
    Path(temporary).replace(target)
    return True
