"""What the Map page sends to the browser, measured in headless Chromium with no network.

    python bench/map_payload.py

Starts `streamlit run` on a free port, opens the Map page three ways and prints, per source,
the bytes the browser received: HTTP response bodies (as decoded; what travels on the wire,
compressed, is counted by bench/browser_pages.py) and websocket messages from the server
(Streamlit's protobuf deltas; the map's script travels in one of them).

  1. /map                  a first visit: the world map with every outline
  2. /map?profile=IRN      a first visit with a profile open: a second map (borders view)
  3. a click on Iran       what a click costs once the page is open

Target: the map itself (component, Leaflet, outlines, map script) under 1 MB on a first visit.
Streamlit's own frontend is listed apart: it is the same for every page.

Playwright's request interception (which blocks the network) also disables the browser's
HTTP cache, so files a second map iframe asks for again are counted twice here; a real
browser revalidates them (ETag) and receives nothing new.
"""

from __future__ import annotations

import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from devtools.browser import launch_chromium, offline_page, run_app, wait_until_rendered

TARGET = 1_000_000
MAP_IFRAME = "iframe[data-testid='stCustomComponentV1']"  # the maps are the page's only components
CATEGORIES = (  # (label, test on the URL path), first match wins
    ("map component (streamlit-folium iframe)", lambda path: path.startswith("/component/streamlit_folium")),
    ("Leaflet + markercluster (/app/static/vendor)", lambda path: path.startswith("/app/static/vendor/")),
    ("country outlines (/app/static/generated)", lambda path: path.startswith("/app/static/generated/")),
    ("Streamlit frontend and fonts", lambda path: True),
)
MAP_PARTS = {label for label, _ in CATEGORIES[:3]} | {"map scripts (websocket)"}


class Meter:
    """Bytes received by a page, by category, from the moment it is attached or reset."""

    def __init__(self, page):
        self.totals: dict[str, int] = defaultdict(int)
        page.on("response", self._response)
        page.on("websocket", lambda socket: socket.on("framereceived", self._frame))

    def reset(self) -> None:
        self.totals.clear()

    def _response(self, response) -> None:
        try:
            size = len(response.body())
        except Exception:  # redirects and aborted requests have no body
            return
        path = urlparse(response.url).path
        label = next(name for name, test in CATEGORIES if test(path))
        self.totals[label] += size

    def _frame(self, payload) -> None:
        data = payload if isinstance(payload, bytes) else payload.encode()
        # st_folium's script creates the map as `map_div`; other deltas are the rest of the page
        label = "map scripts (websocket)" if b"L.map(" in data else "other app messages (websocket)"
        self.totals[label] += len(data)


def wait_for_maps(page, count: int, timeout_ms: int = 30000, pause_ms: int = 1000) -> None:
    """Until `count` maps have drawn their countries (and `pause_ms` for late messages)."""
    for index in range(count):
        page.frame_locator(MAP_IFRAME).nth(index).locator("path.leaflet-interactive").nth(20).wait_for(
            state="attached", timeout=timeout_ms)  # drawn, even off screen
    page.wait_for_timeout(pause_ms)


def report(title: str, totals: dict[str, int], blocked: list[str]) -> int:
    print(f"\n{title}")
    print(f"  {'part':<46}{'bytes':>12}")
    for label, size in sorted(totals.items(), key=lambda item: -item[1]):
        print(f"  {label:<46}{size:>12,}")
    map_total = sum(size for label, size in totals.items() if label in MAP_PARTS)
    print(f"  {'total':<46}{sum(totals.values()):>12,}")
    print(f"  {'of which the map':<46}{map_total:>12,}")
    print(f"  requests that tried to leave the machine: {len(blocked)}")
    return map_total


def aim_at_iran(page) -> tuple[float, float]:
    """Centre the first map on Iran; where on the page a click lands in central Iran."""
    frame = page.locator(MAP_IFRAME).first.element_handle().content_frame()
    frame.evaluate("window.map.setView([32, 54], 4, {animate: false})")
    page.wait_for_timeout(800)
    point = frame.evaluate("(() => { const p = window.map.latLngToContainerPoint([33, 56]); "
                           "return [p.x, p.y]; })()")
    box = page.locator(MAP_IFRAME).first.bounding_box()
    return box["x"] + point[0], box["y"] + point[1]


def click_iran(page) -> None:
    page.mouse.click(*aim_at_iran(page))
    page.get_by_text("Iran: profile").wait_for(timeout=30000)
    wait_until_rendered(page)


def measure(browser, url: str, maps: int, title: str, click: bool = False) -> int:
    page, record = offline_page(browser, url)
    meter = Meter(page)
    page.goto(url)
    wait_until_rendered(page)
    wait_for_maps(page, maps)
    if click:
        meter.reset()
        click_iran(page)
        wait_for_maps(page, 2)
    total = report(title, dict(meter.totals), record.blocked)
    page.context.close()
    return total


def main() -> int:
    with (tempfile.TemporaryDirectory() as logs, run_app(Path(logs)) as server,
          sync_playwright() as playwright):
        browser = launch_chromium(playwright)
        warm, _ = offline_page(browser, server.url)  # load and cache the data once, unmeasured
        warm.goto(f"{server.url}/map")
        wait_until_rendered(warm)
        wait_for_maps(warm, 1)
        warm.context.close()
        first = measure(browser, f"{server.url}/map", 1, "1. /map, first visit")
        measure(browser, f"{server.url}/map?profile=IRN", 2, "2. /map?profile=IRN, first visit")
        measure(browser, f"{server.url}/map", 1, "3. a click on Iran (page already open)", click=True)
        browser.close()
    print(f"\nMap on a first visit: {first:,} bytes; target under {TARGET:,}: "
          f"{'met' if first < TARGET else 'NOT met'}")
    return 0 if first < TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
