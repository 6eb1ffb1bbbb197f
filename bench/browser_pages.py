"""What a browser waits for and receives: `streamlit run` to the map drawn, and the bytes every
page sends, in headless Chromium with no network; compared with geopandas' explore().

    python bench/browser_pages.py                 # 5 cold starts, each interaction 3 times
    python bench/browser_pages.py --starts 5 --repeats 5
    python bench/browser_pages.py --parts bytes interactions

1. Cold start, `starts` times: from launching the app as the README does (`streamlit run
   serve.py`, a new process) to the Map page's countries drawn in its Leaflet map (the country
   layer's paths present in the st_folium iframe, a moment the page notes itself: DRAWN_MARK),
   with the browser already open (a tab opened before the server starts). Also when the server
   answered its health check, when Playwright saw the map, and when the page's script had
   finished. The same with
   plain `streamlit run app.py` (no st.App serving, no warm-up), alternating, for the ratio.
   Target: median at most 3 s.
2. Bytes per page, counted on the wire by a byte-counting TCP relay between Chromium and the
   server: what the server actually sent, headers, gzip and websocket compression included.
   - first visit: a new browser (empty cache) opening the page's address;
   - moving to it: clicking the page in the sidebar of an app already open, which is what
     each further page costs (the frontend is loaded once and kept).
   - a repeat visit: the same address opened again in the same browser (its cache kept): what
     changed is sent, the rest is answered from the cache or with "304 Not Modified".
   Targets: every page's first visit, everything included, at most 2 MB (3.5 MB for the chart
   pages, Budget and Timeline, which load Streamlit's chart library); the first visit with plain
   `streamlit run app.py` is given beside it.
3. Interactions: a chart control, a page control, a search, clearing the filters and a click
   on the map, each done `repeats` times (and undone) in a freshly opened page: from the
   browser asking for the run (its websocket message) to the server reporting the run
   finished, whether only the chart's fragment ran, and the server's CPU time meanwhile.
4. The straightforward map: geopandas' explore() of the same country outlines
   (data/geo/countries.geojson): the HTML it makes, its size, the files it asks for from
   content delivery networks, how long it takes to make, and whether it draws with no network.
   Needs `pip install -r bench/requirements-bench.txt`; skipped with a note otherwise.

Every request that would leave the machine is blocked and counted (devtools.browser).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import socket
import sys
import tempfile
import threading
import time
from functools import partial
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import machine, median, table  # noqa: E402
from bench.map_payload import aim_at_iran, wait_for_maps  # noqa: E402
from components.pages import PAGES  # noqa: E402
from devtools.browser import cut_off_context, launch_chromium, offline_page, run_app, wait_until_rendered  # noqa: E402

VISIT_TARGET = 2_000_000  # bytes, a first visit with everything
CHART_VISIT_TARGET = 3_500_000  # the same for pages with plotly charts (Streamlit's chart library)
CHART_PAGES = ("budget", "timeline")
START_TARGET = 3.0  # seconds
# The moment the map is drawn, noted by the page itself (every frame checks every 10 ms for the
# country layer's paths, and keeps the first time it sees them, in milliseconds since 1970):
# Playwright's wait for an element inside a frame polls with growing pauses, so the moment it
# returns came 0.1 to 1.4 s after the map was drawn in a trace of five starts (2026-12-07 07:40).
DRAWN_MARK = """(() => {
  const timer = setInterval(() => {
    if (document.querySelectorAll('path.leaflet-interactive').length > 20) {
      window.__crossingsMapDrawn = performance.timeOrigin + performance.now();
      clearInterval(timer);
    }
  }, 10);
})();"""
FRONTEND_PATHS = ("/static/", "/_stcore/")  # Streamlit's own files, the same for every page


class WireMeter:
    """A TCP relay on a free loopback port to `target_port`, counting the bytes each way.
    Browsers talk to the relay; the server sees them as usual (the Host header is unchanged)."""

    def __init__(self, target_port: int):
        self.target_port = target_port
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.to_browser = 0
        self.to_server = 0
        self._lock = threading.Lock()
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def reset(self) -> None:
        with self._lock:
            self.to_browser = self.to_server = 0

    def close(self) -> None:
        self._closed = True
        self.listener.close()

    def _accept(self) -> None:
        while not self._closed:
            try:
                browser_side, _ = self.listener.accept()
            except OSError:
                return
            server_side = socket.create_connection(("127.0.0.1", self.target_port))
            for source, sink, to_browser in ((browser_side, server_side, False),
                                             (server_side, browser_side, True)):
                threading.Thread(target=self._pump, args=(source, sink, to_browser), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket, to_browser: bool) -> None:
        try:
            while chunk := source.recv(65536):
                with self._lock:
                    if to_browser:
                        self.to_browser += len(chunk)
                    else:
                        self.to_server += len(chunk)
                sink.sendall(chunk)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)


def wait_for_map(page) -> None:
    """Until the country layer of the first map has drawn its paths (even off screen)."""
    wait_for_maps(page, 1, timeout_ms=60000, pause_ms=0)


def settle(page, spec) -> None:
    wait_until_rendered(page, extra_ms=300)
    if spec.url_path == "map":
        wait_for_map(page)
    page.wait_for_timeout(700)  # late messages (a component's reply, the address update)


# --- 1. cold start ------------------------------------------------------------------------------

def cold_start(browser, logs: Path, entry: str = "serve.py") -> dict[str, float]:
    # The tab is open before the server starts, as a presenter's browser is: opening it (a fresh
    # profile, 0.2 to 0.5 s of Playwright's) is not the app's time. The network is cut without
    # interception: that would add a round trip to this process to each of the frontend's
    # requests, time the app does not spend.
    context, failed = cut_off_context(browser, "http://127.0.0.1")
    context.add_init_script(DRAWN_MARK)
    page = context.new_page()
    started, started_at = time.perf_counter(), time.time()
    with run_app(logs, timeout=120, entry=entry) as server:
        healthy = time.perf_counter() - started
        page.goto(f"{server.url}/map")
        page.wait_for_selector(
            "[data-testid='stMainBlockContainer'] [data-testid='stElementContainer']:visible", timeout=60000)
        wait_for_map(page)
        noticed = time.perf_counter() - started
        marks = [frame.evaluate("window.__crossingsMapDrawn || 0") for frame in page.frames]
        drawn = max(marks) / 1000 - started_at if max(marks) else noticed
        server_cpu = _cpu_seconds(server.process.pid)
        wait_until_rendered(page, extra_ms=0)
        finished = time.perf_counter() - started
        blocked = len(failed)
        context.close()
    return {"healthy": healthy, "drawn": drawn, "noticed": noticed, "finished": finished,
            "server_cpu": server_cpu, "blocked": blocked}


def _cpu_seconds(pid: int) -> float:
    """CPU time the process has used (user and system), from /proc: the server's work, whatever
    else the machine is doing."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# --- 2. bytes per page --------------------------------------------------------------------------

def page_url(base: str, spec) -> str:
    return base + "/" if spec is PAGES[0] else f"{base}/{spec.url_path}"


def first_visits(browser, meter: WireMeter) -> list[dict]:
    rows = []
    for spec in PAGES:
        page, record = offline_page(browser, meter.url)
        frontend = []
        page.on("response", lambda response, kept=frontend: kept.append(response)
                if response.url.split(meter.url, 1)[-1].startswith(FRONTEND_PATHS) else None)
        meter.reset()
        page.goto(page_url(meter.url, spec))
        settle(page, spec)
        total = meter.to_browser
        frontend_bytes = sum(_wire_size(response) for response in frontend)
        rows.append({"page": spec.url_path, "total": total, "frontend": frontend_bytes,
                     "page_only": total - frontend_bytes, "blocked": len(record.blocked),
                     "errors": len(record.console_errors) + len(record.http_errors)})
        page.context.close()
    return rows


def repeat_visits(browser, meter: WireMeter) -> list[dict]:
    """Each page opened twice in one browser context that keeps its HTTP cache (Playwright's
    request interception would turn the cache off, so here the network is cut by a proxy that
    does not exist, loopback excepted): the bytes of the second visit."""
    rows = []
    for spec in PAGES:
        context, failed = cut_off_context(browser, meter.url)
        for visit in ("first", "repeat"):
            page = context.new_page()
            meter.reset()
            page.goto(page_url(meter.url, spec))
            settle(page, spec)
            if visit == "repeat":
                rows.append({"page": spec.url_path, "repeat": meter.to_browser, "blocked": len(failed)})
            page.close()
        context.close()
    return rows


def _wire_size(response) -> int:
    """Body and headers as sent (compressed if the server compressed them)."""
    try:
        sizes = response.request.sizes()
    except Exception:  # a response without a body (a redirect)
        return 0
    return sizes["responseBodySize"] + sizes["responseHeadersSize"]


def moves(browser, meter: WireMeter) -> list[dict]:
    """Open the first page, then click each page in the sidebar in turn (the presenter, which
    has no sidebar, is left by its own link, back to the first page)."""
    page, record = offline_page(browser, meter.url)
    page.goto(page_url(meter.url, PAGES[0]))
    settle(page, PAGES[0])
    rows, previous = [], PAGES[0]
    for spec in [*PAGES[1:], PAGES[0]]:
        meter.reset()
        if previous.url_path == "presenter":  # no sidebar there: its own link leads out, to the first page
            page.get_by_role("link", name="Leave presenter mode").click()
            page.wait_for_url(re.compile(r"/(\?.*)?$"), timeout=30000)
            settle(page, PAGES[0])
        if spec is not PAGES[0] or previous.url_path != "presenter":
            meter.reset()  # from the first page: what moving to `spec` sends, not leaving the presenter
            page.locator("[data-testid='stSidebar']").get_by_role("link", name=spec.title).first.click()
        previous = spec
        if spec is not PAGES[0]:
            page.wait_for_url(re.compile(rf"/{spec.url_path}(\?.*)?$"), timeout=30000)
        settle(page, spec)
        rows.append({"page": spec.url_path, "bytes": meter.to_browser})
    blocked = len(record.blocked)
    page.context.close()
    for row in rows:
        row["blocked"] = blocked
    return rows


# --- 3. interactions --------------------------------------------------------------------------

class ScriptRuns:
    """When the browser asked for a run (its websocket messages to the server) and when the
    server said the run of the page, or of one fragment, finished (Streamlit's ForwardMsg)."""

    def __init__(self, page):
        self.finished: list[tuple[float, int]] = []  # (perf_counter, ScriptFinishedStatus)
        self.asked: list[float] = []
        page.on("websocket", self._socket)

    def _socket(self, socket) -> None:
        socket.on("framereceived", self._frame)
        socket.on("framesent", lambda _payload: self.asked.append(time.perf_counter()))

    def _frame(self, payload) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        message = ForwardMsg()
        try:
            message.ParseFromString(payload if isinstance(payload, bytes) else payload.encode())
        except Exception:  # not a ForwardMsg: ignore
            return
        if message.WhichOneof("type") == "script_finished":
            self.finished.append((time.perf_counter(), message.script_finished))

    def time(self, page, action, timeout_s: float = 60) -> tuple[float, bool]:
        """Seconds from the browser asking for the run that `action` causes to the server saying
        it finished (the click's own handling in the browser left out); whether it ran a
        fragment only (the rest of the page untouched)."""
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        seen, asked = len(self.finished), len(self.asked)
        started = time.perf_counter()
        action()
        while len(self.finished) <= seen:
            if time.perf_counter() - started > timeout_s:
                raise TimeoutError("no run finished")
            page.wait_for_timeout(5)
        ended, status = self.finished[seen]
        request = self.asked[asked] if len(self.asked) > asked else started
        return ended - request, status == ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY


def _radio(name: str):
    return lambda page: page.get_by_role("radio", name=name, exact=True).first.click()


def _search(page) -> None:
    box = page.get_by_role("textbox", name="Search these rows")
    box.fill("Cairo" if box.input_value() != "Cairo" else "")
    box.press("Enter")


def _clear_filters(page) -> None:
    page.locator("[data-testid='stSidebar']").get_by_role("button", name="Clear all filters").click()


# (page address, what the user does, how, and how to undo it for the next repeat)
INTERACTIONS = (
    ("/budget", "Show by: Project ↔ Funder (chart control)", _radio("Project"), _radio("Funder")),
    ("/budget", "Show amounts in: USD ↔ EUR (page control)", _radio("USD"), _radio("EUR")),
    ("/timeline", "Colour events by: Organiser ↔ Topic", _radio("Organiser"), _radio("Topic")),
    ("/timeline", "Participants per: Quarter ↔ Year", _radio("Quarter"), _radio("Year")),
    ("/data?table=events", "Search the rows: Cairo ↔ nothing", _search, _search),
    ("/budget?funder=EU", "Clear all filters (a filter change)", _clear_filters, None),
    ("/map", "Click on Iran: its profile opens", "iran", None),
)


def interactions(browser, server, repeats: int) -> list[dict]:
    """Each interaction `repeats` times (with its undo in between), each time in a page freshly
    opened at its address. Also the CPU time the server used meanwhile: on a busy machine the
    browser drawing the charts competes with the server for the same cores."""
    base_url = server.url
    rows = []
    for address, what, do, undo in INTERACTIONS:
        path = address.split("?")[0].strip("/")
        spec = next(s for s in PAGES if s.url_path == path)
        times, fragment, cpu = [], [], []
        for _ in range(repeats):
            page, _record = offline_page(browser, base_url)
            runs = ScriptRuns(page)
            page.goto(base_url + address)
            settle(page, spec)
            for step in [do, undo] if undo else [do]:
                if step == "iran":  # aim first (it moves the map), then time the click alone
                    step = partial(page.mouse.click, *aim_at_iran(page))
                else:
                    step = partial(step, page)
                before = _cpu_seconds(server.process.pid)
                seconds, only_fragment = runs.time(page, step)
                cpu.append(_cpu_seconds(server.process.pid) - before)
                times.append(seconds)
                fragment.append(only_fragment)
                page.wait_for_timeout(300)
            page.context.close()
        rows.append({"what": what, "page": address, "median": median(times), "max": max(times),
                     "cpu": median(cpu), "runs": len(times), "fragment": all(fragment)})
    return rows


# --- 4. geopandas' explore() ------------------------------------------------------------------

def explore_comparison(browser) -> dict | None:
    try:
        import geopandas
        import mapclassify  # noqa: F401  (explore() needs it)
    except ImportError:
        return None
    from crossings.files import GEOMETRY_FILE

    started = time.perf_counter()
    outlines = geopandas.read_file(GEOMETRY_FILE)
    html = outlines.explore().get_root().render()
    seconds = time.perf_counter() - started
    remote = sorted(set(re.findall(r"https?://[^\"' )\\]+", html)))
    page, record = offline_page(browser, "http://127.0.0.1:9")  # nothing is local: all blocked
    page.set_content(html, wait_until="domcontentloaded", timeout=30000)
    try:
        page.locator("path.leaflet-interactive").first.wait_for(state="attached", timeout=10000)
        drawn = True
    except Exception:
        drawn = False
    result = {"bytes": len(html.encode()), "seconds": seconds, "remote": remote,
              "drawn_offline": drawn, "blocked": len(record.blocked), "features": len(outlines)}
    page.context.close()
    return result


# --- report -------------------------------------------------------------------------------------

PARTS = ("start", "bytes", "interactions", "explore")


def report_starts(starts: list[dict], plain: list[dict]) -> bool:
    print("\n1. The README's run command to the map drawn (cold start, new process, browser already open)")
    print(table(["start", "healthy s", "map drawn s", "Playwright saw it s", "script done s", "server CPU s",
                 "blocked", "plain: map drawn s", "plain: server CPU s"],
                [(str(i + 1), s["healthy"], s["drawn"], s["noticed"], s["finished"], s["server_cpu"],
                  s["blocked"], p["drawn"] if p else "—", p["server_cpu"] if p else "—")
                 for i, (s, p) in enumerate(zip(starts, plain or [None] * len(starts), strict=True))]))
    drawn = median([s["drawn"] for s in starts])
    met = drawn <= START_TARGET
    versus = (f"; plain `streamlit run app.py`: {median([p['drawn'] for p in plain]):.1f} s" if plain else "")
    print(f"median to the map drawn: {drawn:.1f} s{versus}; target ≤ {START_TARGET:.0f} s: "
          f"{'met' if met else 'MISSED'}")
    return met


def report_bytes(visits: list[dict], moved: list[dict], repeats: list[dict], plain: list[dict]) -> bool:
    print("\n2a. First visit to each page's address (empty browser cache), bytes the server sent")
    plain_total = {v["page"]: v["total"] for v in plain}
    repeat_total = {r["page"]: r["repeat"] for r in repeats}
    rows, met = [], True
    for v in visits:
        target = CHART_VISIT_TARGET if v["page"] in CHART_PAGES else VISIT_TARGET
        ok = v["total"] <= target
        met &= ok
        rows.append((v["page"], v["total"], v["frontend"], v["page_only"],
                     plain_total.get(v["page"], "—"),
                     plain_total[v["page"]] / v["total"] if v["page"] in plain_total else "—",
                     repeat_total.get(v["page"], "—"), v["blocked"], v["errors"],
                     f"≤ {target / 1e6:.1f} MB {'met' if ok else 'MISSED'}"))
    print(table(["page", "first visit", "Streamlit frontend", "the page", "plain app.py", "× fewer",
                 "repeat visit", "blocked", "errors", "target"], rows))
    print("# first visit: everything the server sent, compressed as sent; Streamlit frontend: its "
          "/static/ and /_stcore/ files; plain app.py: the same visit with `streamlit run app.py`; "
          "repeat visit: the same address again in the same browser, its cache kept")
    print("\n2b. Moving to each page from the sidebar of an open app: bytes the server sent")
    print(table(["page", "bytes"], [(m["page"], m["bytes"]) for m in moved]))
    return met


def report_interactions(clicks: list[dict]) -> None:
    print("\n3. Interactions in the browser: from the browser asking for the run to the server's "
          "run finished (ms)")
    print(table(["what the user does", "page", "median ms", "max ms", "server CPU ms", "runs", "reruns"],
                [(c["what"], c["page"], c["median"] * 1000, c["max"] * 1000, c["cpu"] * 1000, c["runs"],
                  "this chart only" if c["fragment"] else "the page") for c in clicks]))


def report_explore(explore: dict | None, map_bytes: int | None) -> bool:
    print("\n4. geopandas' explore() of the same outlines (the straightforward map)")
    if explore is None:
        print("skipped: pip install -r bench/requirements-bench.txt (mapclassify)")
        return True
    ours = f"{map_bytes:,}" if map_bytes else "(part 2 not run)"
    print(table(["", "explore()", "Crossings' Map page"], [
        ("bytes", f"{explore['bytes']:,}", ours),
        ("files from CDNs", str(len([u for u in explore["remote"] if "{z}" not in u])), "0"),
        ("draws with no network", "yes" if explore["drawn_offline"] else "NO", "yes"),
    ]))
    ratio = f"; {explore['bytes'] / map_bytes:.1f}x the bytes of the Map page (less the frontend)" if (
        map_bytes) else ""
    print(f"explore(): {explore['features']} outlines, unsimplified, made in {explore['seconds']:.1f} s"
          f"{ratio}; {explore['blocked']} requests blocked with no network. It asks for:")
    for url in explore["remote"]:
        print(f"  {url}")
    return True


def _plain_first_visits(browser, logs: Path) -> list[dict]:
    """First visits with plain `streamlit run app.py`, for the comparison."""
    with run_app(logs, entry="app.py") as server:
        warm, _ = offline_page(browser, server.url)
        warm.goto(f"{server.url}/map")
        settle(warm, next(s for s in PAGES if s.url_path == "map"))
        warm.context.close()
        meter = WireMeter(int(server.url.rsplit(":", 1)[1]))
        visits = first_visits(browser, meter)
        meter.close()
    return visits


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--starts", type=int, default=5, help="cold starts to time (1-10)")
    parser.add_argument("--repeats", type=int, default=3, help="times each interaction is done (1-10)")
    parser.add_argument("--parts", nargs="+", choices=PARTS, default=list(PARTS))
    parser.add_argument("--no-plain", action="store_true", help="skip the plain `streamlit run app.py` runs")
    args = parser.parse_args()
    print("# the browser's view: cold start, bytes per page on the wire, interactions, explore()")
    print(f"# {machine()}")
    met, blocked, map_bytes = True, 0, None
    with tempfile.TemporaryDirectory() as logs, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        if "start" in args.parts:
            starts, plain = [], []
            for _ in range(max(1, min(10, args.starts))):
                starts.append(cold_start(browser, Path(logs)))
                if not args.no_plain:
                    plain.append(cold_start(browser, Path(logs), entry="app.py"))
            met &= report_starts(starts, plain)
            blocked += sum(s["blocked"] for s in starts)
        if {"bytes", "interactions"} & set(args.parts):
            with run_app(Path(logs)) as server:
                warm, _ = offline_page(browser, server.url)  # the data and outlines loaded once
                warm.goto(f"{server.url}/map")
                settle(warm, next(s for s in PAGES if s.url_path == "map"))
                warm.context.close()
                if "bytes" in args.parts:
                    meter = WireMeter(int(server.url.rsplit(":", 1)[1]))
                    visits, moved = first_visits(browser, meter), moves(browser, meter)
                    repeats = repeat_visits(browser, meter)
                    meter.close()
                    plain_visits = [] if args.no_plain else _plain_first_visits(browser, Path(logs))
                    met &= report_bytes(visits, moved, repeats, plain_visits)
                    blocked += sum(v["blocked"] for v in visits) + sum(r["blocked"] for r in repeats)
                    map_bytes = next(v["page_only"] for v in visits if v["page"] == "map")
                if "interactions" in args.parts:
                    report_interactions(interactions(browser, server, max(1, min(10, args.repeats))))
        if "explore" in args.parts:
            report_explore(explore_comparison(browser), map_bytes)
        browser.close()
    print(f"\nrequests that tried to leave the machine (Crossings): {blocked}")
    return 0 if met and not blocked else 1


if __name__ == "__main__":
    sys.exit(main())
