"""The Add a record page's messages read in the curator's language: the extractor's refusals
and the rows' problems are made in the session, so they come out in French when it speaks
French (the command line, with no language set, stays English)."""

from __future__ import annotations

from datetime import date

import pytest

from crossings.data.loading import load_dataset
from crossings.intake import IntakeError, read_text
from crossings.intake.record import Record, SourceInfo
from crossings.intake.rows import record_rows
from crossings.languages import use_language

NBSP = "\u202f"  # French groups digits with a narrow no-break space


def test_a_refusal_and_a_problem_read_in_french(data_copy):
    record = Record(kind="project", title="Un projet", budget=[{"amount": 1500000, "currency": "EUR"}],
                    source=SourceInfo(title="Une page", published="2021-05-04"))
    dataset = load_dataset(data_copy)
    with use_language("fr"):
        with pytest.raises(IntakeError) as refused:
            read_text("Deux mots")
        problems = record_rows(record, dataset, today=date(2026, 12, 1)).problems
    assert str(refused.value) == ("Le texte collé ne compte que 2 mots : c'est trop court pour un "
                                  "communiqué. Collez le communiqué ou la page en entier.")
    assert problems == [f"La ligne budgétaire 1 (1{NBSP}500{NBSP}000 EUR) doit avoir un bailleur de fonds."]
    # and in English, as the command line reads them
    with pytest.raises(IntakeError, match=r"^pasted text has only 2 words: too short to be a release"):
        read_text("Deux mots")
    assert record_rows(record, dataset, today=date(2026, 12, 1)).problems == [
        "Budget line 1 (1,500,000 EUR) needs a funder."]
