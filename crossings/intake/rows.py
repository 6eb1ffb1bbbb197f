"""A curated record as the rows it adds to every table: the one place that knows how a record
maps onto the data model.

The data model is changing (issue 16: dates without a year, an event's status, groups of
states), so everything that depends on the tables' columns is here and nowhere else; the page
and the draft know only `Record`. Today:

- dates are EDTF as the model stores them: a date without a year (date_text
  "XXXX-05-25/XXXX-05-28") stays without one, and date_note says the source gives no year;
- an event's status (held, announced, postponed, cancelled, not known) goes into its status;
- a group named without its members becomes a row of event_groups when groups.csv has it (by
  its id, name, acronym or another name in crossings.intake.reference.GROUPS), so its members
  are counted apart, "via the group"; a group groups.csv does not have (it would need its
  members, from a source) goes into participants_note (events) or countries_text (projects);
- an event's budget has no column (funding lines belong to projects): it is not written, and
  `RecordRows.notes` says so;
- organisations and topics not in the data are added as new rows; a source row is added for
  the release (kind "press_release").

`record_rows(record, dataset)` returns the new rows per table, as text cells in each table's
column order, ready for crossings.data.appending.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from crossings.data.dataset import Dataset
from crossings.data.schema import TABLES, TABLES_BY_NAME
from crossings.data.vocabulary import EVENT_KINDS, EVENT_STATUSES
from crossings.intake import reference
from crossings.intake.document import fold
from crossings.intake.numbers import amount_text
from crossings.intake.record import DATE, Record
from crossings.languages import _


@dataclass
class RecordRows:
    tables: dict[str, pd.DataFrame]  # table name -> the new rows, schema columns, text cells
    record_id: str
    # for the curator, in the session's language (the text written into the rows stays English)
    notes: list[str] = field(default_factory=list)  # what could not be written, and why
    problems: list[str] = field(default_factory=list)  # what must be fixed before writing

    @property
    def count(self) -> int:
        return sum(len(frame) for frame in self.tables.values())


def precision_of(value: str) -> str:
    if not value:
        return "unknown"
    return {4: "year", 7: "month", 10: "day"}.get(len(value), "unknown")


def slug(text: str, length: int = 24) -> str:
    """UPPER-CASE-ASCII words: an id part from any name."""
    return re.sub(r"[^A-Z0-9]+", "-", fold(text).upper()).strip("-")[:length].strip("-") or "X"


def _unique(wanted: str, taken: set[str]) -> str:
    candidate, number = wanted, 2
    while candidate in taken:
        candidate, number = f"{wanted}-{number}", number + 1
    taken.add(candidate)
    return candidate


def _frame(table: str, rows: list[dict]) -> pd.DataFrame:
    names = TABLES_BY_NAME[table].names
    return pd.DataFrame([{n: "" if row.get(n) is None else str(row.get(n)) for n in names} for row in rows],
                        columns=names, dtype="str")


def _ids(dataset: Dataset, table: str, column: str) -> set[str]:
    return set(dataset.tables[table][column].dropna().astype(str))


def known_groups(dataset: Dataset, names: list[str]) -> tuple[list[str], list[str]]:
    """The group_ids of groups.csv that `names` name (by id, name, acronym or another name of
    the same group in reference.GROUPS), and the names groups.csv does not have."""
    ids: dict[str, str] = {}
    groups = dataset.tables.get("groups")
    for row in [] if groups is None else groups.itertuples():
        ids.update({fold(word): row.group_id for word in (row.group_id, row.name, row.acronym)
                    if isinstance(word, str) and word.strip()})
    for _name, others in reference.GROUPS:  # "League of Arab States" is the Arab League
        group_id = next((ids[fold(other)] for other in others if fold(other) in ids), None)
        if group_id:
            ids.update({fold(other): group_id for other in others if fold(other) not in ids})
    found = [ids[fold(name)] for name in names if fold(name) in ids]
    return list(dict.fromkeys(found)), [name for name in names if fold(name) not in ids]


_NO_YEAR = re.compile(r"^XXXX-\d{2}(-\d{2})?$")


def _edtf_dates(record: Record) -> tuple[str, str]:
    """The event's start and end as the model stores them (EDTF): as the draft gives them, or a
    day and month without the year from its date_text ("XXXX-05-25/XXXX-05-28")."""
    if record.start_date or record.end_date:
        return record.start_date, record.end_date
    ends = [part.strip() for part in record.date_text.split("/")] if record.date_text else []
    ends = [e if _NO_YEAR.match(e) else "" for e in ends] + ["", ""]
    return ends[0], ends[1] or (ends[0] if len(record.date_text.split("/")) == 1 else "")


def _date_note(record: Record) -> str:
    notes = []
    if record.date_text and "XXXX" in record.date_text:
        notes.append("The source gives the day and month without the year.")
    if record.kind == "event" and record.status == "announced":
        notes.append("Announced by the source (future tense); not confirmed as held.")
    return " ".join(notes)


def _checks(record: Record) -> list[str]:
    problems = []
    for message, value in (
            (_("The start date {value} is not written YYYY, YYYY-MM or YYYY-MM-DD."), record.start_date),
            (_("The end date {value} is not written YYYY, YYYY-MM or YYYY-MM-DD."), record.end_date),
            (_("The publication date {value} is not written YYYY, YYYY-MM or YYYY-MM-DD."),
             record.source.published)):
        if value and not DATE.match(value):
            problems.append(message.format(value=repr(value)))
    if not record.title.strip():
        problems.append(_("The record needs a title."))
    if not record.source.title.strip():
        problems.append(_("The source needs a title (the release's headline)."))
    return problems


_VALUE_DATE_NOTE = {True: "Value date: project start.", False: "Value date: the source's publication date."}


@dataclass
class _Builder:
    """The rows of one record, table by table, with the ids they share."""

    record: Record
    dataset: Dataset
    today: date
    tables: dict[str, list[dict]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    source_id: str = ""
    new_ids: dict[str, str] = field(default_factory=dict)  # name of a new organisation -> its org_id

    def add(self, table: str, **row) -> None:
        self.tables.setdefault(table, []).append(row)

    def org_ids(self, names: list[str]) -> list[str]:
        return list(dict.fromkeys(self.new_ids.get(n, n) for n in names))

    def source(self) -> None:
        info = self.record.source
        wanted = f"SRC-{slug(info.publisher or 'WEB', 12)}-{(info.published or 'ND').replace('-', '')}"
        self.source_id = _unique(wanted, _ids(self.dataset, "sources", "source_id"))
        self.add("sources", source_id=self.source_id, title=info.title, publisher=info.publisher,
                 published=info.published, published_status="stated" if info.published else "unknown",
                 published_source_id=self.source_id if info.published else "", url=info.url,
                 kind="press_release", visibility="public",
                 notes=f"Added with the Add a record page on {self.today:%Y-%m-%d}.")

    def vocabulary(self) -> None:
        """New topics, and new organisations with an org_id each (acronym, or the name's initials)."""
        topics = _ids(self.dataset, "topics", "topic_id")
        for topic_id, label in self.record.new_topics.items():
            if topic_id in self.record.topics and topic_id not in topics:
                self.add("topics", topic_id=topic_id, label=label, description="", source_id=self.source_id)
        existing = _ids(self.dataset, "organisations", "org_id")
        taken = set(existing)
        for new in self.record.new_organisations:
            if new.name in self.new_ids:
                continue
            initials = "".join(w[0] for w in new.name.split() if w[0].isupper())
            wanted = new.org_id or (f"GOV-{new.country_iso3}" if new.org_type == "government" and (
                new.country_iso3) else slug(new.acronym or initials or new.name, 16))
            self.new_ids[new.name] = _unique(wanted, taken)
        for new in self.record.new_organisations:
            if any(row["name"] == new.name for row in self.tables.get("organisations", [])):
                continue
            parent = new.parent_id if new.parent_id in existing | set(self.new_ids.values()) else ""
            note = "Added with the Add a record page from the source of its first record."
            if new.parent_id and not parent:
                note += f" Part of {new.parent_id}, which organisations.csv does not have yet."
            self.add("organisations", org_id=self.new_ids[new.name], name=new.name, acronym=new.acronym,
                     org_type=new.org_type, country_iso3=new.country_iso3, parent_id=parent, notes=note,
                     source_id=self.source_id)

    def event(self) -> str:
        record = self.record
        year = (record.start_date or record.end_date)[:4] or "ND"
        place = slug(record.city or record.host_iso3 or record.title, 16)
        event_id = _unique(f"EV-{year}-{place}", _ids(self.dataset, "events", "event_id"))
        start, end = _edtf_dates(record)
        located = record.lat is not None and record.lon is not None
        group_ids, unknown_groups = known_groups(self.dataset, record.participant_groups)
        groups = ", ".join(unknown_groups)
        note = "; ".join(p for p in (record.participants_note,
                                     f"Groups named without their members: {groups}" if groups else "") if p)
        kind = record.event_kind if record.event_kind in EVENT_KINDS else (
            "opening_handover" if record.event_kind in ("opening", "handover") else "other")
        status = record.status if record.status in EVENT_STATUSES else "not_known"
        self.add("events", event_id=event_id, title=record.title, kind=kind, status=status,
                 mode="in_person" if record.city or record.venue else "unknown", start_date=start,
                 end_date=end, date_status="stated" if start or end else "unknown",
                 date_source_id=self.source_id if start or end else "",
                 date_note=_date_note(record), city=record.city, venue=record.venue,
                 host_iso3=record.host_iso3, lat=record.lat if located else "",
                 lon=record.lon if located else "", location_precision="city" if located else "none",
                 participants="" if record.participants is None else record.participants,
                 participants_note=note, project_id=record.project_id, topics=";".join(record.topics),
                 summary=record.summary, visibility="public", source_id=self.source_id)
        countries = [(record.host_iso3, "host")] if record.host_iso3 else []
        countries += [(iso3, "participant") for iso3 in dict.fromkeys(record.participant_iso3)]
        for iso3, role in countries:
            self.add("event_countries", event_id=event_id, country_iso3=iso3, role=role,
                     source_id=self.source_id)
        for group_id in group_ids:
            self.add("event_groups", event_id=event_id, group_id=group_id, role="participant",
                     note="named by the source without its members", source_id=self.source_id)
        roles = [(org, "organiser") for org in self.org_ids(record.organisers)]
        roles += [(org, "funder") for org in self.org_ids(record.funders + record.instruments)]
        for org, role in dict.fromkeys(roles):
            self.add("event_organisations", event_id=event_id, org_id=org, role=role,
                     source_id=self.source_id)
        if record.budget:
            self.notes.append(_("An event's budget is not written: funding lines belong to a project. Add "
                                "the project, or note the amount in the summary."))
        return event_id

    def project(self) -> str:
        record = self.record
        project_id = _unique(f"P-{slug(record.title, 24)}", _ids(self.dataset, "projects", "project_id"))
        names = dict(zip(self.dataset.countries["iso3"], self.dataset.countries["name"], strict=False))
        covered = list(dict.fromkeys([*([record.host_iso3] if record.host_iso3 else []),
                                      *record.participant_iso3]))
        words = [names.get(c, c) for c in covered] + record.participant_groups
        statuses = {"not_known": "unknown", "held": "completed", "announced": "planned"}
        organisers = self.org_ids(record.organisers)
        self.add("projects", project_id=project_id, title=record.title, short_title="",
                 implementer_id=organisers[0] if organisers else "", start_date=record.start_date,
                 start_status="stated" if record.start_date else "unknown",
                 start_source_id=self.source_id if record.start_date else "", end_date=record.end_date,
                 end_status="stated" if record.end_date else "unknown",
                 end_source_id=self.source_id if record.end_date else "", date_note=_date_note(record),
                 status=statuses.get(record.status, record.status), countries_text=", ".join(words),
                 topics=";".join(record.topics), summary=record.summary, visibility="public",
                 source_id=self.source_id)
        for iso3 in covered:
            self.add("project_countries", project_id=project_id, country_iso3=iso3, role="beneficiary",
                     source_id=self.source_id)
        funders = self.org_ids(record.funders)
        for org, role in [(o, "implementer") for o in organisers] + [(o, "funder") for o in funders]:
            self.add("project_organisations", project_id=project_id, org_id=org, role=role,
                     source_id=self.source_id)
        self.funding(project_id, funders)
        return project_id

    def funding(self, project_id: str, funders: list[str]) -> None:
        """One line per amount: from the first funder, through the instrument named for it."""
        record = self.record
        instruments = self.org_ids(record.instruments)
        value_date = record.start_date or record.source.published
        for number, line in enumerate(record.budget, start=1):
            instrument = instruments[number - 1] if len(instruments) == len(record.budget) else (
                instruments[0] if len(instruments) == 1 else "")
            shown = {"number": number, "amount": amount_text(line["amount"]), "currency": line["currency"]}
            if not funders:
                self.problems.append(_("Budget line {number} ({amount} {currency}) needs a funder.").format(
                    **shown))
            if not value_date:
                self.problems.append(_("Budget line {number} ({amount} {currency}) needs a value date: give "
                                       "the project's start or the source's publication date.").format(
                    **shown))
            self.add("funding", funding_id=f"F-{project_id[2:]}-{number}", project_id=project_id,
                     funder_id=funders[0] if funders else "", instrument_id=instrument, amount=line["amount"],
                     currency=line["currency"], value_date=value_date,
                     value_date_precision=precision_of(value_date), status=record.funding_status,
                     notes=_VALUE_DATE_NOTE[bool(record.start_date)], source_id=self.source_id,
                     visibility="public")


def record_rows(record: Record, dataset: Dataset, today: date | None = None) -> RecordRows:
    """The new rows of every table for this record (nothing is written here)."""
    builder = _Builder(record, dataset, today or date.today(), problems=_checks(record))
    builder.source()
    builder.vocabulary()
    record_id = builder.project() if record.kind == "project" else builder.event()
    order = [t.name for t in TABLES]  # the load order: a table refers only to tables above it
    frames = {name: _frame(name, builder.tables[name]) for name in order if builder.tables.get(name)}
    return RecordRows(frames, record_id, builder.notes, builder.problems)
