"""Every page on the data the app ships (data/), in English and in Arabic (right to left):
the other page tests use the frozen test data, and a record shape found only in data/ (an event
with a start and no end) once stopped the Timeline page there."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from components.pages import PAGES
from crossings.files import ROOT
from tests.conftest import BUNDLED_DATA_DIR


@pytest.mark.parametrize("code", ["en", "ar"])  # French runs every page in tests/languages
@pytest.mark.parametrize("spec", PAGES, ids=[p.url_path for p in PAGES])
def test_every_page_runs_on_the_bundled_data(spec, code, monkeypatch):
    monkeypatch.setenv("CROSSINGS_DATA_DIR", str(BUNDLED_DATA_DIR))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.query_params["lang"] = code
    at.run()
    at.switch_page(spec.file)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not [e for e in at.error if "Unexpected error" in e.value or "Erreur" in e.value]
