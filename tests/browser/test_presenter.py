"""Presenter mode in headless Chromium with no network, at a projector's 1280x720 and a
1920x1080 screen: one slide fills the screen without scrolling, no chrome, large type, keys
and buttons move between slides, and the deck downloads from the current filters."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from pptx import Presentation

from crossings.exports.images import EXPORT_SIZE
from crossings.exports.slides import SLIDE_KEYS
from devtools.browser import offline_page, run_app, wait_until_rendered
from tests.browser.test_hostile_offline import assert_nothing_ran, open_watched

pytestmark = pytest.mark.browser

VIEWPORTS = [(1280, 720), (1920, 1080)]
TITLE = ".st-key-slide_title h1"
CONTROLS = ".st-key-presenter_controls"


def open_presenter(browser, base_url: str, query: str = "", size=(1280, 720)):
    page, record = offline_page(browser, base_url, *size)
    page.goto(f"{base_url}/presenter{query}")
    wait_until_rendered(page)
    page.wait_for_selector(CONTROLS, timeout=30000)  # drawn last: the slide above is complete
    page.wait_for_timeout(600)  # the chart or map picture settles
    return page, record


def inside(box, width: int, height: int) -> bool:
    return (box is not None and box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= width
            and box["y"] + box["height"] <= height)


@pytest.mark.parametrize("size", VIEWPORTS, ids=[f"{w}x{h}" for w, h in VIEWPORTS])
@pytest.mark.parametrize("number", range(1, len(SLIDE_KEYS) + 1), ids=SLIDE_KEYS)
def test_each_slide_fits_the_screen_offline(app_server, browser, screenshot_dir, size, number):
    width, height = size
    page, record = open_presenter(browser, app_server.url, f"?slide={number}", size)
    page.screenshot(path=str(screenshot_dir / f"presenter-{width}x{height}-{SLIDE_KEYS[number - 1]}.png"))
    assert page.locator("[data-testid='stException']").count() == 0
    assert record.console_errors == []
    assert record.blocked == []
    assert record.http_errors == []
    # no chrome: sidebar, header and toolbar hidden
    for chrome in ("stSidebar", "stHeader", "stToolbar"):
        assert not page.locator(f"[data-testid='{chrome}']").first.is_visible()
    # one screen: nothing to scroll, title, source line and controls all in view
    scroll_height = page.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
    assert scroll_height <= height + 1
    for selector in (TITLE, ".st-key-slide_source", CONTROLS, ".st-key-slide_body"):
        assert inside(page.locator(selector).bounding_box(), width, height), selector
    # the body does not run under the source line
    body, source = page.locator(".st-key-slide_body").bounding_box(), \
        page.locator(".st-key-slide_source").bounding_box()
    assert body["y"] + body["height"] <= source["y"] + 1
    # large type: the title at least 32 px on a projector, the source line still readable
    assert float(page.eval_on_selector(TITLE, "e => parseFloat(getComputedStyle(e).fontSize)")) >= 32
    source_px = page.eval_on_selector(".st-key-slide_source [data-testid='stCaptionContainer']",
                                      "e => parseFloat(getComputedStyle(e).fontSize)")
    assert float(source_px) >= 13
    assert page.get_by_text("Sources: ", exact=False).first.is_visible()
    # the title's letters (their font box, descenders included) clear the 'Showing:' line under it
    title_bottom, subtitle_top = page.evaluate(TITLE_AND_SUBTITLE)
    assert subtitle_top - title_bottom >= 4
    page.context.close()


# Where the title's text ends and the subtitle's begins, by the boxes of the text itself.
TITLE_AND_SUBTITLE = """() => {
  const text = (element) => { const range = document.createRange(); range.selectNodeContents(element);
                              return range.getBoundingClientRect(); };
  const subtitle = [...document.querySelectorAll('.st-key-slide_title p')]
    .find((p) => p.textContent.startsWith('Showing'));
  return [text(document.querySelector('.st-key-slide_title h1')).bottom, text(subtitle).top];
}"""


def settled_on(page, number: int) -> str:
    """Wait for the rerun a move starts to finish on slide `number`; return the slide's title."""
    page.wait_for_function(f"new URL(location.href).searchParams.get('slide') === '{number}'")
    page.locator(CONTROLS).get_by_text(f"{number} / {len(SLIDE_KEYS)}").wait_for()
    wait_until_rendered(page, extra_ms=300)
    return page.locator(TITLE).inner_text()


def test_keys_and_buttons_move_between_slides(app_server, browser):
    page, record = open_presenter(browser, app_server.url, "?funder=EU")
    titles = [page.locator(TITLE).inner_text()]
    page.keyboard.press("ArrowRight")
    titles.append(settled_on(page, 2))
    assert titles == ["Border-management activity at a glance", "Where activity took place"]
    assert "funder=EU" in page.url
    page.keyboard.press("ArrowLeft")
    assert settled_on(page, 1) == titles[0]
    page.keyboard.press("PageDown")  # what a presentation clicker sends
    assert settled_on(page, 2) == titles[1]
    page.keyboard.press("PageUp")
    assert settled_on(page, 1) == titles[0]
    page.locator(".st-key-presenter_next button").click()
    assert settled_on(page, 2) == titles[1]
    page.locator(".st-key-presenter_previous button").click()
    assert settled_on(page, 1) == titles[0]
    assert page.locator(".st-key-slide_title").get_by_text("Showing: Funder: EU").is_visible()
    assert record.blocked == [] and record.console_errors == []
    page.context.close()


def test_arabic_keys_go_the_way_the_mirrored_buttons_point(app_server, browser):
    """Right to left, "Next" sits on the left of "Previous" with its arrow pointing left: the left
    arrow key goes forward, the right one back, and each button's key hint says so."""
    page, record = open_presenter(browser, app_server.url, "?lang=ar&slide=2")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    previous = page.locator(".st-key-presenter_previous button")
    following = page.locator(".st-key-presenter_next button")
    assert following.bounding_box()["x"] < previous.bounding_box()["x"]
    hints = [page.locator(f".st-key-presenter_{name} kbd").inner_text() for name in ("previous", "next")]
    assert hints == ["→", "←"]  # the key Streamlit shows on each button
    page.keyboard.press("ArrowLeft")
    settled_on(page, 3)
    page.keyboard.press("ArrowRight")
    settled_on(page, 2)
    page.keyboard.press("ArrowRight")
    settled_on(page, 1)
    page.keyboard.press("PageDown")  # a clicker's keys do not depend on the direction
    settled_on(page, 2)
    following.click()
    settled_on(page, 3)
    assert "lang=ar" in page.url
    assert record.blocked == [] and record.console_errors == []
    page.context.close()


def test_the_deck_downloads_from_the_current_filters(app_server, browser):
    page, record = open_presenter(browser, app_server.url, "?funder=GOV-JPN")
    page.get_by_role("button", name="Take away").click()
    with page.expect_download(timeout=120000) as download:
        page.get_by_role("button", name="All slides as PowerPoint").click()
    deck = Presentation(io.BytesIO(download.value.path().read_bytes()))
    assert len(deck.slides) == len(SLIDE_KEYS)
    subtitles = {shape.text_frame.text for slide in deck.slides for shape in slide.shapes
                 if shape.name == "subtitle"}
    assert subtitles == {"Showing: Funder: Japan"}
    with page.expect_download(timeout=120000) as download:
        page.get_by_role("button", name="This slide as PNG").click()
    assert download.value.suggested_filename.endswith("-headline.png")
    image = Image.open(io.BytesIO(download.value.path().read_bytes()))
    assert image.size == EXPORT_SIZE
    assert record.blocked == []
    page.context.close()


def test_leaving_presenter_mode_keeps_the_filters(app_server, browser):
    page, _ = open_presenter(browser, app_server.url, "?funder=GOV-JPN&slide=2")
    page.get_by_text("Leave presenter mode").click()
    page.wait_for_selector("[data-testid='stSidebar']", state="visible")
    wait_until_rendered(page)
    assert "funder=GOV-JPN" in page.url
    assert page.locator("[data-testid='stSidebar']").get_by_text("Funder: Japan").is_visible()
    page.context.close()


def test_a_link_to_a_slide_on_a_freshly_started_server(browser, tmp_path):
    """The first visit to a new server by a deep link goes through the frame guard, which must
    keep the link's slide and filters."""
    with run_app(tmp_path) as fresh:
        page, record = open_presenter(browser, fresh.url, "?funder=GOV-JPN&slide=2")
        assert page.locator(TITLE).inner_text() == "Where activity took place"
        assert page.locator(".st-key-slide_title").get_by_text("Showing: Funder: Japan").is_visible()
        assert "slide=2" in page.url and "funder=GOV-JPN" in page.url
        assert record.blocked == []  # the page's :material: icon never becomes a fetched favicon
        assert record.console_errors == []
        page.context.close()


@pytest.mark.parametrize("number", range(1, len(SLIDE_KEYS) + 1), ids=SLIDE_KEYS)
def test_every_slide_on_hostile_data_runs_nothing(hostile_app, browser, number):
    """Jordan's name, Japan's acronym, a topic, a project and a source publisher are hostile
    text in this copy of the data: every slide shows them as text and runs nothing."""
    server, _ = hostile_app
    page, record, dialogs = open_watched(browser, f"{server.url}/presenter?slide={number}&profile=JOR")
    page.wait_for_selector(CONTROLS, timeout=30000)
    assert_nothing_ran(page, record, dialogs)
    page.context.close()
