"""Where every fact comes from: what each source gave and which records rely on it. (Where two
sources disagree is in crossings.views.disagreements.)"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from crossings.data.dataset import Dataset
from crossings.data.schema import TABLES, TABLES_BY_NAME, Table
from crossings.languages import N_, _
from crossings.text.escaping import safe_url
from crossings.text.formatting import format_count, format_date
from crossings.text.labels import table_label, value_label
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


# What a source column other than a row's own source_id stands behind: (one, several).
_FACTS = {"date_source_id": (N_("date"), N_("dates")),
          "start_source_id": (N_("start date"), N_("start dates")),
          "end_source_id": (N_("end date"), N_("end dates")),
          "basis_source_id": (N_("reasoning"), N_("reasoning")),
          "published_source_id": (N_("publication date"), N_("publication dates"))}


def _fact_of(column: str) -> str:
    """'date' for date_source_id: the fact a second source column stands behind."""
    if column in _FACTS:
        return _(_FACTS[column][0])
    return column.removesuffix("_source_id").replace("_", " ")


def _use_label(table: str, column: str) -> str:
    """How a citation reads: 'event countries' for a row's own source, 'events (dates)' for the
    source of an event's date, 'event countries (reasoning)' for the source an inference rests on."""
    if column == "source_id":
        return table_label(table)
    several = _(_FACTS[column][1]) if column in _FACTS else f"{_fact_of(column)}s"
    return _("{table} ({facts})").format(table=table_label(table), facts=several)


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


def _source_takings(dataset: Dataset) -> dict[str, list[tuple[str, str, int]]]:
    """Source id -> (table, column, rows citing it there): the counting, the same in every
    language, so the memo keeps it once; only the words around it are written per language."""
    cited = dataset_citations(dataset)
    taken = cited.groupby(["source_id", "table", "column"], sort=False).size()
    found: dict[str, list[tuple[str, str, int]]] = {}
    for (source_id, table, column), n in taken.items():
        found.setdefault(source_id, []).append((table, column, int(n)))
    return found


def _source_usage(dataset: Dataset) -> pd.DataFrame:
    cited = dataset_citations(dataset)
    takings = dataset.memo.get("source_takings", lambda: _source_takings(dataset))
    per_source = cited["source_id"].value_counts()
    claims = dataset.claims["source_id"].value_counts()
    uses: dict[tuple[str, str], str] = {}
    rows = []
    for source in dataset.sources.itertuples(index=False):
        parts = [_("{use}: {n}").format(use=uses.get((t, c)) or uses.setdefault((t, c), _use_label(t, c)),
                                        n=format_count(n))
                 for t, c, n in takings.get(source.source_id, ())]
        rows.append({
            "source_id": source.source_id,
            "title": source.title,
            "publisher": source.publisher if isinstance(source.publisher, str) else None,
            "published": _published(source),
            "kind": source.kind,
            "link": safe_url(source.url),
            "taken from it": " · ".join(parts) if parts else _("no row names it (see its notes)"),
            "rows": int(per_source.get(source.source_id, 0)),
            "claims": int(claims.get(source.source_id, 0)),
        })
    columns = ["source_id", "title", "publisher", "published", "kind", "link", "taken from it",
               "rows", "claims"]
    return pd.DataFrame(rows, columns=columns).astype({"rows": "int64", "claims": "int64"})


def _published(source) -> str:
    """'July 2021 (inferred)': the publication date as people write it, and how it is known
    when the source does not print it; 'undated' when no date is known."""
    if not isinstance(source.published, str):
        return _("undated")
    when = format_date(source.published)
    status = source.published_status
    if status in ("stated", None):
        return when
    return _("{date} ({status})").format(date=when, status=value_label(str(status)))


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
            what += f" ({value_label(row[detail])})"
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
                         "as": _("the row") if column == "source_id"
                         else _("its {fact}").format(fact=_fact_of(column))})
    return pd.DataFrame(rows, columns=["table", "row", "record", "what", "as"])
