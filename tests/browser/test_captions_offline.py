"""In a real browser: a source title stored as `&lt;b&gt;...` shows those characters in the
Budget page's source line and on presenter slide 3 (Streamlit's Markdown decoded them)."""

from __future__ import annotations

import shutil

import pytest
from playwright.sync_api import expect

from crossings.files import DATA_DIR
from devtools.browser import offline_page, run_app, wait_until_rendered
from tests.helpers import read_rows, write_rows
from tests.test_captions import stored_title

pytestmark = pytest.mark.browser


def test_source_titles_show_as_stored(browser, tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder, ignore=shutil.ignore_patterns("backups"))
    rows = read_rows(folder / "sources.csv")
    for row in rows:
        row["title"], row["publisher"] = stored_title(row["source_id"]), ""
    write_rows(folder / "sources.csv", rows)
    expected = stored_title("SEED-002") + " (n.d.)"
    with run_app(tmp_path, env={"CROSSINGS_DATA_DIR": str(folder)}) as server:
        page, record = offline_page(browser, server.url)
        page.goto(server.url)  # a fresh server's first deep link is test_deep_links' business
        wait_until_rendered(page)
        for path in ("/budget", "/presenter?slide=3"):
            page.goto(server.url + path)
            wait_until_rendered(page)
            captions = page.locator("[data-testid='stCaptionContainer']").all_inner_texts()
            assert any(expected in caption for caption in captions), (path, captions)
            assert not any("<b>" in caption for caption in captions), path
            expect(page.locator("[data-testid='stMain'] b", has_text="SEED-002")).to_have_count(0)
        assert record.blocked == [] and record.console_errors == []
        page.context.close()
