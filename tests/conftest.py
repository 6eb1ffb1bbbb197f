"""Shared fixtures: the test data, and broken copies of it that tests may edit.

Tests run on tests/fixtures/data/, a frozen copy of the data as it was before it grew past the
seed records (the five seeds and what resolves them, in the current model): the figures that
tests assert by hand (31 countries, 7 of 9 events without a count...) stay fixed while data/
grows. The bundled data/ itself is checked by the validator (./dev.sh test runs it), by
tests/test_seed_facts.py and by tests/test_region_facts.py, which read it through
`bundled_dataset`. The swap happens here, before any test module imports DATA_DIR, and through
CROSSINGS_DATA_DIR for the servers the browser tests start.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import crossings.files
from crossings.data.loading import load_dataset

BUNDLED_DATA_DIR = crossings.files.DATA_DIR
TEST_DATA_DIR = Path(__file__).resolve().parent / "fixtures" / "data"
crossings.files.DATA_DIR = TEST_DATA_DIR
os.environ["CROSSINGS_DATA_DIR"] = str(TEST_DATA_DIR)
# every plotly figure the app builds is checked against plotly's schema in the tests (the
# running app skips the check: crossings/figures/plotly_spec.py)
os.environ["CROSSINGS_CHECK_FIGURES"] = "1"
# the app reads the CSVs every time, never a copy kept on disk: tests change how the files are
# read under the same folder and bytes (tests/test_disk_cache.py tests the copy itself)
os.environ["CROSSINGS_KEEP_DATA"] = "0"

from crossings.files import DATA_DIR, ROOT  # noqa: E402  (after the swap: the test data)


@pytest.fixture(scope="session")
def dataset():
    """The test data, loaded once. Tests must not change it."""
    return load_dataset(DATA_DIR)


@pytest.fixture(scope="session")
def bundled_dataset():
    """The data the app ships (data/), loaded once."""
    return load_dataset(BUNDLED_DATA_DIR)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of the test data to break on purpose."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target, ignore=shutil.ignore_patterns("geo"))
    return target


@pytest.fixture
def editable(data_copy: Path, monkeypatch) -> Path:
    """The app reads a private copy of the data, which a page may overwrite (Import, Add a record)."""
    monkeypatch.setenv("CROSSINGS_DATA_DIR", str(data_copy))
    return data_copy


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT
