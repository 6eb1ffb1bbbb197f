"""Announced, postponed and cancelled events are shown as what they are and never counted;
events whose status is not known count, marked so. On every page and on the deck."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from components.pages import PAGES
from crossings.data.loading import load_dataset
from crossings.exports.slides import build_deck
from crossings.figures.activity_map import activity_legend_html, shading
from crossings.figures.map_popups import event_features, event_popups, kind_colours
from crossings.figures.timeline import NOT_COUNTED_SYMBOL, timeline_figure
from crossings.files import ROOT
from crossings.views.filtered_view import apply_filters
from crossings.views.filters import FilterState
from crossings.views.map_metrics import country_figures
from crossings.views.metrics import headline
from crossings.views.participation import participants_by_period
from crossings.views.participation_by_country import country_participation
from crossings.views.tables import browse
from tests.helpers import add_row, as_read

PAGE = {spec.url_path: spec for spec in PAGES}


@pytest.fixture
def with_statuses(data_copy):
    """The bundled data plus: a workshop announced in Togo with 70 expected participants (its
    release came out before it), one cancelled in Ghana, and one in Niger whose status no
    source gives, with 30 participants."""
    add_row(data_copy / "sources.csv", source_id="SRC-ANNOUNCE", title="Workshop to be held in Lomé",
            publisher="Test", published="2021-08-30", published_status="stated", kind="press_release")
    place = {"mode": "in_person", "date_status": "stated", "location_precision": "city", "kind": "workshop"}
    add_row(data_copy / "events.csv", event_id="EV-ANNOUNCED", title="Announced workshop, Lomé",
            status="announced", start_date="2021-09-14", end_date="2021-09-16", city="Lomé", host_iso3="TGO",
            lat="6.13", lon="1.22", participants="70", source_id="SRC-ANNOUNCE", **place)
    add_row(data_copy / "event_countries.csv", event_id="EV-ANNOUNCED", country_iso3="TGO", role="host",
            source_id="SRC-ANNOUNCE")
    add_row(data_copy / "event_countries.csv", event_id="EV-ANNOUNCED", country_iso3="BEN",
            role="participant", source_id="SRC-ANNOUNCE")
    add_row(data_copy / "events.csv", event_id="EV-CANCELLED", title="Cancelled training, Accra",
            status="cancelled", start_date="2021-10", end_date="2021-10", city="Accra", host_iso3="GHA",
            lat="5.6", lon="-0.19", participants="20", source_id="SRC-ANNOUNCE", **place)
    add_row(data_copy / "events.csv", event_id="EV-NOT-KNOWN", title="Meeting of unknown status, Niamey",
            status="not_known", start_date="2019-05", end_date="2019-05", city="Niamey", host_iso3="NER",
            lat="13.51", lon="2.13", participants="30", source_id="SEED-001", **place)
    dataset = load_dataset(data_copy)
    assert dataset.problems == []
    return data_copy, dataset


def test_headline_counts_held_and_not_known_only(with_statuses):
    _, dataset = with_statuses
    figures = headline(apply_filters(dataset, FilterState()))
    assert (figures.events, figures.participants, figures.countries_engaged) == (10, 166, 19)
    assert figures.status_not_known == 1
    assert figures.not_counted == {"announced": 1, "cancelled": 1}
    assert figures.not_counted_text == "Not counted: 1 announced, 1 cancelled events."


def test_map_counts_nothing_for_them_and_marks_them(with_statuses):
    _, dataset = with_statuses
    view = apply_filters(dataset, FilterState())
    hosted = country_figures(view, "events_hosted")
    assert "TGO" not in hosted and "GHA" not in hosted and "BEN" not in hosted
    assert hosted["NER"].value == 2  # Niamey, and the meeting of unknown status
    assert country_figures(view, "participants")["NER"].value == 30
    features = {f["id"]: f["properties"] for f in event_features(view)}
    assert (features["EV-ANNOUNCED"]["counted"], features["EV-NOT-KNOWN"]["counted"]) == (False, True)
    popups = event_popups(dataset).many(["EV-ANNOUNCED", "EV-NOT-KNOWN"])
    assert "announced; not counted in the figures" in popups["EV-ANNOUNCED"]
    assert "70 expected" in popups["EV-ANNOUNCED"]
    assert "status not known" in popups["EV-NOT-KNOWN"]
    legend = activity_legend_html(shading(view, "events_hosted"), kind_colours(dataset), event_features(view))
    assert "Announced, postponed or cancelled: not counted" in legend


def test_timeline_draws_them_apart_and_participation_leaves_them_out(with_statuses):
    _, dataset = with_statuses
    view = apply_filters(dataset, FilterState())
    per_year = participants_by_period(view, "year", "host")
    assert int(per_year.totals["participants"].sum()) == 55 + 30  # Cairo, and Niamey 2019; Iran undated
    assert "EV-ANNOUNCED" not in set(per_year.unplaced["event_id"])
    countries = country_participation(view)
    assert not {"TGO", "GHA", "BEN"} & set(countries["iso3"])
    figure = timeline_figure(view)
    crosses = [t for t in figure.data if getattr(t.marker, "symbol", None) == NOT_COUNTED_SYMBOL]
    assert "Announced, postponed or cancelled: not counted" in {t.name for t in crosses}  # the legend
    drawn = " ".join(str(list(t.hovertext)) for t in crosses if t.hovertext is not None)
    assert "Announced workshop, Lomé" in drawn and "Status: announced; not counted" in drawn


def test_deck_counts_them_out(with_statuses):
    _, dataset = with_statuses
    deck = build_deck(apply_filters(dataset, FilterState()))
    facts = {fact.label: fact for fact in deck.slides[0].facts}
    assert (facts["Events"].value, facts["Participants"].value, facts["Countries engaged"].value) == (
        "10", "166", "19")
    assert "Not counted: 1 announced, 1 cancelled events." in facts["Events"].note
    assert "1 with status not known." in facts["Events"].note
    activity = deck.slides[1].activity
    assert not {"TGO", "GHA", "BEN"} & set(activity["iso3"])
    assert any(note == "Not counted: 2 announced, postponed or cancelled event(s)."
               for note in deck.slides[1].notes)


def test_downloads_show_them_as_what_they_are(with_statuses):
    _, dataset = with_statuses
    events = browse(apply_filters(dataset, FilterState()), "events").rows.set_index("event_id")
    assert events.loc["EV-ANNOUNCED", "status"] == "announced"
    assert events.loc["EV-CANCELLED", "status"] == "cancelled"


def _open(folder, monkeypatch, page):
    monkeypatch.setenv("CROSSINGS_DATA_DIR", str(folder))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    if page != "overview":
        at.switch_page(PAGE[page].file).run()
    assert not at.exception
    return at


def test_every_page_leaves_them_out_of_its_totals(with_statuses, monkeypatch):
    folder, _ = with_statuses
    overview = _open(folder, monkeypatch, "overview")
    metrics = {m.label: m for m in overview.metric}
    assert (metrics["Events"].value, metrics["Participants"].value, metrics["Countries"].value) == (
        "10", "166", "19")
    assert metrics["Events"].delta == "1 announced, 1 cancelled events, not counted"
    cards = " ".join(m.value for m in overview.markdown).replace("\\", "")  # Markdown escapes
    assert "Announced workshop, Lomé** (announced; not counted)" in cards
    timeline = _open(folder, monkeypatch, "timeline")
    assert {m.label: m.value for m in timeline.metric}["Participants counted"] == "166"
    map_page = _open(folder, monkeypatch, "map")
    table = next(frame.value for frame in map_page.dataframe if "detail" in frame.value.columns)
    assert "TGO" not in set(table["iso3"]) and len(table[table["metric"] != "via group"]) == 19
    presenter = _open(folder, monkeypatch, "presenter")
    assert {m.label: m.value for m in presenter.metric}["Events"] == "10"
    budget = _open(folder, monkeypatch, "budget")
    unknown = budget.container(key="budget_unknown_events").table[0].value.map(as_read)
    assert unknown.set_index("Title").loc["Announced workshop, Lomé", "Status"] == "announced, not counted"
    for page in ("data", "sources", "import_data"):
        _open(folder, monkeypatch, page)
