"""A problem is made once, in English, when the data is loaded, and read in each session's
language: the same Problem reads in French inside `use_language("fr")`, in English outside."""

from __future__ import annotations

from crossings.data.problems import ERROR, Problem
from crossings.data.reading import rows_text
from crossings.languages import N_, use_language


def _problem() -> Problem:
    return Problem("events.csv", 4, "host_iso3", "EGX", N_("an ISO 3166-1 alpha-3 code such as JOR or IRN"),
                   ERROR, N_("duplicate id (first used on row {first}); this row is left out:"),
                   (("first", "2"),))


def test_a_problem_made_in_english_reads_in_french():
    problem = _problem()
    english = ("ERROR: events.csv, row 4, column 'host_iso3': duplicate id (first used on row 2); this row "
               "is left out: 'EGX' (expected an ISO 3166-1 alpha-3 code such as JOR or IRN)")
    assert problem.describe() == english
    with use_language("fr"):
        assert problem.text() == ("identifiant en double (utilisé d'abord à la ligne 2) ; cette ligne est "
                                  "écartée :")
        assert problem.expected_text() == "un code ISO 3166-1 alpha-3 tel que JOR ou IRN"
        assert problem.describe() == (
            "ERROR: events.csv, ligne 4, colonne 'host_iso3' : identifiant en double (utilisé d'abord à la "
            "ligne 2) ; cette ligne est écartée : 'EGX' (attendu : un code ISO 3166-1 alpha-3 tel que JOR "
            "ou IRN)")
        assert problem.message == "duplicate id (first used on row 2); this row is left out:"  # still English
        assert problem.as_dict()["message"].startswith("identifiant en double")
    assert problem.describe() == english


def test_a_value_made_of_a_message_is_read_in_the_language_too():
    problem = Problem("events.csv", None, None, None, "", ERROR, N_("{count} empty row(s) ignored ({rows})"),
                      (("count", "2"), ("rows", rows_text([3, 5]))))
    assert problem.message == "2 empty row(s) ignored (rows 3, 5)"
    with use_language("fr"):
        assert problem.text() == "2 ligne(s) vide(s) ignorée(s) (lignes 3, 5)"
