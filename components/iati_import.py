"""The Import page's IATI part: an activity file checked against the IATI 2.03 schema, the
activities chosen, what they become, then (with the editor password) written as one change.
The reading, choosing, mapping and writing are in crossings/iati/."""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from components.data import data_dir, get_dataset
from components.editor_access import write_form
from components.language import dataframe
from crossings.access import Editor
from crossings.data.importing import ImportRefusedError
from crossings.data.loading import data_signature
from crossings.iati.activities import Selection, codes_from_text, countries_from_text, read_projects
from crossings.iati.reading import IatiFileError
from crossings.iati.rows import IatiImport, check_import, import_rows, write_import_rows
from crossings.languages import _
from crossings.limits import IATI, PROBLEMS_LISTED
from crossings.text.escaping import markdown_text
from crossings.text.formatting import format_count

DEFAULT_SECTORS = "15190, 15210"
_STATE = "iati_import"
_OUTCOME = "iati_outcome"


def _prepared(upload: bytes, file_name: str, selection: Selection):
    """Reading, checking and mapping run once per file, choice and version of the folder, not on
    every rerun (typing the password reruns the page)."""
    folder = data_dir()
    key = (hashlib.sha256(upload).hexdigest(), selection, data_signature(folder))
    stored = st.session_state.get(_STATE)
    if stored is None or stored[0] != key:
        with st.spinner(_("Checking the file against the IATI 2.03 schema…")):
            try:
                read = read_projects(upload, selection, file_name)
            except IatiFileError as error:
                stored = (key, str(error), None, None)
            else:
                result = errors = None
                if read.valid:
                    result = import_rows(get_dataset(), read.activities, file_name)
                    errors = check_import(folder, result)
                stored = (key, read, result, errors)
        st.session_state[_STATE] = stored
    return stored[1:]


def _projects_frame(result: IatiImport) -> pd.DataFrame:
    touched = set(result.added) | set(result.updated)
    projects = result.tables["projects"]
    shown = projects[projects["project_id"].isin(touched)][
        ["project_id", "iati_identifier", "title", "start_date", "end_date", "status"]].copy()
    new, updated = _("new"), _("updated")
    shown.insert(1, "change", shown["project_id"].map(lambda p: new if p in result.added else updated))
    return shown


def _funding_frame(result: IatiImport) -> pd.DataFrame:
    touched = set(result.added) | set(result.updated)
    funding = result.tables["funding"]
    return funding[funding["project_id"].isin(touched)][
        ["project_id", "funder_id", "amount", "currency", "value_date", "amount_basis"]]


def _write(editor: Editor) -> None:
    """The write button's callback, for an editor only (components/editor_access.py decides)."""
    stored = st.session_state.get(_STATE)
    if stored is None or stored[2] is None or not isinstance(editor, Editor):
        return
    try:
        written = write_import_rows(data_dir(), stored[2])
    except ImportRefusedError as refused:
        _refused(str(refused))
        return
    except OSError as err:
        _refused(_("Could not write the tables ({reason}). Nothing was changed.").format(reason=err.strerror))
        return
    names = ", ".join(w.path.name for w in written) or _("no table (nothing changed)")
    st.session_state[_OUTCOME] = ("success", _("Written: {tables}. The previous versions are kept in "
                                               "data/backups/.").format(tables=names))
    st.session_state.pop(_STATE, None)


def _refused(reason: str) -> None:
    st.session_state[_OUTCOME] = ("error", reason)


def iati_import_section() -> None:
    st.markdown(_("Bring projects in from an organisation's IATI activity file (IATI 2.01 to 2.03). "
                  "The file is checked against the IATI 2.03 schema first; amounts keep their own "
                  "currency and value date, from the activity's commitments where it has them, "
                  "otherwise from its budgets, never both. A project imported before is updated, "
                  "found by its IATI identifier."))
    kind, message = st.session_state.pop(_OUTCOME, (None, None))
    if kind == "success":
        st.success(message, icon=":material/check_circle:")
    elif kind == "error":
        st.error(message, icon=":material/block:")
    upload = st.file_uploader(_("IATI activity file (XML)"), type=["xml"], key="iati_file",
                              max_upload_size=IATI.max_mb)
    sectors, countries, text = st.columns(3)
    sector_codes = sectors.text_input(_("DAC sector codes"), DEFAULT_SECTORS, key="iati_sectors",
                                      help=_("5-digit OECD DAC purpose codes, comma-separated; 15190 is "
                                             "migration, 15210 security system management. Empty: any."))
    country_codes = countries.text_input(_("Recipient countries"), "", key="iati_countries",
                                         help=_("ISO codes (NER or NE), comma-separated. Empty: any."))
    words = text.text_input(_("Words in the title or description"), "", key="iati_text")
    if upload is None:
        st.caption(_("{limits} here; a larger file goes through the command line: "
                     "`python -m crossings.iati FILE --sector 15190 --write`.").format(
                         limits=IATI.describe()))
        return
    selection = Selection(sectors=codes_from_text(sector_codes), countries=countries_from_text(country_codes),
                          text=words)
    too_large = IATI.size_refusal(upload.name, upload.size)
    if too_large:  # refused before it is read
        st.error(markdown_text(too_large), icon=":material/block:")
        return
    read, result, errors = _prepared(upload.getvalue(), upload.name, selection)
    if isinstance(read, str):
        st.error(read, icon=":material/error:")
        return
    if not read.valid:
        st.error(_("{file} does not pass the IATI 2.03 schema; nothing can be "
                   "imported from it.").format(file=markdown_text(read.name)), icon=":material/rule:")
        dataframe(pd.DataFrame({"problem": read.problem_lines()}), hide_index=True, width="stretch",
                     column_config={"problem": _("problem")})
        return
    st.caption(_("IATI {version}: {seen} activities in the file, {chosen} chosen.").format(
        version=read.version or _("(no version given)"), seen=format_count(read.activities_seen),
        chosen=format_count(len(read.activities))))
    if not read.activities:
        st.info(_("No activity matches the choice above."), icon=":material/filter_alt_off:")
        return
    columns = st.columns(3)
    columns[0].metric(_("New projects"), format_count(len(result.added)), border=True)
    columns[1].metric(_("Updated projects"), format_count(len(result.updated)), border=True)
    columns[2].metric(_("New organisations"), format_count(len(result.new_organisations)), border=True)
    dataframe(_projects_frame(result), hide_index=True, width="stretch")
    st.markdown(_("**Funding lines**"))
    dataframe(_funding_frame(result), hide_index=True, width="stretch")
    for notice in result.notices:
        st.info(notice, icon=":material/info:")
    if errors:
        st.error(_("The data check finds {n} error(s) with these projects in place; nothing "
                   "can be written.").format(n=format_count(len(errors))), icon=":material/block:")
        dataframe(pd.DataFrame({"problem": [e.describe() for e in errors[:PROBLEMS_LISTED]]}),
                     hide_index=True, width="stretch", column_config={"problem": _("problem")})
        if len(errors) > PROBLEMS_LISTED:
            st.caption(_("The first {listed} are listed; {rest} more are not. The command line "
                         "(`python -m crossings.iati FILE`) lists them all.").format(
                listed=format_count(PROBLEMS_LISTED), rest=format_count(len(errors) - PROBLEMS_LISTED)))
        return
    write_form("iati", _("Write these projects (the current files are kept as backups)"), on_write=_write,
               on_refused=_refused)
