"""Embeds in AppTest: a link with ?figure= shows that figure alone, never an internal record, and
the pages' iframe code holds the embed's address with the current filters.
(AppTest cannot see inside the folium map: the map is checked by what st_folium is handed.)"""

from __future__ import annotations

import json

import pytest
import streamlit as st

from components.pages import PAGES
from tests.helpers import open_folds, set_cell
from tests.test_app_pages import open_page
from tests.test_visibility import INTERNAL_TITLE, with_internal  # noqa: F401 (a fixture)

MAP, BUDGET, TIMELINE = (next(spec for spec in PAGES if spec.url_path == path)
                         for path in ("map", "budget", "timeline"))


def element_types(at) -> set[str]:
    return {element.type for element in at.main} | {element.type for element in at.sidebar}


def component_args(at) -> str:
    """What the custom components on the page (the folium map) were handed, as text."""
    return " ".join(str(node.proto) for node in at.get("component_instance"))


def test_embedded_map_is_the_map_alone():
    at = open_page(MAP, {"figure": "map", "country": "JOR"})
    assert not at.exception
    assert len(at.get("component_instance")) == 1  # the map
    assert len(at.sidebar) == 0  # no filters, no page links, no language picker
    assert not at.selectbox and not at.multiselect and not at.toggle and not at.expander
    assert not at.title and not at.dataframe and not at.metric
    caption = " ".join(c.value for c in at.caption)
    assert caption.startswith("Map · Showing: Country\\: Jordan · Crossings")  # names escaped for Markdown
    assert "Boundaries, names and designations" in caption


def test_the_map_page_without_figure_is_the_whole_page():
    at = open_page(MAP)
    open_folds(at)
    assert len(at.sidebar) > 0 and at.title[0].value == "Map"


@pytest.mark.parametrize(("spec", "figure", "height"),
                         [(BUDGET, "funding", 400), (BUDGET, "money", 800), (TIMELINE, "timeline", 400),
                          (TIMELINE, "participants", 600), (TIMELINE, "heatmap", 400)])
def test_embedded_chart_is_the_chart_alone(spec, figure, height):
    at = open_page(spec, {"figure": figure, "height": str(height)})
    assert not at.exception
    charts = at.get("plotly_chart")
    assert len(charts) == 1
    layout = json.loads(charts[0].proto.spec)["layout"]
    # as tall as the frame leaves it, or as the chart needs when that is more (the frame scrolls)
    fixed = figure in ("money", "participants")  # charts whose height does not grow with the data
    assert layout["height"] == height - 48 if fixed else layout["height"] >= height - 48
    assert "title" not in layout or not layout["title"].get("text")  # the caption says it
    if spec is BUDGET:  # its legend hangs under the title: lifted to the top without it
        assert layout["legend"]["y"] == 1
    assert not any(note["text"].startswith("Sources:") for note in layout.get("annotations", []))
    assert len(at.sidebar) == 0 and not at.title and not at.metric and not at.dataframe


def test_a_figure_of_another_page_is_ignored():
    at = open_page(MAP, {"figure": "funding"})
    assert not at.exception
    assert at.title[0].value == "Map" and len(at.sidebar) > 0


def test_an_embed_never_shows_an_internal_record(with_internal, monkeypatch):  # noqa: F811
    # and a dated event in Jordan marked internal, on the timeline of the team's pages
    set_cell(with_internal / "events.csv", "event_id", "EV-2018-JOR-ROUNDTABLE", "visibility", "internal")
    roundtable = "Roundtable on border management experience in the region, Jordan"
    monkeypatch.setenv("CROSSINGS_DATA_DIR", str(with_internal))
    monkeypatch.delenv("CROSSINGS_AUDIENCE", raising=False)  # a team server: its pages show them
    full = open_page(TIMELINE)
    open_folds(full)
    assert roundtable in full.get("plotly_chart")[0].proto.spec
    timeline = open_page(TIMELINE, {"figure": "timeline"})
    assert not timeline.exception
    assert roundtable not in timeline.get("plotly_chart")[0].proto.spec
    whole_map = open_page(MAP)
    open_folds(whole_map)
    assert roundtable in component_args(whole_map)
    embedded_map = open_page(MAP, {"figure": "map", "country": "JOR"})
    assert not embedded_map.exception
    sent = component_args(embedded_map)
    assert "JOR" in sent and roundtable not in sent and INTERNAL_TITLE not in sent
    # the G5 Sahel project is internal: its funding is in no embed
    funding = open_page(BUDGET, {"figure": "funding"})
    assert "G5" not in funding.get("plotly_chart")[0].proto.spec


def iframe_code(at, figure: str | None = None) -> str:
    """The one iframe code on the page, or the one for `figure`."""
    [code] = [block.value for block in at.text_area if block.value.startswith("<iframe")
              and (figure is None or f"figure={figure}&" in block.value)]
    return code


def test_the_iframe_code_holds_the_embed_address_and_the_filters():
    at = open_page(MAP, {"funder": "GOV-JPN"})
    open_folds(at)
    assert not at.exception
    code = iframe_code(at)
    assert code.startswith('<iframe src="/map?embed=true&figure=map&height=500&funder=GOV-JPN"')
    assert 'width="100%" height="500"' in code and 'title="Crossings: Map"' in code
    at.selectbox(key="embed_height_map").set_value(800)
    at.selectbox(key="embed_width_map").set_value("640")
    at.run()
    code = iframe_code(at)
    assert "height=800" in code and 'width="640" height="800"' in code


def test_the_budget_iframe_code_holds_its_settings():
    at = open_page(BUDGET, {"currency": "USD", "from": "2016", "budget_per": "month"})
    open_folds(at)
    code = iframe_code(at, "funding")
    assert "currency=USD" in code and "from=2016" in code and "budget_by" not in code
    assert "budget_per=month" in iframe_code(at, "money")
    # each chart's code is drawn in its fragment: its control's choice is in it at once
    at.button_group(key="budget_by").set_value("instrument").run()
    assert "budget_by=instrument" in iframe_code(at, "funding")
    at.selectbox(key="embed_height_money").set_value(400).run()
    assert 'height="400"' in iframe_code(at, "money") and 'height="500"' in iframe_code(at, "funding")


def test_the_timeline_iframe_codes_hold_each_charts_settings():
    at = open_page(TIMELINE, {"per": "quarter", "show": "cumulative", "colour": "organiser"})
    open_folds(at)
    assert not at.exception
    participants = iframe_code(at, "participants")
    assert "per=quarter" in participants and "show=cumulative" in participants and "by=" not in participants
    assert "colour=organiser" in iframe_code(at, "timeline")
    assert 'title="Crossings: Countries × years: events taken part in"' in iframe_code(at, "heatmap")


def test_embedded_participants_follow_the_links_settings():
    at = open_page(TIMELINE, {"figure": "participants", "per": "quarter", "show": "cumulative"})
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    names = {str(x) for trace in spec["data"] for x in trace.get("x", [])}
    assert any("Q" in name for name in names)  # quarters, not years
    assert at.caption[0].value.startswith("Participants over time · Showing: All activity · Crossings")


def test_a_country_profile_embeds_its_land_borders():
    at = open_page(MAP, {"profile": "IRN"})
    open_folds(at)
    code = iframe_code(at, "neighbours")
    assert "profile=IRN" in code and 'title="Crossings: Iran: land borders"' in code
    embedded = open_page(MAP, {"figure": "neighbours", "profile": "IRN", "lang": "fr"})
    assert not embedded.exception
    [chart] = embedded.get("plotly_chart")
    bars = json.loads(chart.proto.spec)["data"][0]
    assert "Irak" in bars["y"] and "Turquie" in bars["y"]  # Iran's neighbours, in French
    assert embedded.caption[0].value.startswith("Iran \\: frontières terrestres")  # escaped Markdown
    assert len(embedded.sidebar) == 0 and not embedded.dataframe
    nameless = open_page(MAP, {"figure": "neighbours"})
    assert not nameless.exception and nameless.info and not nameless.get("plotly_chart")


def test_the_browser_title_names_the_page_and_filters(monkeypatch):
    titles = []
    original = st.set_page_config
    monkeypatch.setattr(st, "set_page_config", lambda **kwargs: (titles.append(kwargs.get("page_title")),
                                                                  original(**kwargs)))
    open_page(MAP, {"funder": "GOV-JPN"})
    assert titles[-1] == "Map · Funder: Japan · Crossings"
    open_page(PAGES[0])
    assert titles[-1] == "Overview · All activity · Crossings"
