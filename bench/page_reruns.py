"""Rerun time of every page after a filter change, with a warm cache, at several data sizes,
and the same reruns done the straightforward way (nothing cached).

    python bench/page_reruns.py                      # today's data, 10x and 100x
    python bench/page_reruns.py --scales 1 100 1000 --reruns 15

For each size the synthetic data is generated (bench/generate.py) outside data/, then a fresh
process (so peak memory belongs to one size) opens every registered page in Streamlit's
AppTest, runs it once to warm the caches, and times `reruns` reruns, each after changing the
filters in the sidebar to a combination not used before on that page (funders and years), so
no rerun is served from a cache keyed on the filters. What is timed is the run of the page
script in the thread that runs it, as a server runs it (wall clock, and its CPU time, the
steadier of the two on a busy machine); AppTest's whole round trip, which also reads every
element back into a tree, is given beside it.

The straightforward approach is measured, not estimated: the same reruns with every Streamlit
cache cleared first and the outlines not read from their disk cache, so each one reads and
validates the CSVs again (and the Map page simplifies the country outlines again), as an app
without caching would. `× slower` is its median over the cached median.

AppTest resets Streamlit's pages-folder detection before every run, so each rerun would first
start the page by itself and be routed through app.py by st.switch_page (an extra partial run
and a fixed 11 ms pause). A running server does that once, on its very first deep link; the
bench sets the detection as a running server has it. AppTest also compiles app.py and the page
afresh on every run, where a server compiles each script once and keeps its bytecode; the
bench shares one script cache between runs, as the server does.

Targets: median rerun at most 100 ms on every page with today's data, 500 ms at 100x.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from itertools import product
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import machine, median, percentile, table  # noqa: E402

TARGET_MS = {1: 100, 100: 500}
UNCACHED_RERUNS = 3


def filter_changes(folder: Path, count: int) -> list[tuple[list[str], tuple[int, int] | None]]:
    """`count` different (funders, years) settings of the sidebar, none repeated."""
    from crossings.data.loading import load_dataset
    from crossings.views.filters import choices

    dataset = load_dataset(folder)
    options = choices(dataset)
    paying = sorted(set(dataset.funding["funder_id"]))  # funders with money: the pages have work to do
    funders = [[], *([f] for f in paying), paying[:2]]
    if options.years and options.years[0] < options.years[1]:
        first, last = options.years
        windows = [(first, last), *((first, year) for year in range(last - 1, first, -1)),
                   *((year, last) for year in range(first + 1, last))]
    else:
        windows = [None]
    settings = list(product(windows, funders))[1:]  # the first is the page's opening state
    return [(list(f), years) for years, f in (settings * (count // max(1, len(settings)) + 1))[:count]]


def _as_a_running_server() -> None:
    """Let AppTest navigate as a running server does (see the module notes)."""
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = init


SCRIPT_RUNS: list[tuple[float, float]] = []  # (wall, CPU) seconds of each run of the script


def _compile_once() -> None:
    """A server compiles each page script once and keeps the bytecode (its ScriptCache); AppTest
    makes a new cache for every run, so every rerun would compile app.py and the page again
    (about 10 ms a run). Share one cache, as the server does."""
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    shared = ScriptCache()
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: shared


def _time_script_runs() -> None:
    """Record how long each run of the page script takes in the thread that runs it, as on a
    server; AppTest then reads the page's elements back, which a server does not do."""
    from streamlit.testing.v1.local_script_runner import LocalScriptRunner

    original = LocalScriptRunner._run_script_thread

    def timed(self):
        wall, cpu = time.perf_counter(), time.thread_time()
        try:
            original(self)
        finally:
            SCRIPT_RUNS.append((time.perf_counter() - wall, time.thread_time() - cpu))

    LocalScriptRunner._run_script_thread = timed


@contextlib.contextmanager
def _outlines_not_cached():
    """The map page simplifies the outlines itself, as if there were no disk cache."""
    import components.map_widget
    from crossings.figures.geometry import load_world

    cached = components.map_widget.load_world_cached
    components.map_widget.load_world_cached = lambda path, **_: load_world(path)
    try:
        yield
    finally:
        components.map_widget.load_world_cached = cached


def _rerun(at, funders: list[str], years: tuple[int, int] | None) -> tuple[float, float, float]:
    """Change the filters and rerun: (the script's run, its CPU time, AppTest's round trip), in
    seconds."""
    at.sidebar.multiselect(key="filter_funders").set_value(funders)
    if years is not None:
        at.sidebar.slider(key="filter_years").set_value(years)
    runs = len(SCRIPT_RUNS)
    wall = time.perf_counter()
    at.run()
    round_trip = time.perf_counter() - wall
    script = SCRIPT_RUNS[runs:]
    return sum(w for w, _ in script), sum(c for _, c in script), round_trip


def measure_one(data_dir: str, reruns: int) -> dict:
    """Runs in its own process, so peak memory belongs to one size."""
    os.environ["CROSSINGS_DATA_DIR"] = data_dir
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from components.pages import PAGES

    _as_a_running_server()
    _compile_once()
    _time_script_runs()
    changes = filter_changes(Path(data_dir), reruns + UNCACHED_RERUNS)
    results = {}
    for spec in PAGES:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
        at.run()
        if spec is not PAGES[0]:
            at.switch_page(spec.file)
            at.run()
        timings, errors = [], []
        for funders, years in changes[:reruns]:
            timings.append(_rerun(at, funders, years))
            errors += [str(e.value)[:200] for e in at.exception]
        uncached = []
        with _outlines_not_cached():
            for funders, years in changes[reruns:]:
                st.cache_resource.clear()
                st.cache_data.clear()
                uncached.append(_rerun(at, funders, years)[0])
            errors += [str(e.value)[:200] for e in at.exception]
        if errors:
            results[spec.url_path] = {"error": errors[0]}
            continue
        runs = [run for run, _, _ in timings]
        results[spec.url_path] = {"median": median(runs), "p95": percentile(runs, 0.95),
                                  "cpu": median([cpu for _, cpu, _ in timings]),
                                  "round_trip": median([trip for _, _, trip in timings]),
                                  "uncached": median(uncached)}
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"pages": results, "peak_mib": peak_mib}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--reruns", type=int, default=10)
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure_one(args.one, args.reruns)))
        return 0

    from bench.generate import generate
    from crossings.files import DATA_DIR

    header = machine()
    rows, missed = [], 0
    with tempfile.TemporaryDirectory(prefix="crossings-bench-") as scratch:
        for scale in args.scales:
            folder = DATA_DIR if scale == 1 else Path(scratch) / f"{scale}x"
            if scale != 1:
                generate(scale, folder)
            output = subprocess.run([sys.executable, __file__, "--one", str(folder), "--reruns",
                                     str(args.reruns)], capture_output=True, text=True, check=True,
                                    cwd=ROOT).stdout
            result = json.loads(output.strip().splitlines()[-1])
            for page, timing in result["pages"].items():
                if "error" in timing:
                    rows.append((f"{scale}x", page, "ERROR", timing["error"], "", "", "", "", "", ""))
                    missed += 1
                    continue
                median_ms, target = timing["median"] * 1000, TARGET_MS.get(scale)
                verdict = "" if target is None else ("met" if median_ms <= target else "MISSED")
                missed += verdict == "MISSED"
                rows.append((f"{scale}x", page, median_ms, timing["p95"] * 1000, timing["cpu"] * 1000,
                             timing["round_trip"] * 1000, timing["uncached"] * 1000,
                             timing["uncached"] / timing["median"], result["peak_mib"],
                             f"≤ {target} {verdict}" if target else ""))

    print(f"# page reruns after a filter change, warm cache, {args.reruns} reruns per page "
          f"(uncached: {UNCACHED_RERUNS})")
    print(f"# {header}")
    print(table(["size", "page", "median ms", "p95 ms", "CPU ms", "AppTest ms", "uncached ms",
                 "× slower", "peak MiB", "target ms"], rows))
    print("# median, p95: the page script's run after the filter change, as a server runs it; CPU ms: "
          "its CPU time (median); AppTest ms: the whole AppTest round trip (median), which also reads "
          "every element back; uncached ms: the same rerun with every cache cleared first (median); "
          "× slower: uncached / cached median; peak MiB: the process, for that size")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
