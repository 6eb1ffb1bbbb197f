"""Countries reached through a group a source names ("all Arab League member states"), kept
apart from the countries a source names.

A group's members are read at the event's date: a membership whose source gives its years
counts when those years cover the event's dates; a membership without years, or an event
without a date (or year), reads the members as the source lists them today, and says so. A
country named by the source for the same event is named, not reached via the group. Nothing
here ever turns a group into named countries: figures count the named ones and show these
apart ("+12 via the Arab League").
"""

from __future__ import annotations

import pandas as pd

from crossings.data.dataset import Dataset
from crossings.data.vocabulary import COUNTED_EVENT_STATUSES
from crossings.languages import N_, _
from crossings.text.formatting import format_count
from crossings.views.selection import member

NAMED_ROLES = ("host", "participant")  # a country a source names as taking part
AT_DATE = "at_date"  # the membership's years, as the source gives them, cover the event's date
AS_LISTED = "as_listed"  # no years to read: the members as the source lists them
READING_WORDS = {
    AT_DATE: N_("a member at the event's date"),
    AS_LISTED: N_("listed as a member by the source today; membership at the event's date not stated"),
}
REACH_COLUMNS = ["event_id", "group_id", "role", "country_iso3", "reading", "member_source_id", "named"]


def group_reach(dataset: Dataset) -> pd.DataFrame:
    """Every (event, group, member country) the data implies, once per dataset: the group's
    role at the event, how the membership was read (AT_DATE or AS_LISTED), the source of the
    membership, and `named`, whether a source also names the country for that event."""
    return dataset.memo.get("group_reach", lambda: _group_reach(dataset))


def _group_reach(dataset: Dataset) -> pd.DataFrame:
    links = dataset.event_groups[["event_id", "group_id", "role"]]
    if links.empty:
        return pd.DataFrame(columns=REACH_COLUMNS).astype({"named": bool})
    events = dataset.events[["event_id", "start_date_first", "end_date_last"]]
    members = dataset.group_members[["group_id", "country_iso3", "since", "until", "since_first",
                                     "until_last", "source_id"]]
    rows = links.merge(events, on="event_id").merge(members, on="group_id")
    first, last = rows["start_date_first"], rows["end_date_last"].fillna(rows["start_date_first"])
    dated_event = first.notna()
    has_years = rows["since"].notna() | rows["until"].notna()
    covers = ((rows["since_first"].isna() | (rows["since_first"] <= last))
              & (rows["until_last"].isna() | (rows["until_last"] >= first)))
    current = rows["until"].isna()  # without a date to read at: the members listed today
    keep = (dated_event & has_years & covers) | ((~dated_event | ~has_years) & current)
    readings = [AT_DATE if dated and years else AS_LISTED
                for dated, years in zip(dated_event[keep], has_years[keep], strict=True)]
    rows = rows[keep].assign(reading=readings)
    links_named = dataset.event_countries
    named = set(zip(links_named.loc[links_named["role"].isin(NAMED_ROLES), "event_id"],
                    links_named.loc[links_named["role"].isin(NAMED_ROLES), "country_iso3"], strict=True))
    named |= set(zip(dataset.events["event_id"], dataset.events["host_iso3"], strict=True))
    rows = rows.assign(named=[(e, c) in named for e, c in zip(rows["event_id"], rows["country_iso3"],
                                                               strict=True)])
    rows = rows.rename(columns={"source_id": "member_source_id"})
    rows = rows[REACH_COLUMNS].drop_duplicates(["event_id", "group_id", "country_iso3"])
    return rows.reset_index(drop=True)


def events_reaching(dataset: Dataset, codes: set[str]) -> set[str]:
    """Events that reach any of the countries through a group (named or not)."""
    reach = group_reach(dataset)
    return set(reach.loc[reach["country_iso3"].isin(codes), "event_id"])


def via_groups(dataset: Dataset, events: pd.DataFrame, named: set[str]) -> dict[str, tuple[str, ...]]:
    """Group id -> the countries its members add to `named`, over the events that count
    (held or not known) among `events`: reached only through that group, in no source by name."""
    counted = events.loc[member(events["status"], COUNTED_EVENT_STATUSES), "event_id"]
    reach = group_reach(dataset)
    kept = member(reach["event_id"], counted) & ~member(reach["country_iso3"], named)
    added: dict[str, set[str]] = {}  # a dict, not a pandas group per group
    for group, country in zip(reach["group_id"].to_numpy(dtype=object)[kept],
                              reach["country_iso3"].to_numpy(dtype=object)[kept], strict=True):
        if isinstance(group, str) and isinstance(country, str):
            added.setdefault(group, set()).add(country)
    return {group: tuple(sorted(countries)) for group, countries in sorted(added.items())}


def via_group_text(dataset: Dataset, groups: dict[str, tuple[str, ...]]) -> str:
    """'+12 via the Arab League' ('+12 via the Arab League, +2 via the G5 Sahel'); '' for none."""
    return ", ".join(_("+{count} via the {group}").format(count=format_count(len(countries)),
                                                          group=dataset.group_labels.get(group, group))
                     for group, countries in groups.items() if countries)
