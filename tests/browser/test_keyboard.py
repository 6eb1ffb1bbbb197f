"""Keyboard navigation reaches every control: in headless Chromium, offline, Tab is pressed
through a page from its top and every visible control of the main area and the sidebar (buttons,
links, inputs, selects, sliders, toggles, the share button, the tables and the scrolling boxes
that are named as reachable) must have had the focus once. A radio group (a segmented control)
is one stop, as the ARIA pattern has it: Tab reaches its chosen option, arrows the others.

A frame (the map) counts as reached when the focus enters it: what is inside is Leaflet's."""

from __future__ import annotations

import pytest

from devtools.browser import offline_page, wait_until_rendered

pytestmark = pytest.mark.browser

# What a person operates, in the main area and the sidebar. Streamlit's own toolbar buttons
# (fullscreen, download, search of a table), shown only while the pointer is over an element,
# are not visible and so not asked for.
CONTROLS = ("button, a[href], input, select, textarea, summary, [role=button], [role=slider], "
            "[role=combobox], [role=switch], [role=checkbox], [role=tab], [role=link], "
            "[tabindex]:not([tabindex='-1'])")

_MARK = """(selector) => {
  const scopes = document.querySelectorAll('[data-testid=stMain], [data-testid=stSidebar]');
  const found = [];
  scopes.forEach(scope => scope.querySelectorAll(selector).forEach(control => {
    let element = control;
    if (element.closest('[aria-hidden=true], [inert], .crossings-print-only')) return;
    if (element.disabled || element.getAttribute('aria-disabled') === 'true') return;
    if (element.tabIndex < 0 && !['INPUT', 'SELECT', 'TEXTAREA'].includes(element.tagName)) return;
    const box = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    // a control drawn inside another one (a checkbox under its toggle's label) is visible as
    // that one: what counts is that a person sees something to operate
    const shown = (box.width > 1 && box.height > 1) || element.closest('label');
    if (!shown || style.visibility === 'hidden' || style.display === 'none') return;
    if (element.closest('[hidden]')) return;
    // a radio group (a segmented control, the language picker) is one stop: Tab reaches its
    // chosen option and the arrow keys the others, as the ARIA radio group pattern has it
    if (element.getAttribute('role') === 'radio' && element.closest('[role=radiogroup]')) {
      element = element.closest('[role=radiogroup]');
      if (element.dataset.keyboardCheck !== undefined) return;
    }
    element.dataset.keyboardCheck = String(found.length);
    const text = (element.getAttribute('aria-label') || element.innerText || element.value
                  || element.getAttribute('placeholder') || element.outerHTML.slice(0, 80)).trim();
    found.push(element.tagName.toLowerCase() + ': ' + text.slice(0, 60));
  }));
  return found;
}"""

_FOCUSED = """() => {
  let element = document.activeElement;
  if (element && element.tagName === 'IFRAME') return 'frame';
  while (element && element.dataset && element.dataset.keyboardCheck === undefined) {
    element = element.parentElement;  // the focus on a part of a control (a grid's canvas)
  }
  return element && element.dataset ? element.dataset.keyboardCheck ?? null : null;
}"""


def tab_through(page, most: int) -> set[str]:
    """Tab from the top of the page until the focus comes back round (or `most` presses): what
    had the focus."""
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    reached: list[str | None] = []
    for _ in range(most):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED)
        if focused is not None and reached and focused == next((r for r in reached if r is not None), None) \
                and len(set(reached)) > 3:
            break  # round again
        reached.append(focused)
    return {r for r in reached if r is not None}


@pytest.mark.parametrize(("name", "path"), [
    ("map", "map?profile=JOR"),
    ("budget", "budget"),
    ("timeline", "timeline"),
    ("budget-ar", "budget?lang=ar"),
])
def test_tab_reaches_every_control(name, path, app_server, browser, screenshot_dir):
    page, record = offline_page(browser, app_server.url, width=1280, height=720)
    page.goto(f"{app_server.url}/{path}")
    wait_until_rendered(page, extra_ms=2000)
    # a first visit to a deep link runs the page once more through app.py: wait for its sidebar
    page.wait_for_selector("[data-testid='stSidebar'] [data-testid='stTextInput']:visible")
    wait_until_rendered(page, extra_ms=500)
    controls = page.evaluate(_MARK, CONTROLS)
    assert len(controls) > 20, controls  # the sidebar's filters and the page's own
    reached = tab_through(page, most=len(controls) * 3 + 200)
    missed = [text for index, text in enumerate(controls) if str(index) not in reached]
    page.screenshot(path=str(screenshot_dir / f"keyboard-{name}.png"))
    assert missed == [], f"{len(missed)} of {len(controls)} controls never had the focus: {missed}"
    assert record.blocked == []
    page.context.close()
