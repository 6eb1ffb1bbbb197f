"""Rerun time of every page after a filter change, with a warm cache, at several data sizes.

    python bench/page_reruns.py                 # today's data, 10x and 100x
    python bench/page_reruns.py --scales 1 100 1000 --reruns 15

For each size the synthetic data is generated (bench/generate.py) outside data/, then a fresh
process opens every registered page in Streamlit's AppTest, runs it once to warm the caches,
and times `reruns` reruns, each after changing the funder filter in the sidebar. Also times,
per rerun, what the straightforward approach would pay: reading and validating every CSV
again (no cache). Prints one table; the numbers are wall-clock seconds on this machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FUNDER_CYCLE = ([], ["EU"], ["GOV-JPN"], ["EU", "GOV-JPN"])


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, round(share * (len(ordered) - 1)))
    return ordered[index]


def measure_one(data_dir: str, reruns: int) -> dict:
    """Runs in its own process (so peak memory belongs to one size)."""
    os.environ["CROSSINGS_DATA_DIR"] = data_dir
    from streamlit.testing.v1 import AppTest

    from components.pages import PAGES
    from crossings import load_dataset

    results = {}
    for spec in PAGES:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.run()
        if spec is not PAGES[0]:
            at.switch_page(spec.file)
            at.run()
        if at.exception:
            results[spec.url_path] = {"error": str(at.exception[0].value)[:200]}
            continue
        timings = []
        for index in range(reruns):
            started = time.perf_counter()
            at.sidebar.multiselect(key="filter_funders").set_value(
                FUNDER_CYCLE[(index + 1) % len(FUNDER_CYCLE)]).run()
            timings.append(time.perf_counter() - started)
            if at.exception:
                results[spec.url_path] = {"error": str(at.exception[0].value)[:200]}
                break
        else:
            results[spec.url_path] = {"median": statistics.median(timings),
                                      "p95": _percentile(timings, 0.95)}
    uncached = []
    for _ in range(3):
        started = time.perf_counter()
        load_dataset(Path(data_dir))
        uncached.append(time.perf_counter() - started)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"pages": results, "uncached_load": statistics.median(uncached), "peak_mib": peak_mib}


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
    from crossings.paths import DATA_DIR

    rows = []
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
                rows.append((scale, page, timing, result["uncached_load"], result["peak_mib"]))

    print(f"# page reruns after a filter change, warm cache ({args.reruns} reruns per page)")
    print(f"# {time.strftime('%Y-%m-%d')}, {platform.node()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}")
    print(f"{'size':>6} {'page':<12} {'median ms':>10} {'p95 ms':>8} {'uncached load ms':>17} "
          f"{'ratio':>6} {'peak MiB':>9}")
    for scale, page, timing, uncached, peak in rows:
        if "error" in timing:
            print(f"{scale:>5}x {page:<12} ERROR {timing['error']}")
            continue
        median_ms, p95_ms = timing["median"] * 1000, timing["p95"] * 1000
        ratio = (uncached * 1000 + median_ms) / median_ms
        print(f"{scale:>5}x {page:<12} {median_ms:>10.0f} {p95_ms:>8.0f} {uncached * 1000:>17.0f} "
              f"{ratio:>5.1f}x {peak:>9.0f}")
    print("# ratio: (uncached load + cached rerun) / cached rerun, i.e. how much slower each rerun "
          "would be if every rerun read and validated the CSVs again")
    return 0


if __name__ == "__main__":
    sys.exit(main())
