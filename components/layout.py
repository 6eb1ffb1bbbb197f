"""Small building blocks used by several pages: KPI row, source footer, empty-state notice."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import streamlit as st

from crossings.data.dataset import Dataset
from crossings.text.citations import source_line
from crossings.text.escaping import markdown_text


def kpi_row(items: Sequence[tuple[str, str, str | None] | tuple[str, str, str | None, str]]) -> None:
    """One metric per column: (label, value, help), or (label, value, help, apart) where
    `apart` is said under the figure and never added to it ('+12 via the Arab League')."""
    for column, (label, value, help_text, *apart) in zip(st.columns(len(items)), items, strict=True):
        said = apart[0] if apart else None
        column.metric(label, value, delta=said or None, delta_color="off", delta_arrow="off",
                      help=help_text, border=True)


def source_footer(dataset: Dataset, source_ids: Iterable[str]) -> None:
    st.caption(markdown_text(source_line(dataset, source_ids)))


def nothing_matches() -> None:
    st.info("Nothing matches the current filters. Use **Clear all filters** in the sidebar to "
            "see everything again.", icon=":material/filter_alt_off:")
