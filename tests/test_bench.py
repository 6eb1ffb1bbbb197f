"""The benchmarks' own parts, untimed: the synthetic data is valid and realistic, every rerun
uses filters not used before, and the tables read right. (The benchmarks themselves are run
on demand: see bench/README.md.)"""

from __future__ import annotations

import subprocess
import sys

import pytest
import shapely
import shapely.geometry

from bench.common import percentile, table
from bench.generate import generate
from bench.page_reruns import filter_changes
from crossings.data.loading import load_dataset
from crossings.figures.geometry import load_world
from crossings.files import ROOT


@pytest.fixture(scope="module")
def twice(tmp_path_factory, dataset):
    folder = tmp_path_factory.mktemp("twice")
    counts = generate(2, folder)
    return folder, counts, load_dataset(folder)


def test_synthetic_data_is_clean_and_twice_the_size(twice, dataset):
    _, counts, synthetic = twice
    assert synthetic.is_clean and not synthetic.problems
    assert counts["events"] == len(synthetic.events) == 2 * len(dataset.events)
    assert counts["projects"] == len(synthetic.projects) == 2 * len(dataset.projects)
    assert len(set(synthetic.funding["currency"])) >= 2  # several currencies, converted when shown


def test_synthetic_events_are_held_inside_their_host_country(twice):
    _, _, synthetic = twice
    world = load_world()
    placed = synthetic.events[synthetic.events["lat"].notna()]
    assert len(placed)
    for event in placed.itertuples():
        outline = shapely.geometry.shape(world.shape(event.host_iso3).geometry)
        assert outline.buffer(0.01).contains(shapely.Point(event.lon, event.lat)), event.event_id
    online = synthetic.events[synthetic.events["mode"] == "online"]
    assert online["host_iso3"].isna().all()


def test_generating_into_data_is_refused():
    bundled = ROOT / "data"  # what the script itself refuses (the tests read tests/fixtures/data)
    result = subprocess.run([sys.executable, "bench/generate.py", "--scale", "2", "--out", str(bundled)],
                            cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode != 0 and "refusing to overwrite" in result.stderr


def test_every_rerun_changes_the_filters_to_a_combination_not_used_before(twice):
    folder, _, synthetic = twice
    changes = filter_changes(folder, 30)
    assert len(changes) == 30
    assert len({(tuple(funders), years) for funders, years in changes}) == 30
    paying = set(synthetic.funding["funder_id"])
    assert all(set(funders) <= paying for funders, _ in changes)  # funders that have money


def test_percentile_and_table():
    assert percentile([5, 1, 3, 2, 4], 0.5) == 3
    assert percentile([1, 2, 3, 4, 100], 0.95) == 100
    lines = table(["page", "median ms"], [("overview", 51.4), ("budget", 7.25)]).splitlines()
    assert lines[0] == "page      median ms"
    assert lines[2:] == ["overview         51", "budget          7.2"]
