"""What a browser waits for and receives: `streamlit run` to the map drawn, and the bytes every
page sends, in headless Chromium with no network; compared with geopandas' explore().

    python bench/browser_pages.py                 # 3 cold starts
    python bench/browser_pages.py --starts 5

1. Cold start, `starts` times: from launching `streamlit run` (a new process, nothing cached)
   to the Map page's countries drawn in its Leaflet map (the country layer's paths present in
   the st_folium iframe), with the browser already open. Also when the server answered its
   health check, and when the page's script had finished.
2. Bytes per page, counted on the wire by a byte-counting TCP relay between Chromium and the
   server: what the server actually sent, headers, gzip and websocket compression included.
   - first visit: a new browser (empty cache) opening the page's address;
   - moving to it: clicking the page in the sidebar of an app already open, which is what
     each further page costs (the frontend is loaded once and kept).
   Target: the Map page's first visit, less Streamlit's own frontend (the same for every page,
   cached by the browser for a year), under 1 MB; the frontend is given beside it.
3. The straightforward map: geopandas' explore() of the same country outlines
   (data/geo/countries.geojson): the HTML it makes, its size, the files it asks for from
   content delivery networks, how long it takes to make, and whether it draws with no network.
   Needs `pip install -r bench/requirements-bench.txt`; skipped with a note otherwise.

Every request that would leave the machine is blocked and counted (devtools.browser).
"""

from __future__ import annotations

import argparse
import contextlib
import re
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import machine, median, table  # noqa: E402
from components.pages import PAGES  # noqa: E402
from devtools.browser import launch_chromium, offline_page, run_app, wait_until_rendered  # noqa: E402

MAP_IFRAME = "iframe[title='streamlit_folium.st_folium']"
MAP_TARGET = 1_000_000  # bytes
START_TARGET = 5.0  # seconds
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


def wait_for_map(page, timeout_ms: int = 60000) -> None:
    """Until the country layer of the first map has drawn its paths (even off screen)."""
    page.frame_locator(MAP_IFRAME).first.locator("path.leaflet-interactive").nth(20).wait_for(
        state="attached", timeout=timeout_ms)


def settle(page, spec) -> None:
    wait_until_rendered(page, extra_ms=300)
    if spec.url_path == "map":
        wait_for_map(page)
    page.wait_for_timeout(700)  # late messages (a component's reply, the address update)


# --- 1. cold start ------------------------------------------------------------------------------

def cold_start(browser, logs: Path) -> dict[str, float]:
    started = time.perf_counter()
    with run_app(logs, timeout=120) as server:
        healthy = time.perf_counter() - started
        page, record = offline_page(browser, server.url)
        page.goto(f"{server.url}/map")
        page.wait_for_selector("[data-testid='stMainBlockContainer'] [data-testid='stElementContainer']",
                               timeout=60000)
        wait_for_map(page)
        drawn = time.perf_counter() - started
        wait_until_rendered(page, extra_ms=0)
        finished = time.perf_counter() - started
        blocked = len(record.blocked)
        page.context.close()
    return {"healthy": healthy, "drawn": drawn, "finished": finished, "blocked": blocked}


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


def _wire_size(response) -> int:
    """Body and headers as sent (compressed if the server compressed them)."""
    try:
        sizes = response.request.sizes()
    except Exception:  # a response without a body (a redirect)
        return 0
    return sizes["responseBodySize"] + sizes["responseHeadersSize"]


def moves(browser, meter: WireMeter) -> list[dict]:
    """Open the first page, then click each page in the sidebar in turn."""
    page, record = offline_page(browser, meter.url)
    page.goto(page_url(meter.url, PAGES[0]))
    settle(page, PAGES[0])
    rows = []
    for spec in [*PAGES[1:], PAGES[0]]:
        meter.reset()
        page.locator("[data-testid='stSidebarNav'] a").filter(has_text=spec.title).first.click()
        if spec is not PAGES[0]:
            page.wait_for_url(re.compile(rf"/{spec.url_path}(\?.*)?$"), timeout=30000)
        settle(page, spec)
        rows.append({"page": spec.url_path, "bytes": meter.to_browser})
    blocked = len(record.blocked)
    page.context.close()
    for row in rows:
        row["blocked"] = blocked
    return rows


# --- 3. geopandas' explore() ------------------------------------------------------------------

def explore_comparison(browser) -> dict | None:
    try:
        import geopandas
        import mapclassify  # noqa: F401  (explore() needs it)
    except ImportError:
        return None
    from crossings.paths import GEOMETRY_FILE

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

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--starts", type=int, default=3, help="cold starts to time (1-10)")
    args = parser.parse_args()
    header = machine()
    failures = []
    with tempfile.TemporaryDirectory() as logs, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        starts = [cold_start(browser, Path(logs)) for _ in range(max(1, min(10, args.starts)))]
        with run_app(Path(logs)) as server:
            meter = WireMeter(int(server.url.rsplit(":", 1)[1]))
            warm, _ = offline_page(browser, meter.url)  # the data and outlines loaded once, unmeasured
            warm.goto(f"{meter.url}/map")
            settle(warm, PAGES[1] if PAGES[1].url_path == "map" else PAGES[0])
            warm.context.close()
            visits = first_visits(browser, meter)
            moved = moves(browser, meter)
            meter.close()
        explore = explore_comparison(browser)
        browser.close()

    print("# the browser's view: cold start, bytes per page (on the wire), geopandas' explore()")
    print(f"# {header}")
    print("\n1. `streamlit run` to the map drawn (cold start, new process, browser already open)")
    print(table(["start", "healthy s", "script done s", "map drawn s", "blocked"],
                [(str(i + 1), s["healthy"], s["finished"], s["drawn"], s["blocked"])
                 for i, s in enumerate(starts)]))
    drawn = median([s["drawn"] for s in starts])
    print(f"median to the map drawn: {drawn:.1f} s; target ≤ {START_TARGET:.0f} s: "
          f"{'met' if drawn <= START_TARGET else 'MISSED'}")
    if drawn > START_TARGET:
        failures.append("cold start")

    print("\n2a. First visit to each page's address (empty browser cache), bytes the server sent")
    print(table(["page", "total", "Streamlit frontend", "the page", "blocked", "errors"],
                [(v["page"], v["total"], v["frontend"], v["page_only"], v["blocked"], v["errors"])
                 for v in visits]))
    map_visit = next((v for v in visits if v["page"] == "map"), None)
    if map_visit:
        verdict = "met" if map_visit["page_only"] <= MAP_TARGET else "MISSED"
        print(f"Map page, less the frontend: {map_visit['page_only']:,} bytes; target ≤ {MAP_TARGET:,}: "
              f"{verdict}")
        if verdict != "met":
            failures.append("map bytes")
    print("\n2b. Moving to each page from the sidebar of an open app: bytes the server sent")
    print(table(["page", "bytes"], [(m["page"], m["bytes"]) for m in moved]))

    print("\n3. geopandas' explore() of the same outlines (the straightforward map)")
    if explore is None:
        print("skipped: pip install -r bench/requirements-bench.txt (matplotlib, mapclassify)")
    else:
        ours = map_visit["page_only"] if map_visit else 0
        print(table(["", "explore()", "Crossings' Map page"], [
            ("bytes", explore["bytes"], ours),
            ("files from CDNs", len([u for u in explore["remote"] if "{z}" not in u]), 0),
            ("draws with no network", "yes" if explore["drawn_offline"] else "NO", "yes"),
        ]))
        print(f"explore(): {explore['features']} outlines unsimplified, built in {explore['seconds']:.1f} s; "
              f"{explore['bytes'] / max(1, ours):.1f}x the bytes of the Map page (less the frontend); "
              f"{explore['blocked']} requests blocked offline:")
        for url in explore["remote"]:
            print(f"  {url}")
    blocked = sum(v["blocked"] for v in visits) + sum(s["blocked"] for s in starts)
    print(f"\nrequests that tried to leave the machine (Crossings): {blocked}")
    return 1 if failures or blocked else 0


if __name__ == "__main__":
    sys.exit(main())
