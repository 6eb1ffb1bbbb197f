"""Source lines: the one place that turns source ids into the text under a figure."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from crossings.dataset import Dataset


def source_ids_of(*frames: pd.DataFrame) -> list[str]:
    """Every source a set of rows relies on (their own and their dates'), in first-seen order."""
    seen: dict[str, None] = {}
    for frame in frames:
        for column in ("source_id", "date_source_id"):
            if column in frame.columns:
                for value in frame[column].dropna():
                    seen.setdefault(value, None)
    return list(seen)


def short_citation(dataset: Dataset, source_id: str) -> str:
    sources = dataset.sources.set_index("source_id")
    if source_id not in sources.index:
        return source_id
    row = sources.loc[source_id]
    publisher = row["publisher"] if isinstance(row["publisher"], str) else ""
    year = str(row["published"])[:4] if isinstance(row["published"], str) else "n.d."
    return f"{publisher} ({year})" if publisher else f"{row['title']} ({year})"


def source_line(dataset: Dataset, source_ids: Iterable[str], prefix: str = "Sources") -> str:
    """'Sources: IOM (n.d.); ICMPD (n.d.)' with each publisher/year named once."""
    citations = list(dict.fromkeys(short_citation(dataset, s) for s in source_ids))
    if not citations:
        return f"{prefix}: none (no records shown)"
    return f"{prefix}: " + "; ".join(citations)
