"""One record drafted from a release: every field with the words of the text behind it.

`extract(source, gazetteer)` puts the parts together (dates: timing.py; place and participants:
places.py; organisations: roles.py; money and counts: numbers.py; kind, topics, publisher:
classify.py) and `Draft.as_json()` is the contract (draft.schema.json): the keys issue 17 lists,
plus `event_kind`, `organisations` (each with its acronym, organisations.csv id when it has
one, and role), `new_topics`, `location`, `language` and `notes`. A field the text does not
state is empty; the draft never guesses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from crossings.intake import classify, places, roles
from crossings.intake.dates import find_dates
from crossings.intake.document import Document, Span
from crossings.intake.gazetteer import Gazetteer
from crossings.intake.mentions import Entity, Mentions
from crossings.intake.numbers import budget_lines, find_counts, find_money
from crossings.intake.reading import SourceText
from crossings.intake.timing import event_status, event_timing, project_status, timing
from crossings.languages import _
from crossings.text.formatting import format_count

MAX_CHARACTERS = 60_000  # a release is a few thousand; a long PDF is read from its start
_COUNT_CUE = re.compile(r"\b(?:attended|attend|took part|take part|participated|participation|gathered|"
                        r"gather|trained|train|brought together|joined|for|with|will|met|formés?|former|"
                        r"transmettre|réunit|participants?|completed|finish|atelier|formation|séminaire|"
                        r"au profit|à l'intention|destinée?s?|pour)\b", re.I)
_HEADS_GOVERNMENT = ("Ministry", "Ministère", "Directorate", "Direction", "Department", "Police", "Troops",
                     "Guard", "Forces", "Agency", "Service", "Gendarmerie", "Customs", "Embassy", "Office")


@dataclass(frozen=True)
class DraftOrganisation:
    name: str
    role: str  # organiser, funder or instrument
    acronym: str = ""
    org_id: str | None = None  # the row of organisations.csv it is, if any
    org_type: str = ""
    country_iso3: str = ""
    parent_id: str = ""

    def as_json(self) -> dict:
        return {"name": self.name, "role": self.role, "acronym": self.acronym or None, "org_id": self.org_id,
                "org_type": self.org_type or None, "country_iso3": self.country_iso3 or None,
                "parent_id": self.parent_id or None}


@dataclass
class Draft:
    kind: str = "event"
    event_kind: str | None = None
    title: str = ""
    status: str = "not_known"
    start_date: str | None = None
    end_date: str | None = None
    date_text: str | None = None
    city: str | None = None
    host_iso3: str | None = None
    participants: int | None = None
    participant_iso3: list[str] = field(default_factory=list)
    participant_groups: list[str] = field(default_factory=list)
    organisations: list[DraftOrganisation] = field(default_factory=list)
    budget: list[dict] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    new_topics: dict[str, str] = field(default_factory=dict)  # topic id -> label, not in topics.csv yet
    published: str | None = None
    publisher: str | None = None
    location: dict | None = None  # {"lat", "lon", "precision"} of the city, from GeoNames
    language: str = "English"
    source_name: str = ""
    text: str = ""  # the normalised text the evidence offsets point into
    evidence: dict[str, list[dict]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # for the curator, in the language of the session

    def names(self, role: str) -> list[str]:
        return [o.name for o in self.organisations if o.role == role]

    @property
    def organisers(self) -> list[str]:
        return self.names("organiser")

    @property
    def funders(self) -> list[str]:
        return self.names("funder")

    @property
    def instruments(self) -> list[str]:
        return self.names("instrument")

    def cite(self, key: str, value, span: Span | tuple[int, int] | None) -> None:
        if span is None:
            return
        if isinstance(span, tuple):
            span = Span(span[0], span[1], self.text[span[0]:span[1]])
        self.evidence.setdefault(key, []).append({"value": value, **span.as_json()})

    def as_json(self) -> dict:
        return {
            "kind": self.kind, "event_kind": self.event_kind, "title": self.title, "status": self.status,
            "start_date": self.start_date, "end_date": self.end_date, "date_text": self.date_text,
            "city": self.city, "host_iso3": self.host_iso3, "participants": self.participants,
            "participant_iso3": list(self.participant_iso3),
            "participant_groups": list(self.participant_groups),
            "organisers": self.organisers, "funders": self.funders, "instruments": self.instruments,
            "budget": [dict(b) for b in self.budget], "topics": list(self.topics),
            "new_topics": dict(self.new_topics), "published": self.published, "publisher": self.publisher,
            "organisations": [o.as_json() for o in self.organisations], "location": self.location,
            "language": self.language, "source": self.source_name, "notes": list(self.notes),
            "evidence": {k: list(v) for k, v in self.evidence.items()},
        }


def _organisation(found: Mentions, entity: Entity, role: str) -> DraftOrganisation:
    if entity.key:
        known = found.gazetteer.organisations[entity.key]
        return DraftOrganisation(known.name, role, known.acronym, known.key if known.in_data else None,
                                 known.org_type, known.country_iso3, known.parent)
    org_type = "government" if entity.name.lower().startswith(("government of", "gouvernement")) else (
        "government_agency" if entity.iso3 and any(h in entity.name for h in _HEADS_GOVERNMENT) else "other")
    return DraftOrganisation(entity.name, role, entity.acronym, None, org_type, entity.iso3)


def extract(source: SourceText, gazetteer: Gazetteer) -> Draft:
    text = source.text[:MAX_CHARACTERS]
    doc = Document(text)
    found = Mentions.of(doc, gazetteer)
    draft = Draft(language=source.language, source_name=source.name, text=text)
    if len(source.text) > MAX_CHARACTERS:
        draft.notes.append(_("Only the first {count} characters were read.").format(
            count=format_count(MAX_CHARACTERS)))

    title = classify.headline(doc)
    draft.title = source.title or (doc.text[slice(*title)].strip() if title else _first_words(doc))
    dates = find_dates(doc.text)
    dated_event = event_timing(doc, dates, "event")[0]
    dated = dated_event is not None and dated_event.start.day is not None
    draft.kind, kind_span = classify.kind(doc, title, dated)
    draft.cite("kind", draft.kind, kind_span)
    if draft.kind == "event":
        draft.event_kind = classify.event_kind(doc, title)

    when = timing(doc, dates, draft.kind, source.published)
    if when.evidence is not None:
        draft.start_date = when.start.iso() if when.start else None
        draft.end_date = when.end.iso() if when.end else None
        draft.date_text = when.date_text
        for key in ("start_date", "end_date", "date_text"):
            if getattr(draft, key) is not None:
                draft.cite(key, getattr(draft, key), (when.evidence.begin, when.evidence.stop))
        if when.date_text and "XXXX" in when.date_text:
            draft.notes.append(_("The text gives the dates without a year: they are kept without one "
                                 "(date_text); add the year only from a source that states it."))
    if when.published is not None:
        draft.published = when.published.iso()
        evidence = when.published_evidence
        if evidence is not None:
            draft.cite("published", draft.published, (evidence.begin, evidence.stop))

    money = find_money(doc)
    for item in budget_lines(doc, money):
        draft.budget.append(item.as_json())
        draft.cite("budget", item.as_json(), (item.start, item.end))

    funder_roles = roles.funders(found, money)
    instrument_roles = roles.instruments(found)
    for role in instrument_roles:
        parent = gazetteer.organisations[role.entity.key].parent
        if parent in gazetteer.organisations and all(r.entity.key != parent for r in funder_roles):
            known = gazetteer.organisations[parent]
            parent_entity = Entity("organisation", known.name, role.entity.start, role.entity.end, known.key,
                                   acronym=known.acronym)
            funder_roles.append(roles.Role(parent_entity, role.cue))
    organiser_roles = roles.organisers(found, money, draft.kind)
    for role_name, found_roles in (("organiser", organiser_roles), ("funder", funder_roles),
                                   ("instrument", instrument_roles)):
        for role in found_roles:
            organisation = _organisation(found, role.entity, role_name)
            if any(o.name == organisation.name and o.role == role_name for o in draft.organisations):
                continue
            draft.organisations.append(organisation)
            key = {"organiser": "organisers", "funder": "funders", "instrument": "instruments"}[role_name]
            draft.cite(key, organisation.name, (role.entity.start, role.entity.end))

    funder_countries = {r.entity.iso3 for r in funder_roles if r.entity.iso3}
    where = places.place(found, draft.kind, when.evidence.begin if when.evidence else None, funder_countries)
    if where.city_written:
        draft.city = where.city_written
        draft.cite("city", draft.city, where.city_span)
        if where.city is not None:
            draft.location = {"lat": where.city.lat, "lon": where.city.lon, "precision": "city"}
    if where.host:
        draft.host_iso3 = where.host
        draft.cite("host_iso3", where.host, where.host_span)

    if draft.kind == "event":
        _participants(draft, doc, title)
        countries = places.participant_countries(found)
    else:
        countries = places.project_countries(found, draft.host_iso3)
    for mention in countries:
        draft.participant_iso3.append(mention.target)
        draft.cite("participant_iso3", mention.target, (mention.start, mention.end))
    for mention in places.participant_groups(found, draft.kind):
        draft.participant_groups.append(mention.target)
        draft.cite("participant_groups", mention.target, (mention.start, mention.end))

    for mention in classify.topics(found, title):
        draft.topics.append(mention.target)
        if mention.target in gazetteer.new_topics:
            draft.new_topics[mention.target] = gazetteer.new_topics[mention.target]
        draft.cite("topics", mention.target, (mention.start, mention.end))

    positions = [p for p in (when.evidence.begin if when.evidence else None,) if p is not None]
    positions += [e["start"] for e in draft.evidence.get("participants", [])]
    if kind_span:
        positions.append(kind_span[0])
    status, status_span = event_status(doc, positions) if draft.kind == "event" else project_status(doc)
    draft.status = status
    draft.cite("status", status, status_span)

    publisher = classify.publisher(found)
    if publisher:
        draft.publisher = publisher[0]
        draft.cite("publisher", publisher[0], publisher[1])
    draft.cite("title", draft.title, title if not source.title else None)
    return draft


def _first_words(doc: Document) -> str:
    """A title when the text has no headline: its first sentence, cut at a word."""
    first = doc.text[slice(*doc.sentences[0])] if doc.sentences else ""
    return first if len(first) <= 120 else first[:120].rsplit(" ", 1)[0] + "…"


def _participants(draft: Draft, doc: Document, title: tuple[int, int] | None) -> None:
    """The first count of people taking part, in the body before the headline (a headline
    rounds: "More Than Fifty Police Commissioners" for 53), never in a bullet about other work."""
    counts = find_counts(doc)
    in_title = [c for c in counts if title and title[0] <= c.start < title[1]]
    for count in [c for c in counts if c not in in_title] + in_title:
        line_start = doc.line_of(count.start)[0]
        lead = doc.text[line_start:count.start].lstrip()[:1]
        if lead and lead in "•*-":
            continue  # a bullet lists something else the release reports
        if _COUNT_CUE.search(doc.sentence_text(count.start)):
            draft.participants = count.value
            draft.cite("participants", count.value, (count.start, count.end))
            return
