"""Words for the names the data uses: column names (`funder_id`), table names
(`project_countries`) and listed values (`in_person`), as people read them on a page. The files
and their downloads keep the curated names; only what is shown on screen is worded.
"""

from __future__ import annotations

# Where the plain rule (underscores to spaces, a code's suffix dropped) would not read well.
_COLUMN_WORDS = {
    "iso3": "ISO code",
    "lat": "Latitude",
    "lon": "Longitude",
    "url": "Web address",
    "host_iso3": "Host country",
    "country_iso3": "Country",
    "neighbour_iso3": "Neighbour",
    "org_id": "Organisation",
    "parent_id": "Part of",
    "org_type": "Type",
    "record_id": "Record",
    "table": "Kind of record",
    "field": "Fact",
    "units_per_usd": "Units per US dollar",
    "usd_per_unit": "US dollars per unit",
    "length_km": "Length, km",
    "land_border_km": "Land borders, km",
    "coastline_km": "Coastline, km",
    "land_neighbours": "Land neighbours",
    "date_source_id": "Date from",
    "source_id": "Source",
    "countries_text": "Countries (as the source words them)",
    "topics": "Topics",
}
_TABLE_WORDS = {"fx_rates": "exchange rates"}
_RECORD_WORDS = {"events": "event", "projects": "project", "funding": "funding line",
                 "countries": "country", "borders": "border", "organisations": "organisation",
                 "sources": "source", "topics": "topic"}


def column_label(name: str, key: bool = False) -> str:
    """'Funder' for funder_id, 'Start date' for start_date; 'Id' for a table's own key."""
    if key:
        return "Id"
    if name in _COLUMN_WORDS:
        return _COLUMN_WORDS[name]
    words = name.removesuffix("_id").removesuffix("_iso3").replace("_", " ")
    return words[:1].upper() + words[1:]


def table_label(name: str) -> str:
    """'project countries' for project_countries."""
    return _TABLE_WORDS.get(name, name.replace("_", " "))


def record_kind(table: str) -> str:
    """What one row of a table is: 'project' for projects."""
    return _RECORD_WORDS.get(table, table_label(table))


def value_label(value: object) -> object:
    """A listed value in words ('in person' for in_person); anything else as it is."""
    return value.replace("_", " ") if isinstance(value, str) else value
