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
