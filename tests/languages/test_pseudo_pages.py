"""Every page in the pseudo-language: every text a person reads is marked as catalogued, apart
from data values (titles, names, notes from the CSVs) and CLDR's month names. A string that
reaches a page without the catalogue, from a page or from the core, fails here."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from components.pages import PAGES
from crossings.files import ROOT
from tests.languages.pseudo import data_strings, page_texts, unmarked


@pytest.fixture(scope="module")
def data(dataset):
    return data_strings(dataset)


@pytest.mark.parametrize("spec", PAGES, ids=[p.url_path for p in PAGES])
def test_every_text_on_the_page_goes_through_the_catalogue(spec, data):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["lang"] = "qps"
    at.run()
    at.switch_page(spec.file)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    texts = page_texts(at)
    assert len(texts) > 10  # the page was read
    assert unmarked(texts, data) == []


def test_the_reader_finds_an_unmarked_heading(data):
    assert unmarked(["⟦Budget⟧", "Who funds what", "⟦**Showing:** ⟦All activity⟧⟧"], data) == [
        "Who funds what"]
