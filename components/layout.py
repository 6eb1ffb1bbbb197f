"""Small building blocks used by several pages: KPI row, source footer, empty-state notice."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

import pandas as pd
import streamlit as st

from crossings.data.dataset import Dataset
from crossings.languages import DEFAULT_LANGUAGE, PSEUDO, _, active_language
from crossings.text.citations import source_line
from crossings.text.escaping import markdown_text


def kpi_row(items: Sequence[tuple[str, str, str | None] | tuple[str, str, str | None, str]]) -> None:
    """One metric per column: (label, value, help), or (label, value, help, apart) where
    `apart` is said under the figure and never added to it ('+12 via the Arab League')."""
    for column, (label, value, help_text, *apart) in zip(st.columns(len(items)), items, strict=True):
        said = apart[0] if apart else None
        column.metric(label, value, delta=said or None, delta_color="off", delta_arrow="off",
                      help=help_text, border=True)


def method_link(anchor: str) -> str:
    """A Markdown link to where the About page says how a figure is counted (for a figure's "?"
    help). Relative, so it works under any base path; it opens a new tab, which keeps the
    language through the link."""
    code = active_language()
    query = f"?lang={code}" if code not in (DEFAULT_LANGUAGE, PSEUDO) else ""
    return _("[How this figure is counted]({link})").format(link=f"about{query}#{anchor}")


def with_method_link(help_text: str | None, anchor: str) -> str:
    """A figure's help followed, as a paragraph of its own, by the link to its rule."""
    link = method_link(anchor)
    return f"{help_text}\n\n{link}" if help_text else link


def source_footer(dataset: Dataset, source_ids: Iterable[str]) -> None:
    st.caption(markdown_text(source_line(dataset, source_ids)))


def nothing_matches() -> None:
    st.info(_("Nothing matches the current filters. Use **Clear all filters** in the sidebar to "
              "see everything again."), icon=":material/filter_alt_off:")


# A box that scrolls must be reachable from the keyboard, to scroll it with the arrow keys:
# Streamlit's fixed-height container is not, so it is given a place in the tab order and a name,
# once it is drawn (the script runs as its element appears, and again whenever it is redrawn).
_SCROLLING_SCRIPT = """<script>(function () {
  var labels = window.__crossingsScrolling = window.__crossingsScrolling || {};
  labels[KEY] = LABEL;
  function mark() {
    Object.keys(labels).forEach(function (key) {
      document.querySelectorAll(".st-key-" + key).forEach(function (box) {
        if (box.getAttribute("aria-label") === labels[key]) return;
        box.tabIndex = 0;
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", labels[key]);
      });
    });
  }
  mark();
  if (!window.__crossingsScrollingWatch) {
    window.__crossingsScrollingWatch = new MutationObserver(mark);
    window.__crossingsScrollingWatch.observe(document.body, {childList: true, subtree: true});
  }
})();</script>"""


def scrolling_box(key: str, height: int, label: str):
    """A container `height` pixels high whose content scrolls, reachable with Tab and named
    `label` for screen readers. Use it as `with scrolling_box(...):`."""
    script = _SCROLLING_SCRIPT.replace("KEY", json.dumps(key)).replace("LABEL", json.dumps(label))
    st.html(script, unsafe_allow_javascript=True)
    return st.container(key=key, height=height, border=False)


def reading_table(frame: pd.DataFrame) -> None:
    """A short table people read rather than sort or search (a few sources side by side, a
    country's events): every cell whole, long text wrapped inside its cell. st.dataframe keeps
    each cell on one line, and at 1280 px its last column ran off the right edge. Numbers are
    written with separators; a blank cell stays blank; text is escaped Markdown (st.table reads
    Markdown in its cells: a note from the data must not become a link or a remote image)."""
    shown = frame.copy()
    for name in shown.columns:
        column = shown[name]
        if pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
            pattern = "{:,.0f}" if (column.dropna() % 1 == 0).all() else "{:,.2f}"
            shown[name] = column.map(lambda v, pattern=pattern: "" if pd.isna(v) else pattern.format(v))
        else:  # st.table reads Markdown in cells: text from the data is escaped, never a link or image
            shown[name] = column.map(_cell_text)
    st.table(shown.rename(columns=markdown_text), hide_index=True)


def _cell_text(value) -> str:
    return "" if value is None or value is pd.NA or value != value else markdown_text(str(value))
