"""The Import page: upload, preview, and a write only with the editor password."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from components.pages import PAGES
from crossings.data.loading import load_dataset
from crossings.files import ROOT
from tests.test_importing import PASSWORD, edited_funding, folder_state

IMPORT = next(p for p in PAGES if p.url_path == "import_data")


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
    at = open_import({"unrelated": "x"})  # a secrets file without editor_password
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
    at = open_import({"editor_password": PASSWORD})
    upload(at, "funding.csv", (editable / "funding.csv").read_bytes().replace(b",EUR,2017", b",EUX,2017"))
    assert not at.exception
    assert metrics(at)["Rejected"] == "1"
    [problems] = [d for d in at.dataframe if "message" in d.value.columns]
    assert problems.value[["row", "column", "value"]].values.tolist() == [[5, "currency", "EUX"]]
    assert any("cannot be written" in w.value for w in at.warning)
    assert not [t for t in at.text_input if t.key == "import_password"]


def test_wrong_password_refuses_and_right_password_writes(editable, tmp_path):
    at = open_import({"editor_password": PASSWORD})
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


def test_five_wrong_passwords_lock_writing_for_every_session(editable, tmp_path):
    import streamlit as st

    st.cache_resource.clear()  # a fresh count of wrong passwords (it is shared by the server)
    try:
        at = open_import({"editor_password": PASSWORD})
        upload(at, "funding.csv", edited_funding(editable, tmp_path))
        before = folder_state(editable)
        for guess in range(5):
            at.text_input(key="import_password").input(f"guess {guess}")
            replace_button(at).click()
            at.run()
        assert any("Writing is now locked for 10 minutes" in e.value for e in at.error)
        other = open_import({"editor_password": PASSWORD})  # another browser, the same server
        upload(other, "funding.csv", edited_funding(editable, tmp_path))
        other.text_input(key="import_password").input(PASSWORD)
        replace_button(other).click()
        other.run()
        assert not other.exception
        assert any("Too many wrong editor passwords: writing is locked for 10 minutes" in e.value
                   for e in other.error)
        assert folder_state(editable) == before
    finally:
        st.cache_resource.clear()
