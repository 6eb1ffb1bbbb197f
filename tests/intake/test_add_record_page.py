"""The Add a record page in AppTest: draft from a pasted release, correct it with the pickers,
preview the rows, write them with the editor password, and find the record on the Overview,
the Map and the Timeline without a restart; a duplicate caught; bad input refused."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from components.pages import PAGES
from crossings.data.loading import load_dataset
from crossings.data.vocabulary import EVENT_STATUSES
from crossings.files import ROOT
from crossings.text.labels import value_label
from tests.hostile import INJECTIONS
from tests.test_import_page import PASSWORD_HASH
from tests.test_importing import PASSWORD, folder_state

ADD = next(p for p in PAGES if p.url_path == "add_record")
RELEASE = ("UNODC and AFIC train Chadian and Nigerien border officers in N'Djamena\n\n"
           "N'Djamena – The United Nations Office on Drugs and Crime (UNODC) held a five-day training on "
           "document fraud from 14 to 18 March 2022 in N'Djamena for 24 border officers from Chad and Niger, "
           "together with the Africa-Frontex Intelligence Community (AFIC). The training was funded by the "
           "Government of Japan.")


def open_add(secrets: dict[str, str]) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.secrets.update(secrets)
    at.run()
    at.switch_page(ADD.file)
    at.run()
    return at


def draft_from(at: AppTest, text: str) -> None:
    at.text_area(key="add_text").input(text).run()
    at.button(key="add_make_draft").click().run()


def add_button(at: AppTest):
    return next((b for b in at.button if b.label.startswith("Add these")), None)


def test_draft_correct_preview_write_and_see_it_everywhere(editable):
    at = open_add({"editor_password_hash": PASSWORD_HASH})
    assert not at.exception
    draft_from(at, RELEASE)
    assert not at.exception
    state = at.session_state
    assert (state["add_kind"], state["add_event_kind"], state["add_status"]) == ("event", "training", "held")
    assert (state["add_start"], state["add_end"]) == ("2022-03-14", "2022-03-18")
    assert (state["add_city"], state["add_host"], state["add_participants"]) == ("N'Djamena", "TCD", 24)
    assert state["add_countries"] == ["TCD", "NER"]
    assert state["add_organisers"] == ["UNODC", "Africa-Frontex Intelligence Community"]
    assert state["add_funders"] == ["GOV-JPN"]
    assert any("“24 border officers”" in c.value for c in at.caption)  # the words behind the value
    [release] = [h for h in at.get("html") if "crossings-release" in h.proto.body]
    marked = '<mark style="background:#d9f0d3" title="participants: 24">24 border officers'
    assert marked in release.proto.body

    # correct: our own title, a country the release leaves out, a topic, the source
    at.text_input(key="add_title").input("Training on document fraud for border officers, N'Djamena")
    at.multiselect(key="add_countries").select("CMR")
    at.multiselect(key="add_topics").select("border_security")
    at.text_input(key="add_source_url").input("https://example.org/ndjamena")
    at.text_input(key="add_source_publisher").input("UNODC")
    at.text_input(key="add_source_published").input("2022-03-21").run()
    at.button(key="add_check_rows").click().run()
    assert not at.exception and not at.warning  # no duplicate
    captions = [c.value for c in at.caption]
    for shown in ("sources.csv: 1 row", "topics.csv: 1 row", "organisations.csv: 1 row", "events.csv: 1 row",
                  "event_countries.csv: 4 rows", "event_organisations.csv: 3 rows"):
        assert shown in captions
    assert any("**11 rows** would be added to 6 tables" in m.value for m in at.markdown)

    at.text_input(key="add_password").input(PASSWORD)
    add_button(at).click().run()
    assert not at.exception
    assert any("EV-2022-N-DJAMENA was added: 11 rows in sources.csv, topics.csv, organisations.csv, "
               "events.csv, event_countries.csv, event_organisations.csv" in s.value for s in at.success)
    data = load_dataset(editable)
    assert data.problems == []
    event = data.events.set_index("event_id").loc["EV-2022-N-DJAMENA"]
    assert event["title"] == "Training on document fraud for border officers, N'Djamena"
    countries = data.event_countries
    assert set(countries.loc[countries["event_id"] == "EV-2022-N-DJAMENA", "country_iso3"]) == {
        "TCD", "NER", "CMR"}

    # no restart: the same server's other pages read the new files on their next run
    at.switch_page(PAGES[0].file)
    at.run()
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["Events"], metrics["Participants"]) == ("10", "160")  # 136 + 24
    timeline = next(p for p in PAGES if p.url_path == "timeline")
    at.switch_page(timeline.file)
    at.run()
    assert {m.label: m.value for m in at.metric}["Events on the timeline"] == "5"
    map_page = next(p for p in PAGES if p.url_path == "map")
    at.switch_page(map_page.file)
    at.run()
    table = next(frame.value for frame in at.dataframe if "detail" in frame.value.columns)
    assert dict(zip(table["iso3"], table["value"], strict=True))["TCD"] == 1
    assert any("9 of 10 events have a place on the map" in c.value for c in at.caption), [
        c.value for c in at.caption]


def test_a_duplicate_is_caught_before_writing(editable):
    at = open_add({"editor_password_hash": PASSWORD_HASH})
    draft_from(at, "Regional workshop on biometrics and border security in Cairo\n\nThe Ministry of "
                   "Interior of Egypt, IOM and UNOCT hosted a three-day regional workshop on biometrics and "
                   "traveller information in Cairo between 27 to 29 July 2021, for 55 senior officials from "
                   "the Kingdom of Saudi Arabia, the Republic of Tunisia and the Republic of the Sudan.")
    at.text_input(key="add_title").input("Biometrics workshop, Cairo").run()
    at.button(key="add_check_rows").click().run()
    assert not at.exception
    [warning] = at.warning
    shown = warning.value.replace("\\", "")  # Markdown escapes
    assert "EV-2021-CAIRO (events): it has the same dates and place (titled “Regional workshop" in shown
    assert add_button(at) is None  # not until the curator says it is not a duplicate
    at.checkbox(key="add_not_duplicate").check().run()
    assert add_button(at) is not None


def test_every_event_status_can_be_chosen(editable):
    """A release may say an event was postponed or cancelled: the form offers every status the
    data model has (crossings.data.vocabulary), not only held, announced and not known."""
    at = open_add({"unrelated": "x"})
    draft_from(at, RELEASE)
    shown = at.selectbox(key="add_status").options  # in words: 'not known' for not_known
    assert list(shown) == [value_label(status) for status in EVENT_STATUSES.values]
    at.selectbox(key="add_status").set_value("postponed").run()
    assert not at.exception and at.session_state["add_status"] == "postponed"


def test_without_a_password_the_page_only_previews(editable):
    at = open_add({"unrelated": "x"})
    draft_from(at, RELEASE)
    at.button(key="add_check_rows").click().run()
    before = folder_state(editable)
    assert any("Preview only" in i.value for i in at.info)
    assert add_button(at) is None
    assert folder_state(editable) == before


def test_a_wrong_password_writes_nothing(editable):
    at = open_add({"editor_password_hash": PASSWORD_HASH})
    draft_from(at, RELEASE)
    at.button(key="add_check_rows").click().run()
    before = folder_state(editable)
    at.text_input(key="add_password").input("not it")
    add_button(at).click().run()
    assert any("password is not correct" in e.value for e in at.error)
    assert folder_state(editable) == before


@pytest.mark.parametrize(("text", "message"), [
    ("   ", "Paste the release's text or upload it first."),
    ("La Oficina de las Naciones Unidas contra la Droga y el Delito organizó un taller para los oficiales "
     "de fronteras de los países de la región, con el apoyo de la Unión Europea y del gobierno de España, "
     "que se celebró en la ciudad de Dakar durante tres días.", "is in Spanish"),
])
def test_bad_input_is_refused_with_a_message(editable, text, message):
    at = open_add({"editor_password_hash": PASSWORD_HASH})
    draft_from(at, text)
    assert not at.exception
    assert any(message in e.value for e in at.error)
    assert "add_draft" not in at.session_state  # no draft, no form
    assert not [h for h in at.get("html") if "crossings-release" in h.proto.body]


def test_an_uploaded_binary_file_is_refused(editable):
    at = open_add({"editor_password_hash": PASSWORD_HASH})
    picture = b"\x89PNG\r\n\x1a\n" + bytes(200)
    at.file_uploader(key="add_file").set_value(("release.pdf", picture, "application/pdf"))
    at.run()
    at.button(key="add_make_draft").click().run()
    assert any("release.pdf cannot be opened as a PDF" in e.value for e in at.error)


def test_hostile_text_is_shown_not_run(editable):
    text = RELEASE + "\n\n" + "\n".join(payload for _, payload in INJECTIONS)
    at = open_add({"editor_password_hash": PASSWORD_HASH})
    draft_from(at, text)
    assert not at.exception
    [release] = [h for h in at.get("html") if "crossings-release" in h.proto.body]
    body = release.proto.body
    assert "<script" not in body and "<img" not in body and "onerror=" not in body.replace("onerror=&", "")
    assert "&lt;script&gt;" in body


def test_a_new_organisation_added_inline_is_written(editable):
    at = open_add({"editor_password_hash": PASSWORD_HASH})
    at.button(key="add_blank").click().run()
    at.text_input(key="add_title").input("Workshop on border management, Bamako")
    at.text_input(key="add_start").input("2023-07-25")
    at.text_input(key="add_end").input("2023-07-27")
    at.text_input(key="add_city").input("Bamako")
    at.selectbox(key="add_host").select("MLI")
    at.text_input(key="add_org_name").input("Border Police Directorate of Mali")
    at.text_input(key="add_org_acronym").input("DPF")
    at.selectbox(key="add_org_type").select("government_agency")
    at.selectbox(key="add_org_country").select("MLI").run()
    at.button(key="add_org_button").click().run()
    at.multiselect(key="add_organisers").select("Border Police Directorate of Mali")
    at.text_input(key="add_source_title").input("Mali border police workshop").run()
    at.button(key="add_check_rows").click().run()
    at.text_input(key="add_password").input(PASSWORD)
    add_button(at).click().run()
    assert not at.exception, at.exception
    data = load_dataset(editable)
    assert data.problems == []
    org = data.organisations.set_index("org_id").loc["DPF"]
    assert (org["name"], org["org_type"], org["country_iso3"]) == (
        "Border Police Directorate of Mali", "government_agency", "MLI")
    links = data.event_organisations
    assert links.loc[links["org_id"] == "DPF", "role"].tolist() == ["organiser"]
    event = data.events.set_index("event_id").loc["EV-2023-BAMAKO"]
    assert (event["lat"], event["location_precision"]) == (pytest.approx(12.65, abs=0.1), "city")


def test_a_new_topic_added_inline_is_written(editable):
    at = open_add({"editor_password_hash": PASSWORD_HASH})
    at.button(key="add_blank").click().run()
    at.text_input(key="add_title").input("Workshop on border posts in deserts, Agadez")
    at.text_input(key="add_start").input("2023-03-14")
    at.text_input(key="add_city").input("Agadez")
    at.selectbox(key="add_host").select("NER")
    at.text_input(key="add_topic_id").input("Desert Border Posts")
    at.text_input(key="add_topic_label").input("Desert border posts").run()
    at.button(key="add_topic_button").click().run()
    assert at.session_state["add_topics"] == ["desert_border_posts"]
    at.text_input(key="add_source_title").input("Agadez border posts workshop").run()
    at.button(key="add_check_rows").click().run()
    at.text_input(key="add_password").input(PASSWORD)
    add_button(at).click().run()
    assert not at.exception, at.exception
    data = load_dataset(editable)
    assert data.problems == []
    topics = data.topics.set_index("topic_id")
    assert topics.loc["desert_border_posts", "label"] == "Desert border posts"
    [topics_of_event] = data.events.loc[data.events["title"] == "Workshop on border posts in deserts, Agadez",
                                        "topics"].tolist()
    written = topics_of_event.split(";") if isinstance(topics_of_event, str) else list(topics_of_event)
    assert written == ["desert_border_posts"]


PROJECT_RELEASE = ("EU launches border management project in Niger\n\n"
                   "Niamey – The European Union launched on 3 May 2022 a three-year project to strengthen "
                   "border management in Niger, with a budget of EUR 5 million, implemented by IOM. The "
                   "project covers Niger and Mali and is funded by the European Union.")


@pytest.mark.parametrize(("language", "shown_order"), [("ar", ["currency", "amount"]),
                                                       ("en", [])])  # none: the frame's own
def test_the_budget_editor_is_mirrored_in_arabic_and_edits_keep_their_field(editable, language, shown_order):
    """Right to left, the budget grid shows its columns in reverse order (the grid draws them left
    to right: amount, the first, ends on the right, where the reader starts), aligned right; what
    the page reads back is keyed by column name, so a changed amount and a line added in the
    mirrored order still land in amount and currency. English keeps the frame's own order."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.secrets.update({"editor_password_hash": PASSWORD_HASH})
    at.query_params["lang"] = language
    at.run()
    at.switch_page(ADD.file)
    at.run()
    draft_from(at, PROJECT_RELEASE)
    assert not at.exception
    [editor] = at.data_editor
    assert editor.editing_mode == "dynamic"
    assert list(editor.proto.column_order) == shown_order
    assert editor.value.to_dict("records") == [{"amount": 5_000_000.0, "currency": "EUR"}]
    config = json.loads(editor.proto.columns)
    alignments = {name: config[name].get("alignment") for name in ("amount", "currency")}
    assert alignments == ({"amount": "right", "currency": "right"} if language == "ar"
                          else {"amount": None, "currency": None})
    # what the grid sends: the edited cell and the new line, by column name
    at.session_state[editor.key] = {"edited_rows": {0: {"amount": 4_500_000}},
                                    "added_rows": [{"currency": "usd", "amount": 120_000}],
                                    "deleted_rows": []}
    at.text_input(key="add_start").input("2022-05-03").run()
    at.button(key="add_check_rows").click().run()
    assert not at.exception
    rows = at.session_state["add_check"][1]
    funding = rows.tables["funding"]
    assert funding[["amount", "currency"]].to_dict("records") == [
        {"amount": "4500000", "currency": "EUR"}, {"amount": "120000", "currency": "USD"}]
    assert rows.problems == []
