"""Small building blocks used by several pages: KPI row, source footer, empty-state notice."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Sequence

import pandas as pd
import streamlit as st

from components.language import dataframe
from crossings.data.dataset import Dataset
from crossings.languages import DEFAULT_LANGUAGE, PSEUDO, _, active_language
from crossings.languages.numbers import number
from crossings.text.citations import CHART_SOURCE_CHARS, cited, source_line
from crossings.text.escaping import markdown_text
from crossings.text.formatting import format_count
from crossings.text.widths import text_width_em
from crossings.views.chart_tables import TABLE_TITLE

# Headline figures side by side, at most this many to a row: with funding in four currencies
# the Overview has eight, and eight columns at 1280 px broke '2,286' and 'EUR 437.4 m' in two.
KPIS_PER_ROW = 4


def kpi_row(items: Sequence[tuple[str, str, str | None] | tuple[str, str, str | None, str]]) -> None:
    """One metric per column, KPIS_PER_ROW to a row: (label, value, help), or (label, value, help,
    apart) where `apart` is said under the figure and never added to it ('+12 via the Arab League')."""
    for start in range(0, len(items), KPIS_PER_ROW):
        row = items[start:start + KPIS_PER_ROW]
        key = "kpis_" + hashlib.sha256("\x1f".join(item[0] for item in row).encode()).hexdigest()[:10]
        with st.container(key=key):
            # the row's widest figure, in em: each figure of the row is set no larger than lets it
            # fit its box on one line (frame.APP_CSS), as the others, so the row reads evenly
            widest = max(text_width_em(str(item[1])) for item in row)
            st.html(f"<style>.st-key-{key} {{ --kpi-em: {max(widest, 3):.2f}; }}</style>")
            columns = st.columns(KPIS_PER_ROW if len(items) > KPIS_PER_ROW else len(row))
            for column, (label, value, help_text, *apart) in zip(columns, row, strict=False):
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
    """The sources of what is above: the first ones and how many more, as under a chart, and
    every one of them in a fold under that line (on the bundled data a whole list ran to twenty
    lines between the Budget's headline figures and its charts)."""
    ids = list(source_ids)
    short = source_line(dataset, ids, max_chars=CHART_SOURCE_CHARS)
    st.caption(markdown_text(short))
    whole = source_line(dataset, ids)
    if whole != short:
        with st.expander(_("Every source ({count})").format(count=format_count(len(cited(dataset, ids))))):
            st.caption(markdown_text(whole))


def nothing_matches() -> None:
    st.info(_("Nothing matches the current filters. Use **Clear all filters** in the sidebar to "
              "see everything again."), icon=":material/filter_alt_off:")


# Names and roles for elements Streamlit draws without them, given once they are drawn (the script
# runs as its element appears; an observer, and a timer, mark them again whenever they are redrawn):
# a box that scrolls must be reachable from the keyboard, to scroll it with the arrow keys, and
# named; a chart is a figure named by its title, for screen readers.
_NAMING_SCRIPT = """<script>(function () {
  var named = window.__crossingsNamed = window.__crossingsNamed || {};
  named[KEY] = SPEC;
  function mark() {
    Object.keys(named).forEach(function (key) {
      document.querySelectorAll(".st-key-" + key).forEach(function (element) {
        var spec = named[key];
        if (element.getAttribute("aria-label") === spec.label) return;
        if (spec.focusable) element.tabIndex = 0;
        element.setAttribute("role", spec.role);
        element.setAttribute("aria-label", spec.label);
      });
    });
  }
  mark();
  if (!window.__crossingsNaming) {
    window.__crossingsNaming = new MutationObserver(mark);
    window.__crossingsNaming.observe(document.body, {childList: true, subtree: true});
    window.setInterval(mark, 1000);
  }
})();</script>"""


def name_element(key: str, label: str, role: str, focusable: bool = False) -> None:
    """Give the element drawn with `key` a role and a name (and a place in the tab order)."""
    spec = {"label": label, "role": role, "focusable": focusable}
    script = _NAMING_SCRIPT.replace("KEY", json.dumps(key)).replace("SPEC", json.dumps(spec))
    st.html(script, unsafe_allow_javascript=True)


def scrolling_box(key: str, height: int, label: str):
    """A container `height` pixels high whose content scrolls, reachable with Tab and named
    `label` for screen readers. Use it as `with scrolling_box(...):`."""
    name_element(key, label, "region", focusable=True)
    return st.container(key=key, height=height, border=False)


def chart_name(figure, fallback: str) -> str:
    """A chart's text alternative: its title as plain text, else `fallback`."""
    title = figure.layout.title.text if figure.layout.title else None
    plain = re.sub(r"<[^>]+>", " ", title or "").split()
    return " ".join(plain) or fallback


def named_chart(figure, key: str, fallback: str, **options) -> None:
    """st.plotly_chart, the chart named by its title (`fallback` when it has none) for screen
    readers, as a figure."""
    st.plotly_chart(figure, key=key, **options)
    name_element(key, chart_name(figure, fallback), "figure")


def reading_table(frame: pd.DataFrame) -> None:
    """A short table people read rather than sort or search (a few sources side by side, a
    country's events): every cell whole, long text wrapped inside its cell. st.dataframe keeps
    each cell on one line, and at 1280 px its last column ran off the right edge."""
    show_reading_frame(reading_frame(frame))


def reading_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` as reading_table shows it: numbers written the page language's way, a blank cell
    blank, text as escaped Markdown (st.table reads Markdown in its cells: a note from the data
    must not become a link or a remote image). For a table shown on every run, keep this and
    pass it to show_reading_frame."""
    shown = frame.copy()
    for name in shown.columns:
        column = shown[name]
        if pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
            decimals = 0 if (column.dropna() % 1 == 0).all() else 2
            shown[name] = column.map(lambda v, decimals=decimals: "" if pd.isna(v) else number(v, decimals))
        else:  # st.table reads Markdown in cells: text from the data is escaped, never a link or image
            shown[name] = column.map(_cell_text)
    return shown.rename(columns=markdown_text)


def show_reading_frame(shown: pd.DataFrame) -> None:
    st.table(shown, hide_index=True)


def _cell_text(value) -> str:
    return "" if value is None or value is pd.NA or value != value else markdown_text(str(value))


def figures_table(make: Callable[[], pd.DataFrame], key: str,
                  sources: Callable[[], str] | None = None) -> None:
    """Under a chart: its figures as a table (crossings.views.chart_tables), folded away in an
    expander, for whoever cannot see the chart, or wants the numbers; then every source of the
    chart (`sources`), where the line under the chart names only the first ones. Made (`make`)
    and sent only while the expander is open: closed, it costs a rerun nothing (the grid's script
    is not even loaded), and opening it reruns the page or the chart's fragment to draw it."""
    expander = st.expander(_(TABLE_TITLE), icon=":material/table:", key=f"{key}_open", on_change="rerun")
    if not expander.open:
        return
    with expander:
        frame = make()
        if frame.empty:
            st.caption(_("No figures to show under the current filters."))
        else:
            numbers = {name: st.column_config.NumberColumn(format="localized") for name in frame.columns
                       if pd.api.types.is_numeric_dtype(frame[name])}
            # mirrored in Arabic (components.language.dataframe)
            dataframe(frame, hide_index=True, width="stretch", key=key, column_config=numbers,
                      height="auto" if len(frame) <= 12 else 420)
        if sources is not None:
            st.caption(markdown_text(sources()))
