"""Source lines: the one place that turns source ids into the text under a figure."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import pandas as pd
import pyarrow.compute as pc
from pandas.arrays import ArrowExtensionArray

from crossings.data.dataset import Dataset
from crossings.languages import _, ngettext
from crossings.text.formatting import format_count

# A source line under a chart on a page: about three lines where the chart is narrowest (the
# Timeline's events chart, beside its list of undated events). Eighty sources listed in full ran
# to forty lines under it; the chart's figures table lists them all.
CHART_SOURCE_CHARS = 280


def source_ids_of(*frames: pd.DataFrame) -> list[str]:
    """Every source a set of rows relies on (their own, their dates' and the reasoning behind
    inferred values: every column ending in source_id), in first-seen order."""
    seen: dict[str, None] = {}
    for frame in frames:
        for column in [c for c in frame.columns if c.endswith("source_id")]:
            seen.update(dict.fromkeys(_distinct(frame[column])))
    return list(seen)


def _distinct(column: pd.Series) -> list[str]:
    """A column's values without repeats or blanks, in first-seen order: 100,000 rows cite a few
    dozen sources. Arrow's own unique on an Arrow-backed column (pandas' dropna and unique took
    a third of a millisecond a column, and a page asks for dozens)."""
    array = column.array
    if isinstance(array, ArrowExtensionArray):
        return pc.unique(array._pa_array).drop_null().to_pylist()
    return list(column.dropna().unique())


def cited(dataset: Dataset, source_ids: Iterable[str]) -> list[str]:
    """The short citations of `source_ids`, each once, in first-seen order (as source_line
    names them)."""
    return list(dict.fromkeys(short_citation(dataset, s) for s in source_ids))


def short_citation(dataset: Dataset, source_id: str) -> str:
    """'IOM (2021)'; the id itself for a source the data does not list."""
    return dataset.short_citations.get(source_id, source_id)


def source_line(dataset: Dataset, source_ids: Iterable[str], prefix: str = "Sources",
                max_chars: int | None = None) -> str:
    """'Sources: IOM (n.d.); ICMPD (n.d.)' with each publisher/year named once. `prefix` is
    'Sources' or 'Source'. With `max_chars`, a longer line of sources names the first ones and
    how many more there are ('Sources: IOM (n.d.); ICMPD (n.d.) and 78 more'), in about that
    many characters: a slide's footer holds two lines, not eighty sources."""
    citations = cited(dataset, source_ids)
    if prefix == "Sources" and max_chars is not None and len(citations) > 1:
        whole = _("Sources: {citations}").format(citations="; ".join(citations))
        if len(whole) > max_chars:
            return _first_sources(citations, max_chars)
    if prefix == "Source":
        if not citations:
            return _("Source: none (no records shown)")
        return _("Source: {citations}").format(citations="; ".join(citations))
    if prefix != "Sources":
        return f"{prefix}: " + ("; ".join(citations) if citations else "none (no records shown)")
    if not citations:
        return _("Sources: none (no records shown)")
    return _("Sources: {citations}").format(citations="; ".join(citations))


def _first_sources(citations: list[str], max_chars: int) -> str:
    """'Sources: A; B and 5 more': as many of the first citations as fit in max_chars (one at
    least), then how many are left unnamed."""
    def line(named: int) -> str:
        more = len(citations) - named
        return ngettext("Sources: {citations} and {n} more", "Sources: {citations} and {n} more",
                        more).format(citations="; ".join(citations[:named]), n=format_count(more))

    named = 1
    while named + 1 < len(citations) and len(line(named + 1)) <= max_chars:
        named += 1
    return line(named)


# --- notes, in words -----------------------------------------------------------------------------

_SEED_FILE = re.compile(r"\b(?:Seed document )?(\d{3})_[0-9a-f]{16}\.txt\b")


@lru_cache(maxsize=8)
def _source_ids_pattern(dataset: Dataset) -> re.Pattern | None:
    """Any source id the data lists, longest first (SEC-ICMPD-JEMPAS2 before ...-JEMPAS)."""
    ids = sorted(dataset.short_citations, key=len, reverse=True)
    if not ids:
        return None
    return re.compile(r"\b(" + "|".join(re.escape(source) for source in ids) + r")\b(?![-\w])")


def readable_note(dataset: Dataset, text: str) -> str:
    """A note from the data as people read it: another source named as it is cited ('see
    Crossings (2026)', not 'see REF-CURATOR-NOTES'), a seed file by its number ('Seed document
    000', not '000_385ff46d3531a72e.txt')."""
    text = _SEED_FILE.sub(lambda found: _("Seed document {number}").format(number=found.group(1)), text)
    pattern = _source_ids_pattern(dataset)
    if pattern is None:
        return text
    return pattern.sub(lambda found: dataset.short_citations[found.group(1)], text)


def readable_notes(dataset: Dataset, notes: pd.Series) -> pd.Series:
    """readable_note for a column of notes; blanks stay blank."""
    return notes.map(lambda note: readable_note(dataset, note) if isinstance(note, str) else note)
