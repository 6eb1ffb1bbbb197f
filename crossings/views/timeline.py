"""Participation over time: who took part, when, and from where.

Everything here works on a FilteredView and returns plain frames, so the Timeline page, the
presenter slides and a notebook read the same numbers.

Dates are kept at the precision the source gives. An event known only to the month or year is
a span from the first to the last day of that period (the loader's `start_date_first` and
`end_date_last`), never a made-up day; an event with no date is listed, never dropped, and
never placed in a period. Participant counts are the sources' own: a count that covers several
countries is kept whole and marked as such, never split between them by guesswork.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from crossings.data.dataset import Dataset
from crossings.data.loading import date_precision_of, period_bounds
from crossings.text.formatting import format_date, format_period
from crossings.text.rows import records
from crossings.views.filters import FilteredView, unfiltered

GRANULARITIES = ("quarter", "year")
COUNT_BY = ("host", "participant")
COLOUR_BY = ("topic", "organiser")

# Group keys that are not countries, in the participants-per-period table.
SHARED = "shared"  # a count (or part of one) the source does not give per country
ONLINE = "online"  # an event with no host country
GROUP_LABELS = {
    SHARED: "Not given per country",
    ONLINE: "Online (no host country)",
}

ONE_DAY = pd.Timedelta(days=1)

# --- events and projects on a date axis ----------------------------------------------------------

def event_place(dataset: Dataset, event) -> str:
    """'Cairo, Egypt', 'Jordan' (no city given) or 'Online'."""
    country = dataset.country_name(event.host_iso3) if isinstance(event.host_iso3, str) else None
    city = event.city if isinstance(event.city, str) else None
    if city and country:
        return f"{city}, {country}"
    if city or country:
        return city or country
    return "Online" if event.mode == "online" else "place not given"


def _organiser_ids(dataset: Dataset) -> dict[str, list[tuple[str, str]]]:
    """Event id -> [(org_id, role)]: its organisers, or, where none is named, its facilitators."""
    def compute():
        organisers: dict[str, list[tuple[str, str]]] = {}
        facilitators: dict[str, list[tuple[str, str]]] = {}
        links = dataset.event_organisations
        for event_id, org_id, role in zip(links["event_id"], links["org_id"], links["role"], strict=True):
            if role in ("organiser", "facilitator"):
                (organisers if role == "organiser" else facilitators).setdefault(event_id, []).append(
                    (org_id, role))
        return {**facilitators, **organisers}
    return dataset.memo.get("organiser_ids", compute)


def _organisers(dataset: Dataset) -> dict[str, str]:
    """Event id -> 'Egypt MoI, NAUSS, IOM' ('IOM (facilitator)' where no organiser is named)."""
    label = dataset.organisation_label
    return {event_id: ", ".join(label(o) if role == "organiser" else f"{label(o)} ({role})"
                                for o, role in ids)
            for event_id, ids in _organiser_ids(dataset).items()}


def _event_source(citations: dict[str, str], event) -> str:
    text = citations.get(event.source_id, event.source_id)
    date_source = event.date_source_id
    if isinstance(date_source, str) and date_source != event.source_id:
        text += f"; date: {citations.get(date_source, date_source)}"
    return text


@lru_cache(maxsize=8192)
def _period_text(start, end, precision) -> str:
    return format_period(start, end, precision)


def _participants_text(event) -> str:
    if pd.isna(event.participants):
        return "no count given"
    count = f"{int(event.participants):,}"
    note = event.participants_note
    if not isinstance(note, str) or not note:
        return count
    return note if note.startswith(count) else f"{count} ({note})"


def describe_events(view: FilteredView) -> pd.DataFrame:
    """Every event in the view with what a reader needs to see: dates as the source gives them,
    place, participants, organisers, topics and source. Dated events first, by date.

    What an event says does not depend on the filters: every event is described once per
    dataset, and a view takes its own rows."""
    def select() -> pd.DataFrame:
        described = view.dataset.memo.get("described_events", lambda: _describe_events(view.dataset))
        return described[described["event_id"].isin(view.events["event_id"])].reset_index(drop=True)
    return view.memo.get("events", select)


_EVENT_FIELDS = ("event_id", "title", "kind", "mode", "date_precision", "start_date", "end_date",
                 "date_status", "date_note", "date_source_id", "city", "host_iso3", "participants",
                 "participants_note", "project_id", "topics", "source_id")


def _describe_events(dataset: Dataset) -> pd.DataFrame:
    citations = dataset.short_citations
    events = dataset.events.sort_values(["start_date_first", "event_id"], na_position="last")
    organisers = _organisers(dataset)
    projects = dict(zip(dataset.projects["project_id"], _project_labels(dataset.projects), strict=True))
    topic_labels = dataset.topic_labels
    rows = records(events, _EVENT_FIELDS)
    frame = pd.DataFrame({
        "event_id": [e.event_id for e in rows],
        "title": [e.title for e in rows],
        "kind": [e.kind for e in rows],
        "precision": [e.date_precision for e in rows],
        "dates": [_period_text(e.start_date, e.end_date, e.date_precision) for e in rows],
        "first_day": events["start_date_first"].to_numpy(),
        "last_day": events["end_date_last"].to_numpy(),
        "place": [event_place(dataset, e) for e in rows],
        "host_iso3": [e.host_iso3 for e in rows],
        "participants": pd.array([e.participants for e in rows], dtype="Int64"),
        "participants_text": [_participants_text(e) for e in rows],
        "organisers": [organisers.get(e.event_id, "not named") for e in rows],
        "topics": [", ".join(topic_labels.get(t, t) for t in _split(e.topics)) for e in rows],
        "project_id": [e.project_id for e in rows],
        "project": [projects.get(e.project_id, "") if isinstance(e.project_id, str) else "" for e in rows],
        "date_status": [e.date_status for e in rows],
        "date_note": [e.date_note if isinstance(e.date_note, str) else "" for e in rows],
        "source": [_event_source(citations, e) for e in rows],
    })
    frame["first_day"] = pd.to_datetime(frame["first_day"])
    frame["last_day"] = pd.to_datetime(frame["last_day"])
    return frame.astype({"event_id": "str"})  # also when empty, so merges on it always line up


def event_spans(view: FilteredView) -> pd.DataFrame:
    """Dated events as spans on a date axis. `drawn_start`/`drawn_end` bound the whole period
    the dates stand for (end exclusive: a one-day event is one day wide; an event known only
    to 2020 covers all of 2020). `is_span` marks events known only to the month or year, which
    are drawn as their period; `midpoint` is only for day-precise events, to place a marker
    within the days they actually ran."""
    events = describe_events(view)
    dated = events[events["first_day"].notna()].copy()
    dated["drawn_start"] = dated["first_day"]
    dated["drawn_end"] = dated["last_day"] + ONE_DAY
    dated["is_span"] = dated["precision"] != "day"
    midpoint = dated["drawn_start"] + (dated["drawn_end"] - dated["drawn_start"]) / 2
    dated["midpoint"] = midpoint.where(~dated["is_span"])
    return dated.reset_index(drop=True)


def undated_events(view: FilteredView) -> pd.DataFrame:
    """Events whose source gives no date: listed beside the chart, never placed on it."""
    events = describe_events(view)
    return events[events["first_day"].isna()].reset_index(drop=True)


def _split(value) -> list[str]:
    return [v for v in value.split(";") if v] if isinstance(value, str) else []


def _project_labels(projects: pd.DataFrame) -> pd.Series:
    return projects["short_title"].where(projects["short_title"].notna(), projects["title"])


@dataclass(frozen=True)
class OtherDate:
    """A start or end that another source gives for a project, as the boundary it implies."""

    field: str  # start_date or end_date
    boundary: pd.Timestamp  # first day of the stated start period, or day after the stated end
    text: str  # 'July 2021 (ICMPD (n.d.))'


def _other_dates(dataset: Dataset) -> dict[str, list[OtherDate]]:
    """Project id -> the starts and ends other sources give, where they differ from the one used."""
    claims = dataset.claims
    claims = claims[(claims["table"] == "projects") & claims["field"].isin(["start_date", "end_date"])
                    & claims["record_id"].isin(dataset.projects["project_id"])]
    used = dataset.projects.set_index("project_id")[["start_date", "end_date"]]
    citations = dataset.short_citations
    found: dict[str, list[OtherDate]] = {}
    for claim in claims.itertuples():
        precision = date_precision_of(claim.value)
        if precision is None or claim.value == used.at[claim.record_id, claim.field]:
            continue
        first, last = period_bounds(claim.value, precision)
        boundary = first if claim.field == "start_date" else last + ONE_DAY
        text = f"{format_date(claim.value, precision)} ({citations.get(claim.source_id, claim.source_id)})"
        found.setdefault(claim.record_id, []).append(OtherDate(claim.field, boundary, text))
    return found


def project_bars(view: FilteredView) -> pd.DataFrame:
    """Projects with at least a start or an end, by start. An unknown end is `open_end` (drawn
    open-ended, never given a made-up end); the other sources' dates are in `other_dates`.
    Described once per dataset (as events are); the counts of events follow the view."""
    described = view.dataset.memo.get("described_projects", lambda: _describe_projects(view.dataset))
    projects = described[described["project_id"].isin(view.projects["project_id"])]
    events = describe_events(view)
    dated = events["first_day"].notna()
    dated_events = events[dated].groupby("project_id").size()
    undated = events[~dated].groupby("project_id").size()
    counts = {"dated_events": projects["project_id"].map(dated_events).fillna(0).astype("int64"),
              "undated_events": projects["project_id"].map(undated).fillna(0).astype("int64")}
    return projects.assign(**counts)[[*described.columns[:-1], *counts, "source"]].reset_index(drop=True)


def _describe_projects(dataset: Dataset) -> pd.DataFrame:
    projects = dataset.projects
    projects = projects[projects["start_date_first"].notna() | projects["end_date_last"].notna()]
    projects = projects.sort_values(["start_date_first", "project_id"], na_position="first")
    links = dataset.project_organisations
    funders = links[links["role"] == "funder"].groupby("project_id")["org_id"].agg(
        lambda ids: ", ".join(dataset.organisation_label(i) for i in ids)).to_dict()
    other_dates = _other_dates(dataset)
    citations = dataset.short_citations
    frame = pd.DataFrame({
        "project_id": projects["project_id"],
        "label": _project_labels(projects),
        "title": projects["title"],
        "dates": [format_period(p.start_date, p.end_date, p.start_precision, p.end_precision)
                  for p in records(projects, ("start_date", "end_date", "start_precision", "end_precision"))],
        "drawn_start": pd.to_datetime(projects["start_date_first"]),
        "drawn_end": pd.to_datetime(projects["end_date_last"]) + ONE_DAY,
        "open_start": projects["start_date_first"].isna(),
        "open_end": projects["end_date_last"].isna(),
        "status": projects["status"],
        "implementer": [dataset.organisation_label(i) if isinstance(i, str) else "not named"
                        for i in projects["implementer_id"]],
        "funders": [funders.get(i, "not named") for i in projects["project_id"]],
        "other_dates": [other_dates.get(i, []) for i in projects["project_id"]],
        "source": [citations.get(i, i) for i in projects["source_id"]],
    })
    return frame.reset_index(drop=True)


def undated_projects(view: FilteredView) -> pd.DataFrame:
    """Projects with neither a start nor an end: listed, never drawn as a made-up bar."""
    projects = view.projects
    undated = projects[projects["start_date_first"].isna() & projects["end_date_last"].isna()]
    return pd.DataFrame({
        "project_id": undated["project_id"],
        "label": _project_labels(undated),
        "title": undated["title"],
        "source": [view.dataset.short_citations.get(s, s) for s in undated["source_id"]],
    }).reset_index(drop=True)


def event_categories(view: FilteredView, colour_by: str) -> pd.DataFrame:
    """One row per event and topic (or organiser): an event with three topics is in three rows.
    Organisers are those named as such, else the facilitators. Events with none get one row
    with a 'none' category so they are never lost."""
    if colour_by not in COLOUR_BY:
        raise ValueError(f"colour_by must be one of {COLOUR_BY}, not {colour_by!r}")
    dataset = view.dataset
    rows = []
    if colour_by == "topic":
        for event in view.events.itertuples():
            topics = _split(event.topics) or [None]
            rows += [(event.event_id, t, dataset.topic_labels.get(t, t) if t else "No topic given")
                     for t in topics]
    else:
        organisers = _organiser_ids(dataset)
        for event_id in view.events["event_id"]:
            ids = [org_id for org_id, _ in organisers.get(event_id, [])] or [None]
            rows += [(event_id, o, dataset.organisation_label(o) if o else "No organiser named")
                     for o in ids]
    frame = pd.DataFrame(rows, columns=["event_id", "category", "label"])
    frame["category"] = frame["category"].fillna("none")
    return frame.astype("str")


# --- participants per period ---------------------------------------------------------------------

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
    return f"{period.year} Q{period.quarter}" if period.freqstr.startswith("Q") else str(period.year)


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
    given = given[given["event_id"].isin(events["event_id"])]
    per_country = given.rename(columns={"country_iso3": "group"})[columns]
    given_sum = given.groupby("event_id")["participants"].sum()
    already_given = counted["event_id"].map(given_sum).fillna(0).astype("int64")
    rest = counted["participants"].astype("int64") - already_given
    shared = pd.DataFrame({"event_id": counted["event_id"], "group": SHARED, "participants": rest})
    return pd.concat([per_country, shared[shared["participants"] > 0]], ignore_index=True).astype(
        {"event_id": "str", "group": "str", "participants": "int64"})


def group_label(dataset: Dataset, group: str) -> str:
    return GROUP_LABELS.get(group) or dataset.country_name(group)


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
    granularity) are in `unplaced`, with their counts: never spread over periods."""
    if granularity not in GRANULARITIES:
        raise ValueError(f"granularity must be one of {GRANULARITIES}, not {granularity!r}")
    events = describe_events(view)
    events["period"] = _periods(events, granularity)
    placed = events[events["period"].notna()]
    shares = _event_shares(view, placed, count_by).merge(placed[["event_id", "period", "title"]],
                                                         on="event_id")
    freq = "Q" if granularity == "quarter" else "Y"
    dated = events[events["first_day"].notna()]
    periods = pd.period_range(dated["first_day"].min().to_period(freq),
                              dated["last_day"].max().to_period(freq), freq=freq) if len(dated) else (
        pd.PeriodIndex([], freq=freq))
    labels = [period_label(period) for period in periods]
    starts = [period.start_time for period in periods]

    counts = (shares.groupby(["group", "period"])["participants"].sum().unstack(fill_value=0)
              .reindex(columns=periods, fill_value=0))  # a pivot table, without pivot_table's overhead
    groups = sorted(counts.index, key=lambda g: (g in GROUP_LABELS, group_label(view.dataset, g)))
    counts = counts.reindex(groups).astype("int64")
    running = counts.cumsum(axis=1)
    shares["event_text"] = [f"{title} ({count:,})" for title, count in
                            zip(shares["title"], shares["participants"], strict=True)]
    titles = shares.groupby(["group", "period"])["event_text"].agg(tuple).to_dict()
    by_group = pd.DataFrame({
        "period": labels * len(groups),
        "period_start": starts * len(groups),
        "group": [g for g in groups for _ in periods],
        "group_label": [group_label(view.dataset, g) for g in groups for _ in periods],
        "participants": counts.to_numpy().ravel() if len(groups) else [],
        "cumulative": running.to_numpy().ravel() if len(groups) else [],
        "events": [titles.get((g, period), ()) for g in groups for period in periods],
    }, columns=["period", "period_start", "group", "group_label", "participants", "cumulative", "events"])

    per_period = placed.groupby("period")["participants"].agg(["size", "count", "sum"]).set_axis(
        ["events", "events_with_count", "participants"], axis=1)
    per_period = per_period.reindex(periods, fill_value=0).astype("int64")
    totals = pd.DataFrame({
        "period": labels, "period_start": starts,
        "events": per_period["events"].to_numpy(),
        "events_with_count": per_period["events_with_count"].to_numpy(),
        "participants": per_period["participants"].to_numpy(),
        "cumulative": per_period["participants"].cumsum().to_numpy(),
    })

    left_out = events[events["period"].isna()]
    unplaced = pd.DataFrame({
        "event_id": left_out["event_id"],
        "title": left_out["title"],
        "dates": left_out["dates"],
        "participants": left_out["participants"],
        "reason": ["no date" if pd.isna(first) else f"dates known only to the {precision}"
                   for first, precision in zip(left_out["first_day"], left_out["precision"], strict=True)],
    }).reset_index(drop=True)
    shared_ids = set(shares.loc[shares["group"] == SHARED, "event_id"])
    shared = shared_counts(view)
    return PeriodParticipants(granularity, count_by, by_group, totals, unplaced,
                              shared[shared["event_id"].isin(shared_ids)].reset_index(drop=True))


# --- per country ---------------------------------------------------------------------------------

def _shared_text(participants: int, countries: int, where: str) -> str:
    if countries >= 2:
        return (f"{participants:,} participants from {countries} countries together at {where}, "
                "not split by country")
    if countries == 1:
        return f"{participants:,} participants at {where}, not given per country"
    return f"{participants:,} participants at {where}; the countries are not named"


def shared_counts(view: FilteredView) -> pd.DataFrame:
    """Events whose participant count (or part of it) is not given per country: the count is
    kept whole, with the participating countries it may cover ('55 participants from 8
    countries together'). Never split between them. What an event's count covers does not
    depend on the filters: worked out once per dataset, each view takes its events' rows."""
    def select() -> pd.DataFrame:
        every = view.dataset.memo.get("shared_counts", lambda: _shared_counts(unfiltered(view.dataset)))
        return every[every["event_id"].isin(view.events["event_id"])].reset_index(drop=True)
    return view.memo.get("shared_counts", select)


def _shared_counts(view: FilteredView) -> pd.DataFrame:
    events = describe_events(view)
    counted = events[events["participants"].notna()]
    shares = _event_shares(view, counted, "participant")
    rest = shares[shares["group"] == SHARED].set_index("event_id")["participants"]
    links = view.event_countries
    without_own = links[(links["role"] == "participant") & links["participants"].isna()]
    codes = without_own.sort_values("country_iso3").groupby("event_id")["country_iso3"].agg(tuple).to_dict()
    name = view.dataset.country_name
    rest_by_event = dict(zip(rest.index, rest, strict=True))
    rows = []
    shared = counted[counted["event_id"].isin(rest.index)]
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
            "short_text": _shared_text(participants, len(countries), f"{event.place}, {event.dates}"),
        })
    return pd.DataFrame(rows, columns=["event_id", "title", "dates", "participants", "countries",
                                       "country_codes", "country_names", "text", "short_text"])


def country_participation(view: FilteredView) -> pd.DataFrame:
    """Per country: events it took part in (its officials attended), hosted, and contributed
    expertise to; officials counted where the source gives a count for that country; and the
    counts it is part of that cover several countries (named, never split)."""
    links = view.event_countries
    roles = (links.groupby(["country_iso3", "role"])["event_id"].nunique().unstack(fill_value=0)
             .reindex(columns=["participant", "host", "contributor"], fill_value=0))
    roles = roles[roles.sum(axis=1) > 0]
    given = _given_per_country(view)
    officials = given.groupby("country_iso3")["participants"].sum()
    with_own = given.groupby("country_iso3")["event_id"].nunique()
    shared = shared_counts(view).explode("country_codes")
    in_shared = shared.groupby("country_codes")["short_text"].agg("; ".join)
    codes = roles.index
    frame = pd.DataFrame({
        "iso3": codes,
        "country": [view.dataset.country_name(c) for c in codes],
        "events_taken_part": roles["participant"].to_numpy(),
        "events_hosted": roles["host"].to_numpy(),
        "events_contributed": roles["contributor"].to_numpy(),
        "officials_counted": pd.array(officials.reindex(codes).to_numpy(), dtype="Int64"),
        "events_with_own_count": with_own.reindex(codes, fill_value=0).to_numpy(),
        "in_shared_counts": in_shared.reindex(codes, fill_value="").to_numpy(),
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
        return every[every["event_id"].isin(view.events["event_id"])].reset_index(drop=True)
    return view.memo.get("participation_by_year", select)


def _participation_by_year(view: FilteredView) -> pd.DataFrame:
    links = view.event_countries
    took_part = links.loc[links["role"] == "participant", ["country_iso3", "event_id"]]
    dated = view.events.loc[view.events["start_date_first"].notna(),
                            ["event_id", "title", "start_date_first", "end_date_last"]]
    rows = took_part.merge(dated, on="event_id").rename(columns={"country_iso3": "iso3"})
    first = rows["start_date_first"].dt.year.to_numpy()
    years = rows["end_date_last"].dt.year.to_numpy() - first + 1  # one row per year the dates cover
    rows = rows.loc[rows.index.repeat(years)]
    rows["year"] = first.repeat(years) + rows.groupby(level=0).cumcount().to_numpy()
    names = view.dataset.country_names
    rows["country"] = rows["iso3"].map(names).fillna(rows["iso3"])
    return rows[["iso3", "country", "year", "event_id", "title"]].astype({"year": "int64"}).reset_index(
        drop=True)


def participation_matrix(view: FilteredView) -> pd.DataFrame:
    """Countries × years: how many events each country took part in each year. Every year
    from the first to the last dated event is a column (a year without events is 0); rows are
    countries (ISO3), most events first."""
    long = participation_by_year(view)
    dated = view.events[view.events["start_date_first"].notna()]
    if long.empty or dated.empty:
        return pd.DataFrame(dtype="int64")
    years = range(int(dated["start_date_first"].min().year), int(dated["end_date_last"].max().year) + 1)
    matrix = (long.groupby(["iso3", "year"])["event_id"].nunique().unstack(fill_value=0)
              .reindex(columns=list(years), fill_value=0))
    names = view.dataset.country_name
    totals = matrix.sum(axis=1)
    order = sorted(matrix.index, key=lambda c: (-int(totals[c]), names(c)))
    matrix = matrix.loc[order].astype("int64")
    matrix.columns.name = "year"
    matrix.index.name = "iso3"
    return matrix
