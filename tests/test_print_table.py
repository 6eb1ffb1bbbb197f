"""A data grid's printed form (crossings/exports/print_table.py, components/print_grid.py): the
rows shown, every shown column under its header, numbers written the page language's way, text
from the data escaped, cut at PRINT_ROWS with a line saying so; a wide grid as records; and the
Data page sending it beside its grid."""

from __future__ import annotations

import re

import pandas as pd
import pytest
import streamlit as st

from components.pages import PAGES
from components.print_grid import grid_print_html, print_columns
from crossings.exports.print_table import (
    PRINT_RECORDS,
    PRINT_ROWS,
    PrintColumn,
    number_format,
    print_table_html,
)
from crossings.languages import use_language
from tests.helpers import fixed_catalogue
from tests.test_app_pages import open_page


def _cells(markup: str, tag: str = "td") -> list[str]:
    return re.findall(rf"<{tag}(?: [^>]*)?>(.*?)</{tag}>", markup)


def test_cells_are_escaped_and_numbers_written_the_language_way():
    frame = pd.DataFrame({"title": ['<img src=x onerror="alert(1)">', "Café & co"],
                          "amount": [1234567.5, None], "rate": [0.75321, 1.0], "year": [2015, 2020]})
    columns = [PrintColumn("title", "Title <b>"), PrintColumn("amount", "Amount", "number", 2, True),
               PrintColumn("rate", "Rate", "number", 4, False),
               PrintColumn("year", "Year", "number", None, False)]
    markup = print_table_html(frame, columns)
    assert _cells(markup, "th") == ["Title &lt;b&gt;", "Amount", "Rate", "Year"]
    assert _cells(markup) == ['&lt;img src=x onerror="alert(1)"&gt;', "1,234,567.50", "0.7532", "2015",
                              "Café &amp; co", "", "1.0000", "2020"]
    assert "<img" not in markup and "<b>" not in markup
    with use_language("fr"):
        assert _cells(print_table_html(frame, columns))[1] == "1\u202f234\u202f567,50"


def test_rows_are_cut_with_a_line_that_says_where_the_rest_are():
    frame = pd.DataFrame({"id": [f"row-{i}" for i in range(1234)]})
    markup = print_table_html(frame, [PrintColumn("id", "Id")], in_download=True)
    cells = _cells(markup)
    assert len(cells) == PRINT_ROWS == 200 and cells[-1] == "row-199"
    assert "First 200 of 1,234 rows; the whole table is in the CSV download." in markup
    # a frame already cut to the grid's rows: the line counts the rows it was cut from
    shown = print_table_html(frame.head(150), [PrintColumn("id", "Id")], total=5000)
    assert len(_cells(shown)) == 150
    assert "First 150 of 5,000 rows; the page on screen shows them all." in shown
    assert "crossings-print-rest" not in print_table_html(frame.head(200), [PrintColumn("id", "Id")])


def test_the_line_comes_from_the_catalogue():
    english = "First {shown} of {n} rows; the whole table is in the CSV download."
    with fixed_catalogue({"ar": {english: "أول {shown} من أصل {n}"}}), use_language("ar"):
        markup = print_table_html(pd.DataFrame({"id": range(300)}), [PrintColumn("id", "Id")], rtl=True,
                                  in_download=True)
    assert "أول 200 من أصل 300" in markup
    assert markup.startswith('<div class="crossings-print-table" dir="rtl"')


def test_a_wide_grid_prints_as_records_of_its_filled_cells():
    columns = [PrintColumn(f"c{i}", f"Column {i}") for i in range(12)]
    frame = pd.DataFrame({f"c{i}": [f"v{i}-{row}" if (i, row) != (3, 0) else None for row in range(150)]
                          for i in range(12)})
    markup = print_table_html(frame, columns, total=900)
    assert "<table" not in markup and 'class="crossings-print-table records"' in markup
    records = re.findall(r'<dl class="crossings-print-record">(.*?)</dl>', markup)
    assert len(records) == PRINT_RECORDS == 100
    first = dict(zip(_cells(records[0], "dt"), _cells(records[0], "dd"), strict=True))
    assert "Column 3" not in first and first["Column 0"] == "v0-0" and first["Column 11"] == "v11-0"
    assert "First 100 of 900 rows" in markup


def test_number_formats_follow_the_grid():
    assert number_format("%,.2f") == (2, True)
    assert number_format("%d") == (0, False)
    assert number_format("%.4f") == (4, False)
    assert number_format("%,d") == (0, True)
    assert number_format("accounting") == (2, True)
    assert number_format("localized") == (None, True)
    assert number_format(None) == (None, False)


def test_the_grids_settings_give_the_printed_columns():
    frame = pd.DataFrame({"code": ["NER"], "name": ["Niger"], "events": [12], "link": ["https://www.iom.int/x"],
                          "hidden": ["x"]})
    config = {"name": st.column_config.TextColumn("Country"), "events": "Events",
              "link": st.column_config.LinkColumn("Source", display_text=r"https?://(?:www\.)?([^/]+)"),
              "hidden": None}
    columns = print_columns(frame, config)
    assert [(c.name, c.header, c.kind) for c in columns] == [
        ("code", "code", "text"), ("name", "Country", "text"), ("events", "Events", "number"),
        ("link", "Source", "link")]
    markup = grid_print_html(frame, False, config, column_order=["name", "link"], hide_index=True)
    assert _cells(markup, "th") == ["Country", "Source"] and _cells(markup) == ["Niger", "iom.int"]
    # a named index the grid shows comes first, under its name
    indexed = grid_print_html(frame.set_index("code").rename_axis("row"), False, {"hidden": None})
    assert _cells(indexed, "th")[:2] == ["row", "name"] and _cells(indexed)[0] == "NER"


@pytest.mark.parametrize(("language", "direction"), [("en", "ltr"), ("ar", "rtl")])
def test_the_data_page_sends_its_rows_for_paper_beside_the_grid(language, direction):
    data = next(p for p in PAGES if p.url_path == "data")
    at = open_page(data, {"table": "countries", "lang": language})
    assert not at.exception
    printed = [element.proto.body for element in at.get("html")
               if element.proto.body.startswith('<div class="crossings-print-table')]
    assert len(printed) == 1
    markup = printed[0]
    assert f'dir="{direction}"' in markup
    headers = _cells(markup, "th")
    assert len(headers) == 10  # every shown column, in reading order (not mirrored)
    if language == "en":
        assert headers[:2] == ["Id", "Name"]
    assert len(re.findall("<tr>", markup)) == 1 + PRINT_ROWS  # the header and 200 of the rows
