"""One filter model for every page: what the user picked, how it reads in a link, and the
filtered view of the dataset that all pages draw from.

The rules, in the words the sidebar uses:
- Each filter narrows the view; several values in one filter match any of them.
- Countries always match by ISO code, never by name, so Sudan (SDN) never brings in South
  Sudan (SSD). An event matches a country it was hosted in or whose officials took part; a
  project matches the countries it covers. A region matches through the same countries.
- Funder: a project with a funding line from that funder or a funder role for it; an event
  of such a project, or with that funder named at the event itself. Instrument: a project
  with a funding line through that instrument, and its events.
- Organisation and role: an event or project where that organisation (in that role) is
  named. A role alone keeps records where anyone took that role.
- Topic: events and projects tagged with it. Event kind: events only.
- Years: records whose dates overlap the years. A record with only a start counts from its
  start onwards (it may still be running); one with only an end, up to its end. Records with
  no date at all are left out while years are set, and counted, so pages can say so.
- Funding lines follow their projects, and the funder and instrument picked.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from functools import cached_property

import pandas as pd

from crossings.data.dataset import Dataset
from crossings.data.memo import Memo

PARTICIPATING_ROLES = ("host", "participant")
LIST_SEPARATOR = ","
_LONGEST_SHOWN = 40  # characters of a link value repeated in a notice


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

# How each dimension is named in notices and summaries: (one, several).
DIMENSION_NAMES = {
    "countries": ("country", "countries"),
    "regions": ("region", "regions"),
    "funders": ("funder", "funders"),
    "instruments": ("funding instrument", "funding instruments"),
    "organisations": ("organisation", "organisations"),
    "roles": ("organisation role", "organisation roles"),
    "topics": ("topic", "topics"),
    "kinds": ("event kind", "event kinds"),
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
    regions: tuple[str, ...]  # each region followed by its sub-regions
    funders: tuple[str, ...]
    instruments: tuple[str, ...]
    organisations: tuple[str, ...]
    roles: tuple[str, ...]
    topics: tuple[str, ...]
    kinds: tuple[str, ...]
    years: tuple[int, int] | None
    region_parents: Mapping[str, str] = field(default_factory=dict)  # sub-region -> region
    country_names: Mapping[str, str] = field(default_factory=dict)  # every known ISO3 -> name


def _project_funders(dataset: Dataset) -> pd.DataFrame:
    """(project_id, funder_id): from funding lines and from funder roles without an amount.
    Once per dataset (the funder filter asks on every change)."""
    def compute() -> pd.DataFrame:
        po = dataset.project_organisations
        named = po.loc[po["role"] == "funder", ["project_id", "org_id"]]
        named = named.rename(columns={"org_id": "funder_id"})
        return pd.concat([dataset.funding[["project_id", "funder_id"]], named]).drop_duplicates()
    return dataset.memo.get("project_funders", compute)


def _event_funders(dataset: Dataset) -> pd.DataFrame:
    def compute() -> pd.DataFrame:
        eo = dataset.event_organisations
        return eo.loc[eo["role"] == "funder", ["event_id", "org_id"]].rename(columns={"org_id": "funder_id"})
    return dataset.memo.get("event_funders", compute)


def _by_label(values, label) -> tuple[str, ...]:
    """Sorted as people read a list: by the label shown, ignoring case (IcSP before ISF-Police)."""
    return tuple(sorted(values, key=lambda value: (str(label(value)).casefold(), value)))


def choices(dataset: Dataset) -> Choices:
    """Only values that occur in the activity data, so every choice can match something."""
    event_countries = dataset.event_countries
    engaged = set(event_countries.loc[event_countries["role"].isin(PARTICIPATING_ROLES), "country_iso3"])
    engaged |= set(dataset.events["host_iso3"].dropna()) | set(dataset.project_countries["country_iso3"])
    countries = dataset.countries.set_index("iso3").reindex(sorted(engaged))
    region_parents = {sub: region for sub, region in zip(countries["subregion"], countries["region"],
                                                         strict=True)
                      if isinstance(sub, str) and isinstance(region, str)}
    regions: list[str] = []
    for region in sorted(set(countries["region"].dropna())):
        regions.append(region)
        regions.extend(sorted(sub for sub, parent in region_parents.items() if parent == region))
    org_roles = pd.concat([dataset.event_organisations[["org_id", "role"]],
                           dataset.project_organisations[["org_id", "role"]]])
    topics = set()
    for column in (dataset.events["topics"], dataset.projects["topics"]):
        for value in column.dropna():
            topics.update(value.split(";"))
    dates = pd.concat([dataset.events["start_date_first"], dataset.events["end_date_last"],
                       dataset.projects["start_date_first"], dataset.projects["end_date_last"]]).dropna()
    years = (int(dates.min().year), int(dates.max().year)) if len(dates) else None
    funders = set(_project_funders(dataset)["funder_id"]) | set(_event_funders(dataset)["funder_id"])
    return Choices(
        countries=_by_label(engaged, dataset.country_name),
        regions=tuple(regions),
        funders=_by_label(funders, dataset.organisation_label),
        instruments=_by_label(set(dataset.funding["instrument_id"].dropna()), dataset.organisation_label),
        organisations=_by_label(set(org_roles["org_id"]), dataset.organisation_label),
        roles=tuple(sorted(set(org_roles["role"]))),
        topics=_by_label(topics, lambda t: dataset.topic_labels.get(t, t)),
        kinds=tuple(sorted(set(dataset.events["kind"]))),
        years=years,
        region_parents=region_parents,
        country_names=dict(dataset.country_names),
    )


def _shown(value: str) -> str:
    """A value from a link, short enough to repeat in a notice."""
    value = " ".join(value.split())
    return value if len(value) <= _LONGEST_SHOWN else value[:_LONGEST_SHOWN - 1] + "…"


def _quoted(values: list[str]) -> str:
    return ", ".join(f"'{_shown(v)}'" for v in values)


def from_query_params(params: Mapping[str, str | list[str]],
                      options: Choices) -> tuple[FilterState, list[str]]:
    """Read a state from a link. Values the data does not know are dropped, with one notice
    per dimension; nothing in a link can raise. Codes are matched without regard to case
    (?country=jor is Jordan) but never by name."""
    notices: list[str] = []
    values: dict[str, object] = {}
    for name, key in QUERY_KEYS.items():
        raw = params.get(key)
        if raw is None:
            continue
        items = [str(v) for v in raw] if isinstance(raw, list | tuple) else [str(raw)]
        if name in ("year_from", "year_to"):
            year, notice = _read_year(key, items[-1].strip(), options.years)
            if notice:
                notices.append(notice)
            if year is not None:
                values[name] = year
            continue
        allowed = getattr(options, name)
        by_folded = {value.casefold(): value for value in allowed}
        kept: list[str] = []
        unknown: list[str] = []
        inactive: list[str] = []
        for item in (v.strip() for text in items for v in text.split(LIST_SEPARATOR)):
            if not item:
                continue
            match = by_folded.get(item.casefold())
            if match is not None:
                if match not in kept:
                    kept.append(match)
            elif name == "countries" and item.upper() in options.country_names:
                inactive.append(item.upper())
            elif item not in unknown:
                unknown.append(item)
        one, several = DIMENSION_NAMES[name]
        if unknown:
            notices.append(f"Ignored unknown {one if len(unknown) == 1 else several} "
                           f"{_quoted(unknown)} in the link.")
        if inactive:
            named = ", ".join(f"{options.country_names[c]} ({c})" for c in inactive)
            notices.append(f"Ignored {named} in the link: no event or project in the data involves "
                           f"{'it' if len(inactive) == 1 else 'them'}.")
        if kept:
            values[name] = tuple(kept)
    state = FilterState(**values)
    if state.year_from is not None and state.year_to is not None and state.year_from > state.year_to:
        notices.append("The link's years were the wrong way round; they have been swapped.")
        state = replace(state, year_from=state.year_to, year_to=state.year_from)
    return normalise_years(state, options.years), notices


def _read_year(key: str, raw: str, years: tuple[int, int] | None) -> tuple[int | None, str | None]:
    if years is None or years[0] == years[1]:
        return None, f"Ignored '{key}={_shown(raw)}' in the link: the data has no range of years to filter."
    if not (raw.isascii() and raw.isdigit() and len(raw) == 4):
        return None, f"Ignored '{key}={_shown(raw)}' in the link: not a year."
    year = int(raw)
    low, high = years
    if year < low or year > high:
        clamped = min(max(year, low), high)
        return clamped, (f"'{key}={raw}' in the link is outside the years in the data "
                         f"({low}–{high}): using {clamped}.")
    return year, None


def normalise_years(state: FilterState, years: tuple[int, int] | None) -> FilterState:
    """Years as the sidebar's slider holds them: both ends set, inside the data's years, or
    neither when they span all of them (no year filter, so undated records stay). An open
    end is the data's first or last year: over data from 2015, 'until 2016' is 2015–2016."""
    if years is None or not state.has_years:
        return replace(state, year_from=None, year_to=None)
    first, last = years
    low = first if state.year_from is None else min(max(state.year_from, first), last)
    high = last if state.year_to is None else min(max(state.year_to, first), last)
    if (low, high) == (first, last):
        return replace(state, year_from=None, year_to=None)
    return replace(state, year_from=low, year_to=high)


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
    def countries_engaged(self) -> tuple[str, ...]:
        """Countries that hosted or took part in a kept event, or that a kept project covers."""
        ec = self.event_countries
        codes = set(ec.loc[ec["role"].isin(PARTICIPATING_ROLES), "country_iso3"])
        codes |= set(self.events["host_iso3"].dropna())
        codes |= set(self.project_countries["country_iso3"])
        return tuple(sorted(codes))

    def table(self, name: str) -> pd.DataFrame:
        """A table by name: filtered if the filters apply to it, else the whole table."""
        if name in FILTERED_TABLES:
            return getattr(self, name)
        return self.dataset.tables[name]


# The tables a FilteredView narrows; the others (sources, countries, borders, ...) are
# reference tables that every view shows whole.
FILTERED_TABLES = ("events", "event_countries", "event_organisations", "projects",
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
    return set(ec.loc[took_part, "event_id"]) | set(dataset.events.loc[hosted, "event_id"])


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
        project_funders = _project_funders(dataset)
        funded = set(project_funders.loc[project_funders["funder_id"].isin(state.funders), "project_id"])
        event_funders = _event_funders(dataset)
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


def describe_years(state: FilterState) -> str | None:
    """'2015–2016', '2018', 'from 2018', 'until 2019', or None without a year filter."""
    if state.year_from is not None and state.year_to is not None:
        if state.year_from == state.year_to:
            return str(state.year_from)
        return f"{state.year_from}–{state.year_to}"
    if state.year_from is not None:
        return f"from {state.year_from}"
    if state.year_to is not None:
        return f"until {state.year_to}"
    return None


def describe(state: FilterState, dataset: Dataset) -> str:
    """A one-line summary such as 'Funder: Japan · 2015–2016', or 'All activity'.

    Plain text with names from the data: escape it for wherever it is shown."""
    labelers = {
        "countries": ("Country", dataset.country_name),
        "regions": ("Region", str),
        "funders": ("Funder", dataset.organisation_label),
        "instruments": ("Instrument", dataset.organisation_label),
        "organisations": ("Organisation", dataset.organisation_label),
        "roles": ("Role", str),
        "topics": ("Topic", lambda t: dataset.topic_labels.get(t, t)),
        "kinds": ("Event kind", str),
    }
    parts = []
    for f in fields(FilterState):
        if f.name in labelers and getattr(state, f.name):
            label, name_of = labelers[f.name]
            parts.append(f"{label}: " + ", ".join(name_of(v) for v in getattr(state, f.name)))
    years = describe_years(state)
    if years:
        parts.append(years)
    return " · ".join(parts) if parts else "All activity"
