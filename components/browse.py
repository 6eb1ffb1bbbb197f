"""Tables as the Data and Sources pages show them: column settings for dates, money and
source links, and the download of the whole dataset."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from components.data import data_dir, get_dataset, public_only
from components.language import dataframe
from crossings.data.loading import data_signature
from crossings.exports.tables import dataset_zip, public_dataset_zip
from crossings.languages import _
from crossings.text.formatting import format_count
from crossings.views.tables import ShownColumn

# Shows the host of a link ("icmpd.org") rather than the whole address.
LINK_HOST = r"https?://(?:www\.)?([^/]+)"


def column_config(columns: list[ShownColumn]) -> dict:
    """Streamlit column settings for the columns of a display frame (see crossings.views.tables)."""
    config = {}
    for column in columns:
        common = {"label": column.header, "help": column.help or None, "pinned": column.pinned or None}
        if column.hidden:
            config[column.name] = None  # shown by what it stands for, in the column beside it
        elif column.kind == "link":
            config[column.name] = st.column_config.LinkColumn(display_text=LINK_HOST, **common)
        elif column.kind == "money":
            config[column.name] = st.column_config.NumberColumn(format="%,.2f", **common)
        elif column.kind == "int":
            config[column.name] = st.column_config.NumberColumn(format="%,d", **common)
        elif column.kind == "float":
            config[column.name] = st.column_config.NumberColumn(**common)
        else:  # text, partial ISO dates (they sort correctly as text), readable dates
            config[column.name] = st.column_config.TextColumn(**common)
    return config


# Rows sent to the browser at most: every rerun sends the table whole (100,000 events are tens
# of megabytes), and nobody scrolls through more; the downloads hold every row.
MAX_ROWS_SHOWN = 2000


def show_table(frame: pd.DataFrame, columns: list[ShownColumn], key: str, height: int | str = 420) -> None:
    dataframe(frame.head(MAX_ROWS_SHOWN), column_config=column_config(columns), hide_index=True,
              width="stretch", height=height if len(frame) > 10 else "auto", key=key, placeholder="",
              total=len(frame), in_download=True)  # on paper: the first rows, the rest in the files
    if len(frame) > MAX_ROWS_SHOWN:
        st.caption(_("The first {shown} of {n} rows are shown: search or narrow the "
                     "filters to find others; the downloads hold every row.").format(
                         shown=format_count(MAX_ROWS_SHOWN), n=format_count(len(frame))))


@st.cache_data(max_entries=4, show_spinner=False)
def _dataset_zip(folder: str, signature: tuple, hxl: bool) -> bytes:
    """Zipping the files is cheap but runs on every rerun of the Data page otherwise; the
    signature changes when a CSV is edited."""
    return dataset_zip(folder, hxl=hxl)


@st.cache_data(max_entries=4, show_spinner=False)
def _public_zip(folder: str, signature: tuple, hxl: bool) -> bytes:
    """On a public server the files themselves never leave: their public rows do."""
    return public_dataset_zip(get_dataset(), Path(folder) / "README.md", hxl=hxl)


def dataset_zip_button() -> None:
    """The whole dataset as curated, plain or with HXL hashtags under each header."""
    folder = data_dir()
    signature = data_signature(folder)
    plain, tagged = st.columns(2)
    choices = ((plain, False, _("Download the whole dataset (zip)"), "crossings-data.zip", "data_zip"),
               (tagged, True, _("Whole dataset with HXL tags (zip)"), "crossings-data-hxl.zip",
                "data_zip_hxl"))
    for column, hxl, label, name, key in choices:
        content = (_public_zip(str(folder), signature, hxl) if public_only()
                   else _dataset_zip(str(folder), signature, hxl))
        column.download_button(label, content, file_name=name, mime="application/zip", key=key,
                               icon=":material/folder_zip:", on_click="ignore", width="stretch",
                               help=_("Each CSV has a row of HXL hashtags under its header, for HDX and "
                                      "other HXL-aware tools.") if hxl else None)
