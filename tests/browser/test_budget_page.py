"""The Budget page in headless Chromium with no network: both charts draw, the hover label
shows the amount as the source gives it, and the CSV download holds exactly the rows shown."""

from __future__ import annotations

import io
import itertools

import pandas as pd
import pytest

from crossings.exports.tables import csv_bytes
from crossings.views.budget import funding_lines, funding_table
from crossings.views.filtered_view import apply_filters
from crossings.views.filters import FilterState
from devtools.browser import offline_page, run_app, wait_until_rendered
from tests.conftest import BUNDLED_DATA_DIR

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


# Each chart's title, subtitle, legend, plot area and yearly totals, as drawn: [left, top, right, bottom].
CHART_BOXES = """() => [...document.querySelectorAll('.js-plotly-plot')].map(chart => {
  const box = el => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const all = selector => [...chart.querySelectorAll(selector)].filter(el => el.textContent.trim()).map(box);
  return {titles: all('.g-gtitle text'), legend: [...chart.querySelectorAll('.legend .traces')].map(box),
          plot: box(chart.querySelector('.nsewdrag')),
          totals: all('.scatterlayer .textpoint text')};
})"""


def overlap(first, second) -> bool:
    return first[0] < second[2] and second[0] < first[2] and first[1] < second[3] and second[1] < first[3]


@pytest.fixture(scope="module")
def shipped_app(tmp_path_factory):
    """The app on the data it ships: fifteen funders, 24 years of money."""
    env = {"CROSSINGS_DATA_DIR": str(BUNDLED_DATA_DIR)}
    with run_app(tmp_path_factory.mktemp("shipped"), env=env) as server:
        yield server


@pytest.mark.parametrize("code, width", [("en", 1280), ("ar", 1280), ("en", 390), ("fr", 390), ("ar", 390)])
def test_titles_legends_and_totals_keep_apart(shipped_app, browser, screenshot_dir, code, width):
    """Issue 19: the legend grew up into the chart's title (Money over time in Arabic at 1280 px,
    both charts on a phone, where it wraps onto many rows), and the 24 yearly totals ran into one
    another. The viewport is tall so that both charts are drawn whole; their width is the page's."""
    page, record = offline_page(browser, shipped_app.url, width=width, height=1600)
    page.goto(f"{shipped_app.url}/budget?lang={code}")
    wait_until_rendered(page, extra_ms=500)
    page.wait_for_selector(".js-plotly-plot .bars path", timeout=30000)
    page.wait_for_timeout(1000)
    charts = page.evaluate(CHART_BOXES)
    for number in range(len(charts)):
        page.locator(".js-plotly-plot").nth(number).screenshot(
            path=str(screenshot_dir / f"budget-chart{number}-{code}-{width}.png"))
    assert len(charts) == 2
    for chart in charts:
        assert chart["titles"] and chart["legend"]
        assert not [(title, entry) for title, entry in itertools.product(chart["titles"], chart["legend"])
                    if overlap(title, entry)]
        assert max(entry[3] for entry in chart["legend"]) <= chart["plot"][1]  # the plot starts below it
        for title in chart["titles"]:
            assert title[3] <= chart["plot"][1]
        totals = sorted(chart["totals"])
        assert not [(a, b) for a, b in itertools.combinations(totals, 2) if overlap(a, b)]
    assert record.blocked == [] and record.console_errors == []
    page.context.close()


def test_seven_yearly_totals_are_written_apart_on_a_phone(app_server, browser):
    """The test data's seven years: their totals ('988 k') have room on a 390 px phone in
    English, and are drawn there, none touching the next."""
    page, record = offline_page(browser, app_server.url, width=390, height=1600)
    page.goto(f"{app_server.url}/budget")
    wait_until_rendered(page, extra_ms=500)
    page.wait_for_selector(".js-plotly-plot .bars path", timeout=30000)
    page.wait_for_timeout(1000)
    totals = sorted(page.evaluate(CHART_BOXES)[1]["totals"])
    assert len(totals) == 7
    assert all(left[2] < right[0] for left, right in itertools.pairwise(totals))
    assert record.blocked == []
    page.context.close()
