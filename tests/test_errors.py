"""What a visitor sees when something goes wrong: a short message, never the server's insides."""

from __future__ import annotations

import logging
import re
import tomllib

import pytest

from components.errors import NO_DATA_FOLDER
from components.pages import PAGES
from crossings.files import ROOT
from tests.test_app_pages import open_page


def test_streamlit_shows_no_error_details_in_the_browser():
    """What escapes the app's own guard shows Streamlit's generic sentence only: no traceback,
    paths, exception type or "Ask Google" links (the details go to the server log)."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["client"]["showErrorDetails"] == "none"


@pytest.mark.parametrize("spec", PAGES, ids=[p.url_path for p in PAGES])
def test_a_missing_data_folder_is_a_clear_message_on_every_page(spec, tmp_path, monkeypatch):
    missing = tmp_path / "no-such-folder"
    monkeypatch.setenv("CROSSINGS_DATA_DIR", str(missing))
    at = open_page(spec)
    assert not at.exception
    [error] = at.error
    assert error.value == NO_DATA_FOLDER
    assert str(tmp_path) not in error.value  # the server's paths stay on the server


def test_an_unexpected_error_shows_an_id_and_logs_the_details(monkeypatch, caplog):
    import crossings.views.metrics

    def broken(*args, **kwargs):
        raise ZeroDivisionError("a secret detail from /srv/crossings/crossings/views/metrics.py")

    monkeypatch.setattr(crossings.views.metrics, "headline", broken)
    with caplog.at_level(logging.ERROR, logger="crossings"):
        at = open_page(PAGES[0])
    assert not at.exception
    [error] = at.error
    found = re.search(r"error ([0-9a-f]{8})", error.value)
    assert found, error.value
    assert "secret" not in error.value and "/srv" not in error.value and "ZeroDivision" not in error.value
    [record] = [r for r in caplog.records if found.group(1) in r.getMessage()]
    assert record.exc_info[0] is ZeroDivisionError  # the traceback is in the server's log
    assert at.sidebar.button(key="filter_clear") is not None  # the sidebar was drawn before it
