"""In a real browser: hostile links and a missing data folder give a page with a notice, never
Streamlit's exception box, a traceback, a server path or a link that leaves the machine."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect

from components.errors import NO_DATA_FOLDER
from devtools.browser import offline_page, run_app, wait_until_rendered
from tests.test_link_fuzz import FILTERS

pytestmark = pytest.mark.browser


def test_a_hostile_budget_link_gives_the_page_with_a_notice(app_server, browser):
    page, record = offline_page(browser, app_server.url)
    query = urlencode({"currency": "", "budget_by": "x" * 100_000,
                       **dict.fromkeys(FILTERS, ""), "no_such_parameter": "1"})
    page.goto(f"{app_server.url}/budget?{query}")
    wait_until_rendered(page)
    main = page.locator("[data-testid='stMain']")
    expect(main.get_by_role("heading", name="Budget", exact=True)).to_be_visible()
    expect(main.get_by_text("Ignored 'budget_by=xxxx", exact=False)).to_be_visible()
    assert page.locator("[data-testid='stException']").count() == 0
    assert "Traceback" not in main.inner_text() and "/work/" not in main.inner_text()
    assert record.blocked == [] and record.console_errors == [] and record.http_errors == []
    page.context.close()


def test_a_missing_data_folder_says_so_without_a_traceback(browser, tmp_path):
    missing = tmp_path / "not-here"
    with run_app(tmp_path, env={"CROSSINGS_DATA_DIR": str(missing)}) as server:
        page, record = offline_page(browser, server.url)
        for path in ("/", "/map", "/presenter"):
            page.goto(f"{server.url}{path}")
            wait_until_rendered(page)
            main = page.locator("[data-testid='stMain']")
            expect(main.get_by_text("The data cannot be read on this server")).to_be_visible()
            text = main.inner_text()
            assert page.locator("[data-testid='stException']").count() == 0, path
            assert str(tmp_path) not in text and "DataFolderError" not in text, path
        assert "not-here is not a readable folder" in server.log()  # the details are in the server's log
        assert record.blocked == [] and record.console_errors == []
        page.context.close()
    assert NO_DATA_FOLDER.startswith("**The data cannot be read on this server**")
