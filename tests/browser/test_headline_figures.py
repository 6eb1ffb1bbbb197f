"""Headline figures stay on one line in English, French and Arabic (issue 19): at 1280x720 the
Overview's and Budget's figures of the data the app ships broke in two in Arabic ('437.4 /
مليون') and French ('146 sur / 163'). On a phone the boxes stack and a figure still never breaks
inside itself. Measured in the browser: each figure's lines of text and its box."""

from __future__ import annotations

import pytest

from devtools.browser import offline_page, run_app, wait_until_rendered
from tests.conftest import BUNDLED_DATA_DIR

pytestmark = pytest.mark.browser

# Each headline figure: its text, how many lines it is drawn on, and whether it overruns its box.
FIGURES = """() => [...document.querySelectorAll('[data-testid="stMetricValue"]')].map((value) => {
  const tops = new Set(), walker = document.createTreeWalker(value, NodeFilter.SHOW_TEXT);
  let left = Infinity, right = -Infinity;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const range = document.createRange(); range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      if (r.width > 0) {
        tops.add(Math.round(r.top)); left = Math.min(left, r.left); right = Math.max(right, r.right);
      }
    }
  }
  const box = value.closest('[data-testid="stMetric"]').getBoundingClientRect();
  return {text: value.textContent.trim(), lines: tops.size,
          inside: left >= box.left - 1 && right <= box.right + 1};
})"""


@pytest.fixture(scope="module")
def shipped_app(tmp_path_factory):
    """The app on the data it ships: its funding runs to hundreds of millions."""
    env = {"CROSSINGS_DATA_DIR": str(BUNDLED_DATA_DIR)}
    with run_app(tmp_path_factory.mktemp("shipped"), env=env) as server:
        yield server


@pytest.mark.parametrize("path", ["/", "/budget"], ids=["overview", "budget"])
@pytest.mark.parametrize("code, width, height", [("en", 1280, 720), ("fr", 1280, 720), ("ar", 1280, 720),
                                                 ("ar", 390, 844)], ids=["en", "fr", "ar", "ar-phone"])
def test_headline_figures_stay_on_one_line(shipped_app, browser, screenshot_dir, path, code, width, height):
    page, record = offline_page(browser, shipped_app.url, width, height)
    page.goto(f"{shipped_app.url}{path}?lang={code}")
    wait_until_rendered(page)
    page.wait_for_selector("[data-testid='stMetricValue']")
    figures = page.evaluate(FIGURES)
    page.screenshot(path=str(screenshot_dir / f"headline-{path.strip('/') or 'overview'}-{code}-{width}.png"))
    assert len(figures) >= 4
    broken = [figure["text"] for figure in figures if figure["lines"] != 1 or not figure["inside"]]
    assert broken == [], figures
    assert record.blocked == [] and record.console_errors == []
    page.context.close()


def test_a_closed_sidebar_leaves_nothing_over_an_arabic_page_on_a_phone(shipped_app, browser, screenshot_dir):
    """Streamlit slides a closed sidebar off to the left; from the right edge of a right-to-left
    page that left a 90 px strip of it, its words squeezed, over the Overview at 390 px."""
    page, record = offline_page(browser, shipped_app.url, 390, 844)
    page.goto(f"{shipped_app.url}/?lang=ar")
    wait_until_rendered(page, extra_ms=1500)
    page.screenshot(path=str(screenshot_dir / "overview-ar-390.png"))
    covered = page.evaluate("""() => { const hits = [];
      for (let x = 2; x < 390; x += 8) for (let y = 100; y < 840; y += 40) {
        const el = document.elementFromPoint(x, y);
        if (el && el.closest('[data-testid="stSidebar"]')) hits.push([x, y]);
      } return hits; }""")
    assert covered == []
    page.locator("[data-testid='stExpandSidebarButton']").click()  # opened, it shows whole
    page.wait_for_timeout(1000)
    page.screenshot(path=str(screenshot_dir / "overview-ar-390-sidebar.png"))
    sidebar = page.locator("[data-testid='stSidebar']").bounding_box()
    assert sidebar["width"] > 250 and sidebar["x"] >= -1 and sidebar["x"] + sidebar["width"] <= 391
    assert page.get_by_text("عوامل التصفية").first.is_visible()
    assert record.blocked == [] and record.console_errors == []
    page.context.close()
