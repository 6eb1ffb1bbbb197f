"""Many users at once: concurrent sessions with different filters each see their own results,
and nothing shared between sessions is changed.

    python -m bench.concurrency [--sessions 20] [--rounds 2] [--json OUT.json] [--data DIR]
    python -m bench.concurrency --scenario room [--sessions 50] [--arrive 20] [--minutes 2]

The default scenario, "lockstep", is described here; "room" (fifty people on the presenter's
link, arriving within 20 s, each changing a slide or a filter every 5-15 s) is in bench/room.py.

`--data` serves another data folder (CROSSINGS_DATA_DIR), such as one written by
bench/generate.py: the server's memory with 100,000 events must stay under 1.5 GB.

1. Starts the app as the README does (`streamlit run serve.py`, devtools.browser.run_app) on a
   free loopback port and opens SESSIONS sessions at once, each on the Overview with different
   filters in its link, for ROUNDS rounds (each round rotates the filters, so no session gets
   the one a previous session had). Each session runs the page, then runs it again as an interaction does, and
   must show the headline figures the core computes for its own filters both times (a result
   leaking between sessions would show another session's figures). Latency is from asking
   for a run to the server reporting it finished; the server's memory (RSS) is sampled
   throughout.
2. In this process, runs every page through Streamlit's AppTest for the same filters, sharing
   one cached Dataset as the server's sessions do, then checks the cached Dataset is the same
   object with byte-identical tables: no page or core function mutated it.

A session here is what a browser tab opens: a websocket to /_stcore/stream speaking Streamlit's
own protobuf messages (a rerun request with the link's query string; the page's elements back).
Twenty Chromium tabs on a small machine measure Chromium, not the app: on two cores, four
tabs already took about 20 s each to draw. The browser tests check that pages render.

Prints a table and exits 1 if any check fails. Bounded: fixed numbers of sessions and rounds,
a timeout on every wait, loopback only; it stops the server itself.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from bench.common import percentile
from crossings.data.loading import load_dataset
from crossings.files import DATA_DIR, ROOT
from crossings.views.filtered_view import apply_filters
from crossings.views.filters import FilterState, choices, to_query_params
from crossings.views.metrics import headline
from devtools.browser import run_app

MESSAGE_TIMEOUT_S = 60  # 600 with --data: the first run waits for a large folder to load
RUN_DEADLINE_S = 600  # all the sessions, whatever happens (3000 with --data)


@dataclass
class Session:
    state: FilterState
    query: str
    expected: dict[str, str]
    shown: dict[str, str] = field(default_factory=dict)
    shown_later: dict[str, str] = field(default_factory=dict)  # on the session's second run
    seconds: float | None = None
    rerun_seconds: float | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and self.shown == self.expected == self.shown_later


@dataclass
class Report:
    sessions: int
    rounds: list[list[dict]]
    rss_mb: dict[str, float]
    page_runs: int
    cache_unchanged: bool
    cache_detail: str

    @property
    def ok(self) -> bool:
        return all(s["ok"] for r in self.rounds for s in r) and self.cache_unchanged


# --- the filters each session uses, and what it must show ------------------------------------

@functools.lru_cache(maxsize=1)
def _dataset():
    """The data the server serves (CROSSINGS_DATA_DIR, as the app reads it), loaded once here."""
    return load_dataset(Path(os.environ.get("CROSSINGS_DATA_DIR", DATA_DIR)))


def filter_states(count: int) -> list[FilterState]:
    """`count` different filter states, deterministic, drawn from what the data offers."""
    dataset = _dataset()
    options = choices(dataset)
    candidates = [FilterState()]
    candidates += [FilterState(funders=(f,)) for f in options.funders]
    candidates += [FilterState(countries=(c,)) for c in options.countries]
    candidates += [FilterState(kinds=(k,)) for k in options.kinds]
    candidates += [FilterState(regions=(r,)) for r in options.regions]
    candidates += [FilterState(topics=(t,)) for t in options.topics]
    if options.years:
        low, high = options.years
        candidates += [FilterState(year_from=y, year_to=y) for y in range(low, high + 1)]
    while len(candidates) < count:  # more sessions than distinct filters: repeat them
        candidates += candidates
    return candidates[:count]


def expected_figures(state: FilterState) -> dict[str, str]:
    """What the Overview's first three figures must read, from the core, in this process."""
    figures = headline(apply_filters(_dataset(), state))
    return {"Events": f"{figures.events:,}", "Participants": figures.participants_shown,
            "Projects": f"{figures.projects:,}"}


# --- the server's memory ----------------------------------------------------------------------

class RssSampler:
    """Samples a process's resident memory from /proc every 100 ms, in a thread."""

    def __init__(self, pid: int):
        self.pid = pid
        self.samples: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def rss_mb(self) -> float:
        status = Path(f"/proc/{self.pid}/status").read_text()
        kilobytes = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
        return kilobytes / 1024

    def _run(self) -> None:
        while not self._stop.wait(0.1):
            try:
                self.samples.append(self.rss_mb())
            except (OSError, StopIteration):
                return

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(timeout=2)


# --- the sessions ------------------------------------------------------------------------

class StreamlitSession:
    """One session over Streamlit's websocket, as a browser tab opens it."""

    def __init__(self, base_url: str):
        self.url = base_url.replace("http://", "ws://", 1) + "/_stcore/stream"
        self.origin = base_url
        self.socket = None

    async def __aenter__(self):
        from websockets.asyncio.client import connect

        self.socket = await connect(self.url, subprotocols=["streamlit"], origin=self.origin,
                                    max_size=None, open_timeout=MESSAGE_TIMEOUT_S)
        return self

    async def __aexit__(self, *exc):
        await self.socket.close()

    async def run(self, query: str) -> tuple[float, dict[str, str]]:
        """Ask for a run of the page with this query string; returns (seconds, the metrics
        drawn, label -> value)."""
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        request = BackMsg()
        request.rerun_script.query_string = query
        started = time.perf_counter()
        await self.socket.send(request.SerializeToString())
        metrics: dict[str, str] = {}
        while True:
            message = ForwardMsg()
            message.ParseFromString(await asyncio.wait_for(self.socket.recv(), MESSAGE_TIMEOUT_S))
            kind = message.WhichOneof("type")
            if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                element = message.delta.new_element
                if element.WhichOneof("type") == "metric":
                    metrics[element.metric.label] = element.metric.body
            elif kind == "script_finished":
                return time.perf_counter() - started, metrics


async def _one_session(base_url: str, session: Session) -> None:
    try:
        async with StreamlitSession(base_url) as streamlit:
            session.seconds, shown = await streamlit.run(session.query)
            session.shown = {k: shown.get(k) for k in session.expected}
            session.rerun_seconds, shown = await streamlit.run(session.query)
            session.shown_later = {k: shown.get(k) for k in session.expected}
    except Exception as err:  # a timeout or a dropped connection is a failed session, reported
        session.error = f"{type(err).__name__}: {str(err).splitlines()[0] if str(err) else ''}"


async def _all_rounds(base_url: str, states: list[FilterState], rounds: int) -> list[list[Session]]:
    expected = {state: expected_figures(state) for state in set(states)}
    await _one_session(base_url, Session(FilterState(), "", expected[FilterState()]))  # loads the CSVs once
    results = []
    for number in range(rounds):
        rotated = states[number % len(states):] + states[:number % len(states)]
        sessions = [Session(s, urlencode(to_query_params(s)), expected[s]) for s in rotated]
        await asyncio.gather(*(_one_session(base_url, s) for s in sessions))
        results.append(sessions)
    return results


# --- the in-process part: is the shared, cached Dataset left alone? ----------------------------

def _fingerprint(dataset) -> dict[str, tuple]:
    import pandas as pd

    return {name: (tuple(frame.columns), tuple(str(t) for t in frame.dtypes), len(frame),
                   int(pd.util.hash_pandas_object(frame, index=True).sum()))
            for name, frame in dataset.tables.items()}


def check_cache_untouched(states: list[FilterState]) -> tuple[bool, int, str]:
    """Run every page for every state through AppTest, sharing the cached Dataset, and compare
    the Dataset before and after. Returns (unchanged, page runs, detail)."""
    from streamlit.testing.v1 import AppTest

    from components.data import _load, data_dir
    from components.pages import PAGES
    from crossings.data.loading import data_signature

    folder = data_dir()
    cached = _load(str(folder), data_signature(folder))
    before = _fingerprint(cached)
    runs, failures = 0, []
    for state in states:
        for spec in PAGES:
            at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
            for key, value in to_query_params(state).items():
                at.query_params[key] = value
            at.run()
            if spec is not PAGES[0]:
                at.switch_page(spec.file)
                at.run()
            runs += 1
            if at.exception:
                failures.append(f"{spec.url_path} {to_query_params(state)}: {at.exception[0].message}")
    again = _load(str(folder), data_signature(folder))
    changed = [name for name, print_ in _fingerprint(cached).items() if print_ != before[name]]
    if again is not cached:
        return False, runs, "the cache returned a different Dataset object"
    if changed:
        return False, runs, "tables changed: " + ", ".join(changed)
    if failures:
        return False, runs, "; ".join(failures)
    return True, runs, f"{len(before)} tables byte-identical after {runs} page runs"


# --- running and reporting --------------------------------------------------------------------

def run(sessions: int = 20, rounds: int = 2) -> Report:
    states = filter_states(sessions)
    with tempfile.TemporaryDirectory() as logs, run_app(Path(logs)) as server:
        with RssSampler(server.process.pid) as sampler:
            after_start = sampler.rss_mb()
            results = asyncio.run(asyncio.wait_for(_all_rounds(server.url, states, rounds), RUN_DEADLINE_S))
            end = sampler.rss_mb()
        peak = max([*sampler.samples, end])
    unchanged, runs, detail = check_cache_untouched(states)
    return Report(
        sessions=sessions,
        rounds=[[{"query": s.query or "(no filters)", "expected": s.expected, "shown": s.shown,
                  "shown_later": s.shown_later, "seconds": s.seconds, "rerun_seconds": s.rerun_seconds,
                  "error": s.error, "ok": s.ok} for s in round_] for round_ in results],
        rss_mb={"after_start": round(after_start, 1), "peak": round(peak, 1), "end": round(end, 1)},
        page_runs=runs, cache_unchanged=unchanged, cache_detail=detail)


def print_report(report: Report) -> None:
    print(f"Crossings under load: {report.sessions} concurrent sessions, each with its own filters "
          "(first run = opening the link, rerun = an interaction)")
    print(f"{'round':>5}  {'own result':>10}  {'run':>5}  {'median s':>8}  {'p95 s':>6}  {'max s':>6}")
    for number, sessions in enumerate(report.rounds, 1):
        good = sum(s["ok"] for s in sessions)
        for name, key in (("first", "seconds"), ("rerun", "rerun_seconds")):
            times = [s[key] for s in sessions if s[key] is not None]
            cells = (f"{statistics.median(times):8.2f}  {percentile(times, 0.95):6.2f}  {max(times):6.2f}"
                     if times else f"{'-':>8}  {'-':>6}  {'-':>6}")
            own = f"{good:>4}/{len(sessions):<5}" if name == "first" else ""
            print(f"{number if name == 'first' else '':>5}  {own:>10}  {name:>5}  {cells}")
    rss = report.rss_mb
    print(f"server memory (RSS): {rss['after_start']:.0f} MB after start, {rss['peak']:.0f} MB peak, "
          f"{rss['end']:.0f} MB at the end")
    print(f"cached Dataset unchanged: {'yes' if report.cache_unchanged else 'NO'} ({report.cache_detail})")
    for sessions in report.rounds:
        for s in sessions:
            if not s["ok"]:
                print(f"  FAILED {s['query']}: expected {s['expected']}, shown {s['shown']}, "
                      f"on rerun {s['shown_later']} {s['error'] or ''}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.concurrency", description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, help="concurrent sessions per round (1-50; 20, or 50 "
                        "people in a room)")
    parser.add_argument("--rounds", type=int, default=2, help="rounds of sessions (1-10)")
    parser.add_argument("--json", type=Path, help="also write the full report to this file")
    parser.add_argument("--data", type=Path, help="serve this data folder instead of data/")
    parser.add_argument("--scenario", choices=["lockstep", "room"], default="lockstep",
                        help="lockstep: every session runs at once, in rounds; room: see bench/room.py")
    parser.add_argument("--arrive", type=float, default=20, help="room: seconds within which all arrive")
    parser.add_argument("--minutes", type=float, default=2, help="room: minutes of changes (at most 10)")
    args = parser.parse_args(argv)
    if args.data:
        global MESSAGE_TIMEOUT_S, RUN_DEADLINE_S
        os.environ["CROSSINGS_DATA_DIR"] = str(args.data.resolve())
        MESSAGE_TIMEOUT_S, RUN_DEADLINE_S = 600, 3000
    if args.sessions is None:
        args.sessions = 50 if args.scenario == "room" else 20
    if not (1 <= args.sessions <= 50 and 1 <= args.rounds <= 10 and 0 < args.minutes <= 10):
        parser.error("sessions must be 1-50, rounds 1-10 and minutes at most 10")
    if args.scenario == "room":
        from bench.room import print_room, run_room

        room = run_room(args.sessions, args.arrive, args.minutes)
        print_room(room)
        if args.json:
            args.json.write_text(json.dumps({**asdict(room), "summary": room.summary()}, indent=2))
        return 0 if not room.errors else 1
    report = run(args.sessions, args.rounds)
    print_report(report)
    if args.json:
        args.json.write_text(json.dumps(asdict(report), indent=2))
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
