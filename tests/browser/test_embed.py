"""Embeds and titles in a real browser with no network: a figure alone in a frame of the size the
iframe code gives, and each page's browser title naming the page and its filters."""

from __future__ import annotations

import pytest

from devtools.browser import offline_page, wait_until_rendered

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("name", "path", "width", "height"), [
    ("map", "map?embed=true&figure=map&height=500&country=JOR", 800, 500),
    ("funding", "budget?embed=true&figure=funding&height=600", 640, 600),
    ("timeline", "timeline?embed=true&figure=timeline&height=600", 900, 600),
])
def test_an_embed_is_its_figure_alone_in_its_frame(name, path, width, height, app_server, browser,
                                                    screenshot_dir):
    page, record = offline_page(browser, app_server.url, width=width, height=height)
    page.goto(f"{app_server.url}/{path}")
    wait_until_rendered(page, extra_ms=1500)
    page.screenshot(path=str(screenshot_dir / f"embed-{name}.png"))
    assert page.locator("[data-testid='stSidebar']").count() == 0
    assert not page.locator("[data-testid='stHeader']").is_visible()
    assert page.locator("[data-testid='stExpander'], [data-testid='stHeading']").count() == 0
    figures = page.locator(".stPlotlyChart, iframe")
    assert figures.count() == 1 and figures.first.is_visible()
    box = figures.first.bounding_box()
    assert box["y"] < 20 and box["width"] >= width - 40  # at the top, the frame's width
    # the figure and its caption fill the frame without running far past it
    assert page.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight") <= height + 40
    assert record.blocked == [] and record.console_errors == [] and record.http_errors == []
    page.context.close()


def test_the_browser_title_names_the_page_and_its_filters(app_server, browser):
    page, record = offline_page(browser, app_server.url)
    page.goto(f"{app_server.url}/map?funder=GOV-JPN")
    wait_until_rendered(page)
    assert page.title() == "Map · Funder: Japan · Crossings"
    page.goto(f"{app_server.url}/budget?from=2016&to=2016")
    wait_until_rendered(page)
    assert page.title() == "Budget · 2016 · Crossings"
    assert record.blocked == []
    page.context.close()


def test_the_iframe_code_names_this_server(app_server, browser):
    page, _record = offline_page(browser, app_server.url)
    page.goto(f"{app_server.url}/map?country=JOR")
    wait_until_rendered(page)
    page.get_by_text("Embed this figure on another site").click()
    code = page.locator("[data-testid='stTextArea'] textarea").first
    code.wait_for(state="attached")
    assert f'src="{app_server.url}/map?embed=true&figure=map&height=500&country=JOR"' in code.input_value()
    page.context.close()


def test_the_iframe_code_follows_a_charts_own_rerun(app_server, browser):
    """Show by, a control of the chart's fragment, redraws the chart alone: its embed code is
    drawn in the same fragment, so it says the new choice at once (tests/test_embed.py checks the
    width and height choices)."""
    page, record = offline_page(browser, app_server.url, width=1280, height=720)
    page.goto(f"{app_server.url}/budget")
    wait_until_rendered(page)
    expanders = page.locator("[data-testid='stExpander']")
    funding = expanders.filter(has_text="Embed this figure on another site").first
    funding.locator("summary").click()
    code = funding.locator("[data-testid='stTextArea'] textarea")
    code.wait_for(state="attached")
    assert "figure=funding" in code.input_value() and "budget_by" not in code.input_value()
    page.locator(".st-key-budget_by").get_by_role("radio", name="Instrument", exact=True).click()
    page.wait_for_function("[...document.querySelectorAll('[data-testid=stTextArea] textarea')]"
                           ".some(c => c.value.includes('budget_by=instrument'))", timeout=15000)
    assert record.blocked == []
    page.context.close()
