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

import pandas as pd

from crossings.citations import short_citation
from crossings.dataset import Dataset
from crossings.filters import FilteredView
from crossings.formatting import format_date, format_period
from crossings.loading import date_precision_of, period_bounds

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


def _organiser_ids(view: FilteredView) -> dict[str, list[tuple[str, str]]]:
    """Event id -> [(org_id, role)]: its organisers, or, where none is named, its facilitators."""
    links = view.event_organisations
    named: dict[str, list[tuple[str, str]]] = {}
    for event_id, rows in links.groupby("event_id", sort=False):
        for role in ("organiser", "facilitator"):
            ids = list(rows.loc[rows["role"] == role, "org_id"])
            if ids:
                named[event_id] = [(org_id, role) for org_id in ids]
                break
    return named


def _organisers(view: FilteredView) -> dict[str, str]:
    """Event id -> 'Egypt MoI, NAUSS, IOM' ('IOM (facilitator)' where no organiser is named)."""
    label = view.dataset.organisation_label
    return {event_id: ", ".join(label(o) if role == "organiser" else f"{label(o)} ({role})"
                                for o, role in ids)
            for event_id, ids in _organiser_ids(view).items()}


def _event_source(dataset: Dataset, event) -> str:
    text = short_citation(dataset, event.source_id)
    date_source = event.date_source_id
    if isinstance(date_source, str) and date_source != event.source_id:
        text += f"; date: {short_citation(dataset, date_source)}"
    return text


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
    place, participants, organisers, topics and source. Dated events first, by date."""
    dataset = view.dataset
    events = view.events.sort_values(["start_date_first", "event_id"], na_position="last")
    organisers = _organisers(view)
    projects = dict(zip(view.dataset.projects["project_id"], _project_labels(view.dataset.projects),
                        strict=True))
    rows = []
    for event in events.itertuples():
        rows.append({
            "event_id": event.event_id,
            "title": event.title,
            "kind": event.kind,
            "precision": event.date_precision,
            "dates": format_period(event.start_date, event.end_date, event.date_precision),
            "first_day": event.start_date_first,
            "last_day": event.end_date_last,
            "place": event_place(dataset, event),
            "host_iso3": event.host_iso3,
            "participants": event.participants,
            "participants_text": _participants_text(event),
            "organisers": organisers.get(event.event_id, "not named"),
            "topics": ", ".join(dataset.topic_labels.get(t, t) for t in _split(event.topics)),
            "project_id": event.project_id,
            "project": projects.get(event.project_id, "") if isinstance(event.project_id, str) else "",
            "date_status": event.date_status,
            "date_note": event.date_note if isinstance(event.date_note, str) else "",
            "source": _event_source(dataset, event),
        })
    frame = pd.DataFrame(rows, columns=[
        "event_id", "title", "kind", "precision", "dates", "first_day", "last_day", "place",
        "host_iso3", "participants", "participants_text", "organisers", "topics", "project_id",
        "project", "date_status", "date_note", "source"])
    frame["participants"] = frame["participants"].astype("Int64")
    frame["first_day"] = pd.to_datetime(frame["first_day"])
    frame["last_day"] = pd.to_datetime(frame["last_day"])
    return frame


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


def _other_dates(dataset: Dataset, project) -> list[OtherDate]:
    """Dates that other sources give for the project's start or end, where they differ."""
    claims = dataset.claims
    rows = claims[(claims["table"] == "projects") & (claims["record_id"] == project.project_id)
                  & claims["field"].isin(["start_date", "end_date"])]
    found = []
    for claim in rows.itertuples():
        precision = date_precision_of(claim.value)
        if precision is None or claim.value == getattr(project, claim.field):
            continue
        first, last = period_bounds(claim.value, precision)
        boundary = first if claim.field == "start_date" else last + ONE_DAY
        text = f"{format_date(claim.value, precision)} ({short_citation(dataset, claim.source_id)})"
        found.append(OtherDate(claim.field, boundary, text))
    return found


def project_bars(view: FilteredView) -> pd.DataFrame:
    """Projects with at least a start or an end, by start. An unknown end is `open_end` (drawn
    open-ended, never given a made-up end); the other sources' dates are in `other_dates`."""
    dataset = view.dataset
    projects = view.projects
    projects = projects[projects["start_date_first"].notna() | projects["end_date_last"].notna()]
    projects = projects.sort_values(["start_date_first", "project_id"], na_position="first")
    organisations = view.project_organisations
    funders = organisations[organisations["role"] == "funder"]
    all_events = describe_events(view)
    rows = []
    for project, label in zip(projects.itertuples(), _project_labels(projects), strict=True):
        own_events = all_events[all_events["project_id"] == project.project_id]
        rows.append({
            "project_id": project.project_id,
            "label": label,
            "title": project.title,
            "dates": format_period(project.start_date, project.end_date, project.start_precision,
                                   project.end_precision),
            "drawn_start": project.start_date_first,
            "drawn_end": project.end_date_last + ONE_DAY if pd.notna(project.end_date_last) else pd.NaT,
            "open_start": pd.isna(project.start_date_first),
            "open_end": pd.isna(project.end_date_last),
            "status": project.status,
            "implementer": dataset.organisation_label(project.implementer_id)
            if isinstance(project.implementer_id, str) else "not named",
            "funders": ", ".join(dataset.organisation_label(f)
                                 for f in funders.loc[funders["project_id"] == project.project_id, "org_id"])
            or "not named",
            "other_dates": _other_dates(dataset, project),
            "dated_events": int(own_events["first_day"].notna().sum()),
            "undated_events": int(own_events["first_day"].isna().sum()),
            "source": short_citation(dataset, project.source_id),
        })
    frame = pd.DataFrame(rows, columns=[
        "project_id", "label", "title", "dates", "drawn_start", "drawn_end", "open_start", "open_end",
        "status", "implementer", "funders", "other_dates", "dated_events", "undated_events", "source"])
    for column in ("drawn_start", "drawn_end"):
        frame[column] = pd.to_datetime(frame[column])
    return frame


def undated_projects(view: FilteredView) -> pd.DataFrame:
    """Projects with neither a start nor an end: listed, never drawn as a made-up bar."""
    projects = view.projects
    undated = projects[projects["start_date_first"].isna() & projects["end_date_last"].isna()]
    return pd.DataFrame({
        "project_id": undated["project_id"],
        "label": _project_labels(undated),
        "title": undated["title"],
        "source": [short_citation(view.dataset, s) for s in undated["source_id"]],
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
        organisers = _organiser_ids(view)
        for event_id in view.events["event_id"]:
            ids = [org_id for org_id, _ in organisers.get(event_id, [])] or [None]
            rows += [(event_id, o, dataset.organisation_label(o) if o else "No organiser named")
                     for o in ids]
    frame = pd.DataFrame(rows, columns=["event_id", "category", "label"])
    frame["category"] = frame["category"].fillna("none")
    return frame


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


def _event_shares(view: FilteredView, events: pd.DataFrame, count_by: str) -> pd.DataFrame:
    """Who the participants of each event were counted for: one row per event and group.

    By host: the whole count goes to the host country (or 'online'). By participating
    country: only the per-country counts the source gives; whatever of the event's total is
    not given per country stays whole as 'several countries together'."""
    if count_by not in COUNT_BY:
        raise ValueError(f"count_by must be one of {COUNT_BY}, not {count_by!r}")
    rows = []
    if count_by == "host":
        for event in events.itertuples():
            if pd.notna(event.participants):
                group = event.host_iso3 if isinstance(event.host_iso3, str) else ONLINE
                rows.append((event.event_id, group, int(event.participants)))
    else:
        links = view.event_countries
        given = links[(links["role"] == "participant") & links["participants"].notna()]
        for event in events.itertuples():
            own = given[given["event_id"] == event.event_id]
            rows += [(event.event_id, iso3, int(n)) for iso3, n in
                     zip(own["country_iso3"], own["participants"], strict=True)]
            if pd.notna(event.participants):
                rest = int(event.participants) - int(own["participants"].sum())
                if rest > 0:
                    rows.append((event.event_id, SHARED, rest))
    return pd.DataFrame(rows, columns=["event_id", "group", "participants"])


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

    @property
    def participants_placed(self) -> int:
        return int(self.totals["participants"].sum())


def participants_by_period(view: FilteredView, granularity: str = "year",
                           count_by: str = "host") -> PeriodParticipants:
    """Participants per quarter or year, and cumulatively, by host or participating country.

    Periods run without gaps from the first to the last dated event in the view, so an empty
    quarter shows as zero. Events that cannot be placed (no date, or a date too vague for the
    granularity) are in `unplaced`, with their counts: never spread over periods."""
    events = describe_events(view)
    events["period"] = [placement_period(e.precision, e.first_day, e.last_day, granularity)
                        for e in events.itertuples()]
    placed = events[events["period"].notna()]
    shares = _event_shares(view, view.events[view.events["event_id"].isin(placed["event_id"])], count_by)
    shares = shares.merge(placed[["event_id", "period", "title"]], on="event_id")

    freq = "Q" if granularity == "quarter" else "Y"
    dated = events[events["first_day"].notna()]
    if len(dated):
        periods = list(pd.period_range(pd.Period(dated["first_day"].min(), freq=freq),
                                       pd.Period(dated["last_day"].max(), freq=freq), freq=freq))
    else:
        periods = []

    groups = sorted(set(shares["group"]), key=lambda g: (g in GROUP_LABELS, group_label(view.dataset, g)))
    by_group_rows = []
    for group in groups:
        running = 0
        own = shares[shares["group"] == group]
        for period in periods:
            in_period = own[own["period"] == period]
            count = int(in_period["participants"].sum())
            running += count
            by_group_rows.append((period_label(period), period.start_time, group,
                                  group_label(view.dataset, group), count, running,
                                  tuple(f"{t} ({n:,})" for t, n in
                                        zip(in_period["title"], in_period["participants"], strict=True))))
    by_group = pd.DataFrame(by_group_rows, columns=["period", "period_start", "group", "group_label",
                                                    "participants", "cumulative", "events"])

    totals_rows = []
    running = 0
    for period in periods:
        in_period = placed[placed["period"] == period]
        count = int(in_period["participants"].fillna(0).sum())
        running += count
        totals_rows.append((period_label(period), period.start_time, len(in_period),
                            int(in_period["participants"].notna().sum()), count, running))
    totals = pd.DataFrame(totals_rows, columns=["period", "period_start", "events", "events_with_count",
                                                "participants", "cumulative"])

    left_out = events[events["period"].isna()]
    unplaced = pd.DataFrame({
        "event_id": left_out["event_id"],
        "title": left_out["title"],
        "dates": left_out["dates"],
        "participants": left_out["participants"],
        "reason": ["no date" if pd.isna(e.first_day) else f"dates known only to the {e.precision}"
                   for e in left_out.itertuples()],
    }).reset_index(drop=True)
    shared_ids = set(shares.loc[shares["group"] == SHARED, "event_id"])
    return PeriodParticipants(granularity, count_by, by_group, totals, unplaced,
                              shared_counts(view)[lambda f: f["event_id"].isin(shared_ids)])


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
    countries together'). Never split between them."""
    events = describe_events(view)
    links = view.event_countries
    participants = links[links["role"] == "participant"]
    rows = []
    for event in events[events["participants"].notna()].itertuples():
        own = participants[participants["event_id"] == event.event_id]
        not_given = own[own["participants"].isna()]
        rest = int(event.participants) - int(own["participants"].sum())
        if rest <= 0:
            continue
        names = sorted(view.dataset.country_name(c) for c in not_given["country_iso3"])
        rows.append({
            "event_id": event.event_id,
            "title": event.title,
            "dates": event.dates,
            "participants": rest,
            "countries": len(not_given),
            "country_codes": tuple(sorted(not_given["country_iso3"])),
            "country_names": ", ".join(names),
            "text": _shared_text(rest, len(not_given), f"{event.title} ({event.dates})"),
            "short_text": _shared_text(rest, len(not_given), f"{event.place}, {event.dates}"),
        })
    return pd.DataFrame(rows, columns=["event_id", "title", "dates", "participants", "countries",
                                       "country_codes", "country_names", "text", "short_text"])


def country_participation(view: FilteredView) -> pd.DataFrame:
    """Per country: events it took part in (its officials attended), hosted, and contributed
    expertise to; officials counted where the source gives a count for that country; and the
    counts it is part of that cover several countries (named, never split)."""
    dataset = view.dataset
    links = view.event_countries
    shared = shared_counts(view)
    rows = []
    for iso3, own in links.groupby("country_iso3"):
        took_part = own[own["role"] == "participant"]
        hosted = own[own["role"] == "host"]
        contributed = own[own["role"] == "contributor"]
        if took_part.empty and hosted.empty and contributed.empty:
            continue
        counted = took_part["participants"].dropna()
        in_shared = shared[shared["country_codes"].map(lambda codes, c=iso3: c in codes)]
        rows.append({
            "iso3": iso3,
            "country": dataset.country_name(iso3),
            "events_taken_part": took_part["event_id"].nunique(),
            "events_hosted": hosted["event_id"].nunique(),
            "events_contributed": contributed["event_id"].nunique(),
            "officials_counted": int(counted.sum()) if len(counted) else pd.NA,
            "events_with_own_count": int(took_part.loc[took_part["participants"].notna(),
                                                       "event_id"].nunique()),
            "in_shared_counts": "; ".join(shared["short_text"][in_shared.index]) if len(in_shared) else "",
        })
    frame = pd.DataFrame(rows, columns=["iso3", "country", "events_taken_part", "events_hosted",
                                        "events_contributed", "officials_counted",
                                        "events_with_own_count", "in_shared_counts"])
    frame["officials_counted"] = frame["officials_counted"].astype("Int64")
    return frame.sort_values(["events_taken_part", "officials_counted", "country"],
                             ascending=[False, False, True], na_position="last").reset_index(drop=True)


def participation_by_year(view: FilteredView) -> pd.DataFrame:
    """One row per country, year and event it took part in. An event counts in every year its
    dates cover (an event known only to 2020 counts in 2020); undated events in none."""
    events = view.events.set_index("event_id")
    links = view.event_countries
    took_part = links[links["role"] == "participant"]
    rows = []
    for iso3, event_id in zip(took_part["country_iso3"], took_part["event_id"], strict=True):
        first, last = events.at[event_id, "start_date_first"], events.at[event_id, "end_date_last"]
        if pd.isna(first):
            continue
        for year in range(first.year, last.year + 1):
            rows.append((iso3, view.dataset.country_name(iso3), year, event_id,
                         events.at[event_id, "title"]))
    return pd.DataFrame(rows, columns=["iso3", "country", "year", "event_id", "title"])


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
    order = sorted(matrix.index, key=lambda c: (-int(matrix.loc[c].sum()), names(c)))
    matrix = matrix.loc[order].astype("int64")
    matrix.columns.name = "year"
    matrix.index.name = "iso3"
    return matrix
