"""HXL-tagged CSV: the same rows, with a row of HXL hashtags under the header, so HDX and other
HXL-aware tools read what each column is (the Humanitarian Exchange Language, hxlstandard.org).

Every column of every table gets a hashtag from its declared kind and name (crossings.data.schema),
with attributes that say its role: `#org+funder+code` for a funder's id, `#country+code+host`
for a host country, `#value+budget` for an amount, `#date+start`. Only core HXL hashtags are
used (#event, #activity, #org, #country, #region, #loc, #geo, #date, #value, #currency, #sector,
#status, #reached, #indicator, #description, #meta); what is specific to Crossings goes in
attributes. The tags are what machines read: they never change with the interface language.
"""

from __future__ import annotations

import csv
import io
import re

import pandas as pd

from crossings.data.schema import TABLES_BY_NAME, Column
from crossings.exports.tables import spreadsheet_safe, without_derived

# What each table's rows are, in HXL's words.
ENTITIES = {"events": "#event", "projects": "#activity", "organisations": "#org",
            "sources": "#meta+source", "topics": "#sector", "countries": "#country",
            "funding": "#activity+funding", "claims": "#meta+claim"}
# A reference to another table: what it points at.
REFERENCED = {"projects": "#activity", "events": "#event", "sources": "#meta+source",
              "topics": "#sector", "organisations": "#org"}
ORG_ROLES = {"funder_id": "+funder", "implementer_id": "+impl", "instrument_id": "+funder+instrument",
             "parent_id": "+parent"}
COUNTRY_ROLES = {"host_iso3": "+host", "neighbour_iso3": "+neighbour"}
NUMBERS = {"amount": "#value+budget", "participants": "#reached+participants", "lat": "#geo+lat",
           "lon": "#geo+lon", "percentage": "#indicator+share+pct"}
TEXTS = {"title": "+name", "name": "+name", "label": "+name", "short_title": "+name+short",
         "acronym": "+acronym", "summary": "#description", "description": "#description",
         "notes": "#meta+notes", "note": "#meta+notes", "date_note": "#meta+notes+date",
         "participants_note": "#meta+notes+participants", "url": "#meta+url", "city": "#loc+city+name",
         "venue": "#loc+venue+name", "region": "#region+name", "subregion": "#region+sub+name",
         "publisher": "#org+publisher+name", "countries_text": "#country+name+text",
         "sea": "#loc+sea+name", "iati_ref": "#org+iati+code", "iati_identifier": "#activity+iati+code",
         "record_id": "#meta+record+code", "field": "#meta+field", "value": "#meta+value",
         "table": "#meta+table"}
_ATTRIBUTE = re.compile(r"[^a-z0-9_]+")


def _attribute(name: str) -> str:
    return "+" + _ATTRIBUTE.sub("_", name.lower()).strip("_")


def hxl_tag(table_name: str, column: Column) -> str:
    """The HXL hashtag (with attributes) of one column of one table."""
    name, entity = column.name, ENTITIES.get(table_name, "#meta")
    if column.kind == "id":
        return entity + "+code"
    if name in ORG_ROLES:
        return "#org" + ORG_ROLES[name] + "+code"
    if column.kind == "ref" or (column.kind == "list" and column.ref):
        target = REFERENCED.get(column.ref[0], "#meta") if column.ref else "#meta"
        # the source of one fact (a date, a publication date, an inference), beside the row's own
        extra = _attribute(name.removesuffix("_source_id")) if name.endswith("_source_id") else ""
        listed = "+list" if column.kind == "list" else ""
        return f"{target}{extra}+code{listed}"
    if column.kind == "iso3":
        return "#country+code" + COUNTRY_ROLES.get(name, "")
    if column.kind == "currency":
        return "#currency"
    if column.kind == "date":
        return "#date" + _attribute(name.removesuffix("_date") or name)
    if name in NUMBERS:
        return NUMBERS[name]
    if column.kind in ("int", "float"):
        return "#indicator" + _attribute(name) + "+num"
    if name in TEXTS:
        tag = TEXTS[name]
        return tag if tag.startswith("#") else entity + tag
    if name == "status":
        return "#status"
    if name in ("kind", "org_type"):
        return entity + "+type"
    return "#meta" + _attribute(name)


def hxl_tags(table_name: str, columns: list[str]) -> list[str]:
    table = TABLES_BY_NAME[table_name]
    declared = {c.name: c for c in table.columns}
    return [hxl_tag(table_name, declared[c]) if c in declared else "#meta" + _attribute(c) for c in columns]


def hxl_csv_bytes(table_name: str, frame: pd.DataFrame) -> bytes:
    """The rows as CSV (UTF-8 with a byte-order mark, spreadsheet-safe, as the plain download),
    with the hashtag row under the header."""
    safe = spreadsheet_safe(without_derived(frame))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(list(safe.columns))
    writer.writerow(hxl_tags(table_name, [str(c).lstrip("'") for c in safe.columns]))
    for record in safe.itertuples(index=False):
        writer.writerow(["" if pd.isna(value) else value for value in record])
    return out.getvalue().encode("utf-8-sig")


def hxl_file_bytes(table_name: str, curated: bytes) -> bytes:
    """A curated CSV file (as stored in data/) with the hashtag row inserted under its header,
    every other byte unchanged: the HXL form of the whole-dataset download."""
    text = curated.decode("utf-8-sig")
    header, _, rest = text.partition("\n")
    columns = next(csv.reader([header]))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(hxl_tags(table_name, columns))
    return (header + "\n" + out.getvalue() + rest).encode("utf-8")
