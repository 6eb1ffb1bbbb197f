"""Words for the names the data uses: column names (`funder_id`), table names
(`project_countries`) and listed values (`in_person`), as people read them on a page. The files
and their downloads keep the curated names; only what is shown on screen is worded, in the
language of the page (the words are marked for the catalogue and looked up where shown).
"""

from __future__ import annotations

from crossings.languages import N_, _

# Where the plain rule (underscores to spaces, a code's suffix dropped) would not read well.
_COLUMN_WORDS = {
    "iso3": N_("ISO code"),
    "lat": N_("Latitude"),
    "lon": N_("Longitude"),
    "url": N_("Web address"),
    "host_iso3": N_("Host country"),
    "country_iso3": N_("Country"),
    "neighbour_iso3": N_("Neighbour"),
    "org_id": N_("Organisation"),
    "parent_id": N_("Part of"),
    "org_type": N_("Type"),
    "record_id": N_("Record"),
    "table": N_("Kind of record"),
    "field": N_("Fact"),
    "units_per_usd": N_("Units per US dollar"),
    "usd_per_unit": N_("US dollars per unit"),
    "length_km": N_("Length, km"),
    "land_border_km": N_("Land borders, km"),
    "coastline_km": N_("Coastline, km"),
    "land_neighbours": N_("Land neighbours"),
    "date_source_id": N_("Date from"),
    "source_id": N_("Source"),
    "countries_text": N_("Countries (as the source words them)"),
    "topics": N_("Topics"),
}
# Column names the plain rule words well in English, written out so that they can be translated.
_PLAIN_COLUMN_WORDS = {
    "event_id": N_("Event"), "project_id": N_("Project"), "funding_id": N_("Funding"),
    "claim_id": N_("Claim"), "group_id": N_("Group"), "topic_id": N_("Topic"), "funder_id": N_("Funder"),
    "instrument_id": N_("Instrument"), "title": N_("Title"), "short_title": N_("Short title"),
    "kind": N_("Kind"), "status": N_("Status"), "mode": N_("Mode"), "start_date": N_("Start date"),
    "end_date": N_("End date"), "date_status": N_("Date status"), "date_note": N_("Date note"),
    "city": N_("City"), "venue": N_("Venue"), "location_precision": N_("Location precision"),
    "participants": N_("Participants"), "participants_note": N_("Participants note"),
    "summary": N_("Summary"), "notes": N_("Notes"), "role": N_("Role"), "basis": N_("Basis"),
    "name": N_("Name"), "name_fr": N_("Name in French"), "name_ar": N_("Name in Arabic"),
    "acronym": N_("Acronym"), "label": N_("Label"), "amount": N_("Amount"),
    "currency": N_("Currency"), "value_date": N_("Value date"), "amount_basis": N_("Amount basis"),
    "publisher": N_("Publisher"), "published": N_("Published"), "published_status": N_("Published status"),
    "published_note": N_("Published note"), "region": N_("Region"), "subregion": N_("Subregion"),
    "value": N_("Value"), "note": N_("Note"), "month": N_("Month"), "visibility": N_("Visibility"),
    "description": N_("Description"), "iati_identifier": N_("Iati identifier"), "iati_ref": N_("Iati ref"),
    "basis_note": N_("Basis note"), "basis_source_id": N_("Basis source"),
    "start_source_id": N_("Start source"), "end_source_id": N_("End source"),
    "published_source_id": N_("Published source"), "start_status": N_("Start status"),
    "end_status": N_("End status"), "implementer_id": N_("Implementer"), "percentage": N_("Percentage"),
    "sea": N_("Sea"), "since": N_("Since"), "until": N_("Until"),
    "value_date_precision": N_("Value date precision"),
}
_TABLE_WORDS = {
    "events": N_("events"), "event_countries": N_("event countries"), "event_groups": N_("event groups"),
    "event_organisations": N_("event organisations"), "projects": N_("projects"),
    "project_countries": N_("project countries"), "project_organisations": N_("project organisations"),
    "funding": N_("funding"), "claims": N_("claims"), "sources": N_("sources"),
    "organisations": N_("organisations"), "groups": N_("groups"), "group_members": N_("group members"),
    "countries": N_("countries"), "borders": N_("borders"), "topics": N_("topics"),
    "fx_rates": N_("exchange rates"),
}
_RECORD_WORDS = {"events": N_("event"), "projects": N_("project"), "funding": N_("funding line"),
                 "countries": N_("country"), "borders": N_("border"), "organisations": N_("organisation"),
                 "sources": N_("source"), "topics": N_("topic")}
# The listed values of crossings.data.vocabulary, in words (the values themselves never change).
_VALUE_WORDS = {
    "workshop": N_("workshop"), "training": N_("training"), "roundtable": N_("roundtable"),
    "meeting": N_("meeting"), "conference": N_("conference"), "study_visit": N_("study visit"),
    "assessment_visit": N_("assessment visit"), "opening_handover": N_("opening handover"),
    "simulation_exercise": N_("simulation exercise"), "other": N_("other"), "held": N_("held"),
    "announced": N_("announced"), "postponed": N_("postponed"), "cancelled": N_("cancelled"),
    "not_known": N_("not known"), "in_person": N_("in person"), "online": N_("online"),
    "hybrid": N_("hybrid"), "unknown": N_("not known"), "stated": N_("stated"), "resolved": N_("resolved"),
    "inferred": N_("inferred"), "publication_date": N_("publication date"), "venue": N_("venue"),
    "city": N_("city"), "country": N_("country"), "none": N_("none"), "host": N_("host"),
    "participant": N_("participant"), "contributor": N_("contributor"),
    "expert_origin": N_("expert origin"), "organiser": N_("organiser"), "partner": N_("partner"),
    "funder": N_("funder"), "facilitator": N_("facilitator"), "planned": N_("planned"),
    "ongoing": N_("ongoing"), "completed": N_("completed"), "beneficiary": N_("beneficiary"),
    "partner_state": N_("partner state"), "implementer": N_("implementer"),
    "contracting": N_("contracting"), "accountable": N_("accountable"), "extending": N_("extending"),
    "confirmed": N_("confirmed"), "estimated": N_("estimated"), "iati_commitment": N_("iati commitment"),
    "iati_budget": N_("iati budget"), "press_release": N_("press release"),
    "news_article": N_("news article"), "project_page": N_("project page"),
    "programme_page": N_("programme page"), "factsheet": N_("factsheet"),
    "project_proposal": N_("project proposal"), "call_for_experts": N_("call for experts"),
    "report": N_("report"), "academic": N_("academic"), "dataset": N_("dataset"),
    "curators_notes": N_("curators notes"), "iati_activity": N_("iati activity"),
    "un_agency": N_("un agency"), "igo": N_("igo"), "government": N_("government"),
    "government_agency": N_("government agency"), "regional_institution": N_("regional institution"),
    "industry": N_("industry"), "donor": N_("donor"), "donor_instrument": N_("donor instrument"),
    "ngo": N_("ngo"), "land": N_("land"), "maritime": N_("maritime"), "public": N_("public"),
    "internal": N_("internal"), "day": N_("day"), "month": N_("month"), "year": N_("year"),
}


def column_label(name: str, key: bool = False) -> str:
    """'Funder' for funder_id, 'Start date' for start_date; 'Id' for a table's own key."""
    if key:
        return _("Id")
    if name in _COLUMN_WORDS:
        return _(_COLUMN_WORDS[name])
    if name in _PLAIN_COLUMN_WORDS:
        return _(_PLAIN_COLUMN_WORDS[name])
    words = name.removesuffix("_id").removesuffix("_iso3").replace("_", " ")
    return words[:1].upper() + words[1:]


def table_label(name: str) -> str:
    """'project countries' for project_countries."""
    return _(_TABLE_WORDS[name]) if name in _TABLE_WORDS else name.replace("_", " ")


def record_kind(table: str) -> str:
    """What one row of a table is: 'project' for projects."""
    return _(_RECORD_WORDS[table]) if table in _RECORD_WORDS else table_label(table)


def value_label(value: object) -> object:
    """A listed value in words ('in person' for in_person); anything else as it is."""
    if not isinstance(value, str):
        return value
    return _(_VALUE_WORDS[value]) if value in _VALUE_WORDS else value.replace("_", " ")


def value_word(value: str) -> str:
    """A listed value in words, as a choice in a list starts ('In person', 'Study visit')."""
    words = str(value_label(value))
    return words[:1].upper() + words[1:]
