"""Who took part and when: participants per period, and the counts no source gives per country
(per country: crossings.views.participation_by_country; per country and year:
crossings.views.participation_years).

Participant counts are the sources' own: a count that covers several countries is kept whole
and marked as such, never split between them by guesswork. An event is placed in a period only
when its dates fall inside it at their own precision. Only events that count (held, or status
not known) are counted; countries reached through a group are marked as such, never counted
as taking part.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from crossings.data.dataset import Dataset
from crossings.languages import N_, _
from crossings.text.formatting import NO_YEAR, OncePerValue, format_count
from crossings.text.rows import records
from crossings.views.filtered_view import FilteredView, unfiltered
from crossings.views.selection import in_view, member, positions
from crossings.views.timeline import describe_events

GRANULARITIES = ("quarter", "year")
COUNT_BY = ("host", "participant")

# Group keys that are not countries, in the participants-per-period table.
SHARED = "shared"  # a count (or part of one) the source does not give per country
ONLINE = "online"  # an event with no host country
GROUP_LABELS = {  # shown in the active language: group_label()
    SHARED: N_("Not given per country"),
    ONLINE: N_("Online (no host country)"),
}

# --- participants per period ---------------------------------------------------------------------

def counted_only(events: pd.DataFrame) -> pd.DataFrame:
    """The described events that count (held, or status not known): announced, postponed and
    cancelled events have no participants to count."""
    return events[events["counted"].astype(bool)].reset_index(drop=True)


def placement_period(precision: str, first_day, last_day, granularity: str) -> pd.Period | None:
    """The quarter or year an event's participants are counted in, or None if its dates cannot
    say. A day-precise event counts in the period it starts in; an event known only to the
    month or year counts only if that whole month or year lies in one period (an event known
    only to 2020 has a year but no quarter)."""
    if granularity not in GRANULARITIES:
        raise ValueError(f"granularity must be one of {GRANULARITIES}, not {granularity!r}")
    if pd.isna(first_day):
        return None
    freq = "Q" if granularity == "quarter" else "Y"
    start = pd.Period(first_day, freq=freq)
    if precision == "day":
        return start
    return start if pd.Period(last_day, freq=freq) == start else None


def period_label(period: pd.Period) -> str:
    if period.freqstr.startswith("Q"):
        return _("{year} Q{quarter}").format(year=period.year, quarter=period.quarter)
    return str(period.year)


def _given_per_country(view: FilteredView) -> pd.DataFrame:
    """The per-country counts sources give: event_id, country_iso3, participants."""
    links = view.event_countries
    given = links[(links["role"] == "participant") & links["participants"].notna()]
    return given[["event_id", "country_iso3", "participants"]].astype({"participants": "int64"})


def _event_shares(view: FilteredView, events: pd.DataFrame, count_by: str) -> pd.DataFrame:
    """Who the participants of each event were counted for: one row per event and group.

    By host: the whole count goes to the host country (or 'online'). By participating
    country: only the per-country counts the source gives; whatever of the event's total is
    not given per country stays whole as SHARED."""
    if count_by not in COUNT_BY:
        raise ValueError(f"count_by must be one of {COUNT_BY}, not {count_by!r}")
    columns = ["event_id", "group", "participants"]
    counted = events[events["participants"].notna()]
    if count_by == "host":
        return pd.DataFrame({"event_id": counted["event_id"],
                             "group": counted["host_iso3"].fillna(ONLINE).astype(str),
                             "participants": counted["participants"].astype("int64")})[columns].astype(
            {"event_id": "str"})
    given = _given_per_country(view)
    given = given[member(given["event_id"], events["event_id"])]
    per_country = given.rename(columns={"country_iso3": "group"})[columns]
    given_sum = given.groupby("event_id")["participants"].sum()
    already_given = counted["event_id"].map(given_sum).fillna(0).astype("int64")
    rest = counted["participants"].astype("int64") - already_given
    shared = pd.DataFrame({"event_id": counted["event_id"], "group": SHARED, "participants": rest})
    return pd.concat([per_country, shared[shared["participants"] > 0]], ignore_index=True).astype(
        {"event_id": "str", "group": "str", "participants": "int64"})


def group_label(dataset: Dataset, group: str) -> str:
    return _(GROUP_LABELS[group]) if group in GROUP_LABELS else dataset.country_name(group)


@dataclass(frozen=True)
class PeriodParticipants:
    """Participants per period, by group (a country, or one of SHARED and ONLINE)."""

    granularity: str
    count_by: str
    by_group: pd.DataFrame  # period, period_start, group, group_label, participants, cumulative,
    #                         events (titles with their count in this period)
    totals: pd.DataFrame  # period, period_start, events, events_with_count, participants, cumulative
    unplaced: pd.DataFrame  # events in no period (no date, or too vague): title, dates, participants, reason
    shared_events: pd.DataFrame  # events whose count is kept whole for several countries


_PERIOD_FIELDS = ["event_id", "title", "dates", "participants", "host_iso3", "first_day", "last_day",
                  "precision"]  # what participants_by_period reads of the described events


def _periods(events: pd.DataFrame, granularity: str) -> pd.Series:
    """Each event's period (see placement_period), vectorised; NaT where it has none."""
    freq = "Q" if granularity == "quarter" else "Y"
    first = events["first_day"].dt.to_period(freq)
    last = events["last_day"].dt.to_period(freq)
    return first.where((events["precision"] == "day") | (first == last))


def participants_by_period(view: FilteredView, granularity: str = "year",
                           count_by: str = "host") -> PeriodParticipants:
    """Participants per quarter or year, and cumulatively, by host or participating country.

    Periods run without gaps from the first to the last dated event in the view, so an empty
    quarter shows as zero. Events that cannot be placed (no date, or a date too vague for the
    granularity) are in `unplaced`, with their counts: never spread over periods.
    Worked out once per view and settings, in each language, and shared: read only."""
    return view.memo.get(("participants by period", granularity, count_by),
                         lambda: _participants_by_period(view, granularity, count_by))


def _participants_by_period(view: FilteredView, granularity: str = "year",
                            count_by: str = "host") -> PeriodParticipants:
    """participants_by_period, worked out."""
    if granularity not in GRANULARITIES:
        raise ValueError(f"granularity must be one of {GRANULARITIES}, not {granularity!r}")
    # only the columns used, taken once: each copy or pick of the whole described frame cost more
    # than the sums below
    described = describe_events(view)
    events = described.loc[described["counted"].to_numpy(dtype=bool), _PERIOD_FIELDS].reset_index(drop=True)
    event_period = _periods(events, granularity)
    is_placed = event_period.notna().to_numpy()
    placed = events[is_placed]
    freq = "Q" if granularity == "quarter" else "Y"
    dated = events["first_day"].notna()
    periods = pd.PeriodIndex([], freq=freq)
    if dated.any():
        periods = pd.period_range(events["first_day"].min().to_period(freq),
                                  events.loc[dated, "last_day"].max().to_period(freq), freq=freq)
    # each placed event's period, by position
    where = np.asarray(periods.get_indexer(event_period[is_placed]), dtype=np.int64)
    shares = _event_shares(view, placed, count_by)
    share_of = positions(shares["event_id"], placed["event_id"])  # each share's event, by position
    labels = [period_label(period) for period in periods]
    starts = [period.start_time for period in periods]

    # a pivot table of groups × periods, added up with numpy by position (pandas' groupby,
    # unstack and reindexes cost more than the rest of this function)
    group_of = shares["group"].to_numpy(dtype=object)
    groups = sorted(sorted(set(group_of)), key=lambda g: (g in GROUP_LABELS, group_label(view.dataset, g)))
    row_of = {g: i for i, g in enumerate(groups)}
    at = where[share_of]
    counts = np.zeros((len(groups), len(periods)), dtype=np.int64)
    np.add.at(counts, (np.array([row_of[g] for g in group_of], dtype=np.int64), at),
              shares["participants"].to_numpy(dtype=np.int64))
    running = counts.cumsum(axis=1)
    titles: dict[tuple, list[str]] = {}
    count_words = OncePerValue(format_count)
    # periods by position, columns as arrays: a Period boxed or an Arrow text handed out item by
    # item cost more than the rest
    for group, position, title, count in zip(group_of, at.tolist(),
                                             placed["title"].to_numpy(dtype=object)[share_of],
                                             shares["participants"].tolist(), strict=True):
        titles.setdefault((group, position), []).append(f"{title} ({count_words(count)})")
    labels_of = {g: group_label(view.dataset, g) for g in groups}
    by_group = pd.DataFrame({
        "period": labels * len(groups),
        "period_start": starts * len(groups),
        "group": [g for g in groups for _ in periods],
        "group_label": [labels_of[g] for g in groups for _ in periods],
        "participants": counts.ravel() if len(groups) else [],
        "cumulative": running.ravel() if len(groups) else [],
        "events": [tuple(titles.get((g, period), ())) for g in groups for period in range(len(periods))],
    }, columns=["period", "period_start", "group", "group_label", "participants", "cumulative", "events"])

    given = placed["participants"].notna().to_numpy() & (where >= 0)
    people = np.bincount(where[given], minlength=len(periods),
                         weights=placed["participants"].to_numpy(dtype="float64", na_value=0.0)[given])
    people = people.astype("int64")
    totals = pd.DataFrame({
        "period": labels, "period_start": starts,
        "events": np.bincount(where[where >= 0], minlength=len(periods)).astype("int64"),
        "events_with_count": np.bincount(where[given], minlength=len(periods)).astype("int64"),
        "participants": people,
        "cumulative": people.cumsum(),
    })

    left_out = events[~is_placed]
    unplaced = pd.DataFrame({
        "event_id": left_out["event_id"],
        "title": left_out["title"],
        "dates": left_out["dates"],
        "participants": left_out["participants"],
        "reason": [_unplaced_reason(first, precision, dates) for first, precision, dates in
                   zip(left_out["first_day"], left_out["precision"], left_out["dates"], strict=True)],
    }).reset_index(drop=True)
    shared_ids = set(shares.loc[shares["group"] == SHARED, "event_id"])
    shared = shared_counts(view)
    return PeriodParticipants(granularity, count_by, by_group, totals, unplaced,
                              shared[member(shared["event_id"], shared_ids)].reset_index(drop=True))


def _unplaced_reason(first_day, precision: str, dates: str) -> str:
    if pd.notna(first_day):
        # a day-precise event is always placed: what is left is known only to the month or year
        if precision == "year":
            return _("dates known only to the year")
        return _("dates known only to the month")
    return _("no year") if dates.endswith(_(NO_YEAR)) else _("no date")


# --- counts not given per country -------------------------------------------------------------

def _shared_text(participants: int, countries: int, where: str) -> str:
    if countries >= 2:
        return _("{participants} participants from {countries} countries together at {where}, "
                 "not split by country").format(participants=format_count(participants),
                                                countries=format_count(countries), where=where)
    if countries == 1:
        return _("{participants} participants at {where}, not given per country").format(
            participants=format_count(participants), where=where)
    return _("{participants} participants at {where}; the countries are not named").format(
        participants=format_count(participants), where=where)


def shared_counts(view: FilteredView) -> pd.DataFrame:
    """Events whose participant count (or part of it) is not given per country: the count is
    kept whole, with the participating countries it may cover ('55 participants from 8
    countries together'). Never split between them. What an event's count covers does not
    depend on the filters: worked out once per dataset, each view takes its events' rows."""
    def select() -> pd.DataFrame:
        every = view.dataset.memo.get("shared_counts", lambda: _shared_counts(unfiltered(view.dataset)))
        return every[in_view(view, "shared_counts", every)].reset_index(drop=True)
    return view.memo.get("shared_counts", select)


def _shared_counts(view: FilteredView) -> pd.DataFrame:
    events = counted_only(describe_events(view))
    counted = events[events["participants"].notna()]
    shares = _event_shares(view, counted, "participant")
    rest = shares[shares["group"] == SHARED].set_index("event_id")["participants"]
    links = view.event_countries
    without_own = links[(links["role"] == "participant") & links["participants"].isna()]
    # the countries of each event, in code order: one pass over the sorted links (pandas' agg(tuple)
    # called Python once per event, 0.3 s at 10,000 events, on every language's first visit)
    ordered = without_own.sort_values(["country_iso3"], kind="stable")
    grouped: dict[str, list[str]] = {}
    for event_id, code in zip(ordered["event_id"].tolist(), ordered["country_iso3"].tolist(), strict=True):
        grouped.setdefault(event_id, []).append(code)
    codes = {event_id: tuple(found) for event_id, found in grouped.items()}
    name = view.dataset.country_name
    rest_by_event = dict(zip(rest.index, rest, strict=True))
    rows = []
    shared = counted[member(counted["event_id"], rest.index)]
    for event in records(shared, ("event_id", "title", "dates", "place")):
        participants, countries = int(rest_by_event[event.event_id]), codes.get(event.event_id, ())
        rows.append({
            "event_id": event.event_id,
            "title": event.title,
            "dates": event.dates,
            "participants": participants,
            "countries": len(countries),
            "country_codes": countries,
            "country_names": ", ".join(sorted(name(c) for c in countries)),
            "text": _shared_text(participants, len(countries), f"{event.title} ({event.dates})"),
            "short_text": _shared_text(participants, len(countries),
                                       _("{place}, {dates}").format(place=event.place, dates=event.dates)),
        })
    return pd.DataFrame(rows, columns=["event_id", "title", "dates", "participants", "countries",
                                       "country_codes", "country_names", "text", "short_text"])
