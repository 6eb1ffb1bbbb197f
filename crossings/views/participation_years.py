"""Countries × years: the events each country took part in, year by year (the Timeline's
heatmap and its table). An event counts in every year its dates cover; undated events in none.
Only events that count (held, or status not known).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from crossings.data.dataset import Dataset
from crossings.views.filtered_view import FilteredView, unfiltered
from crossings.views.selection import positions, take


def participation_by_year(view: FilteredView) -> pd.DataFrame:
    """One row per country, year and event it took part in. An event counts in every year its
    dates cover (an event known only to 2020 counts in 2020); undated events in none. Worked
    out once per dataset; each view takes its events' rows."""
    rows = _year_rows(view.dataset)
    return rows.every[_in_view(view, rows)].reset_index(drop=True)


@dataclass(frozen=True)
class _YearRows:
    """participation_by_year of every event, once per dataset, with each row's event (its row
    in the events table), country (a position in `countries`, sorted; -1 where none) and year
    as numbers, and whether it is the first row of its country, year and event. A view's
    matrix and hover titles are then counted with numpy over its rows (pandas' factorize,
    drop_duplicates and groupby over the text ids cost most of the heatmap at 100,000 events)."""

    every: pd.DataFrame
    event: np.ndarray
    countries: pd.Index
    country: np.ndarray
    year: np.ndarray
    first: np.ndarray


def _year_rows(dataset: Dataset) -> _YearRows:
    def compute() -> _YearRows:
        every = _participation_by_year(unfiltered(dataset))
        country, countries = pd.factorize(every["iso3"], sort=True)
        country = country.astype(np.int64)
        event = positions(every["event_id"], dataset.events["event_id"]).astype(np.int64)
        year = every["year"].to_numpy(dtype=np.int64)
        span = int(year.max() - year.min()) + 1 if len(year) else 1
        key = (country * span + (year - (year.min() if len(year) else 0))) * (len(dataset.events) + 1) + event
        first = np.zeros(len(every), dtype=bool)
        first[np.unique(key, return_index=True)[1]] = True
        return _YearRows(every=every, event=event, countries=countries, country=country, year=year,
                         first=first)
    return dataset.memo.get("participation_year_rows", compute)


def _in_view(view: FilteredView, rows: _YearRows) -> np.ndarray:
    return take(view.kept["events"], rows.event)


def first_titles(view: FilteredView, countries, limit: int) -> dict[tuple[str, int], list[str]]:
    """(country, year) -> the titles of the first `limit` events it took part in that year, for
    the given countries (in the order of participation_by_year, each event once)."""
    rows = _year_rows(view.dataset)
    wanted = np.zeros(len(rows.countries) + 1, dtype=bool)
    wanted[rows.countries.get_indexer(pd.Index(list(countries), dtype=rows.countries.dtype))] = True
    wanted[-1] = False  # a code not found (-1) and rows without a country
    at = np.flatnonzero(_in_view(view, rows) & rows.first & wanted[rows.country])
    cell = rows.country[at] * 10_000 + rows.year[at]
    order = np.argsort(cell, kind="stable")
    starts = np.flatnonzero(np.r_[True, cell[order][1:] != cell[order][:-1]])
    rank = np.arange(len(order)) - np.repeat(starts, np.diff(np.r_[starts, len(order)]))
    at = np.sort(at[order[rank < limit]])
    titles: dict[tuple[str, int], list[str]] = {}
    for iso3, year, title in zip(rows.every["iso3"].to_numpy(dtype=object)[at], rows.year[at].tolist(),
                                 rows.every["title"].to_numpy(dtype=object)[at], strict=True):
        titles.setdefault((iso3, year), []).append(title)
    return titles


def _participation_by_year(view: FilteredView) -> pd.DataFrame:
    links = view.event_countries
    took_part = links.loc[links["role"] == "participant", ["country_iso3", "event_id"]]
    dated = _year_bounds(view.counted_events)
    rows = took_part.merge(dated, on="event_id").rename(columns={"country_iso3": "iso3"})
    first = rows["first_year"].to_numpy()
    years = rows["last_year"].to_numpy() - first + 1  # one row per year the dates cover
    rows = rows.loc[rows.index.repeat(years)]
    rows["year"] = first.repeat(years) + rows.groupby(level=0).cumcount().to_numpy()
    names = view.dataset.country_names
    rows["country"] = rows["iso3"].map(names).fillna(rows["iso3"])
    return rows[["iso3", "country", "year", "event_id", "title"]].astype({"year": "int64"}).reset_index(
        drop=True)


def _year_bounds(events: pd.DataFrame) -> pd.DataFrame:
    """The first and last year of each event with a year. One end not given: the other end's
    year stands for the whole, as on the timeline ("started in June 2016" is in 2016); no year
    at either end (undated, or a day and month without the year): left out."""
    first = events["start_date_first"].fillna(events["end_date_first"])
    last = events["end_date_last"].fillna(events["start_date_last"])
    known = first.notna() & last.notna()
    return pd.DataFrame({"event_id": events.loc[known, "event_id"], "title": events.loc[known, "title"],
                         "first_year": first[known].dt.year.astype("int64"),
                         "last_year": last[known].dt.year.astype("int64")})


def participation_matrix(view: FilteredView) -> pd.DataFrame:
    """Countries × years: how many events each country took part in each year. Every year
    from the first to the last dated event is a column (a year without events is 0); rows are
    countries (ISO3), most events first."""
    rows = _year_rows(view.dataset)
    in_view = _in_view(view, rows)
    dated = _year_bounds(view.counted_events)
    if not in_view.any() or dated.empty:
        return pd.DataFrame(dtype="int64")
    first_year = int(dated["first_year"].min())
    years = range(first_year, int(dated["last_year"].max()) + 1)
    # events per country and year counted with numpy over codes kept once per dataset (a pandas
    # nunique, unstack and reindex cost most of the heatmap's data)
    present = np.unique(rows.country[in_view & (rows.country >= 0)])
    year = rows.year - first_year
    counting = in_view & rows.first & (rows.country >= 0) & (year >= 0) & (year < len(years))
    counts = np.bincount(rows.country[counting] * len(years) + year[counting],
                         minlength=len(rows.countries) * len(years)).reshape(len(rows.countries), len(years))
    counts, countries = counts[present], rows.countries.take(present)
    names = view.dataset.country_name
    totals = counts.sum(axis=1)
    order = sorted(range(len(countries)), key=lambda c: (-int(totals[c]), names(countries[c])))
    return pd.DataFrame(counts[order].astype("int64"), index=pd.Index(countries[order], name="iso3"),
                        columns=pd.Index(list(years), name="year"))
