"""Shared fixtures: the bundled dataset, and broken copies of it that tests may edit."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from crossings.data.loading import load_dataset
from crossings.files import DATA_DIR, ROOT


@pytest.fixture(scope="session")
def dataset():
    """The bundled data, loaded once. Tests must not change it."""
    return load_dataset(DATA_DIR)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of data/ to break on purpose."""
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
