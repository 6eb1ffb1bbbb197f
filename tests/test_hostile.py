"""Hostile text (tests/hostile.py) loads as plain text and stays text in every builder that
exists today: the text helpers, the exports, problem messages and the Overview page."""

from __future__ import annotations

import csv
import io
import re

import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from crossings.data.loading import load_dataset
from crossings.exports.tables import csv_bytes, excel_bytes
from crossings.files import ROOT
from crossings.text.escaping import html_link, html_text, markdown_text, safe_url
from tests.hostile import (
    FORMULA_STARTS,
    INJECTION_TEXTS,
    assert_inert_html,
    hostile_data_copy,
    hostile_text,
    live_markup,
)

_MARKDOWN_SPECIALS = set("\\`*_{}[]()#+-.!|>~<$:&")


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile") / "data"
    return folder, hostile_data_copy(folder)


def test_the_corpus_would_be_caught():
    """The checks below can fail: pasted unescaped, the corpus is live markup."""
    assert live_markup("".join(INJECTION_TEXTS))
    assert any(text.startswith(FORMULA_STARTS) for text in INJECTION_TEXTS)


def test_hostile_text_loads_as_plain_text(hostile_data):
    folder, placed = hostile_data
    dataset = load_dataset(folder)
    assert dataset.is_clean
    keys = {"events": "event_id", "projects": "project_id", "organisations": "org_id",
            "countries": "iso3", "topics": "topic_id", "sources": "source_id", "funding": "funding_id"}
    for where, text in placed.items():
        table, key, column = where.split(".")
        frame = dataset.tables[table]
        [loaded] = frame.loc[frame[keys[table]] == key, column].tolist()
        assert loaded == text.strip()  # exactly the characters, only surrounding spaces trimmed


@hostile_text
def test_html_helpers_keep_it_text(hostile):
    assert_inert_html(f"<div title=\"{html_text(hostile)}\">{html_text(hostile)}</div>", hostile)
    assert_inert_html(html_link(hostile, "https://iran.iom.int/"), hostile)
    assert_inert_html(html_link("Source", hostile), hostile)
    assert safe_url(hostile) is None


@hostile_text
def test_markdown_helper_escapes_every_special_character(hostile):
    escaped = markdown_text(hostile)
    unescaped = re.sub(r"\\.", "", escaped)  # drop every backslash escape
    assert not set(unescaped) & _MARKDOWN_SPECIALS
    assert "\n" not in escaped


@hostile_text
def test_downloads_never_hold_a_formula(hostile):
    frame = pd.DataFrame({"title": [hostile], "participants": [55]})
    [row] = list(csv.DictReader(io.StringIO(csv_bytes(frame).decode("utf-8-sig"))))
    assert not row["title"].startswith(FORMULA_STARTS)
    assert row["title"] in (hostile, "'" + hostile)
    sheet = openpyxl.load_workbook(io.BytesIO(excel_bytes(frame))).active
    cell = sheet["A2"]
    assert cell.data_type == "s"  # a string, never a formula
    assert not str(cell.value).startswith(FORMULA_STARTS)
    assert sheet["B2"].value == 55


def test_problem_messages_quote_hostile_values_as_text(data_copy):
    """A hostile value in a checked column comes back in the message as a quoted string."""
    path = data_copy / "funding.csv"
    path.write_text(path.read_text().replace(",EUR,2020-02", ',"<script>alert(1)</script>",2020-02', 1))
    dataset = load_dataset(data_copy)
    [problem] = dataset.errors
    assert problem.value == "<script>alert(1)</script>"
    assert "unknown currency code: '<script>alert(1)</script>'" in problem.describe()


def markdown_shown(at: AppTest) -> list[str]:
    """The Markdown source of every text element on the page and in the sidebar."""
    elements = [*at.markdown, *at.caption, *at.sidebar.markdown, *at.sidebar.caption,
                *at.warning, *at.sidebar.warning, *at.info]
    return [element.value for element in elements]


@pytest.mark.parametrize("query", [{}, {"funder": "GOV-JPN", "country": "JOR"},
                                   {"country": "![x](https://evil.example/p.png),[a](javascript:alert(1))"}],
                         ids=["all", "hostile-labels", "hostile-link"])
def test_overview_shows_hostile_text_escaped(hostile_data, monkeypatch, query):
    folder, placed = hostile_data
    monkeypatch.setenv("CROSSINGS_DATA_DIR", str(folder))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    shown = markdown_shown(at)
    needs_escaping = [t.strip() for t in [*placed.values(), *query.values()]
                      if markdown_text(t.strip()) != t.strip()]
    for text in needs_escaping:
        assert not [value for value in shown if text in value], text
    if not query:  # the latest events' titles are there, escaped
        for event_id in ("EV-2021-CAIRO", "EV-2020-ONLINE-TRIP", "EV-2015-NIAMEY"):
            title = markdown_text(placed[f"events.{event_id}.title"])
            assert any(title in value for value in shown), event_id
    if "funder" in query:  # the filter summary names Japan by its hostile acronym, escaped
        summary = markdown_text("Funder: " + placed["organisations.GOV-JPN.acronym"])
        assert any(summary in value for value in shown)
