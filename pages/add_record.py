"""Add a record: from a release (pasted, uploaded, or none) to sourced rows in every table, in
one step. Drafting is crossings/intake/ (draft, highlight), the rows crossings/intake/rows.py,
duplicates crossings/intake/duplicates.py, the checked atomic write crossings/data/appending.py,
behind the same editor check as the Import page (components/editor_access.py)."""

from __future__ import annotations

import hashlib

import streamlit as st

from components.data import data_dir, get_dataset
from components.editor_access import preview_only_notice, write_form, writing_mode
from components.frame import require_app_frame
from components.language import dataframe
from components.pages import PAGES
from components.record_form import draw_form, draw_source, load_record, record_from_form
from crossings.access import Editor
from crossings.data.appending import AppendPreview, preview_append, write_append
from crossings.data.importing import ImportRefusedError
from crossings.data.loading import data_signature
from crossings.intake import IntakeError, draft_record, read_bytes, read_text
from crossings.intake.duplicates import probable_duplicates
from crossings.intake.highlight import highlighted_html
from crossings.intake.record import Record, record_from_draft
from crossings.intake.rows import RecordRows, record_rows
from crossings.languages import _, ngettext
from crossings.limits import ADD_RECORD
from crossings.text.escaping import markdown_text
from crossings.text.formatting import format_count

require_app_frame()
_DRAFT = "add_draft"  # (draft as JSON, the text its evidence points into)
_CHECK = "add_check"  # (fingerprint of the record, rows, duplicates, preview)
_OUTCOME = "add_outcome"


def make_draft() -> None:
    """Read the release and fill the form with its draft; a clear message when it cannot be read."""
    upload = st.session_state.get("add_file")
    text = st.session_state.get("add_text") or ""
    if upload is None and not text.strip():
        st.session_state[_OUTCOME] = ("error", _("Paste the release's text or upload it first."))
        return
    too_large = ADD_RECORD.size_refusal(upload.name, upload.size) if upload is not None else None
    if too_large:  # refused before a byte of it is read
        st.session_state[_OUTCOME] = ("error", markdown_text(too_large))
        return
    try:
        source = read_bytes(upload.getvalue(), upload.name) if upload is not None else read_text(text)
    except IntakeError as refused:
        st.session_state[_OUTCOME] = ("error", str(refused))
        return
    draft = draft_record(source, data_dir())
    data = draft.as_json()
    st.session_state[_DRAFT] = (data, draft.text)
    st.session_state.pop(_CHECK, None)
    load_record(record_from_draft(data), data["evidence"])


def start_blank() -> None:
    st.session_state[_DRAFT] = ({"evidence": {}, "notes": []}, "")
    st.session_state.pop(_CHECK, None)
    load_record(Record(), {})


def fingerprint(record: Record) -> str:
    return hashlib.sha256(repr(record).encode()).hexdigest()


def check_rows() -> None:
    record = record_from_form()
    dataset = get_dataset()
    rows = record_rows(record, dataset)
    preview = preview_append(data_dir(), rows.tables) if not rows.problems else None
    st.session_state[_CHECK] = (fingerprint(record), rows, probable_duplicates(record, dataset), preview,
                                data_signature(data_dir()))


def write_rows(editor: Editor) -> None:
    """Runs before the page does (the write button's callback), for an editor only."""
    stored = st.session_state.get(_CHECK)
    if stored is None:
        return
    rows, preview = stored[1], stored[3]
    try:
        results = write_append(preview, data_dir(), editor)
    except ImportRefusedError as refused:
        st.session_state[_OUTCOME] = ("error", str(refused))
        return
    except OSError as err:
        st.session_state[_OUTCOME] = ("error", _("Could not write the tables ({reason}). Nothing was "
                                                 "changed.").format(reason=err.strerror))
        return
    tables = ", ".join(r.path.name for r in results)
    st.session_state[_OUTCOME] = ("success", _("{record} was added: {n} rows in {tables}. The previous "
                                               "versions are kept in data/backups/.").format(
                                                   record=rows.record_id, n=format_count(preview.count),
                                                   tables=tables))
    for key in (_DRAFT, _CHECK, "add_not_duplicate"):
        st.session_state.pop(key, None)


def refused_write(reason: str) -> None:
    st.session_state[_OUTCOME] = ("error", reason)


def show_check(rows: RecordRows, duplicates, preview: AppendPreview | None) -> None:
    for problem in rows.problems:
        st.error(problem, icon=":material/error:")
    for note in rows.notes:
        st.info(note, icon=":material/info:")
    if duplicates:
        st.warning(_("**Probably already in the data:**") + "\n\n" + "\n".join(
            f"- {markdown_text(d.record_id)} ({d.table}): {markdown_text(d.reason)}" for d in duplicates),
            icon=":material/content_copy:")
        st.checkbox(_("It is not a duplicate: add it anyway"), key="add_not_duplicate")
    if preview is None:
        return
    for problem in preview.problems:
        st.error(problem.describe(), icon=":material/error:")  # names its file, row and column
    st.markdown(_("**{rows} rows** would be added to {tables} tables:").format(
        rows=format_count(preview.count), tables=format_count(len(preview.added))))
    for name, added in preview.added.items():
        st.caption(ngettext("{file}: {n} row", "{file}: {n} rows", len(added)).format(
            file=f"{name}.csv", n=format_count(len(added))))
        dataframe(added, hide_index=True, width="stretch")
    blocked = bool(duplicates) and not st.session_state.get("add_not_duplicate")
    if not preview.can_write or blocked:
        return
    write_form("add", _("Add these {n} rows").format(n=format_count(preview.count)), on_write=write_rows,
               on_refused=refused_write)


st.title(_("Add a record"))
st.markdown(_("Paste a press release or project page, or upload it, and check the record drafted from it: "
              "every proposed value is marked in the text. Then see the rows it adds and write them all "
              "in one step."))
if preview_only_notice(writing_mode()):
    st.caption(_(":material/lock: Preview only on this server: no way to write is configured."))
kind, message = st.session_state.pop(_OUTCOME, (None, None))
if kind == "success":
    st.success(message, icon=":material/check_circle:")
    links = [spec for spec in PAGES if spec.url_path in ("overview", "map", "timeline")]
    for column, spec in zip(st.columns(len(links)), links, strict=True):
        column.page_link(spec.file, label=_("See it on the {page}").format(page=_(spec.title)),
                         icon=spec.icon)
elif kind == "error":
    st.error(message, icon=":material/block:")

with st.container(border=True):
    st.subheader(_("1. The release"), anchor=False)
    st.text_area(_("Paste its text"), key="add_text", height=160)
    st.caption(_("Accepts {accepts}, {limit}.").format(accepts=_(ADD_RECORD.accepts),
                                                     limit=ADD_RECORD.describe()))
    st.file_uploader(_("or upload it (.txt, .html, .pdf)"), type=["txt", "html", "htm", "pdf"],
                     key="add_file", max_upload_size=ADD_RECORD.max_mb)
    draft_button, blank_button = st.columns(2)
    draft_button.button(_("Draft the record"), key="add_make_draft", type="primary", on_click=make_draft)
    blank_button.button(_("Type it from scratch"), key="add_blank", on_click=start_blank)

stored = st.session_state.get(_DRAFT)
if stored is not None:
    draft, release_text = stored
    st.subheader(_("2. Check the record"), anchor=False)
    for note in draft.get("notes", []):
        st.info(note, icon=":material/info:")
    form_column, text_column = st.columns([3, 2])
    with form_column:
        draw_form(get_dataset())
        st.markdown(_("**The source**"))
        draw_source()
    with text_column:
        if release_text:
            st.caption(_("The release, with the words behind each proposed value marked."))
            st.html(highlighted_html(release_text, draft["evidence"]))
    st.subheader(_("3. The rows it adds"), anchor=False)
    st.button(_("Check the rows"), key="add_check_rows", on_click=check_rows)
    check = st.session_state.get(_CHECK)
    if check is not None:
        if check[0] != fingerprint(record_from_form()) or check[4] != data_signature(data_dir()):
            st.info(_("The record (or the data) changed since the last check: check the rows again."),
                    icon=":material/refresh:")
        else:
            show_check(check[1], check[2], check[3])
