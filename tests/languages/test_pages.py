"""The language in the app: chosen from the link, kept in it with the filters, Arabic laid out
right to left, and no interface text on any page that skips the catalogue."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from components.pages import PAGES
from crossings.files import ROOT

APP = str(ROOT / "app.py")


def _open(query: dict[str, str], page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _direction_markup(at: AppTest) -> str:
    return " ".join(str(getattr(h, "proto", h)) for h in at.get("html"))


def test_the_link_names_the_language_and_keeps_it_with_the_filters():
    at = _open({"lang": "fr", "funder": "EU"})
    assert at.query_params["lang"] == "fr" and at.query_params["funder"] == "EU"
    labels = [link.proto.label for link in at.sidebar.get("page_link")]
    assert labels[:3] == ["Vue d'ensemble", "Carte", "Budget"]
    at.switch_page("pages/map.py")
    at.run()
    assert at.query_params["lang"] == "fr"


def test_picking_a_language_writes_it_into_the_link():
    at = _open({})
    assert "lang" not in at.query_params  # English, the default, needs no parameter
    at.segmented_control(key="language_choice").set_value("ar").run()
    assert at.query_params["lang"] == "ar"
    assert [link.proto.label for link in at.sidebar.get("page_link")][1] == "الخريطة"


def test_arabic_is_laid_out_right_to_left_and_english_left_to_right():
    arabic = _direction_markup(_open({"lang": "ar"}))
    assert 'setAttribute(\\"dir\\", \\"rtl\\")' in arabic or 'setAttribute("dir", "rtl")' in arabic
    assert "direction: rtl" in arabic
    english = _direction_markup(_open({}))
    assert "rtl" not in english and "ltr" in english


def test_an_unknown_language_in_the_link_opens_in_english():
    at = _open({"lang": "xx"})
    assert [link.proto.label for link in at.sidebar.get("page_link")][1] == "Map"


@pytest.mark.parametrize("spec", PAGES, ids=[p.url_path for p in PAGES])
def test_switching_language_on_a_page_keeps_it_working(spec):
    """Every page in French, Arabic, then English again in one session: each runs, and every
    widget finds its choice again (their labels are in the language of the run that drew them)."""
    at = _open({}, spec.file)
    for code, page_word in (("fr", "Carte"), ("ar", "الخريطة"), ("en", "Map")):
        at.sidebar.segmented_control(key="language_choice").set_value(code).run()
        assert not at.exception, (code, [e.value for e in at.exception])
        assert [link.proto.label for link in at.sidebar.get("page_link")][1] == page_word
