"""A room of people on the presenter's link: the "room" scenario of bench/concurrency.py.

    python -m bench.concurrency --scenario room [--sessions 50] [--arrive 20] [--minutes 2]

SESSIONS people open the same presenter link at random moments within ARRIVE seconds, then each
one, every 5 to 15 seconds (random), either moves to the next slide (the Next button; after the
last, the link to the first) or changes a filter (a funder in the sidebar, picked or cleared),
for MINUTES minutes. The presenter opens the link first (the room arrives at a server that is
already running and showing the deck); that first load, on a server just started, is printed
on its own line. Prints the room's first load's and a
rerun's median and p95, and the errors: a run that did not finish within a minute, a dropped
connection, or a page that showed an exception or the app's "Something went wrong".

Each person is a session over Streamlit's websocket (bench.concurrency.StreamlitSession) that
sends what a browser tab sends: the link as the app last wrote it, the value of every filter
widget drawn so far, and a button's press. (Leaving out a widget's value is not what a browser
does: Streamlit then takes the widget as new, and the Years slider came back as one year.) Seeded: the same
arrivals and choices on every run. Bounded: loopback only, every wait has a timeout, it stops
the server itself.
"""

from __future__ import annotations

import asyncio
import os
import random
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

from bench.common import percentile
from bench.concurrency import MESSAGE_TIMEOUT_S, RssSampler, StreamlitSession
from crossings.exports.slides import SLIDE_KEYS

ROOM_LINK = {"country": "JOR,EGY,IRN"}  # the presenter's filters, in the link everyone opens
FUNDER_LABEL = "Funders"


@dataclass
class Person:
    arrives_at: float
    first_load: float | None = None
    reruns: list[float] = field(default_factory=list)
    rerun_kinds: list[str] = field(default_factory=list)  # "slide N" or "filter on slide N", per rerun
    errors: list[str] = field(default_factory=list)
    slide: int = 1
    funder_widget: tuple[str, list[str]] | None = None  # (widget id, options as shown)


class RoomSession(StreamlitSession):
    """A session that behaves like a browser tab on the presenter page: it keeps the link as
    the server last set it and the value of every filter widget it has drawn, sends them all
    with each run, and presses buttons."""

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.page_hash = ""
        self.query = ""
        self.widgets: dict[str, object] = {}  # widget id -> its WidgetState, as the browser holds it
        self.buttons: dict[str, str] = {}  # label -> widget id

    def _remember(self, element) -> None:
        """A widget's value as the browser holds it: its default when first drawn, then the
        browser's own, until the app sets one (set_value)."""
        which = element.WhichOneof("type")
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        state = WidgetState()
        if which == "multiselect":
            widget = element.multiselect
            values = (list(widget.raw_values) if widget.set_value
                      else [widget.options[i] for i in widget.default])
            state.id = widget.id
            state.string_array_value.data.extend(values)
        elif which == "slider":
            widget = element.slider
            state.id = widget.id
            state.double_array_value.data.extend(widget.value if widget.set_value else widget.default)
        elif which == "button":
            self.buttons[element.button.label] = element.button.id
            return
        else:
            return
        if state.id not in self.widgets or widget.set_value:
            self.widgets[state.id] = state

    async def show(self, query: str | None = None, change: dict[str, list[str]] | None = None,
                   press: str | None = None) -> tuple[float, dict]:
        """Run the presenter page: with a new link (`query`), new multiselect values (`change`)
        or a button pressed (`press`, its label); every other widget keeps its value. Returns
        the seconds and what was seen: multiselects by label, any failure shown, the filters."""
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        if query is not None:
            self.query = query
        for widget_id, values in (change or {}).items():
            del self.widgets[widget_id].string_array_value.data[:]
            self.widgets[widget_id].string_array_value.data.extend(values)
        request = BackMsg()
        request.rerun_script.query_string = self.query
        request.rerun_script.page_name = "presenter"
        if self.page_hash:
            request.rerun_script.page_script_hash = self.page_hash
        request.rerun_script.widget_states.widgets.extend(self.widgets.values())
        if press is not None:
            pressed = request.rerun_script.widget_states.widgets.add()
            pressed.id = self.buttons[press]
            pressed.trigger_value = True
        started = time.perf_counter()
        await self.socket.send(request.SerializeToString())
        seen: dict = {"multiselects": {}, "failures": [], "showing": ""}
        page_hash = self.page_hash
        while True:
            message = ForwardMsg()
            message.ParseFromString(await asyncio.wait_for(self.socket.recv(), MESSAGE_TIMEOUT_S))
            kind = message.WhichOneof("type")
            if kind == "navigation":  # the page st.navigation ran: the presenter
                page_hash = message.navigation.page_script_hash
            elif kind == "page_info_changed":  # the app wrote the link (a slide, the filters)
                self.query = message.page_info_changed.query_string
            elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                element = message.delta.new_element
                which = element.WhichOneof("type")
                self._remember(element)
                if which == "multiselect":
                    seen["multiselects"][element.multiselect.label] = (element.multiselect.id,
                                                                       list(element.multiselect.options))
                elif which == "exception":
                    seen["failures"].append("exception")
                elif which == "markdown" and element.markdown.body.startswith("Showing:"):
                    seen["showing"] = element.markdown.body
                elif which == "alert" and element.alert.body.startswith("Something went wrong"):
                    seen["failures"].append("something went wrong")
            elif kind == "script_finished":
                if message.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue  # a deep link's first run hands over to app.py's navigation
                self.page_hash = page_hash  # the presenter's, for the runs that follow
                return time.perf_counter() - started, seen


async def _person(base_url: str, person: Person, seed: int, minutes: float, started: float) -> None:
    choices = random.Random(seed)
    await asyncio.sleep(max(0.0, started + person.arrives_at - time.perf_counter()))
    funders: list[str] = []
    try:
        async with RoomSession(base_url) as session:
            seconds, seen = await session.show(urlencode(dict(ROOM_LINK, slide="1")))
            person.first_load = seconds
            person.errors += seen["failures"]
            person.funder_widget = seen["multiselects"].get(FUNDER_LABEL)
            until = time.perf_counter() + minutes * 60
            while minutes > 0:
                await asyncio.sleep(choices.uniform(5, 15))
                if time.perf_counter() > until:
                    return
                widgets = {}
                if choices.random() < 0.5 or person.funder_widget is None:
                    # Next, as a person presses it; after the last slide, back to the first
                    person.slide = person.slide % len(SLIDE_KEYS) + 1
                    if person.slide == 1:
                        link = dict(parse_qsl(session.query), slide="1")
                        seconds, seen = await session.show(urlencode(link))
                    else:
                        seconds, seen = await session.show(press="Next")
                else:
                    widget_id, options = person.funder_widget
                    funders = [] if funders else [choices.choice(options)]
                    widgets[widget_id] = funders
                    seconds, seen = await session.show(change=widgets)
                person.reruns.append(seconds)
                person.rerun_kinds.append(f"{'filter on ' if widgets else ''}slide {person.slide}")
                person.errors += seen["failures"]
                if widgets and bool(funders) != ("Funder" in seen["showing"]):
                    person.errors.append("the slide does not show the funder filter just changed")
    except Exception as err:  # a timeout or a dropped connection is an error, reported
        person.errors.append(f"{type(err).__name__}: {str(err).splitlines()[0] if str(err) else ''}")


@dataclass
class RoomReport:
    people: int
    arrive_s: float
    minutes: float
    first_loads: list[float]
    reruns: list[float]
    rerun_kinds: list[str]
    errors: list[str]
    rss_mb: dict[str, float]
    funder_changes_possible: bool
    server_cpu_s: float  # the server process's CPU time (user + system) during the room
    wall_s: float
    load_at_end: float  # the machine's load average (1 min) when the room ended
    server_errors: list[str]  # the server log's lines about errors (tracebacks' last lines)
    presenter_first_load: float | None = None  # the presenter's, on the server just started

    def summary(self) -> dict[str, float | int]:
        def cell(values, share):
            return round(percentile(values, share), 2) if values else float("nan")
        return {"first_median": round(statistics.median(self.first_loads), 2) if self.first_loads else 0,
                "first_p95": cell(self.first_loads, 0.95),
                "rerun_median": round(statistics.median(self.reruns), 2) if self.reruns else 0,
                "rerun_p95": cell(self.reruns, 0.95), "reruns": len(self.reruns),
                "errors": len(self.errors)}


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def run_room(people: int = 50, arrive_s: float = 20, minutes: float = 2, seed: int = 15) -> RoomReport:
    import tempfile

    from devtools.browser import run_app

    arrivals = random.Random(seed)
    crowd = [Person(arrives_at=arrivals.uniform(0, arrive_s)) for _ in range(people)]
    with tempfile.TemporaryDirectory() as logs, run_app(Path(logs)) as server:
        with RssSampler(server.process.pid) as sampler:
            after_start = sampler.rss_mb()
            cpu_before = _cpu_seconds(server.process.pid)
            # The presenter opens the link first, to put it on the screen, as a room sees it:
            # the room arrives at a server already running and warm. That first load, on a
            # server just started, is reported on its own.
            presenter = Person(arrives_at=0.0)
            asyncio.run(asyncio.wait_for(_person(server.url, presenter, seed - 1, 0, time.perf_counter()),
                                         MESSAGE_TIMEOUT_S))
            started = time.perf_counter()

            async def everyone():
                await asyncio.gather(*(_person(server.url, person, seed + number, minutes, started)
                                       for number, person in enumerate(crowd)))

            asyncio.run(asyncio.wait_for(everyone(), arrive_s + minutes * 60 + 300))
            end = sampler.rss_mb()
            cpu = _cpu_seconds(server.process.pid) - cpu_before
            wall = time.perf_counter() - started
        log = server.log()
        peak = max([*sampler.samples, end])
    return RoomReport(people, arrive_s, minutes,
                      [p.first_load for p in crowd if p.first_load is not None],
                      [s for p in crowd for s in p.reruns], [k for p in crowd for k in p.rerun_kinds],
                      [e for p in crowd for e in p.errors],
                      {"after_start": round(after_start, 1), "peak": round(peak, 1), "end": round(end, 1)},
                      all(p.funder_widget for p in crowd if p.first_load is not None),
                      round(cpu, 1), round(wall, 1), os.getloadavg()[0],
                      [line for line in log.splitlines() if "Unexpected error" in line or "Error:" in line],
                      presenter.first_load)


def print_room(report: RoomReport) -> None:
    numbers = report.summary()
    print(f"A room: {report.people} people open the presenter's link within {report.arrive_s:.0f} s, "
          f"then each changes a slide or a filter every 5-15 s for {report.minutes:g} min")
    print(f"{'':>12}  {'median s':>8}  {'p95 s':>6}  {'target':>8}  {'runs':>5}")
    print(f"{'first load':>12}  {numbers['first_median']:8.2f}  {numbers['first_p95']:6.2f}  "
          f"{'<= 3 s':>8}  {len(report.first_loads):>5}")
    print(f"{'rerun':>12}  {numbers['rerun_median']:8.2f}  {numbers['rerun_p95']:6.2f}  "
          f"{'<= 1 s':>8}  {numbers['reruns']:>5}")
    if report.presenter_first_load is not None:
        print(f"{'(presenter)':>12}  {report.presenter_first_load:8.2f}  {'':>6}  {'':>8}  {1:>5}"
              "  the presenter's own first load, on the server just started, before the room")
    by_kind: dict[str, list[float]] = {}
    for kind, seconds in zip(report.rerun_kinds, report.reruns, strict=True):
        by_kind.setdefault(kind, []).append(seconds)
    for kind in sorted(by_kind):
        times = by_kind[kind]
        print(f"{kind:>18}  {statistics.median(times):6.2f}  {percentile(times, 0.95):6.2f}  {len(times):>5}")
    print(f"errors: {numbers['errors']} (target 0)" + (
        "" if report.funder_changes_possible else "; the funder filter was not found, slides only"))
    for error in sorted(set(report.errors))[:10]:
        print(f"  {report.errors.count(error)} x {error}")
    print(f"server CPU: {report.server_cpu_s:.0f} s over {report.wall_s:.0f} s "
          f"({report.server_cpu_s / report.wall_s:.2f} cores on average); machine load average "
          f"{report.load_at_end:.1f} at the end (2 cores: above 2, other work was competing)")
    for line in report.server_errors:
        print(f"  server log: {line}")
    rss = report.rss_mb
    print(f"server memory (RSS): {rss['after_start']:.0f} MB after start, {rss['peak']:.0f} MB peak, "
          f"{rss['end']:.0f} MB at the end")
