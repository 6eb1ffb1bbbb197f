"""Precision and recall of the record extractor per field, on the development gold set.

    .venv/bin/python bench/intake.py            # the table
    .venv/bin/python bench/intake.py --errors   # and every wrong or missed value, per release

The gold set is tests/intake/gold/ (37 releases: our texts, annotations from the real
releases) plus the five seeds (texts read from ../shared/seeds/). Scoring rule (issue 17):
a scalar field counts when the draft gives a value; it is right when it equals the
annotation (the city compared without accents or case); "not_known" status is no value.
Lists are compared as sets, item by item: organisations are matched by name or acronym
(both sides resolved through organisations.csv and the extractor's own list, so "IOM" and
"International Organization for Migration" are one; "Government of Japan" and "Japan" are
one); budget lines by amount and currency. Precision = right / given, recall = right /
annotated, over all releases. The title is not scored.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import table  # noqa: E402
from crossings.files import DATA_DIR  # noqa: E402
from crossings.intake import draft_record, read_path  # noqa: E402
from crossings.intake.document import fold  # noqa: E402
from crossings.intake.gazetteer import Gazetteer, gazetteer_for  # noqa: E402

GOLD = ROOT / "tests" / "intake" / "gold"
SEEDS = ROOT.parent / "shared" / "seeds"
SCALARS = ("kind", "status", "start_date", "end_date", "date_text", "city", "host_iso3", "participants",
           "published", "publisher")
LISTS = ("participant_iso3", "participant_groups", "organisers", "funders", "instruments", "budget", "topics")
TARGET_RECALL = {"start_date", "end_date", "date_text", "host_iso3", "participants", "organisers"}


def gold_cases(gold: Path = GOLD, seeds: Path = SEEDS) -> list[tuple[str, Path, dict]]:
    """(name, text file, annotation) for every release and every seed whose text is at hand."""
    cases = []
    for annotation in sorted(gold.glob("[0-9][0-9]-*.json")):
        record = json.loads(annotation.read_text("utf-8"))
        cases.append((annotation.stem, annotation.with_suffix(".txt"), record))
    for annotation in sorted((gold / "seeds").glob("*.json")):
        record = json.loads(annotation.read_text("utf-8"))
        if (seeds / record["seed"]).is_file():
            cases.append((f"seed {annotation.stem[:3]}", seeds / record["seed"], record))
    return cases


def organisation_key(name: str, gazetteer: Gazetteer) -> str:
    """One key for the names of one organisation: its id, a government's country, or the
    name folded ("the Danish Ministry of Foreign Affairs" = "Danish Ministry of Foreign Affairs")."""
    folded = fold(name).strip()
    entries = gazetteer.organisation_names.names.get(folded)
    if entries:
        return entries[0].target
    for organisation in gazetteer.organisations.values():
        if folded in (fold(organisation.name), fold(organisation.acronym or organisation.name)):
            return organisation.key
    bare = re.sub(r"^(?:the\s+)?(?:government\s+of\s+(?:the\s+)?)?", "", folded)
    countries = gazetteer.countries.names.get(bare)
    if countries and countries[0].form != "demonym":
        return "country:" + countries[0].target
    return re.sub(r"^the\s+", "", folded)


def group_key(name: str, gazetteer: Gazetteer) -> str:
    entries = gazetteer.groups.names.get(fold(name))
    return entries[0].target if entries else fold(name)


def city_key(name: str | None) -> str | None:
    return fold(name).replace("-", " ").strip() if name else None


def items(field_name: str, record: dict, organisations: list[dict] | None, gazetteer: Gazetteer) -> set:
    values = record.get(field_name) or []
    if field_name in ("organisers", "funders", "instruments"):
        keys = set()
        for name in values:
            key = organisation_key(name, gazetteer)
            detail = next((o for o in organisations or [] if o["name"] == name), None)
            if detail and detail.get("acronym") and key == fold(name):
                key = organisation_key(detail["acronym"], gazetteer)
            keys.add(key)
        return keys
    if field_name == "participant_groups":
        return {group_key(v, gazetteer) for v in values}
    if field_name == "budget":
        return {(round(float(v["amount"]), 2), v["currency"]) for v in values}
    return set(values)


def scalar(field_name: str, record: dict):
    value = record.get(field_name)
    if field_name == "status" and value == "not_known":
        return None
    if field_name == "city":
        return city_key(value)
    if field_name == "publisher" and value:
        return fold(value)
    return value


@dataclass
class Tally:
    given: int = 0
    right: int = 0
    annotated: int = 0
    misses: list[str] = field(default_factory=list)

    def precision(self) -> float | None:
        return self.right / self.given if self.given else None

    def recall(self) -> float | None:
        return self.right / self.annotated if self.annotated else None


def score(cases, data_dir: Path = DATA_DIR) -> dict[str, Tally]:
    gazetteer = gazetteer_for(data_dir)
    tallies = {name: Tally() for name in (*SCALARS, *LISTS)}
    for case, path, gold in cases:
        draft = draft_record(read_path(path), data_dir).as_json()
        for name in SCALARS:
            predicted, expected = scalar(name, draft), scalar(name, gold)
            tally = tallies[name]
            tally.given += predicted is not None
            tally.annotated += expected is not None
            if predicted is not None and predicted == expected:
                tally.right += 1
            elif predicted is not None or expected is not None:
                tally.misses.append(f"{case}: {name} gave {predicted!r}, annotated {expected!r}")
        for name in LISTS:
            predicted = items(name, draft, draft["organisations"], gazetteer)
            expected = items(name, gold, None, gazetteer)
            tally = tallies[name]
            tally.given += len(predicted)
            tally.annotated += len(expected)
            tally.right += len(predicted & expected)
            if predicted != expected:
                tally.misses.append(f"{case}: {name} wrong {sorted(map(str, predicted - expected))}, "
                                    f"missed {sorted(map(str, expected - predicted))}")
    return tallies


def report(tallies: dict[str, Tally], cases: int) -> str:
    def share(value: float | None) -> str:
        return "–" if value is None else f"{value:.2f}"

    rows = []
    for name, tally in tallies.items():
        precision, recall = tally.precision(), tally.recall()
        targets = ["precision ≥ 0.9 " + ("met" if precision is None or precision >= 0.9 else "NOT met")]
        if name in TARGET_RECALL:
            targets.append("recall ≥ 0.7 " + ("met" if recall is not None and recall >= 0.7 else "NOT met"))
        rows.append([name, tally.given, tally.right, tally.annotated, share(precision), share(recall),
                     "; ".join(targets)])
    headers = ["field", "given", "right", "annotated", "precision", "recall", "target"]
    return f"{cases} releases\n" + table(headers, rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--errors", action="store_true", help="list every wrong or missed value")
    parser.add_argument("--only", help="releases whose name contains this")
    arguments = parser.parse_args(argv)
    cases = [c for c in gold_cases() if not arguments.only or arguments.only in c[0]]
    tallies = score(cases)
    print(report(tallies, len(cases)))
    if arguments.errors:
        for name, tally in tallies.items():
            for miss in tally.misses:
                print(f"  {name}: {miss}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
