"""The validated dataset kept on disk between server starts (crossings/data/disk_cache.py): read
back only while the files and the code are those it was made from."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

import crossings.data.loading as loading
from crossings.data import disk_cache
from crossings.data.disk_cache import load_dataset_kept
from tests.helpers import set_cell


@pytest.fixture
def counted_loads(monkeypatch) -> list[Path]:
    """Every time the CSV files are actually read and checked."""
    calls: list[Path] = []
    real = loading.load_dataset

    def counting(folder, *args, **kwargs):
        calls.append(Path(folder))
        return real(folder, *args, **kwargs)

    monkeypatch.setattr(loading, "load_dataset", counting)
    return calls


def same_dataset(kept, read) -> None:
    assert kept.tables.keys() == read.tables.keys()
    for name, frame in read.tables.items():
        pd.testing.assert_frame_equal(kept.tables[name], frame, check_exact=True)
    assert [p.message for p in kept.problems] == [p.message for p in read.problems]
    assert kept.data_dir == read.data_dir


def test_second_load_is_the_kept_copy_and_equal(data_copy, tmp_path, counted_loads):
    cache = tmp_path / "cache"
    first = load_dataset_kept(data_copy, cache)
    second = load_dataset_kept(data_copy, cache)
    assert counted_loads == [data_copy]  # read once; the second came from the copy
    same_dataset(second, first)
    assert second.memo is not first.memo  # a new dataset, with its own memo
    assert len(list((cache / "datasets").glob("*.pickle"))) == 1


def test_an_edited_file_is_read_again(data_copy, tmp_path, counted_loads):
    cache = tmp_path / "cache"
    before = load_dataset_kept(data_copy, cache)
    event_id = before.events["event_id"].iloc[0]
    set_cell(data_copy / "events.csv", "event_id", event_id, "title", "A title changed by hand")
    after = load_dataset_kept(data_copy, cache)
    assert len(counted_loads) == 2
    assert after.events.set_index("event_id").loc[event_id, "title"] == "A title changed by hand"


def test_changed_code_is_a_new_key(data_copy, tmp_path, counted_loads, monkeypatch):
    cache = tmp_path / "cache"
    load_dataset_kept(data_copy, cache)
    monkeypatch.setattr(disk_cache, "code_fingerprint", lambda: "another-version-of-the-code")
    load_dataset_kept(data_copy, cache)
    assert len(counted_loads) == 2


def test_problems_survive_the_copy(data_copy, tmp_path):
    cache = tmp_path / "cache"
    first_event = load_dataset_kept(data_copy, cache).events["event_id"].iloc[0]
    set_cell(data_copy / "events.csv", "event_id", first_event, "participants", "about twelve")
    read = loading.load_dataset(data_copy)
    assert any("participants" in p.column for p in read.problems if p.column)
    load_dataset_kept(data_copy, cache)
    same_dataset(load_dataset_kept(data_copy, cache), read)


def test_a_damaged_copy_is_ignored_and_replaced(data_copy, tmp_path, counted_loads, caplog):
    cache = tmp_path / "cache"
    load_dataset_kept(data_copy, cache)
    [kept] = (cache / "datasets").glob("*.pickle")
    kept.write_bytes(kept.read_bytes()[:100])  # cut short, as by a full disk
    dataset = load_dataset_kept(data_copy, cache)
    assert len(counted_loads) == 2
    assert "unreadable copy" in caplog.text
    same_dataset(load_dataset_kept(data_copy, cache), dataset)
    assert len(counted_loads) == 2  # the copy was written again, whole


def test_a_read_only_cache_only_means_no_copy(data_copy, tmp_path, counted_loads):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be")
    dataset = load_dataset_kept(data_copy, blocked)
    load_dataset_kept(data_copy, blocked)
    assert len(counted_loads) == 2 and len(dataset.events) > 0


def test_the_files_are_never_changed(data_copy, tmp_path):
    before = {p.name: p.read_bytes() for p in data_copy.glob("*.csv")}
    load_dataset_kept(data_copy, tmp_path / "cache")
    load_dataset_kept(data_copy, tmp_path / "cache")
    assert {p.name: p.read_bytes() for p in data_copy.glob("*.csv")} == before


def test_only_the_newest_copies_are_kept(data_copy, tmp_path):
    cache = tmp_path / "cache"
    folders = []
    for n in range(disk_cache.KEPT + 2):
        folder = tmp_path / f"data-{n}"
        shutil.copytree(data_copy, folder)
        folders.append(folder)
        load_dataset_kept(folder, cache)
    assert len(list((cache / "datasets").glob("*.pickle"))) == disk_cache.KEPT
