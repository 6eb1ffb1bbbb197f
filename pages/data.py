"""Data: every table, searchable, with downloads of the rows shown and of the whole dataset,
and what the validator found."""

from __future__ import annotations

import streamlit as st

from components.browse import dataset_zip_button, show_table
from components.data import current_view
from components.data_quality import data_quality_panel
from components.downloads import download_buttons
from components.frame import require_app_frame
from components.links import keep_in_link, seed_from_link, show_link_notices
from components.sidebar import showing_markdown
from crossings.languages import _, ngettext
from crossings.text.escaping import markdown_text
from crossings.text.formatting import format_count
from crossings.views.filtered_view import FilteredView
from crossings.views.tables import BROWSABLE, BROWSABLE_BY_NAME, browse

TABLE_KEY, SEARCH_KEY = "data_table", "data_search"
DEFAULT_TABLE = BROWSABLE[0].name


@st.fragment
def rows_and_downloads(view: FilteredView) -> None:
    """A fragment: picking a table or searching redraws the rows and their downloads, not the
    page (the dataset's zip and the data-quality panel below stay as they are)."""
    pick, search = st.columns([1, 2])
    names = {name: _(info.label) for name, info in BROWSABLE_BY_NAME.items()}  # looked up on this run
    table = pick.selectbox(_("Table"), list(BROWSABLE_BY_NAME), key=TABLE_KEY, format_func=names.get)
    query = search.text_input(_("Search these rows"), key=SEARCH_KEY, max_chars=200,
                              placeholder=_("Words to find in any column, e.g. Cairo biometrics"),
                              help=_("Rows that contain every word, in any column, ignoring case and "
                                     "accents."))
    keep_in_link("table", table, DEFAULT_TABLE)
    keep_in_link("q", query.strip(), "")

    shown = browse(view, table, query)
    if shown.info.filtered:
        scope = ngettext("{kept} of {n} row match the filters", "{kept} of {n} rows match the filters",
                         shown.total).format(kept=format_count(shown.in_view), n=format_count(shown.total))
    else:
        scope = ngettext("Reference table, {n} row: the filters do not apply",
                         "Reference table, {n} rows: the filters do not apply",
                         shown.total).format(n=format_count(shown.total))
    if query.strip():
        scope = ngettext("{scope}; {n} contains “{words}”", "{scope}; {n} contain “{words}”",
                         len(shown.rows)).format(scope=scope, n=format_count(len(shown.rows)),
                                                 words=markdown_text(query.strip()))
    st.caption(_("{description} {scope}.").format(description=shown.info.description, scope=scope))

    if shown.rows.empty:
        st.info(_("No rows to show. Change the search, or use **Clear all filters** in the sidebar."),
                icon=":material/filter_alt_off:")
    else:
        show_table(shown.display, shown.columns, key="data_rows_table")
        on_screen = sum(not column.hidden for column in shown.columns)
        if on_screen > 6:  # wider than a 1280 px screen: say so, rather than leave a column cut
            st.container(key="screen_only_scroll_hint").caption(  # not on paper: nothing scrolls there
                _("{n} columns: scroll the table sideways for the rest; the first stays in view.").format(
                    n=format_count(on_screen)))
        filtered = shown.info.filtered and not view.state.is_empty
        stem = f"crossings-{table}" + ("-filtered" if filtered else "") + ("-search" if query.strip() else "")
        download_buttons(shown.rows, stem, key="data_rows", hxl_table=table)
        st.caption(_("The files hold exactly the {n} row(s) above, with the columns as "
                     "curated: their names and the ids and codes as in the data files (each described in "
                     "data/README.md), safe to open in a spreadsheet.").format(
                         n=format_count(len(shown.rows))))


require_app_frame()
view = current_view()
dataset = view.dataset

st.title(_("Data"))
st.markdown(_("Every table behind the dashboard, as curated. Activity tables follow the filters in the "
              "sidebar; reference tables are shown whole. {showing}").format(showing=showing_markdown(view)))

notices = [seed_from_link(TABLE_KEY, "table", DEFAULT_TABLE, allowed=BROWSABLE_BY_NAME),
           seed_from_link(SEARCH_KEY, "q", "")]
show_link_notices(notices)

rows_and_downloads(view)

st.subheader(_("The whole dataset"))
dataset_zip_button()
st.caption(_("Every table's CSV exactly as curated, with the data dictionary (README.md), whatever the "
             "filters; the HXL form adds a row of hashtags under each header."))

st.subheader(_("Data quality"))
data_quality_panel(dataset)
