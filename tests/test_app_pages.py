"""One AppTest per page, found from the page registry so a new page cannot be forgotten."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from components.pages import PAGES
from crossings.files import ROOT

APP = str(ROOT / "app.py")


def open_page(spec, query: dict[str, str] | None = None, secrets: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets.update(secrets or {})
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    if spec.file != PAGES[0].file:
        at.switch_page(spec.file)
        at.run()
    return at


@pytest.mark.parametrize("spec", PAGES, ids=[p.url_path for p in PAGES])
def test_page_runs_without_exception(spec):
    at = open_page(spec)
    assert not at.exception
    assert at.sidebar.button(key="filter_clear") is not None


def test_overview_headline_figures():
    at = open_page(PAGES[0])
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Events"] == "9"
    assert metrics["Participants"] == "136"  # 55 in Cairo + 81 in Iran
    assert metrics["Projects"] == "5"
    assert metrics["Funding, USD"] == "1.4 m"


def test_overview_follows_a_link_with_filters():
    at = open_page(PAGES[0], {"funder": "GOV-JPN"})
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Events"] == "1"
    assert metrics["Countries"] == "5"
    assert "Funding, EUR" not in metrics


def test_unknown_link_value_is_ignored_with_a_notice():
    at = open_page(PAGES[0], {"country": "XXX"})
    assert not at.exception
    assert any("Ignored unknown country 'XXX'" in w.value for w in at.sidebar.warning)
    assert {m.label: m.value for m in at.metric}["Events"] == "9"


def test_filter_changes_apply_on_every_rerun():
    """Each rerun must go through app.py's frame (sidebar, filters), not run the page alone."""
    at = open_page(PAGES[0])
    expected_events = {("EU",): "5", ("GOV-JPN",): "1", (): "9"}
    for funders, events in expected_events.items():
        at.sidebar.multiselect(key="filter_funders").set_value(list(funders)).run()
        assert not at.exception
        assert len(at.sidebar.multiselect) >= 2
        assert {m.label: m.value for m in at.metric}["Events"] == events
        if funders:
            assert at.query_params["funder"] == ",".join(funders)
        else:
            assert "funder" not in at.query_params
