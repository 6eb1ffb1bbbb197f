"""The presenter page in AppTest: which slide a link opens, moving between slides, the filters
from the link applied. (What it looks like at 1280x720 is in tests/browser/test_presenter.py.)"""

from __future__ import annotations

import re

import pytest

from components.pages import PAGES
from crossings.exports.slides import SLIDE_KEYS
from tests.test_app_pages import open_page

PRESENTER = next(spec for spec in PAGES if spec.url_path == "presenter")


def plain(markdown: str) -> str:
    """Markdown as read: the escapes that keep data text from being markup taken out."""
    return re.sub(r"\\(.)", r"\1", markdown)


def slide_title(at) -> str:
    return plain(at.markdown[0].value).removeprefix("# ")


def test_opens_on_the_headline_slide():
    at = open_page(PRESENTER)
    assert not at.exception
    assert slide_title(at) == "Border-management activity at a glance"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"Events": "9", "Participants": "136", "Countries engaged": "19", "Projects": "5",
                       "Funding in EUR": "EUR 8.2 m", "Funding in USD": "USD 1.4 m"}
    assert at.button(key="presenter_previous").disabled
    assert not at.button(key="presenter_next").disabled


def test_participants_not_given_on_the_slide_as_on_the_overview():
    """No source gives a count for the EU's events in Jordan: both pages say so, neither says 0."""
    link = {"funder": "EU", "country": "JOR"}
    overview = {m.label: m.value for m in open_page(PAGES[0], link).metric}
    slide = {m.label: m.value for m in open_page(PRESENTER, link).metric}
    assert overview["Participants"] == slide["Participants"] == "not given"


def test_next_and_previous_move_through_the_slides_and_the_link():
    at = open_page(PRESENTER)
    at.button(key="presenter_next").click().run()
    assert not at.exception
    assert at.query_params["slide"] == "2"
    assert slide_title(at) == "Where activity took place"
    at.button(key="presenter_previous").click().run()
    assert at.query_params["slide"] == "1"
    assert slide_title(at) == "Border-management activity at a glance"


def test_a_link_opens_its_slide_with_its_filters():
    at = open_page(PRESENTER, {"slide": "2", "funder": "GOV-JPN"})
    assert not at.exception
    assert slide_title(at) == "Where activity took place"
    assert plain(at.markdown[1].value) == "Showing: Funder: Japan"
    assert at.button(key="presenter_next").disabled == (len(SLIDE_KEYS) == 2)


@pytest.mark.parametrize(("asked", "shown"), [("0", 1), ("99", len(SLIDE_KEYS)), ("map", 1), ("-1", 1)])
def test_a_slide_number_out_of_range_is_brought_back(asked, shown):
    at = open_page(PRESENTER, {"slide": asked})
    assert not at.exception
    assert at.markdown[0].value.startswith("# ")
    assert f"**{shown} / {len(SLIDE_KEYS)}**" in [m.value for m in at.markdown]


def test_every_slide_shows_a_source_line():
    for number in range(1, len(SLIDE_KEYS) + 1):
        at = open_page(PRESENTER, {"slide": str(number)})
        assert not at.exception
        assert any(plain(c.value).startswith("Sources: ") for c in at.caption), number


def test_nothing_matching_says_so_instead_of_an_empty_map():
    # Japan's only project ran 2015-2016: nothing it funded falls in 2020-2021
    at = open_page(PRESENTER, {"slide": "2", "funder": "GOV-JPN", "from": "2020", "to": "2021"})
    assert not at.exception
    assert [i.value for i in at.info] == ["No activity matches the filters."]
    at = open_page(PRESENTER, {"slide": "1", "funder": "GOV-JPN", "from": "2020", "to": "2021"})
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Events"] == "0"
    assert metrics["Funding"] == "none known"


def test_the_profile_slide_follows_the_country_picked_and_the_link():
    number = str(SLIDE_KEYS.index("profile") + 1)
    at = open_page(PRESENTER, {"slide": number})
    assert not at.exception
    assert slide_title(at) == "Iran: borders and neighbours"
    assert {m.label: m.value for m in at.metric}["Neighbours by land and sea"] == "13"
    at.selectbox(key="presenter_profile").select("JOR").run()
    assert not at.exception
    assert at.query_params["profile"] == "JOR"
    assert slide_title(at) == "Jordan: borders and neighbours"
    linked = open_page(PRESENTER, {"slide": number, "profile": "egy"})
    assert slide_title(linked) == "Egypt: borders and neighbours"
    unknown = open_page(PRESENTER, {"slide": number, "profile": "ZZZ"})
    assert slide_title(unknown) == "Iran: borders and neighbours"


def test_the_funding_slide_takes_the_budget_pages_currency():
    number = str(SLIDE_KEYS.index("funding") + 1)
    at = open_page(PRESENTER, {"slide": number, "currency": "USD"})
    assert not at.exception
    assert slide_title(at) == "Who funds the work, in USD"
    at.segmented_control(key="presenter_currency").set_value("EUR").run()
    assert at.query_params["currency"] == "EUR"
    assert slide_title(at) == "Who funds the work, in EUR"


def test_the_map_slide_says_in_words_what_the_picture_shows():
    at = open_page(PRESENTER, {"slide": "2", "funder": "GOV-JPN"})
    [image] = at.get("image")
    assert image.proto.imgs[0].alt == (
        "Map: 5 countries hosted or took part in an event, or are covered by a project, shaded darker for "
        "more events. Events per country: Burkina Faso 1, Mali 1, Mauritania 1, Niger 1, Chad 1.")
