"""Sources: every document, what was taken from it, the records that rely on it, and where
two sources disagree."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.browse import LINK_HOST, MAX_ROWS_SHOWN
from components.data import current_view
from components.frame import require_app_frame
from components.language import dataframe
from components.layout import kpi_row, reading_table
from components.links import keep_in_link, seed_from_link, show_link_notices
from components.sidebar import showing_markdown
from crossings.data.dataset import Dataset
from crossings.data.vocabulary import SOURCE_KINDS
from crossings.languages import _
from crossings.text.citations import readable_note
from crossings.text.escaping import markdown_text, safe_url
from crossings.text.formatting import format_count
from crossings.text.labels import record_kind, table_label, value_label
from crossings.views.disagreements import Disagreement, claims_of, disagreements, other_claims
from crossings.views.filtered_view import FilteredView
from crossings.views.sources import records_relying_on, source_usage

SOURCE_KEY = "sources_source"
USAGE_FIRST = ["title", "publisher", "published", "rows", "rows in view", "claims", "taken from it"]


def show_disagreement(disagreement: Disagreement) -> None:
    with st.container(border=True):
        st.markdown(f"**{markdown_text(disagreement.label)}** · {record_kind(disagreement.table)}")
        for line in disagreement.summaries:
            st.markdown(f"- {markdown_text(line)}")
        reading_table(disagreement.grid.rename(columns={"fact": _("Fact"), "in the data": _("In the data")}))
        for note in disagreement.notes:
            st.caption(markdown_text(note))


def show_every_source(usage: pd.DataFrame) -> None:
    """One line per source, narrow enough for a 1280 px screen: what was taken from each, its
    id and kind are in the section below, where one source is shown in full."""
    ordered = usage[USAGE_FIRST + [c for c in usage.columns if c not in USAGE_FIRST]]
    dataframe(ordered, hide_index=True, width="stretch", key="sources_usage", column_config={
        "title": st.column_config.TextColumn(_("Source"), pinned=True, width=230),
        "publisher": st.column_config.TextColumn(_("Publisher"), width=160),
        "published": st.column_config.TextColumn(_("Published"), width=110),
        "rows": st.column_config.NumberColumn(_("Rows"), format="%,d", width=55,
                                              help=_("Rows of the whole dataset citing it.")),
        "rows in view": st.column_config.NumberColumn(
            _("In view"), format="%,d", width=65,
            help=_("Rows of the filtered events, projects and funding that rely on it.")),
        "claims": st.column_config.NumberColumn(_("Claims"), format="%d", width=60),
        "link": st.column_config.LinkColumn(_("Link"), display_text=LINK_HOST, width=100,
                                            help=_("Where a web address is known.")),
        "taken from it": None, "kind": None, "source_id": None,
    })


def show_source(dataset: Dataset, view: FilteredView, usage: pd.DataFrame, picked: str) -> None:
    source = usage.set_index("source_id").loc[picked]
    st.markdown(" · ".join([
        _("**Publisher:** {publisher}").format(
            publisher=markdown_text(source["publisher"], missing=_("not given"))),
        _("**Published:** {published}").format(published=markdown_text(source["published"])),
        _("**Kind:** {kind}").format(kind=markdown_text(value_label(source["kind"]))),
        _("**Id in the data files:** `{id}`").format(id=markdown_text(picked))]))
    row = dataset.sources.set_index("source_id").loc[picked]
    if isinstance(row["published_note"], str):
        st.caption(markdown_text(_("How the publication date is known: {note}").format(
            note=row["published_note"])))
    if isinstance(row["notes"], str):
        st.markdown(markdown_text(readable_note(dataset, row["notes"])))
    address = safe_url(source["link"])
    if address:
        st.link_button(_("Open the source"), address, icon=":material/open_in_new:")
    st.markdown(_("**Taken from it:** {what}").format(what=markdown_text(source["taken from it"])))
    said = claims_of(dataset, picked)
    if len(said):
        st.markdown(_("**What it says where a fact needed its own source:**"))
        reading_table(said)
    relying = records_relying_on(dataset, picked, view)
    st.markdown(_("**Records relying on it:** {n}").format(n=format_count(len(relying))))
    if len(relying):
        shown = relying.head(MAX_ROWS_SHOWN)
        dataframe(shown.assign(table=shown["table"].map(table_label)), hide_index=True,
                     width="stretch", key="sources_detail_records",
                     height=420 if len(relying) > 10 else "auto", column_config={
                         "table": st.column_config.TextColumn(_("Table"), width=150),
                         "row": st.column_config.NumberColumn(_("Row"), format="%d", width=55,
                                                              help=_("Spreadsheet row in the table's CSV.")),
                         "record": None,  # its id or codes: 'what' says it in words
                         "what": st.column_config.TextColumn(_("Record"), width=390),
                         "as": st.column_config.TextColumn(_("Relies on it for"), width=110),
                         "in view": st.column_config.CheckboxColumn(
                             _("In view"), width=65,
                             help=_("Kept by the filters (blank for reference tables).")),
                     })
        if len(relying) > MAX_ROWS_SHOWN:
            st.caption(_("The first {shown} of {n} records are shown; the Data "
                         "page lists every table's rows.").format(shown=format_count(MAX_ROWS_SHOWN),
                                                                  n=format_count(len(relying))))


@st.fragment
def one_source(view: FilteredView, usage: pd.DataFrame) -> None:
    """A fragment: picking another source redraws this section, not the page."""
    source_ids = list(usage["source_id"])
    names = dict(zip(usage["source_id"], usage["title"] + " (" + usage["source_id"].map(
        view.dataset.short_citations.get).fillna("") + ")", strict=True))
    picked = st.selectbox(_("Source"), source_ids, key=SOURCE_KEY, format_func=names.get)
    keep_in_link("source", picked, source_ids[0])
    show_source(view.dataset, view, usage, picked)


require_app_frame()
view = current_view()
dataset = view.dataset
usage = source_usage(dataset, view)
found = disagreements(dataset)

st.title(_("Sources"))
st.markdown(_("Every row in Crossings names the document it comes from. Where two sources give different "
              "values, both are kept and shown here, with the one the data uses. The counts of rows in "
              "view follow the filters; everything else covers the whole dataset. {showing}").format(
                  showing=showing_markdown(view)))

kinds = usage["kind"].value_counts()
kpi_row([
    (_("Sources"), format_count(len(usage)),
     ", ".join(f"{format_count(int(kinds[kind]))} {value_label(kind)}"
               for kind in SOURCE_KINDS if kind in kinds)),
    (_("Rows citing a source"), format_count(int(usage["rows"].sum())),
     _("Every row of every table names one.")),
    (_("Records where sources disagree"), format_count(len(found)), None),
    (_("Claims"), format_count(len(dataset.claims)), _("What each source says about a fact (claims.csv).")),
])

st.subheader(_("Where sources disagree"))
if not found:
    st.caption(_("No two sources give different values for the same fact."))
for disagreement in found:
    show_disagreement(disagreement)
with st.expander(_("Other facts with a source of their own")):
    st.caption(_("Resolved dates, budgets and durations that one source gives and no other contradicts."))
    reading_table(other_claims(dataset).drop(columns="source_id").rename(columns={
        "record": _("Record"), "table": _("Kind of record"), "fact": _("Fact"), "value": _("Value"),
        "source": _("Source"), "note": _("Note")}))

st.subheader(_("Every source"))
show_every_source(usage)

st.subheader(_("One source in detail"))
source_ids = list(usage["source_id"])
if not source_ids:
    st.caption(_("The data names no sources."))
else:
    show_link_notices([seed_from_link(SOURCE_KEY, "source", source_ids[0], allowed=source_ids)])
    one_source(view, usage)
