"""Rows picked fast, at a hundred thousand events: membership tests done by Arrow, and links
between tables followed by row position instead of by id.

pandas' `isin` on Arrow-backed string columns turns every value looked for into a Python
object first (a view's 50,000 event ids meant 50,000 objects, 10 to 30 times slower than
Arrow's own `is_in`). And filtering a link table (event_countries, 540,000 rows at 100,000
events) by the ids its events kept meant one such test per filter change; with each link row's
position in its parent table worked out once per dataset, it is one array lookup.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from crossings.data.dataset import Dataset


def _arrow(values) -> pa.Array:
    if isinstance(values, pd.Series | pd.Index):
        values = values.array
    return values if isinstance(values, pa.Array | pa.ChunkedArray) else pa.array(
        values if not isinstance(values, set | frozenset | dict) else list(values))


def member(column: pd.Series, values) -> np.ndarray:
    """Whether each value of `column` is one of `values` (a Series, an Arrow array or any
    collection), as a numpy boolean array; missing values never match. The same answer as
    `column.isin(values)`, done by Arrow."""
    if len(column) == 0:
        return np.zeros(0, dtype=bool)
    array = _arrow(column)
    wanted = _arrow(values)
    if len(wanted) == 0:
        return np.zeros(len(column), dtype=bool)
    if wanted.type != array.type:
        wanted = wanted.cast(array.type)
    found = pc.is_in(array, value_set=wanted, skip_nulls=True)
    return found.to_numpy(zero_copy_only=False).astype(bool, copy=False)


def positions(ids: pd.Series, of: pd.Series) -> np.ndarray:
    """For each value of `ids`, the row position of the same id in `of` (ids unique there), or
    -1 where there is none (a missing id never matches). Arrow's index_in: a pandas Index built
    over 100,000 text ids for each lookup cost 30 ms."""
    if len(ids) == 0:
        return np.zeros(0, dtype=np.intp)
    array, wanted = _arrow(ids), _arrow(of)
    if len(wanted) == 0:
        return np.full(len(ids), -1, dtype=np.intp)
    if wanted.type != array.type:
        wanted = wanted.cast(array.type)
    found = pc.index_in(array, value_set=wanted, skip_nulls=True)
    return found.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.intp, copy=False)


def take(keep: np.ndarray, at: np.ndarray) -> np.ndarray:
    """keep[at], with position -1 (no parent row) never kept."""
    return np.append(keep, False)[at]


def rows_of(size: int, at: np.ndarray) -> np.ndarray:
    """A boolean array of `size` rows, true at the positions `at` (-1 ignored)."""
    keep = np.zeros(size + 1, dtype=bool)
    keep[at] = True
    return keep[:size]


@dataclass(frozen=True)
class Links:
    """Each link row's position in its parent table, once per dataset (see the module notes)."""

    event_countries: np.ndarray  # -> events
    event_organisations: np.ndarray  # -> events
    project_countries: np.ndarray  # -> projects
    project_organisations: np.ndarray  # -> projects
    funding: np.ndarray  # -> projects
    event_projects: np.ndarray  # each event's project -> projects (-1: none)


def links(dataset: Dataset) -> Links:
    def compute() -> Links:
        event_ids, project_ids = dataset.events["event_id"], dataset.projects["project_id"]
        return Links(
            event_countries=positions(dataset.event_countries["event_id"], event_ids),
            event_organisations=positions(dataset.event_organisations["event_id"], event_ids),
            project_countries=positions(dataset.project_countries["project_id"], project_ids),
            project_organisations=positions(dataset.project_organisations["project_id"], project_ids),
            funding=positions(dataset.funding["project_id"], project_ids),
            event_projects=positions(dataset.events["project_id"], project_ids))
    return dataset.memo.get("link_positions", compute)


def column_codes(dataset: Dataset, table: str, column: str) -> tuple[np.ndarray, np.ndarray]:
    """A column of the dataset as codes, once per dataset: each row's position (int64) in the
    sorted distinct values (-1 where missing), and those values. Every part that counts or picks
    a column's values by row position reads the same codes."""
    def compute() -> tuple[np.ndarray, np.ndarray]:
        codes, values = pd.factorize(dataset.tables[table][column], sort=True)
        return codes.astype(np.int64), np.asarray(values, dtype=object)
    return dataset.memo.get(("column codes", table, column), compute)


# Country columns read by values_at, by name.
CODED = {"event countries": ("event_countries", "country_iso3"), "hosts": ("events", "host_iso3"),
         "project countries": ("project_countries", "country_iso3")}


def values_at(dataset: Dataset, coded: str, rows: np.ndarray) -> set:
    """The distinct values (missing left out) of a CODED column at the rows `rows` (a boolean
    array), read from the column's codes."""
    codes, values = column_codes(dataset, *CODED[coded])
    return set(values[np.unique(codes[rows & (codes >= 0)])].tolist())


def in_view(view, key, frame: pd.DataFrame, table: str = "events", column: str = "event_id") -> np.ndarray:
    """Which rows of `frame`, worked out once per dataset and kept in its memo under `key`,
    belong to the view's rows of `table` (by `column`, unique there): each row's position in
    the table is found once per dataset (and language: the frame may hold words), and a view
    takes its rows by position (a member test over a hundred thousand text ids per view and
    frame cost a tenth of the Timeline's rerun)."""
    dataset = view.dataset
    at = dataset.memo.get(("positions", key, table),
                          lambda: positions(frame[column], dataset.tables[table][column]))
    return take(view.kept[table], at)


def tagged(column: pd.Series, wanted: Iterable[str]) -> np.ndarray:
    """Whether each ';'-separated list in `column` names one of `wanted` (exact names)."""
    values = pa.array(column.astype("string").array)
    lists = pc.split_pattern(values, ";")
    flat = pc.list_flatten(lists)
    parents = pc.list_parent_indices(lists).to_numpy()
    hit = pc.is_in(flat, value_set=pa.array(list(wanted), pa.string())).to_numpy(zero_copy_only=False)
    return rows_of(len(column), parents[hit.astype(bool)])
