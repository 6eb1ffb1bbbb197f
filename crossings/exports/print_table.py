"""A data grid as paper shows it. Streamlit's grid is drawn on a canvas: printed, only the part
scrolled into view comes out (the columns on the right cut off, the rows below the grid's height
lost). Beside every grid the app puts this static table, hidden on screen and shown on paper
instead of the grid (components/language.py, components/frame.py's print style): the rows shown,
up to PRINT_ROWS of them, every shown column with its header, long text wrapped in its cell,
right to left with the first column on the right for a right-to-left language; a grid of many
columns as one record after another.

Built on every rerun of a page with a grid: the rows are cut first, and each cell is written by
a plain function of its value (no per-cell pandas call), a few milliseconds for 200 rows of 26
columns. Values from the data are escaped (html.escape): nothing in a cell is read as markup."""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd

from crossings.languages import ngettext
from crossings.languages.numbers import number
from crossings.text.formatting import format_count

PRINT_ROWS = 200  # rows printed at most: about six A4 pages of a narrow table
PRINT_RECORDS = 100  # rows printed at most as records (a wide grid's): about 25 pages
WIDE_COLUMNS = 10  # more columns than this: printed a record at a time
CELL_CHARS = 400  # a cell's text printed at most (a long note is cut with "…")
# In a table a column is as wide as its longest word at least (a name is not cut: "Liechtenste|in"
# was, when any letter could end a line); a word longer than LONG_WORD characters may break after
# every LONG_WORD (a zero-width space). A record's values may break anywhere: the headers' column
# and the values' column have fixed shares of the width.
LONG_WORD = 24
_LONG_WORD = re.compile(r"[^\s\u200b]{" + str(LONG_WORD) + r"}(?=[^\s\u200b])")
_PRINTF = re.compile(r"%[-+ 0#]*(,?)[-+ 0#]*\d*(?:\.(\d+))?([dfie])")


@dataclass(frozen=True)
class PrintColumn:
    """One printed column: the frame's column `name` under `header`, its values written as
    `kind` says: "text"; "number" with `decimals` (None: as the value is, whole numbers without
    decimals) and `grouped` thousands; "link" shown by the first group of `link_text` (a regular
    expression, as the grid's display_text) when given."""

    name: str
    header: str
    kind: str = "text"
    decimals: int | None = None
    grouped: bool = True
    link_text: str | None = None


def number_format(spec: str | None) -> tuple[int | None, bool]:
    """The decimals and grouping a grid's number format asks for: "%,.2f" is (2, True), "%d"
    (0, False), "localized" (None, True), none at all (None, False), as the grid writes a number
    with no format. Formats the grid has by name ("accounting", "dollar", "euro"...) have two
    decimals; "percent", "compact" and "scientific" are printed with the value's own decimals."""
    if not spec:
        return None, False
    printf = _PRINTF.search(spec)
    if printf:
        grouped, decimals, letter = printf.groups()
        return (0 if letter == "d" else int(decimals) if decimals else None), bool(grouped)
    if spec in ("accounting", "dollar", "euro", "yen"):
        return 2, True
    return None, True


def _missing(value) -> bool:
    return (value is None or value is pd.NA or value is pd.NaT
            or (isinstance(value, float) and math.isnan(value)))


def _text(value) -> str:
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, datetime | pd.Timestamp):
        if not value.hour and not value.minute:
            return value.date().isoformat()
        return value.isoformat(" ", "minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple | set):
        return ", ".join(str(item) for item in value if not _missing(item))
    if hasattr(value, "tolist") and not isinstance(value, str | int | float):  # a numpy array or scalar
        return _text(value.tolist())
    return str(value)


def _number_writer(column: PrintColumn) -> Callable[[object], str]:
    def write(value) -> str:
        if isinstance(value, bool) or not isinstance(value, int | float):
            try:
                value = float(value)
            except (TypeError, ValueError):
                return _text(value)
        if isinstance(value, float) and not math.isfinite(value):
            return _text(value)
        decimals = column.decimals
        if decimals is None:  # as the value is: up to 4 decimals, none for a whole number
            decimals = 0 if float(value).is_integer() else min(4, len(repr(float(value)).partition(".")[2]))
        if column.grouped:
            return number(value, decimals)
        return f"{value:.{decimals}f}"
    return write


def _link_writer(column: PrintColumn) -> Callable[[object], str]:
    pattern = re.compile(column.link_text) if column.link_text else None

    def write(value) -> str:
        text = _text(value)
        if pattern is not None:
            found = pattern.search(text)
            if found:
                return found.group(1) if found.groups() else found.group(0)
        return text
    return write


def _writer(column: PrintColumn) -> Callable[[object], str]:
    if column.kind == "number":
        return _number_writer(column)
    if column.kind == "link":
        return _link_writer(column)
    return _text


def _cells(values: list, column: PrintColumn, break_long: bool = False) -> list[str]:
    """A column's cells, escaped; with `break_long`, a place to break a word longer than
    LONG_WORD (an address, an id) after each LONG_WORD characters. Run for every cell of every
    printed grid on each rerun: text, most cells, takes the shortest way."""
    write = _writer(column)
    as_text = column.kind == "text"
    cells = []
    for value in values:
        if type(value) is str and as_text:
            text = value
        elif _missing(value):
            cells.append("")
            continue
        else:
            text = write(value)
        if len(text) > CELL_CHARS:
            text = text[:CELL_CHARS - 1] + "…"
        if break_long and len(text) > LONG_WORD:
            text = _LONG_WORD.sub("\\g<0>\u200b", text)
        cells.append(text)
    # escaped at once, split where cells were joined (unless a cell holds the joining character)
    joined = "\x00".join(cells)
    if joined.count("\x00") == len(cells) - 1:
        return html.escape(joined, quote=False).split("\x00") if cells else []
    return [html.escape(text, quote=False) for text in cells]


def rest_note(printed: int, total: int, in_download: bool) -> str:
    """The line under a printed table cut short."""
    if in_download:
        return ngettext("First {shown} of {n} row; the whole table is in the CSV download.",
                        "First {shown} of {n} rows; the whole table is in the CSV download.",
                        total).format(shown=format_count(printed), n=format_count(total))
    return ngettext("First {shown} of {n} row; the page on screen shows them all.",
                    "First {shown} of {n} rows; the page on screen shows them all.",
                    total).format(shown=format_count(printed), n=format_count(total))


def print_table_html(frame: pd.DataFrame, columns: Sequence[PrintColumn], rtl: bool = False,
                     total: int | None = None, in_download: bool = False, limit: int = PRINT_ROWS) -> str:
    """The first `limit` rows of `frame` with their `columns` (in reading order: the first is on
    the right when `rtl`), and, when rows are left out, a line saying how many of `total` (the
    frame's length unless given: a frame already cut to what the grid shows) are printed and
    where the rest are. Up to WIDE_COLUMNS columns, a table; more do not fit A4's width (26
    columns left three letters a line to each), and each row is printed as a record instead (at
    most PRINT_RECORDS of them): its filled cells under their headers, two records side by side.
    Headers and cells are escaped."""
    present = [column for column in columns if column.name in frame.columns]
    records = len(present) > WIDE_COLUMNS
    total = len(frame) if total is None else total
    rows = frame.head(min(limit, PRINT_RECORDS) if records else limit)
    cells = [_cells(rows[column.name].tolist(), column, break_long=not records) for column in present]
    headers = [html.escape(column.header, quote=False) for column in present]
    direction = "rtl" if rtl else "ltr"
    note = (f'<p class="crossings-print-rest">{html.escape(rest_note(len(rows), total, in_download))}</p>'
            if total > len(rows) else "")
    if records:
        listing = "".join('<dl class="crossings-print-record">' + "".join(
            f"<dt>{header}</dt><dd>{text}</dd>" for header, text in zip(headers, row, strict=True) if text)
            + "</dl>" for row in zip(*cells, strict=True))
        return (f'<div class="crossings-print-table records" dir="{direction}" aria-hidden="true">'
                f"{listing}{note}</div>")
    numeric = [column.kind == "number" for column in present]
    head = "".join(f"<th>{header}</th>" for header in headers)
    body = "".join("<tr>" + "".join(f'<td class="n">{text}</td>' if numeric[index] else f"<td>{text}</td>"
                                    for index, text in enumerate(row)) + "</tr>"
                   for row in zip(*cells, strict=True)) if present else ""
    return (f'<div class="crossings-print-table" dir="{direction}" aria-hidden="true">'
            f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{note}</div>")
