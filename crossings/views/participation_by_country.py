"""Participation by country: the events each country took part in, hosted or contributed
expertise to, its officials counted where a source gives its own count, and the events it took
part in per year (the heatmap). The same rules as crossings.views.participation: counts kept
whole, never split between countries; countries reached only through a group marked, never
counted as taking part.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crossings.languages import ngettext
from crossings.text.formatting import format_count
from crossings.views.filtered_view import FilteredView, unfiltered
from crossings.views.groups import group_reach
from crossings.views.participation import shared_counts
from crossings.views.selection import member


def _via_groups(view: FilteredView) -> pd.Series:
    """Per country, the counted events it reached only through a group the source names:
    'Arab League (1 event)'."""
    reach = group_reach(view.dataset)
    kept = member(reach["event_id"], view.counted_events["event_id"]) & ~reach["named"].to_numpy(dtype=bool)
    labels = view.dataset.group_labels
    events: dict[tuple[str, str], set[str]] = {}  # a dict, not a pandas group per country and group
    for iso3, group, event_id in zip(reach["country_iso3"].to_numpy(dtype=object)[kept],
                                     reach["group_id"].to_numpy(dtype=object)[kept],
                                     reach["event_id"].to_numpy(dtype=object)[kept], strict=True):
        if isinstance(iso3, str) and isinstance(group, str) and isinstance(event_id, str):
            events.setdefault((iso3, group), set()).add(event_id)
    texts: dict[str, list[str]] = {}
    for (iso3, group), ids in sorted(events.items()):
        count = len(ids)
        texts.setdefault(iso3, []).append(ngettext("{group} ({n} event)", "{group} ({n} events)",
                                                   count).format(group=labels.get(group, group),
                                                                 n=format_count(count)))
    return pd.Series({iso3: "; ".join(parts) for iso3, parts in texts.items()}, dtype="str")


def country_participation(view: FilteredView) -> pd.DataFrame:
    """Per country: events it took part in (its officials attended), hosted, and contributed
    expertise to; officials counted where the source gives a count for that country; the
    counts it is part of that cover several countries (named, never split); and the events it
    reached only as a member of a group the source names (`via_group`, never counted as
    taking part). Only events that count (held, or status not known).
    Worked out once per view and settings, in each language, and shared: read only."""
    return view.memo.get("country participation", lambda: _country_participation(view))


def _distinct_events(country: np.ndarray, event: np.ndarray, rows: np.ndarray, countries: int) -> np.ndarray:
    """Per country code (0 to countries - 1): how many different events the link rows `rows`
    give it."""
    events = int(event.max(initial=0)) + 1
    pairs = np.unique(country[rows] * events + event[rows])
    return np.bincount(pairs // events, minlength=countries)


def _country_participation(view: FilteredView) -> pd.DataFrame:
    """country_participation, worked out. Counted with numpy over the link table's codes:
    pandas' groupby, unstack and reindexes cost most of this table."""
    links = view.event_countries
    country, linked = pd.factorize(links["country_iso3"].to_numpy(dtype=object), sort=True)
    event = pd.factorize(links["event_id"].to_numpy(dtype=object))[0].astype(np.int64)
    country = country.astype(np.int64)
    known = (country >= 0) & (event >= 0)
    role = links["role"].to_numpy(dtype=object)
    counted = known & member(links["event_id"], view.counted_events["event_id"])
    taken_part, hosted, contributed = (_distinct_events(country, event, counted & (role == name), len(linked))
                                       for name in ("participant", "host", "contributor"))
    people = links["participants"]
    given = known & (role == "participant") & people.notna().to_numpy()
    officials = pd.array(np.bincount(country[given], minlength=len(linked), weights=people.to_numpy(
        dtype="float64", na_value=0.0)[given]).astype(np.int64), dtype="Int64")
    with_own = _distinct_events(country, event, given, len(linked))
    officials[with_own == 0] = pd.NA
    via = _via_groups(view)
    taking_part = (taken_part + hosted + contributed) > 0
    codes = pd.Index(linked[taking_part], dtype="str").union(via.index)
    at = pd.Index(linked).get_indexer(codes)  # -1: reached only through a group, no link row
    shared = shared_counts(view)
    texts: dict[str, list[str]] = {}  # a dict, not explode and groupby: those cost a third of this table
    for countries, text in zip(shared["country_codes"].to_numpy(dtype=object),
                               shared["short_text"].to_numpy(dtype=object), strict=True):
        for code in countries:
            texts.setdefault(code, []).append(text)
    frame = pd.DataFrame({
        "iso3": codes,
        "country": [view.dataset.country_name(c) for c in codes],
        "events_taken_part": np.append(taken_part, 0)[at],  # -1: none
        "events_hosted": np.append(hosted, 0)[at],  # -1: none
        "events_contributed": np.append(contributed, 0)[at],  # -1: none
        "officials_counted": officials.take(at, allow_fill=True),
        "events_with_own_count": np.append(with_own, 0)[at],  # -1: none
        "in_shared_counts": np.array(["; ".join(texts.get(c, ())) for c in codes], dtype=object),
        "via_group": via.reindex(codes, fill_value="").to_numpy(),
    })
    return frame.sort_values(["events_taken_part", "officials_counted", "country"],
                             ascending=[False, False, True], na_position="last").reset_index(drop=True)


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
