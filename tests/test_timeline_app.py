"""AppTest for the Participation timeline page: the figures it shows, its controls and links."""

from __future__ import annotations

import pandas as pd

from components.pages import PAGES
from tests.test_app_pages import open_page

TIMELINE = next(p for p in PAGES if p.url_path == "timeline")


def test_timeline_headline_figures():
    at = open_page(TIMELINE)
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Events on the timeline"] == "4"  # Niamey, Jordan roundtable, online 2020, Cairo
    assert metrics["Events without a date"] == "5"
    assert metrics["Participants counted"] == "136"  # 55 in Cairo + 81 in Iran (undated)
    assert metrics["Countries taking part"] == "14"  # named by the sources
    apart = {m.label: m.delta for m in at.metric}["Countries taking part"]
    assert apart == "+12 via the Arab League"  # the online workshop's group, shown apart
    titles = [m.value for m in at.markdown]
    assert any("migration management and border governance, Iran" in t for t in titles)
    assert any("Project: Iran border" in t for t in titles)


def test_timeline_country_table_keeps_the_cairo_count_whole():
    at = open_page(TIMELINE)
    assert not at.exception
    # the participation table (the charts' figures are tables too, in expanders above it)
    [table] = [frame.value for frame in at.dataframe if "ISO3" in frame.value.columns]
    table = table.set_index("ISO3")
    assert table.loc["IRN", "Officials counted"] == 81
    assert table.loc["JOR", "Events taken part in"] == 6
    assert table.loc["DZA", "Events taken part in"] == 0
    assert table.loc["DZA", "Via group (not counted)"] == "Arab League (1 event)"
    assert pd.isna(table.loc["SAU", "Officials counted"])
    assert table.loc["SAU", "Part of a count not split by country"].startswith(
        "55 participants from 8 countries together at Cairo")


def test_timeline_controls_switch_views_and_stay_in_the_link():
    at = open_page(TIMELINE)
    assert not at.exception
    assert at.segmented_control(key="timeline_per").value == "year"  # the default
    assert "per" not in at.query_params  # defaults stay out of the link
    at.segmented_control(key="timeline_colour").set_value("organiser").run()
    at.segmented_control(key="timeline_by").set_value("participant").run()
    at.segmented_control(key="timeline_per").set_value("quarter").run()
    assert not at.exception
    assert (at.query_params["colour"], at.query_params["by"], at.query_params["per"]) == (
        "organiser", "participant", "quarter")
    captions = " ".join(c.value for c in at.caption)
    assert "55 participants from 8 countries together" in captions
    assert "shown as one hatched block" in captions
    assert "cannot be placed in a quarter" in captions


def test_timeline_follows_a_link_with_a_country_filter():
    at = open_page(TIMELINE, {"country": "IRN"})
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Events on the timeline"] == "0"
    assert metrics["Events without a date"] == "1"
    assert metrics["Participants counted"] == "81"
    assert at.dataframe[0].value.set_index("ISO3").loc["IRN", "Officials counted"] == 81


def test_timeline_says_when_a_year_filter_hides_undated_events():
    at = open_page(TIMELINE, {"from": "2020"})
    assert not at.exception
    assert any("5 event(s) without a date, or without a year, are not listed while a year range is set"
               in c.value for c in at.caption)
    assert {m.label: m.value for m in at.metric}["Events on the timeline"] == "2"


def test_timeline_link_settings_are_read_and_bad_ones_named():
    at = open_page(TIMELINE, {"per": "quarter", "by": "everyone"})
    assert not at.exception
    assert at.segmented_control(key="timeline_per").value == "quarter"
    assert at.segmented_control(key="timeline_by").value == "host"
    assert any("Ignored 'by=everyone' in the link" in w.value for w in at.warning)


def test_timeline_runs_on_data_without_events(data_copy, monkeypatch):
    (data_copy / "events.csv").unlink()
    monkeypatch.setenv("CROSSINGS_DATA_DIR", str(data_copy))
    at = open_page(TIMELINE)
    assert not at.exception, [e.message for e in at.exception]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Events on the timeline"] == "0"
    assert metrics["Participants counted"] == "0"  # no events, so none to count
