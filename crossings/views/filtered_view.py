"""The filtered view every page reads: the rows of each table that a FilterState keeps (the
filters themselves and their link form are in crossings.views.filters). Views are copies on
write of the shared Dataset's frames, so nothing a page does to one reaches another session.

The rules, in the words the sidebar uses:
- Each filter narrows the view; several values in one filter match any of them.
- Countries always match by ISO code, never by name, so Sudan (SDN) never brings in South
  Sudan (SSD). An event matches a country it was hosted in or whose officials took part, or
  that a group it names has as a member (marked "via" the group: `matched_via_groups`); a
  project matches the countries it covers. A region matches through the same countries.
- Funder: a project with a funding line from that funder or a funder role for it; an event
  of such a project, or with that funder named at the event itself. Instrument: a project
  with a funding line through that instrument, and its events.
- Organisation and role: an event or project where that organisation (in that role) is
  named. A role alone keeps records where anyone took that role.
- Topic: events and projects tagged with it. Event kind: events only.
- Years: records whose dates overlap the years. A record with only a start counts from its
  start onwards (it may still be running); one with only an end, up to its end. Records with
  no date at all, or a day and month without the year, are never placed in a year: left out
  while years are set, and counted, so pages can say so.
- Every event stays in the view whatever its status; figures count only the held ones and
  those whose status is not known (`counted_events`). Announced, postponed and cancelled
  events are shown as what they are.
- Funding lines follow their projects, and the funder and instrument picked.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property

import pandas as pd

from crossings.data.dataset import Dataset
from crossings.data.memo import Memo
from crossings.data.vocabulary import COUNTED_EVENT_STATUSES
from crossings.views.filters import PARTICIPATING_ROLES, FilterState, funders_by_event, funders_by_project
from crossings.views.groups import events_reaching, group_reach, via_groups


@dataclass(eq=False)
class FilteredView:
    """The records that pass the filters. Frames are new objects: safe to change.

    `memo` keeps what pages work out from the view (crossings.data.memo): computed once, shared
    with the view's copies."""

    dataset: Dataset
    state: FilterState
    events: pd.DataFrame
    projects: pd.DataFrame
    funding: pd.DataFrame
    event_countries: pd.DataFrame
    event_groups: pd.DataFrame
    event_organisations: pd.DataFrame
    project_countries: pd.DataFrame
    project_organisations: pd.DataFrame
    undated_excluded: int = 0  # events left out only because a year range is set and they have no date
    notes: list[str] = field(default_factory=list)
    undated_projects_excluded: int = 0  # the same for projects
    memo: Memo = field(default_factory=Memo, repr=False)

    def copy(self) -> FilteredView:
        """The same view with frames of its own (cheap: pandas copies on write), sharing the
        memo. A view kept for several page runs hands each run a copy, so a page changing
        its frames never changes the kept view."""
        frames = {name: getattr(self, name).copy(deep=False) for name in FILTERED_TABLES}
        return replace(self, **frames, notes=list(self.notes))

    @cached_property
    def counted_events(self) -> pd.DataFrame:
        """The kept events that count in figures: held, or whose status no source gives."""
        return self.events[self.events["status"].isin(COUNTED_EVENT_STATUSES)]

    @cached_property
    def countries_engaged(self) -> tuple[str, ...]:
        """Countries a source names as hosting or taking part in a counted event, or that a
        kept project covers. Countries reached only through a group are apart: see
        `countries_via_groups`."""
        counted = self.counted_events
        ec = self.event_countries[self.event_countries["event_id"].isin(counted["event_id"])]
        codes = set(ec.loc[ec["role"].isin(PARTICIPATING_ROLES), "country_iso3"])
        codes |= set(counted["host_iso3"].dropna())
        codes |= set(self.project_countries["country_iso3"])
        return tuple(sorted(codes))

    @cached_property
    def countries_via_groups(self) -> dict[str, tuple[str, ...]]:
        """Group id -> countries reached only through that group at counted events (no source
        in the view names them)."""
        return via_groups(self.dataset, self.events, set(self.countries_engaged))

    @cached_property
    def matched_via_groups(self) -> dict[str, str]:
        """Event id -> how it matched the country filter when only a group it names has those
        countries as members: 'Algeria via the Arab League'. Empty without a country filter."""
        wanted = set(self.state.countries)
        if not wanted:
            return {}
        reach = group_reach(self.dataset)
        reach = reach[reach["event_id"].isin(self.events["event_id"]) & reach["country_iso3"].isin(wanted)]
        named = self.event_countries
        named = set(named.loc[named["role"].isin(PARTICIPATING_ROLES)
                              & named["country_iso3"].isin(wanted), "event_id"])
        named |= set(self.events.loc[self.events["host_iso3"].isin(wanted), "event_id"])
        marks: dict[str, list[str]] = {}
        for event_id, group_id, iso3 in zip(reach["event_id"], reach["group_id"], reach["country_iso3"],
                                            strict=True):
            if event_id not in named:
                group = self.dataset.group_labels.get(group_id, group_id)
                marks.setdefault(event_id, []).append(f"{self.dataset.country_name(iso3)} via the {group}")
        return {event_id: "; ".join(sorted(set(texts))) for event_id, texts in marks.items()}

    def table(self, name: str) -> pd.DataFrame:
        """A table by name: filtered if the filters apply to it, else the whole table."""
        if name in FILTERED_TABLES:
            return getattr(self, name)
        return self.dataset.tables[name]


# The tables a FilteredView narrows; the others (sources, countries, borders, ...) are
# reference tables that every view shows whole.
FILTERED_TABLES = ("events", "event_countries", "event_groups", "event_organisations", "projects",
                   "project_countries", "project_organisations", "funding")


def _split(value) -> set[str]:
    return set(value.split(";")) if isinstance(value, str) and value else set()


def region_countries(dataset: Dataset, regions: tuple[str, ...]) -> set[str]:
    countries = dataset.countries
    mask = countries["region"].isin(regions) | countries["subregion"].isin(regions)
    return set(countries.loc[mask, "iso3"])


def _in_years(first: pd.Series, last: pd.Series, state: FilterState) -> pd.Series:
    """Overlap with the years picked; an open end reaches as far as the years do."""
    keep = first.notna() | last.notna()
    if state.year_from is not None:
        keep &= last.isna() | (last >= pd.Timestamp(state.year_from, 1, 1))
    if state.year_to is not None:
        keep &= first.isna() | (first <= pd.Timestamp(state.year_to, 12, 31))
    return keep


def _events_in(dataset: Dataset, codes: set[str]) -> set[str]:
    ec = dataset.event_countries
    took_part = ec["role"].isin(PARTICIPATING_ROLES) & ec["country_iso3"].isin(codes)
    hosted = dataset.events["host_iso3"].isin(codes)
    return (set(ec.loc[took_part, "event_id"]) | set(dataset.events.loc[hosted, "event_id"])
            | events_reaching(dataset, codes))


def _projects_in(dataset: Dataset, codes: set[str]) -> set[str]:
    pc = dataset.project_countries
    return set(pc.loc[pc["country_iso3"].isin(codes), "project_id"])


def apply_filters(dataset: Dataset, state: FilterState) -> FilteredView:
    events = dataset.events
    projects = dataset.projects
    funding = dataset.funding
    event_keep = pd.Series(True, index=events.index)
    project_keep = pd.Series(True, index=projects.index)

    for codes in (set(state.countries) if state.countries else None,
                  region_countries(dataset, state.regions) if state.regions else None):
        if codes is not None:
            event_keep &= events["event_id"].isin(_events_in(dataset, codes))
            project_keep &= projects["project_id"].isin(_projects_in(dataset, codes))

    if state.funders:
        project_funders = funders_by_project(dataset)
        funded = set(project_funders.loc[project_funders["funder_id"].isin(state.funders), "project_id"])
        event_funders = funders_by_event(dataset)
        direct = set(event_funders.loc[event_funders["funder_id"].isin(state.funders), "event_id"])
        event_keep &= events["project_id"].isin(funded) | events["event_id"].isin(direct)
        project_keep &= projects["project_id"].isin(funded)

    if state.instruments:
        through = set(funding.loc[funding["instrument_id"].isin(state.instruments), "project_id"])
        event_keep &= events["project_id"].isin(through)
        project_keep &= projects["project_id"].isin(through)

    if state.organisations or state.roles:
        def org_match(links: pd.DataFrame) -> pd.Series:
            mask = pd.Series(True, index=links.index)
            if state.organisations:
                mask &= links["org_id"].isin(state.organisations)
            if state.roles:
                mask &= links["role"].isin(state.roles)
            return mask

        eo = dataset.event_organisations
        po = dataset.project_organisations
        event_keep &= events["event_id"].isin(eo.loc[org_match(eo), "event_id"])
        project_keep &= projects["project_id"].isin(po.loc[org_match(po), "project_id"])

    if state.topics:
        wanted = set(state.topics)
        event_keep &= events["topics"].map(lambda v: bool(_split(v) & wanted)).astype(bool)
        project_keep &= projects["topics"].map(lambda v: bool(_split(v) & wanted)).astype(bool)

    if state.kinds:
        event_keep &= events["kind"].isin(state.kinds)

    undated_events = undated_projects = 0
    if state.has_years:
        event_first, event_last = events["start_date_first"], events["end_date_last"]
        project_first, project_last = projects["start_date_first"], projects["end_date_last"]
        undated_events = int((event_keep & event_first.isna() & event_last.isna()).sum())
        undated_projects = int((project_keep & project_first.isna() & project_last.isna()).sum())
        event_keep &= _in_years(event_first, event_last, state)
        project_keep &= _in_years(project_first, project_last, state)

    # Each frame below comes from indexing, so it is a new object; with pandas' copy-on-write,
    # changing it never changes the dataset (no .copy() needed).
    kept_events = events[event_keep]
    kept_projects = projects[project_keep]
    kept_funding = funding[funding["project_id"].isin(kept_projects["project_id"])]
    if state.funders:
        kept_funding = kept_funding[kept_funding["funder_id"].isin(state.funders)]
    if state.instruments:
        kept_funding = kept_funding[kept_funding["instrument_id"].isin(state.instruments)]
    event_ids = kept_events["event_id"]
    project_ids = kept_projects["project_id"]
    return FilteredView(
        dataset=dataset,
        state=state,
        events=kept_events,
        projects=kept_projects,
        funding=kept_funding,
        event_countries=dataset.event_countries[dataset.event_countries["event_id"].isin(event_ids)],
        event_groups=dataset.event_groups[dataset.event_groups["event_id"].isin(event_ids)],
        event_organisations=dataset.event_organisations[
            dataset.event_organisations["event_id"].isin(event_ids)],
        project_countries=dataset.project_countries[
            dataset.project_countries["project_id"].isin(project_ids)],
        project_organisations=dataset.project_organisations[
            dataset.project_organisations["project_id"].isin(project_ids)],
        undated_excluded=undated_events,
        undated_projects_excluded=undated_projects,
    )


def unfiltered(dataset: Dataset) -> FilteredView:
    """The view with no filter, once per dataset: what a record says that does not depend on
    the filters is worked out on it once, and each view takes its own records' rows."""
    return dataset.memo.get("unfiltered_view", lambda: apply_filters(dataset, FilterState()))
