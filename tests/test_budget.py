"""Who funds what: grouping, the JEMPAS II split, spreading over months, known and unknown
budgets, the funding table and its downloads, and the figures built from them. Expected
values are worked out by hand from data/funding.csv, data/projects.csv and fx_rates.csv."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from crossings.data.loading import load_dataset
from crossings.exports.slides import build_slide, for_slide
from crossings.exports.tables import csv_bytes, excel_bytes
from crossings.figures import palette
from crossings.figures.budget import (
    HIERARCHY,
    funder_colours,
    funding_figure,
    money_over_time_figure,
)
from crossings.languages import use_language
from crossings.text.citations import source_line
from crossings.views.budget import (
    budget_coverage,
    figure_source_ids,
    funding_lines,
    funding_table,
    hierarchy,
    totals,
    totals_by,
)
from crossings.views.currency import conversion_note
from crossings.views.filtered_view import apply_filters
from crossings.views.filters import FilterState
from crossings.views.money_over_time import by_period, date_disagreements, spread_over_months
from tests.helpers import set_cell

JEMPAS_II_AMIF = 189_403.21
JEMPAS_II_ISF = 206_308.69
G5_IN_EUR = 1_425_000 / 1.082251  # USD per EUR in April 2015 = EUR 1,316,700.10


def view_of(dataset, **filters):
    return apply_filters(dataset, FilterState(**filters))


def lines_of(dataset, currency="EUR", **filters):
    return funding_lines(view_of(dataset, **filters), currency)


# --- the JEMPAS II split and the groupings --------------------------------------------------------

def test_jempas_ii_is_two_lines_that_add_up_to_its_budget(dataset):
    lines = lines_of(dataset).set_index("funding_id")
    assert lines.loc["F-JEMPAS2-AMIF", ["instrument", "amount", "currency"]].tolist() == [
        "AMIF", JEMPAS_II_AMIF, "EUR"]
    assert lines.loc["F-JEMPAS2-ISFP", ["instrument", "amount", "currency"]].tolist() == [
        "ISF-Police", JEMPAS_II_ISF, "EUR"]
    by_project = totals_by(lines.reset_index(), "project").drop_duplicates("key").set_index("key")
    assert by_project.loc["P-JEMPAS-II", "group_total"] == pytest.approx(395_711.90, abs=0.005)
    by_instrument = totals_by(lines.reset_index(), "instrument").set_index("key")
    assert by_instrument.loc["AMIF", "converted"] == pytest.approx(JEMPAS_II_AMIF)
    assert by_instrument.loc["ISF-POLICE", "converted"] == pytest.approx(JEMPAS_II_ISF)


def test_totals_by_funder_convert_before_adding(dataset):
    pieces = totals_by(lines_of(dataset), "funder").set_index("key")
    # EU: 2,500,000 + 189,403.21 + 206,308.69 + 5,280,000 (all EUR as given)
    assert pieces.loc["EU", "converted"] == pytest.approx(8_175_711.90, abs=0.005)
    assert pieces.loc["GOV-JPN", "converted"] == pytest.approx(1_316_700.10, abs=0.005)
    assert bool(pieces.loc["GOV-JPN", "estimated"]) is True
    assert list(pieces.index) == ["EU", "GOV-JPN"]  # largest first
    in_usd = totals(lines_of(dataset, "USD"))
    # 2,500,000 × 1.085541 + 395,711.90 × 1.091107 + 5,280,000 × 1.191327 + 1,425,000
    assert in_usd.total == pytest.approx(2_713_852.50 + 431_764.02 + 6_290_206.56 + 1_425_000, abs=0.01)
    assert in_usd.estimated == 1_425_000


def test_lines_without_an_instrument_or_implementer_are_grouped_not_dropped(dataset):
    pieces = totals_by(lines_of(dataset), "instrument")
    unnamed = pieces[pieces["key"] == ""]
    assert set(unnamed["funder_id"]) == {"EU", "GOV-JPN"}  # JEMPAS I and the G5 proposal
    assert unnamed["label"].unique().tolist() == ["no instrument named"]
    assert unnamed["group_total"].iloc[0] == pytest.approx(2_500_000 + G5_IN_EUR)
    by_implementer = totals_by(lines_of(dataset), "implementer").drop_duplicates("key")
    assert dict(zip(by_implementer["key"], by_implementer["group_total"], strict=True)) == pytest.approx(
        {"IOM": 5_280_000 + G5_IN_EUR, "ICMPD": 2_500_000 + 395_711.90})


def test_hierarchy_funder_instrument_project(dataset):
    nodes = hierarchy(lines_of(dataset)).set_index("id")
    assert nodes.loc["EU", "converted"] == pytest.approx(8_175_711.90, abs=0.005)
    assert nodes.loc["EU/AMIF/P-JEMPAS-II", "converted"] == pytest.approx(JEMPAS_II_AMIF)
    assert nodes.loc["EU/ISF-POLICE/P-JEMPAS-II", "converted"] == pytest.approx(JEMPAS_II_ISF)
    assert nodes.loc["EU/ISF-POLICE/P-JEMPAS-II", "parent"] == "EU/ISF-POLICE"
    assert nodes.loc["EU/ISF-POLICE", "parent"] == "EU"
    assert bool(nodes.loc["GOV-JPN//P-G5-CBM", "estimated"]) is True
    assert bool(nodes.loc["EU", "estimated"]) is False
    # each level adds up to the same total
    for level in ("funder", "instrument", "project"):
        assert nodes.loc[nodes["level"] == level, "converted"].sum() == pytest.approx(
            8_175_711.90 + G5_IN_EUR, abs=0.01)


# --- filtering ----------------------------------------------------------------------------------

def test_filtering_by_funder_keeps_only_that_funders_lines(dataset):
    japan = lines_of(dataset, "USD", funders=("GOV-JPN",))
    assert japan["funding_id"].tolist() == ["F-G5CBM-JPN"]
    assert totals(japan).total == 1_425_000
    eu = lines_of(dataset, funders=("EU",))
    assert sorted(eu["funding_id"]) == ["F-JEMPAS1-EU", "F-JEMPAS2-AMIF", "F-JEMPAS2-ISFP", "F-JORSYR-ICSP"]
    assert totals(eu).total == pytest.approx(8_175_711.90, abs=0.005)
    assert totals(eu).estimated == 0


def test_filtering_by_instrument_keeps_one_half_of_jempas_ii(dataset):
    amif = lines_of(dataset, instruments=("AMIF",))
    assert amif["funding_id"].tolist() == ["F-JEMPAS2-AMIF"]
    assert totals(amif).total == pytest.approx(JEMPAS_II_AMIF)


# --- money over time ------------------------------------------------------------------------------

def test_jempas_ii_is_spread_over_its_21_months(dataset):
    lines = lines_of(dataset)
    spread = spread_over_months(lines, dataset.projects)
    amif = spread.monthly[spread.monthly["funding_id"] == "F-JEMPAS2-AMIF"]
    # February 2020 to October 2021, both included: 11 + 10 = 21 months
    assert len(amif) == 21
    assert amif["month"].min() == pd.Timestamp("2020-02-01")
    assert amif["month"].max() == pd.Timestamp("2021-10-01")
    assert amif["share"].iloc[0] == pytest.approx(JEMPAS_II_AMIF / 21)
    per_year = by_period(spread.monthly, "year")
    jempas = per_year[per_year["funding_id"].isin(["F-JEMPAS2-AMIF", "F-JEMPAS2-ISFP"])]
    got = {(r.period, r.funding_id): r.share for r in jempas.itertuples()}
    assert got == pytest.approx({
        (2020, "F-JEMPAS2-AMIF"): JEMPAS_II_AMIF * 11 / 21,  # 99,211.35
        (2020, "F-JEMPAS2-ISFP"): JEMPAS_II_ISF * 11 / 21,  # 108,066.46
        (2021, "F-JEMPAS2-AMIF"): JEMPAS_II_AMIF * 10 / 21,  # 90,192.00
        (2021, "F-JEMPAS2-ISFP"): JEMPAS_II_ISF * 10 / 21,  # 98,242.23
    })


def test_year_totals_over_time_by_hand(dataset):
    per_year = by_period(spread_over_months(lines_of(dataset, "USD"), dataset.projects).monthly, "year")
    g5 = per_year[per_year["funding_id"] == "F-G5CBM-JPN"].set_index("period")["share"]
    # April 2015 - March 2016 = 12 months: 9 in 2015, 3 in 2016 of USD 1,425,000
    assert g5.to_dict() == pytest.approx({2015: 1_068_750, 2016: 356_250})
    per_year_eur = by_period(spread_over_months(lines_of(dataset), dataset.projects).monthly, "year")
    totals_eur = per_year_eur.groupby("period")["share"].sum()
    # JEMPAS I: EUR 2,500,000 over January 2016 - June 2019 = 42 months
    assert totals_eur.to_dict() == pytest.approx({
        2015: G5_IN_EUR * 9 / 12,  # 987,525.08
        2016: G5_IN_EUR * 3 / 12 + 2_500_000 * 12 / 42,  # 329,175.03 + 714,285.71
        2017: 2_500_000 * 12 / 42,
        2018: 2_500_000 * 12 / 42,
        2019: 2_500_000 * 6 / 42,  # 357,142.86
        2020: 395_711.90 * 11 / 21,
        2021: 395_711.90 * 10 / 21,
    })


def test_a_project_without_an_end_is_listed_not_spread(dataset):
    spread = spread_over_months(lines_of(dataset), dataset.projects)
    assert spread.not_spread["funding_id"].tolist() == ["F-JORSYR-ICSP"]
    assert "end date is unknown" in spread.not_spread["reason"].iloc[0]
    assert "F-JORSYR-ICSP" not in set(spread.monthly["funding_id"])
    # the total still counts it: every converted line is spread or listed
    assert spread.monthly["share"].sum() + 5_280_000 == pytest.approx(totals(lines_of(dataset)).total)


def test_by_month_and_the_year_filter(dataset):
    monthly = spread_over_months(lines_of(dataset), dataset.projects).monthly
    months = by_period(monthly, "month", year_from=2021)
    assert months["period"].min() == pd.Timestamp("2021-01-01")
    assert months["period"].max() == pd.Timestamp("2021-10-01")
    assert months["share"].sum() == pytest.approx(395_711.90 * 10 / 21)
    with pytest.raises(ValueError, match="per must be one of"):
        by_period(monthly, "week")


def test_money_over_time_figure_shows_each_jempas_ii_line(dataset):
    figure = money_over_time_figure(view_of(dataset, funders=("EU",)), "EUR")
    bars = [t for t in figure.data if t.type == "bar"]
    by_line = {t.meta: dict(zip(t.x, t.y, strict=True)) for t in bars}  # meta: the funding line
    assert by_line["F-JEMPAS2-AMIF"] == pytest.approx({2020: JEMPAS_II_AMIF * 11 / 21,
                                                       2021: JEMPAS_II_AMIF * 10 / 21})
    assert by_line["F-JEMPAS2-ISFP"] == pytest.approx({2020: JEMPAS_II_ISF * 11 / 21,
                                                       2021: JEMPAS_II_ISF * 10 / 21})
    jempas_ii = sum(by_line["F-JEMPAS2-AMIF"].values()) + sum(by_line["F-JEMPAS2-ISFP"].values())
    assert jempas_ii == pytest.approx(395_711.90)
    assert "JEMPAS II · AMIF" in bars[[t.meta for t in bars].index("F-JEMPAS2-AMIF")].hovertext[0]
    eu_blue = funder_colours(dataset)["EU"]
    assert {t.marker.color for t in bars} == {eu_blue}  # stacked by funder: one colour
    assert [t.showlegend for t in bars].count(True) == 1  # one legend entry for the EU
    assert figure.layout.barmode == "stack"


def test_year_filter_clips_the_money_over_time_figure(dataset):
    figure = money_over_time_figure(view_of(dataset, year_from=2020, year_to=2021), "EUR", "year")
    years = {x for t in figure.data if t.type == "bar" for x in t.x}
    assert years == {2020, 2021}


@pytest.mark.parametrize("code", ["en", "ar"])
def test_the_legend_hangs_under_the_title_not_on_the_plot(bundled_dataset, code):
    """The legend sat on the plot's top edge and grew upwards as it wrapped: on a phone (fifteen
    funders, a row each) and in Arabic at 1280 px it ran over the title. It hangs from a fixed
    place under the title (and subtitle) now, in the figure's own pixels, so plotly keeps the plot
    under it however many rows it takes; an embed or a slide without the title lifts it to the top."""
    view = apply_filters(bundled_dataset, FilterState())
    start = "right" if code == "ar" else "left"
    with use_language(code):
        figures = [(funding_figure(view, "EUR", "funder"), 42),  # the title's pad and line, a gap
                   (money_over_time_figure(view, "EUR", "year"), 70),  # and the subtitle's line
                   (money_over_time_figure(view, "EUR", "month"), 70)]
        slide = for_slide(build_slide(view, "funding"))
    for figure, title_px in figures:
        layout = figure.layout
        assert (layout.title.yref, layout.title.y, layout.title.yanchor, layout.title.xanchor) == (
            "container", 1, "top", start)
        legend = layout.legend
        assert (legend.yref, legend.yanchor, legend.xanchor) == ("container", "top", start)
        assert (1 - layout.legend.y) * layout.height == pytest.approx(title_px)
    assert slide.layout.title.text is None and slide.layout.legend.y == 1


def test_date_disagreements_are_said_not_hidden(dataset):
    notes = date_disagreements(dataset, ["P-JEMPAS-II"])
    assert len(notes) == 1
    assert "October 2021" in notes[0] and "July 2021" in notes[0]
    assert notes[0].endswith("the chart uses October 2021.")
    assert date_disagreements(dataset, ["P-G5-CBM"]) == []  # its claims agree


# --- known and unknown budgets ------------------------------------------------------------------

def test_projects_and_events_without_a_known_budget_are_listed(dataset):
    view = view_of(dataset)
    coverage = budget_coverage(view, funding_lines(view, "EUR"))
    assert coverage.projects_without_budget["project_id"].tolist() == ["P-IRN-BMM"]
    assert (coverage.projects_with_budget, coverage.projects_total) == (4, 5)
    events = coverage.events_without_budget.set_index("event_id")["reason"].to_dict()
    assert events == {"EV-2020-ONLINE-TRIP": "belongs to no project",
                      "EV-2021-CAIRO": "belongs to no project",
                      "EV-IRN-WORKSHOP": "project's budget unknown"}
    hosts = coverage.events_without_budget.set_index("event_id")["host"].to_dict()
    assert hosts == {"EV-2020-ONLINE-TRIP": "online", "EV-2021-CAIRO": "Egypt", "EV-IRN-WORKSHOP": "Iran"}
    assert coverage.events_total == 9
    assert coverage.estimated_lines["funding_id"].tolist() == ["F-G5CBM-JPN"]


def test_known_budget_does_not_depend_on_the_funder_picked(dataset):
    view = view_of(dataset, funders=("GOV-JPN",))
    coverage = budget_coverage(view, funding_lines(view, "USD"))
    assert coverage.projects_without_budget.empty
    assert coverage.events_without_budget.empty  # the Niamey workshop belongs to the G5 project
    assert coverage.events_total == 1


# --- the table and its downloads ------------------------------------------------------------------

def test_funding_table_keeps_the_amount_as_given_next_to_the_converted_one(dataset):
    table = funding_table(lines_of(dataset, "USD"), "USD").set_index("Funding line")
    assert table.loc["F-JEMPAS2-AMIF", ["Amount", "Currency", "Amount in USD"]].tolist() == [
        JEMPAS_II_AMIF, "EUR", 206_659.17]
    assert table.loc["F-G5CBM-JPN", ["Amount", "Currency", "Amount in USD", "Status"]].tolist() == [
        1_425_000, "USD", 1_425_000, "estimated"]
    assert table.loc["F-JEMPAS2-AMIF", "Rate (USD per unit)"] == 1.091107


def test_downloads_hold_exactly_the_rows_shown_under_a_funder_filter(dataset):
    table = funding_table(lines_of(dataset, "EUR", funders=("EU",)), "EUR")
    expected = dataset.funding[dataset.funding["funder_id"] == "EU"]
    for read in (pd.read_csv(io.BytesIO(csv_bytes(table)), encoding="utf-8-sig"),
                 pd.read_excel(io.BytesIO(excel_bytes(table)))):
        assert list(read.columns) == list(table.columns)
        assert len(read) == len(table) == 4
        assert sorted(read["Funding line"]) == sorted(expected["funding_id"])
        assert read["Amount"].tolist() == table["Amount"].tolist()
        assert read["Amount in EUR"].tolist() == pytest.approx(table["Amount in EUR"].tolist())
        assert read["Currency"].unique().tolist() == ["EUR"]


# --- sources and notes ----------------------------------------------------------------------------

def test_source_lines_name_the_documents_and_the_rates_when_converting(dataset):
    lines = lines_of(dataset)
    ids = figure_source_ids(lines, "EUR", fx_rates=dataset.fx_rates)
    assert ids == ["SEC-ICMPD-JEMPAS", "SEED-002", "SEC-IOM-JOR-2017", "SEC-G5-PROPOSAL", "REF-FED-FX"]
    assert "US Federal Reserve" in source_line(dataset, ids)
    eu_only = lines_of(dataset, funders=("EU",))  # all EUR: nothing converted in EUR
    assert "REF-FED-FX" not in figure_source_ids(eu_only, "EUR", fx_rates=dataset.fx_rates)
    assert "REF-FED-FX" in figure_source_ids(eu_only, "USD", fx_rates=dataset.fx_rates)
    with_projects = figure_source_ids(lines, "EUR", with_projects=True)
    assert "SEED-000" in with_projects and "SEED-001" in with_projects  # project rows' sources


def test_conversion_note_says_what_was_converted(dataset):
    assert conversion_note(lines_of(dataset), "EUR").startswith("Amounts in USD are converted to EUR")
    assert conversion_note(lines_of(dataset, funders=("EU",)), "EUR") == (
        "All amounts are in EUR as the sources give them; nothing is converted.")


# --- figures ------------------------------------------------------------------------------------

def test_funding_figure_bars_hatch_estimates_and_show_the_amount_as_given(dataset):
    figure = funding_figure(view_of(dataset), "EUR", "funder")
    bars = {t.name: t for t in figure.data if t.type == "bar"}
    assert set(bars) == {"EU", "Japan (estimate)"}
    assert bars["Japan (estimate)"].marker.pattern.shape == "/"
    assert not bars["EU"].marker.pattern.shape
    assert bars["Japan (estimate)"].x[0] == pytest.approx(1_316_700.10, abs=0.005)
    hover = bars["Japan (estimate)"].hovertext[0]
    assert "USD 1,425,000" in hover and "EUR 1,316,700.10" in hover and "April 2015" in hover
    assert list(figure.layout.yaxis.ticktext) == ["EU", "Japan"]


def test_funding_figure_every_view_builds(dataset):
    view = view_of(dataset)
    for by in ("instrument", "project", "implementer"):
        figure = funding_figure(view, "USD", by)
        assert sum(sum(t.x) for t in figure.data if t.type == "bar") == pytest.approx(
            totals(funding_lines(view, "USD")).total)
    treemap = funding_figure(view, "EUR", HIERARCHY).data[0]
    assert treemap.type == "treemap"
    assert "EU/AMIF/P-JEMPAS-II" in treemap.ids
    shapes = dict(zip(treemap.ids, treemap.marker.pattern.shape, strict=True))
    assert shapes["GOV-JPN//P-G5-CBM"] == "/" and shapes["EU/AMIF/P-JEMPAS-II"] == ""
    text_colours = dict(zip(treemap.ids, treemap.insidetextfont.color, strict=True))
    assert text_colours["EU"] == "#FFFFFF"  # white on the EU's blue
    assert text_colours["GOV-JPN"] == palette.TEXT  # dark on Japan's orange
    with pytest.raises(ValueError, match="by must be one of"):
        funding_figure(view, "EUR", "country")


def test_figures_of_an_empty_view_say_so(dataset):
    view = view_of(dataset, countries=("IRN",))  # Iran's project has no funding line
    for figure in (funding_figure(view, "EUR"), funding_figure(view, "EUR", HIERARCHY),
                   money_over_time_figure(view, "EUR")):
        assert figure.layout.annotations[0].text == "No funding lines match the filters."


def test_funder_colours_do_not_change_with_the_filters(dataset):
    colours = funder_colours(dataset)
    japan_only = funding_figure(view_of(dataset, funders=("GOV-JPN",)), "USD")
    assert japan_only.data[0].marker.color == colours["GOV-JPN"] != colours["EU"]


def test_text_from_the_data_is_escaped_in_labels(data_copy):
    hostile = "<b>JEMPAS</b> & <img src=x onerror=alert(1)>"
    set_cell(data_copy / "projects.csv", "project_id", "P-JEMPAS-II", "short_title", hostile)
    dataset = load_dataset(data_copy)
    view = view_of(dataset)
    figure = funding_figure(view, "EUR", "project")
    ticks = list(figure.layout.yaxis.ticktext)
    assert "&lt;b&gt;JEMPAS&lt;/b&gt; &amp; &lt;img src=x onerror=alert(1)&gt;" in ticks
    texts = [h for t in figure.data if t.type == "bar" for h in t.hovertext]
    texts += list(money_over_time_figure(view, "EUR").data[-1].hovertext or [])
    texts += list(funding_figure(view, "EUR", HIERARCHY).data[0].hovertext)
    assert not any("<img" in text or "<b>JEMPAS</b>" in text for text in texts)
    assert any("&lt;b&gt;JEMPAS&lt;/b&gt; &amp; &lt;img" in text for text in texts)


def test_an_unconvertible_line_is_kept_apart_never_added(data_copy):
    set_cell(data_copy / "funding.csv", "funding_id", "F-G5CBM-JPN", "currency", "XOF")
    dataset = load_dataset(data_copy)
    lines = funding_lines(view_of(dataset), "EUR")
    money = totals(lines)
    assert money.unconverted == 1
    assert money.total == pytest.approx(8_175_711.90, abs=0.005)  # the EU lines only
    spread = spread_over_months(lines, dataset.projects)
    reasons = spread.not_spread.set_index("funding_id")["reason"]
    assert "no XOF rate for April 2015" in reasons["F-G5CBM-JPN"]
    assert "GOV-JPN" not in set(totals_by(lines, "funder")["key"])
    table = funding_table(lines, "EUR").set_index("Funding line")
    assert pd.isna(table.loc["F-G5CBM-JPN", "Amount in EUR"])
    assert table.loc["F-G5CBM-JPN", "Conversion"].startswith("not converted")
