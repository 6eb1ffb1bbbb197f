"""Helpers for tests: CSV copies edited cell by cell, a catalogue of fixed translations."""

from __future__ import annotations

import contextlib
import csv
import gettext
import io
import re
from pathlib import Path


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def write_rows(path: Path, rows: list[dict[str, str]], fieldnames: list[str] | None = None) -> None:
    fieldnames = fieldnames or list(rows[0])
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fieldnames, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def set_cell(path: Path, key_column: str, key: str, column: str, value: str) -> int:
    """Set one cell; returns the spreadsheet row number (header = row 1) of the edited row."""
    rows = read_rows(path)
    for index, row in enumerate(rows):
        if row[key_column] == key:
            row[column] = value
            write_rows(path, rows)
            return index + 2
    raise KeyError(key)


def with_cell(path: Path, key_column: str, key: str, column: str, value: str) -> bytes:
    """The file's bytes with one cell changed, as an upload would bring them; the file itself
    is left alone."""
    rows = read_rows(path)
    [row] = [r for r in rows if r[key_column] == key]
    row[column] = value
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def add_row(path: Path, **values: str) -> int:
    """Append a row (columns not given are blank); returns its spreadsheet row number."""
    rows = read_rows(path)
    with path.open(newline="", encoding="utf-8") as handle:
        fieldnames = next(csv.reader(handle))
    unknown = set(values) - set(fieldnames)
    if unknown:
        raise KeyError(f"{path.name} has no column {sorted(unknown)}")
    rows.append({name: values.get(name, "") for name in fieldnames})
    write_rows(path, rows, fieldnames)
    return len(rows) + 1


def as_read(cell: str) -> str:
    """A reading table's cell as the page shows it: st.table reads Markdown, so the app escapes
    text from the data ("Iran border \\& migration" is shown as "Iran border & migration")."""
    return re.sub(r"\\(.)", r"\1", cell)


# The expanders drawn only while open (components.layout.figures_table, components.embed):
# what a test reads inside them needs them opened, as a person clicks them.
FOLDS = ("budget_funding_figures_open", "budget_time_figures_open", "timeline_figures_open",
         "participants_figures_open", "heatmap_figures_open", "embed_open_map", "embed_open_funding",
         "embed_open_money", "embed_open_timeline", "embed_open_participants", "embed_open_heatmap",
         "embed_open_neighbours")


def open_folds(at):
    """Open every lazily drawn expander the page has, and rerun."""
    for key in FOLDS:
        if key in at.session_state:
            at.session_state[key] = True
    return at.run()


class FixedMessages(gettext.NullTranslations):
    """A catalogue holding only the given translations (English where none is given), for tests
    whose assertions must not move when a translator edits the real catalogue."""

    def __init__(self, messages: dict[str, str]) -> None:
        super().__init__()
        self.messages = messages

    def gettext(self, message: str) -> str:
        return self.messages.get(message, message)

    def pgettext(self, context: str, message: str) -> str:
        return self.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The translation given for the form English uses for `n` (a test's single form)."""
        return self.gettext(singular if n == 1 else plural)


@contextlib.contextmanager
def fixed_catalogue(messages_by_language: dict[str, dict[str, str]]):
    """While inside, each language speaks only its messages in `messages_by_language`."""
    import pytest

    import crossings.languages.catalogue as catalogue

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(catalogue, "translations",
                      lambda code: FixedMessages(messages_by_language.get(code, {})))
        yield
