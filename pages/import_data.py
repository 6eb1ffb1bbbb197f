"""Import: upload an edited CSV for one table, see what it changes, and (with the editor
password) write it. The checking, comparing and writing are in crossings/data/importing.py."""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from components.data import data_dir, public_only
from components.editor_access import preview_only_notice, write_form, writing_mode
from components.frame import require_app_frame
from components.iati_import import iati_import_section
from components.language import dataframe
from crossings.access import Editor
from crossings.data.importing import (
    ImportPreview,
    ImportRefusedError,
    preview_import,
    write_import,
)
from crossings.data.loading import data_signature
from crossings.data.schema import TABLES, TABLES_BY_NAME, described
from crossings.languages import N_, _
from crossings.limits import IMPORT, PROBLEMS_LISTED
from crossings.text.escaping import markdown_text
from crossings.text.formatting import format_count

require_app_frame()
if public_only():  # a preview compares with the files, internal rows included: not for the public
    st.title(_("Import a table"))
    st.info(_("This server shows only the public data, so tables cannot be imported here. Import on "
              "the team's own server."), icon=":material/lock:")
    st.stop()
_PREVIEW = "import_preview"
_OUTCOME = "import_outcome"  # (kind, message) of the last write attempt
_ROWS_CHECKED = "import_rows_checked"  # (file id, refusal or None)
# The headers people read over the lists of problems and changes (the frames keep their names).
_HEADERS = {"severity": N_("severity"), "row": N_("row"), "column": N_("column"), "value": N_("value"),
            "message": N_("message"), "expected": N_("expected"), "file": N_("file"),
            "before": N_("before"), "after": N_("after")}


def _headers(frame: pd.DataFrame) -> dict[str, str]:
    return {name: _(_HEADERS[name]) for name in frame.columns if name in _HEADERS}


def refusal_of(upload) -> str | None:
    """Why the page will not read this upload: over the size limit (known before a byte of it
    is read) or over the row limit (counted, not parsed; once per file)."""
    too_large = IMPORT.size_refusal(upload.name, upload.size)
    if too_large:
        return too_large
    counted = st.session_state.get(_ROWS_CHECKED)
    if counted is None or counted[0] != upload.file_id:
        counted = (upload.file_id, IMPORT.rows_refusal(upload.name, upload.getvalue()))
        st.session_state[_ROWS_CHECKED] = counted
    return counted[1]


def cached_preview(table_name: str, upload: bytes, file_name: str) -> ImportPreview:
    """Checking an upload loads the folder twice, so it runs once per file, table and version
    of the folder, not on every rerun (typing the password reruns the page)."""
    folder = data_dir()
    key = (table_name, hashlib.sha256(upload).hexdigest(), data_signature(folder))
    stored = st.session_state.get(_PREVIEW)
    if stored is None or stored[0] != key:
        with st.spinner(_("Checking the file against the current data…")):
            stored = (key, preview_import(folder, table_name, upload, file_name))
        st.session_state[_PREVIEW] = stored
    return stored[1]


def problems_frame(problems) -> pd.DataFrame:
    columns = ["severity", "row", "column", "value", "message", "expected"]
    frame = pd.DataFrame([p.as_dict() for p in problems], columns=columns)  # in the session's language
    frame["message"] = frame["message"].str.rstrip(":")  # the value has its own column here
    return frame.astype({"row": "Int64"})


def show_problems(problems, **extra_columns) -> None:
    """The first PROBLEMS_LISTED problems, then how many more there are."""
    listed = problems[:PROBLEMS_LISTED]
    frame = problems_frame(listed)
    for name, values in extra_columns.items():
        frame[name] = values[:PROBLEMS_LISTED]
    dataframe(frame, hide_index=True, width="stretch", column_config=_headers(frame))
    if len(problems) > len(listed):
        st.caption(_("The first {listed} are listed; {more} more are not. "
                     "Fix these and upload the file again, or check it on the command line "
                     "(`python -m crossings.data.import_table`), which lists them all.").format(
                         listed=format_count(len(listed)), more=format_count(len(problems) - len(listed))))


def show_rows(frame: pd.DataFrame) -> None:
    if frame.empty:
        st.caption(_("None."))
        return
    dataframe(frame.rename_axis("row"), width="stretch", height=min(400, 40 + 35 * len(frame)))


def show_preview(preview: ImportPreview) -> None:
    table = preview.table
    if preview.file_name == table.file:
        heading = _("What this file would change in {file}").format(file=table.file)
    else:
        heading = _("What {name} would change in {file}").format(name=markdown_text(preview.file_name),
                                                                   file=table.file)
    st.subheader(heading, anchor=False)
    columns = st.columns(5)
    for column, (label, count) in zip(columns, [
            (_("Added"), len(preview.added)), (_("Changed"), len(preview.changed)),
            (_("Removed"), len(preview.removed)), (_("Unchanged"), preview.unchanged),
            (_("Rejected"), len(preview.rejected))], strict=True):
        column.metric(label, format_count(count), border=True)
    st.caption(_("Rows are {compared_by}. Row numbers are the file's spreadsheet rows "
                 "(the header is row 1).").format(compared_by=preview.compared_by))
    for note in preview.notes:
        st.info(note)
    if preview.ignored_columns:
        st.caption(_("Not in the table's columns, so not written: {columns}").format(
            columns=", ".join(markdown_text(c) for c in preview.ignored_columns)))
    if len(preview.removed):
        st.warning(_("{n} current row(s) are not in the file: writing it would "
                     "remove them.").format(n=format_count(len(preview.removed))), icon=":material/delete:")

    if preview.problems:
        errors = len(preview.errors)
        st.markdown(_("**Problems in the file:** {errors} error(s), {warnings} warning(s) (repairs)").format(
            errors=format_count(errors), warnings=format_count(len(preview.problems) - errors)))
        show_problems(preview.problems)
    if preview.new_problems_elsewhere:
        st.error(_("Writing this file would leave out rows in other tables: {n} new error(s).").format(
            n=format_count(len(preview.new_problems_elsewhere))), icon=":material/link_off:")
        show_problems(preview.new_problems_elsewhere, file=[p.file for p in preview.new_problems_elsewhere])
    if preview.fixed_elsewhere:
        st.success(_("It would resolve {n} error(s) in other tables.").format(
            n=format_count(len(preview.fixed_elsewhere))))

    tabs = st.tabs([_("Added ({n})").format(n=format_count(len(preview.added))),
                    _("Changed ({n})").format(n=format_count(len(preview.changed))),
                    _("Removed ({n})").format(n=format_count(len(preview.removed))),
                    _("Rejected ({n})").format(n=format_count(len(preview.rejected)))])
    with tabs[0]:
        show_rows(preview.added)
    with tabs[1]:
        changes = pd.DataFrame(
            [{table.key or "row": change.key, "row": change.row, "column": column, "before": before,
              "after": after} for change in preview.changed for column, before, after in change.changes],
            columns=[table.key or "row", "row", "column", "before", "after"])
        if changes.empty:
            st.caption(_("None."))
        else:
            dataframe(changes, hide_index=True, width="stretch", column_config=_headers(changes))
    with tabs[2]:
        show_rows(preview.removed)
    with tabs[3]:
        show_rows(preview.rejected)


def write(editor: Editor) -> None:
    """Runs before the page does, so the outcome is known when the page is drawn. Writes the
    preview the user was shown, never a new reading of the upload."""
    stored = st.session_state.get(_PREVIEW)
    if stored is None:
        return
    preview = stored[1]
    try:
        result = write_import(preview, data_dir(), editor)
    except ImportRefusedError as refused:
        refused_write(str(refused))
        return
    except OSError as err:
        refused_write(_("Could not write {file} ({reason}). Nothing was changed.").format(
            file=preview.table.file, reason=err.strerror))
        return
    if result.backup:
        written = _("{file} was written: {n} rows. The previous version is kept as {backup} in "
                    "data/backups/.").format(file=result.path.name, n=format_count(result.rows),
                                             backup=result.backup.name)
    else:
        written = _("{file} was written: {n} rows.").format(file=result.path.name,
                                                            n=format_count(result.rows))
    st.session_state[_OUTCOME] = ("success", written)
    st.session_state.pop(_PREVIEW, None)


def refused_write(reason: str) -> None:
    st.session_state[_OUTCOME] = ("error", reason)


def write_section(preview: ImportPreview, refusal: str | None) -> None:
    st.subheader(_("Write"), anchor=False)
    if refusal:
        st.error(refusal, icon=":material/block:")
    if not preview.has_changes and not preview.errors and preview.content is not None:
        st.info(_("The file is the same as the current {file}: nothing to write.").format(
            file=preview.table.file), icon=":material/check:")
        return
    if not preview.can_write:
        st.warning(_("This file cannot be written: {reasons}.").format(
            reasons="; ".join(preview.blocking_reasons)), icon=":material/block:")
        return
    write_form("import", _("Replace {file} (the current file is kept as a backup)").format(
        file=preview.table.file),
               on_write=write, on_refused=refused_write)


st.title(_("Import"))
if preview_only_notice(writing_mode()):
    st.caption(_(":material/lock: Preview only on this server: no way to write is set up."))
table_tab, iati_tab = st.tabs([_("A table (CSV)"), _("Projects from an IATI file")])
with iati_tab:
    iati_import_section()
with table_tab:
    st.markdown(_("Replace one table's CSV with a file edited in a spreadsheet. The file is checked "
                  "and compared with the current data first; nothing is written until you confirm."))
    kind, message = st.session_state.pop(_OUTCOME, (None, None))
    if kind == "success":
        st.success(message, icon=":material/check_circle:")

    st.caption(_("Accepts {accepts}, {limits}: UTF-8 with a header row; "
                 "data/README.md lists every table's columns. A larger file goes through the command line "
                 "(`python -m crossings.data.import_table`).").format(accepts=_(IMPORT.accepts),
                                                                       limits=IMPORT.describe()))
    upload = st.file_uploader(_("CSV file"), type=["csv", "txt"], key="import_file",
                              max_upload_size=IMPORT.max_mb)
    names = [t.name for t in TABLES]
    if upload is not None and st.session_state.get("import_file_name") != upload.name:
        # a new file: pick the table its name says (funding.csv, funding (2).csv), if any
        st.session_state["import_file_name"] = upload.name
        guess = upload.name.split(".")[0].split(" ")[0].strip().lower()
        if guess in names:
            st.session_state["import_table"] = guess
    table_name = st.selectbox(_("Table it replaces"), names, key="import_table", index=None,
                              placeholder=_("Choose the table"),
                              format_func={n: f"{n}.csv: {described(TABLES_BY_NAME[n])}" for n in names}.get)
    refusal = refusal_of(upload) if upload is not None else None
    if refusal:  # refused before it is parsed
        st.error(markdown_text(refusal), icon=":material/block:")
    elif upload is not None and table_name is None:
        st.caption(_("Choose which table the file replaces."))
    elif upload is not None:
        preview = cached_preview(table_name, upload.getvalue(), upload.name)
        show_preview(preview)
        write_section(preview, message if kind == "error" else None)
