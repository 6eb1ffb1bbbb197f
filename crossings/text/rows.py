"""Rows of a frame for Python loops that build text (hover labels, popups, tooltips)."""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Sequence

import pandas as pd

from crossings.languages import _
from crossings.text.formatting import format_count


def records(frame: pd.DataFrame, fields: Sequence[str]) -> list:
    """Rows as named tuples of the given columns, built column by column: much faster than
    itertuples() or .loc per row over pandas' Arrow-backed text columns."""
    record = namedtuple("Record", fields)
    columns = [frame[name].to_numpy(dtype=object) for name in fields]
    return [record._make(values) for values in zip(*columns, strict=True)]


def first_few(lines: Sequence[str], limit: int, more: str | None = None) -> list[str]:
    """At most `limit` lines, and one saying how many are left out ('… and 12 more'), so a
    hover label or popup stays on screen whatever the size of the data. `more` is best a whole
    line with `{n}` for the count, already looked up in the catalogue
    (_("… and {n} more funding lines (all in the table below)")); words without `{n}` ('more
    funding lines') are put after the count, as before."""
    shown = list(lines[:limit])
    if len(lines) > limit:
        left = format_count(len(lines) - limit)
        if more is None:
            shown.append(_("… and {n} more").format(n=left))
        elif "{n}" in more:
            shown.append(more.format(n=left))
        else:
            shown.append(_("… and {n} {what}").format(n=left, what=more))
    return shown
