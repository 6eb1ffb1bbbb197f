"""Every page on the data the app ships (data/), in English and in Arabic (right to left):
the other page tests use the frozen test data, and a record shape found only in data/ (an event
with a start and no end) once stopped the Timeline page there."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from components.pages import PAGES
from crossings.files import ROOT
from tests.conftest import BUNDLED_DATA_DIR


@pytest.mark.parametrize("code", ["en", "ar"])  # French runs every page in tests/languages
@pytest.mark.parametrize("spec", PAGES, ids=[p.url_path for p in PAGES])
def test_every_page_runs_on_the_bundled_data(spec, code, monkeypatch):
    monkeypatch.setenv("CROSSINGS_DATA_DIR", str(BUNDLED_DATA_DIR))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.query_params["lang"] = code
    at.run()
    at.switch_page(spec.file)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not [e for e in at.error if "Unexpected error" in e.value or "Erreur" in e.value]


def test_long_lists_of_unknown_budgets_show_their_first_rows_and_offer_all(monkeypatch, bundled_dataset):
    """On the bundled data most events belong to no project with a known budget: the page lists
    the first twenty and says how many more its downloads hold, rather than a table of every one."""
    from crossings.views.budget import budget_coverage, funding_lines
    from crossings.views.filtered_view import apply_filters
    from crossings.views.filters import FilterState

    view = apply_filters(bundled_dataset, FilterState())
    missing = len(budget_coverage(view, funding_lines(view, "EUR")).events_without_budget)
    assert missing > 20
    monkeypatch.setenv("CROSSINGS_DATA_DIR", str(BUNDLED_DATA_DIR))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.run()
    at.switch_page("pages/budget.py")
    at.run()
    events = at.container(key="budget_unknown_events")
    assert len(events.table[0].value) == 20
    assert f"… and {missing - 20} more: the files below list them all." in [c.value for c in events.caption]
    assert [b.label for b in events.get("download_button")][:2] == ["Download CSV", "Download Excel"]
