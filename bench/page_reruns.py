"""Rerun time of every page after a filter change, with a warm cache, at several data sizes,
and the same reruns done the straightforward way (nothing cached).

    python bench/page_reruns.py                           # the bundled data and 10,000 events
    python bench/page_reruns.py --events 0 10000 100000 --reruns 10

Sizes are counts of events (0: the bundled data), with projects and funding lines in today's
proportions. For each size the synthetic data is generated (bench/generate.py) outside data/, then a fresh
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

After the filter changes, the language is switched in the sidebar (French, Arabic, English in
turn, `reruns` + 2 times): a language switch has the same budget as a filter change. The first
switch to French and to Arabic writes that language's texts for the whole dataset, once per
server (every session after it finds them kept): it is given apart ("first language ms", the
slower of the two), not in the median.

Targets: median rerun at most 100 ms on every page with the bundled data, 300 ms with 10,000
events, 1 s with 100,000 events; at least 10 times faster than the uncached build at 10,000.
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

TARGET_MS = {0: 100, 10_000: 300, 100_000: 1000}  # by events; 0 is the bundled data
TARGET_RATIO = {10_000: 10}  # uncached / cached median, at least
UNCACHED_RERUNS = 3
UNCACHED_UP_TO = 20_000  # events: beyond, reading and validating every CSV takes a minute a rerun


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
    """The map page simplifies the outlines itself, and every page reads and checks the CSVs,
    as if there were no disk cache (crossings.data.disk_cache keeps the checked data)."""
    import components.map_widget
    from crossings.figures.geometry import load_world

    cached = components.map_widget.load_world_cached
    components.map_widget.load_world_cached = lambda path, **_: load_world(path)
    kept = os.environ.get("CROSSINGS_KEEP_DATA")
    os.environ["CROSSINGS_KEEP_DATA"] = "0"
    try:
        yield
    finally:
        components.map_widget.load_world_cached = cached
        if kept is None:
            os.environ.pop("CROSSINGS_KEEP_DATA", None)
        else:
            os.environ["CROSSINGS_KEEP_DATA"] = kept


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


LANGUAGE_CYCLE = ("fr", "ar", "en")


def _switch_language(at, code: str) -> float:
    """Pick a language in the sidebar and rerun: the script's run, in seconds."""
    at.sidebar.segmented_control(key="language_choice").set_value(code)
    runs = len(SCRIPT_RUNS)
    at.run()
    return sum(w for w, _ in SCRIPT_RUNS[runs:])


def measure_one(data_dir: str, reruns: int, uncached_reruns: int) -> dict:
    """Runs in its own process, so peak memory belongs to one size."""
    os.environ["CROSSINGS_DATA_DIR"] = data_dir
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from components.pages import PAGES

    _as_a_running_server()
    _compile_once()
    _time_script_runs()
    changes = filter_changes(Path(data_dir), reruns + uncached_reruns)
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
        # each language's first visit (French's and Arabic's: the page opened in English) writes
        # its texts, once per server; later switches find them kept: timed apart
        switches = [_switch_language(at, LANGUAGE_CYCLE[i % 3]) for i in range(max(reruns, 3) + 2)]
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
                                  "language": median(switches[2:]), "language_first": max(switches[:2]),
                                  "uncached": median(uncached) if uncached else None}
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"pages": results, "peak_mib": peak_mib}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, nargs="+", default=[0, 10_000],
                        help="sizes as numbers of events; 0 is the bundled data")
    parser.add_argument("--reruns", type=int, default=10)
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--uncached", type=int, default=UNCACHED_RERUNS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure_one(args.one, args.reruns, args.uncached)))
        return 0

    from bench.generate import generate
    from crossings.data.loading import load_dataset
    from crossings.files import DATA_DIR

    header = machine()
    bundled_events = len(load_dataset(DATA_DIR).events)
    rows, missed = [], 0
    with tempfile.TemporaryDirectory(prefix="crossings-bench-") as scratch:
        for events in args.events:
            folder = DATA_DIR if events == 0 else Path(scratch) / f"{events}-events"
            if events:
                generate(-(-events // bundled_events), folder)  # the scale that reaches `events`
            uncached = UNCACHED_RERUNS if events <= UNCACHED_UP_TO else 0
            output = subprocess.run([sys.executable, __file__, "--one", str(folder), "--reruns",
                                     str(args.reruns), "--uncached", str(uncached)],
                                    capture_output=True, text=True, check=True, cwd=ROOT).stdout
            result = json.loads(output.strip().splitlines()[-1])
            size = f"{len(load_dataset(folder).events) if events else bundled_events:,} events"
            for page, timing in result["pages"].items():
                if "error" in timing:
                    rows.append((size, page, "ERROR", timing["error"], "", "", "", "", "", "", "", ""))
                    missed += 1
                    continue
                median_ms, target = timing["median"] * 1000, TARGET_MS.get(events)
                ratio = timing["uncached"] / timing["median"] if timing["uncached"] else None
                verdicts = []
                language_ms = timing["language"] * 1000
                if target is not None:
                    verdicts.append(f"≤ {target:,} ms {'met' if median_ms <= target else 'MISSED'}")
                    verdicts.append(f"language ≤ {target:,} ms "
                                    f"{'met' if language_ms <= target else 'MISSED'}")
                least = TARGET_RATIO.get(events)
                if least is not None and ratio is not None:
                    verdicts.append(f"≥ {least}× {'met' if ratio >= least else 'MISSED'}")
                missed += sum("MISSED" in v for v in verdicts)
                rows.append((size, page, median_ms, timing["p95"] * 1000, timing["cpu"] * 1000,
                             timing["round_trip"] * 1000, language_ms, timing["language_first"] * 1000,
                             timing["uncached"] * 1000 if timing["uncached"] else "—",
                             ratio if ratio is not None else "—", result["peak_mib"], "; ".join(verdicts)))

    print(f"# page reruns after a filter change, warm cache, {args.reruns} reruns per page "
          f"(uncached: {UNCACHED_RERUNS}, up to {UNCACHED_UP_TO:,} events)")
    print(f"# {header}")
    print(table(["size", "page", "median ms", "p95 ms", "CPU ms", "AppTest ms", "language ms",
                 "first language ms", "uncached ms",
                 "× faster", "peak MiB", "targets"], rows))
    print("# median, p95: the page script's run after the filter change, as a server runs it; CPU ms: "
          "its CPU time (median); AppTest ms: the whole AppTest round trip (median), which also reads "
          "every element back; language ms: a rerun after picking another language in the sidebar "
          "(median over fr, ar, en in turn, each after its first visit); first language ms: the slower "
          "first visit, to French or Arabic (their texts not yet written); uncached ms: the "
          "straightforward build, the same rerun with every cache cleared first, reading and "
          "validating every CSV (median); × faster: uncached / "
          "cached median; peak MiB: the process, for that size")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
