"""About and method: what the data covers, how each figure is counted, dates, sources and
licences, the boundary disclaimer, the data dictionary and when the data last changed. The
content is worked out in crossings.views.about and crossings.views.data_dictionary."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.data import data_dir, get_dataset, public_only
from components.frame import require_app_frame
from components.layout import reading_frame, reading_table, show_reading_frame
from crossings.languages import _, ngettext
from crossings.text.formatting import format_count
from crossings.views.about import about_sections, reference_licences, reference_table_columns
from crossings.views.data_dictionary import data_dictionary, dictionary_columns

require_app_frame()
dataset = get_dataset()

st.title(_("About and method"))
st.markdown(_("What the data covers and how the figures are made, worked out from the data this "
              "server has loaded."))

for section in about_sections(dataset, data_dir()):
    if section.level == 2:
        st.header(section.title, anchor=section.anchor)
    else:
        st.subheader(section.title, anchor=section.anchor)
    for paragraph in section.paragraphs:
        st.markdown(paragraph)
    if section.anchor == "sources":
        reading_table(pd.DataFrame(reference_licences(), columns=list(reference_table_columns())))
        if public_only():
            st.caption(_("This server shows only the public part of the data."))

st.header(_("Data dictionary"), anchor="dictionary")
st.markdown(_("Every table of the data, as the schema declares it. Column names, codes and "
              "allowed values are written as in the files; the descriptions are the schema's own, "
              "in the language of the page."))
with st.container(key="print_open_dictionary"):  # on paper, every table's fold printed open
    for table in data_dictionary(dataset):
        rows = ngettext("{count} row", "{count} rows", table.rows).format(count=format_count(table.rows))
        with st.expander(f"{table.file} · {rows}"):
            st.markdown(table.description)
            # the same on every run, per language: written once, in the dataset's memo
            shown = dataset.memo.get(("about: dictionary table", table.file),
                                     lambda table=table: reading_frame(pd.DataFrame(
                                         list(table.columns), columns=list(dictionary_columns()))))
            show_reading_frame(shown)
