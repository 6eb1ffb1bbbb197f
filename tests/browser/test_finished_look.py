"""What a page looks like where people see it: nothing cut at 1280x720 (headline values, the
source lines drawn under charts), and at a phone's 390x844 the presenter's slide scrolls to all
its figures and the Budget chart's labels keep apart. Screenshots go to artifacts/screenshots/."""

from __future__ import annotations

from itertools import pairwise

import pytest

from devtools.browser import offline_page, wait_until_rendered

pytestmark = pytest.mark.browser

# Text an element cuts short: its content is wider than its box and the rest is hidden.
CLIPPED_TEXT = """() => [...document.querySelectorAll('[data-testid="stMain"] *')].filter((el) => {
  const text = el.textContent.trim();
  if (!text || text.length > 300 || el.scrollWidth <= el.clientWidth + 1) { return false; }
  const style = getComputedStyle(el);
  return style.overflowX === 'hidden' || style.overflowX === 'clip' || style.textOverflow === 'ellipsis';
}).map((el) => el.textContent.trim().slice(0, 60))"""

# Plotly annotations (source lines, notes) that reach past the left or right of their figure.
ANNOTATIONS_OUTSIDE = """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap((plot) => {
  const box = plot.getBoundingClientRect();
  return [...plot.querySelectorAll('.annotation-text')].filter((note) => {
    const r = note.getBoundingClientRect();
    return r.width && (r.left < box.left - 1 || r.right > box.right + 1);
  }).map((note) => note.textContent.slice(0, 60));
})"""


def opened(browser, base: str, path: str, width: int, height: int, ready: str | None = None):
    page, record = offline_page(browser, base, width, height)
    page.goto(base + path)
    wait_until_rendered(page)
    if ready:
        page.wait_for_selector(ready, timeout=30000)
        page.wait_for_timeout(800)
    return page, record


@pytest.mark.parametrize("path, ready", [
    ("/?kind=training", None),  # six headline figures, one of them 'not given'
    ("/timeline", ".js-plotly-plot .annotation-text"),
    ("/map?profile=IRN", ".js-plotly-plot .annotation-text"),  # Iran's land-border chart
    ("/budget", ".js-plotly-plot .bars path"),
])
def test_nothing_is_cut_at_1280(app_server, browser, screenshot_dir, path, ready):
    page, record = opened(browser, app_server.url, path, 1280, 720, ready)
    page.set_viewport_size({"width": 1280, "height": 4000})  # every element drawn, none off screen
    page.wait_for_timeout(1500)
    assert page.evaluate(CLIPPED_TEXT) == []
    assert page.evaluate(ANNOTATIONS_OUTSIDE) == []
    if path.startswith("/?"):
        values = page.locator("[data-testid='stMetricValue']").all_inner_texts()
        assert "not given" in [" ".join(value.split()) for value in values]
    assert record.blocked == [] and record.console_errors == []
    page.context.close()


def test_a_slide_scrolls_to_every_figure_on_a_phone(app_server, browser, screenshot_dir):
    """At 390x844 the five headline figures stack: the slide scrolls to each, none is cut off."""
    page, record = opened(browser, app_server.url, "/presenter", 390, 844, ".st-key-presenter_controls")
    page.screenshot(path=str(screenshot_dir / "presenter-390x844.png"))
    metrics = page.locator(".st-key-slide_body [data-testid='stMetric']")
    assert metrics.count() == 6  # events, participants, countries, projects, EUR, USD
    for index in range(metrics.count()):
        metric = metrics.nth(index)
        metric.scroll_into_view_if_needed()
        box = metric.bounding_box()
        # what is drawn at the figure's middle is the figure itself, not a cut edge or the page
        hit = page.evaluate("([x, y]) => { const el = document.elementFromPoint(x, y); "
                            "return !!(el && el.closest('[data-testid=stMetric]')); }",
                            [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2])
        assert hit, index
    title, subtitle = page.evaluate("""() => {
      const text = (el) => { const r = document.createRange(); r.selectNodeContents(el);
                             return r.getBoundingClientRect(); };
      const sub = [...document.querySelectorAll('.st-key-slide_title p')]
        .find((p) => p.textContent.startsWith('Showing'));
      return [text(document.querySelector('.st-key-slide_title h1')).bottom, text(sub).top]; }""")
    assert subtitle >= title  # the title, wrapped on a phone, does not run into 'Showing:'
    assert record.blocked == [] and record.console_errors == []
    page.context.close()


def test_budget_labels_keep_apart_on_a_phone(app_server, browser, screenshot_dir):
    page, record = opened(browser, app_server.url, "/budget", 390, 844, ".js-plotly-plot .bars path")
    page.set_viewport_size({"width": 390, "height": 4000})
    page.wait_for_timeout(1500)
    page.screenshot(path=str(screenshot_dir / "budget-390.png"))
    boxes = page.evaluate("""() => [...document.querySelectorAll('.js-plotly-plot')].map((plot) =>
      [...plot.querySelectorAll('.scatterlayer .textpoint text')].map((t) => {
        const r = t.getBoundingClientRect(); return [r.left, r.right, r.top, r.bottom]; }))""")
    for labels in boxes:  # the totals written on each chart
        for first, second in pairwise(labels):
            apart = first[1] <= second[0] + 1 or second[1] <= first[0] + 1 or \
                first[3] <= second[2] + 1 or second[3] <= first[2] + 1
            assert apart, (first, second)
    assert page.evaluate(CLIPPED_TEXT) == []
    titles = page.evaluate("""() => [...document.querySelectorAll('.js-plotly-plot')].map((plot) => {
      const right = plot.getBoundingClientRect().right + 1;
      const legend = plot.querySelector('.legend');
      const under = legend ? legend.getBoundingClientRect().top : Infinity;
      return [...plot.querySelectorAll('.gtitle, .gtitle-subtitle')].every((title) => {
        const box = title.getBoundingClientRect();  // whole, and clear of the legend under it
        return box.right <= right && box.bottom <= under + 1; }); })""")
    assert all(titles)
    assert record.blocked == [] and record.console_errors == []
    page.context.close()
