"""A short form of bench/concurrency.py: four sessions at once against a real server, each
with its own filters, and the shared cached Dataset untouched afterwards."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from bench.concurrency import _fingerprint, expected_figures, filter_states
from crossings.data.loading import load_dataset
from crossings.files import DATA_DIR
from crossings.views.filters import FilterState

pytestmark = pytest.mark.server


def test_four_concurrent_sessions_each_get_their_own_result(tmp_path, repo_root):
    out = tmp_path / "report.json"
    result = subprocess.run([sys.executable, "-m", "bench.concurrency", "--sessions", "4",
                             "--rounds", "1", "--json", str(out)],
                            cwd=repo_root, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(out.read_text())
    [sessions] = report["rounds"]
    assert [s["ok"] for s in sessions] == [True] * 4
    for session in sessions:
        assert session["shown"] == session["expected"] == session["shown_later"]
    # the filters really differ: no two sessions could pass by showing the same figures
    assert len({json.dumps(s["expected"], sort_keys=True) for s in sessions}) == 4
    assert report["cache_unchanged"] and report["page_runs"] >= 4
    assert "cached Dataset unchanged: yes" in result.stdout


def test_session_filters_are_distinct_and_their_figures_come_from_the_core():
    states = filter_states(4)
    assert states[0] == FilterState() and len(set(states)) == 4
    assert expected_figures(FilterState()) == {"Events": "9", "Participants": "136", "Projects": "5"}
    assert expected_figures(FilterState(funders=("GOV-JPN",)))["Events"] == "1"


def test_the_fingerprint_sees_a_mutation():
    dataset = load_dataset(DATA_DIR)
    before = _fingerprint(dataset)
    dataset.events.loc[dataset.events.index[0], "participants"] = 999
    assert _fingerprint(dataset)["events"] != before["events"]
    assert {k: v for k, v in _fingerprint(dataset).items() if k != "events"} == {
        k: v for k, v in before.items() if k != "events"}
