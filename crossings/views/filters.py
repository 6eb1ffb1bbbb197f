"""The filters: what a user chose (FilterState), its form in the link (?country=JOR,EGY&from=2016),
the values each filter offers for a dataset, and the one-line description of a choice shown
above figures and on slides. Values a link names that the data does not know are dropped with
a notice, never an error.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace

import pandas as pd

from crossings.data.dataset import Dataset
from crossings.languages import _, ngettext
from crossings.languages.numbers import region_name
from crossings.text.labels import value_label
from crossings.views.groups import group_reach

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


def funders_by_project(dataset: Dataset) -> pd.DataFrame:
    """(project_id, funder_id): from funding lines and from funder roles without an amount.
    Once per dataset (the funder filter asks on every change)."""
    def compute() -> pd.DataFrame:
        po = dataset.project_organisations
        named = po.loc[po["role"] == "funder", ["project_id", "org_id"]]
        named = named.rename(columns={"org_id": "funder_id"})
        return pd.concat([dataset.funding[["project_id", "funder_id"]], named]).drop_duplicates()
    return dataset.memo.get("project_funders", compute)


def funders_by_event(dataset: Dataset) -> pd.DataFrame:
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
    engaged |= set(group_reach(dataset)["country_iso3"])  # found via a group they belong to
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
    funders = set(funders_by_project(dataset)["funder_id"]) | set(funders_by_event(dataset)["funder_id"])
    return Choices(
        # by the names in countries.csv: the same order whatever the language of the session that
        # asked first (the sidebar orders them by the names it shows)
        countries=_by_label(engaged, lambda iso3: dataset.country_names.get(iso3, iso3)),
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


def _unknown_notice(name: str, count: int) -> str:
    """'Ignored unknown {values} in the link.', naming the kind of value, one or several."""
    notices = {
        "countries": ngettext("Ignored unknown country {values} in the link.",
                              "Ignored unknown countries {values} in the link.", count),
        "regions": ngettext("Ignored unknown region {values} in the link.",
                            "Ignored unknown regions {values} in the link.", count),
        "funders": ngettext("Ignored unknown funder {values} in the link.",
                            "Ignored unknown funders {values} in the link.", count),
        "instruments": ngettext("Ignored unknown funding instrument {values} in the link.",
                                "Ignored unknown funding instruments {values} in the link.", count),
        "organisations": ngettext("Ignored unknown organisation {values} in the link.",
                                  "Ignored unknown organisations {values} in the link.", count),
        "roles": ngettext("Ignored unknown organisation role {values} in the link.",
                          "Ignored unknown organisation roles {values} in the link.", count),
        "topics": ngettext("Ignored unknown topic {values} in the link.",
                           "Ignored unknown topics {values} in the link.", count),
        "kinds": ngettext("Ignored unknown event kind {values} in the link.",
                          "Ignored unknown event kinds {values} in the link.", count),
    }
    return notices[name]


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
        if unknown:
            notices.append(_unknown_notice(name, len(unknown)).format(values=_quoted(unknown)))
        if inactive:
            named = ", ".join(f"{options.country_names[c]} ({c})" for c in inactive)
            notices.append(ngettext("Ignored {countries} in the link: no event or project in the data "
                                    "involves it.",
                                    "Ignored {countries} in the link: no event or project in the data "
                                    "involves them.", len(inactive)).format(countries=named))
        if kept:
            values[name] = tuple(kept)
    state = FilterState(**values)
    if state.year_from is not None and state.year_to is not None and state.year_from > state.year_to:
        notices.append(_("The link's years were the wrong way round; they have been swapped."))
        state = replace(state, year_from=state.year_to, year_to=state.year_from)
    return normalise_years(state, options.years), notices


def _read_year(key: str, raw: str, years: tuple[int, int] | None) -> tuple[int | None, str | None]:
    if years is None or years[0] == years[1]:
        return None, _("Ignored '{parameter}' in the link: the data has no range of years to filter.").format(
            parameter=f"{key}={_shown(raw)}")
    if not (raw.isascii() and raw.isdigit() and len(raw) == 4):
        return None, _("Ignored '{parameter}' in the link: not a year.").format(
            parameter=f"{key}={_shown(raw)}")
    year = int(raw)
    low, high = years
    if year < low or year > high:
        clamped = min(max(year, low), high)
        return clamped, _("'{parameter}' in the link is outside the years in the data ({first}–{last}): "
                          "using {year}.").format(parameter=f"{key}={raw}", first=low, last=high,
                                                  year=clamped)
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


def describe_years(state: FilterState) -> str | None:
    """'2015–2016', '2018', 'from 2018', 'until 2019', or None without a year filter."""
    if state.year_from is not None and state.year_to is not None:
        if state.year_from == state.year_to:
            return str(state.year_from)
        return f"{state.year_from}–{state.year_to}"
    if state.year_from is not None:
        return _("from {year}").format(year=state.year_from)
    if state.year_to is not None:
        return _("until {year}").format(year=state.year_to)
    return None


def describe(state: FilterState, dataset: Dataset) -> str:
    """A one-line summary such as 'Funder: Japan · 2015–2016', or 'All activity'.

    Plain text with names from the data: escape it for wherever it is shown."""
    labelers = {
        "countries": (_("Country: {values}"), dataset.country_name),
        "regions": (_("Region: {values}"), region_name),
        "funders": (_("Funder: {values}"), dataset.organisation_label),
        "instruments": (_("Instrument: {values}"), dataset.organisation_label),
        "organisations": (_("Organisation: {values}"), dataset.organisation_label),
        "roles": (_("Role: {values}"), value_label),
        "topics": (_("Topic: {values}"), lambda t: dataset.topic_labels.get(t, t)),
        "kinds": (_("Event kind: {values}"), value_label),
    }
    parts = []
    for f in fields(FilterState):
        if f.name in labelers and getattr(state, f.name):
            label, name_of = labelers[f.name]
            parts.append(label.format(values=", ".join(str(name_of(v)) for v in getattr(state, f.name))))
    years = describe_years(state)
    if years:
        parts.append(years)
    return " · ".join(parts) if parts else _("All activity")
