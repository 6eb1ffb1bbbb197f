"""Every page in a real browser with no network: it renders, raises nothing, logs no console
error and asks for nothing outside the machine."""

from __future__ import annotations

import pytest

from components.pages import PAGES
from devtools.browser import offline_page, run_app, wait_until_rendered

pytestmark = pytest.mark.browser


def page_url(base: str, spec) -> str:
    """The default page lives at the root; the others at their url_path."""
    return base + "/" if spec is PAGES[0] else f"{base}/{spec.url_path}"


@pytest.mark.parametrize("spec", PAGES, ids=[p.url_path for p in PAGES])
def test_page_renders_offline(spec, app_server, browser, screenshot_dir):
    page, record = offline_page(browser, app_server.url)
    page.goto(page_url(app_server.url, spec))
    wait_until_rendered(page)
    page.screenshot(path=str(screenshot_dir / f"{spec.url_path}.png"), full_page=True)
    assert page.locator("[data-testid='stException']").count() == 0
    assert record.console_errors == []
    assert record.http_errors == []
    assert record.blocked == []
    assert app_server.outbound() == []  # nor did the server, running the page, try to leave
    assert page.get_by_text("Filters", exact=True).count() >= 1
    page.context.close()


def test_deep_link_opens_the_same_view(app_server, browser):
    page, record = offline_page(browser, app_server.url)
    page.goto(f"{app_server.url}/?funder=GOV-JPN")
    wait_until_rendered(page)
    assert page.get_by_text("Funder: Japan").first.is_visible()
    assert "funder=GOV-JPN" in page.url
    assert record.blocked == []
    page.context.close()


# Records, from the first moment, Streamlit's own page list and every link the sidebar shows.
WATCH_THE_SIDEBAR = r"""
window.crossingsSeen = {streamlitList: false, links: []};
new MutationObserver(() => {
  if (document.querySelector('[data-testid="stSidebarNav"], [data-testid="stSidebarNavItems"]')) {
    window.crossingsSeen.streamlitList = true;
  }
  document.querySelectorAll('[data-testid="stSidebar"] a').forEach((link) => {
    const label = link.cloneNode(true);  // the words, without the icon's name
    label.querySelectorAll('[data-testid="stIconMaterial"]').forEach((icon) => icon.remove());
    const text = label.textContent.trim();
    if (text && !window.crossingsSeen.links.includes(text)) { window.crossingsSeen.links.push(text); }
  });
}).observe(document, {subtree: true, childList: true, characterData: true});
"""


@pytest.mark.skipif(len(PAGES) < 2, reason="needs a page besides the default one")
@pytest.mark.parametrize("spec", [PAGES[1], next(p for p in PAGES if p.url_path == "presenter")],
                         ids=lambda spec: spec.url_path)
def test_first_visit_to_a_fresh_server_by_deep_link(spec, browser, tmp_path):
    """Streamlit's older pages-folder mode would run the page without app.py's frame; the page's
    guard must bring the frame (sidebar, filters) back, and nobody may see, even for a moment,
    Streamlit's list of the files in pages/ ('app', 'import data', ...)."""
    with run_app(tmp_path) as fresh:
        page, record = offline_page(browser, fresh.url)
        page.add_init_script(WATCH_THE_SIDEBAR)
        page.goto(f"{fresh.url}/{spec.url_path}?funder=GOV-JPN")
        wait_until_rendered(page)
        # a cold server may still be switching to app.py's frame when the first run settles
        if spec.url_path == "presenter":  # no sidebar: the slide names the filters
            slide = page.locator("[data-testid='stMain']")
            slide.get_by_text("Showing: Funder: Japan", exact=True).wait_for(timeout=30000)
        else:
            page.get_by_text("Filters", exact=True).first.wait_for(timeout=30000)
            assert page.get_by_text("Funder: Japan").first.is_visible()
        assert f"/{spec.url_path}" in page.url
        assert record.console_errors == []
        assert record.blocked == []  # a :material: page icon must not become a fetched favicon
        assert page.locator("[data-testid='stException']").count() == 0
        seen = page.evaluate("window.crossingsSeen")
        assert not seen["streamlitList"]
        assert set(seen["links"]) <= {p.title for p in PAGES}, seen["links"]
        page.context.close()
