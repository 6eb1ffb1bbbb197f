"""Source lines: the one place that turns source ids into the text under a figure."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from crossings.data.dataset import Dataset
from crossings.languages import _


def source_ids_of(*frames: pd.DataFrame) -> list[str]:
    """Every source a set of rows relies on (their own, their dates' and the reasoning behind
    inferred values: every column ending in source_id), in first-seen order."""
    seen: dict[str, None] = {}
    for frame in frames:
        for column in [c for c in frame.columns if c.endswith("source_id")]:
            # unique() first (in first-seen order): 100,000 rows cite a few dozen sources
            for value in frame[column].dropna().unique():
                seen.setdefault(value, None)
    return list(seen)


def short_citation(dataset: Dataset, source_id: str) -> str:
    """'IOM (2021)'; the id itself for a source the data does not list."""
    return dataset.short_citations.get(source_id, source_id)


def source_line(dataset: Dataset, source_ids: Iterable[str], prefix: str = "Sources") -> str:
    """'Sources: IOM (n.d.); ICMPD (n.d.)' with each publisher/year named once. `prefix` is
    'Sources' or 'Source'."""
    citations = list(dict.fromkeys(short_citation(dataset, s) for s in source_ids))
    if prefix == "Source":
        if not citations:
            return _("Source: none (no records shown)")
        return _("Source: {citations}").format(citations="; ".join(citations))
    if prefix != "Sources":
        return f"{prefix}: " + ("; ".join(citations) if citations else "none (no records shown)")
    if not citations:
        return _("Sources: none (no records shown)")
    return _("Sources: {citations}").format(citations="; ".join(citations))
