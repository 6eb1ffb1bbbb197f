"""What may leave the app: the public subset of a dataset.

Sources, events, projects and funding lines carry a visibility: public (the default) or
internal. The app's own users see everything. Whatever a public route serves (a public
server, the data address, embeds and public downloads) must read `public_subset(dataset)`,
never the dataset itself, so that an internal row, and everything that rests on it, stays in:

- a row marked internal goes;
- a row that names a source that went (as its own source, its date's, or the one an inference
  rests on) goes: its fact comes from a document that is not public;
- a row that needs a record that went goes (the countries of an internal event, the funding
  of an internal project); a record that only points to it keeps its row, with the pointer
  blanked (an event of an internal project stays, without its project);
- claims about a record that went go.

The problems the validator found are not part of it (they quote values from every row).
"""

from __future__ import annotations

import pandas as pd

from crossings.data.dataset import Dataset
from crossings.data.schema import SOURCE_REF, TABLES

INTERNAL = "internal"


def public_subset(dataset: Dataset) -> Dataset:
    """The dataset without its internal rows and what rests on them; worked out once per
    dataset. The same object when nothing is internal."""
    return dataset.memo.get("public_subset", lambda: _public_subset(dataset))


def has_internal_rows(dataset: Dataset) -> bool:
    return any((frame["visibility"] == INTERNAL).any() for frame in dataset.tables.values()
               if "visibility" in frame.columns)


def _public_subset(dataset: Dataset) -> Dataset:
    if not has_internal_rows(dataset):
        return dataset
    tables: dict[str, pd.DataFrame] = {}
    gone: dict[str, set[str]] = {}  # table -> keys of the rows that went
    sources = dataset.sources
    gone["sources"] = set(sources.loc[sources["visibility"] == INTERNAL, "source_id"])
    for table in TABLES:
        frame = dataset.tables[table.name]
        keep = pd.Series(True, index=frame.index)
        if "visibility" in frame.columns:
            keep &= frame["visibility"] != INTERNAL
        for column in table.columns:
            if column.ref is None or column.kind == "list" or not gone.get(column.ref[0]):
                continue
            hits = frame[column.name].isin(gone[column.ref[0]])
            if column.required or column.ref == SOURCE_REF:
                keep &= ~hits
            else:
                frame = frame.assign(**{column.name: frame[column.name].mask(hits)})
        if table.name == "claims":
            about = zip(frame["table"], frame["record_id"], strict=True)
            keep &= pd.Series([record not in gone.get(target, set()) for target, record in about],
                              index=frame.index, dtype=bool)
        kept = frame[keep]
        if table.key:
            gone[table.name] = gone.get(table.name, set()) | (set(frame[table.key]) - set(kept[table.key]))
        tables[table.name] = kept
    return Dataset(tables=tables, data_dir=None)
