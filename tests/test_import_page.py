"""The Import page: upload, preview, and a write only with the editor password."""

from __future__ import annotations

from datetime import datetime

from streamlit.testing.v1 import AppTest

import crossings.access
from components.pages import PAGES
from crossings.access import hash_password
from crossings.data.loading import load_dataset
from crossings.files import ROOT
from tests.test_importing import PASSWORD, edited_funding, folder_state

IMPORT = next(p for p in PAGES if p.url_path == "import_data")
PASSWORD_HASH = hash_password(PASSWORD)


def open_import(secrets: dict[str, str]) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets.update(secrets)
    at.run()
    at.switch_page(IMPORT.file)
    at.run()
    return at


def upload(at: AppTest, name: str, content: bytes) -> None:
    at.file_uploader(key="import_file").set_value((name, content, "text/csv"))
    at.run()


def replace_button(at: AppTest):
    [button] = [b for b in at.button if b.label.startswith("Replace funding.csv")]
    return button


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_without_a_password_the_upload_only_previews(editable, tmp_path):
    at = open_import({"unrelated": "x"})  # a secrets file without editor_password_hash
    assert not at.exception
    before = folder_state(editable)
    upload(at, "funding.csv", edited_funding(editable, tmp_path))
    assert not at.exception
    assert at.selectbox(key="import_table").value == "funding"  # picked from the file name
    assert {k: metrics(at)[k] for k in ("Added", "Changed", "Removed", "Unchanged", "Rejected")} == {
        "Added": "1", "Changed": "1", "Removed": "1", "Unchanged": "3", "Rejected": "0"}
    assert any("Preview only" in info.value for info in at.info)
    assert not [t for t in at.text_input if t.key == "import_password"]
    assert any("writing it would remove them" in w.value for w in at.warning)
    assert folder_state(editable) == before


def test_a_broken_upload_lists_its_problems_and_cannot_be_written(editable):
    at = open_import({"editor_password_hash": PASSWORD_HASH})
    upload(at, "funding.csv", (editable / "funding.csv").read_bytes().replace(b",EUR,2017", b",EUX,2017"))
    assert not at.exception
    assert metrics(at)["Rejected"] == "1"
    [problems] = [d for d in at.dataframe if "message" in d.value.columns]
    assert problems.value[["row", "column", "value"]].values.tolist() == [[5, "currency", "EUX"]]
    assert any("cannot be written" in w.value for w in at.warning)
    assert not [t for t in at.text_input if t.key == "import_password"]


def test_wrong_password_refuses_and_right_password_writes(editable, tmp_path):
    at = open_import({"editor_password_hash": PASSWORD_HASH})
    upload(at, "funding.csv", edited_funding(editable, tmp_path))
    before = folder_state(editable)
    at.text_input(key="import_password").input("not it")
    replace_button(at).click()
    at.run()
    assert not at.exception
    assert any("password is not correct" in e.value for e in at.error)
    assert folder_state(editable) == before

    at.text_input(key="import_password").input(PASSWORD)
    replace_button(at).click()
    at.run()
    assert not at.exception
    assert any("funding.csv was written: 5 rows" in s.value for s in at.success)
    assert len(list((editable / "backups").glob("funding.*.csv"))) == 1
    amounts = dict(zip(*[load_dataset(editable).funding[c] for c in ("funding_id", "amount")], strict=True))
    assert amounts["F-JEMPAS2-AMIF"] == 190000
    # the file now matches the upload, so the page says there is nothing more to write
    assert any("nothing to write" in i.value for i in at.info)


def test_wrong_passwords_slow_only_the_guessing_session(editable, tmp_path, monkeypatch):
    """Three wrong passwords: this browser waits before its next try (and even the right
    password is not checked meanwhile); another browser writes at once."""
    import streamlit as st

    class Clock(datetime):  # every try at the same moment: the waits do not run out mid-test
        @classmethod
        def now(cls, tz=None):
            return datetime(2026, 3, 1, 9, 30)

    monkeypatch.setattr(crossings.access, "datetime", Clock)
    st.cache_resource.clear()  # a fresh count of wrong passwords (it is shared by the server)
    try:
        guesser = open_import({"editor_password_hash": PASSWORD_HASH})
        upload(guesser, "funding.csv", edited_funding(editable, tmp_path))
        before = folder_state(editable)
        for guess in range(3):
            guesser.text_input(key="import_password").input(f"guess {guess}")
            replace_button(guesser).click()
            guesser.run()
        assert any("Wait 1 second before the next try" in e.value for e in guesser.error)
        guesser.text_input(key="import_password").input(PASSWORD)
        replace_button(guesser).click()
        guesser.run()
        assert any(e.value.startswith("Too many wrong editor passwords from here: try again in")
                   for e in guesser.error)
        assert folder_state(editable) == before

        editor = open_import({"editor_password_hash": PASSWORD_HASH})  # another browser, same server
        upload(editor, "funding.csv", edited_funding(editable, tmp_path))
        editor.text_input(key="import_password").input(PASSWORD)
        replace_button(editor).click()
        editor.run()
        assert not editor.exception
        assert any("funding.csv was written: 5 rows" in s.value for s in editor.success)
    finally:
        st.cache_resource.clear()


def test_a_plain_text_password_in_secrets_is_not_read(editable, tmp_path):
    at = open_import({"editor_password": PASSWORD})
    upload(at, "funding.csv", edited_funding(editable, tmp_path))
    assert not at.exception
    assert any("no longer read" in i.value and "python -m crossings.access hash" in i.value for i in at.info)
    assert not [t for t in at.text_input if t.key == "import_password"]
IATI_FILE = ROOT / "tests" / "iati" / "border_project.xml"


def upload_iati(at: AppTest, content: bytes) -> None:
    at.file_uploader(key="iati_file").set_value(("activities.xml", content, "text/xml"))
    at.run()


def test_iati_projects_are_previewed_then_written_with_the_password(editable):
    at = open_import({"editor_password_hash": PASSWORD_HASH})
    before = folder_state(editable)
    upload_iati(at, IATI_FILE.read_bytes())
    assert not at.exception
    assert metrics(at)["New projects"] == "1"  # the sector choice leaves the water project out
    assert folder_state(editable) == before
    at.text_input(key="iati_password").input(PASSWORD)
    [write] = [b for b in at.button if b.label.startswith("Write these projects")]
    write.click()
    at.run()
    assert not at.exception
    assert any(s.value.startswith("Written: ") for s in at.success)
    dataset = load_dataset(editable)
    assert dataset.errors == []
    project = dataset.tables["projects"].set_index("iati_identifier").loc["XM-TEST-1-BORDER-2021"]
    assert project["title"] == "Border posts and cross-border cooperation in Niger and Mali"
    # the same file again: an update, not a second project
    upload_iati(at, IATI_FILE.read_bytes().replace(b">480000.50<", b">500000<"))
    assert metrics(at)["New projects"] == "0" and metrics(at)["Updated projects"] == "1"


def test_an_iati_file_that_fails_the_schema_lists_the_schema_messages(editable):
    at = open_import({"editor_password_hash": PASSWORD_HASH})
    broken = IATI_FILE.read_bytes().replace(b"<title>", b"<titel>", 1).replace(b"</title>", b"</titel>", 1)
    upload_iati(at, broken)
    assert not at.exception
    assert any("does not pass the IATI 2.03 schema" in e.value for e in at.error)
    [problems] = [d for d in at.dataframe if "problem" in d.value.columns]
    assert problems.value["problem"].str.contains("activities.xml, line ").all()
    assert not [t for t in at.text_input if t.key == "iati_password"]
