"""One filter model for every page: what the user picked, how it reads in a link, and the
filtered view of the dataset that all pages draw from.

Countries always match by ISO code, never by name, so Sudan never brings in South Sudan.
Each dimension filters the records it describes: event kind filters events only; country,
region, funder, instrument, organisation, topic and years filter events and projects; funding
lines follow their projects (and the funder and instrument picked).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from functools import cached_property

import pandas as pd

from crossings.dataset import Dataset

PARTICIPATING_ROLES = ("host", "participant")
LIST_SEPARATOR = ","


@dataclass(frozen=True)
class FilterState:
    countries: tuple[str, ...] = ()  # ISO3, as host or participant
    regions: tuple[str, ...] = ()  # UN M49 regions or sub-regions
    funders: tuple[str, ...] = ()  # org ids
    instruments: tuple[str, ...] = ()  # org ids of funding instruments
    organisations: tuple[str, ...] = ()  # org ids, in any role unless roles are given
    roles: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()  # event kinds
    year_from: int | None = None
    year_to: int | None = None

    @property
    def is_empty(self) -> bool:
        return self == FilterState()

    @property
    def has_years(self) -> bool:
        return self.year_from is not None or self.year_to is not None


# Names used in links: short, stable, in the users' words.
QUERY_KEYS = {
    "countries": "country",
    "regions": "region",
    "funders": "funder",
    "instruments": "instrument",
    "organisations": "org",
    "roles": "role",
    "topics": "topic",
    "kinds": "kind",
    "year_from": "from",
    "year_to": "to",
}


def to_query_params(state: FilterState) -> dict[str, str]:
    """The state as URL query parameters (only the dimensions that are set)."""
    params: dict[str, str] = {}
    for name, key in QUERY_KEYS.items():
        value = getattr(state, name)
        if value in ((), None):
            continue
        params[key] = LIST_SEPARATOR.join(value) if isinstance(value, tuple) else str(value)
    return params


@dataclass(frozen=True)
class Choices:
    """The values each dimension can take in a dataset: what the sidebar offers and what a
    link may contain."""

    countries: tuple[str, ...]
    regions: tuple[str, ...]
    funders: tuple[str, ...]
    instruments: tuple[str, ...]
    organisations: tuple[str, ...]
    roles: tuple[str, ...]
    topics: tuple[str, ...]
    kinds: tuple[str, ...]
    years: tuple[int, int] | None


def choices(dataset: Dataset) -> Choices:
    """Only values that occur in the activity data, so every choice can match something."""
    event_countries = dataset.event_countries
    engaged = set(event_countries.loc[event_countries["role"].isin(PARTICIPATING_ROLES), "country_iso3"])
    engaged |= set(dataset.events["host_iso3"].dropna()) | set(dataset.project_countries["country_iso3"])
    countries = dataset.countries.set_index("iso3")
    regions = set()
    for column in ("region", "subregion"):
        regions |= set(countries.reindex(sorted(engaged))[column].dropna())
    org_roles = pd.concat([dataset.event_organisations[["org_id", "role"]],
                           dataset.project_organisations[["org_id", "role"]]])
    topics = set()
    for column in (dataset.events["topics"], dataset.projects["topics"]):
        for value in column.dropna():
            topics.update(value.split(";"))
    dates = pd.concat([dataset.events["start_date_first"], dataset.events["end_date_last"],
                       dataset.projects["start_date_first"], dataset.projects["end_date_last"]]).dropna()
    years = (int(dates.min().year), int(dates.max().year)) if len(dates) else None
    return Choices(
        countries=tuple(sorted(engaged, key=dataset.country_name)),
        regions=tuple(sorted(regions)),
        funders=tuple(sorted(set(dataset.funding["funder_id"]), key=dataset.organisation_label)),
        instruments=tuple(sorted(set(dataset.funding["instrument_id"].dropna()),
                                 key=dataset.organisation_label)),
        organisations=tuple(sorted(set(org_roles["org_id"]), key=dataset.organisation_label)),
        roles=tuple(sorted(set(org_roles["role"]))),
        topics=tuple(sorted(topics, key=lambda t: dataset.topic_labels.get(t, t))),
        kinds=tuple(sorted(set(dataset.events["kind"]))),
        years=years,
    )


def from_query_params(params: dict[str, str | list[str]], options: Choices) -> tuple[FilterState, list[str]]:
    """Read a state from a link. Values the data does not know are dropped, each with a notice;
    nothing in a link can raise."""
    notices: list[str] = []
    values: dict[str, object] = {}
    for name, key in QUERY_KEYS.items():
        raw = params.get(key)
        if raw is None:
            continue
        if isinstance(raw, list):
            raw = LIST_SEPARATOR.join(raw)
        raw = str(raw)
        if name in ("year_from", "year_to"):
            year = _parse_year(raw, options.years)
            if year is None:
                notices.append(f"Ignored '{key}={raw}' in the link: not a year in the data.")
            else:
                values[name] = year
            continue
        allowed = getattr(options, name)
        kept = []
        for item in (v.strip() for v in raw.split(LIST_SEPARATOR)):
            if not item:
                continue
            if item in allowed:
                if item not in kept:
                    kept.append(item)
            else:
                notices.append(f"Ignored unknown {key} '{item}' in the link.")
        if kept:
            values[name] = tuple(kept)
    state = FilterState(**values)
    if state.year_from and state.year_to and state.year_from > state.year_to:
        notices.append("The link's years were reversed; they have been swapped.")
        state = replace(state, year_from=state.year_to, year_to=state.year_from)
    return state, notices


def _parse_year(raw: str, years: tuple[int, int] | None) -> int | None:
    if not raw.isdigit() or len(raw) != 4:
        return None
    year = int(raw)
    if years is None or not years[0] - 50 <= year <= years[1] + 50:
        return None
    return year


@dataclass(eq=False)
class FilteredView:
    """The records that pass the filters. Frames are new objects: safe to change."""

    dataset: Dataset
    state: FilterState
    events: pd.DataFrame
    projects: pd.DataFrame
    funding: pd.DataFrame
    event_countries: pd.DataFrame
    event_organisations: pd.DataFrame
    project_countries: pd.DataFrame
    project_organisations: pd.DataFrame
    undated_excluded: int = 0  # events left out only because a year range is set and they have no date
    notes: list[str] = field(default_factory=list)

    @cached_property
    def countries_engaged(self) -> tuple[str, ...]:
        """Countries that hosted or took part in a kept event, or that a kept project covers."""
        ec = self.event_countries
        codes = set(ec.loc[ec["role"].isin(PARTICIPATING_ROLES), "country_iso3"])
        codes |= set(self.events["host_iso3"].dropna())
        codes |= set(self.project_countries["country_iso3"])
        return tuple(sorted(codes))


def _split(value) -> set[str]:
    return set(value.split(";")) if isinstance(value, str) and value else set()


def region_countries(dataset: Dataset, regions: tuple[str, ...]) -> set[str]:
    countries = dataset.countries
    mask = countries["region"].isin(regions) | countries["subregion"].isin(regions)
    return set(countries.loc[mask, "iso3"])


def _overlaps_years(first: pd.Series, last: pd.Series, state: FilterState) -> pd.Series:
    keep = first.notna() & last.notna()
    if state.year_from is not None:
        keep &= last >= pd.Timestamp(state.year_from, 1, 1)
    if state.year_to is not None:
        keep &= first <= pd.Timestamp(state.year_to, 12, 31)
    return keep


def apply_filters(dataset: Dataset, state: FilterState) -> FilteredView:
    events = dataset.events
    projects = dataset.projects
    funding = dataset.funding
    event_keep = pd.Series(True, index=events.index)
    project_keep = pd.Series(True, index=projects.index)

    country_set = set(state.countries) | region_countries(dataset, state.regions) if (
        state.countries or state.regions) else set()
    if state.countries or state.regions:
        ec = dataset.event_countries
        hits = set(ec.loc[ec["role"].isin(PARTICIPATING_ROLES) & ec["country_iso3"].isin(country_set),
                          "event_id"])
        event_keep &= events["event_id"].isin(hits) | events["host_iso3"].isin(country_set)
        pc = dataset.project_countries
        covered = pc.loc[pc["country_iso3"].isin(country_set), "project_id"]
        project_keep &= projects["project_id"].isin(covered)

    if state.funders or state.instruments:
        lines = funding
        if state.funders:
            lines = lines[lines["funder_id"].isin(state.funders)]
        if state.instruments:
            lines = lines[lines["instrument_id"].isin(state.instruments)]
        funded_projects = set(lines["project_id"])
        event_keep_money = events["project_id"].isin(funded_projects)
        if state.funders and not state.instruments:
            eo = dataset.event_organisations
            direct = eo.loc[(eo["role"] == "funder") & eo["org_id"].isin(state.funders), "event_id"]
            event_keep_money |= events["event_id"].isin(direct)
        event_keep &= event_keep_money
        project_keep &= projects["project_id"].isin(funded_projects)

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
        event_keep &= events["topics"].map(lambda v: bool(_split(v) & wanted))
        project_keep &= projects["topics"].map(lambda v: bool(_split(v) & wanted))

    if state.kinds:
        event_keep &= events["kind"].isin(state.kinds)

    undated_excluded = 0
    if state.has_years:
        in_years = _overlaps_years(events["start_date_first"], events["end_date_last"], state)
        undated_excluded = int((event_keep & events["start_date_first"].isna()).sum())
        event_keep &= in_years
        project_keep &= _overlaps_years(projects["start_date_first"], projects["end_date_last"], state)

    kept_events = events[event_keep].copy()
    kept_projects = projects[project_keep].copy()
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
        funding=kept_funding.copy(),
        event_countries=dataset.event_countries[dataset.event_countries["event_id"].isin(event_ids)].copy(),
        event_organisations=dataset.event_organisations[
            dataset.event_organisations["event_id"].isin(event_ids)].copy(),
        project_countries=dataset.project_countries[
            dataset.project_countries["project_id"].isin(project_ids)].copy(),
        project_organisations=dataset.project_organisations[
            dataset.project_organisations["project_id"].isin(project_ids)].copy(),
        undated_excluded=undated_excluded,
    )


def describe(state: FilterState, dataset: Dataset) -> str:
    """A one-line summary such as 'Funder: Japan · 2015–2016', or 'All activity'."""
    labelers = {
        "countries": ("Country", dataset.country_name),
        "regions": ("Region", str),
        "funders": ("Funder", dataset.organisation_label),
        "instruments": ("Instrument", dataset.organisation_label),
        "organisations": ("Organisation", dataset.organisation_label),
        "roles": ("Role", str),
        "topics": ("Topic", lambda t: dataset.topic_labels.get(t, t)),
        "kinds": ("Kind", str),
    }
    parts = []
    for f in fields(FilterState):
        if f.name in labelers and getattr(state, f.name):
            label, name_of = labelers[f.name]
            parts.append(f"{label}: " + ", ".join(name_of(v) for v in getattr(state, f.name)))
    if state.has_years:
        start = state.year_from if state.year_from is not None else "…"
        end = state.year_to if state.year_to is not None else "…"
        parts.append(f"{start}–{end}" if start != end else str(start))
    return " · ".join(parts) if parts else "All activity"
