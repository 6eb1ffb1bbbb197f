"""Write the column tables and the lists of allowed values in data/README.md from
crossings/data/schema.py and crossings/data/vocabulary.py.

    python scripts/build_data_dictionary.py          # rewrite the generated part
    python scripts/build_data_dictionary.py --check  # exit 1 if it is out of date

Everything between the two marker lines is generated; the prose around them is edited by hand.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from crossings.data.loading import load_dataset
from crossings.data.schema import TABLES, Column, Table
from crossings.data.visibility import public_subset
from crossings.data.vocabulary import VOCABULARIES
from crossings.files import DATA_DIR

README = DATA_DIR / "README.md"
BEGIN = "<!-- BEGIN GENERATED TABLES (scripts/build_data_dictionary.py) -->"
END = "<!-- END GENERATED TABLES -->"

KIND_TEXT = {
    "id": "text, unique id",
    "text": "text",
    "enum": "one of a fixed list",
    "iso3": "ISO 3166-1 alpha-3",
    "currency": "ISO 4217",
    "date": "EDTF date",
    "int": "whole number",
    "float": "number",
    "url": "http(s) address",
    "ref": "reference",
    "list": "';'-separated references",
}


def _type(column: Column) -> str:
    text = KIND_TEXT[column.kind]
    if column.kind == "date":
        text += " (the year may be XXXX)" if column.no_year else " (with its year)"
    if column.ref:
        text += f" → {column.ref[0]}.{column.ref[1]}"
    return text


def _allowed(column: Column) -> str:
    parts = []
    if column.vocabulary:
        parts.append(", ".join(f"`{v}`" for v in column.allowed)
                     + f" (the {column.vocabulary.name} list)")
    if column.minimum is not None:
        parts.append(f"≥ {column.minimum:g}")
    if column.above is not None:
        parts.append(f"> {column.above:g}")
    if column.maximum is not None:
        parts.append(f"≤ {column.maximum:g}")
    if column.unique:
        parts.append("unique")
    if column.default is not None:
        parts.append(f"blank reads as `{column.default}`")
    else:
        parts.append("required" if column.required else "may be blank")
    return "; ".join(parts)


def _derived(table: Table) -> str:
    """What the loader adds to the table's rows (never written in the file)."""
    names = [f"`{c.name}_first`, `{c.name}_last`" for c in table.columns if c.kind == "date"]
    names += [f"`{name}`" for name in table.derived_precisions()]
    if not names:
        return ""
    return ("The loader adds, from the dates (never write them in the file): " + ", ".join(names)
            + ": the first and last day each date stands for (blank without a year), and how "
              "precise it is (day, month, year or unknown).")


def _lists() -> list[str]:
    out = ["### Lists of allowed values", "",
           "Every list a column takes, from `crossings/data/vocabulary.py`, with what each value means.", ""]
    for vocabulary in VOCABULARIES:
        out += [f"**{vocabulary.name}**", ""]
        out += [f"- `{value}`: {meaning}" for value, meaning in vocabulary.meanings]
        out.append("")
    return out


def _example(frame, column: Column) -> str:
    values = frame[column.name].dropna() if column.name in frame else []
    if len(values) == 0:
        return ""
    value = values.iloc[0]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    return f"`{text[:40]}…`" if len(text) > 40 else f"`{text}`"


def generated() -> str:
    dataset = public_subset(load_dataset(DATA_DIR))  # examples never quote an internal row
    out = [BEGIN, ""]
    for table in TABLES:
        frame = dataset.tables[table.name]
        out += [f"### {table.file}", "", table.description + f" ({len(frame):,} rows)", "",
                "| column | meaning | type | allowed values | example |", "|---|---|---|---|---|"]
        for column in table.columns:
            meaning = column.description.replace("|", "\\|")
            out.append(f"| `{column.name}` | {meaning} | {_type(column)} | {_allowed(column)} | "
                       f"{_example(frame, column)} |")
        out.append("")
        if _derived(table):
            out += [_derived(table), ""]
    out += _lists()
    out.append(END)
    return "\n".join(out)


def main() -> int:
    text = README.read_text(encoding="utf-8")
    start, end = text.index(BEGIN), text.index(END) + len(END)
    updated = text[:start] + generated() + text[end:]
    if "--check" in sys.argv:
        if updated != text:
            print("data/README.md is out of date: run python scripts/build_data_dictionary.py")
            return 1
        return 0
    README.write_text(updated, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
