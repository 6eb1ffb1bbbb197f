"""What the speed work relies on: results kept once per dataset or view and never shared
mutably, figures made in one go that match what plotly's own helpers made, charts that stay
readable and complete when the data grows, the map's features sent once, the outlines cached
on disk. Expected figures are worked out by hand from data/funding.csv and data/projects.csv."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from plotly.subplots import make_subplots

from crossings.data.memo import Memo
from crossings.figures import budget as budget_figures
from crossings.figures import geometry
from crossings.figures.activity_map import activity_map, shading
from crossings.figures.budget import funding_figure, money_over_time_figure
from crossings.figures.geometry import load_world, load_world_cached
from crossings.figures.map_popups import event_popups
from crossings.figures.plotly_spec import merged, stacked_rows
from crossings.text.rows import first_few, records
from crossings.views.currency import RateTable, convert_lines
from crossings.views.filtered_view import apply_filters
from crossings.views.filters import FilterState
from tests.test_maps import children_of

JEMPAS_I = 2_500_000
JEMPAS_II = 189_403.21 + 206_308.69  # AMIF and ISF-Police lines
G5_IN_EUR = 1_425_000 / 1.082251  # USD at the April 2015 rate
JORDAN_SYRIA = 5_280_000


@pytest.fixture
def everything(dataset):
    return apply_filters(dataset, FilterState())


# --- results kept once ------------------------------------------------------------------------

def test_memo_computes_once_and_hands_out_frames_that_can_be_changed():
    memo, calls = Memo(), []

    def compute():
        calls.append(1)
        return pd.DataFrame({"amount": [1.0, 2.0]})

    first = memo.get("lines", compute)
    first["amount"] = 0.0
    first["extra"] = "added"
    second = memo.get("lines", compute)
    assert len(calls) == 1
    assert second["amount"].tolist() == [1.0, 2.0] and "extra" not in second.columns


def test_changing_a_views_frames_never_changes_the_dataset(dataset):
    before = {name: frame.copy() for name, frame in dataset.tables.items()}
    for state in (FilterState(), FilterState(funders=("EU",), year_from=2016, year_to=2020)):
        view = apply_filters(dataset, state)
        view.events.loc[view.events.index[0], "title"] = "changed"
        view.events["participants"] = 0
        view.funding.loc[view.funding.index[0], "amount"] = -1.0
        view.event_countries["role"] = "changed"
    for name, frame in dataset.tables.items():
        pd.testing.assert_frame_equal(frame, before[name])


def test_a_views_copy_has_its_own_frames_and_shares_the_memo(dataset):
    view = apply_filters(dataset, FilterState(funders=("EU",)))
    copy = view.copy()
    copy.events.loc[copy.events.index[0], "title"] = "changed"
    copy.funding["amount"] = 0.0
    assert "changed" not in set(view.events["title"])
    assert view.funding["amount"].sum() == pytest.approx(JEMPAS_II + JEMPAS_I + JORDAN_SYRIA)
    assert copy.memo is view.memo
    assert copy.state == view.state and copy.dataset is view.dataset


def test_the_dataset_keeps_its_tables_whatever_pages_work_out(dataset):
    before = {name: frame.copy() for name, frame in dataset.tables.items()}
    view = apply_filters(dataset, FilterState())
    assert event_popups(dataset) is event_popups(dataset)  # written once per dataset
    funding_figure(view, "EUR")
    money_over_time_figure(view, "USD", "month")
    for name, frame in dataset.tables.items():
        pd.testing.assert_frame_equal(frame, before[name])


# --- conversion keyed per distinct line -------------------------------------------------------

def test_lines_without_a_value_date_are_not_converted_whatever_their_missing_value(dataset):
    lines = pd.DataFrame({"amount": [100.0, 200.0, 300.0], "currency": ["EUR", "EUR", "EUR"],
                          "value_date": [float("nan"), float("nan"), "2020-02"],  # two NaN objects
                          "value_date_precision": ["unknown", "unknown", "month"]})
    converted = convert_lines(lines, RateTable(dataset.fx_rates), "USD")
    assert converted["converted"].isna().tolist() == [True, True, False]
    assert converted["conversion"].iloc[0].startswith("not converted: the value date is unknown")
    assert converted["converted"].iloc[2] == pytest.approx(300 * 1.091107)  # February 2020


# --- figures made in one go -------------------------------------------------------------------

def test_stacked_rows_lay_out_the_rows_as_make_subplots_does():
    ours = stacked_rows([3, 8], spacing=0.1, titles=["Projects", "Events"], title_font={"size": 15})
    theirs = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[3, 8], vertical_spacing=0.1,
                           subplot_titles=["Projects", "Events"]).layout
    for axis in ("yaxis", "yaxis2"):
        assert ours[axis]["domain"] == pytest.approx(list(theirs[axis].domain))
        assert ours[axis]["anchor"] == theirs[axis].anchor
    assert ours["xaxis"]["matches"] == theirs.xaxis.matches == "x2"
    assert ours["xaxis"]["showticklabels"] is False
    assert [a["y"] for a in ours["annotations"]] == pytest.approx([a.y for a in theirs.annotations])


def test_merged_lays_nested_settings_over_each_other():
    base = {"margin": {"l": 10, "t": 50}, "height": 300}
    assert merged(base, {"margin": {"t": 90}}, {"height": 400}) == {"margin": {"l": 10, "t": 90},
                                                                    "height": 400}
    assert base == {"margin": {"l": 10, "t": 50}, "height": 300}  # a new dict: base unchanged


def test_first_few_says_how_many_are_left_out():
    assert first_few(["a", "b", "c"], 2, "more lines") == ["a", "b", "… and 1 more lines"]
    assert first_few(["a"], 2) == ["a"]


def test_records_reads_rows_by_name(dataset):
    [cairo] = [e for e in records(dataset.events, ("event_id", "city")) if e.event_id == "EV-2021-CAIRO"]
    assert cairo.city == "Cairo"


# --- charts when the data grows ---------------------------------------------------------------

def test_many_groups_share_one_last_bar_and_nothing_is_left_out(everything):
    figure = funding_figure(everything, "EUR", "project", max_bars=2)
    assert list(figure.layout.yaxis.ticktext) == ["Jordan-Syria border (IcSP)", "3 other projects"]
    bars = [t for t in figure.data if t.type == "bar"]
    other = {t.name: x for t in bars for x, y in zip(t.x, t.y, strict=True) if y.endswith("(other)")}
    assert other == pytest.approx({"EU": JEMPAS_I + JEMPAS_II, "Japan (estimate)": G5_IN_EUR})
    assert sum(sum(t.x) for t in bars) == pytest.approx(JORDAN_SYRIA + JEMPAS_I + JEMPAS_II + G5_IN_EUR)


def test_a_hover_lists_a_few_lines_and_says_how_many_more(everything, monkeypatch):
    monkeypatch.setattr(budget_figures, "HOVER_LINES", 1)
    figure = funding_figure(everything, "EUR", "funder")
    eu = next(t for t in figure.data if t.type == "bar" and t.name == "EU")
    assert eu.hovertext[0].endswith("… and 3 more funding lines (all in the table below)")


def test_many_lines_become_one_segment_per_funder_with_the_same_amounts(everything, monkeypatch):
    monkeypatch.setattr(budget_figures, "MAX_LINE_SEGMENTS", 2)  # four lines can be spread
    figure = money_over_time_figure(everything, "EUR", "year")
    bars = {t.name: dict(zip(t.x, t.y, strict=True)) for t in figure.data if t.type == "bar"}
    assert set(bars) == {"EU", "Japan (estimate)"}
    assert bars["EU"] == pytest.approx({
        2016: JEMPAS_I * 12 / 42, 2017: JEMPAS_I * 12 / 42, 2018: JEMPAS_I * 12 / 42,
        2019: JEMPAS_I * 6 / 42, 2020: JEMPAS_II * 11 / 21, 2021: JEMPAS_II * 10 / 21})
    assert bars["Japan (estimate)"] == pytest.approx({2015: G5_IN_EUR * 9 / 12, 2016: G5_IN_EUR * 3 / 12})
    eu = next(t for t in figure.data if t.name == "EU")
    hover_2020 = eu.hovertext[list(eu.x).index(2020)]
    assert "from 2 funding lines" in hover_2020 and "JEMPAS II · AMIF" in hover_2020


# --- the map ----------------------------------------------------------------------------------

def test_event_features_reach_the_browser_once(everything):
    from folium.plugins import MarkerCluster

    from crossings.figures.map_elements import FeatureLayer

    fmap = activity_map(everything, load_world(), shading(everything, "events_hosted"), "/outlines.json")
    [events] = children_of(children_of(fmap, MarkerCluster)[0], FeatureLayer)
    assert all(feature["properties"] == {} for feature in events.collection["features"])
    assert events.properties["EV-2021-CAIRO"]["popup"].startswith('<div class="crossings-popup">')
    script = fmap.get_root().render()
    assert script.count("Police Academy of the Ministry of Interior") == 1  # Cairo's popup, once


def test_outlines_are_cached_on_disk_and_read_back(tmp_path, monkeypatch):
    first = load_world_cached(cache_dir=tmp_path)
    [cached] = tmp_path.glob("world-*.json")
    assert len(json.loads(cached.read_text())) == len(first.shapes) == 241

    def no_simplifying(*args, **kwargs):
        raise AssertionError("simplified again instead of reading the cache")

    monkeypatch.setattr(geometry, "load_world", no_simplifying)
    again = load_world_cached(cache_dir=tmp_path)
    assert again.shapes == first.shapes
    assert again.shape("BHR").anchor == first.shape("BHR").anchor


def test_a_broken_or_unwritable_cache_only_costs_time(tmp_path):
    folder = tmp_path / "cache"
    load_world_cached(cache_dir=folder)
    [cached] = folder.glob("world-*.json")
    cached.write_text("{ not json")
    assert len(load_world_cached(cache_dir=folder).shapes) == 241  # worked out again...
    assert json.loads(cached.read_text())  # ...and the cache repaired
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    assert len(load_world_cached(cache_dir=blocked / "cache").shapes) == 241  # cannot write: fine
