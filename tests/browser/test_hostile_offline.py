"""Every page, in a real browser, on a copy of the data full of hostile text (tests/hostile.py):
no dialog opens, no script runs, no injected element exists (in the page or any frame), nothing
is fetched from outside, and the text shows as text."""

from __future__ import annotations

import pytest

from components.pages import PAGES
from devtools.browser import offline_page, wait_until_rendered
from tests.browser.test_pages_offline import page_url
from tests.hostile import INJECTED_ELEMENT_IDS

pytestmark = pytest.mark.browser

_INJECTED = r"""ids => ({
    pwned: window.__pwned === undefined ? null : String(window.__pwned),
    found: ids.filter(id => document.getElementById(id) !== null),
    // an injected <script> element, or data embedded in a script (a map's features) that
    // could close its script tag: escaped data such as "&lt;script&gt;" is inert
    scripts: [...document.querySelectorAll('script')].filter(s => {
        const code = s.textContent;
        return code.trim().startsWith('window.__pwned') || /<\/?script/i.test(code);
    }).length,
    links: [...document.querySelectorAll('a[href]')].map(a => a.href)
        .filter(href => !/^(https?:|blob:|#)/i.test(href)),
})"""


def open_watched(browser, url: str):
    page, record = offline_page(browser, url)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(url)
    wait_until_rendered(page)
    page.mouse.move(700, 400)  # hover labels and tooltips appear on hover
    page.wait_for_timeout(300)
    return page, record, dialogs


def assert_nothing_ran(page, record, dialogs) -> None:
    assert dialogs == []
    for frame in page.frames:  # the page and every iframe (maps, components)
        assert frame.evaluate(_INJECTED, list(INJECTED_ELEMENT_IDS)) == {
            "pwned": None, "found": [], "scripts": 0, "links": []}, frame.url
    assert record.blocked == []  # no remote image, no tracking pixel
    assert record.console_errors == []
    assert page.locator("[data-testid='stException']").count() == 0


@pytest.mark.parametrize("spec", PAGES, ids=[p.url_path for p in PAGES])
def test_hostile_data_runs_nothing(spec, hostile_app, browser):
    server, _ = hostile_app
    # with Japan as funder the filter summary shows its (hostile) acronym on every page
    page, record, dialogs = open_watched(browser, page_url(server.url, spec) + "?funder=GOV-JPN")
    assert_nothing_ran(page, record, dialogs)
    page.context.close()


def test_overview_shows_the_hostile_title_as_text(hostile_app, browser):
    server, placed = hostile_app
    page, record, dialogs = open_watched(browser, server.url + "/")
    title = placed["events.EV-2018-JOR-ROUNDTABLE.title"]
    assert title.startswith("<script>")
    assert page.get_by_text(title, exact=True).first.is_visible()
    assert_nothing_ran(page, record, dialogs)
    page.context.close()


def test_hostile_link_parameters_run_nothing(hostile_app, browser):
    server, _ = hostile_app
    link = "/?country=![x](https://evil.example/p.png),<img src=x id=injected-img onerror=alert(1)>"
    page, record, dialogs = open_watched(browser, server.url + link)
    # two values, so the grouped notice says "countries"
    assert page.get_by_text("Ignored unknown countries").first.is_visible()
    assert_nothing_ran(page, record, dialogs)
    page.context.close()


def test_hostile_upload_runs_nothing(hostile_app, browser):
    server, _ = hostile_app
    page, record, dialogs = open_watched(browser, server.url + "/import_data")
    upload = ('funding_id,project_id,funder_id,instrument_id,amount,currency,value_date,'
              'value_date_precision,status,notes,source_id\n'
              'F-X,P-G5-CBM,GOV-JPN,,1,"<img src=x id=injected-img onerror=alert(1)>",2015,year,'
              'confirmed,"[a](javascript:alert(2)) ![p](https://evil.example/p.png)",SEED-001\n')
    page.locator("[data-testid='stFileUploaderDropzoneInput'][accept*='.csv']").set_input_files(
        {"name": "funding <svg onload=alert(3) id=injected-svg>.csv", "mimeType": "text/csv",
         "buffer": upload.encode()})
    wait_until_rendered(page, extra_ms=2000)
    # the table is picked from the name's first word; the name itself shows as text
    heading = "What funding <svg onload=alert(3) id=injected-svg>.csv would change in funding.csv"
    page.get_by_text(heading).wait_for(timeout=30000)  # checking the upload takes a moment
    assert page.get_by_text("1 error(s)").first.is_visible()
    assert_nothing_ran(page, record, dialogs)
    page.context.close()
