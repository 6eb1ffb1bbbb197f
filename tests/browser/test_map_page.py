"""The Map page in headless Chromium with no network: the map, markers, popups and legend draw
from the app's own files, moving the map does not rerun the page, a click opens a country's
profile, the filters drive the map, and text from the data shows as text.

Screenshots go to artifacts/screenshots/: map.png, map-popup.png, map-iran-profile.png."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from devtools.browser import offline_page, run_app, wait_until_rendered
from tests.helpers import set_cell

pytestmark = pytest.mark.browser

MAP_IFRAME = "iframe[data-testid='stCustomComponentV1']"  # the maps are the page's only components
# iso3 codes of the countries whose fill is a figure (not the "no data" hatch)
SHADED = """() => {
    const shaded = new Set();
    window.map.eachLayer(layer => {
        const p = layer.feature && layer.feature.properties;
        if (p && p.kind === "country" && !String(layer.options.fillColor).startsWith("url(")) {
            shaded.add(p.iso3);
        }
    });
    return [...shaded].sort();
}"""


def map_frame(page, index: int = 0):
    """The Leaflet map inside the index-th st_folium iframe, once its countries are drawn
    (the locator waits through the iframe's navigation to the component)."""
    page.frame_locator(MAP_IFRAME).nth(index).locator("path.leaflet-interactive").nth(20).wait_for(
        state="attached", timeout=30000)  # drawn, even off screen
    return page.locator(MAP_IFRAME).nth(index).element_handle().content_frame()


def open_map(browser, base: str, query: str = "", height: int = 1000):
    page, record = offline_page(browser, base, height=height)
    sent: list[str] = []  # messages from the browser to the server: a rerun sends one
    page.on("websocket", lambda socket: socket.on("framesent", lambda payload: sent.append(payload)))
    page.goto(f"{base}/map{query}")
    wait_until_rendered(page)
    return page, record, map_frame(page), sent


def assert_offline_and_clean(page, record) -> None:
    assert record.blocked == []
    assert record.console_errors == []
    assert record.http_errors == []
    assert page.locator("[data-testid='stException']").count() == 0


def test_map_draws_offline(app_server, browser, screenshot_dir):
    page, record, frame, _ = open_map(browser, app_server.url)
    assert frame.locator("path.leaflet-interactive").count() >= 241  # every outline, plus dots
    assert frame.locator("#crossings-no-data").count() == 1  # the hatch pattern for no data
    assert frame.locator(".leaflet-tile").count() == 0  # no tiles by default
    assert frame.locator(".crossings-legend").count() == 0  # in the page under the map: it hides nothing
    legend = page.locator(".crossings-legend").first.inner_text()
    for words in ("Events hosted", "No data", "workshop", "grouped events"):
        assert words in legend
    assert frame.locator(".crossings-event, .crossings-cluster").count() >= 2
    assert "JOR" in frame.evaluate(SHADED)
    page.mouse.move(5, 5)
    page.locator(MAP_IFRAME).first.screenshot(path=str(screenshot_dir / "map.png"))
    assert_offline_and_clean(page, record)
    page.context.close()


def test_panning_and_zooming_do_not_rerun_the_page(app_server, browser):
    page, record, frame, sent = open_map(browser, app_server.url)
    page.wait_for_timeout(1000)
    before = len(sent)
    box = page.locator(MAP_IFRAME).first.bounding_box()
    page.mouse.move(box["x"] + 300, box["y"] + 300)
    page.mouse.down()
    page.mouse.move(box["x"] + 180, box["y"] + 240, steps=10)
    page.mouse.up()
    frame.locator(".leaflet-control-zoom-in").click()
    frame.locator(".leaflet-control-zoom-out").click()
    page.mouse.move(box["x"] + 200, box["y"] + 200)
    page.mouse.wheel(0, -300)
    page.wait_for_timeout(2000)  # longer than the component's 250 ms debounce
    assert len(sent) == before
    assert_offline_and_clean(page, record)
    page.context.close()


def test_event_popup(app_server, browser, screenshot_dir):
    page, record, frame, _ = open_map(browser, app_server.url)
    frame.evaluate("window.map.setView([13.5, 2.1], 6, {animate: false})")  # Niamey
    page.wait_for_timeout(800)
    frame.locator(".crossings-event").first.click()
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for()
    text = popup.inner_text()
    for part in ("Regional workshop on coordinated border management, Niamey",
                 "29–30 July 2015 (date from another source)", "Niamey, Niger", "IOM", "Japan",
                 "not given by the source"):
        assert part in text
    page.mouse.move(5, 5)  # hide the marker's tooltip; the popup stays open
    page.wait_for_timeout(600)  # the popup fades in
    page.locator(MAP_IFRAME).first.screenshot(path=str(screenshot_dir / "map-popup.png"))
    assert_offline_and_clean(page, record)
    page.context.close()


def test_a_click_on_iran_opens_its_profile(app_server, browser, screenshot_dir):
    page, record, frame, sent = open_map(browser, app_server.url, height=2600)
    frame.evaluate("window.map.setView([32, 54], 4, {animate: false})")
    page.wait_for_timeout(800)
    point = frame.evaluate("(() => { const p = window.map.latLngToContainerPoint([33, 56]); "
                           "return [p.x, p.y]; })()")  # central Iran
    box = page.locator(MAP_IFRAME).first.bounding_box()
    before = len(sent)
    page.mouse.click(box["x"] + point[0], box["y"] + point[1])
    page.get_by_text("Iran: profile").wait_for(timeout=30000)
    wait_until_rendered(page)
    assert len(sent) > before  # a click on a country is the one thing that reruns the page
    assert "profile=IRN" in page.url  # the code, as presenter links have it
    body = page.locator("[data-testid='stMainBlockContainer']").inner_text()
    for figure in ("5,894 km", "2,440 km", "IOM Iran", "13", "7 land neighbours and 8 more across the sea"):
        assert figure in body
    borders = map_frame(page, 1)
    assert page.locator(".crossings-legend").nth(1).inner_text().startswith("Iran")
    # each map's frame is named for what it shows, never 'streamlit_folium.st_folium'
    page.wait_for_function(f"document.querySelectorAll(\"{MAP_IFRAME}\")[1].title.startsWith('Map of Iran')")
    titles = [frame.get_attribute("title") for frame in page.locator(MAP_IFRAME).all()]
    assert titles == ["Map of activity: countries shaded by events hosted; click a country for its profile",
                      "Map of Iran's borders: land neighbours by length of border, neighbours across the sea "
                      "dashed"]
    assert borders.evaluate("window.map.getZoom()") >= 3
    page.wait_for_timeout(800)
    page.mouse.move(5, 5)
    page.screenshot(path=str(screenshot_dir / "map-iran-profile.png"))
    assert_offline_and_clean(page, record)
    page.context.close()


def test_funder_japan_leaves_niamey_and_the_g5_sahel(app_server, browser):
    page, record, frame, _ = open_map(browser, app_server.url, "?funder=GOV-JPN")
    assert frame.evaluate(SHADED) == ["BFA", "MLI", "MRT", "NER", "TCD"]
    assert frame.locator(".crossings-event").count() == 1
    assert frame.locator(".crossings-cluster").count() == 0
    assert frame.locator(".crossings-event").get_attribute("title") == (
        "Regional workshop on coordinated border management, Niamey")
    assert_offline_and_clean(page, record)
    page.context.close()


def test_html_in_the_data_shows_as_text(browser, data_copy, tmp_path):
    title = 'Workshop <img src=x onerror="window.injected=1"> <b>bold</b> `${window.injected=2}`'
    set_cell(data_copy / "events.csv", "event_id", "EV-2015-NIAMEY", "title", title)
    set_cell(data_copy / "countries.csv", "iso3", "NER", "name", "Niger <i>it</i>")
    with run_app(tmp_path, env={"CROSSINGS_DATA_DIR": str(data_copy)}) as server:
        page, record, frame, _ = open_map(browser, server.url)
        frame.evaluate("window.map.setView([13.5, 2.1], 6, {animate: false})")
        page.wait_for_timeout(800)
        frame.locator(".crossings-event").first.click()
        heading = frame.locator(".leaflet-popup-content h4")
        heading.wait_for()
        assert heading.inner_text() == title
        assert frame.locator(".leaflet-popup-content img, .leaflet-popup-content b").count() == 0
        niger = frame.evaluate("""(() => { let tip = null; window.map.eachLayer(layer => {
            const p = layer.feature && layer.feature.properties;
            if (p && p.iso3 === "NER" && layer.getTooltip()) { tip = layer.getTooltip().getContent(); }
        }); const div = document.createElement("div"); div.innerHTML = tip; return div.textContent; })()""")
        assert niger.startswith("Niger <i>it</i>")
        assert frame.evaluate("window.injected") is None
        assert_offline_and_clean(page, record)
        page.context.close()


def test_a_group_of_events_leaves_jordan_s_colour_in_view(app_server, browser):
    """Jordan, the only country in the darkest class, lies under the group of its events: the
    group is a ring, and inside it Jordan's own colour shows."""
    page, record, frame, _ = open_map(browser, app_server.url, height=720)
    fill = frame.evaluate("""() => { let colour = null; window.map.eachLayer(layer => {
        const p = layer.feature && layer.feature.properties;
        if (p && p.kind === "country" && p.iso3 === "JOR" && layer.setStyle) {
            colour = layer.options.fillColor;
        }
    }); return colour; }""")
    amman = frame.evaluate("(() => { const p = window.map.latLngToContainerPoint([31.95, 35.93]); "
                           "return [p.x, p.y]; })()")
    frame_box = page.locator(MAP_IFRAME).first.bounding_box()
    rings = [r.bounding_box() for r in frame.locator(".crossings-cluster span").all()]
    ring = min(rings, key=lambda r: abs(r["x"] - frame_box["x"] + r["width"] / 2 - amman[0])
               + abs(r["y"] - frame_box["y"] + r["height"] / 2 - amman[1]))
    shot = Image.open(io.BytesIO(page.locator(MAP_IFRAME).first.screenshot())).convert("RGB")
    left, top = ring["x"] - frame_box["x"], ring["y"] - frame_box["y"]
    centre_x, centre_y, radius = left + ring["width"] / 2, top + ring["height"] / 2, ring["width"] / 2 - 4
    inside = [shot.getpixel((round(centre_x + x), round(centre_y + y)))  # within the ring's border
              for x in range(-12, 13) for y in range(-12, 13) if x * x + y * y < radius * radius]
    target = tuple(int(fill.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    near = [p for p in inside if sum(abs(a - b) for a, b in zip(p, target, strict=True)) < 40]
    assert len(near) >= len(inside) * 0.15, (fill, len(near), len(inside))  # a solid disc: none
    assert_offline_and_clean(page, record)
    page.context.close()


def test_the_first_click_low_on_the_map_opens_the_country_at_1280x720(app_server, browser):
    """The map's foot is below the fold at 1280x720: a click on Niger must open its profile at
    once, not scroll the page under the pointer (Leaflet focuses the map on the first click)."""
    page, record = offline_page(browser, app_server.url, 1280, 720)
    page.goto(f"{app_server.url}/map")
    wait_until_rendered(page)
    frame = map_frame(page)
    page.wait_for_timeout(800)
    point = frame.evaluate("(() => { const p = window.map.latLngToContainerPoint([17, 9]); "
                           "return [p.x, p.y]; })()")  # Niger
    box = page.locator(MAP_IFRAME).first.bounding_box()
    assert box["y"] + box["height"] > 720  # the map's foot is below the fold
    main = "document.querySelector('[data-testid=stMain]').scrollTop"
    before = page.evaluate(main)
    page.mouse.click(box["x"] + point[0], box["y"] + point[1])
    page.wait_for_url("**/map?profile=NER", timeout=30000)
    wait_until_rendered(page)
    assert page.get_by_text("Niger: profile").count() == 1
    assert page.evaluate(main) == before
    assert_offline_and_clean(page, record)
    page.context.close()
