"""Every chart's figures as a table: under each chart of the Budget and Timeline pages, an
expander "The figures as a table" holds the chart's figures, the exact values of the test data
(tests/fixtures/data); the Map's figures per country and a country profile's land borders are
tables already (checked here too). Headers in the page's language."""

from __future__ import annotations

import pytest

from components.pages import PAGES
from crossings.data.loading import load_dataset
from crossings.figures.participation import participant_sources
from crossings.figures.timeline import sources_of
from crossings.languages import use_language
from crossings.text.escaping import markdown_text
from crossings.views.chart_tables import funding_chart_table, money_over_time_table, participants_table
from crossings.views.filtered_view import apply_filters
from crossings.views.filters import FilterState
from crossings.views.participation import participants_by_period
from tests.conftest import TEST_DATA_DIR
from tests.helpers import open_folds
from tests.test_app_pages import open_page

BUDGET, TIMELINE, MAP = (next(spec for spec in PAGES if spec.url_path == path)
                         for path in ("budget", "timeline", "map"))
EU_EUR = 189403.21 + 206308.69 + 2500000 + 5280000  # funding.csv: the EU's four lines


def figure_tables(at, label: str = "The figures as a table") -> list:
    """The tables in the page's "The figures as a table" expanders, top to bottom."""
    return [frame.value for expander in at.expander if expander.label == label
            for frame in expander.dataframe]


def test_budget_charts_have_their_figures_as_tables():
    at = open_page(BUDGET)
    open_folds(at)
    assert not at.exception
    funding, over_time = figure_tables(at)  # under each of the two charts
    assert list(funding.columns) == ["Funder", "Amount in EUR", "Of which estimated, in EUR"]
    eu = funding[funding["Funder"] == "EU"].iloc[0]
    assert eu["Amount in EUR"] == pytest.approx(EU_EUR, abs=0.005)
    assert eu["Of which estimated, in EUR"] == 0
    japan = funding[funding["Funder"] == "Japan"].iloc[0]  # USD 1,425,000, an estimate
    assert japan["Amount in EUR"] == japan["Of which estimated, in EUR"] > 0
    # the money over time adds up, per funder, to the lines spread over months: the Jordan-Syria
    # line (EUR 5,280,000) has no known end, so it is not in that chart, nor in its table
    assert list(over_time.columns) == ["Year", "Funder", "Amount in EUR", "Of which estimated, in EUR"]
    per_funder = over_time.groupby("Funder")["Amount in EUR"].sum()
    assert per_funder["EU"] == pytest.approx(189403.21 + 206308.69 + 2500000, abs=0.05)
    assert "2016" in set(over_time["Year"])  # JEMPAS I starts in January 2016


def test_the_funding_table_follows_show_by(dataset):
    view = apply_filters(dataset, FilterState())
    by_instrument = funding_chart_table(view, "EUR", "instrument").set_index("Instrument")
    assert by_instrument.loc["AMIF", "Amount in EUR"] == 189403.21
    assert by_instrument.loc["ISF-Police", "Amount in EUR"] == 206308.69
    assert by_instrument.loc["IcSP", "Amount in EUR"] == 5280000
    tree = funding_chart_table(view, "EUR", "hierarchy")
    assert list(tree.columns)[:3] == ["Funder", "Instrument", "Project"]
    assert tree["Amount in EUR"].sum() == pytest.approx(funding_chart_table(view, "EUR", "funder")
                                                        ["Amount in EUR"].sum(), abs=0.05)
    with use_language("fr"):
        months = money_over_time_table(view, "USD", "month")
        assert months.columns[0] == "Mois"
        assert "janvier 2016" in set(months["Mois"])


def test_timeline_charts_have_their_figures_as_tables():
    at = open_page(TIMELINE)
    open_folds(at)
    assert not at.exception
    marks, participants, heatmap = figure_tables(at)  # under each of the three charts
    assert list(marks.columns) == ["Record", "Title", "When"]
    niamey = marks[marks["Title"] == "Regional workshop on coordinated border management, Niamey"]
    assert list(niamey["Record"]) == ["Event"] and list(niamey["When"]) == ["29–30 July 2015"]
    assert (marks["Record"] == "Project").sum() >= 4
    assert list(participants.columns) == ["Period", "Host country", "Participants", "Running total"]
    by_country = participants.groupby("Host country")["Participants"].sum()
    # Cairo's 55; the 81 in Iran are at an undated event, which no period holds (nor the chart)
    assert by_country.to_dict() == {"Egypt": 55}
    heatmap = heatmap.set_index("Country")
    assert heatmap.loc["Jordan"].sum() >= 1 and "2015" in heatmap.columns
    # under each table, every source of its chart (the chart's own foot names the first ones)
    view = apply_filters(load_dataset(TEST_DATA_DIR), FilterState())
    notes = [[caption.value for caption in expander.caption] for expander in at.expander
             if expander.label == "The figures as a table"]
    assert [note[-1] for note in notes] == [markdown_text(sources_of(view, max_chars=None)),
                                            markdown_text(participant_sources(view, max_chars=None)),
                                            markdown_text(sources_of(view, max_chars=None))]


def test_participants_table_counts_by_participating_country(dataset):
    view = apply_filters(dataset, FilterState())
    table = participants_table(participants_by_period(view, "year", "participant"), "participant")
    assert list(table.columns)[1] == "Participating country"
    assert table["Participants"].sum() == 55  # Cairo's; Iran's 81 are at an undated event


def test_map_and_profile_figures_are_tables():
    at = open_page(MAP, {"profile": "IRN"})
    open_folds(at)
    assert not at.exception
    [figures] = [e for e in at.expander if e.label.startswith("Figures per country")]
    assert len(figures.dataframe[0].value) >= 1
    borders = {frame.value.columns[0]: frame.value for frame in at.dataframe}
    neighbours = borders["Neighbour"].set_index("Neighbour")
    assert neighbours.loc["Iraq", "Shared border, km"] == 1599  # borders.csv


def test_headers_in_the_pages_language():
    at = open_page(BUDGET, {"lang": "ar"})
    open_folds(at)
    assert not at.exception
    [funding, _over_time] = figure_tables(at, "الأرقام في جدول")
    assert "Amount in EUR" not in funding.columns
    assert any("EUR" in column for column in funding.columns)
