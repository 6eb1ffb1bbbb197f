"""A country's profile: its borders and neighbours, what the sources say about them, and the
events and projects that involve it. Used by the map page and by presenter slides.

Border figures are kept as each source gives them. A land neighbour's length is the sum of
the segments the country's own Factbook entry lists (Spain–Morocco is Ceuta plus Melilla);
where the neighbour's own entry gives a different length, both are kept (Israel lists 327 km
with Jordan, Jordan 307 km).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from crossings.data.dataset import Dataset
from crossings.data.vocabulary import COUNTED_EVENT_STATUSES
from crossings.languages import _, ngettext
from crossings.text.citations import source_ids_of
from crossings.text.formatting import format_count
from crossings.views.filtered_view import FilteredView
from crossings.views.groups import group_reach
from crossings.views.selection import member


def _text(value) -> str | None:
    return value if isinstance(value, str) and value else None


def _number(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


@dataclass(frozen=True)
class LandNeighbour:
    iso3: str
    name: str
    length_km: float | None  # from this country's side: the sum of its segments
    their_length_km: float | None  # as the neighbour's own entry gives it (None: not listed)
    notes: tuple[str, ...]
    source_ids: tuple[str, ...]

    @property
    def is_asymmetric(self) -> bool:
        return (self.length_km is not None and self.their_length_km is not None
                and abs(self.length_km - self.their_length_km) > 0.05)


@dataclass(frozen=True)
class MaritimeNeighbour:
    iso3: str
    name: str
    sea: str | None
    status: str | None
    note: str | None
    also_land: bool  # also a land neighbour (Iraq, Pakistan, Azerbaijan, Turkmenistan for Iran)
    source_id: str


@dataclass(frozen=True)
class Claim:
    """What one source says about a figure of the country (claims.csv)."""

    field: str
    value: str
    note: str | None
    source_id: str


@dataclass(frozen=True, eq=False)
class CountryProfile:
    iso3: str
    name: str
    region: str | None
    subregion: str | None
    land_border_km: float | None
    coastline_km: float | None
    factbook_land_neighbours: int | None  # the count in countries.csv
    notes: str | None
    source_id: str | None
    land_neighbours: tuple[LandNeighbour, ...]  # longest first
    maritime_neighbours: tuple[MaritimeNeighbour, ...]
    claims: tuple[Claim, ...]
    events: pd.DataFrame  # events involving the country (that pass the filters, if a view is given)
    projects: pd.DataFrame  # projects involving the country (likewise)
    events_hidden: int = 0  # events involving the country that the filters leave out
    projects_hidden: int = 0
    source_ids: tuple[str, ...] = field(default=())

    @property
    def segments_total_km(self) -> float | None:
        lengths = [n.length_km for n in self.land_neighbours if n.length_km is not None]
        return sum(lengths) if lengths else None

    @property
    def events_counted(self) -> int:
        """Events that count in figures, as the headline counts them: held (or status not
        known), with the country named by a source, not only reached through a group."""
        events = self.events
        return int((member(events["status"], COUNTED_EVENT_STATUSES) & ~events["via_group_only"]).sum())

    @property
    def maritime_only(self) -> tuple[MaritimeNeighbour, ...]:
        """Neighbours across the sea that are not also land neighbours."""
        return tuple(n for n in self.maritime_neighbours if not n.also_land)

    @property
    def neighbour_count(self) -> int:
        """Distinct neighbours in the data, by land or by sea."""
        return len({n.iso3 for n in self.land_neighbours} | {n.iso3 for n in self.maritime_neighbours})

    def claims_about(self, *fields: str) -> tuple[Claim, ...]:
        return tuple(c for c in self.claims if c.field in fields)


def _land_neighbours(dataset: Dataset, iso3: str) -> tuple[LandNeighbour, ...]:
    borders = dataset.borders[dataset.borders["kind"] == "land"]
    own = borders[borders["country_iso3"] == iso3]
    reverse = borders[borders["neighbour_iso3"] == iso3]
    theirs = reverse.groupby("country_iso3")["length_km"].sum(min_count=1)
    neighbours = []
    for neighbour, rows in own.groupby("neighbour_iso3", sort=False):
        length = rows["length_km"].sum(min_count=1)
        notes = tuple(dict.fromkeys(n for n in rows["note"] if _text(n)))
        neighbours.append(LandNeighbour(
            iso3=neighbour,
            name=dataset.country_name(neighbour),
            length_km=_number(length),
            their_length_km=_number(theirs.get(neighbour)),
            notes=notes,
            source_ids=tuple(dict.fromkeys(rows["source_id"])),
        ))
    return tuple(sorted(neighbours, key=lambda n: (-(n.length_km or 0), n.name)))


def _maritime_neighbours(dataset: Dataset, iso3: str, land: set[str]) -> tuple[MaritimeNeighbour, ...]:
    """The country's own maritime rows, then those only its neighbours list (borders.csv gives
    Iran's Gulf neighbours from Iran's side; Bahrain's profile shows Iran from the same row)."""
    maritime = dataset.borders[dataset.borders["kind"] == "maritime"]
    own = maritime[maritime["country_iso3"] == iso3]
    listed = set(own["neighbour_iso3"])
    reverse = maritime[(maritime["neighbour_iso3"] == iso3) & ~maritime["country_iso3"].isin(listed)]
    neighbours = [(row.neighbour_iso3, row) for row in own.itertuples()]
    neighbours += [(row.country_iso3, row) for row in reverse.itertuples()]
    return tuple(MaritimeNeighbour(
        iso3=neighbour,
        name=dataset.country_name(neighbour),
        sea=_text(row.sea),
        status=_text(row.status),
        note=_text(row.note),
        also_land=neighbour in land,
        source_id=row.source_id,
    ) for neighbour, row in neighbours)


def _involvement(links: pd.DataFrame, key: str, iso3: str) -> pd.Series:
    """The roles a country has in each record, joined: 'host, participant'."""
    mine = links[links["country_iso3"] == iso3]
    return mine.groupby(key)["role"].agg(lambda roles: ", ".join(dict.fromkeys(roles)))


def events_involving(dataset: Dataset, iso3: str) -> pd.DataFrame:
    """Every event where the country is host or has any role, with a `country_role` column;
    also those that reach it only as a member of a group the source names ('participant via
    the Arab League (group named, not the country)')."""
    roles = _involvement(dataset.event_countries, "event_id", iso3)
    events = dataset.events
    hosted = events.loc[events["host_iso3"] == iso3, "event_id"]
    for event_id in hosted:
        if event_id not in roles.index:
            roles[event_id] = "host"
    named = set(roles.index)  # a source names the country itself
    reach = group_reach(dataset)
    reach = reach[(reach["country_iso3"] == iso3) & ~reach["named"]]
    for event_id, group_id, role in zip(reach["event_id"], reach["group_id"], reach["role"], strict=True):
        via = _("{role} via the {group} (group named, not the country)").format(
            role=role, group=dataset.group_labels.get(group_id, group_id))
        roles[event_id] = f"{roles[event_id]}; {via}" if event_id in roles.index else via
    chosen = events[member(events["event_id"], roles.index)].copy()
    chosen["country_role"] = chosen["event_id"].map(roles)
    chosen["via_group_only"] = ~member(chosen["event_id"], list(named))
    return chosen.sort_values(["start_date_first", "event_id"], ascending=[False, True], na_position="last")


def projects_involving(dataset: Dataset, iso3: str) -> pd.DataFrame:
    """Every project covering the country, with a `country_role` column."""
    roles = _involvement(dataset.project_countries, "project_id", iso3)
    chosen = dataset.projects[member(dataset.projects["project_id"], roles.index)].copy()
    chosen["country_role"] = chosen["project_id"].map(roles)
    return chosen.sort_values(["start_date_first", "project_id"], ascending=[False, True],
                              na_position="last")


def country_profile(dataset: Dataset, iso3: str, view: FilteredView | None = None) -> CountryProfile | None:
    """The profile of iso3, or None if the country is not in countries.csv. With a view, the
    events and projects are those that pass its filters, and the rest are counted as hidden."""
    countries = dataset.countries.set_index("iso3")
    if iso3 not in countries.index:
        return None
    row = countries.loc[iso3]
    land = _land_neighbours(dataset, iso3)
    maritime = _maritime_neighbours(dataset, iso3, {n.iso3 for n in land})
    claims_table = dataset.claims
    claim_rows = claims_table[(claims_table["table"] == "countries") & (claims_table["record_id"] == iso3)]
    claims = tuple(Claim(r.field, r.value, _text(r.note), r.source_id) for r in claim_rows.itertuples())
    events = events_involving(dataset, iso3)
    projects = projects_involving(dataset, iso3)
    events_hidden = projects_hidden = 0
    if view is not None:
        kept_events = member(events["event_id"], view.events["event_id"])
        kept_projects = member(projects["project_id"], view.projects["project_id"])
        events_hidden, projects_hidden = int((~kept_events).sum()), int((~kept_projects).sum())
        events, projects = events[kept_events], projects[kept_projects]
    country_source = _text(row["source_id"])
    border_sources = [s for n in land for s in n.source_ids] + [n.source_id for n in maritime]
    source_ids = ([country_source] if country_source else []) + border_sources + [
        c.source_id for c in claims] + source_ids_of(events, projects)
    return CountryProfile(
        iso3=iso3,
        name=dataset.country_name(iso3),
        region=_text(row["region"]),
        subregion=_text(row["subregion"]),
        land_border_km=_number(row["land_border_km"]),
        coastline_km=_number(row["coastline_km"]),
        factbook_land_neighbours=None if pd.isna(row["land_neighbours"]) else int(row["land_neighbours"]),
        notes=_text(row["notes"]),
        source_id=country_source,
        land_neighbours=land,
        maritime_neighbours=maritime,
        claims=claims,
        events=events,
        projects=projects,
        events_hidden=events_hidden,
        projects_hidden=projects_hidden,
        source_ids=tuple(dict.fromkeys(source_ids)),
    )


def neighbour_count_summary(profile: CountryProfile) -> str:
    """How many neighbours the data lists, by land and by sea: '7 land neighbours and 8 more
    across the sea (6 across the Persian Gulf, 2 across the Caspian Sea): 15 in all.'"""
    land = len(profile.land_neighbours)
    land_text = (ngettext("{count} land neighbour", "{count} land neighbours", land).format(
        count=format_count(land)) if land else _("No land neighbours"))
    if not profile.maritime_neighbours:
        return _("{land}; no maritime neighbours are recorded in the data.").format(land=land_text)
    across = profile.maritime_only
    if not across:
        return _("{land}, {count} of them also across the sea.").format(
            land=land_text, count=format_count(len(profile.maritime_neighbours)))
    by_sea: dict[str | None, int] = {}
    for neighbour in across:
        sea = _main_sea(neighbour.sea)
        by_sea[sea] = by_sea.get(sea, 0) + 1
    seas = _(", ").join(
        _("{count} across the {sea}").format(count=format_count(count), sea=sea) if sea
        else _("{count} across the sea").format(count=format_count(count))
        for sea, count in by_sea.items())
    if not land:
        return _("{land}; {count} across the sea ({seas}).").format(
            land=land_text, count=format_count(len(across)), seas=seas)
    return _("{land} and {count} more across the sea ({seas}): {total} in all.").format(
        land=land_text, count=format_count(len(across)), seas=seas,
        total=format_count(profile.neighbour_count))


def _main_sea(sea: str | None) -> str | None:
    """'Persian Gulf / Strait of Hormuz' counts under the Persian Gulf (said 'the Persian Gulf');
    None for a sea not named."""
    if not sea:
        return None
    name = sea.split("/")[0].strip()
    return name[4:] if name.lower().startswith("the ") else name


# --- how many neighbours: one figure and one wording for every surface ---------------------

@dataclass(frozen=True)
class NeighbourStatement:
    """How many neighbours a country has, said the same way on the map's profile, the presenter's
    slide and the Sources page: a figure by land and sea (a source's own count where one gives
    it, IOM Iran's 13; else the data's, where it records neighbours across the sea), and the
    lines that name each count with its source and how they relate."""

    label: str  # 'Neighbours by land and sea'; '' with no neighbour across the sea and no count by a source
    figure: str  # '13'
    note: str  # 'as IOM Iran (n.d.) counts them'
    lines: tuple[str, ...]  # the counts named by source, what the data lists, how they relate
    differs: bool  # a source's count is not the number of neighbours the data lists

    @property
    def text(self) -> str:
        return " ".join(self.lines)


def claimed_count(value: str) -> int | None:
    """The count a claim gives: '13', or the result of a reckoning ('7 land + 6 across the Gulf = 13')."""
    figure = value.rsplit("=", 1)[-1].strip().replace(",", "")
    return int(figure) if figure.isdigit() else None


def neighbour_statement(profile: CountryProfile, cite: Callable[[str], str]) -> NeighbourStatement:
    """The neighbour count every surface shows. `cite` names a source ('IOM Iran (n.d.)')."""
    in_data = neighbour_count_summary(profile)
    stated = [c for c in profile.claims_about("neighbours") if c.value.strip().isdigit()]
    if not stated:
        if not profile.maritime_neighbours:
            return NeighbourStatement("", "", "", (in_data,), differs=False)
        return NeighbourStatement(_("Neighbours by land and sea"), format_count(profile.neighbour_count),
                                  _("in the data"), (in_data,), differs=False)
    counted = stated[0]
    land_claims = profile.claims_about("land_neighbours")
    land_source = land_claims[0].source_id if land_claims else profile.source_id
    land = claimed_count(land_claims[0].value) if land_claims else None
    land = len(profile.land_neighbours) if land is None else land
    if land_source:
        named = ngettext("{source} counts {count} neighbours by land and sea; {land_source} lists {land} "
                         "land neighbour.",
                         "{source} counts {count} neighbours by land and sea; {land_source} lists {land} "
                         "land neighbours.", land).format(
            source=cite(counted.source_id), count=counted.value, land_source=cite(land_source),
            land=format_count(land))
    else:
        named = _("{source} counts {count} neighbours by land and sea.").format(
            source=cite(counted.source_id), count=counted.value)
    lines = [named, _("The data lists {summary}").format(summary=f"{in_data[0].lower()}{in_data[1:]}")]
    for claim in profile.claims_about("neighbours"):
        if claim not in stated and claim.note and claimed_count(claim.value) is not None:
            lines.append(_("How they relate ({source}): {note}").format(source=cite(claim.source_id),
                                                                        note=claim.note))
    return NeighbourStatement(_("Neighbours by land and sea"), counted.value,
                              _("as {source} counts them").format(source=cite(counted.source_id)),
                              tuple(lines), differs=int(counted.value) != profile.neighbour_count)
