"""A group a source names instead of its countries: members read at the event's date, found
by a filter on a member country, counted apart and drawn apart ("via group")."""

from __future__ import annotations

import pandas as pd
from matplotlib.colors import to_hex
from streamlit.testing.v1 import AppTest

from crossings.data.loading import load_dataset
from crossings.exports.images import BOUNDARY_DISCLAIMER, Caption
from crossings.figures import palette
from crossings.figures.activity_map import activity_legend_html, shading
from crossings.figures.map_elements import VIA_GROUP_FILL
from crossings.figures.map_popups import event_features, event_popups, kind_colours
from crossings.figures.static_map import activity_by_country, map_figure
from crossings.files import ROOT
from crossings.views.filtered_view import apply_filters
from crossings.views.filters import FilterState, choices
from crossings.views.groups import AS_LISTED, AT_DATE, group_reach
from crossings.views.metrics import headline
from crossings.views.profiles import country_profile
from tests.helpers import add_row

ONLINE = "EV-2020-ONLINE-TRIP"


def test_the_online_workshop_reaches_the_league_as_listed_today(dataset):
    reach = group_reach(dataset)
    online = reach[reach["event_id"] == ONLINE]
    assert len(online) == 21 and set(online["reading"]) == {AS_LISTED}  # the Factbook gives no years
    assert not online["named"].any()  # the seed names no country for it
    niamey = reach[reach["event_id"] == "EV-2015-NIAMEY"]
    assert set(niamey["country_iso3"]) == {"MLI", "NER", "MRT", "BFA", "TCD"} and niamey["named"].all()


def test_a_member_country_filter_finds_the_event_marked_via_the_group(dataset):
    assert "DZA" in choices(dataset).countries  # offered, though no source names it
    view = apply_filters(dataset, FilterState(countries=("DZA",)))
    assert view.events["event_id"].tolist() == [ONLINE]
    assert view.matched_via_groups == {ONLINE: "Algeria via the Arab League"}
    figures = headline(view)
    assert (figures.events, figures.countries_engaged) == (1, 0)
    assert figures.via_groups == "+21 via the Arab League"  # no country named at all, 21 via the group
    # Jordan is named at other events, but at this one only through the League
    jordan = apply_filters(dataset, FilterState(countries=("JOR",)))
    assert ONLINE in set(jordan.events["event_id"])
    assert jordan.matched_via_groups == {ONLINE: "Jordan via the Arab League"}
    # a country named for the event is not marked: Niger at Niamey
    assert apply_filters(dataset, FilterState(countries=("NER",))).matched_via_groups == {}


def test_headline_counts_named_countries_and_the_group_apart(dataset):
    figures = headline(apply_filters(dataset, FilterState()))
    assert figures.countries_engaged == 19
    assert figures.via_groups == "+12 via the Arab League"


def test_drawn_via_group_on_the_map(dataset):
    view = apply_filters(dataset, FilterState())
    shade = shading(view, "events_hosted")
    assert "DZA" not in shade.figures and "DZA" in shade.via_group
    assert shade.fill("DZA") == VIA_GROUP_FILL
    assert shade.fill("JOR") != VIA_GROUP_FILL  # named elsewhere: shaded by its figure
    assert shade.tooltip_lines("DZA")[0].startswith("Took part only via the Arab League, at 1 event")
    legend = activity_legend_html(shade, kind_colours(dataset), event_features(view))
    assert "Only via a group a source names" in legend


def test_drawn_via_group_on_the_slide_map(dataset):
    activity = activity_by_country(apply_filters(dataset, FilterState()))
    figure = map_figure(activity, Caption("t", "s", pd.Timestamp("2026-01-01").date(),
                                          disclaimer=BOUNDARY_DISCLAIMER), 800, 450)
    (axes,) = figure.axes
    edges = {to_hex(colour).upper() for collection in axes.collections
             for colour in collection.get_edgecolors()}
    assert palette.VIA_GROUP.upper() in edges
    labels = [text.get_text() for text in figure.legends[0].get_texts()]
    assert "Only via a group a source names" in labels


def test_tables_mark_via_group(dataset):
    profile = country_profile(dataset, "DZA")
    roles = dict(zip(profile.events["event_id"], profile.events["country_role"], strict=True))
    assert roles == {ONLINE: "participant via the Arab League (group named, not the country)"}


def test_membership_is_read_at_the_events_date(data_copy):
    """A membership with years counts only when they cover the event's date; without a date to
    read at, the members listed today (no end year)."""
    add_row(data_copy / "groups.csv", group_id="G-TEST", name="Test group", source_id="SEED-001")
    add_row(data_copy / "group_members.csv", group_id="G-TEST", country_iso3="GHA", since="2010",
            until="2015", source_id="SEED-001")
    add_row(data_copy / "group_members.csv", group_id="G-TEST", country_iso3="TGO", since="2016",
            source_id="SEED-001")
    common = {"kind": "meeting", "status": "held", "mode": "online", "location_precision": "none",
              "source_id": "SEED-001"}
    add_row(data_copy / "events.csv", event_id="EV-2012", title="2012", start_date="2012", end_date="2012",
            date_status="stated", **common)
    add_row(data_copy / "events.csv", event_id="EV-2020", title="2020", start_date="2020-03",
            end_date="2020-03", date_status="stated", **common)
    add_row(data_copy / "events.csv", event_id="EV-UNDATED", title="undated", date_status="unknown", **common)
    for event_id in ("EV-2012", "EV-2020", "EV-UNDATED"):
        add_row(data_copy / "event_groups.csv", event_id=event_id, group_id="G-TEST", role="participant",
                source_id="SEED-001")
    dataset = load_dataset(data_copy)
    assert dataset.problems == []
    reach = group_reach(dataset).set_index("event_id")
    assert reach.loc[["EV-2012"], ["country_iso3", "reading"]].values.tolist() == [["GHA", AT_DATE]]
    assert reach.loc[["EV-2020"], ["country_iso3", "reading"]].values.tolist() == [["TGO", AT_DATE]]
    assert reach.loc[["EV-UNDATED"], ["country_iso3", "reading"]].values.tolist() == [["TGO", AS_LISTED]]


def test_overview_says_the_event_was_found_via_the_group(monkeypatch):
    monkeypatch.delenv("CROSSINGS_DATA_DIR", raising=False)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["country"] = "DZA"
    at.run()
    assert not at.exception
    metrics = {m.label: m for m in at.metric}
    assert (metrics["Countries"].value, metrics["Countries"].delta) == ("0", "+21 via the Arab League")
    captions = " ".join(c.value for c in at.caption).replace("\\", "")  # Markdown escapes
    assert "found via group: Algeria via the Arab League" in captions


def test_a_located_event_naming_a_group_says_so_in_its_popup(data_copy):
    add_row(data_copy / "events.csv", event_id="EV-AMMAN", title="Regional meeting, Amman", kind="meeting",
            status="held", mode="in_person", date_status="unknown", city="Amman", host_iso3="JOR",
            lat="31.95", lon="35.93", location_precision="city", source_id="SEED-003")
    add_row(data_copy / "event_groups.csv", event_id="EV-AMMAN", group_id="ARAB-LEAGUE", role="participant",
            source_id="SEED-003")
    popup = event_popups(load_dataset(data_copy)).many(["EV-AMMAN"])["EV-AMMAN"]
    # Jordan hosts, so it is named; the League's other 20 members are there via the group
    assert "<dt>Via group</dt><dd>Arab League: 20 countries (as listed today)</dd>" in popup
