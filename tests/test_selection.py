"""Rows picked fast (crossings.views.selection), texts written when first asked for
(crossings.data.memo.Written), and what the map and the timeline send beyond a thousand events."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crossings.data.memo import Written
from crossings.views.selection import member, positions, rows_of, tagged, take


def test_member_answers_as_isin_does_missing_values_never_match():
    column = pd.Series(["JOR", "EGY", None, "SDN", "SSD", "JOR"], dtype="str")
    for values in ({"JOR", "SDN"}, ["SSD"], pd.Series(["EGY", "JOR"], dtype="str"), {"JOR": 1}, []):
        expected = column.isin(list(values)).to_numpy() & column.notna().to_numpy()
        assert member(column, values).tolist() == expected.tolist()
    assert member(column, {None, "EGY"}).tolist() == [False, True, False, False, False, False]
    assert member(pd.Series([], dtype="str"), {"JOR"}).tolist() == []


def test_links_are_followed_by_position():
    events = pd.Series(["E1", "E2", "E3"], dtype="str")
    at = positions(pd.Series(["E3", "E1", "E9", "E3"], dtype="str"), events)
    assert at.tolist() == [2, 0, -1, 2]
    keep = np.array([True, False, True])
    assert take(keep, at).tolist() == [True, True, False, True]  # E9 has no event: never kept
    assert rows_of(3, at).tolist() == [True, False, True]


def test_tagged_matches_whole_names_in_a_list():
    topics = pd.Series(["biometrics;idm", "idm", None, "border-idm", ""], dtype="str")
    assert tagged(topics, {"idm"}).tolist() == [True, True, False, False, False]
    assert tagged(topics, {"biometrics", "border-idm"}).tolist() == [True, False, False, True, False]


def test_written_writes_each_text_once_and_keeps_at_most_the_limit():
    asked: list[list[str]] = []

    def write(ids):
        asked.append(list(ids))
        return {i: f"text of {i}" for i in ids if i != "unknown"}

    texts = Written(write, limit=3)
    assert texts.many(["a", "b"]) == {"a": "text of a", "b": "text of b"}
    assert texts.many(["b", "c", "unknown"]) == {"b": "text of b", "c": "text of c"}
    assert asked == [["a", "b"], ["c", "unknown"]]  # b was kept
    texts.many(["d"])  # a fourth text: the oldest (a) goes
    texts.many(["a"])
    assert asked[-1] == ["a"]


@pytest.fixture(scope="module")
def large_view(tmp_path_factory):
    """2,250 events (bench/generate.py at 250 times the data), unfiltered."""
    from bench.generate import generate
    from crossings.data.loading import load_dataset
    from crossings.views.filtered_view import apply_filters
    from crossings.views.filters import FilterState

    folder = tmp_path_factory.mktemp("large") / "data"
    generate(250, folder)
    return apply_filters(load_dataset(folder), FilterState())


def test_beyond_a_thousand_events_the_map_has_one_marker_per_place(large_view):
    from crossings.figures.map_popups import MAX_EVENT_MARKERS, PLACE_POPUP_EVENTS, event_features

    events = large_view.events
    located = events[events["lat"].notna() & events["lon"].notna()]
    assert len(located) > MAX_EVENT_MARKERS
    features = event_features(large_view)
    places = located.groupby(["lat", "lon"]).size()
    assert len(features) == len(places)
    assert sum(f["properties"]["count"] for f in features) == len(located)  # no event left out
    busiest = max(features, key=lambda f: f["properties"]["count"])
    popup = busiest["properties"]["popup"]
    assert popup.count("<li>") == PLACE_POPUP_EVENTS
    assert f"… and {busiest['properties']['count'] - PLACE_POPUP_EVENTS:,} more" in popup


def test_beyond_a_thousand_events_the_timeline_counts_events_per_month(large_view):
    from crossings.figures.timeline import MAX_EVENT_LANES, MAX_EVENT_MARKS, timeline_figure
    from crossings.views.timeline import event_categories, event_spans

    spans = event_spans(large_view)
    assert len(spans) > MAX_EVENT_MARKS
    figure = timeline_figure(large_view, "topic")
    titles = [a.text for a in figure.layout.annotations]
    assert any(f"{len(spans):,} events, shown as events per month" in t for t in titles)
    lane_points = [t for t in figure.data if t.type == "scatter" and t.yaxis == "y2" and t.hovertext]
    months = {(t.name, x) for t in lane_points for x in t.x}
    assert len(months) <= 16 * 12 * 23  # at most one mark per lane and month, whatever the events
    categories = event_categories(large_view, "topic")
    drawn = categories[categories["event_id"].isin(spans["event_id"])]
    drawn = drawn.drop_duplicates(["event_id", "category"])
    # the 15 topics with the most events have a lane each; the rest share one ("other")
    ranked = drawn.groupby("category")["event_id"].nunique().reset_index()
    ranked = ranked.sort_values(["event_id", "category"], ascending=[False, True])
    own_lane = drawn["category"].isin(ranked["category"].head(MAX_EVENT_LANES - 1))
    expected = own_lane.sum() + drawn.loc[~own_lane, "event_id"].nunique()
    counted = sum(int(h.split("</b><br>")[1].split(": ")[1].split(" event")[0].replace(",", ""))
                  for t in lane_points for h in t.hovertext)
    assert counted == expected  # every event counted once in each of its lanes


def test_a_view_takes_a_table_out_only_when_it_is_read(dataset):
    from crossings.views.filtered_view import FILTERED_TABLES, apply_filters
    from crossings.views.filters import FilterState

    state = FilterState(countries=("JOR",))
    view = apply_filters(dataset, state)
    assert "_frames" not in view.__dict__  # nothing taken out yet
    for name in FILTERED_TABLES:
        assert view.count(name) == len(view.table(name))
    assert len(view.events) < len(dataset.events)
    assert set(view.__dict__["_frames"]) == set(FILTERED_TABLES)

    run = view.copy()
    run.events.loc[run.events.index[0], "title"] = "changed by one page run"
    assert view.events.iloc[0]["title"] != "changed by one page run"  # the kept view is untouched
    assert view.copy().events.iloc[0]["title"] == view.events.iloc[0]["title"]
    assert run.memo is view.memo
