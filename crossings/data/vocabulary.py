"""Every list of allowed values in the data, in one place, each value with what it means.

The schema (crossings.data.schema) declares which column takes which list; the validator
rejects anything else, naming the list; the data dictionary (data/README.md) prints each list
with these meanings, so a person or a program writing rows knows which word fits. Values are
lower-case words joined by underscores, stable once published: links (?kind=workshop) and
files carry them. To add a value, add it here with its meaning and regenerate the dictionary
(scripts/build_data_dictionary.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Vocabulary:
    """A list of allowed values, in the order people read them, each with its meaning."""

    name: str
    meanings: tuple[tuple[str, str], ...]

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(value for value, _ in self.meanings)

    def meaning(self, value: str) -> str:
        return dict(self.meanings).get(value, "")

    def __iter__(self) -> Iterator[str]:
        return iter(self.values)

    def __contains__(self, value) -> bool:
        return value in self.values


def _vocabulary(name: str, *meanings: tuple[str, str]) -> Vocabulary:
    return Vocabulary(name, tuple(meanings))


PRECISIONS = _vocabulary(
    "precision",
    ("day", "the date names a day"),
    ("month", "the date names a month"),
    ("year", "the date names a year"),
    ("unknown", "no date is known"),
)

DATE_STATUSES = _vocabulary(
    "date status",
    ("stated", "the row's own source gives the date"),
    ("resolved", "another source that reports the same record gives it (name it in the date's "
                 "source column)"),
    ("inferred", "worked out, not stated (a year from a weekday): the reasoning is in the note "
                 "and rests on the source named in the date's source column"),
    ("publication_date", "the source's own publication date stands in for it (\"launched this "
                         "week\"): name that source in the date's source column"),
    ("unknown", "no source gives it; the date is blank"),
)

SOURCE_KINDS = _vocabulary(
    "source kind",
    ("press_release", "an organisation's own news release or news item about its work"),
    ("news_article", "an article written by a news outlet"),
    ("project_page", "a page describing one project (its partners, dates, budget)"),
    ("programme_page", "a page describing a programme or an office's line of work"),
    ("factsheet", "a short printed or PDF summary of a project or programme"),
    ("project_proposal", "a proposal or concept note, with planned figures"),
    ("call_for_experts", "a call for experts, tenders or applications"),
    ("report", "a report or official publication"),
    ("academic", "a journal article, book or chapter"),
    ("dataset", "a data set (reference tables: the Factbook, exchange rates, outlines)"),
    ("curators_notes", "the curators' own notes on how facts were resolved or reconciled"),
    ("iati_activity", "an activity in an organisation's IATI file (imported with crossings.iati)"),
    ("other", "anything else: say what it is in the notes"),
)

ORG_TYPES = _vocabulary(
    "organisation type",
    ("un_agency", "a United Nations agency, office or related organisation"),
    ("igo", "another intergovernmental organisation"),
    ("government", "a national government as a whole"),
    ("government_agency", "a ministry, police, army or other national body"),
    ("regional_institution", "a regional body or institution (e.g. a regional university)"),
    ("academic", "a university or research institute"),
    ("industry", "a company or industry association"),
    ("donor", "a donor that is not a government (e.g. the European Union as funder)"),
    ("donor_instrument", "a funding instrument, such as AMIF or IcSP"),
    ("ngo", "a non-governmental organisation"),
    ("other", "anything else: say what it is in the notes"),
)

EVENT_KINDS = _vocabulary(
    "event kind",
    ("workshop", "a working session of several people on a subject"),
    ("training", "a course or training session"),
    ("roundtable", "a discussion among peers, often senior"),
    ("meeting", "a meeting that is none of the above (steering committee, coordination)"),
    ("conference", "a conference, forum or high-level event with many participants"),
    ("study_visit", "officials visiting another country or institution to learn from it"),
    ("assessment_visit", "a visit to assess border posts, needs or capacities"),
    ("opening_handover", "an opening of premises or a handover of equipment or buildings"),
    ("simulation_exercise", "a simulation, live or table-top exercise"),
    ("other", "anything else: say what it was in the title and summary"),
)

EVENT_STATUSES = _vocabulary(
    "event status",
    ("held", "a source reports that it took place"),
    ("announced", "announced or planned: the source speaks of it before it took place"),
    ("postponed", "a source says it was postponed"),
    ("cancelled", "a source says it was cancelled"),
    ("not_known", "no source says whether it took place"),
)
# What counts towards headline events, participants and countries. Announced, postponed and
# cancelled events are shown as what they are but never counted.
COUNTED_EVENT_STATUSES = ("held", "not_known")

EVENT_MODES = _vocabulary(
    "event mode",
    ("in_person", "the source says it took place at a named place (a city or venue)"),
    ("online", "the source says it was online"),
    ("hybrid", "the source says it was partly online, partly in person"),
    ("unknown", "the source does not say"),
)

LOCATION_PRECISIONS = _vocabulary(
    "location precision",
    ("venue", "lat/lon point at the venue"),
    ("city", "lat/lon point at the city"),
    ("country", "lat/lon point at the country's centre (the source names only the country)"),
    ("none", "no place (online, or not given): lat/lon are blank"),
)

EVENT_COUNTRY_ROLES = _vocabulary(
    "event country role",
    ("host", "the event took place in the country"),
    ("participant", "its officials took part"),
    ("contributor", "its government shared expertise"),
    ("expert_origin", "experts came from an organisation's office in the country"),
)

EVENT_GROUP_ROLES = _vocabulary(
    "event group role",
    ("participant", "the source says the group's members took part, without naming them"),
    ("contributor", "the source says the group's members shared expertise, without naming them"),
)

EVENT_ORG_ROLES = _vocabulary(
    "event organisation role",
    ("organiser", "organised or co-organised it"),
    ("partner", "a partner named by the source"),
    ("funder", "paid for it"),
    ("contributor", "shared expertise"),
    ("participant", "took part"),
    ("facilitator", "facilitated it"),
    ("venue", "the institution that hosted it"),
)

PROJECT_COUNTRY_ROLES = _vocabulary(
    "project country role",
    ("beneficiary", "the country the project works in"),
    ("partner_state", "a state taking part as a partner"),
)

PROJECT_ORG_ROLES = _vocabulary(
    "project organisation role",
    ("implementer", "carries it out"),
    ("funder", "pays for it"),
    ("partner", "a partner named by the source"),
    ("contracting", "awarded or signed the contract"),
    ("accountable", "answerable for it (an IATI role: the organisation accountable for the activity)"),
    ("extending", "manages the funds on the funder's behalf (an IATI role)"),
)

PROJECT_STATUSES = _vocabulary(
    "project status",
    ("planned", "not started when the source was written"),
    ("ongoing", "running when the source was written"),
    ("completed", "the source says it ended"),
    ("unknown", "no source says"),
)

FUNDING_STATUSES = _vocabulary(
    "funding status",
    ("confirmed", "an amount granted or contracted"),
    ("estimated", "an estimate, e.g. a proposal's budget"),
)

AMOUNT_BASES = _vocabulary(
    "amount basis",
    ("stated", "a source states the amount (a blank cell reads as stated)"),
    ("iati_commitment", "an IATI commitment transaction (incoming or outgoing)"),
    ("iati_budget", "an IATI budget (used only when the activity has no commitment)"),
)

BORDER_KINDS = _vocabulary(
    "border kind",
    ("land", "a land boundary"),
    ("maritime", "neighbours across a sea"),
)

BASES = _vocabulary(
    "basis",
    ("stated", "the row's source says it (a blank cell reads as stated)"),
    ("inferred", "worked out, not said: the reasoning is in the note and rests on the source "
                 "named in basis_source_id"),
)

VISIBILITIES = _vocabulary(
    "visibility",
    ("public", "may leave the app: public pages, data addresses, downloads (a blank cell reads "
               "as public)"),
    ("internal", "shown to the app's own users, never through a public route"),
)

CLAIM_TABLES = _vocabulary(
    "claim table",
    ("events", "an event (record_id: event_id)"),
    ("projects", "a project (record_id: project_id)"),
    ("funding", "a funding line (record_id: funding_id)"),
    ("countries", "a country (record_id: ISO3 code)"),
    ("borders", "a border (record_id: the two ISO3 codes)"),
    ("sources", "a source (record_id: source_id)"),
)

VOCABULARIES: tuple[Vocabulary, ...] = (
    EVENT_KINDS, EVENT_STATUSES, EVENT_MODES, DATE_STATUSES, LOCATION_PRECISIONS,
    EVENT_COUNTRY_ROLES, EVENT_GROUP_ROLES, EVENT_ORG_ROLES, PROJECT_STATUSES,
    PROJECT_COUNTRY_ROLES, PROJECT_ORG_ROLES, FUNDING_STATUSES, AMOUNT_BASES, SOURCE_KINDS, ORG_TYPES,
    BORDER_KINDS, BASES, VISIBILITIES, PRECISIONS, CLAIM_TABLES,
)
