"""Import: upload an edited CSV for one table, see what it changes, and (with the editor
password) write it. The checking, comparing and writing are in crossings/data/importing.py."""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from components.data import data_dir
from components.editor import editor_notice, write_as_editor
from components.frame import require_app_frame
from crossings.data.importing import ImportPreview, preview_import, write_import
from crossings.data.loading import data_signature
from crossings.data.reading import MAX_FILE_BYTES
from crossings.data.schema import TABLES, TABLES_BY_NAME
from crossings.text.escaping import markdown_text

require_app_frame()
_PREVIEW = "import_preview"
_OUTCOME = "import_outcome"  # (kind, message) of the last write attempt


def cached_preview(table_name: str, upload: bytes, file_name: str) -> ImportPreview:
    """Checking an upload loads the folder twice, so it runs once per file, table and version
    of the folder, not on every rerun (typing the password reruns the page)."""
    folder = data_dir()
    key = (table_name, hashlib.sha256(upload).hexdigest(), data_signature(folder))
    stored = st.session_state.get(_PREVIEW)
    if stored is None or stored[0] != key:
        with st.spinner("Checking the file against the current data…"):
            stored = (key, preview_import(folder, table_name, upload, file_name))
        st.session_state[_PREVIEW] = stored
    return stored[1]


def problems_frame(problems) -> pd.DataFrame:
    columns = ["severity", "row", "column", "value", "message", "expected"]
    frame = pd.DataFrame([{name: getattr(p, name) for name in columns} for p in problems], columns=columns)
    frame["message"] = frame["message"].str.rstrip(":")  # the value has its own column here
    return frame.astype({"row": "Int64"})


def show_rows(frame: pd.DataFrame) -> None:
    if frame.empty:
        st.caption("None.")
        return
    st.dataframe(frame.rename_axis("row"), width="stretch", height=min(400, 40 + 35 * len(frame)))


def show_preview(preview: ImportPreview) -> None:
    table = preview.table
    named = "this file" if preview.file_name == table.file else markdown_text(preview.file_name)
    st.subheader(f"What {named} would change in {table.file}", anchor=False)
    columns = st.columns(5)
    for column, (label, count) in zip(columns, [
            ("Added", len(preview.added)), ("Changed", len(preview.changed)),
            ("Removed", len(preview.removed)), ("Unchanged", preview.unchanged),
            ("Rejected", len(preview.rejected))], strict=True):
        column.metric(label, f"{count:,}", border=True)
    st.caption(f"Rows are {preview.compared_by}. Row numbers are the file's spreadsheet rows "
               "(the header is row 1).")
    for note in preview.notes:
        st.info(note)
    if preview.ignored_columns:
        st.caption("Not in the table's columns, so not written: "
                   + ", ".join(markdown_text(c) for c in preview.ignored_columns))
    if len(preview.removed):
        st.warning(f"{len(preview.removed):,} current row(s) are not in the file: writing it would "
                   "remove them.", icon=":material/delete:")

    if preview.problems:
        errors = len(preview.errors)
        st.markdown(f"**Problems in the file:** {errors} error(s), "
                    f"{len(preview.problems) - errors} warning(s) (repairs)")
        st.dataframe(problems_frame(preview.problems), hide_index=True, width="stretch")
    if preview.new_problems_elsewhere:
        st.error(f"Writing this file would leave out rows in other tables: "
                 f"{len(preview.new_problems_elsewhere)} new error(s).", icon=":material/link_off:")
        st.dataframe(problems_frame(preview.new_problems_elsewhere).assign(
            file=[p.file for p in preview.new_problems_elsewhere]), hide_index=True, width="stretch")
    if preview.fixed_elsewhere:
        st.success(f"It would resolve {len(preview.fixed_elsewhere)} error(s) in other tables.")

    tabs = st.tabs([f"Added ({len(preview.added)})", f"Changed ({len(preview.changed)})",
                    f"Removed ({len(preview.removed)})", f"Rejected ({len(preview.rejected)})"])
    with tabs[0]:
        show_rows(preview.added)
    with tabs[1]:
        changes = pd.DataFrame(
            [{table.key or "row": change.key, "row": change.row, "column": column, "before": before,
              "after": after} for change in preview.changed for column, before, after in change.changes],
            columns=[table.key or "row", "row", "column", "before", "after"])
        if changes.empty:
            st.caption("None.")
        else:
            st.dataframe(changes, hide_index=True, width="stretch")
    with tabs[2]:
        show_rows(preview.removed)
    with tabs[3]:
        show_rows(preview.rejected)


def write_clicked() -> None:
    """Runs before the page does, so the outcome is known when the page is drawn. Writes the
    preview the user was shown, never a new reading of the upload."""
    stored = st.session_state.get(_PREVIEW)
    if stored is None:
        st.session_state["import_password"] = ""  # never kept after an attempt
        return
    preview = stored[1]

    def write(typed: str | None, configured: str | None, attempts) -> str:
        result = write_import(preview, data_dir(), typed, configured, attempts=attempts)
        backup = f" The previous version is kept as {result.backup.name} in data/backups/." if (
            result.backup) else ""
        return f"{result.path.name} was written: {result.rows:,} rows." + backup

    if write_as_editor("import_password", _OUTCOME, preview.table.file, write):
        st.session_state.pop(_PREVIEW, None)


def write_section(preview: ImportPreview, password: str | None, refusal: str | None) -> None:
    st.subheader("Write", anchor=False)
    if refusal:
        st.error(refusal, icon=":material/block:")
    if not preview.has_changes and not preview.errors and preview.content is not None:
        st.info(f"The file is the same as the current {preview.table.file}: nothing to write.",
                icon=":material/check:")
        return
    if not preview.can_write:
        st.warning("This file cannot be written: " + "; ".join(preview.blocking_reasons) + ".",
                   icon=":material/block:")
        return
    if password is None:
        st.info("**Preview only.** Writing is turned off on this server because no editor password "
                "is set. To allow it, add `editor_password = \"…\"` to `.streamlit/secrets.toml` "
                "and restart the app.", icon=":material/lock:")
        return
    with st.form("import_write", border=True):
        st.text_input("Editor password", type="password", key="import_password")
        st.form_submit_button(f"Replace {preview.table.file} (the current file is kept as a backup)",
                              type="primary", on_click=write_clicked)


st.title("Import a table")
st.markdown("Replace one table's CSV with a file edited in a spreadsheet. The file is checked "
            "and compared with the current data first; nothing is written until you confirm.")
password = editor_notice()
kind, message = st.session_state.pop(_OUTCOME, (None, None))
if kind == "success":
    st.success(message, icon=":material/check_circle:")

upload = st.file_uploader("CSV file", type=["csv", "txt"], key="import_file",
                          max_upload_size=MAX_FILE_BYTES // (1024 * 1024))
names = [t.name for t in TABLES]
if upload is not None and st.session_state.get("import_file_name") != upload.name:
    # a new file: pick the table its name says (funding.csv, funding (2).csv), if any
    st.session_state["import_file_name"] = upload.name
    guess = upload.name.split(".")[0].split(" ")[0].strip().lower()
    if guess in names:
        st.session_state["import_table"] = guess
table_name = st.selectbox("Table it replaces", names, key="import_table", index=None,
                          placeholder="Choose the table",
                          format_func=lambda n: f"{n}.csv: {TABLES_BY_NAME[n].description}")
if upload is None:
    st.caption(f"UTF-8 CSV with a header row, at most {MAX_FILE_BYTES // (1024 * 1024)} MB; "
               "data/README.md lists every table's columns.")
elif table_name is None:
    st.caption("Choose which table the file replaces.")
else:
    preview = cached_preview(table_name, upload.getvalue(), upload.name)
    show_preview(preview)
    write_section(preview, password, message if kind == "error" else None)
