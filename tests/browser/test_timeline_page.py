"""The Participation timeline in a real browser with no network: its three charts draw, hover
labels give an event's dates, place and source, and the page's choices are kept in the link."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageStat
from playwright.sync_api import expect

from devtools.browser import offline_page, wait_until_rendered

pytestmark = pytest.mark.browser

CHARTS = "[data-testid='stPlotlyChart'] .js-plotly-plot"


def open_timeline(browser, app_server, query: str = ""):
    page, record = offline_page(browser, app_server.url)
    page.goto(f"{app_server.url}/timeline{query}")
    wait_until_rendered(page, extra_ms=1500)
    page.wait_for_selector(f"{CHARTS} .main-svg", timeout=30000)
    return page, record


def chart_text(page, index: int) -> str:
    return page.locator(CHARTS).nth(index).inner_text()


def bar_is_painted(page, chart) -> bool:
    """The tallest bar's middle, as the screen shows it, is not (near) white."""
    boxes = [b for b in (path.bounding_box() for path in chart.locator(".barlayer path").all()) if b]
    box = max(boxes, key=lambda b: b["height"])
    clip = {"x": box["x"] + box["width"] / 2 - 8, "y": box["y"] + box["height"] / 2 - 8,
            "width": 16, "height": 16}
    image = Image.open(io.BytesIO(page.screenshot(clip=clip))).convert("L")
    return ImageStat.Stat(image).mean[0] < 200


def test_timeline_draws_offline(app_server, browser, screenshot_dir):
    page, record = open_timeline(browser, app_server)
    assert page.locator(CHARTS).count() == 3  # timeline, participants per period, heatmap
    timeline = chart_text(page, 0)
    for label in ("Projects", "Events by topic", "G5 Sahel CBM", "JEMPAS II", "end not known", "Sources:"):
        assert label in timeline
    assert "2021 Q3" not in chart_text(page, 1)  # per year by default
    assert "Jordan" in chart_text(page, 2)
    # listed beside the chart, not dropped
    assert page.get_by_text("migration management and border governance, Iran").first.is_visible()
    page.screenshot(path=str(screenshot_dir / "timeline-top.png"))
    assert page.locator("[data-testid='stException']").count() == 0
    assert record.console_errors == []
    assert record.http_errors == []
    assert record.blocked == []
    page.context.close()


def test_hover_shows_dates_place_participants_and_source(app_server, browser):
    page, record = open_timeline(browser, app_server)
    timeline = page.locator(CHARTS).first
    timeline.scroll_into_view_if_needed()
    labels = []
    points = timeline.locator(".scatterlayer path.point")
    for index in range(points.count()):
        point = points.nth(index)
        if not point.is_visible():
            continue
        point.hover(force=True)
        page.wait_for_timeout(150)
        labels.append(timeline.locator(".hoverlayer").text_content() or "")
    cairo = next(text for text in labels if "27–29 July 2021" in text)
    for expected in ("Cairo, Egypt", "55 senior Ministry of Interior officials", "NAUSS",
                     "APO Group on behalf of IOM (2021)"):
        assert expected in cairo
    assert any("23 April 2018 (date inferred by the curators)" in text for text in labels)
    assert record.blocked == []
    page.context.close()


def test_choices_are_kept_in_the_link(app_server, browser):
    page, record = open_timeline(browser, app_server, "?colour=organiser&per=quarter")
    assert "Events by organiser" in chart_text(page, 0)
    assert "2021 Q3" in chart_text(page, 1)
    page.get_by_role("radio", name="Participating country").click()
    expect(page.locator(CHARTS).nth(1)).to_contain_text("Not given per country", timeout=30000)
    wait_until_rendered(page)
    assert "by=participant" in page.url and "per=quarter" in page.url
    assert bar_is_painted(page, page.locator(CHARTS).nth(1))  # the hatched block is visible
    assert page.get_by_text("shown as one hatched block", exact=False).first.is_visible()
    assert record.console_errors == []
    assert record.blocked == []
    page.context.close()
