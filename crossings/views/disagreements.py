"""Where sources disagree (claims.csv): every claim about a record side by side with what the
data holds, each source named as people cite it, and the facts that needed a source of their
own. Counts are compared as counts: the curators' '7 land + 6 across the Gulf = 13' agrees with
IOM Iran's 13; Iran's neighbours are worded as on the map and the presenter's slide."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import pandas as pd

from crossings.data.dataset import Dataset
from crossings.data.dates import date_precision_of
from crossings.data.schema import TABLES_BY_NAME
from crossings.languages import N_, _
from crossings.languages.numbers import number_as_written
from crossings.text.citations import readable_note, short_citation
from crossings.text.formatting import format_count, format_date
from crossings.text.labels import record_kind
from crossings.views.profiles import NeighbourStatement, claimed_count, country_profile, neighbour_statement
from crossings.views.tables import record_label


@dataclass
class Disagreement:
    """One record on which sources differ: every claim about it, side by side."""

    table: str
    record_id: str
    label: str
    fields: list[str]  # the facts on which the sources give different values
    grid: pd.DataFrame  # one row per fact claimed: fact, in the data, then one column per source
    claims: pd.DataFrame  # the claims themselves: field, value, source_id, note
    summaries: list[str]  # one line per disputed fact
    notes: list[str]  # what each source's note says: 'ICMPD (2016) on the end date: ...'


def claim_value(table: str, field: str, value: str) -> str:
    """A claimed value as people read it, the way the data's own value is shown: dates by
    their precision ('July 2021'), numbers with separators ('5,894')."""
    schema = TABLES_BY_NAME.get(table)
    if schema is None or field not in schema.names:
        return value
    kind = schema.column(field).kind
    if kind == "date":
        precision = date_precision_of(value)
        if precision is not None:
            return format_date(value, precision)
    if kind in ("int", "float"):
        number = pd.to_numeric(value, errors="coerce")
        if pd.notna(number):
            return _number(float(number))
    return value


# The facts claims.csv names, in words; any other field reads as its name with spaces.
_FACTS = {"amount": N_("amount"), "budget": N_("budget"), "coastline_km": N_("coastline km"),
          "duration": N_("duration"), "end_date": N_("end date"), "funding": N_("funding"),
          "land_border_km": N_("land border km"), "land_neighbours": N_("land neighbours"),
          "neighbours": N_("neighbours"), "participants": N_("participants"), "start_date": N_("start date")}


def fact_name(field: str) -> str:
    """'end date' for end_date: facts named in words, in the active language."""
    return _(_FACTS[field]) if field in _FACTS else field.replace("_", " ")


def _number(value: float) -> str:
    return number_as_written(int(value) if value.is_integer() else value)


def recorded_value(dataset: Dataset, table: str, record_id: str, field: str) -> str | None:
    """What the data itself holds for the fact, if the fact is a column of the record."""
    schema = TABLES_BY_NAME.get(table)
    if schema is None or field not in schema.names:
        return None
    key = schema.key or "iso3"
    frame = dataset.tables[table]
    match = frame[frame[key] == record_id]
    if match.empty:
        return None
    value = match.iloc[0][field]
    column = schema.column(field)
    if column.kind == "date":
        return format_date(value, match.iloc[0][column.precision]) if column.precision else str(value)
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return "blank"
    if isinstance(value, int | float):
        return _number(float(value))
    return str(value)


MISSING = "—"  # a source that says nothing about a fact, or a fact the data has no column for


def source_names(dataset: Dataset, source_ids: list[str]) -> dict[str, str]:
    """Each source as people cite it ('ICMPD (2016)'); where two of `source_ids` would read the
    same ('ICMPD (n.d.)' twice), each also gives the start of its title ('ICMPD (n.d.), JEMPAS
    II'). Never the id: that is for the data files."""
    cited = {source: short_citation(dataset, source) for source in source_ids}
    twice = {citation for citation in cited.values() if list(cited.values()).count(citation) > 1}
    titles = dataset.source_titles
    return {source: f"{citation}, {_short(titles.get(source, source))}" if citation in twice else citation
            for source, citation in cited.items()}


def _short(title: str, length: int = 40) -> str:
    if len(title) <= length:
        return title
    return title[:length].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def disagreements(dataset: Dataset) -> list[Disagreement]:
    """Records where two sources give different values for the same fact, each with every
    claim about that record (Iran's 13 neighbours and the Factbook's 7 land neighbours are
    claims about the same country). Worked out once per dataset: treat as read only."""
    return dataset.memo.get("disagreements", lambda: _disagreements(dataset))


def _comparable(value: str) -> str:
    """A claimed value as compared with another: its count where it gives one ('7 land + 6 across
    the Gulf = 13' is 13, as IOM's '13' is), else its words regardless of case."""
    count = claimed_count(value)
    return str(count) if count is not None else value.strip().casefold()


def _neighbours(dataset: Dataset, table: str, record_id: str) -> NeighbourStatement | None:
    """How many neighbours a country has, worded as the map and the presenter word it."""
    if table != "countries":
        return None
    profile = country_profile(dataset, record_id)
    if profile is None or not profile.claims_about("neighbours"):
        return None
    return neighbour_statement(profile, partial(short_citation, dataset))


def _disagreements(dataset: Dataset) -> list[Disagreement]:
    claims = dataset.claims
    found = []
    for (table, record_id), about in claims.groupby(["table", "record_id"], sort=False):
        disputed = [field for field, group in about.groupby("field", sort=False)
                    if group["value"].map(_comparable).nunique() > 1]
        neighbours = _neighbours(dataset, table, record_id)
        if neighbours is not None and neighbours.differs and "neighbours" not in disputed:
            disputed.append("neighbours")  # a source's count against the neighbours the data lists
        if not disputed:
            continue
        sources = list(dict.fromkeys(about["source_id"]))
        names = source_names(dataset, sources)
        own_source = _record_source(dataset, table, record_id)
        grid_rows = []
        for field, group in about.groupby("field", sort=False):
            recorded = recorded_value(dataset, table, record_id, field)  # a column of the record
            in_data = recorded
            if in_data is None and field == "neighbours" and neighbours is not None:
                in_data = format_count(country_profile(dataset, record_id).neighbour_count)  # from borders
            grid_row = {"fact": fact_name(field), "in the data": in_data or MISSING}
            for source in sources:
                values = group.loc[group["source_id"] == source, "value"]
                if len(values):
                    said = "; ".join(claim_value(table, field, v) for v in values)
                elif source == own_source and recorded is not None:
                    said = recorded  # the record's own row is taken from this source
                else:
                    said = MISSING
                grid_row[names[source]] = said
            grid_rows.append(grid_row)
        summaries = [_("{fact}: {said}").format(fact=fact_name("neighbours"), said=neighbours.text)
                     if field == "neighbours" and neighbours is not None
                     else _summary(dataset, table, record_id, about, field, names) for field in disputed]
        notes = [_("{source} on the {fact}: {note}").format(source=names[source], fact=fact_name(field),
                                                           note=readable_note(dataset, note))
                 for field, source, note in zip(about["field"], about["source_id"], about["note"],
                                                strict=True) if isinstance(note, str)]
        found.append(Disagreement(
            table=table, record_id=record_id, label=record_label(dataset, table, record_id),
            fields=disputed, grid=pd.DataFrame(grid_rows),
            claims=about[["field", "value", "source_id", "note"]].reset_index(drop=True),
            summaries=summaries, notes=notes))
    return found


def _record_source(dataset: Dataset, table: str, record_id: str) -> str | None:
    """The source the record's own row names (countries.csv's IRN row: the Factbook)."""
    schema = TABLES_BY_NAME.get(table)
    frame = dataset.tables.get(table)
    if schema is None or frame is None or "source_id" not in frame.columns:
        return None
    match = frame.loc[frame[schema.key or "iso3"] == record_id, "source_id"].dropna()
    return str(match.iloc[0]) if len(match) else None


def _said(table: str, claims: pd.DataFrame, names: dict[str, str]) -> list[str]:
    return [_("{value} per {source}").format(value=claim_value(table, field, value), source=names[source])
            for field, value, source in zip(claims["field"], claims["value"], claims["source_id"],
                                            strict=True)]


def _summary(dataset: Dataset, table: str, record_id: str, about: pd.DataFrame, field: str,
             names: dict[str, str]) -> str:
    """'end date: October 2021 per Migration Partnership Facility (ICMPD) (n.d.) vs July 2021 per
    ICMPD (n.d.); the data uses October 2021', with the qualified forms of the fact beside it
    (land neighbours beside neighbours)."""
    def said(fact: str) -> str:
        return _("{fact}: {said}").format(fact=fact_name(fact), said=_(" vs ").join(
            _said(table, about[about["field"] == fact], names)))

    line = said(field)
    used = recorded_value(dataset, table, record_id, field)
    if used:
        line = _("{line}; the data uses {value}").format(line=line, value=used)
    for related in dict.fromkeys(f for f in about["field"] if f.endswith(f"_{field}")):
        line = _("{line}; {more}").format(line=line, more=said(related))
        used = recorded_value(dataset, table, record_id, related)
        if used:
            line = _("{line} (the data: {value})").format(line=line, value=used)
    return line


def other_claims(dataset: Dataset, found: list[Disagreement] | None = None) -> pd.DataFrame:
    """Claims about records on which no two sources disagree: facts that needed a source of
    their own (a resolved date, a budget from a second page). `found`: the disagreements, if
    already worked out."""
    if found is None:
        return dataset.memo.get("other_claims", lambda: other_claims(dataset, disagreements(dataset)))
    disputed = {(d.table, d.record_id) for d in found}
    claims = dataset.claims
    keep = pd.Series([(t, r) not in disputed for t, r in zip(claims["table"], claims["record_id"],
                                                              strict=True)], index=claims.index, dtype=bool)
    rest = claims[keep]  # a boolean Series: an empty list would select columns, not rows
    return pd.DataFrame({
        "record": [record_label(dataset, t, r)
                   for t, r in zip(rest["table"], rest["record_id"], strict=True)],
        "table": rest["table"].map(record_kind).to_numpy(),
        "fact": rest["field"].map(fact_name).to_numpy(),
        "value": [claim_value(t, f, v) for t, f, v in zip(rest["table"], rest["field"], rest["value"],
                                                           strict=True)],
        "source": rest["source_id"].map(lambda source: short_citation(dataset, source)).to_numpy(),
        "source_id": rest["source_id"].to_numpy(),
        "note": _readable_notes(dataset, rest["note"]),
    })


def claims_of(dataset: Dataset, source_id: str) -> pd.DataFrame:
    """What one source says in claims.csv, in words: the record, the fact, the value, its note."""
    claims = dataset.claims[dataset.claims["source_id"] == source_id]
    return pd.DataFrame({
        _("Record"): [record_label(dataset, t, r)
                      for t, r in zip(claims["table"], claims["record_id"], strict=True)],
        _("Fact"): claims["field"].map(fact_name).to_numpy(),
        _("Value"): [claim_value(t, f, v) for t, f, v in zip(claims["table"], claims["field"],
                                                              claims["value"],
                                                           strict=True)],
        _("Note"): _readable_notes(dataset, claims["note"]),
    })


def _readable_notes(dataset: Dataset, notes: pd.Series) -> list:
    """Claim notes as people read them: '(Crossings (2026))', never '(REF-CURATOR-NOTES)'."""
    return [readable_note(dataset, note) if isinstance(note, str) else note for note in notes]
