"""Tables as the Data and Sources pages show them: column settings for dates, money and
source links, and the download of the whole dataset."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.data import data_dir
from crossings.data.loading import data_signature
from crossings.exports.tables import dataset_zip
from crossings.views.tables import ShownColumn

# Shows the host of a link ("icmpd.org") rather than the whole address.
LINK_HOST = r"https?://(?:www\.)?([^/]+)"


def column_config(columns: list[ShownColumn]) -> dict:
    """Streamlit column settings for the columns of a display frame (see crossings.views.tables)."""
    config = {}
    for column in columns:
        common = {"label": column.name, "help": column.help or None, "pinned": column.pinned or None}
        if column.kind == "link":
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


def show_table(frame: pd.DataFrame, columns: list[ShownColumn], key: str, height: int | str = 420) -> None:
    st.dataframe(frame, column_config=column_config(columns), hide_index=True, width="stretch",
                 height=height if len(frame) > 10 else "auto", key=key)


@st.cache_data(max_entries=4, show_spinner=False)
def _dataset_zip(folder: str, signature: tuple, hxl: bool) -> bytes:
    """Zipping the files is cheap but runs on every rerun of the Data page otherwise; the
    signature changes when a CSV is edited."""
    return dataset_zip(folder, hxl=hxl)


def dataset_zip_button() -> None:
    """The whole dataset as curated, plain or with HXL hashtags under each header."""
    folder = data_dir()
    signature = data_signature(folder)
    plain, tagged = st.columns(2)
    plain.download_button("Download the whole dataset (zip)", _dataset_zip(str(folder), signature, False),
                          file_name="crossings-data.zip", mime="application/zip", key="data_zip",
                          icon=":material/folder_zip:", on_click="ignore", width="stretch")
    tagged.download_button("Whole dataset with HXL tags (zip)", _dataset_zip(str(folder), signature, True),
                           file_name="crossings-data-hxl.zip", mime="application/zip", key="data_zip_hxl",
                           icon=":material/folder_zip:", on_click="ignore", width="stretch",
                           help="Each CSV has a row of HXL hashtags under its header, for HDX and other "
                                "HXL-aware tools.")
