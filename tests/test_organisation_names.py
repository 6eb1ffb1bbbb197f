"""An organisation's name in French or Arabic where the data gives one (organisations.csv's
name_fr and name_ar), the name as given everywhere else."""

from __future__ import annotations

import pandas as pd

from crossings.data.loading import load_dataset
from crossings.languages import use_language
from crossings.views.search import search


def test_the_bundled_data_names_iom_in_each_language(bundled_dataset):
    names = {}
    for code in ("en", "fr", "ar"):
        with use_language(code):
            names[code] = (bundled_dataset.organisation_name("IOM"), bundled_dataset.organisation_name("EU"),
                           bundled_dataset.organisation_name("ICMPD"))
    assert names["en"] == ("International Organization for Migration", "European Union",
                           "International Centre for Migration Policy Development")
    assert names["fr"] == ("Organisation internationale pour les migrations", "Union européenne",
                           "International Centre for Migration Policy Development")  # no French name given
    assert names["ar"] == ("المنظمة الدولية للهجرة", "European Union",  # no Arabic name given for the EU
                           "International Centre for Migration Policy Development")
    with use_language("fr"):
        assert bundled_dataset.organisation_label("IOM") == "IOM"  # the acronym still labels it


def test_every_translated_name_is_cited_in_the_organisations_notes(bundled_dataset):
    orgs = bundled_dataset.organisations
    sources = set(bundled_dataset.sources["source_id"])
    for column in ("name_fr", "name_ar"):
        for row in orgs[orgs[column].notna()].itertuples():
            cited = [s for s in sources if s in str(row.notes) and s.startswith("REF-")]
            assert cited, f"{row.org_id}.{column} cites no source in its notes"


def test_blank_or_missing_columns_show_the_names_as_given(dataset, data_copy):
    assert dataset.translated_organisation_names == {}  # the test data's columns are blank
    with use_language("ar"):
        assert dataset.organisation_name("IOM") == "International Organization for Migration"
    path = data_copy / "organisations.csv"
    pd.read_csv(path, dtype=str, keep_default_na=False).drop(columns=["name_fr", "name_ar"]).to_csv(
        path, index=False)
    without = load_dataset(data_copy)  # a file from before the columns: read as blank, with a warning
    assert [p.column for p in without.problems] == ["name_fr", "name_ar"]
    assert without.is_clean and without.translated_organisation_names == {}
    with use_language("fr"):
        assert without.organisation_label("IOM") == "IOM"


def test_a_translated_name_labels_an_organisation_without_an_acronym(data_copy):
    path = data_copy / "organisations.csv"
    orgs = pd.read_csv(path, dtype=str, keep_default_na=False)
    orgs.loc[orgs["org_id"] == "IOM", "acronym"] = ""
    orgs["name_fr"] = ""
    orgs.loc[orgs["org_id"] == "IOM", "name_fr"] = "Organisation internationale pour les migrations"
    orgs.to_csv(path, index=False)
    dataset = load_dataset(data_copy)
    with use_language("en"):
        assert dataset.organisation_label("IOM") == "International Organization for Migration"
    with use_language("fr"):
        assert dataset.organisation_label("IOM") == "Organisation internationale pour les migrations"
        assert dataset.organisation_labels["ICMPD"] == "ICMPD"
    with use_language("ar"):
        assert dataset.organisation_label("IOM") == "International Organization for Migration"


def test_search_shows_the_french_name_and_finds_either(bundled_dataset):
    with use_language("fr"):
        by_french = search(bundled_dataset, "Organisation internationale pour les migrations")
        by_english = search(bundled_dataset, "International Organization for Migration")
    for hits in (by_french, by_english):
        iom = next(hit for hit in hits if hit.key == "IOM")
        assert iom.label == "Organisation internationale pour les migrations" and iom.detail == "IOM"
