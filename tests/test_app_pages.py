"""One AppTest per page, found from the page registry so a new page cannot be forgotten."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from components.pages import PAGES
from crossings.data.loading import load_dataset
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


def page_words(at) -> str:
    """Everything a page says in text: Markdown, captions, notices, metrics and their help."""
    kinds = ("markdown", "caption", "info", "warning", "success")
    parts = [element.value for kind in kinds for element in getattr(at, kind)]
    parts += [f"{m.label} {m.value} {m.proto.help}" for m in at.metric]
    return " ".join(parts)


def test_what_each_page_says_about_adding_currencies_is_true():
    """The Budget page adds euros and converted dollars (EUR 9.5 m); it says so where the total
    is, and no page claims that euros and dollars are never added together."""
    specs = {spec.url_path: spec for spec in PAGES}
    budget = open_page(specs["budget"])
    assert ("Totals in EUR: amounts in USD are converted to EUR at the monthly rate of each amount's value "
            "date, then added to those given in EUR. As the sources give them: EUR 8,175,711.90; USD "
            "1,425,000.") in [c.value for c in budget.caption]
    assert {m.label: m.value for m in budget.metric}["Known funding, EUR"] == "9.5 m"
    overview, presenter = open_page(specs["overview"]), open_page(specs["presenter"])
    for at in (budget, overview, presenter):
        words = page_words(at).replace("\\", "")
        assert "never added" not in words and "added together" not in words
    assert "the Budget page converts them to one currency to add them up" in page_words(overview)


@pytest.mark.parametrize("spec", PAGES, ids=[p.url_path for p in PAGES])
def test_every_page_says_when_the_data_files_have_problems(spec, data_copy, monkeypatch):
    """sources.csv with a quote never closed: every other table's rows name a source, so they are
    left out, and the Sources page would show 'Sources 0', the presenter 'Events 0'. Each page
    says so in a line, with the way to the list of problems."""
    sources = data_copy / "sources.csv"
    sources.write_text(sources.read_text().replace("SEED-004,", 'SEED-004,"', 1))
    monkeypatch.setenv("CROSSINGS_DATA_DIR", str(data_copy))
    at = open_page(spec)
    assert not at.exception
    errors = len(load_dataset(data_copy).errors)
    summary = f"{errors:,} problems in the data files: the rows concerned are left out of every figure."
    links = [(link.proto.label, link.proto.page) for link in at.get("page_link")]
    if spec.url_path == "data":
        assert any(w.value.startswith(summary) and "**Data quality** below" in w.value for w in at.warning)
    elif spec.url_path == "presenter":  # no room for a notice on a slide: in its controls
        assert (f"{errors:,} problems in the data files: rows left out", "data") in links
    else:
        assert summary in [w.value for w in at.warning]
        assert ("See the list on the Data page", "data") in links
