"""The Budget page in headless Chromium with no network: both charts draw, the hover label
shows the amount as the source gives it, and the CSV download holds exactly the rows shown."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from crossings.exports.tables import csv_bytes
from crossings.views.budget import funding_lines, funding_table
from crossings.views.filtered_view import apply_filters
from crossings.views.filters import FilterState
from devtools.browser import offline_page, run_app, wait_until_rendered

pytestmark = pytest.mark.browser


def open_budget(browser, base_url: str, query: str = ""):
    page, record = offline_page(browser, base_url)
    page.goto(f"{base_url}/budget{query}")
    wait_until_rendered(page, extra_ms=500)
    page.wait_for_selector(".js-plotly-plot .bars path", timeout=30000)  # plotly loads lazily
    return page, record


def test_budget_page_draws_offline_in_usd_for_one_funder(app_server, browser, screenshot_dir):
    page, record = open_budget(browser, app_server.url, "?funder=EU&currency=USD")
    page.screenshot(path=str(screenshot_dir / "budget-eu-usd.png"), full_page=True)
    assert page.locator("[data-testid='stException']").count() == 0
    assert record.console_errors == []
    assert record.http_errors == []
    assert record.blocked == []
    assert page.locator(".js-plotly-plot").count() == 2  # who funds what, money over time
    assert page.locator(".js-plotly-plot .bars path").count() >= 2
    assert page.get_by_text("Known funding, USD").first.is_visible()
    assert page.get_by_text("Funding by funder, in USD").first.is_visible()
    assert "currency=USD" in page.url and "funder=EU" in page.url
    page.context.close()


def test_hover_label_shows_the_amount_as_given(app_server, browser):
    page, record = open_budget(browser, app_server.url, "?funder=GOV-JPN")
    chart = page.locator(".js-plotly-plot").first
    box = chart.locator(".bars path").first.bounding_box()  # plotly's drag layer covers the bars
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_timeout(500)
    label = chart.locator(".hoverlayer").text_content()
    # EUR chart; the G5 proposal's USD 1,425,000 at 1.082251 USD per EUR (April 2015)
    assert "EUR 1,316,700.10" in label
    assert "USD 1,425,000" in label
    assert "an estimate" in label
    assert record.blocked == []
    page.context.close()


def test_csv_download_is_exactly_the_rows_shown(app_server, browser, dataset):
    page, _ = open_budget(browser, app_server.url, "?funder=EU")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download CSV").click()
    download = download_info.value
    assert download.suggested_filename == "crossings-funding-eur.csv"
    downloaded = download.path().read_bytes()
    shown = funding_table(funding_lines(apply_filters(dataset, FilterState(funders=("EU",))), "EUR"), "EUR")
    assert downloaded == csv_bytes(shown)
    rows = pd.read_csv(io.BytesIO(downloaded), encoding="utf-8-sig")
    assert sorted(rows["Funding line"]) == [
        "F-JEMPAS1-EU", "F-JEMPAS2-AMIF", "F-JEMPAS2-ISFP", "F-JORSYR-ICSP"]
    assert rows["Funder"].unique().tolist() == ["EU"]
    page.context.close()


def test_first_visit_by_deep_link_fetches_nothing_from_outside(browser, tmp_path):
    """On a fresh server the page runs before app.py; its icon must not send the browser to
    Google's font servers for a favicon."""
    with run_app(tmp_path) as fresh:
        page, record = open_budget(browser, fresh.url)
        assert page.get_by_text("Filters", exact=True).count() >= 1
        assert page.locator(".js-plotly-plot").count() == 2
        assert record.blocked == []
        assert record.console_errors == []
        page.context.close()
