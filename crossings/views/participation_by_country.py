"""Participation by country: the events each country took part in, hosted or contributed
expertise to, its officials counted where a source gives its own count, the counts it is part of
that cover several countries (named, never split), and the events it reached only through a group
a source names (marked, never counted as taking part). Only events that count (held, or status not
known).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from crossings.data.dataset import Dataset
from crossings.languages import ngettext
from crossings.text.formatting import format_count
from crossings.views.filtered_view import FilteredView
from crossings.views.groups import group_reach
from crossings.views.participation import shared_counts
from crossings.views.selection import column_codes, member, take
from crossings.views.selection import links as event_links


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


ROLES = ("participant", "host", "contributor")  # the roles country_participation counts events in


@dataclass(frozen=True)
class _LinkCodes:
    """event_countries as numbers, once per dataset: each row's country (a position in
    `countries`, sorted; -1 where none), role (a position in ROLES; -1 for another role), event
    (its row in the events table), count given (NaN where none), and whether it is the first
    row of its country, role and event (`first_in_role`) and the first count given for its
    country and event (`first_given`), so that counting rows counts events. A view's per-country
    figures are then added up with numpy over its rows (pandas' groupby, nunique and unstack over
    half a million link rows cost most of the Timeline page at 100,000 events)."""

    countries: np.ndarray
    country: np.ndarray
    role: np.ndarray
    event: np.ndarray
    participants: np.ndarray
    first_in_role: np.ndarray
    first_given: np.ndarray


def _first_of(rows: np.ndarray, key: np.ndarray) -> np.ndarray:
    """Which of `rows` is the first with its `key` among them."""
    first = np.zeros(len(key), dtype=bool)
    first[np.flatnonzero(rows)[np.unique(key[rows], return_index=True)[1]]] = True
    return first


def _link_codes(dataset: Dataset) -> _LinkCodes:
    def compute() -> _LinkCodes:
        links = dataset.event_countries
        country, countries = column_codes(dataset, "event_countries", "country_iso3")
        role = np.full(len(links), -1, dtype=np.int64)
        for at, name in enumerate(ROLES):
            role[(links["role"] == name).to_numpy(dtype=bool, na_value=False)] = at
        event = event_links(dataset).event_countries.astype(np.int64)
        participants = links["participants"].to_numpy(dtype="float64", na_value=np.nan)
        events = len(dataset.events) + 1
        placed = (country >= 0) & (event >= 0)
        return _LinkCodes(
            countries=countries, country=country, role=role, event=event,
            participants=participants,
            first_in_role=_first_of(placed & (role >= 0), (country * len(ROLES) + role) * events + event),
            first_given=_first_of(placed & (role == 0) & ~np.isnan(participants), country * events + event))
    return dataset.memo.get("event_country_codes", compute)


def _country_participation(view: FilteredView) -> pd.DataFrame:
    """country_participation, worked out, counted with numpy over codes (_LinkCodes)."""
    codes = _link_codes(view.dataset)
    n = len(codes.countries)
    in_view = view.kept["event_countries"] & (codes.country >= 0)
    of_counted = in_view & take(view.counted_rows, codes.event)
    counting = of_counted & codes.first_in_role
    roles = np.bincount(codes.country[counting] * len(ROLES) + codes.role[counting],
                        minlength=n * len(ROLES)).reshape(n, len(ROLES))
    # the counts sources give per country, at any event of the view (as _given_per_country)
    given = in_view & (codes.role == 0) & ~np.isnan(codes.participants)
    officials = np.bincount(codes.country[given], weights=codes.participants[given], minlength=n)
    has_officials = np.bincount(codes.country[given], minlength=n) > 0
    with_own = np.bincount(codes.country[given & codes.first_given], minlength=n)
    via = _via_groups(view)
    row_of = {code: at for at, code in enumerate(codes.countries)}
    iso3 = sorted(set(codes.countries[roles.sum(axis=1) > 0]) | set(via.index))
    at = np.array([row_of.get(code, n) for code in iso3], dtype=np.int64)  # n: no link row, all zero

    def pick(values: np.ndarray, missing):
        return np.append(values, missing)[at]

    frame = pd.DataFrame({
        "iso3": pd.Index(iso3, dtype=view.dataset.event_countries["country_iso3"].dtype),
        "country": [view.dataset.country_name(c) for c in iso3],
        "events_taken_part": pick(roles[:, 0], 0),
        "events_hosted": pick(roles[:, 1], 0),
        "events_contributed": pick(roles[:, 2], 0),
        "officials_counted": pd.array(np.where(pick(has_officials, False), pick(officials, 0.0), np.nan),
                                      dtype="Int64"),
        "events_with_own_count": pick(with_own, 0),
    })
    frame = frame.sort_values(["events_taken_part", "officials_counted", "country"],
                              ascending=[False, False, True], na_position="last").reset_index(drop=True)
    # the texts last, in the table's order: at 100,000 events a country's can run to many
    # thousand characters, and every step that moves them costs
    shared = shared_counts(view)
    texts: dict[str, list[str]] = {}  # a dict, not explode and groupby: those cost a third of this table
    for countries, text in zip(shared["country_codes"].to_numpy(dtype=object),
                               shared["short_text"].to_numpy(dtype=object), strict=True):
        for country in countries:
            texts.setdefault(country, []).append(text)
    ordered = frame["iso3"].to_numpy(dtype=object)
    frame["in_shared_counts"] = np.array([_first_listed(texts.get(c, [])) for c in ordered], dtype=object)
    frame["via_group"] = via.reindex(ordered, fill_value="").to_numpy()
    return frame


SHARED_LISTED = 10  # the counts named in a country's cell; the bundled data's most is 6


def _first_listed(texts: list[str]) -> str:
    """A country's counts not split by country, the first SHARED_LISTED of them and how many
    more: at 100,000 events a cell listed thousands, about 10 MB of table per rerun."""
    if len(texts) <= SHARED_LISTED:
        return "; ".join(texts)
    more = len(texts) - SHARED_LISTED
    return ngettext("{listed}; and {n} more", "{listed}; and {n} more", more).format(
        listed="; ".join(texts[:SHARED_LISTED]), n=format_count(more))
