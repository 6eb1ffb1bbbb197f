"""Drafting one record (an event or a project) from the text of a press release or project page.

    source = read_path("release.pdf")              # or read_bytes / read_text; IntakeError if unreadable
    draft = draft_record(source)                    # every value with the words that support it
    draft.as_json()                                 # the contract: draft.schema.json

Rule- and gazetteer-based (no model weights, nothing fetched): the parts are document
(the text and its sentences), reading (files to text), dates and timing (which date is the
event's), gazetteer and mentions (countries, organisations, groups, topics, cities), places,
roles, numbers and classify, put together by draft. rows.py turns a (corrected) draft into the
rows of every table; `python -m crossings.intake PATH` is the command line.
"""

from __future__ import annotations

from pathlib import Path

from crossings.files import DATA_DIR
from crossings.intake.draft import Draft
from crossings.intake.gazetteer import gazetteer_for
from crossings.intake.reading import IntakeError, SourceText, read_bytes, read_path, read_text

__all__ = ["Draft", "IntakeError", "SourceText", "draft_record", "read_bytes", "read_path", "read_text"]


def draft_record(source: SourceText, data_dir: Path | str = DATA_DIR) -> Draft:
    """The draft of the record `source` describes, matched against the tables in `data_dir`."""
    from crossings.intake.draft import extract

    return extract(source, gazetteer_for(data_dir))
