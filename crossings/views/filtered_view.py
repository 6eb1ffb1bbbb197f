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

import numpy as np
import pandas as pd

from crossings.data.dataset import Dataset
from crossings.data.memo import Memo
from crossings.data.vocabulary import COUNTED_EVENT_STATUSES
from crossings.languages import _
from crossings.views.filters import PARTICIPATING_ROLES, FilterState, funders_by_event, funders_by_project
from crossings.views.groups import events_reaching, group_reach, via_groups
from crossings.views.selection import column_codes, links, member, positions, rows_of, tagged, take, values_at


class _Table:
    """A filtered table of a FilteredView, read as an attribute (view.events): its kept rows,
    taken out of the dataset the first time they are read."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, view: FilteredView | None, owner: type | None = None) -> pd.DataFrame:
        return self if view is None else view._frame(self.name)


@dataclass(eq=False)
class FilteredView:
    """The records that pass the filters. Frames are new objects: safe to change.

    Each filtered table is taken out of the dataset when first read (`kept` holds which rows):
    a page that never reads a table does not pay for it (at 100,000 events the link tables
    hold half a million rows, and taking every table's rows was most of a filter change).

    `memo` keeps what pages work out from the view (crossings.data.memo): computed once, shared
    with the view's copies."""

    dataset: Dataset
    state: FilterState
    kept: dict[str, np.ndarray] = field(repr=False)  # table name -> which of its rows pass
    undated_excluded: int = 0  # events left out only because a year range is set and they have no date
    notes: list[str] = field(default_factory=list)
    undated_projects_excluded: int = 0  # the same for projects
    memo: Memo = field(default_factory=Memo, repr=False)

    def _frame(self, name: str) -> pd.DataFrame:
        frames = self.__dict__.setdefault("_frames", {})
        if name not in frames:
            parent = self.__dict__.get("_parent")
            frames[name] = (parent._frame(name).copy(deep=False) if parent is not None
                            else _rows(self.dataset.tables[name], self.kept[name]))
        return frames[name]

    def count(self, name: str) -> int:
        """How many rows of a filtered table pass, without taking them out."""
        return int(self.kept[name].sum())

    # the filtered tables (FILTERED_TABLES), each taken out when first read
    events = _Table()
    projects = _Table()
    funding = _Table()
    event_countries = _Table()
    event_groups = _Table()
    event_organisations = _Table()
    project_countries = _Table()
    project_organisations = _Table()

    def copy(self) -> FilteredView:
        """The same view with frames of its own (cheap: pandas copies on write), sharing the
        memo. A view kept for several page runs hands each run a copy, so a page changing
        its frames never changes the kept view; the kept view takes each table's rows once,
        and each copy a shallow copy of them."""
        twin = replace(self, notes=list(self.notes))
        twin.__dict__["_parent"] = self
        return twin

    @property
    def counted_events(self) -> pd.DataFrame:
        """The kept events that count in figures: held, or whose status no source gives. Taken
        from the dataset once per view (shared with its copies: the sidebar and the page each
        read a copy)."""
        return self.memo.get("counted_events", lambda: _rows(self.dataset.events, self.counted_rows))

    @property
    def counted_rows(self) -> np.ndarray:
        """Which rows of the dataset's events are counted events of the view."""
        return self.kept["events"] & counted_rows(self.dataset)

    @property
    def countries_engaged(self) -> tuple[str, ...]:
        """Countries a source names as hosting or taking part in a counted event, or that a
        kept project covers. Countries reached only through a group are apart: see
        `countries_via_groups`. Picked by row position over codes kept once per dataset (a
        member test and two takes over half a million link rows cost a tenth of a rerun)."""
        def compute() -> tuple[str, ...]:
            dataset, counted = self.dataset, self.counted_rows
            took_part = take(counted, links(dataset).event_countries) & _participating(dataset)
            codes = (values_at(dataset, "event countries", took_part) | values_at(dataset, "hosts", counted)
                     | values_at(dataset, "project countries", self.kept["project_countries"]))
            return tuple(sorted(codes))
        return self.memo.get("countries_engaged", compute)

    def source_ids(self, *tables: str) -> list[str]:
        """crossings.text.citations.source_ids_of the view's tables (by name), read from codes
        of the dataset's source columns kept once per dataset, without taking the tables' rows
        (a page citing the sources of event_countries took 400,000 link rows at 100,000 events)."""
        seen: dict[str, None] = {}
        for table in tables:
            keep = self.kept[table]
            # every column ending in source_id, in order (source_ids_of's order)
            for name in [c for c in self.dataset.tables[table].columns if c.endswith("source_id")]:
                column, values = column_codes(self.dataset, table, name)
                picked = column[keep]
                found, first = np.unique(picked[picked >= 0], return_index=True)
                seen.update(dict.fromkeys(values[found[np.argsort(first)]].tolist()))
        return list(seen)

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
                marks.setdefault(event_id, []).append(_("{country} via the {group}").format(
                    country=self.dataset.country_name(iso3), group=group))
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


def region_countries(dataset: Dataset, regions: tuple[str, ...]) -> set[str]:
    countries = dataset.countries
    mask = countries["region"].isin(regions) | countries["subregion"].isin(regions)
    return set(countries.loc[mask, "iso3"])


def _in_years(first: pd.Series, last: pd.Series, state: FilterState) -> np.ndarray:
    """Overlap with the years picked; an open end reaches as far as the years do."""
    first_missing, last_missing = first.isna().to_numpy(), last.isna().to_numpy()
    keep = ~(first_missing & last_missing)
    if state.year_from is not None:
        keep &= last_missing | (last >= pd.Timestamp(state.year_from, 1, 1)).to_numpy()
    if state.year_to is not None:
        keep &= first_missing | (first <= pd.Timestamp(state.year_to, 12, 31)).to_numpy()
    return keep


def apply_filters(dataset: Dataset, state: FilterState) -> FilteredView:
    """The view of `state`. Rows are picked with numpy masks over the dataset's tables, link
    tables through their rows' positions in their parent tables (crossings.views.selection:
    at 100,000 events this is tens of milliseconds where id lookups took seconds)."""
    events, projects, funding = dataset.events, dataset.projects, dataset.funding
    ec, eo = dataset.event_countries, dataset.event_organisations
    pc, po = dataset.project_countries, dataset.project_organisations
    at = links(dataset)
    n_events, n_projects = len(events), len(projects)
    event_keep = np.ones(n_events, dtype=bool)
    project_keep = np.ones(n_projects, dtype=bool)

    for codes in (set(state.countries) if state.countries else None,
                  region_countries(dataset, state.regions) if state.regions else None):
        if codes is not None:
            took_part = _participating(dataset) & member(ec["country_iso3"], codes)
            hosted = member(events["host_iso3"], codes)
            through_groups = member(events["event_id"], sorted(events_reaching(dataset, codes)))
            event_keep &= rows_of(n_events, at.event_countries[took_part]) | hosted | through_groups
            project_keep &= rows_of(n_projects, at.project_countries[member(pc["country_iso3"], codes)])

    if state.funders:
        project_funders = funders_by_project(dataset)
        funded = rows_of(n_projects, positions(
            project_funders.loc[member(project_funders["funder_id"], state.funders), "project_id"],
            projects["project_id"]))
        event_funders = funders_by_event(dataset)
        direct = rows_of(n_events, positions(
            event_funders.loc[member(event_funders["funder_id"], state.funders), "event_id"],
            events["event_id"]))
        event_keep &= take(funded, at.event_projects) | direct
        project_keep &= funded

    if state.instruments:
        through = rows_of(n_projects, at.funding[member(funding["instrument_id"], state.instruments)])
        event_keep &= take(through, at.event_projects)
        project_keep &= through

    if state.organisations or state.roles:
        def org_match(links_table: pd.DataFrame) -> np.ndarray:
            mask = np.ones(len(links_table), dtype=bool)
            if state.organisations:
                mask &= member(links_table["org_id"], state.organisations)
            if state.roles:
                mask &= member(links_table["role"], state.roles)
            return mask

        event_keep &= rows_of(n_events, at.event_organisations[org_match(eo)])
        project_keep &= rows_of(n_projects, at.project_organisations[org_match(po)])

    if state.topics:
        event_keep &= tagged(events["topics"], state.topics)
        project_keep &= tagged(projects["topics"], state.topics)

    if state.kinds:
        event_keep &= member(events["kind"], state.kinds)

    undated_events = undated_projects = 0
    if state.has_years:
        event_first, event_last = events["start_date_first"], events["end_date_last"]
        project_first, project_last = projects["start_date_first"], projects["end_date_last"]
        undated_events = int((event_keep & (event_first.isna() & event_last.isna()).to_numpy()).sum())
        undated_projects = int((project_keep & (project_first.isna() & project_last.isna()).to_numpy()).sum())
        event_keep &= _in_years(event_first, event_last, state)
        project_keep &= _in_years(project_first, project_last, state)

    funding_keep = take(project_keep, at.funding)
    if state.funders:
        funding_keep &= member(funding["funder_id"], state.funders)
    if state.instruments:
        funding_keep &= member(funding["instrument_id"], state.instruments)
    kept = {"events": event_keep, "projects": project_keep, "funding": funding_keep,
            "event_countries": take(event_keep, at.event_countries),
            "event_groups": member(dataset.event_groups["event_id"], events.loc[event_keep, "event_id"]),
            "event_organisations": take(event_keep, at.event_organisations),
            "project_countries": take(project_keep, at.project_countries),
            "project_organisations": take(project_keep, at.project_organisations)}
    # Each frame is a new object when read (FilteredView._frame); with pandas' copy-on-write,
    # changing it never changes the dataset (no deep copy needed).
    return FilteredView(dataset=dataset, state=state, kept=kept, undated_excluded=undated_events,
                        undated_projects_excluded=undated_projects)


def _rows(frame: pd.DataFrame, keep: np.ndarray) -> pd.DataFrame:
    """The kept rows as a new frame; when every row is kept, the table itself under a new frame
    object (no copy: pandas copies on write), so an unfiltered view costs no memory."""
    return frame.copy(deep=False) if keep.all() else frame[keep]


def counted_rows(dataset: Dataset) -> np.ndarray:
    """Which of the dataset's events count (held, or status not known), once per dataset."""
    return dataset.memo.get("counted_rows", lambda: member(dataset.events["status"], COUNTED_EVENT_STATUSES))


def _participating(dataset: Dataset) -> np.ndarray:
    """Which event_countries rows say a country hosted or took part (not, say, an observer)."""
    return dataset.memo.get("participating_rows",
                            lambda: member(dataset.event_countries["role"], PARTICIPATING_ROLES))


def unfiltered(dataset: Dataset) -> FilteredView:
    """The view with no filter, once per dataset: what a record says that does not depend on
    the filters is worked out on it once, and each view takes its own records' rows."""
    return dataset.memo.get("unfiltered_view", lambda: apply_filters(dataset, FilterState()))
