"""What a language switch works out again (crossings.data.memo keeps what holds no interface
text once for every language), the data grid mirrored for Arabic, and the data's spinner in the
session's language."""

from __future__ import annotations

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from components.language import mirrored_table
from crossings.data.memo import Memo, Written
from crossings.files import ROOT
from crossings.languages import _, use_language
from crossings.text.formatting import format_count

APP = str(ROOT / "app.py")


CALLS: list[str] = []


def _counted_counts() -> pd.DataFrame:
    CALLS.append("counts")
    return pd.DataFrame({"n": [1, 2]})


def _counted_title() -> str:
    CALLS.append("title")
    return _("Map")


def test_a_result_without_interface_text_is_worked_out_once_for_every_language():
    memo = Memo()
    CALLS.clear()
    for code in ("en", "fr", "ar", "fr"):
        with use_language(code):
            assert memo.get("counts", lambda: _counted_counts())["n"].tolist() == [1, 2]
            said = memo.get("title", lambda: _counted_title())
            assert said == {"en": "Map", "fr": "Carte", "ar": "الخريطة"}[code]
    assert CALLS.count("counts") == 1
    assert CALLS.count("title") == 3  # once per language, then kept


def test_a_result_made_from_one_languages_result_is_that_languages_too():
    memo = Memo()
    with use_language("fr"):
        assert memo.get("outer", lambda: memo.get("inner", lambda: format_count(12345))) == "12\u202f345"
    with use_language("en"):
        # the outer result was kept for French only, though its own code asked nothing directly
        assert memo.get("outer", lambda: memo.get("inner", lambda: format_count(12345))) == "12,345"
        shared = memo.get("plain_outer", lambda: memo.get("plain_inner", lambda: 7) + 1)
    with use_language("ar"):
        assert memo.get("plain_outer", lambda: -1) == shared == 8  # kept for every language


def test_texts_written_later_are_kept_per_language():
    memo = Memo()

    def writer():
        return Written(lambda ids: {i: _("Map") for i in ids})
    with use_language("fr"):
        assert memo.get("popups", writer).many(["a"]) == {"a": "Carte"}
    with use_language("en"):
        assert memo.get("popups", writer).many(["a"]) == {"a": "Map"}


def test_an_arabic_grid_shows_the_first_column_on_the_right():
    frame = pd.DataFrame({"country": ["Jordan"], "iso3": ["JOR"], "events": [3], "hidden": ["x"]})
    data, arguments = mirrored_table(frame, {"country": st.column_config.TextColumn("Pays", pinned=True),
                                             "iso3": "ISO", "hidden": None}, hide_index=True)
    assert arguments["column_order"] == ["events", "iso3", "country"]  # the hidden one stays hidden
    config = arguments["column_config"]
    assert config["country"]["label"] == "Pays" and config["country"]["pinned"] is False
    assert config["iso3"] == {"label": "ISO", "alignment": "right", "pinned": False}
    assert config["events"]["alignment"] == "right" and config["hidden"] is None
    assert arguments["hide_index"] is True
    assert data is frame and list(frame.columns) == ["country", "iso3", "events", "hidden"]  # keys unchanged


def test_a_shown_index_becomes_the_rightmost_column():
    frame = pd.DataFrame({"file": ["a.csv", "b.csv"]}, index=pd.Index([4, 9], name="row"))
    data, arguments = mirrored_table(frame)
    assert arguments["column_order"] == ["file", "row"] and arguments["hide_index"] is True
    assert data["row"].tolist() == [4, 9] and frame.index.name == "row"  # the caller's frame as it was


def _grid(at: AppTest, column: str):
    return next(frame for frame in at.dataframe if column in frame.value.columns)


@pytest.mark.parametrize("code", ["en", "ar"])
def test_the_timeline_country_table_in_each_direction(code):
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["lang"] = code
    at.run()
    at.switch_page("pages/timeline.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    grid = _grid(at, "ISO3")  # the country table
    order = list(grid.proto.column_order)
    if code == "en":
        assert order == []  # as the page gives it
    else:
        assert order[-1] == "Country" and order[-2] == "ISO3"  # read from the right
    assert list(grid.value.columns)[:2] == ["Country", "ISO3"]  # the data itself is not reordered


def test_the_first_load_of_the_data_says_so_in_the_sessions_language(monkeypatch):
    said = []
    real_spinner = st.spinner

    def spinner(text, *args, **kwargs):
        said.append(text)
        return real_spinner(text, *args, **kwargs)

    def script():
        from components import data
        from components.language import choose_language

        choose_language()
        data._LOADED.clear()  # as on a fresh server
        data.get_dataset()
        data.get_dataset()  # loaded: no second spinner

    monkeypatch.setattr(st, "spinner", spinner)
    at = AppTest.from_function(script, default_timeout=60)
    at.query_params["lang"] = "fr"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert said == ["Chargement des données…"]


def test_a_compiled_catalogue_is_kept_and_read_back(tmp_path, monkeypatch):
    import gettext
    import io

    import babel.messages.mofile

    from crossings.languages.catalogue import compiled_catalogue, po_path

    po_text = po_path("fr").read_bytes()
    first = compiled_catalogue("fr", po_text, tmp_path)
    kept = list((tmp_path / "locale").glob("fr-*.mo"))
    assert len(kept) == 1 and kept[0].read_bytes() == first
    assert gettext.GNUTranslations(io.BytesIO(first)).gettext("Map") == "Carte"

    def no_compiling(*args, **kwargs):
        raise AssertionError("compiled again")
    monkeypatch.setattr(babel.messages.mofile, "write_mo", no_compiling)
    assert compiled_catalogue("fr", po_text, tmp_path) == first  # read back, not compiled
    monkeypatch.undo()
    compiled_catalogue("fr", po_text + b'\n#  an edit\n', tmp_path)  # a changed catalogue
    assert [path.name for path in (tmp_path / "locale").glob("fr-*.mo")] != [kept[0].name]
    assert len(list((tmp_path / "locale").glob("fr-*.mo"))) == 1  # the older one removed


def test_the_file_pickers_english_words_are_replaced_on_french_and_arabic_pages():
    from components.language import uploader_markup

    assert uploader_markup("en") == ""
    with use_language("ar"):
        arabic = uploader_markup("ar")
    assert 'content: "تحميل"' in arabic and "stFileUploaderDropzoneInstructions" in arabic
    with use_language("fr"):
        assert 'content: "Téléverser"' in uploader_markup("fr")


def test_a_result_made_from_words_handed_to_it_is_kept_per_language():
    memo = Memo()
    for code, expected in (("en", "Map!"), ("fr", "Carte!")):
        with use_language(code):
            label = _("Map")  # made before, outside the computation (as a slide is)
            assert memo.get("shouted", lambda: label + "!") == expected  # noqa: B023


def test_a_result_from_the_data_alone_is_shared(dataset):
    memo = Memo()
    with use_language("fr"):
        memo.get("rows", lambda: len(dataset.events))
    with use_language("ar"):
        assert memo.get("rows", lambda: -1) == len(dataset.events)
