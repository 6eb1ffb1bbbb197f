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

from crossings.data.problems import ERROR, WARNING, Count, Problem, Text, phrase, problem
from crossings.languages import N_
from crossings.limits import IMPORT

# A table's file, in the data folder or uploaded on the Import page (crossings/limits.py); the
# largest table today (fx_rates.csv) is about 90 kB.
MAX_FILE_BYTES = IMPORT.max_bytes
ROWS_LISTED = 5  # a warning about many rows names the first few

_DELIMITERS = {",": "commas", ";": "semicolons", "\t": "tabs"}
_CSV_WITH = {",": N_("CSV with commas between columns"), ";": N_("CSV with semicolons between columns"),
             "\t": N_("CSV with tabs between columns")}
_USES = {";": N_("the file uses semicolons between columns (as Excel does in many European languages); "
                 "it was read with them"),
         "\t": N_("the file uses tabs between columns (as Excel's 'Unicode Text' does); it was read "
                  "with them")}
_WIDTH = {
    ",": N_("row has {count} values but the header has {width} columns (a comma inside a value that is "
            "not in quotes?); the row is left out:"),
    ";": N_("row has {count} values but the header has {width} columns (a semicolon inside a value that "
            "is not in quotes?); the row is left out:"),
    "\t": N_("row has {count} values but the header has {width} columns (a tab inside a value that is "
             "not in quotes?); the row is left out:")}


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


def rows_text(rows: list[int]) -> Text:
    """'rows 4, 7, 9' or 'rows 4, 7, 9, 12, 15 and 3 more', read in the reader's language."""
    shown = ", ".join(str(r) for r in rows[:ROWS_LISTED])
    if len(rows) > ROWS_LISTED:
        return phrase(N_("rows {rows} and {more} more"), rows=shown, more=str(len(rows) - ROWS_LISTED))
    return phrase(N_("row {rows}") if len(rows) == 1 else N_("rows {rows}"), rows=shown)


def too_large(file: str, size: int, most: int = MAX_FILE_BYTES) -> Problem:
    return problem(file, None, None, f"{size:,} bytes",
                   phrase(N_("at most {most} bytes"), most=Count(most)),
                   ERROR, N_("file is too large to load; the table is left empty:"))


# --- files that are not text ------------------------------------------------------------------

_NOT_CSV = N_("a CSV file: text, with commas between values")
_SAVE_AS_CSV = Text(N_("save it as CSV (in Excel: File > Save As > 'CSV UTF-8 (Comma delimited)')"))
_SAMPLE_BYTES = 8192  # enough of the start to tell text from binary
_CONTROL = bytes(b for b in range(32) if b not in b"\t\n\r\f")


def not_text(raw: bytes) -> Text | None:
    """Why the bytes cannot be a CSV table, said so that the fix is plain, or None for text.
    A workbook saved under a .csv name, a picture or a PDF would otherwise be decoded as
    Windows-1252 into lines of garbage, or read as a header with no rows."""
    if raw.startswith(b"PK\x03\x04"):  # a ZIP container: .xlsx, .ods, .docx, .zip
        if b"xl/" in raw[:_SAMPLE_BYTES * 8] or b"[Content_Types].xml" in raw[:_SAMPLE_BYTES * 8]:
            return phrase(N_("this is an Excel workbook (.xlsx), not a CSV file: {save_as}"),
                          save_as=_SAVE_AS_CSV)
        if b"opendocument.spreadsheet" in raw[:_SAMPLE_BYTES]:
            return Text(N_("this is an OpenDocument spreadsheet (.ods), not a CSV file: save it as CSV "
                           "(File > Save As > 'Text CSV')"))
        return Text(N_("this is a ZIP archive, not a CSV file: unpack it and use the CSV inside"))
    if raw.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return phrase(N_("this is an Excel 97-2003 workbook (.xls), not a CSV file: {save_as}"),
                      save_as=_SAVE_AS_CSV)
    if raw.startswith(b"%PDF-"):
        return Text(N_("this is a PDF document, not a CSV file: export the table from its source as CSV"))
    sample = raw[:_SAMPLE_BYTES]
    if not sample or raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    nuls = sample.count(0)
    if nuls * 3 >= len(sample) and (sample[0::2].count(0) == nuls or sample[1::2].count(0) == nuls):
        return Text(N_("this is UTF-16 text without a byte-order mark, which cannot be read reliably: "
                       "save it as 'CSV UTF-8'"))
    control = sum(sample.count(byte) for byte in _CONTROL)
    if nuls > 2 or control * 20 > len(sample):  # a stray NUL in a cell is reported in its row
        return Text(N_("the file is not text (it holds binary data: a picture, a document or an "
                       "archive?), so it cannot be read as a table: save the table as CSV"))
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
        message = Text(N_('a quote (") opened in this row is never closed, so the rest of the file reads '
                          "as one value; the table is left empty"))
    elif "expected after" in reason:
        message = Text(N_('a quote (") in the middle of a value; the table is left empty. In CSV a value '
                          'with quotes in it is written whole in quotes, with each quote doubled ("")'))
    elif "field larger than field limit" in reason:
        message = phrase(N_("a value is longer than {limit} characters; the table is left empty"),
                         limit=Count(csv.field_size_limit()))
    else:
        message = phrase(N_("the file cannot be read as CSV ({reason}); the table is left empty"),
                         reason=reason)
    return problem(file, row, None, None, _CSV_WITH[delimiter], ERROR, message)


# --- text to cells ---------------------------------------------------------------------------

def read_csv_bytes(raw: bytes, file: str, problems: list[Problem],
                   expected_columns: list[str] | None = None,
                   max_bytes: int = MAX_FILE_BYTES) -> RawTable | None:
    """The cells of a CSV file, or None when it cannot be used at all (each reason is added to
    `problems`). `expected_columns` only improves the message for an empty file; `max_bytes` is
    an upload's limit unless the file is the data folder's own (DATA_FILE_MAX_BYTES)."""
    if len(raw) > max_bytes:
        problems.append(too_large(file, len(raw), max_bytes))
        return None
    binary = not_text(raw)
    if binary:
        problems.append(problem(file, None, None, None, _NOT_CSV, ERROR,
                                phrase(N_("{reason}; the table is left empty"), reason=binary)))
        return None
    decoded = _decode(raw)
    if decoded.byte_order_mark:
        problems.append(problem(file, None, None, None, "", WARNING,
                                phrase(N_("a {encoding} byte-order mark (BOM) was removed"),
                                       encoding=decoded.byte_order_mark)))
    text = decoded.text
    if not text.strip():
        header = ",".join(expected_columns) if expected_columns else Text(N_("the column names"))
        problems.append(problem(file, None, None, None, phrase(N_("a header row: {header}"), header=header),
                                ERROR, N_("file is empty; the table is left empty")))
        return None

    delimiter = _sniff_delimiter(text)
    if delimiter != ",":
        problems.append(Problem(file, None, None, None, N_("commas"), WARNING, _USES[delimiter]))
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
    return Problem(file, index + 1, None, value, N_("UTF-8 text"), WARNING,
                   N_("the file is not UTF-8 (first seen in this row); it was read as Windows-1252 "
                      "(Latin-1): check its accented letters, or save it as 'CSV UTF-8':"))


def _cells(file: str, records: list[list[str]], delimiter: str, problems: list[Problem]) -> RawTable | None:
    def blank(record: list[str]) -> bool:
        return not any(cell.strip() for cell in record)

    header_index = next((i for i, record in enumerate(records) if not blank(record)), None)
    if header_index is None:
        problems.append(Problem(file, None, None, None, N_("a header row"), ERROR,
                                N_("file has no header row (only empty cells); the table is left empty")))
        return None
    if header_index:
        problems.append(problem(file, header_index + 1, None, None, N_("the header in row 1"), WARNING,
                                phrase(N_("{count} empty row(s) above the header ignored; the header is "
                                          "row {row}"), count=str(header_index), row=str(header_index + 1))))
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
            problems.append(problem(
                file, row, None, delimiter.join(record)[:120],
                phrase(N_("{width} values, one per column"), width=str(width)), ERROR,
                phrase(_WIDTH[delimiter], count=str(len(record)), width=str(width))))
            record = (record + [""] * width)[:width]
        rows[row] = [cell.replace("\r\n", "\n") for cell in record]

    if empty_rows:
        problems.append(problem(file, None, None, None, "", WARNING,
                                phrase(N_("{count} empty row(s) ignored ({rows})"),
                                       count=str(len(empty_rows)), rows=rows_text(empty_rows))))
    cells = pd.DataFrame.from_dict(rows, orient="index", columns=header, dtype="str") if rows else (
        pd.DataFrame({name: pd.Series(dtype="str") for name in header}))
    cells = _drop_unnamed(file, cells, problems)
    cells = _strip(file, cells, malformed, problems)
    if cells.empty:
        problems.append(Problem(file, None, None, None, "", WARNING,
                                N_("the file has a header but no rows; the table is empty")))
    return RawTable(file, cells.mask(cells == ""), delimiter, header_index + 1, malformed)


def _header_is_usable(file: str, row: int, header: list[str], problems: list[Problem]) -> bool:
    seen: dict[str, int] = {}
    usable = True
    for position, name in enumerate(header):
        if not name:
            continue
        if name in seen:
            usable = False
            problems.append(problem(
                file, row, name, None, N_("each column name once"), ERROR,
                phrase(N_("column appears twice (columns {first} and {second}), so it is unclear which to "
                          "use; the table is left empty"), first=column_letter(seen[name]),
                       second=column_letter(position))))
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
            problems.append(problem(file, int(filled.index[0]), None, filled.iloc[0], N_("a column name"),
                                    WARNING, phrase(N_("column {letter} has no name but holds {count} "
                                                       "value(s); it is ignored:"),
                                                    letter=column_letter(position), count=str(len(filled)))))
    keep = [position for position in range(cells.shape[1]) if position not in unnamed]
    return cells.iloc[:, keep]


def _strip(file: str, cells: pd.DataFrame, malformed: set[int], problems: list[Problem]) -> pd.DataFrame:
    """Spaces (and line breaks) around values are removed, with one warning per column."""
    stripped = cells.apply(lambda column: column.str.strip())
    for name in cells.columns:
        changed = [row for row in cells.index[cells[name] != stripped[name]] if row not in malformed]
        if changed:
            problems.append(problem(file, changed[0], name, None, "", WARNING,
                                    phrase(N_("spaces around {count} value(s) removed ({rows})"),
                                           count=str(len(changed)), rows=rows_text(changed))))
    return stripped
