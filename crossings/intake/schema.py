"""The draft's JSON contract (draft.schema.json beside this file), and checking a draft against it."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import jsonschema

SCHEMA_FILE = Path(__file__).with_name("draft.schema.json")


@lru_cache(maxsize=1)
def draft_schema() -> dict:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def validate_draft(draft: dict) -> None:
    """Raises jsonschema.ValidationError, naming the value, when the draft breaks the contract."""
    jsonschema.validate(draft, draft_schema(), format_checker=jsonschema.FormatChecker())
