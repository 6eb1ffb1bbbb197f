"""Is this record already in the data? Checked before anything is written.

A record is a probable duplicate of one the data holds when its source's address is already
a source (the same release added twice, however the address was copied: scheme, "www.",
a trailing slash or a #fragment do not matter), or when its title, dates and place are those
of an existing record. Dates and place alone (same host, same city, same dates, another
title) are a probable duplicate too: two releases about one workshop.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from crossings.data.dataset import Dataset
from crossings.intake.document import fold
from crossings.intake.record import Record
from crossings.languages import _


@dataclass(frozen=True)
class ProbableDuplicate:
    table: str  # events or projects (or sources, for an address used by no record)
    record_id: str
    reason: str  # for the curator, in the language of the session that checked the record


def address_key(url: str) -> str:
    """'https://www.iom.int/news/x/#top' and 'http://iom.int/news/x' are one address."""
    url = url.strip().split("#", 1)[0]
    url = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url, flags=re.I)
    host, _slash, rest = url.partition("/")
    host = host.lower().removeprefix("www.")
    return f"{host}/{rest}".rstrip("/")


def title_key(title: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", fold(title or "")))


def _text(value) -> str:
    return "" if pd.isna(value) else str(value)


def probable_duplicates(record: Record, dataset: Dataset) -> list[ProbableDuplicate]:
    found: list[ProbableDuplicate] = []
    if record.source.url.strip():
        wanted = address_key(record.source.url)
        sources = dataset.sources
        same = sources[sources["url"].fillna("").map(address_key) == wanted]
        for source_id in same["source_id"]:
            users = [(table, record_id) for table, key in (("events", "event_id"), ("projects", "project_id"))
                     for record_id in dataset.tables[table].loc[
                         dataset.tables[table]["source_id"] == source_id, key]]
            reason = _("its source address is already source {source_id}").format(source_id=source_id)
            found += [ProbableDuplicate(t, i, reason) for t, i in users] or [
                ProbableDuplicate("sources", source_id, reason)]
    if record.kind == "event":
        found += _same_event(record, dataset)
    else:
        title = title_key(record.title)
        for _row, project in dataset.projects.iterrows():
            names = (title_key(_text(project["title"])), title_key(_text(project["short_title"])))
            if title and title in names:
                found.append(ProbableDuplicate("projects", project["project_id"], _("it has the same title")))
    unique: dict[tuple[str, str], ProbableDuplicate] = {}
    for duplicate in found:
        unique.setdefault((duplicate.table, duplicate.record_id), duplicate)
    return list(unique.values())


def _same_event(record: Record, dataset: Dataset) -> list[ProbableDuplicate]:
    found = []
    title = title_key(record.title)
    for _row, event in dataset.events.iterrows():
        same_title = bool(title) and title == title_key(_text(event["title"]))
        dated = bool(record.start_date or record.end_date)
        same_dates = (dated and (_text(event["start_date"]), _text(event["end_date"])) == (
            record.start_date, record.end_date)) or (
            not dated and bool(record.date_text) and record.date_text in _text(event["date_note"]))
        same_place = bool(record.host_iso3) and _text(event["host_iso3"]) == record.host_iso3 and (
            fold(_text(event["city"])) == fold(record.city))
        if same_dates and same_place:
            reason = _("it has the same title, dates and place") if same_title else (
                _("it has the same dates and place (titled “{title}”)").format(title=_text(event["title"])))
            found.append(ProbableDuplicate("events", event["event_id"], reason))
    return found
