"""Files people take away: CSV and Excel of exactly the rows shown, safe to open in a
spreadsheet."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pandas as pd

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


def without_derived(frame: pd.DataFrame) -> pd.DataFrame:
    """Drop the loader's derived date bounds (`*_first`, `*_last`): the file gets the columns
    as curated."""
    derived = [c for c in frame.columns if c.endswith(("_first", "_last"))
               and c.rsplit("_", 1)[0] in frame.columns]
    return frame.drop(columns=derived)


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark, so Excel opens accents correctly."""
    return spreadsheet_safe(without_derived(frame)).to_csv(index=False).encode("utf-8-sig")


def excel_bytes(frame: pd.DataFrame, sheet_name: str = "data") -> bytes:
    buffer = io.BytesIO()
    safe = spreadsheet_safe(without_derived(frame))
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        safe.to_excel(writer, index=False, sheet_name=sheet_name[:31])
    return buffer.getvalue()


DATASET_README = "README.md"


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
                entry = zipfile.ZipInfo(f"crossings-data/{name}", date_time=(2000, 1, 1, 0, 0, 0))
                entry.compress_type = zipfile.ZIP_DEFLATED
                content = path.read_bytes()
                if hxl and name != DATASET_README:
                    content = hxl_file_bytes(name.removesuffix(".csv"), content)
                archive.writestr(entry, content)
    return buffer.getvalue()
