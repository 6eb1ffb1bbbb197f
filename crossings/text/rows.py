"""Rows of a frame for Python loops that build text (hover labels, popups, tooltips)."""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Sequence

import pandas as pd


def records(frame: pd.DataFrame, fields: Sequence[str]) -> list:
    """Rows as named tuples of the given columns, built column by column: much faster than
    itertuples() or .loc per row over pandas' Arrow-backed text columns."""
    record = namedtuple("Record", fields)
    columns = [frame[name].to_numpy(dtype=object) for name in fields]
    return [record._make(values) for values in zip(*columns, strict=True)]


def first_few(lines: Sequence[str], limit: int, more: str = "more") -> list[str]:
    """At most `limit` lines, and one saying how many are left out ('… and 12 more'), so a
    hover label or popup stays on screen whatever the size of the data."""
    shown = list(lines[:limit])
    if len(lines) > limit:
        shown.append(f"… and {len(lines) - limit:,} {more}")
    return shown
