"""Read the bytes of one CSV file into its cells, as text, numbered like a spreadsheet.

This is the first step of loading (crossings.data.table_checks parses and checks the cells by the
schema). It copes with what spreadsheets and people actually produce: a UTF-8 byte-order mark,
Windows-1252 text, semicolons or tabs between columns, Windows line endings, quoted line
breaks, blank rows, rows with too many or too few values, unnamed or repeated columns.

Row numbers are the spreadsheet's: the header is row 1 and a value with a line break inside
quotes stays in its row, so row numbers count records, not lines. What is repaired is reported
as a warning; what cannot be read is an error (see data/README.md). Nothing here raises on bad
data.
"""

from __future__ import annotations

import codecs
import csv
import io
import string
from dataclasses import dataclass, field

import pandas as pd

from crossings.data.problems import ERROR, WARNING, Problem
from crossings.limits import IMPORT

# A table's file, in the data folder or uploaded on the Import page (crossings/limits.py); the
# largest table today (fx_rates.csv) is about 90 kB.
MAX_FILE_BYTES = IMPORT.max_bytes
ROWS_LISTED = 5  # a warning about many rows names the first few

_DELIMITERS = {",": "commas", ";": "semicolons", "\t": "tabs"}
_WHO_USES = {";": "as Excel does in many European languages", "\t": "as Excel's 'Unicode Text' does"}


@dataclass
class RawTable:
    """The cells of one CSV file as text (blank cells as missing), indexed by spreadsheet row."""

    file: str
    cells: pd.DataFrame
    delimiter: str = ","
    header_row: int = 1
    malformed: set[int] = field(default_factory=set)  # rows already reported as unreadable

    @property
    def decimal_comma(self) -> bool:
        """Files with semicolons or tabs come from spreadsheets that write 0,5 for a half."""
        return self.delimiter != ","


def column_letter(position: int) -> str:
    """Spreadsheet column letter of a 0-based position: 0 -> A, 26 -> AA."""
    letters = ""
    position += 1
    while position:
        position, remainder = divmod(position - 1, 26)
        letters = string.ascii_uppercase[remainder] + letters
    return letters


def rows_text(rows: list[int]) -> str:
    """'rows 4, 7, 9' or 'rows 4, 7, 9, 12, 15 and 3 more'."""
    shown = ", ".join(str(r) for r in rows[:ROWS_LISTED])
    more = f" and {len(rows) - ROWS_LISTED} more" if len(rows) > ROWS_LISTED else ""
    return ("row " if len(rows) == 1 else "rows ") + shown + more


def too_large(file: str, size: int) -> Problem:
    return Problem(file, None, None, f"{size:,} bytes", f"at most {MAX_FILE_BYTES:,} bytes",
                   ERROR, "file is too large to load; the table is left empty:")


# --- files that are not text ------------------------------------------------------------------

_NOT_CSV = "a CSV file: text, with commas between values"
_SAVE_AS_CSV = "save it as CSV (in Excel: File > Save As > 'CSV UTF-8 (Comma delimited)')"
_SAMPLE_BYTES = 8192  # enough of the start to tell text from binary
_CONTROL = bytes(b for b in range(32) if b not in b"\t\n\r\f")


def not_text(raw: bytes) -> str | None:
    """Why the bytes cannot be a CSV table, said so that the fix is plain, or None for text.
    A workbook saved under a .csv name, a picture or a PDF would otherwise be decoded as
    Windows-1252 into lines of garbage, or read as a header with no rows."""
    if raw.startswith(b"PK\x03\x04"):  # a ZIP container: .xlsx, .ods, .docx, .zip
        if b"xl/" in raw[:_SAMPLE_BYTES * 8] or b"[Content_Types].xml" in raw[:_SAMPLE_BYTES * 8]:
            return f"this is an Excel workbook (.xlsx), not a CSV file: {_SAVE_AS_CSV}"
        if b"opendocument.spreadsheet" in raw[:_SAMPLE_BYTES]:
            return ("this is an OpenDocument spreadsheet (.ods), not a CSV file: save it as CSV "
                    "(File > Save As > 'Text CSV')")
        return "this is a ZIP archive, not a CSV file: unpack it and use the CSV inside"
    if raw.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return f"this is an Excel 97-2003 workbook (.xls), not a CSV file: {_SAVE_AS_CSV}"
    if raw.startswith(b"%PDF-"):
        return "this is a PDF document, not a CSV file: export the table from its source as CSV"
    sample = raw[:_SAMPLE_BYTES]
    if not sample or raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    nuls = sample.count(0)
    if nuls * 3 >= len(sample) and (sample[0::2].count(0) == nuls or sample[1::2].count(0) == nuls):
        return ("this is UTF-16 text without a byte-order mark, which cannot be read reliably: "
                "save it as 'CSV UTF-8'")
    control = sum(sample.count(byte) for byte in _CONTROL)
    if nuls > 2 or control * 20 > len(sample):  # a stray NUL in a cell is reported in its row
        return ("the file is not text (it holds binary data: a picture, a document or an archive?), "
                "so it cannot be read as a table: save the table as CSV")
    return None


# --- bytes to text ---------------------------------------------------------------------------

@dataclass
class _Decoded:
    text: str
    byte_order_mark: str | None = None  # "UTF-8" or "UTF-16" when one was found
    first_bad_line: int | None = None  # physical line of the first byte that is not UTF-8


def _decode(raw: bytes) -> _Decoded:
    if raw.startswith(codecs.BOM_UTF8):
        decoded = _decode(raw[len(codecs.BOM_UTF8):])
        decoded.byte_order_mark = "UTF-8"
        return decoded
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _Decoded(raw.decode("utf-16"), "UTF-16")
        except UnicodeDecodeError:
            pass  # not really UTF-16: fall through to the ordinary path
    try:
        return _Decoded(raw.decode("utf-8"))
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        return _Decoded(raw.decode("cp1252", errors="replace"), first_bad_line=line)


def _sniff_delimiter(text: str) -> str:
    """The separator used most in the first non-blank line (the header); commas on a tie."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    counts = {sep: header.count(sep) for sep in _DELIMITERS}
    best = max(counts, key=lambda sep: (counts[sep], sep == ","))
    return best if counts[best] else ","


def _csv_error(file: str, row: int, err: csv.Error, delimiter: str) -> Problem:
    reason = str(err)
    if "unexpected end of data" in reason:
        message = ('a quote (") opened in this row is never closed, so the rest of the file reads '
                   "as one value; the table is left empty")
    elif "expected after" in reason:
        message = ('a quote (") in the middle of a value; the table is left empty. In CSV a value '
                   'with quotes in it is written whole in quotes, with each quote doubled ("")')
    elif "field larger than field limit" in reason:
        message = f"a value is longer than {csv.field_size_limit():,} characters; the table is left empty"
    else:
        message = f"the file cannot be read as CSV ({reason}); the table is left empty"
    return Problem(file, row, None, None, f"CSV with {_DELIMITERS[delimiter]} between columns",
                   ERROR, message)


# --- text to cells ---------------------------------------------------------------------------

def read_csv_bytes(raw: bytes, file: str, problems: list[Problem],
                   expected_columns: list[str] | None = None) -> RawTable | None:
    """The cells of a CSV file, or None when it cannot be used at all (each reason is added to
    `problems`). `expected_columns` only improves the message for an empty file."""
    if len(raw) > MAX_FILE_BYTES:
        problems.append(too_large(file, len(raw)))
        return None
    binary = not_text(raw)
    if binary:
        problems.append(Problem(file, None, None, None, _NOT_CSV, ERROR,
                                f"{binary}; the table is left empty"))
        return None
    decoded = _decode(raw)
    if decoded.byte_order_mark:
        problems.append(Problem(file, None, None, None, "", WARNING,
                                f"a {decoded.byte_order_mark} byte-order mark (BOM) was removed"))
    text = decoded.text
    if not text.strip():
        header = ",".join(expected_columns) if expected_columns else "the column names"
        problems.append(Problem(file, None, None, None, "a header row: " + header, ERROR,
                                "file is empty; the table is left empty"))
        return None

    delimiter = _sniff_delimiter(text)
    if delimiter != ",":
        problems.append(Problem(file, None, None, None, "commas", WARNING,
                                f"the file uses {_DELIMITERS[delimiter]} between columns "
                                f"({_WHO_USES[delimiter]}); it was read with them"))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[list[str]] = []
    last_lines: list[int] = []  # the physical line each record ends on
    try:
        for record in reader:
            records.append(record)
            last_lines.append(reader.line_num)
    except csv.Error as err:
        problems.append(_csv_error(file, len(records) + 1, err, delimiter))
        return None

    if decoded.first_bad_line is not None:
        problems.append(_encoding_warning(file, records, last_lines, decoded.first_bad_line))
    return _cells(file, records, delimiter, problems)


def _encoding_warning(file: str, records: list[list[str]], last_lines: list[int], line: int) -> Problem:
    index = next((i for i, last in enumerate(last_lines) if last >= line), len(records) - 1)
    cells = records[index] if records else []
    value = next((c for c in cells if any(ord(ch) > 127 for ch in c)), None)
    return Problem(file, index + 1, None, value, "UTF-8 text", WARNING,
                   "the file is not UTF-8 (first seen in this row); it was read as Windows-1252 "
                   "(Latin-1): check its accented letters, or save it as 'CSV UTF-8':")


def _cells(file: str, records: list[list[str]], delimiter: str, problems: list[Problem]) -> RawTable | None:
    def blank(record: list[str]) -> bool:
        return not any(cell.strip() for cell in record)

    header_index = next((i for i, record in enumerate(records) if not blank(record)), None)
    if header_index is None:
        problems.append(Problem(file, None, None, None, "a header row", ERROR,
                                "file has no header row (only empty cells); the table is left empty"))
        return None
    if header_index:
        problems.append(Problem(file, header_index + 1, None, None, "the header in row 1", WARNING,
                                f"{header_index} empty row(s) above the header ignored; "
                                f"the header is row {header_index + 1}"))
    header = [name.strip() for name in records[header_index]]
    if not _header_is_usable(file, header_index + 1, header, problems):
        return None
    width = len(header)

    rows: dict[int, list[str]] = {}
    empty_rows: list[int] = []
    malformed: set[int] = set()
    for index in range(header_index + 1, len(records)):
        row, record = index + 1, records[index]
        if blank(record):
            empty_rows.append(row)
            continue
        if len(record) > width and blank(record[width:]):
            record = record[:width]  # trailing empty cells: nothing is lost
        if len(record) != width:
            malformed.add(row)
            problems.append(Problem(
                file, row, None, delimiter.join(record)[:120], f"{width} values, one per column",
                ERROR, f"row has {len(record)} values but the header has {width} columns (a "
                f"{_DELIMITERS[delimiter][:-1]} inside a value that is not in quotes?); "
                "the row is left out:"))
            record = (record + [""] * width)[:width]
        rows[row] = [cell.replace("\r\n", "\n") for cell in record]

    if empty_rows:
        problems.append(Problem(file, None, None, None, "", WARNING,
                                f"{len(empty_rows)} empty row(s) ignored ({rows_text(empty_rows)})"))
    cells = pd.DataFrame.from_dict(rows, orient="index", columns=header, dtype="str") if rows else (
        pd.DataFrame({name: pd.Series(dtype="str") for name in header}))
    cells = _drop_unnamed(file, cells, problems)
    cells = _strip(file, cells, malformed, problems)
    if cells.empty:
        problems.append(Problem(file, None, None, None, "", WARNING,
                                "the file has a header but no rows; the table is empty"))
    return RawTable(file, cells.mask(cells == ""), delimiter, header_index + 1, malformed)


def _header_is_usable(file: str, row: int, header: list[str], problems: list[Problem]) -> bool:
    seen: dict[str, int] = {}
    usable = True
    for position, name in enumerate(header):
        if not name:
            continue
        if name in seen:
            usable = False
            problems.append(Problem(
                file, row, name, None, "each column name once", ERROR,
                f"column appears twice (columns {column_letter(seen[name])} and "
                f"{column_letter(position)}), so it is unclear which to use; the table is left empty"))
        else:
            seen[name] = position
    return usable


def _drop_unnamed(file: str, cells: pd.DataFrame, problems: list[Problem]) -> pd.DataFrame:
    """Columns with no name: dropped silently when empty (trailing commas), with a warning when
    they hold values."""
    unnamed = [position for position, name in enumerate(cells.columns) if name == ""]
    for position in unnamed:
        values = cells.iloc[:, position]
        filled = values[values.str.strip() != ""]
        if len(filled):
            problems.append(Problem(file, int(filled.index[0]), None, filled.iloc[0], "a column name",
                                    WARNING, f"column {column_letter(position)} has no name but holds "
                                    f"{len(filled)} value(s); it is ignored:"))
    keep = [position for position in range(cells.shape[1]) if position not in unnamed]
    return cells.iloc[:, keep]


def _strip(file: str, cells: pd.DataFrame, malformed: set[int], problems: list[Problem]) -> pd.DataFrame:
    """Spaces (and line breaks) around values are removed, with one warning per column."""
    stripped = cells.apply(lambda column: column.str.strip())
    for name in cells.columns:
        changed = [row for row in cells.index[cells[name] != stripped[name]] if row not in malformed]
        if changed:
            problems.append(Problem(file, changed[0], name, None, "", WARNING,
                                    f"spaces around {len(changed)} value(s) removed ({rows_text(changed)})"))
    return stripped
