"""Where every fact comes from: what each source gave, which records rely on it, and where
two sources disagree (claims.csv)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from crossings.data.dataset import Dataset
from crossings.data.schema import TABLES, TABLES_BY_NAME, Table
from crossings.data.values import date_precision_of
from crossings.text.escaping import safe_url
from crossings.text.formatting import format_date
from crossings.views.filtered_view import FILTERED_TABLES, FilteredView
from crossings.views.tables import code_labels, record_label

SOURCE_REF = ("sources", "source_id")


def citing_columns() -> list[tuple[Table, str]]:
    """Every (table, column) that names a source: source_id, and date_source_id for events."""
    return [(table, column.name) for table in TABLES for column in table.columns
            if column.ref == SOURCE_REF and table.name != "sources"]


def citations(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per (row of a table, source it names): source_id, table, column, row (the
    spreadsheet row number, as the validator gives it)."""
    parts = []
    for table, column in citing_columns():
        frame = tables.get(table.name)
        if frame is None or frame.empty:
            continue
        cited = frame[column].dropna()
        parts.append(pd.DataFrame({"source_id": cited.to_numpy(dtype=object), "table": table.name,
                                   "column": column, "row": cited.index.to_numpy()}))
    if not parts:
        return pd.DataFrame(columns=["source_id", "table", "column", "row"])
    return pd.concat(parts, ignore_index=True)


def _fact_of(column: str) -> str:
    """'date' for date_source_id: the fact a second source column stands behind."""
    return column.removesuffix("_source_id").replace("_", " ")


def _use_label(table: str, column: str) -> str:
    """How a citation reads: 'events' for a row's own source, 'events (dates)' for the source
    of an event's date."""
    if column == "source_id":
        return table
    return f"{table} ({_fact_of(column)}s)"


def dataset_citations(dataset: Dataset) -> pd.DataFrame:
    """citations() of the whole dataset, worked out once per dataset."""
    return dataset.memo.get("citations", lambda: citations(dataset.tables))


def source_usage(dataset: Dataset, view: FilteredView | None = None) -> pd.DataFrame:
    """Every source with what was taken from it: rows per table that cite it, the claims it
    makes, and how many of the rows in the filtered view rely on it. All but the last column
    depend only on the data: worked out once per dataset."""
    usage = dataset.memo.get("source_usage", lambda: _source_usage(dataset))
    in_view = _cited_in_view(view) if view is not None else pd.Series(dtype="int64")
    return usage.assign(**{"rows in view": usage["source_id"].map(in_view).fillna(0).astype("int64")})


def _source_usage(dataset: Dataset) -> pd.DataFrame:
    cited = dataset_citations(dataset)
    taken = cited.groupby(["source_id", "table", "column"], sort=False).size()
    per_source = cited["source_id"].value_counts()
    claims = dataset.claims["source_id"].value_counts()
    rows = []
    for source in dataset.sources.itertuples(index=False):
        parts = ([f"{_use_label(t, c)}: {n:,}" for (t, c), n in taken.loc[source.source_id].items()]
                 if source.source_id in per_source.index else [])
        rows.append({
            "source_id": source.source_id,
            "title": source.title,
            "publisher": source.publisher if isinstance(source.publisher, str) else None,
            "published": format_date(source.published, source.published_precision)
            if isinstance(source.published, str) else "undated",
            "kind": source.kind,
            "link": safe_url(source.url),
            "taken from it": " · ".join(parts) if parts else "no row names it (see its notes)",
            "rows": int(per_source.get(source.source_id, 0)),
            "claims": int(claims.get(source.source_id, 0)),
        })
    columns = ["source_id", "title", "publisher", "published", "kind", "link", "taken from it",
               "rows", "claims"]
    return pd.DataFrame(rows, columns=columns).astype({"rows": "int64", "claims": "int64"})


# --- the records relying on one source -----------------------------------------------------

def row_record(dataset: Dataset, table: Table, row: Mapping) -> tuple[str, str]:
    """(record, what it is) for one row: its id and name if the table has a key, else the
    codes it joins and what they stand for ('EV-2021-CAIRO · EGY', 'Regional workshop … ·
    Egypt (host)')."""
    if table.name == "claims":
        about = record_label(dataset, row["table"], row["record_id"])
        return row["claim_id"], f"{about}: {row['field']} = {row['value']}"
    if table.key:
        return str(row[table.key]), record_label(dataset, table.name, row[table.key])
    codes, names = [], []
    for column in table.columns:
        if column.ref == SOURCE_REF or column.kind not in ("iso3", "ref"):
            continue
        code = row[column.name]
        if isinstance(code, str):
            labels = code_labels(dataset, column) or {}
            codes.append(code)
            names.append(labels.get(code, code))
    if not codes:  # e.g. exchange rates: a month and a currency
        codes = [str(row[c.name]) for c in table.columns[:2]]
        names = list(codes)
    what = " · ".join(names)
    for detail in ("role", "kind"):
        if detail in table.names and isinstance(row[detail], str):
            what += f" ({row[detail]})"
            break
    return " · ".join(codes), what


def records_relying_on(dataset: Dataset, source_id: str, view: FilteredView | None = None) -> pd.DataFrame:
    """Every row that names the source, with what it is and whether the filtered view keeps it.
    The rows and what they are depend only on the data (once per dataset and source); whether
    the view keeps them is worked out per view."""
    relying = dataset.memo.get(("records_relying_on", source_id), lambda: _relying_rows(dataset, source_id))
    in_view = pd.Series(None, index=relying.index, dtype="object")
    for table in FILTERED_TABLES:  # a row is in the view when the view's table keeps its row number
        rows = relying["table"] == table
        if rows.any():
            kept = getattr(view, table).index if view is not None else pd.Index([])
            in_view[rows] = np.isin(relying.loc[rows, "row"].to_numpy(), kept.to_numpy())
    return relying.assign(**{"in view": in_view})


def _cited_in_view(view: FilteredView) -> pd.Series:
    """Source id -> how many citations the view's rows make (a row's source and its date's)."""
    counts = [getattr(view, table.name)[column].value_counts()
              for table, column in citing_columns() if table.name in FILTERED_TABLES]
    return pd.concat(counts).groupby(level=0).sum() if counts else pd.Series(dtype="int64")


def _relying_rows(dataset: Dataset, source_id: str) -> pd.DataFrame:
    cited = dataset_citations(dataset)
    cited = cited[cited["source_id"] == source_id]
    rows = []
    for (table_name, column), group in cited.groupby(["table", "column"], sort=False):
        table = TABLES_BY_NAME[table_name]
        cited_rows = dataset.tables[table_name].loc[group["row"]]
        for row_number, row in zip(cited_rows.index, cited_rows.to_dict("records"), strict=True):
            record, what = row_record(dataset, table, row)
            rows.append({"table": table_name, "row": int(row_number), "record": record, "what": what,
                         "as": "the row" if column == "source_id" else f"its {_fact_of(column)}"})
    return pd.DataFrame(rows, columns=["table", "row", "record", "what", "as"])


# --- where sources disagree ----------------------------------------------------------------

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


def fact_name(field: str) -> str:
    """'end date' for end_date: facts named in words."""
    return field.replace("_", " ")


def _number(value: float) -> str:
    return f"{int(value):,}" if value.is_integer() else f"{value:,}"


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


def source_heading(dataset: Dataset, source_id: str) -> str:
    """'ICMPD [SEC-ICMPD-JEMPAS2]': who says it, and which of their documents."""
    return _source_headings(dataset).get(source_id, source_id)


@lru_cache(maxsize=8)
def _source_headings(dataset: Dataset) -> dict[str, str]:
    sources = dataset.sources
    return {source: f"{publisher} [{source}]" if isinstance(publisher, str) else source
            for source, publisher in zip(sources["source_id"], sources["publisher"], strict=True)}


def disagreements(dataset: Dataset) -> list[Disagreement]:
    """Records where two sources give different values for the same fact, each with every
    claim about that record (Iran's 13 neighbours and the Factbook's 7 land neighbours are
    claims about the same country). Worked out once per dataset: treat as read only."""
    return dataset.memo.get("disagreements", lambda: _disagreements(dataset))


def _disagreements(dataset: Dataset) -> list[Disagreement]:
    claims = dataset.claims
    found = []
    for (table, record_id), about in claims.groupby(["table", "record_id"], sort=False):
        disputed = [field for field, group in about.groupby("field", sort=False)
                    if group["value"].str.strip().str.casefold().nunique() > 1]
        if not disputed:
            continue
        sources = list(dict.fromkeys(about["source_id"]))
        grid_rows = []
        for field, group in about.groupby("field", sort=False):
            grid_row = {"fact": fact_name(field),
                        "in the data": recorded_value(dataset, table, record_id, field) or MISSING}
            for source in sources:
                values = group.loc[group["source_id"] == source, "value"]
                grid_row[source_heading(dataset, source)] = (
                    "; ".join(claim_value(table, field, v) for v in values) if len(values) else MISSING)
            grid_rows.append(grid_row)
        summaries = [_summary(dataset, table, record_id, about, field) for field in disputed]
        found.append(Disagreement(
            table=table, record_id=record_id, label=record_label(dataset, table, record_id),
            fields=disputed, grid=pd.DataFrame(grid_rows),
            claims=about[["field", "value", "source_id", "note"]].reset_index(drop=True),
            summaries=summaries))
    return found


def _said(dataset: Dataset, table: str, claims: pd.DataFrame) -> list[str]:
    return [f"{claim_value(table, field, value)} per {source_heading(dataset, source)}"
            for field, value, source in zip(claims["field"], claims["value"], claims["source_id"],
                                            strict=True)]


def _summary(dataset: Dataset, table: str, record_id: str, about: pd.DataFrame, field: str) -> str:
    """'end date: October 2021 per MPF [SEED-002] vs July 2021 per ICMPD [...]; the data uses
    October 2021', with the qualified forms of the fact beside it (land neighbours beside
    neighbours)."""
    def said(fact: str) -> str:
        return f"{fact_name(fact)}: " + " vs ".join(_said(dataset, table, about[about["field"] == fact]))

    line = said(field)
    used = recorded_value(dataset, table, record_id, field)
    if used:
        line += f"; the data uses {used}"
    for related in dict.fromkeys(f for f in about["field"] if f.endswith(f"_{field}")):
        line += f"; {said(related)}"
        used = recorded_value(dataset, table, record_id, related)
        if used:
            line += f" (the data: {used})"
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
        "table": rest["table"].to_numpy(),
        "fact": rest["field"].map(fact_name).to_numpy(),
        "value": [claim_value(t, f, v) for t, f, v in zip(rest["table"], rest["field"], rest["value"],
                                                           strict=True)],
        "source_id": rest["source_id"].to_numpy(),
        "note": rest["note"].to_numpy(),
    })
