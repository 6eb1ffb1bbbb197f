"""Search across everything: what a word finds, in which order, and where each hit leads."""

from __future__ import annotations

import pytest

from crossings.data.loading import load_dataset
from crossings.languages import use_language
from crossings.views.search import fold, search
from tests.helpers import add_row


def first(dataset, query):
    hits = search(dataset, query)
    assert hits, f"nothing found for {query!r}"
    return hits[0]


def test_empty_query_finds_nothing(dataset):
    assert search(dataset, "") == []
    assert search(dataset, "   ") == []
    assert search(dataset, "?!,") == []


def test_a_typo_in_a_city_finds_its_event_first(dataset):
    hit = first(dataset, "Niamy")  # Niamey
    assert (hit.kind, hit.key) == ("event", "EV-2015-NIAMEY")
    assert hit.link() == "data?table=events&q=EV-2015-NIAMEY"
    assert first(dataset, "Kairo").key == "EV-2021-CAIRO"


def test_an_acronym_finds_its_organisation_first(dataset):
    hit = first(dataset, "icmpd")
    assert (hit.kind, hit.key) == ("organisation", "ICMPD")
    assert hit.link() == "data?org=ICMPD"


def test_a_funder_opens_the_budget_filtered_by_it(dataset):
    hit = first(dataset, "EU")
    assert (hit.kind, hit.key) == ("funder", "EU")
    assert hit.link("fr") == "budget?funder=EU&lang=fr"
    assert first(dataset, "AMIF").link() == "budget?instrument=AMIF"


def test_a_country_by_name_or_code_opens_its_profile(dataset):
    assert first(dataset, "irn").link() == "map?profile=IRN"
    assert first(dataset, "Iran").link() == "map?profile=IRN"


def test_accents_are_folded_both_ways(dataset):
    assert fold("Sélibaby") == fold("SELIBABY") == "selibaby"
    assert first(dataset, "Turkiye").key == "TUR"
    assert first(dataset, "cote d'ivoire").key == "CIV"
    assert first(dataset, "Curacao").key == "CUW"


def test_selibaby_finds_selibaby(data_copy):
    add_row(data_copy / "events.csv", event_id="EV-SELIBABY", title="Border post handover",
            kind="opening_handover", status="held", mode="in_person", start_date="2019-03-02",
            end_date="2019-03-02", date_status="stated", city="Sélibaby", host_iso3="MRT",
            location_precision="city", lat="15.16", lon="-12.18",
            source_id="SEED-001")
    copied = load_dataset(data_copy)
    assert not copied.errors
    hit = first(copied, "Selibaby")
    assert (hit.kind, hit.key) == ("event", "EV-SELIBABY")
    assert "Sélibaby" in hit.detail


def test_country_names_in_the_active_language_and_in_english(dataset):
    with use_language("fr"):
        hit = first(dataset, "Jordanie")
        assert (hit.key, hit.label) == ("JOR", "Jordanie")
        assert first(dataset, "Jordan").key == "JOR"


def test_ranking_whole_names_then_prefixes_then_typos(dataset):
    keys = [hit.key for hit in search(dataset, "Japan")]
    assert keys[:2] == ["JPN", "GOV-JPN"]  # the country, then the funder whose short name it is
    assert "JICA" in keys  # 'Japan International Cooperation Agency' starts with the word
    assert keys.index("JICA") > keys.index("GOV-JPN")
    jempas = search(dataset, "JEMPAS I")
    assert jempas[0].key == "P-JEMPAS-I"  # its short title, whole
    # a project's id that begins another's is searched with its title, so only it is found
    assert "Hashemite" in dict(jempas[0].params)["q"]


def test_every_word_must_match(dataset):
    keys = [hit.key for hit in search(dataset, "police academy")]
    assert keys[0] == "EGY-POLICE-ACADEMY"
    assert all(key != "IOM" for key in keys)


@pytest.mark.parametrize("query", ["2015", "border"])
def test_limit(dataset, query):
    assert len(search(dataset, query, limit=3)) <= 3


def test_the_boxes_show_hits_as_links():
    from streamlit.testing.v1 import AppTest

    from crossings.files import ROOT

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "fr"
    at.run()
    at.text_input(key="search_overview").input("Niamy").run()
    assert not at.exception
    shown = "\n".join(m.value for m in at.markdown)
    assert "](data?table=events&q=EV-2015-NIAMEY&lang=fr)" in shown
    assert at.query_params["search"] == "Niamy"  # kept in the link
    at.text_input(key="search_overview").input("zzzqqq").run()
    assert any("zzzqqq" in c.value for c in at.caption)
    assert not at.sidebar.get("text_input")  # the Overview has its own box, not the sidebar's
    at.switch_page("pages/map.py").run()
    at.sidebar.text_input(key="search_sidebar").input("irn").run()
    sidebar = "\n".join(m.value for m in at.sidebar.markdown)
    assert "[Iran](map?profile=IRN&lang=fr)" in sidebar
    assert at.query_params["search"] == "irn"
    at.sidebar.text_input(key="search_sidebar").input("").run()
    assert "search" not in at.query_params


@pytest.mark.parametrize(("page", "key", "where"), [("overview", "search_overview", "main"),
                                                    ("data", "search_sidebar", "sidebar")])
def test_a_link_with_a_search_reopens_it(page, key, where):
    from components.pages import PAGES
    from tests.test_app_pages import open_page

    spec = next(spec for spec in PAGES if spec.url_path == page)
    at = open_page(spec, {"search": "Niamy"})
    assert not at.exception
    box = getattr(at, where).text_input(key=key)
    assert box.value == "Niamy"
    shown = "\n".join(m.value for m in getattr(at, where).markdown)
    assert "](data?table=events&q=EV-2015-NIAMEY)" in shown
    if page == "data":  # the Data page's own search (?q=) is another parameter, left empty
        assert at.text_input(key="data_search").value == ""


def test_a_group_opens_the_map_filtered_to_its_members(dataset):
    hit = first(dataset, "G5 Sahel")
    assert (hit.kind, hit.key) == ("group", "G5-SAHEL")
    assert hit.link() == "map?country=BFA%2CMLI%2CMRT%2CNER%2CTCD"
    assert hit.detail == "5 member countries"
    assert first(dataset, "arab leage").key == "ARAB-LEAGUE"  # a typo


def test_a_topic_opens_the_data_page_filtered_by_it(dataset):
    hit = first(dataset, "biometrics")
    assert (hit.kind, hit.key) == ("topic", "biometrics")
    assert hit.link("ar") == "data?topic=biometrics&lang=ar"
    assert first(dataset, "counter trafficking").key == "counter_trafficking"


def test_a_topic_no_record_has_is_not_offered(data_copy):
    add_row(data_copy / "topics.csv", topic_id="maritime_surveillance", label="Maritime surveillance",
            description="Watching the sea borders.", source_id="SEED-000")
    copied = load_dataset(data_copy)
    assert not copied.errors
    # it would open an empty page; a topic records have is offered
    assert all(hit.kind != "topic" for hit in search(copied, "Maritime surveillance", limit=50))
    assert first(copied, "Biometrics").kind == "topic"
