"""Write a realistic synthetic dataset at N times today's size, outside data/.

    python bench/generate.py --scale 100 --out /tmp/crossings-100x

Events spread over every country with a polygon and over 2005-2026, held in a few cities
inside each country's outline (so several events share a place, as in the curated data), with
the same mix of kinds, date precisions, participant counts (some unknown), participating
countries and organisation roles as the curated data; projects with funding lines in several
currencies whose value dates fall inside the exchange-rate table. Reference tables (countries, borders,
exchange rates, sources, topics, organisations) are copied as they are. The output passes
`python -m crossings.validate`. Deterministic for a given scale and seed.
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import pandas as pd
import shapely
import shapely.geometry

from crossings.data.dates import period_bounds
from crossings.data.loading import load_dataset
from crossings.data.schema import TABLES_BY_NAME
from crossings.data.vocabulary import EVENT_ORG_ROLES
from crossings.figures.geometry import World, load_world
from crossings.files import DATA_DIR

COPIED = ("sources", "topics", "countries", "borders", "organisations", "groups", "group_members", "fx_rates")
CURRENCIES = ("EUR", "USD", "GBP", "JPY", "CHF")
AMOUNT_RANGE = {"EUR": (5e4, 6e6), "USD": (5e4, 6e6), "GBP": (5e4, 4e6), "JPY": (5e6, 8e8),
                "CHF": (5e4, 5e6)}


# The kinds the synthetic data draws from: the four the data had when the benchmarks' figures
# were first taken, so the same seed still gives the same rows.
KINDS = ("workshop", "training", "roundtable", "meeting")


def _write(folder: Path, table: str, rows: list[dict]) -> None:
    columns = TABLES_BY_NAME[table].names
    with (folder / f"{table}.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") for c in columns})


def _partial_date(rng: random.Random, year: int, precision: str) -> tuple[str, str]:
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    if precision == "day":
        length = rng.randint(0, 3)
        return f"{year}-{month:02d}-{day:02d}", f"{year}-{month:02d}-{min(28, day + length):02d}"
    if precision == "month":
        return f"{year}-{month:02d}", f"{year}-{month:02d}"
    if precision == "year":
        return str(year), str(year)
    return "", ""


def _status(index: int, start: str, published) -> str:
    """One event in 25 announced (never counted); held where its source may report it (not
    published before the start, as the validator requires), else of unknown status."""
    if index % 25 == 24:
        return "announced"
    first = period_bounds(start)[0]
    return "not_known" if pd.notna(published) and pd.notna(first) and published < first else "held"


def _cities(rng: random.Random, world: World, iso3: str) -> list[tuple[str, float, float]]:
    """One to six places inside the country's outline: (name, lat, lon)."""
    country = world.shape(iso3)
    if country is None:
        return [(f"Capital of {iso3}", rng.uniform(-40, 60), rng.uniform(-100, 140))]
    outline = shapely.geometry.shape(country.geometry)
    south, west, north, east = country.bounds
    places = [(country.anchor[0], country.anchor[1])]
    for _ in range(rng.randint(0, 5)):
        for _attempt in range(50):
            lat, lon = rng.uniform(south, north), rng.uniform(west, east)
            if outline.contains(shapely.Point(lon, lat)):
                places.append((lat, lon))
                break
    return [(f"{country.name} city {index + 1}", lat, lon) for index, (lat, lon) in enumerate(places)]


def generate(scale: int, out: Path, seed: int = 7) -> dict[str, int]:
    rng = random.Random(seed)
    base = load_dataset(DATA_DIR)
    out.mkdir(parents=True, exist_ok=True)
    for table in COPIED:
        shutil.copyfile(DATA_DIR / f"{table}.csv", out / f"{table}.csv")
    # claims about countries still hold; those about curated events and projects do not
    claims = base.claims[base.claims["table"].isin(["countries", "borders"])]
    _write(out, "claims", claims[TABLES_BY_NAME["claims"].names].to_dict("records"))
    countries = base.countries
    located = countries[countries["region"].notna()]["iso3"].tolist()
    orgs = base.organisations["org_id"].tolist()
    funders = ["EU", "GOV-JPN", "GOV-BEL"]
    instruments = ["AMIF", "ISF-POLICE", "ICSP", "MPF", ""]
    topics = base.topics["topic_id"].tolist()
    sources = base.sources["source_id"].tolist()
    implementers = ["IOM", "ICMPD"]
    world = load_world()
    cities = {iso: _cities(rng, world, iso) for iso in located}

    n_projects = len(base.projects) * scale
    projects, project_countries, project_orgs, funding = [], [], [], []
    for p in range(n_projects):
        pid = f"P-SYN-{p:05d}"
        start_year = rng.randint(2005, 2024)
        precision = rng.choices(["month", "day", "unknown"], weights=[6, 2, 1])[0]
        start, _ = _partial_date(rng, start_year, precision)
        end_year = min(2026, start_year + rng.randint(0, 3))
        end, _ = _partial_date(rng, end_year, precision)
        if precision != "unknown" and end < start:
            end = start
        date_status = "unknown" if precision == "unknown" else "stated"
        projects.append({"project_id": pid, "title": f"Synthetic border project {p}",
                         "implementer_id": rng.choice(implementers), "start_date": start,
                         "start_status": date_status, "end_date": end, "end_status": date_status,
                         "status": "completed", "topics": ";".join(rng.sample(topics, 2)),
                         "source_id": rng.choice(sources)})
        for iso in rng.sample(located, rng.randint(1, 4)):
            project_countries.append({"project_id": pid, "country_iso3": iso, "role": "beneficiary",
                                      "source_id": rng.choice(sources)})
        project_orgs.append({"project_id": pid, "org_id": projects[-1]["implementer_id"],
                             "role": "implementer", "source_id": rng.choice(sources)})
        for line in range(rng.choice([0, 1, 1, 2])):
            currency = rng.choice(CURRENCIES)
            low, high = AMOUNT_RANGE[currency]
            value_year = max(2005, min(2025, start_year))
            funding.append({"funding_id": f"F-SYN-{p:05d}-{line}", "project_id": pid,
                            "funder_id": rng.choice(funders), "instrument_id": rng.choice(instruments),
                            "amount": f"{rng.uniform(low, high):.2f}", "currency": currency,
                            "value_date": f"{value_year}-{rng.randint(1, 12):02d}",
                            "value_date_precision": "month",
                            "status": rng.choice(["confirmed"] * 4 + ["estimated"]),
                            "source_id": rng.choice(sources)})

    n_events = len(base.events) * scale
    events, event_countries, event_groups, event_orgs = [], [], [], []
    groups = base.groups["group_id"].tolist()
    published = dict(zip(base.sources["source_id"], base.sources["published_last"], strict=True))
    for e in range(n_events):
        eid = f"EV-SYN-{e:06d}"
        host = rng.choice(located)
        precision = rng.choices(["day", "month", "year", "unknown"], weights=[6, 2, 1, 1])[0]
        start, end = _partial_date(rng, rng.randint(2005, 2026), precision)
        city, lat, lon = rng.choice(cities[host])
        participants = "" if rng.random() < 0.4 else str(rng.randint(8, 120))
        kind = rng.choice(KINDS)
        place = {"mode": "in_person", "city": city, "host_iso3": host, "lat": f"{lat:.4f}",
                 "lon": f"{lon:.4f}", "location_precision": "city"}
        if rng.random() < 0.05:  # online, as one of the curated events: no host, no place on the map
            place = {"mode": "online", "city": "", "host_iso3": "", "lat": "", "lon": "",
                     "location_precision": "none"}
        events.append({"event_id": eid, "title": f"Synthetic {kind} {e}" + (
                           f" in {city}" if place["city"] else " (online)"),
                       "kind": kind, "start_date": start, "end_date": end,
                       "status": "held",
                       "date_status": "unknown" if precision == "unknown" else "stated",
                       **place, "participants": participants,
                       "project_id": rng.choice(projects)["project_id"] if rng.random() < 0.7 else "",
                       "topics": ";".join(rng.sample(topics, rng.randint(1, 3))),
                       "source_id": rng.choice(sources)})
        events[-1]["status"] = _status(e, start, published.get(events[-1]["source_id"]))
        if place["host_iso3"]:
            event_countries.append({"event_id": eid, "country_iso3": host, "role": "host",
                                    "source_id": events[-1]["source_id"]})
        for iso in rng.sample(located, rng.randint(1, 8)):
            event_countries.append({"event_id": eid, "country_iso3": iso, "role": "participant",
                                    "source_id": events[-1]["source_id"]})
        if groups and e % 50 == 10:  # one in 50 names a group instead of (some of) its countries
            event_groups.append({"event_id": eid, "group_id": groups[e % len(groups)], "role": "participant",
                                 "source_id": events[-1]["source_id"]})
        for org in rng.sample(orgs, rng.randint(1, 4)):  # funders are named as such only by donors
            roles = list(EVENT_ORG_ROLES) if org in funders else [r for r in EVENT_ORG_ROLES if r != "funder"]
            event_orgs.append({"event_id": eid, "org_id": org, "role": rng.choice(roles),
                               "source_id": events[-1]["source_id"]})

    tables = {"projects": projects, "project_countries": project_countries,
              "project_organisations": project_orgs, "funding": funding, "events": events,
              "event_countries": event_countries, "event_groups": event_groups,
              "event_organisations": event_orgs}
    for table, rows in tables.items():
        _write(out, table, rows)
    return {table: len(rows) for table, rows in tables.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=int, required=True, help="times today's size (10, 100, 1000)")
    parser.add_argument("--out", type=Path, required=True, help="output folder (not data/)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if args.out.resolve() == DATA_DIR.resolve():
        parser.error("refusing to overwrite the curated data/ folder")
    counts = generate(args.scale, args.out, args.seed)
    print(f"wrote {args.out}: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
