"""Build the reference tables in data/ from the shared public reference files.

Reads (folder given by --reference, default ../shared/reference next to the repo):
  factbook_countries.csv     Factbook land-boundary and coastline totals, one row per entry
  factbook_land_borders.csv  Factbook land-border segments, from each country's own side
  maritime_neighbours.csv    Iran's maritime neighbours (hand-curated, sources per row)
  fx_monthly_usd.csv         monthly average exchange rates against the US dollar
  countries_50m.geojson      Natural Earth 1:50m country polygons (via world-atlas 2.0.2)

Writes (into data/ of this repo; columns as declared in crossings/data/schema.py):
  countries.csv, borders.csv, fx_rates.csv,
  geo/countries.geojson (byte-for-byte copy of countries_50m.geojson), geo/PROVENANCE.md

Build-time dependencies (scripts/requirements-build.txt): country_converter for the UN M49
regions and pycountry for short English names. The script is deterministic: the same inputs
always give byte-identical outputs, so it can be re-run at any time.
"""

from __future__ import annotations

import argparse
import csv
import functools
import hashlib
import json
import re
import shutil
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import country_converter as coco
import pandas as pd
import pycountry
from country_converter.country_converter import COUNTRY_DATA_FILE

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
DEFAULT_REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference"

SRC_FACTBOOK = "REF-FACTBOOK"
SRC_NATURAL_EARTH = "REF-NATURALEARTH"
SRC_LIMITS_94 = "REF-LIMITS-94"
SRC_MOJAB = "REF-MOJAB-2020"
SRC_FX = "REF-FED-FX"
# Iran's own Factbook entry names its Caspian neighbours, under Geography > Major lakes:
# "Caspian Sea (shared with Russia, Azerbaijan, Turkmenistan, and Kazakhstan)". The reference
# file credits those rows to the coastline note, which names none (and calls Kazakhstan and
# Russia "general geography"), so they cite the field that says it instead.
SRC_FACTBOOK_IRAN = "REF-FACTBOOK-IRN"
CASPIAN = "Caspian Sea"
CASPIAN_NOTE = ("Iran's Factbook entry (Major lakes) lists the Caspian Sea as shared with Russia, "
                "Azerbaijan, Turkmenistan and Kazakhstan")

# UN M49: every sub-region (intermediate region where M49 has one, as country_converter's
# UNregion column gives it) belongs to exactly one region. country_converter's `continent`
# column is not M49 (it puts Bouvet Island in Antarctica and Christmas Island in Asia), so the
# region is derived from the sub-region instead.
M49_REGION_OF_SUBREGION = {
    "Northern Africa": "Africa",
    "Eastern Africa": "Africa",
    "Middle Africa": "Africa",
    "Southern Africa": "Africa",
    "Western Africa": "Africa",
    "Caribbean": "Americas",
    "Central America": "Americas",
    "South America": "Americas",
    "Northern America": "Americas",
    "Central Asia": "Asia",
    "Eastern Asia": "Asia",
    "South-eastern Asia": "Asia",
    "Southern Asia": "Asia",
    "Western Asia": "Asia",
    "Eastern Europe": "Europe",
    "Northern Europe": "Europe",
    "Southern Europe": "Europe",
    "Western Europe": "Europe",
    "Australia and New Zealand": "Oceania",
    "Melanesia": "Oceania",
    "Micronesia": "Oceania",
    "Polynesia": "Oceania",
}

# Known answers the region lookup must reproduce (Kosovo and Taiwan are not in M49 itself).
EXPECTED_REGIONS = {
    "IRN": ("Asia", "Southern Asia"),
    "JOR": ("Asia", "Western Asia"),
    "EGY": ("Africa", "Northern Africa"),
    "NER": ("Africa", "Western Africa"),
    "TCD": ("Africa", "Middle Africa"),
    "COM": ("Africa", "Eastern Africa"),
    "SDN": ("Africa", "Northern Africa"),
    "XKX": ("Europe", "Southern Europe"),
    "TWN": ("Asia", "Eastern Asia"),
    "ATA": ("", ""),
}

# Coastline notes that already say what they are about need no "coastline: " prefix.
SELF_EXPLAINING_COAST = ("landlocked", "coast", "borders the")

# Polygons that must be on the map (small island states that are easy to lose at 1:50m).
REQUIRED_POLYGONS = ("BHR", "COM")


# ---------------------------------------------------------------- reading and writing


def read_rows(path: Path) -> list[dict[str, str]]:
    """All rows of a CSV file as dicts of stripped strings."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [{key: (value or "").strip() for key, value in row.items()}
                for row in csv.DictReader(handle)]


def write_rows(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    """Write rows with exactly `columns`, UTF-8, LF line endings."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n", restval="")
        writer.writeheader()
        for row in rows:  # a key that is not a column raises ValueError
            writer.writerow({key: value.strip() for key, value in row.items()})


@functools.cache
def schema_columns(table: str) -> list[str]:
    """Column names of a table as crossings/data/schema.py declares them. The package's
    __init__ files import nothing, so this reads the schema and its vocabulary only."""
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    from crossings.data.schema import TABLES_BY_NAME

    return TABLES_BY_NAME[table].names


def parse_km(text: str) -> Decimal | None:
    """A Factbook figure as an exact decimal; None when blank."""
    return Decimal(text) if text else None


def format_km(value: Decimal | None) -> str:
    """5894 rather than 5894.0; decimals such as 141.3 as they are; blank for None."""
    if value is None:
        return ""
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def join_notes(parts: list[str]) -> str:
    """Join note fragments with '; ', dropping blanks and repeats, keeping order."""
    return "; ".join(dict.fromkeys(part for part in parts if part))


# ---------------------------------------------------------------- names and regions


def load_geojson_names(geojson: Path) -> dict[str, str]:
    """iso3 -> name for every feature of the map that has an iso3 code."""
    features = json.loads(geojson.read_text(encoding="utf-8"))["features"]
    return {f["properties"]["iso3"]: f["properties"]["name"]
            for f in features if f["properties"]["iso3"]}


def short_name(iso3: str, map_names: dict[str, str], factbook_names: dict[str, str]) -> str:
    """pycountry's common name, else its name; then the map's name, then the Factbook's."""
    country = pycountry.countries.get(alpha_3=iso3)
    if country is not None:
        return getattr(country, "common_name", None) or country.name
    return map_names.get(iso3) or factbook_names[iso3]


def load_converter() -> coco.CountryConverter:
    """A CountryConverter over its bundled table, read as plain strings.

    country_converter 1.3.2 cannot load its own table under pandas 3 (blank ISO2 cells come
    back as NaN and break a regex compile), so the table is read here and passed in.
    """
    table = pd.read_csv(COUNTRY_DATA_FILE, sep="\t", dtype=str, keep_default_na=False)
    table = table[table["obsolete"] == ""]
    return coco.CountryConverter(country_data=table, include_obsolete=True)


def m49_regions(codes: list[str]) -> dict[str, tuple[str, str]]:
    """iso3 -> (M49 region, M49 sub-region); blank for Antarctica and unknown codes."""
    subregions = load_converter().convert(codes, src="ISO3", to="UNregion", not_found="")
    if isinstance(subregions, str):
        subregions = [subregions]
    regions = {}
    for code, subregion in zip(codes, subregions, strict=True):
        region = M49_REGION_OF_SUBREGION.get(subregion, "")
        if not region and code != "ATA":
            print(f"warning: no M49 region for {code}", file=sys.stderr)
        regions[code] = (region, subregion if region else "")
    for code, expected in EXPECTED_REGIONS.items():
        if code in regions and regions[code] != expected:
            raise SystemExit(f"{code}: region {regions[code]}, expected {expected}")
    return regions


# ---------------------------------------------------------------- countries.csv


def coastline_note(note: str) -> str:
    """The Factbook coastline note, labelled when it does not say it is about the coast."""
    if not note or any(word in note.lower() for word in SELF_EXPLAINING_COAST):
        return note
    return f"coastline: {note}"


def entry_notes(entries: list[dict[str, str]]) -> list[str]:
    """Notes for one iso3 built from its Factbook entries (several for PSE, SJM, UMI)."""
    notes = []
    several = len(entries) > 1
    if several:
        names = ", ".join(entry["name"] for entry in entries)
        notes.append(f"km figures are the sum of {len(entries)} Factbook entries ({names})")
    notes.extend(entry["iso3_flag"] for entry in entries)
    for entry in entries:
        coast, land = entry["coastline_note"], entry["land_boundary_note"]
        if several:  # say which entry a note belongs to
            notes.append(f"{entry['name']} coastline: {coast}" if coast else "")
            notes.append(f"{entry['name']} land boundaries: {land}" if land else "")
        else:
            notes.append(coastline_note(coast))
            notes.append(f"land boundaries: {land}" if land else "")
    return notes


def covering_entries(factbook: list[dict[str, str]]) -> dict[str, str]:
    """iso3 without a Factbook entry -> iso3 of the Factbook entry that includes it."""
    covered = {}
    for entry in factbook:
        match = re.search(r"\(ISO ([A-Z, ]+) ha(?:s|ve) no Factbook entry\)", entry["iso3_flag"])
        if match:
            for code in match.group(1).split(", "):
                covered[code] = entry["iso3"]
    return covered


def sum_km(entries: list[dict[str, str]], column: str) -> str:
    """Exact sum of a km column over entries; blank when no entry gives a figure."""
    values = [parse_km(entry[column]) for entry in entries]
    given = [value for value in values if value is not None]
    return format_km(sum(given)) if given else ""


def build_countries(factbook: list[dict[str, str]], land: list[dict[str, str]],
                    map_names: dict[str, str]) -> list[dict[str, str]]:
    """One row per iso3 in the Factbook or on the map, sorted by iso3."""
    entries_by_code = defaultdict(list)
    for entry in factbook:
        entries_by_code[entry["iso3"]].append(entry)
    neighbours = defaultdict(set)
    for segment in land:
        neighbours[segment["country_iso3"]].add(segment["neighbor_iso3"])
    factbook_names = {code: entries[0]["name"] for code, entries in entries_by_code.items()}
    covered_by = covering_entries(factbook)

    codes = sorted(set(entries_by_code) | set(map_names))
    regions = m49_regions(codes)
    rows = []
    for code in codes:
        entries = entries_by_code.get(code, [])
        region, subregion = regions[code]
        row = {"iso3": code, "region": region, "subregion": subregion}
        if entries:
            notes = entry_notes(entries)
            row.update(land_border_km=sum_km(entries, "land_boundary_total_km"),
                       coastline_km=sum_km(entries, "coastline_km"),
                       land_neighbours=str(len(neighbours[code])),
                       source_id=SRC_FACTBOOK)
        else:
            notes = ["no Factbook entry"]
            if code in covered_by:
                owner = covered_by[code]
                notes.append(f"the Factbook counts it under "
                             f"{short_name(owner, map_names, factbook_names)} ({owner})")
            row["source_id"] = SRC_NATURAL_EARTH
        if code not in map_names:
            notes.append("no polygon of its own on the 1:50m map")
        row["name"] = short_name(code, map_names, factbook_names)
        row["notes"] = join_notes(notes)
        rows.append(row)
    return rows


# ---------------------------------------------------------------- borders.csv


def segment_note(segment: dict[str, str]) -> str:
    """The segment's note plus any qualifier in brackets from the raw Factbook text.

    A qualifier that is part of the neighbour's Factbook name (e.g. "Saint Martin (France)")
    is added as that whole name, others (e.g. "(Ceuta)") as the bracketed text.
    """
    notes = [segment["note"]]
    for qualifier in re.findall(r"\(([^()]+)\)", segment["factbook_text"]):
        if qualifier.lower() in segment["note"].lower():
            continue
        named = segment["neighbor_name_factbook"]
        notes.append(named if f"({qualifier})" in named else qualifier)
    return join_notes(notes)


def land_border_rows(land: list[dict[str, str]]) -> list[dict[str, str]]:
    """One row per Factbook land segment, as each country lists it (not reconciled)."""
    return [{"country_iso3": segment["country_iso3"],
             "neighbour_iso3": segment["neighbor_iso3"],
             "kind": "land",
             "length_km": format_km(parse_km(segment["length_km"])),
             "note": segment_note(segment),
             "source_id": SRC_FACTBOOK}
            for segment in land]


def maritime_source_id(source: str) -> str:
    """Source id for a maritime row from its cited source text."""
    if "Factbook" in source:
        return SRC_FACTBOOK
    if "Mojab" in source:
        return SRC_MOJAB
    if "Limits in the Seas No. 94" in source:
        return SRC_LIMITS_94
    raise SystemExit(f"unknown maritime source: {source!r}")


def maritime_border_rows(maritime: list[dict[str, str]]) -> list[dict[str, str]]:
    """One row per maritime neighbour; 'same as above' takes the previous row's source.

    A remark in brackets after 'same as above' is kept in the note. Caspian rows cite Iran's
    Factbook entry, which names the states sharing the sea (see SRC_FACTBOOK_IRAN), and drop
    the remark that it does not.
    """
    rows = []
    source_id = ""
    for neighbour in maritime:
        source = neighbour["source"]
        remark = ""
        if source.startswith("same as above"):
            match = re.search(r"\((.+)\)\s*$", source)
            remark = match.group(1) if match else ""
        else:
            source_id = maritime_source_id(source)
        if not source_id:
            raise SystemExit("maritime_neighbours.csv starts with 'same as above'")
        caspian = neighbour["sea"] == CASPIAN
        rows.append({"country_iso3": neighbour["country_iso3"],
                     "neighbour_iso3": neighbour["neighbor_iso3"],
                     "kind": "maritime",
                     "length_km": "",
                     "sea": neighbour["sea"],
                     "status": neighbour["status"],
                     "note": join_notes([neighbour["note"], CASPIAN_NOTE if caspian else remark]),
                     "source_id": SRC_FACTBOOK_IRAN if caspian else source_id})
    return rows


def check_border_codes(borders: list[dict[str, str]], countries: list[dict[str, str]]) -> None:
    """Every iso3 in borders.csv must be a row of countries.csv."""
    known = {row["iso3"] for row in countries}
    unknown = {row[column] for row in borders for column in ("country_iso3", "neighbour_iso3")}
    unknown -= known
    if unknown:
        raise SystemExit(f"borders refer to codes not in countries.csv: {sorted(unknown)}")


# ---------------------------------------------------------------- fx_rates.csv


def fx_rows(rates: list[dict[str, str]]) -> list[dict[str, str]]:
    """Monthly rates as given (no USD rows: the converter treats USD as 1)."""
    rows = []
    for rate in rates:
        if not re.fullmatch(r"\d{4}-\d{2}", rate["month"]):
            raise SystemExit(f"fx month not YYYY-MM: {rate['month']!r}")
        if rate["currency"] == "USD":
            continue
        rows.append({**rate, "source_id": SRC_FX})
    return rows


# ---------------------------------------------------------------- geo/


PROVENANCE = """\
# Country polygons: where they come from

`countries.geojson` is an unchanged copy of `countries_50m.geojson` from the shared reference
folder, made by `scripts/build_reference_tables.py`. The app simplifies it when it loads it;
edit nothing here by hand.

- File: {size:,} bytes, {features} features, sha256 `{sha256}`.
- Geometry: Natural Earth Admin-0 countries at 1:50m, version 4.1.0, as shipped in the npm
  package world-atlas 2.0.2 (`countries-50m.json`, TopoJSON object `countries`; package tarball
  sha1 `4bca4a578f3a413bd409c3f07f2054fe7375824f`, sha256
  `032e7765f2ce00edaeafec23ff22bc3b77e42987c257da944cc585b452c05b97`).
- Conversion (the reference folder's `build_reference.py`, see its SOURCES.md): TopoJSON arcs
  decoded, each shared border simplified once (Douglas-Peucker, 0.005 degrees) and snapped to a
  0.01 degree grid so neighbours keep identical edges; a few tiny islands kept on a 0.001 grid;
  ISO 3166-1 codes (`iso3`, `iso_n3`) and English names (`name`) added from pycountry,
  Natural Earth's own name kept in `name_ne`.

## Licences

Natural Earth data is in the public domain. world-atlas is ISC-licensed (c) 2013-2019 Michael
Bostock; that notice belongs with the package if it is redistributed, this file is derived data.

## Before using it

- Ring orientation: outer rings run clockwise and holes counter-clockwise, the d3 / world-atlas
  convention that d3-geo and Plotly's geo choropleths expect. RFC 7946 recommends the opposite;
  do not flip it for Plotly. Leaflet/folium, pydeck, MapLibre and geopandas ignore winding; for
  strict RFC 7946 output use `shapely.orient_polygons(geom, exterior_cw=False)`.
- Territories lumped into another feature: Svalbard and Jan Mayen in Norway (NOR), Tokelau in
  New Zealand (NZL), Gibraltar in Spain (ESP); France (FRA) includes French Guiana and the other
  overseas regions. Bouvet Island, Tuvalu and the US Minor Outlying Islands are missing at this
  scale. Aland has a feature of its own (ALA), and Natural Earth's "Indian Ocean Ter." is split
  into Christmas Island (CXR) and Cocos (Keeling) Islands (CCK).
- Kosovo uses the user-assigned code XKX. Features without an iso3 code: {no_iso3}.
- Small states checked at build time and present: {required}.
"""


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def copy_geojson(source: Path, target_dir: Path) -> None:
    """Copy the map byte for byte and write its provenance note."""
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / "countries.geojson"
    shutil.copyfile(source, target)
    features = json.loads(target.read_text(encoding="utf-8"))["features"]
    codes = {feature["properties"]["iso3"] for feature in features}
    missing = [code for code in REQUIRED_POLYGONS if code not in codes]
    if missing:
        raise SystemExit(f"map lacks polygons for {missing}")
    no_iso3 = sorted(f["properties"]["name"] for f in features if not f["properties"]["iso3"])
    text = PROVENANCE.format(
        size=target.stat().st_size, features=len(features), sha256=sha256_of(target),
        no_iso3=", ".join(no_iso3),
        required=", ".join(f"{pycountry.countries.get(alpha_3=code).name} ({code})"
                           for code in REQUIRED_POLYGONS))
    (target_dir / "PROVENANCE.md").write_text(text, encoding="utf-8", newline="\n")


# ---------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE,
                        help="folder with the public reference files (default: %(default)s)")
    reference = parser.parse_args(argv).reference

    geojson = reference / "countries_50m.geojson"
    factbook = read_rows(reference / "factbook_countries.csv")
    land = read_rows(reference / "factbook_land_borders.csv")

    countries = build_countries(factbook, land, load_geojson_names(geojson))
    borders = land_border_rows(land) + maritime_border_rows(
        read_rows(reference / "maritime_neighbours.csv"))
    check_border_codes(borders, countries)
    rates = fx_rows(read_rows(reference / "fx_monthly_usd.csv"))

    for table, rows in (("countries", countries), ("borders", borders), ("fx_rates", rates)):
        write_rows(DATA / f"{table}.csv", schema_columns(table), rows)
        print(f"data/{table}.csv: {len(rows)} rows")
    copy_geojson(geojson, DATA / "geo")
    print("data/geo/countries.geojson, data/geo/PROVENANCE.md")


if __name__ == "__main__":
    main()
