"""The data-quality panel: what the validator found in the data files, as a table.

It shows `Dataset.problems_frame()` as it comes, so any column or severity the loader adds
appears without a change here."""

from __future__ import annotations

import streamlit as st

from components.data import current_state
from components.downloads import download_buttons
from components.language import dataframe
from components.pages import PAGES, page_path
from crossings.data.dataset import Dataset
from crossings.data.problems import ERROR, WARNING
from crossings.languages import N_, _, ngettext
from crossings.text.formatting import format_count
from crossings.views.filters import to_query_params

_SEVERITY_ORDER = {ERROR: 0, WARNING: 1}
_HELP = {
    "severity": N_("error: the row (or the file) is left out of every view; warning: the value was "
                   "repaired or ignored and the row kept."),
    "file": N_("The CSV file in the data folder."),
    "row": N_("Spreadsheet row: the header is row 1, the first data row is 2."),
    "column": N_("The column of the bad value."),
    "value": N_("What the file holds."),
    "expected": N_("What the column takes (see data/README.md)."),
    "message": N_("What is wrong."),
}
# The headers people read (the frame and its downloads keep the column names).
_HEADERS = {"severity": N_("severity"), "file": N_("file"), "row": N_("row"), "column": N_("column"),
            "value": N_("value"), "expected": N_("expected"), "message": N_("message")}


DATA_PAGE = next(spec for spec in PAGES if spec.url_path == "data")


# Columns narrow enough for a 1280 px screen; a long message shows whole on hover and in the files.
_WIDTHS = {"severity": 70, "file": 130, "column": 110, "value": 100, "expected": 130, "message": 210}


def problems_summary(dataset: Dataset) -> str | None:
    """'3 problems in the data files: the rows concerned are left out.', or None when the files
    have no errors (repairs alone change no figure)."""
    count = len(dataset.errors)
    if not count:
        return None
    return ngettext("{n} problem in the data files: the rows concerned are left out of every figure.",
                    "{n} problems in the data files: the rows concerned are left out of every figure.",
                    count).format(n=format_count(count))


def problems_notice(dataset: Dataset, page: str) -> None:
    """One line at the top of every page (app.py calls it before the page) while the data files
    have errors, with the way to the list: on the Data page the list is below; elsewhere a link
    leads there. A page that shows 'Sources 0' must never say it without a word."""
    summary = problems_summary(dataset)
    if summary is None:
        return
    if page == DATA_PAGE.url_path:
        st.warning(_("{summary} They are listed under **Data quality** below.").format(summary=summary),
                   icon=":material/warning:")
        return
    with st.container(horizontal=True, vertical_alignment="center", key="data_problems_notice"):
        st.warning(summary, icon=":material/warning:")
        st.page_link(page_path(DATA_PAGE), label=_("See the list on the Data page"), icon=":material/report:",
                     query_params=to_query_params(current_state()), width="content")


def _plural(count: int, severity: str) -> str:
    """'24 errors', '1 warning'."""
    if severity == ERROR:
        return ngettext("{n} error", "{n} errors", count).format(n=format_count(count))
    if severity == WARNING:
        return ngettext("{n} warning", "{n} warnings", count).format(n=format_count(count))
    return f"{format_count(count)} {severity}" + ("" if count == 1 else "s")


def data_quality_panel(dataset: Dataset) -> None:
    problems = dataset.problems_frame()
    if problems.empty:
        rows = sum(len(frame) for frame in dataset.tables.values())
        st.success(_("The validator found no problems: all {rows} rows of the {tables} "
                     "tables are in the views.").format(rows=format_count(rows),
                                                        tables=format_count(len(dataset.tables))),
                   icon=":material/task_alt:")
        return
    counts = problems["severity"].value_counts()
    errors = int(counts.get(ERROR, 0))
    summary = _("The validator found {counts}.").format(
        counts=", ".join(_plural(int(n), str(severity)) for severity, n in counts.items()))
    if errors:
        summary += " " + _("Rows with errors are left out of every view (and so is every row that refers "
                           "to them).")
    (st.error if errors else st.warning)(summary, icon=":material/report:")
    left_out = {name: len(frame) for name, frame in dataset.rejected.items() if len(frame)}
    if left_out:
        st.caption(_("Rows left out: {tables}").format(tables=" · ".join(
            f"{name}.csv {format_count(count)}" for name, count in left_out.items())))
    rank = problems["severity"].map(_SEVERITY_ORDER).fillna(len(_SEVERITY_ORDER))
    by = ["_order"] + [name for name in ("file", "row") if name in problems.columns]
    ordered = problems.assign(_order=rank).sort_values(by, kind="stable").drop(columns="_order")
    config = {name: st.column_config.TextColumn(_(_HEADERS[name]), help=_(help_text), width=_WIDTHS.get(name))
              for name, help_text in _HELP.items() if name in ordered.columns and name != "row"}
    if "row" in ordered.columns:
        config["row"] = st.column_config.NumberColumn(_(_HEADERS["row"]), help=_(_HELP["row"]), format="%d",
                                                      width=50)
    dataframe(ordered, hide_index=True, width="stretch", column_config=config, key="data_problems",
              in_download=True)
    download_buttons(ordered, "crossings-data-problems", key="data_problems_download")
    st.caption(_("The same list, on the command line: `python -m crossings.validate`."))
