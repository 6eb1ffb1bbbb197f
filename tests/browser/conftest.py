"""One `streamlit run` and one headless Chromium for all browser tests."""

from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

from devtools.browser import launch_chromium, run_app


@pytest.fixture(scope="session")
def app_server(tmp_path_factory):
    with run_app(tmp_path_factory.mktemp("streamlit")) as server:
        yield server


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def screenshot_dir(repo_root):
    folder = repo_root / "artifacts" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
