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


# A map's tooltip and the words in it, in the page's coordinates: [left, top, right, bottom].
TOOLTIP = """() => {
  const tip = document.querySelector('.leaflet-tooltip');
  if (!tip) { return null; }
  const edges = (r) => [r.left, r.top, r.right, r.bottom];
  const words = document.createRange();
  words.selectNodeContents(tip);
  const hidden = [tip, ...tip.querySelectorAll('*')].some((el) => {
    const style = getComputedStyle(el);
    return style.textOverflow === 'ellipsis' || (el.scrollWidth > el.clientWidth + 1 &&
      (style.overflowX === 'hidden' || style.overflowX === 'clip'));
  });
  return {tip: edges(tip.getBoundingClientRect()), words: edges(words.getBoundingClientRect()),
          map: edges(window.map.getContainer().getBoundingClientRect()), hidden,
          text: tip.textContent};
}"""

# Countries of the map whose middle is in view, as [iso3, x, y, name] in the map's own pixels.
COUNTRY_POINTS = """() => {
  const size = window.map.getSize(), found = [];
  window.map.eachLayer((layer) => {
    const p = layer.feature && layer.feature.properties;
    if (p && p.kind === 'country' && p.tooltip && layer.getBounds) {
      const c = window.map.latLngToContainerPoint(layer.getBounds().getCenter());
      const tip = document.createElement('div');
      tip.innerHTML = p.tooltip;
      const name = (tip.querySelector('b') || tip).textContent;
      const inside = c.x > 4 && c.y > 4 && c.x < size.x - 4 && c.y < size.y - 4;
      if (inside) { found.push([p.iso3, c.x, c.y, name]); }
    }
  });
  return found;
}"""


def test_a_map_tooltip_is_whole_at_1280(app_server, browser, screenshot_dir):
    """At 1280x720 a country's tooltip follows the pointer, beside it: hovering a country near
    the top of the map put half of it past the map's edge. Every tooltip, from a country near
    each edge of the map and one in the middle, shows whole inside the map, nothing cut."""
    page, record = opened(browser, app_server.url, "/map", 1280, 720)
    frame_locator = page.locator("iframe[data-testid='stCustomComponentV1']").first
    page.frame_locator("iframe[data-testid='stCustomComponentV1']").first.locator(
        "path.leaflet-interactive").nth(20).wait_for(state="attached", timeout=30000)
    frame_locator.evaluate("(el) => el.scrollIntoView({block: 'center'})")
    page.wait_for_timeout(800)
    frame = frame_locator.element_handle().content_frame()
    box = frame_locator.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= 720  # the whole map is on screen
    points = frame.evaluate(COUNTRY_POINTS)

    def hover(x: float, y: float):
        page.mouse.move(5, 5)
        page.wait_for_timeout(200)
        page.mouse.move(box["x"] + x, box["y"] + y, steps=4)
        page.wait_for_timeout(400)
        return frame.evaluate(TOOLTIP)

    edges = {"top": lambda p: p[2], "foot": lambda p: -p[2], "left": lambda p: p[1], "right": lambda p: -p[1],
             "Niger": lambda p: p[0] != "NER"}  # with a figure in its tooltip
    seen = {}
    for edge, order in edges.items():
        for iso3, x, y, name in sorted(points, key=order)[:8]:  # the first whose middle is the country's
            shown = hover(x, y)
            if shown is not None and shown["text"].startswith(name):
                seen[edge] = iso3
                break
        else:
            continue
        (left, top, right, bottom), map_edges = shown["tip"], shown["map"]
        assert map_edges[0] <= left and map_edges[1] <= top, (iso3, shown)
        assert right <= map_edges[2] and bottom <= map_edges[3], (iso3, shown)
        words = shown["words"]  # the text inside the tooltip's box, none of it hidden
        assert left <= words[0] and words[2] <= right, (iso3, shown)
        assert top <= words[1] and words[3] <= bottom, (iso3, shown)
        assert not shown["hidden"], (iso3, shown)
        if iso3 == "NER":
            assert "Events hosted: 1" in shown["text"]
            page.screenshot(path=str(screenshot_dir / "map-tooltip-1280x720.png"))
    assert set(seen) == set(edges), seen
    assert record.blocked == [] and record.console_errors == []
    page.context.close()


# Each of the page's data frames: whether its columns fit, and once scrolled to its right edge,
# whether its last column is drawn and the frame itself lies inside the page's main column.
WIDE_TABLES = """async () => {
  const main = document.querySelector('[data-testid="stMainBlockContainer"]').getBoundingClientRect();
  const found = [];
  for (const frame of document.querySelectorAll('[data-testid="stMain"] [data-testid="stDataFrame"]')) {
    const scroller = frame.querySelector('.dvn-scroller');
    const grid = frame.querySelector('[aria-colcount]');
    scroller.scrollLeft = scroller.scrollWidth;
    await new Promise((done) => setTimeout(done, 600));
    const count = grid.getAttribute('aria-colcount');
    const last = grid.querySelector(`[role="columnheader"][aria-colindex="${count}"]`);
    const r = frame.getBoundingClientRect();
    found.push({fits: scroller.scrollWidth <= scroller.clientWidth + 1,
                atEnd: scroller.scrollLeft + scroller.clientWidth >= scroller.scrollWidth - 1,
                last: last ? last.textContent : null,
                inside: r.left >= main.left - 1 && r.right <= main.right + 1});
  }
  return found;
}"""

# st.table cuts what is wider than the page: nothing may be.
TABLES_CUT = """() => [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stTable"]')]
  .filter((t) => t.scrollWidth > t.clientWidth + 1).map((t) => t.textContent.slice(0, 60))"""


@pytest.mark.parametrize("path, last", [
    ("/data", "Source, link"),  # the events: 26 columns
    ("/data?table=sources", "Notes"),
    ("/sources", "Link"),
])
def test_the_last_column_of_a_wide_table_is_reachable_at_1280(app_server, browser, screenshot_dir, path,
                                                                last):
    """At 1280x720 the Data page's tables are wider than the screen: the page says to scroll
    them sideways, and scrolled to its end the table shows its last column; the Sources page's
    tables fit. No table runs past the page's main column."""
    page, record = opened(browser, app_server.url, path, 1280, 720,
                          "[data-testid='stDataFrame'] .dvn-scroller")
    page.set_viewport_size({"width": 1280, "height": 4000})  # every table drawn, none off screen
    page.wait_for_timeout(1500)
    tables = page.evaluate(WIDE_TABLES)
    assert tables, path
    captions = " ".join(page.locator("[data-testid='stCaptionContainer']").all_inner_texts())
    for table in tables:
        assert table["inside"] and table["atEnd"] and table["last"], (path, table)
        assert table["fits"] or "scroll the table sideways" in captions, (path, table)
    assert tables[0]["last"] == last
    assert page.evaluate(TABLES_CUT) == []
    if path == "/data":
        page.set_viewport_size({"width": 1280, "height": 720})
        page.screenshot(path=str(screenshot_dir / "data-scrolled-1280x720.png"))
    assert record.blocked == [] and record.console_errors == []
    page.context.close()
