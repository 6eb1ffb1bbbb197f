"""The About and method page: coverage counted from the test data, every rule of the headline
figures, the data dictionary listing every declared table, in the three languages; and the
Overview's figure helps linking to it."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from crossings.data.schema import TABLES, TABLES_BY_NAME, described
from crossings.exports.images import BOUNDARY_DISCLAIMER
from crossings.files import ROOT
from crossings.languages import use_language
from crossings.text.escaping import markdown_text
from crossings.views.about import coverage, last_changed
from crossings.views.data_dictionary import data_dictionary

APP = str(ROOT / "app.py")


def _about(lang: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    if lang:
        at.query_params["lang"] = lang
    at.run()
    at.switch_page("pages/about.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture(scope="module")
def about() -> AppTest:
    return _about()


def _text(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_coverage_is_counted_from_the_test_data(about, dataset):
    text = _text(about)
    assert ("**9** events, of which **9** count in the headline figures; **5** projects with **5** "
            "funding lines; **19** countries a source names, in **3** regions (Africa, Asia, Europe); "
            "**24** sources and **36** organisations.") in text
    assert "Dated events start in 4 different years, from 2015 to 2021." in text
    assert "5 events have no known date at all, and 0 a day or month without their year" in text
    assert "7 counted events have no participant count in their source." in text
    facts = coverage(dataset)  # the same figures, from the data rather than typed in
    assert (facts.events, facts.projects, facts.countries) == (len(dataset.events), len(dataset.projects), 19)


def test_every_headline_figure_has_its_rule(about):
    anchors = {h.proto.anchor for h in about.subheader}
    assert {"events", "participants", "countries", "projects", "funding", "conversion"} <= anchors
    text = _text(about)
    assert "Announced**, **postponed** and **cancelled** events are listed" in text
    assert 'the figure reads "not given", never zero' in text
    assert "matched by ISO code" in text
    assert "never added across currencies on the Overview" in text
    assert "monthly average rate (H.10)" in text and "twelve monthly rates" in text
    assert "`XXXX-05-25`" in text  # the date rules
    assert BOUNDARY_DISCLAIMER in text  # the one disclaimer, not a second wording


def test_sources_licences_and_last_change(about):
    text = _text(about)
    assert "their licences are not stated in this repository" in text
    assert "The licence of the curated tables themselves is not stated in this repository." in text
    licences = about.table[0].value.to_string()
    assert "public domain" in licences and "UN M49" in licences and "not stated" in licences
    assert "latest modification time among its CSV files" in text
    assert last_changed(None) is None


def test_the_data_dictionary_lists_every_declared_table(about, dataset):
    labels = [e.label for e in about.main.expander]
    assert [label.split(" · ")[0] for label in labels] == [table.file for table in TABLES]
    assert f"events.csv · {len(dataset.events)} rows" in labels
    tables = about.table[1:]
    assert len(tables) == len(TABLES)
    events = tables[[t.file for t in TABLES].index("events.csv")].value
    declared = TABLES[[t.name for t in TABLES].index("events")].columns
    assert list(events.iloc[:, 0]) == [markdown_text(c.name) for c in declared]  # shown escaped


@pytest.mark.parametrize("lang", ["fr", "ar", "qps"])
def test_the_page_in_other_languages(lang):
    at = _about(lang)
    assert len(at.header) >= 7 and len(at.main.expander) == len(TABLES)
    if lang == "fr":  # the schema's descriptions in the page's language, names as in the files
        text = _text(at)
        assert "Ateliers, formations, tables rondes, visites et les autres types d’événement." in text
        assert "Workshops, trainings, roundtables" not in text


def test_the_dictionary_reads_in_french_and_the_files_keep_english(dataset):
    with use_language("fr"):
        tables = {table.name: table for table in data_dictionary(dataset)}
    events = tables["events"]
    assert events.description == ("Ateliers, formations, tables rondes, visites et les autres types "
                                  "d’événement.")
    rows = {row["Colonne"]: row for row in events.columns}
    assert rows["event_id"]["Description"] == "Identifiant unique de l’événement."
    assert rows["start_date"]["Description"].startswith(
        "Premier jour (ou mois, ou année) de l’événement. EDTF")  # two messages, each translated
    assert TABLES_BY_NAME["events"].description == ("Workshops, trainings, roundtables, visits and the "
                                                    "other kinds of event.")  # data/README.md's


def test_every_description_goes_through_the_catalogue():
    with use_language("qps"):  # the pseudo-language marks every catalogued message ⟦like this⟧
        for table in TABLES:
            assert described(table) == f"⟦{table.description}⟧"
            for column in table.columns:
                text = described(column)
                assert text.startswith("⟦") and text.endswith("⟧"), (table.name, column.name, text)
                assert text.replace("⟦", "").replace("⟧", "") == column.description


def test_the_overviews_figures_link_to_their_rules():
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    helps = {m.label: m.proto.help for m in at.metric}
    assert "(about#participants)" in helps["Participants"]
    assert "(about#events)" in helps["Events"] and "(about#countries)" in helps["Countries"]
    at.query_params["lang"] = "fr"
    at.run()
    assert any("about?lang=fr#participants" in m.proto.help for m in at.metric)
