"""The session's language: from ?lang= in the link, else the session's earlier choice, else the
browser's language; chosen in the sidebar and kept in the link beside the filters. Arabic lays
the whole app out right to left (Streamlit has no setting for it: the document's dir and the
CSS below)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from components.print_grid import grid_print_html
from crossings.languages import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    PSEUDO,
    _,
    is_rtl,
    language_from,
    set_language_source,
)

PARAM = "lang"
_KEY = "_crossings_language"
_CHOICE = "language_choice"

# Mirrored for Arabic: the sidebar moves to the right (the app's row runs right to left), text,
# tables and headline figures align right. Charts keep their own direction (plotly draws its
# axes itself; their text is set right to left in the figures), as do code and the data grid
# (it scrolls and pins columns from the left whatever the page's direction: `dataframe` below
# mirrors it by the order of its columns instead). The presenter's previous and next arrows point
# the way the slides go: previous to the right. A closed sidebar (a phone's, until opened) is slid
# off to the left by Streamlit, which from the right edge of a right-to-left row left 90 px of it
# squeezed over the page at 390 px: hidden instead.
RTL_CSS = """<style>
[data-testid="stAppViewContainer"], [data-testid="stSidebar"], [data-testid="stMain"],
[data-testid="stHeader"] { direction: rtl; }
[data-testid="stMarkdownContainer"], [data-testid="stCaptionContainer"], [data-testid="stMetric"],
[data-testid="stWidgetLabel"], [data-testid="stExpander"] summary { text-align: right; }
.stApp [data-testid="stMarkdownContainer"] li { margin-left: 0; margin-right: 1.15rem;
  padding-left: 0; padding-right: 0.3rem; }
.js-plotly-plot, #js-plotly-tester, [data-testid="stCode"], code, [data-testid="stDataFrame"] {
  direction: ltr; }
[data-testid="stSidebar"][data-collapsed="true"] { visibility: hidden; overflow: hidden; }
.st-key-presenter_previous [data-testid="stIconMaterial"],
.st-key-presenter_next [data-testid="stIconMaterial"] { display: inline-block; transform: scaleX(-1); }
</style>"""
# Also in RTL_CSS: a list's items are indented from the right, where their bullets are (Streamlit
# indents them from the left: the bullets hung outside the column on the right, and a printed page
# with a list was pushed 16 px into its left margin). The presenter's arrow keys go the way its
# arrows point (presenter.arrow_keys).


# A grid wider than the page opens scrolled to its right end on a right-to-left page, where its
# first column is (mirrored_table); once per grid, so a reader's own scrolling is left alone.
GRID_FROM_THE_RIGHT = """
if (!window.crossingsGridsFromTheRight) {
  window.crossingsGridsFromTheRight = true;
  const toTheRight = () => {
    if (document.documentElement.dir !== "rtl") return;
    document.querySelectorAll('[data-testid="stDataFrame"] .dvn-scroller').forEach((grid) => {
      if (!grid.dataset.crossingsRight && grid.scrollWidth > grid.clientWidth) {
        grid.scrollLeft = grid.scrollWidth;
        grid.dataset.crossingsRight = "1";
      }
    });
  };
  new MutationObserver(toTheRight).observe(document.body, {childList: true, subtree: true});
}"""


def _session_language() -> str | None:
    ctx = get_script_run_ctx(suppress_warning=True)
    if ctx is None:
        return None
    # Asked a few hundred times a run (every text, every memo): the run's choice is kept on its
    # context by choose_language; ctx.cursors is a new dict at the start of every run, so a
    # callback run before choose_language reads the session's choice instead
    kept = getattr(ctx, "_crossings_language", None)
    if kept is not None and kept[0] is ctx.cursors:
        return kept[1]
    return st.session_state.get(_KEY)


set_language_source(_session_language)


def choose_language() -> str:
    """Called by app.py first on every run: settles this session's language."""
    linked = st.query_params.get(PARAM)
    picked = st.session_state.get(_CHOICE)
    if picked and picked != st.session_state.get(_KEY):  # just picked in the sidebar
        code = picked
    elif linked:
        code = language_from(linked)
    elif _KEY in st.session_state:
        code = st.session_state[_KEY]
    else:
        code = language_from(st.context.locale)
    st.session_state[_KEY] = code
    ctx = get_script_run_ctx(suppress_warning=True)
    if ctx is not None:
        ctx._crossings_language = (ctx.cursors, code)
    if code != PSEUDO:
        st.session_state[_CHOICE] = code
    _keep_in_link(code)
    return code


def _keep_in_link(code: str) -> None:
    """?lang= in the address whenever it is not the default, so a copied link opens in it."""
    if code == DEFAULT_LANGUAGE and language_from(st.context.locale) == DEFAULT_LANGUAGE:
        if PARAM in st.query_params:
            del st.query_params[PARAM]
    elif st.query_params.get(PARAM) != code:
        st.query_params[PARAM] = code


def language_picker() -> None:
    """The choice, at the top of the sidebar; each language named in its own words, and the label
    in all three (whoever opened the app in the wrong language can find it)."""
    with st.sidebar:
        label = "Language · Langue · اللغة"  # not for the catalogue: said in all three
        st.segmented_control(label, list(LANGUAGES), key=_CHOICE, format_func=LANGUAGES.get,
                             selection_mode="single",
                             label_visibility="collapsed")


def uploader_markup(code: str) -> str:
    """Streamlit's file picker writes its button ("Upload") and its limits ("25MB per file • CSV")
    in English whatever the page's language, with no setting for either: the button's word is
    replaced by the catalogue's (CSS draws it in place of the hidden one) and the limits line is
    hidden (each page with a file picker says its limits in its own caption). English keeps it."""
    if code == DEFAULT_LANGUAGE:
        return ""
    word = json.dumps(_("Upload"), ensure_ascii=False)  # a CSS string: quoted and escaped
    button = '[data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"] p'
    return (f"<style>{button} {{ font-size: 0; }}\n"
            f"{button}::after {{ content: {word}; font-size: 0.875rem; }}\n"
            '[data-testid="stFileUploaderDropzoneInstructions"] { display: none; }</style>')


def direction_markup(code: str) -> str:
    """The document's language and direction, set on <html> (screen readers and the browser's
    own text handling read them), and the mirrored layout for a right-to-left language."""
    direction = "rtl" if is_rtl(code) else "ltr"
    lang = code if code in LANGUAGES else DEFAULT_LANGUAGE
    script = (f'<script>document.documentElement.setAttribute("dir", "{direction}");'
              f'document.documentElement.setAttribute("lang", "{lang}");'
              f'{GRID_FROM_THE_RIGHT if direction == "rtl" else ""}</script>')
    return script + (RTL_CSS if direction == "rtl" else "") + uploader_markup(code)


def apply_direction(code: str) -> None:
    st.html(direction_markup(code), unsafe_allow_javascript=True)


def mirrored_table(data: pd.DataFrame, column_config: Mapping[str, Any] | None = None,
                   column_order: Iterable[str] | None = None, hide_index: bool | None = None,
                   index_as_column: bool = True) -> tuple[pd.DataFrame, dict[str, Any]]:
    """st.dataframe's data and arguments for a right-to-left page. Streamlit's grid has no
    right-to-left mode, so the columns are shown in reverse order (the first one on the right,
    where a right-to-left reader starts), every cell aligned right, and no column pinned (the
    grid pins on the left only, which is where such a reader ends). The index, which the grid
    always puts first, becomes an ordinary column (unless index_as_column is False: an editor's
    frame must come back with the columns it was given). Only what is shown changes: the frame's
    column names and values stay as they are (what is downloaded is made from the data)."""
    config = dict(column_config or {})
    if index_as_column and hide_index is not True and (data.index.name or "index") not in data.columns:
        data = data.reset_index()  # the index's name ("row") is its column's name
        hide_index = True
    names = [str(name) for name in (column_order if column_order is not None else data.columns)]
    shown = [name for name in names if not (name in config and config[name] is None)]  # None: hidden
    for name in shown:
        setting = config.get(name)
        setting = {"label": setting} if isinstance(setting, str) else dict(setting or {})
        config[name] = {**setting, "alignment": setting.get("alignment") or "right", "pinned": False}
    return data, {"column_config": config, "column_order": shown[::-1], "hide_index": hide_index}


def dataframe(data, *, total: int | None = None, in_download: bool = False, **arguments: Any):
    """st.dataframe, mirrored on a right-to-left page (see mirrored_table); as it is otherwise.
    Under it, for paper only, the same rows as a table (components/print_grid.py): the grid
    prints only the part scrolled into view. `total` is the number of rows the data was cut
    from, if it was; `in_download` says the page offers them all as a file."""
    printed = None
    if isinstance(data, pd.DataFrame):
        printed = grid_print_html(data, is_rtl(), *(arguments.get(name) for name in
                                                    ("column_config", "column_order", "hide_index")),
                                  total=total, in_download=in_download)
    if is_rtl() and isinstance(data, pd.DataFrame):
        data, mirrored = mirrored_table(data, *(arguments.pop(name, None) for name in
                                                ("column_config", "column_order", "hide_index")))
        arguments.update(mirrored)
    shown = st.dataframe(data, **arguments)
    if printed is not None:
        st.html(printed)
    return shown


def data_editor(data, **arguments: Any):
    """st.data_editor, mirrored on a right-to-left page as `dataframe` is: the columns shown in
    reverse order, aligned right, none pinned. Only the order shown changes: the frame the editor
    returns, and the edits it keeps in the session (edited_rows and added_rows, keyed by column
    name, deleted_rows by row), are those of the unmirrored editor. A shown index stays where the
    grid puts it, on the left (made a column, it would come back as one). An input, so it is
    left off paper as every widget is (kept in a container keyed screen_only_...: nothing in the
    editor's own markup tells it apart from a grid, which prints)."""
    if is_rtl() and isinstance(data, pd.DataFrame):
        data, mirrored = mirrored_table(data, *(arguments.pop(name, None) for name in
                                                ("column_config", "column_order", "hide_index")),
                                        index_as_column=False)
        arguments.update(mirrored)
    with st.container(key=f"screen_only_{arguments['key']}" if arguments.get("key") else None):
        return st.data_editor(data, **arguments)
