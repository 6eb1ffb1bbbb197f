"""Countries × years: the events each country took part in, year by year (the Timeline's
heatmap and its table). An event counts in every year its dates cover; undated events in none.
Only events that count (held, or status not known).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crossings.views.filtered_view import FilteredView, unfiltered
from crossings.views.selection import member


def participation_by_year(view: FilteredView) -> pd.DataFrame:
    """One row per country, year and event it took part in. An event counts in every year its
    dates cover (an event known only to 2020 counts in 2020); undated events in none. Worked
    out once per dataset; each view takes its events' rows (once: the heatmap and its matrix
    both use them)."""
    def select() -> pd.DataFrame:
        every = view.dataset.memo.get("participation_by_year",
                                      lambda: _participation_by_year(unfiltered(view.dataset)))
        return every[member(every["event_id"], view.events["event_id"])].reset_index(drop=True)
    return view.memo.get("participation_by_year", select)


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
    long = participation_by_year(view)
    dated = _year_bounds(view.counted_events)
    if long.empty or dated.empty:
        return pd.DataFrame(dtype="int64")
    first_year = int(dated["first_year"].min())
    years = range(first_year, int(dated["last_year"].max()) + 1)
    # events per country and year counted with numpy over codes (a pandas nunique, unstack and
    # reindex cost most of the heatmap's data)
    country, countries = pd.factorize(long["iso3"], sort=True)
    event, _events = pd.factorize(long["event_id"])
    year = long["year"].to_numpy(dtype=np.int64) - first_year
    known = (country >= 0) & (event >= 0) & (year >= 0) & (year < len(years))
    cell = (country[known].astype(np.int64) * len(years) + year[known]) * (len(_events) + 1) + event[known]
    cell = np.unique(cell) // (len(_events) + 1)  # each event once per country and year
    counts = np.bincount(cell, minlength=len(countries) * len(years)).reshape(len(countries), len(years))
    names = view.dataset.country_name
    totals = counts.sum(axis=1)
    order = sorted(range(len(countries)), key=lambda c: (-int(totals[c]), names(countries[c])))
    return pd.DataFrame(counts[order].astype("int64"), index=pd.Index(countries[order], name="iso3"),
                        columns=pd.Index(list(years), name="year"))
