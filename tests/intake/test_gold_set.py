"""The gold set is well formed: every text has its annotation, every annotation has the
contract's keys with values of the right shape, and the seeds it names exist."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pycountry
import pytest

GOLD = Path(__file__).parent / "gold"
SEEDS_DIR = Path(__file__).resolve().parents[3] / "shared" / "seeds"
KEYS = {"kind", "title", "status", "start_date", "end_date", "date_text", "city", "host_iso3",
        "participants", "participant_iso3", "participant_groups", "organisers", "funders",
        "instruments", "budget", "topics", "published", "publisher", "url", "source_title", "notes"}
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
ISO3 = {c.alpha_3 for c in pycountry.countries}
CURRENCIES = {c.alpha_3 for c in pycountry.currencies}
RELEASES = sorted(GOLD.glob("[0-9][0-9]-*.json"))
SEED_ANNOTATIONS = sorted((GOLD / "seeds").glob("*.json"))


def test_at_least_25_releases_each_with_its_text():
    assert len(RELEASES) >= 25
    for annotation in RELEASES:
        assert annotation.with_suffix(".txt").is_file(), annotation.name
    assert {p.stem for p in GOLD.glob("[0-9][0-9]-*.txt")} == {p.stem for p in RELEASES}


def test_five_seed_annotations():
    assert len(SEED_ANNOTATIONS) == 5


@pytest.mark.parametrize("path", RELEASES + SEED_ANNOTATIONS, ids=lambda p: p.stem)
def test_annotation_shape(path):
    record = json.loads(path.read_text(encoding="utf-8"))
    assert set(record) >= KEYS, KEYS - set(record)
    assert record["kind"] in ("event", "project")
    statuses = ("held", "announced", "not_known") if record["kind"] == "event" else (
        "ongoing", "completed", "planned", "not_known")
    assert record["status"] in statuses
    for key in ("start_date", "end_date", "published"):
        assert record[key] is None or DATE.match(record[key]), (key, record[key])
    if record["start_date"] and record["end_date"]:
        assert record["start_date"] <= record["end_date"]
    assert record["host_iso3"] is None or record["host_iso3"] in ISO3
    assert set(record["participant_iso3"]) <= ISO3
    assert record["participants"] is None or (isinstance(record["participants"], int)
                                              and record["participants"] > 0)
    for line in record["budget"]:
        assert line["currency"] in CURRENCIES and line["amount"] > 0
    if "seed" in record:
        assert record["url"] is None
    else:
        assert record["url"].startswith("http")


@pytest.mark.skipif(not SEEDS_DIR.is_dir(), reason="../shared/seeds/ is not beside the repository")
@pytest.mark.parametrize("path", SEED_ANNOTATIONS, ids=lambda p: p.stem)
def test_seed_annotation_names_an_existing_seed(path):
    record = json.loads(path.read_text(encoding="utf-8"))
    assert (SEEDS_DIR / record["seed"]).is_file()
    assert record["seed"] == path.stem + ".txt"
