"""Download buttons for exactly the rows a page shows."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from crossings.exports.hxl import hxl_csv_bytes
from crossings.exports.tables import EXCEL_CELL_LIMIT, cells_too_long_for_excel, csv_bytes, excel_bytes
from crossings.languages import _
from crossings.text.formatting import format_count


def download_buttons(frame: pd.DataFrame, file_stem: str, key: str, hxl_table: str | None = None) -> None:
    """CSV and Excel buttons side by side; the files hold the rows of `frame`, nothing else.
    With `hxl_table` (the rows are that table's, columns as curated), a third button gives the
    CSV with a row of HXL hashtags under the header.

    The files are written only when someone clicks (deferred downloads): the workbook takes
    30 ms for a few rows and a quarter of a second for a thousand, the CSV 70 ms at 5,000
    funding lines and more at 100,000 events, on every rerun otherwise."""
    if hxl_table:
        left, right, tagged = st.columns(3)
        tagged.download_button(_("CSV with HXL tags"), partial(hxl_csv_bytes, hxl_table, frame),
                               file_name=f"{file_stem}-hxl.csv", mime="text/csv", key=f"{key}_hxl",
                               icon=":material/download:", on_click="ignore", width="stretch",
                               help=_("The same rows with a row of HXL hashtags under the header, for HDX "
                                      "and other HXL-aware tools."))
    else:
        left, right = st.columns(2)
    left.download_button(_("Download CSV"), partial(csv_bytes, frame), file_name=f"{file_stem}.csv",
                         mime="text/csv", key=f"{key}_csv", icon=":material/download:",
                         on_click="ignore", width="stretch")
    right.download_button(_("Download Excel"), partial(excel_bytes, frame, file_stem),
                          file_name=f"{file_stem}.xlsx", key=f"{key}_xlsx", icon=":material/download:",
                          mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          on_click="ignore", width="stretch")
    cut = cells_too_long_for_excel(frame)
    if cut:
        st.caption(_("Excel keeps at most {limit} characters in a cell: {n} cell(s) "
                     "here are longer, so the Excel file cuts them and says so in the cell and on a sheet "
                     "of its own. The CSV download has the whole text.").format(
                         limit=format_count(EXCEL_CELL_LIMIT), n=format_count(len(cut))))
