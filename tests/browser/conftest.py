"""One `streamlit run` and one headless Chromium for all browser tests."""

from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

from devtools.browser import launch_chromium, run_app
from tests.hostile import hostile_data_copy


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


@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory):
    """The app on a copy of the data full of hostile text (tests/hostile.py)."""
    folder = tmp_path_factory.mktemp("hostile") / "data"
    placed = hostile_data_copy(folder)
    with run_app(tmp_path_factory.mktemp("hostile-log"), env={"CROSSINGS_DATA_DIR": str(folder)}) as server:
        yield server, placed
