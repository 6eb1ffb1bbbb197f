"""Copied addresses in a fresh browser with no network: the same page, the same filters, the
same page settings; moving between pages keeps them; what a link got wrong is said."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from devtools.browser import offline_page, run_app, wait_until_rendered

pytestmark = pytest.mark.browser


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlparse(url).query)


def assert_query(page, expected: dict[str, list[str]], timeout_ms: int = 10000) -> None:
    """The address's query parameters, once the app has written them (it does so as it runs)."""
    waited = 0
    while query_of(page.url) != expected and waited < timeout_ms:
        page.wait_for_timeout(200)
        waited += 200
    assert query_of(page.url) == expected


def sidebar(page):
    return page.locator("[data-testid='stSidebar']")


def test_deep_link_to_the_data_page(app_server, browser):
    page, record = offline_page(browser, app_server.url)
    page.goto(f"{app_server.url}/data?funder=GOV-JPN&from=2015&to=2016&table=funding")
    wait_until_rendered(page)
    expect(sidebar(page).get_by_text("Funder: Japan · 2015–2016")).to_be_visible()
    counts = "1 of 9 events · 1 of 5 projects · 1 of 5 funding lines"
    expect(sidebar(page).get_by_text(counts)).to_be_visible()
    main = page.locator("[data-testid='stMain']")
    # the funding table's description, then how many of its rows the filters keep
    expect(main.get_by_text("Funding lines: one amount from one funder", exact=False)).to_be_visible()
    expect(main.get_by_text("1 of 5 rows match the filters", exact=False)).to_be_visible()
    assert urlparse(page.url).path == "/data"
    assert_query(page, {"funder": ["GOV-JPN"], "from": ["2015"], "to": ["2016"],
                                  "table": ["funding"]})
    assert record.blocked == [] and record.console_errors == [] and record.http_errors == []
    page.context.close()


def test_filters_survive_moving_between_pages(app_server, browser):
    page, record = offline_page(browser, app_server.url)
    page.goto(f"{app_server.url}/?country=SDN&kind=workshop")
    wait_until_rendered(page)
    expect(sidebar(page).get_by_text("Country: Sudan · Event kind: workshop")).to_be_visible()
    sidebar(page).get_by_role("link", name="Sources").click()
    page.wait_for_url(re.compile(r"/sources\?"))
    wait_until_rendered(page)
    assert_query(page, {"country": ["SDN"], "kind": ["workshop"]})
    expect(sidebar(page).get_by_text("Country: Sudan · Event kind: workshop")).to_be_visible()
    expect(page.get_by_role("heading", name="Sources").first).to_be_visible()
    sidebar(page).get_by_role("link", name="Data").click()
    page.wait_for_url(re.compile(r"/data\?"))
    wait_until_rendered(page)
    assert_query(page, {"country": ["SDN"], "kind": ["workshop"]})
    # Sudan took part in the 2020 online workshop and the Cairo one; no South Sudan in sight
    expect(page.get_by_text("2 of 9 rows match the filters", exact=False)).to_be_visible()
    assert record.blocked == [] and record.console_errors == []
    page.context.close()


def test_ignored_link_values_are_said_and_clear_resets_the_address(app_server, browser):
    page, record = offline_page(browser, app_server.url)
    page.goto(f"{app_server.url}/?country=NER,NIGERIA&org=https://evil.example&table=funding")
    wait_until_rendered(page)
    notice = sidebar(page).locator("[data-testid='stAlert']")
    expect(notice).to_have_count(1)
    expect(notice.get_by_text("Ignored unknown country 'NIGERIA' in the link.")).to_be_visible()
    assert notice.locator("a").count() == 0  # the address in the link is not made clickable
    expect(sidebar(page).get_by_text("Showing: Country: Niger", exact=True)).to_be_visible()
    assert_query(page, {"country": ["NER"], "table": ["funding"]})
    sidebar(page).get_by_role("button", name="Clear all filters").click()
    wait_until_rendered(page)
    expect(sidebar(page).get_by_text("All activity")).to_be_visible()
    assert_query(page, {"table": ["funding"]})  # the page's own setting stays
    assert record.blocked == [] and record.console_errors == []
    page.context.close()


def test_first_visit_to_a_fresh_server_keeps_the_whole_link(browser, tmp_path):
    """A new server's first visitor arriving by a deep link: the page's own setting and the
    filters both survive the detour through the app's frame, and nothing is fetched."""
    with run_app(tmp_path) as fresh:
        page, record = offline_page(browser, fresh.url)
        page.goto(f"{fresh.url}/sources?source=SEC-APO-BAMAKO&country=NER")
        wait_until_rendered(page, extra_ms=1500)
        expect(sidebar(page).get_by_text("Showing: Country: Niger", exact=True)).to_be_visible()
        expect(page.get_by_role("combobox", name="Source")).to_have_value(
            "Mali hosts regional border management workshop (APO Group (africanews) (n.d.))")
        assert_query(page, {"source": ["SEC-APO-BAMAKO"], "country": ["NER"]})
        assert record.blocked == []
        assert record.console_errors == []
        assert page.locator("[data-testid='stException']").count() == 0
        page.context.close()
