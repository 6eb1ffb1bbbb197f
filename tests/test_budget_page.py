"""The Budget page in AppTest: headline figures, the currency picker, the funder filter, the
funding table, and a line that cannot be converted. (Charts are checked in test_budget.py and
in the browser tests: AppTest cannot see inside plotly.)"""

from __future__ import annotations

import re

import pytest

from components import layout
from components.pages import PAGES
from tests.helpers import as_read, set_cell
from tests.test_app_pages import open_page

BUDGET = next(spec for spec in PAGES if spec.url_path == "budget")


def metrics_of(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_budget_headline_figures_in_eur():
    at = open_page(BUDGET)
    assert not at.exception
    assert at.title[0].value == "Budget"
    metrics = metrics_of(at)
    # EUR 8,175,711.90 as given + USD 1,425,000 at 1.082251 USD per EUR (April 2015) = 9,492,412
    assert metrics["Known funding, EUR"] == "9.5 m"
    assert metrics["Of which estimated"] == "1.3 m"  # EUR 1,316,700.10, the G5 proposal
    assert metrics["Projects with a known budget"] == "4 of 5"
    assert metrics["Events, budget unknown"] == "3 of 9"
    assert at.segmented_control(key="currency").value == "EUR"


def test_budget_in_usd_from_a_link():
    at = open_page(BUDGET, {"currency": "USD"})
    assert not at.exception
    metrics = metrics_of(at)
    # 2,713,852.50 + 431,764.02 + 6,290,206.56 + 1,425,000 = 10,860,823.08
    assert metrics["Known funding, USD"] == "10.9 m"
    assert metrics["Of which estimated"] == "1.4 m"
    table = at.container(key="budget_funding_lines").dataframe[0].value.set_index("Funding line")
    assert table.loc["F-JEMPAS2-AMIF", "Amount in USD"] == pytest.approx(206_659.17)
    assert table.loc["F-JEMPAS2-AMIF", "Amount"] == pytest.approx(189_403.21)
    assert table.loc["F-JEMPAS2-AMIF", "Currency"] == "EUR"


def test_switching_currency_converts_the_table():
    at = open_page(BUDGET)
    at.segmented_control(key="currency").set_value("USD").run()
    assert not at.exception
    assert "Known funding, USD" in metrics_of(at)
    assert "Amount in USD" in at.container(key="budget_funding_lines").dataframe[0].value.columns


def test_funder_filter_keeps_only_that_funders_lines():
    at = open_page(BUDGET, {"funder": "GOV-JPN"})
    assert not at.exception
    table = at.container(key="budget_funding_lines").dataframe[0].value
    assert table["Funding line"].tolist() == ["F-G5CBM-JPN"]
    assert table["Amount"].tolist() == [1_425_000]
    assert table["Status"].tolist() == ["estimated"]
    metrics = metrics_of(at)
    assert metrics["Projects with a known budget"] == "1 of 1"
    assert metrics["Events, budget unknown"] == "0 of 1"
    downloads = at.container(key="budget_funding_lines").get("download_button")
    assert [b.label for b in downloads] == ["Download CSV", "Download Excel"]


def test_unknown_budgets_are_listed():
    at = open_page(BUDGET)
    assert not at.exception
    projects = at.container(key="budget_unknown_projects").table[0].value
    assert projects["Project"].map(as_read).tolist() == ["Iran border & migration"]
    events = at.container(key="budget_unknown_events").table[0].value
    assert len(events) == 3
    assert sorted(events["Reason"].map(as_read)) == ["belongs to no project", "belongs to no project",
                                        "project's budget unknown"]
    assert any(r"Jordan\-Syria border \(IcSP\)" in m.value and "end date is unknown" in m.value
               for m in at.markdown)  # (Markdown-escaped) not in the time chart, and said so


@pytest.mark.parametrize("by", ["instrument", "project", "implementer", "hierarchy"])
def test_every_funding_view_runs(by):
    at = open_page(BUDGET)
    at.segmented_control(key="budget_by").set_value(by).run()
    assert not at.exception
    at.segmented_control(key="budget_per").set_value("month").run()
    assert not at.exception


def test_chart_settings_are_kept_in_the_link_by_their_words():
    at = open_page(BUDGET, {"budget_by": "hierarchy", "budget_per": "month"})
    assert not at.exception and not at.warning
    assert at.segmented_control(key="budget_by").value == "hierarchy"
    assert at.segmented_control(key="budget_per").value == "month"
    assert at.query_params["budget_by"] == "hierarchy" and at.query_params["budget_per"] == "month"
    at.segmented_control(key="budget_by").set_value("funder").run()  # the default leaves the link
    assert "budget_by" not in at.query_params and at.query_params["budget_per"] == "month"


def test_a_chart_setting_the_page_does_not_have_is_ignored_with_a_notice():
    at = open_page(BUDGET, {"budget_by": "Funder → instrument → project"})
    assert not at.exception
    assert at.segmented_control(key="budget_by").value == "funder"
    assert any(w.value.startswith("Ignored 'budget\\_by=Funder → instrument → project' in the link")
               for w in at.warning)  # (Markdown-escaped)


def test_a_line_that_cannot_be_converted_is_named_and_left_out(data_copy, monkeypatch):
    set_cell(data_copy / "funding.csv", "funding_id", "F-G5CBM-JPN", "currency", "XOF")
    monkeypatch.setenv("CROSSINGS_DATA_DIR", str(data_copy))
    at = open_page(BUDGET)
    assert not at.exception
    warning = next(w.value for w in at.warning if "could not be converted" in w.value)
    assert "XOF 1,425,000" in warning and "no XOF rate for April 2015" in warning
    assert metrics_of(at)["Known funding, EUR"] == "8.2 m"  # the EU lines only, nothing added unconverted


def test_a_long_source_list_names_the_first_sources_and_folds_away_the_rest(monkeypatch):
    """Under the headline figures, the page's sources: the first ones and how many more, every
    one of them in a fold (on the bundled data the whole list ran to twenty lines there)."""
    monkeypatch.setattr(layout, "CHART_SOURCE_CHARS", 60)
    at = open_page(BUDGET)
    assert not at.exception
    folds = [expander for expander in at.expander if expander.label.startswith("Every source (")]
    assert folds
    for fold in folds:
        [whole] = [_unescaped(caption.value) for caption in fold.caption]
        count = int(fold.label.removeprefix("Every source (").removesuffix(")"))
        assert whole.startswith("Sources: ") and whole.count("; ") == count - 1
        lines = [line for line in (_unescaped(caption.value) for caption in at.caption)
                 if line.startswith("Sources: ") and line.endswith(" more")]
        assert [line for line in lines if whole.startswith(line.rsplit(" and ", 1)[0])], whole


def _unescaped(markdown: str) -> str:
    """Text as crossings.text.escaping.markdown_text wrote it, its backslash escapes taken off."""
    return re.sub(r"\\(.)", r"\1", markdown)
