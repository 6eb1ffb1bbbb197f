"""Files people take away: CSV and Excel of exactly the rows shown, safe to open in a
spreadsheet."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from crossings.data.dataset import Dataset
from crossings.data.schema import TABLES

# A cell starting with one of these is run as a formula by Excel, LibreOffice and Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value):
    """Prefix text that a spreadsheet would run as a formula with an apostrophe. Numbers,
    dates and empty cells are left alone (a negative number stays a number)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise_cell)
    safe.columns = [neutralise_cell(str(c)) for c in safe.columns]
    return safe


_DERIVED_PRECISIONS = {name for table in TABLES for name in table.derived_precisions()}


def without_derived(frame: pd.DataFrame) -> pd.DataFrame:
    """Drop the loader's derived date bounds (`*_first`, `*_last`) and the precisions it reads
    from EDTF dates (`start_precision` of events): the file gets the columns as curated."""
    derived = [c for c in frame.columns if c.endswith(("_first", "_last"))
               and c.rsplit("_", 1)[0] in frame.columns]
    derived += [c for c in frame.columns if c in _DERIVED_PRECISIONS]
    return frame.drop(columns=derived)


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark, so Excel opens accents correctly."""
    return spreadsheet_safe(without_derived(frame)).to_csv(index=False).encode("utf-8-sig")


# Excel keeps at most this many characters in a cell; openpyxl cuts longer text silently.
EXCEL_CELL_LIMIT = 32_767
CUT_SHEET = "cut cells"


@dataclass(frozen=True)
class CutCell:
    row: int  # the spreadsheet row in the data sheet (the header is row 1)
    column: str
    length: int  # characters in the whole text


def cut_marker(length: int) -> str:
    return (f" … [cut here: {length:,} characters in all; Excel keeps {EXCEL_CELL_LIMIT:,} in a cell. "
            "The CSV download has the whole text.]")


def cells_too_long_for_excel(frame: pd.DataFrame) -> list[CutCell]:
    """The cells of `frame` (as the Excel download writes it) longer than Excel keeps."""
    shown = without_derived(frame)
    cut = []
    for position, column in enumerate(shown.columns):
        values = shown.iloc[:, position]
        if not (values.dtype == object or pd.api.types.is_string_dtype(values)):
            continue
        longest = (max((len(v) for v in values.to_numpy() if isinstance(v, str)), default=0)
                   if values.dtype == object else values.str.len().max())
        if not (longest >= EXCEL_CELL_LIMIT):
            continue  # no text near the limit (neutralising adds one character): none to measure
        lengths = values.map(lambda v: len(neutralise_cell(v)) if isinstance(v, str) else 0)
        for row in (lengths > EXCEL_CELL_LIMIT).to_numpy().nonzero()[0]:
            cut.append(CutCell(int(row) + 2, neutralise_cell(str(column)), int(lengths.iloc[row])))
    return cut


def excel_bytes(frame: pd.DataFrame, sheet_name: str = "data") -> bytes:
    """The rows as a workbook. A text longer than Excel keeps in a cell is cut by us, not
    silently: it ends with a note saying so, and a second sheet lists every cut cell."""
    buffer = io.BytesIO()
    safe = spreadsheet_safe(without_derived(frame))
    cut = cells_too_long_for_excel(frame)
    if cut:
        safe = safe.copy()
        for cell in cut:
            marker = cut_marker(cell.length)
            position = list(safe.columns).index(cell.column)
            text = safe.iat[cell.row - 2, position]
            safe.iat[cell.row - 2, position] = text[:EXCEL_CELL_LIMIT - len(marker)] + marker
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        safe.to_excel(writer, index=False, sheet_name=sheet_name[:31])
        if cut:
            pd.DataFrame([{"sheet": sheet_name[:31], "row": c.row, "column": c.column,
                           "characters in all": c.length, "characters kept": EXCEL_CELL_LIMIT}
                          for c in cut]).to_excel(writer, index=False, sheet_name=CUT_SHEET)
    return buffer.getvalue()


DATASET_README = "README.md"


def public_dataset_zip(dataset: Dataset, readme: Path | str, hxl: bool = False) -> bytes:
    """Every table of a dataset (the public subset, on a public server) as CSV with its
    curated columns, and the data dictionary, in one zip under `crossings-data/`: what a
    public route offers in place of the files, which hold internal rows too. With `hxl`, each
    CSV has its row of HXL hashtags under the header."""
    from crossings.exports.hxl import hxl_file_bytes  # hxl imports this module
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for table in TABLES:
            frame = dataset.tables[table.name][table.names]
            content = frame.to_csv(index=False, lineterminator="\n").encode("utf-8")
            _write_entry(archive, table.file, hxl_file_bytes(table.name, content) if hxl else content)
        path = Path(readme)
        if path.is_file():
            _write_entry(archive, DATASET_README, path.read_bytes())
    return buffer.getvalue()


def _write_entry(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    entry = zipfile.ZipInfo(f"crossings-data/{name}", date_time=(2000, 1, 1, 0, 0, 0))
    entry.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(entry, data)


def dataset_zip(data_dir: Path | str, hxl: bool = False) -> bytes:
    """Every table's CSV exactly as curated in `data_dir` (rows the validator rejects
    included, byte for byte) and the data dictionary, in one zip under `crossings-data/`.
    Entries carry a fixed timestamp, so the same files always give the same bytes. With `hxl`,
    each CSV has its row of HXL hashtags under the header (crossings.exports.hxl)."""
    from crossings.exports.hxl import hxl_file_bytes  # hxl imports this module
    data_dir = Path(data_dir)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in [table.file for table in TABLES] + [DATASET_README]:
            path = data_dir / name
            if path.is_file():
                content = path.read_bytes()
                if hxl and name != DATASET_README:
                    content = hxl_file_bytes(name.removesuffix(".csv"), content)
                _write_entry(archive, name, content)
    return buffer.getvalue()
