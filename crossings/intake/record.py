"""The record a curator confirms: the draft's fields, corrected, with organisations as ids.

`record_from_draft` turns the extractor's draft (its JSON) into a Record: organisations the
data already has become their org_ids, the others new organisations (with the acronym, type
and country the draft found), topics stay topic ids (new ones with their labels). The page
edits a Record; crossings.intake.rows maps it onto the tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass
class NewOrganisation:
    name: str
    acronym: str = ""
    org_type: str = "other"
    country_iso3: str = ""
    parent_id: str = ""
    org_id: str = ""  # given by record_rows when blank


@dataclass
class SourceInfo:
    url: str = ""
    title: str = ""
    publisher: str = ""
    published: str = ""  # YYYY, YYYY-MM or YYYY-MM-DD


@dataclass
class Record:
    """One event or project as a curator confirmed it. Organisations are org_ids of
    organisations.csv or names of `new_organisations`; topics are topic ids."""

    kind: str = "event"
    title: str = ""
    event_kind: str = "workshop"
    status: str = "not_known"
    start_date: str = ""
    end_date: str = ""
    date_text: str = ""
    city: str = ""
    venue: str = ""
    host_iso3: str = ""
    lat: float | None = None
    lon: float | None = None
    participants: int | None = None
    participants_note: str = ""
    participant_iso3: list[str] = field(default_factory=list)
    participant_groups: list[str] = field(default_factory=list)
    organisers: list[str] = field(default_factory=list)
    funders: list[str] = field(default_factory=list)
    instruments: list[str] = field(default_factory=list)
    budget: list[dict] = field(default_factory=list)  # {"amount", "currency"}
    funding_status: str = "confirmed"
    topics: list[str] = field(default_factory=list)
    new_topics: dict[str, str] = field(default_factory=dict)  # id -> label
    new_organisations: list[NewOrganisation] = field(default_factory=list)
    project_id: str = ""  # the project an event belongs to, if any
    summary: str = ""
    source: SourceInfo = field(default_factory=SourceInfo)


def record_from_draft(draft: dict) -> Record:
    """The draft as a record to correct: names mapped to org_ids where organisations.csv has them."""
    record = Record(
        kind=draft["kind"], title=draft["title"], event_kind=draft.get("event_kind") or "workshop",
        status=draft["status"], start_date=draft["start_date"] or "", end_date=draft["end_date"] or "",
        date_text=draft["date_text"] or "", city=draft["city"] or "", host_iso3=draft["host_iso3"] or "",
        participants=draft["participants"], participant_iso3=list(draft["participant_iso3"]),
        participant_groups=list(draft["participant_groups"]), budget=[dict(b) for b in draft["budget"]],
        topics=list(draft["topics"]), new_topics=dict(draft.get("new_topics") or {}),
        source=SourceInfo(publisher=draft.get("publisher") or "", published=draft.get("published") or "",
                          title=draft["title"]))
    location = draft.get("location") or {}
    if location.get("precision") == "city":
        record.lat, record.lon = location["lat"], location["lon"]
    roles = {"organiser": record.organisers, "funder": record.funders, "instrument": record.instruments}
    for organisation in draft.get("organisations", []):
        if organisation.get("org_id"):
            roles[organisation["role"]].append(organisation["org_id"])
            continue
        roles[organisation["role"]].append(organisation["name"])
        if all(n.name != organisation["name"] for n in record.new_organisations):
            record.new_organisations.append(NewOrganisation(
                organisation["name"], organisation.get("acronym") or "",
                organisation.get("org_type") or "other", organisation.get("country_iso3") or "",
                organisation.get("parent_id") or ""))
    return record
