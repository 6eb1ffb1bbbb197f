"""The app in French and Arabic in a real browser with no network: the browser's language as
the default, Arabic mirrored (the document right to left, the sidebar on the right), every page
in Arabic at 1280x720 with a screenshot to look at."""

from __future__ import annotations

import pytest

from components.pages import PAGES
from devtools.browser import offline_page, wait_until_rendered
from tests.browser.test_pages_offline import page_url

pytestmark = pytest.mark.browser


def _box(page, selector: str) -> dict:
    return page.locator(selector).first.bounding_box()


def test_a_browser_in_french_opens_the_app_in_french(app_server, browser):
    page, record = offline_page(browser, app_server.url, 1280, 720, locale="fr-FR")
    page.goto(app_server.url + "/")
    wait_until_rendered(page)
    assert page.evaluate("document.documentElement.lang") == "fr"
    assert page.locator("[data-testid='stSidebar']").get_by_text("Carte", exact=True).count() == 1
    assert "lang=fr" in page.url  # a copied link opens in French for anyone
    assert record.blocked == [] and record.console_errors == []
    page.context.close()


def test_arabic_is_laid_out_right_to_left(app_server, browser, screenshot_dir):
    page, record = offline_page(browser, app_server.url, 1280, 720)
    page.goto(app_server.url + "/map?lang=ar&country=JOR")
    wait_until_rendered(page, extra_ms=1500)
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("document.documentElement.lang") == "ar"
    sidebar, main = _box(page, "[data-testid='stSidebar']"), _box(page, "[data-testid='stMain']")
    assert sidebar["x"] > main["x"]  # the sidebar is on the right
    assert "country=JOR" in page.url and "lang=ar" in page.url
    page.screenshot(path=str(screenshot_dir / "map-ar-rtl.png"))
    assert record.blocked == [] and record.console_errors == []
    page.context.close()


@pytest.mark.parametrize("spec", PAGES, ids=[p.url_path for p in PAGES])
def test_every_page_in_arabic(spec, app_server, browser, screenshot_dir):
    """Right to left is what a browser can get wrong; French runs every page in AppTest and in
    the accessibility check (French Budget page)."""
    code = "ar"
    page, record = offline_page(browser, app_server.url, 1280, 720)
    page.goto(page_url(app_server.url, spec) + f"?lang={code}")
    wait_until_rendered(page)
    page.screenshot(path=str(screenshot_dir / f"{spec.url_path}-{code}.png"))
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.evaluate("document.documentElement.dir") == ("rtl" if code == "ar" else "ltr")
    assert record.blocked == [] and record.http_errors == [] and record.console_errors == []
    page.context.close()
