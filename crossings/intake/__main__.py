"""`python -m crossings.intake PATH` (or `-` for stdin): draft a record from a release (.txt,
.html or .pdf) and print it as a table with the words behind each value; `--json` prints exactly
one JSON object (the contract: crossings/intake/draft.schema.json). Exit status 0 with a draft,
2 when the input cannot be read as a release (the message on stderr says why). Nothing is
written: adding the record to the data is the Add a record page's job."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from pathlib import Path

from crossings.files import DATA_DIR
from crossings.intake import IntakeError, draft_record, read_bytes, read_path
from crossings.intake.reading import MAX_DOCUMENT_BYTES

FIELDS = ("kind", "event_kind", "status", "start_date", "end_date", "date_text", "city", "host_iso3",
          "participants", "participant_iso3", "participant_groups", "organisers", "funders", "instruments",
          "budget", "topics", "published", "publisher")


def _shown(value) -> str:
    if value is None or value == []:
        return "–"
    if isinstance(value, list):
        return ", ".join(f"{v['amount']:,} {v['currency']}" if isinstance(v, dict) else str(v) for v in value)
    return str(value)


def table(draft: dict) -> str:
    """The draft as three columns: field, value, the words of the text behind it."""
    rows = [("title", draft["title"], "")]
    for field in FIELDS:
        words = " | ".join(e["text"].replace("\n", " ") for e in draft["evidence"].get(field, []))
        rows.append((field, _shown(draft.get(field)), words))
    width = max(len(r[0]) for r in rows)
    value_width = min(44, max(len(r[1]) for r in rows))
    lines = [f"{'field'.ljust(width)}  {'value'.ljust(value_width)}  the text says",
             "-" * (width + value_width + 60)]
    for field, value, words in rows:
        for i, piece in enumerate(textwrap.wrap(value, value_width) or ["–"]):
            said = textwrap.shorten(words, 70, placeholder=" …") if i == 0 and words else ""
            label = field if i == 0 else ""
            lines.append(f"{label.ljust(width)}  {piece.ljust(value_width)}  {said}".rstrip())
    lines += [f"note: {note}" for note in draft["notes"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m crossings.intake", description=__doc__.split("\n")[0])
    parser.add_argument("path", help="the release: a .txt, .html or .pdf file, or - to read stdin")
    parser.add_argument("--json", action="store_true", help="print exactly one JSON object (the draft)")
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="the data folder to match names against")
    arguments = parser.parse_args(argv)
    try:
        if arguments.path == "-":
            content = sys.stdin.buffer.read(MAX_DOCUMENT_BYTES + 1)
            source = read_bytes(content, "stdin")
        else:
            source = read_path(arguments.path)
    except IntakeError as refused:
        print(f"error: {refused}", file=sys.stderr)
        return 2
    draft = draft_record(source, arguments.data).as_json()
    if arguments.json:
        print(json.dumps(draft, ensure_ascii=False))
    else:
        print(table(draft))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
