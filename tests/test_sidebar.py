"""The shared sidebar in AppTest: a link's query parameters become widget values and come back
out unchanged, survive moving between pages, and are cleared by one button."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from components.pages import PAGES
from crossings.text.escaping import markdown_text
from tests.test_app_pages import open_page

PAGE_BY_PATH = {spec.url_path: spec for spec in PAGES}
OVERVIEW, DATA, SOURCES = PAGES[0], PAGE_BY_PATH["data"], PAGE_BY_PATH["sources"]

EVERY_FILTER = {"country": "JOR,EGY", "region": "Western Asia", "funder": "EU", "instrument": "AMIF",
                "org": "ICMPD", "role": "organiser", "topic": "counter_trafficking",
                "kind": "training,meeting", "from": "2016", "to": "2020"}


def widget_values(at: AppTest) -> dict[str, object]:
    values = {name: at.sidebar.multiselect(key=f"filter_{name}").value
              for name in ("countries", "regions", "funders", "instruments", "organisations", "roles",
                           "topics", "kinds")}
    values["years"] = at.sidebar.slider(key="filter_years").value
    return values


def sidebar_text(at: AppTest) -> str:
    return " ".join([m.value for m in at.sidebar.markdown] + [c.value for c in at.sidebar.caption])


def test_query_params_in_widget_state_same_query_params_out():
    at = open_page(OVERVIEW, EVERY_FILTER)
    assert not at.exception
    assert widget_values(at) == {
        "countries": ["JOR", "EGY"], "regions": ["Western Asia"], "funders": ["EU"],
        "instruments": ["AMIF"], "organisations": ["ICMPD"], "roles": ["organiser"],
        "topics": ["counter_trafficking"], "kinds": ["training", "meeting"], "years": (2016, 2020)}
    assert at.query_params == EVERY_FILTER
    assert markdown_text("Country: Jordan, Egypt · Region: Western Asia · Funder: EU") in sidebar_text(at)
    assert not at.sidebar.warning  # nothing in the link was ignored


def test_the_issues_example_reads_back_as_written():
    at = open_page(OVERVIEW, {"funder": "GOV-JPN", "from": "2015", "to": "2016"})
    assert not at.exception
    assert f"**Showing:** {markdown_text('Funder: Japan · 2015–2016')}" in sidebar_text(at)
    assert "1 of 9 events · 1 of 5 projects · 1 of 5 funding lines" in sidebar_text(at)
    assert at.query_params == {"funder": "GOV-JPN", "from": "2015", "to": "2016"}


def test_filters_survive_moving_between_pages():
    at = open_page(OVERVIEW, {"funder": "GOV-JPN", "kind": "workshop"})
    assert not at.exception
    for spec in (DATA, SOURCES, OVERVIEW):
        at.query_params.clear()  # the browser drops the address's parameters on a page switch
        at.switch_page(spec.file).run()
        assert not at.exception
        assert at.sidebar.multiselect(key="filter_funders").value == ["GOV-JPN"]
        assert at.query_params == {"funder": "GOV-JPN", "kind": "workshop"}
    assert {m.label: m.value for m in at.metric}["Events"] == "1"


def test_changing_a_filter_rewrites_the_link_and_keeps_page_settings():
    at = open_page(DATA, {"table": "funding", "funder": "EU"})
    assert not at.exception
    at.sidebar.multiselect(key="filter_instruments").set_value(["ICSP"]).run()
    assert not at.exception
    assert at.query_params == {"table": "funding", "funder": "EU", "instrument": "ICSP"}
    assert at.dataframe[0].value["funding_id"].tolist() == ["F-JORSYR-ICSP"]
    at.sidebar.slider(key="filter_years").set_value((2017, 2021)).run()
    assert at.query_params["from"] == "2017" and at.query_params["to"] == "2021"
    at.sidebar.slider(key="filter_years").set_value((2015, 2021)).run()  # all the years: no filter
    assert "from" not in at.query_params and "to" not in at.query_params


def test_one_control_clears_every_filter():
    at = open_page(DATA, {**EVERY_FILTER, "table": "projects"})
    assert not at.exception
    assert not at.sidebar.button(key="filter_clear").disabled
    at.sidebar.button(key="filter_clear").click().run()
    assert not at.exception
    assert at.query_params == {"table": "projects"}  # the page's own setting stays
    assert all(value == [] for name, value in widget_values(at).items() if name != "years")
    assert widget_values(at)["years"] == (2015, 2021)
    assert "Showing:** All activity" in sidebar_text(at)
    assert at.sidebar.button(key="filter_clear").disabled
    assert len(at.dataframe[0].value) == 5


def test_undated_records_left_out_are_counted():
    at = open_page(OVERVIEW, {"from": "2018", "to": "2019"})
    assert not at.exception
    assert ("5 events and 1 project with no known date, or no year, are left out while years are set."
            in sidebar_text(at))
    at = open_page(OVERVIEW, {"from": "2018", "to": "2019", "kind": "meeting"})  # the JEMPAS II meeting
    assert ("1 event and 1 project with no known date, or no year, are left out while years are set."
            in sidebar_text(at))
    at = open_page(OVERVIEW, {"from": "2018", "to": "2019", "kind": "meeting", "country": "JOR"})
    assert "1 event with no known date, or no year, is left out while years are set." in sidebar_text(at)


def test_ignored_link_values_show_one_escaped_notice_until_the_view_changes():
    at = open_page(OVERVIEW, {"country": "SDN,XXX", "org": "[click](https://evil.example)", "from": "20x6"})
    assert not at.exception
    assert len(at.sidebar.warning) == 1
    notice = at.sidebar.warning[0].value
    assert markdown_text("Ignored unknown country 'XXX' in the link.") in notice
    assert markdown_text("Ignored 'from=20x6' in the link: not a year.") in notice
    assert "\\[click\\]\\(https\\:\u2060//evil" in notice  # no link, no bare address to click
    assert at.query_params == {"country": "SDN"}  # the address now says what is shown
    assert at.sidebar.multiselect(key="filter_countries").value == ["SDN"]
    at.sidebar.multiselect(key="filter_kinds").set_value(["workshop"]).run()
    assert not at.sidebar.warning  # the notice was about the link, and the view has moved on


def test_a_name_in_the_link_is_not_a_country():
    at = open_page(OVERVIEW, {"country": "Niger"})
    assert not at.exception
    assert at.sidebar.multiselect(key="filter_countries").value == []
    assert "Ignored unknown country 'Niger'" in at.sidebar.warning[0].value
    assert {m.label: m.value for m in at.metric}["Events"] == "9"
