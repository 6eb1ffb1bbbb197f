"""Every link parameter of every page, hostile: empty, repeated 1,000 times, 100,000 characters
long, or a value nobody knows. Each gives the page, with a notice where a value was ignored,
and never an exception, nor the app's own "something went wrong" box (which would mean an
exception was caught: the test would pass while the page broke)."""

from __future__ import annotations

import pytest

from components.pages import PAGES
from crossings.exports.slides import SLIDE_KEYS
from crossings.views.filters import QUERY_KEYS
from tests.test_app_pages import open_page

FILTERS = tuple(QUERY_KEYS.values())
# Each page's own settings in the link (README, "Filters and links"), beside the filters.
PAGE_PARAMS = {
    "overview": (),
    "map": ("metric", "profile"),
    "budget": ("currency", "budget_by", "budget_per"),
    "timeline": ("colour", "per", "by", "show"),
    "data": ("table", "q"),
    "sources": ("source",),
    "import_data": (),
    "presenter": ("slide", "profile", "currency"),
}
HUGE = "x" * 100_000
VARIANTS = {
    "empty": [""],
    "repeated": ["JOR"] * 1_000,
    "huge": [HUGE],
    "huge_number": ["9" * 100_000],  # int() refuses more than 4,300 digits
    "unknown": ["no-such-value"],
}
BY_PATH = {spec.url_path: spec for spec in PAGES}


def assert_page_drawn(at) -> None:
    assert not at.exception, [e.value[:300] for e in at.exception]
    assert not [e for e in at.error if "Something went wrong" in e.value], [e.value for e in at.error]
    headings = [m.value for m in at.markdown if m.value.startswith("# ")]  # the presenter's slide title
    assert at.title or headings, "the page drew nothing"


@pytest.mark.parametrize("variant", list(VARIANTS))
@pytest.mark.parametrize("page", list(BY_PATH))
def test_every_parameter_of_a_page_at_once(page, variant):
    """All the page's parameters, and every filter, with the same hostile value."""
    values = VARIANTS[variant]
    query = {param: values if len(values) > 1 else values[0]
             for param in FILTERS + PAGE_PARAMS.get(page, ())}
    query["no_such_parameter"] = values if len(values) > 1 else values[0]
    assert_page_drawn(open_page(BY_PATH[page], query))


@pytest.mark.parametrize("variant", list(VARIANTS))
@pytest.mark.parametrize(("page", "param"), [(page, param) for page, params in PAGE_PARAMS.items()
                                             for param in params])
def test_each_page_setting_alone(page, param, variant):
    """One setting at a time: a bad value elsewhere cannot hide a bad value here."""
    values = VARIANTS[variant]
    at = open_page(BY_PATH[page], {param: values if len(values) > 1 else values[0]})
    assert_page_drawn(at)


@pytest.mark.parametrize("variant", list(VARIANTS))
@pytest.mark.parametrize("param", FILTERS)
def test_each_filter_alone(param, variant):
    values = VARIANTS[variant]
    at = open_page(PAGES[0], {param: values if len(values) > 1 else values[0]})
    assert_page_drawn(at)
    if variant in ("huge", "unknown"):  # a value that is not a choice is dropped, with a notice
        assert any("Ignored" in w.value for w in at.sidebar.warning), [w.value for w in at.sidebar.warning]


def test_budget_with_an_empty_currency_shows_euros_and_says_so():
    """/budget?currency= raised a TypeError with a full traceback."""
    at = open_page(BY_PATH["budget"], {"currency": ""})
    assert_page_drawn(at)
    assert at.segmented_control(key="currency").value == "EUR"
    assert any("currency=" in w.value for w in at.warning)


@pytest.mark.parametrize(("param", "value"), [("slide", "²"), ("slide", "-1"), ("profile", "ZZZ"),
                                              ("currency", "")])
def test_the_presenter_says_which_setting_it_ignored(param, value):
    at = open_page(BY_PATH["presenter"], {param: value})
    assert_page_drawn(at)
    notices = [w.value for w in at.warning]
    assert len(notices) == 1 and notices[0].startswith(f"Ignored '{param}="), notices


def test_a_slide_number_too_long_for_int_goes_to_the_last_slide():
    at = open_page(BY_PATH["presenter"], {"slide": "9" * 5000})
    assert_page_drawn(at)
    assert not at.warning  # out of range goes to the nearest slide (README), as 7 would
    assert any(m.value == f"**{len(SLIDE_KEYS)} / {len(SLIDE_KEYS)}**" for m in at.markdown)
