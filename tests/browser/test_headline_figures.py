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
