"""How much each surface of the app accepts from a visitor: the one table of limits.

The server enforces them, not the browser: Streamlit refuses an upload request larger than
`server.maxUploadSize` (.streamlit/config.toml, set to the largest limit here, LARGEST_MB)
before reading more of it than that, and each page then refuses a file over its own limit
before reading it, and a table of more rows than its limit before parsing it. Files larger
than a page accepts go through the command line, which has no such limit
(`python -m crossings.data.import_table`). README.md, "Limits", shows this table.

The row limit is a setting: CROSSINGS_IMPORT_MAX_ROWS in the server's environment.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
from dataclasses import dataclass

from crossings.languages import N_, _
from crossings.languages.numbers import number

MB = 1024 * 1024
PROBLEMS_LISTED = 100  # a page lists this many problems, then says how many more there are


@dataclass(frozen=True)
class Limit:
    surface: str  # where people meet it (English, marked N_: shown as _(surface))
    accepts: str  # what it takes (English, marked N_: shown as _(accepts))
    max_bytes: int
    max_rows: int | None = None  # records after the header, for tables
    larger: str = N_("Larger files go through the command line (see README, Limits).")  # what to do instead

    @property
    def max_mb(self) -> int:
        """Whole megabytes, rounded up (Streamlit's upload settings take whole MB)."""
        return max(1, -(-self.max_bytes // MB))

    def describe(self) -> str:
        """'at most 25 MB and 100,000 rows', as the page says it before the upload, in the active
        language."""
        if self.max_bytes % MB == 0:
            size = _("{count} MB").format(count=self.max_mb)
        else:
            size = _("{count} bytes").format(count=number(self.max_bytes))
        if self.max_rows:
            return _("at most {size} and {rows} rows").format(size=size, rows=number(self.max_rows))
        return _("at most {size}").format(size=size)

    def size_refusal(self, file_name: str, size: int) -> str | None:
        """Why a file of `size` bytes is refused, before a byte of it is read; None if not."""
        if size <= self.max_bytes:
            return None
        if size >= MB // 10:
            shown = _("{count} MB").format(count=number(size / MB, 1))
        else:
            shown = _("{count} bytes").format(count=number(size))
        return _("{file_name} is {size}; the {surface} page accepts {limit}. Nothing was read.").format(
            file_name=file_name, size=shown, surface=_(self.surface),
            limit=self.describe()) + " " + _(self.larger)

    def rows_refusal(self, file_name: str, raw: bytes) -> str | None:
        """Why a table of too many rows is refused, found by counting records (never more than
        the limit plus one) before anything is parsed; None if not."""
        if self.max_rows is None:
            return None
        counted = count_records(raw, self.max_rows + 2) - 1  # the header, then one row too many
        if counted <= self.max_rows:
            return None
        return _("{file_name} has more than {rows} rows; the {surface} page accepts {limit}. It was not "
                 "checked. Larger tables go through the command line (see README, Limits).").format(
            file_name=file_name, rows=number(self.max_rows), surface=_(self.surface), limit=self.describe())


def _rows_setting(default: int) -> int:
    value = os.environ.get("CROSSINGS_IMPORT_MAX_ROWS", "")
    return int(value) if value.isascii() and value.isdigit() and int(value) > 0 else default


IMPORT = Limit(N_("Import"), N_("one table's CSV"), 25 * MB, _rows_setting(100_000))
ADD_RECORD = Limit(N_("Add a record"), N_("a press release or project page (text, HTML or PDF)"), 4 * MB,
                   larger=N_("A release is tens of kilobytes: save the release's own page or its text, "
                             "or paste it."))
IATI = Limit(N_("IATI import"), N_("a publisher's IATI activity file (XML)"), 25 * MB)
LIMITS: tuple[Limit, ...] = (IMPORT, ADD_RECORD, IATI)
# A table's file in the data folder the server reads (curated, on its own disk, not uploaded):
# larger than an upload may be, so the app holds 100,000 events (their event_countries.csv is
# 27 MB); a file beyond it is still never read into memory, and its table is left empty.
DATA_FILE_MAX_BYTES = 64 * MB
LARGEST_MB = max(limit.max_mb for limit in LIMITS)  # = server.maxUploadSize


def count_records(raw: bytes, stop_at: int) -> int:
    """CSV records in `raw` (the header included, blank lines not), counting no further than
    `stop_at`: a million-row upload costs the reading of `stop_at` rows, never a parse.
    Quoted line breaks stay inside their record. Decoded leniently: this only counts."""
    text = io.TextIOWrapper(io.BytesIO(raw.removeprefix(codecs.BOM_UTF8)), encoding="utf-8",
                            errors="replace", newline="")
    sample = text.readline()
    delimiter = max((",", ";", "\t"), key=lambda sep: (sample.count(sep), sep == ","))
    text.seek(0)
    count = 0
    try:
        for record in csv.reader(text, delimiter=delimiter):
            if any(cell.strip() for cell in record):
                count += 1
                if count >= stop_at:
                    break
    except csv.Error:
        pass  # the reader says what is wrong when the file is checked
    return count
