"""Downloads hold exactly the rows given and are safe to open in a spreadsheet."""

from __future__ import annotations

import io

import pandas as pd

from crossings.exports.tables import csv_bytes, excel_bytes, neutralise_cell


def test_formula_cells_are_neutralised_and_numbers_are_not():
    assert neutralise_cell("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert neutralise_cell("+1") == "'+1"
    assert neutralise_cell("-2+3") == "'-2+3"
    assert neutralise_cell("@SUM(A1)") == "'@SUM(A1)"
    assert neutralise_cell("Cairo") == "Cairo"
    assert neutralise_cell(-5.0) == -5.0


def test_csv_and_excel_round_trip_the_rows(dataset):
    funding = dataset.funding
    from_csv = pd.read_csv(io.BytesIO(csv_bytes(funding)), encoding="utf-8-sig")
    from_excel = pd.read_excel(io.BytesIO(excel_bytes(funding)))
    for frame in (from_csv, from_excel):
        assert frame["funding_id"].tolist() == funding["funding_id"].tolist()
        assert frame["amount"].tolist() == funding["amount"].tolist()
        assert "value_date_first" not in frame.columns  # derived bounds are not exported
        assert "value_date" in frame.columns


def test_hostile_title_is_neutralised_in_excel():
    frame = pd.DataFrame({"title": ["=cmd|' /C calc'!A0", "Workshop"], "participants": [55, -1]})
    read = pd.read_excel(io.BytesIO(excel_bytes(frame)))
    assert read["title"].tolist() == ["'=cmd|' /C calc'!A0", "Workshop"]
    assert read["participants"].tolist() == [55, -1]


def test_a_text_longer_than_excel_keeps_is_cut_with_a_notice_in_the_file():
    """A 100,004-character title: Excel keeps 32,767 characters in a cell. The cell says where
    it was cut and how long the text is; a sheet lists every cut cell; the CSV keeps it whole."""
    import openpyxl

    from crossings.exports.tables import EXCEL_CELL_LIMIT, CutCell, cells_too_long_for_excel, cut_marker

    title = "A" * 100_004
    frame = pd.DataFrame({"event_id": ["EV-1", "EV-2"], "title": ["short", title], "participants": [5, 6]})
    assert cells_too_long_for_excel(frame) == [CutCell(3, "title", 100_004)]
    book = openpyxl.load_workbook(io.BytesIO(excel_bytes(frame, "events")))
    assert book.sheetnames == ["events", "cut cells"]
    cell = book["events"]["B3"].value
    assert len(cell) == EXCEL_CELL_LIMIT
    assert cell.endswith(cut_marker(100_004)) and "100,004 characters in all" in cell
    assert cell.startswith("A" * 1000)
    notes = list(book["cut cells"].iter_rows(values_only=True))
    assert notes == [("sheet", "row", "column", "characters in all", "characters kept"),
                     ("events", 3, "title", 100_004, EXCEL_CELL_LIMIT)]
    assert csv_bytes(frame).decode("utf-8-sig").count("A") == 100_004  # the CSV has it whole


def test_text_of_exactly_the_limit_is_kept_whole():
    import openpyxl

    from crossings.exports.tables import EXCEL_CELL_LIMIT, cells_too_long_for_excel

    frame = pd.DataFrame({"title": ["B" * EXCEL_CELL_LIMIT]})
    assert cells_too_long_for_excel(frame) == []
    book = openpyxl.load_workbook(io.BytesIO(excel_bytes(frame)))
    assert book.sheetnames == ["data"] and book["data"]["A2"].value == "B" * EXCEL_CELL_LIMIT
