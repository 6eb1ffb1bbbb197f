"""Events and projects on a date axis: what the Timeline page and the presenter slide draw.

Everything here works on a FilteredView and returns plain frames, so the Timeline page, the
presenter slides and a notebook read the same numbers.

Dates are kept at the precision the source gives. An event known only to the month or year is
a span from the first to the last day of that period (the loader's `start_date_first` and
`end_date_last`), never a made-up day; an event with no date is listed, never dropped, and
never placed in a period.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from crossings.data.dataset import Dataset
from crossings.data.dates import date_precision_of, period_bounds
from crossings.data.vocabulary import COUNTED_EVENT_STATUSES
from crossings.languages import N_, _, active_language
from crossings.text.formatting import format_count, format_date, format_period
from crossings.text.rows import records
from crossings.views.filtered_view import FilteredView, unfiltered
from crossings.views.selection import in_view, member, positions

COLOUR_BY = ("topic", "organiser")
ONE_DAY = pd.Timedelta(days=1)
# A project's status (projects.csv) in words, in the active language: project_status_text(status).
PROJECT_STATUS_WORDS = {"planned": N_("planned"), "ongoing": N_("ongoing"), "completed": N_("completed"),
                        "unknown": N_("status unknown")}
# Where a project's dates come from when not from its own source, per end(s) and date status.
DATE_SOURCE_WORDS = {
    ("start", "resolved"): N_("start resolved from {source}"),
    ("end", "resolved"): N_("end resolved from {source}"),
    ("start and end", "resolved"): N_("start and end resolved from {source}"),
    ("start", "inferred"): N_("start inferred from {source}"),
    ("end", "inferred"): N_("end inferred from {source}"),
    ("start and end", "inferred"): N_("start and end inferred from {source}"),
    ("start", "publication_date"): N_("start publication date from {source}"),
    ("end", "publication_date"): N_("end publication date from {source}"),
    ("start and end", "publication_date"): N_("start and end publication date from {source}"),
}


def project_status_text(status) -> str:
    """A project's status in words: 'completed', 'status unknown'."""
    return _(PROJECT_STATUS_WORDS[status]) if status in PROJECT_STATUS_WORDS else str(status)

# --- events and projects on a date axis ----------------------------------------------------------

def event_place(dataset: Dataset, event) -> str:
    """'Cairo, Egypt', 'Jordan' (no city given) or 'Online'."""
    country = dataset.country_name(event.host_iso3) if isinstance(event.host_iso3, str) else None
    city = event.city if isinstance(event.city, str) else None
    if city and country:
        return _("{city}, {country}").format(city=city, country=country)
    if city or country:
        return city or country
    return _("Online") if event.mode == "online" else _("place not given")


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
    return {event_id: ", ".join(label(o) if role == "organiser" else
                                _("{organisation} (facilitator)").format(organisation=label(o))
                                for o, role in ids)
            for event_id, ids in _organiser_ids(dataset).items()}


def _event_source(citations: dict[str, str], event) -> str:
    text = citations.get(event.source_id, event.source_id)
    date_source = event.date_source_id
    if isinstance(date_source, str) and date_source != event.source_id:
        text = _("{source}; date: {date_source}").format(source=text,
                                                        date_source=citations.get(date_source, date_source))
    return text


@lru_cache(maxsize=8192)
def _period_text(start, end, language: str) -> str:
    """format_period, cached per language (`language` is part of the cache's key)."""
    return format_period(start, end)


def _participants_text(event) -> str:
    if pd.isna(event.participants):
        return _("no count given")
    count = format_count(event.participants)
    if event.status not in COUNTED_EVENT_STATUSES:  # an announcement's figure is what was expected
        count = _("{count} expected").format(count=count)
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
        return described[in_view(view, "described_events", described)].reset_index(drop=True)
    return view.memo.get("events", select)


_EVENT_FIELDS = ("event_id", "title", "kind", "status", "mode", "start_precision", "end_precision",
                 "start_date", "end_date", "date_status", "date_note", "date_source_id", "city",
                 "host_iso3", "participants", "participants_note", "project_id", "topics", "source_id")
_COARSER = {"unknown": 0, "day": 1, "month": 2, "year": 3}


def _precision(start: str, end: str) -> str:
    """The precision a period is drawn at: its coarser end (29 July – August 2015 is drawn
    as a span, not a day); 'unknown' only when neither end is known."""
    known = [p for p in (start, end) if p in _COARSER and p != "unknown"]
    return max(known, key=_COARSER.get) if known else "unknown"


def _describe_events(dataset: Dataset) -> pd.DataFrame:
    citations = dataset.short_citations
    events = dataset.events.sort_values(["start_date_first", "event_id"], na_position="last")
    organisers = _organisers(dataset)
    projects = dict(zip(dataset.projects["project_id"], _project_labels(dataset.projects), strict=True))
    topic_labels = dataset.topic_labels
    rows = records(events, _EVENT_FIELDS)
    language = active_language()
    not_named = _("not named")  # once, not once an event
    frame = pd.DataFrame({
        "event_id": [e.event_id for e in rows],
        "title": [e.title for e in rows],
        "kind": [e.kind for e in rows],
        "status": [e.status for e in rows],
        "counted": np.array([e.status in COUNTED_EVENT_STATUSES for e in rows], dtype=bool),
        "precision": [_precision(e.start_precision, e.end_precision) for e in rows],
        "dates": [_period_text(e.start_date, e.end_date, language) for e in rows],
        # one end not given: the other end's period stands for the whole ("started in June
        # 2016" is drawn as June 2016 and says its end is not stated), never a made-up day
        "first_day": events["start_date_first"].fillna(events["end_date_first"]).to_numpy(),
        "last_day": events["end_date_last"].fillna(events["start_date_last"]).to_numpy(),
        "place": [event_place(dataset, e) for e in rows],
        "host_iso3": [e.host_iso3 for e in rows],
        "participants": pd.array([e.participants for e in rows], dtype="Int64"),
        "participants_text": [_participants_text(e) for e in rows],
        "organisers": [organisers.get(e.event_id, not_named) for e in rows],
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
    within the days they actually ran. Worked out once per dataset (an event's span does not
    depend on the filters); a view takes its events' rows."""
    every = view.dataset.memo.get("event_spans",
                                  lambda: _event_spans(describe_events(unfiltered(view.dataset))))
    return every[in_view(view, "event_spans", every)].reset_index(drop=True)


def _event_spans(events: pd.DataFrame) -> pd.DataFrame:
    dated = events[events["first_day"].notna()].copy()
    dated["drawn_start"] = dated["first_day"]
    dated["drawn_end"] = dated["last_day"] + ONE_DAY
    dated["is_span"] = dated["precision"] != "day"
    midpoint = dated["drawn_start"] + (dated["drawn_end"] - dated["drawn_start"]) / 2
    dated["midpoint"] = midpoint.where(~dated["is_span"])
    return dated.reset_index(drop=True)


def undated_events(view: FilteredView) -> pd.DataFrame:
    """Events whose source gives no date, or a day and month without the year: listed beside
    the chart ('25-28 May, year not stated'), never placed on it."""
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
                    & member(claims["record_id"], dataset.projects["project_id"])]
    used = dataset.projects.set_index("project_id")[["start_date", "end_date"]]
    citations = dataset.short_citations
    found: dict[str, list[OtherDate]] = {}
    for claim in claims.itertuples():
        precision = date_precision_of(claim.value)
        if precision is None or claim.value == used.at[claim.record_id, claim.field]:
            continue
        first, last = period_bounds(claim.value, precision)
        boundary = first if claim.field == "start_date" else last + ONE_DAY
        text = _("{date} ({citation})").format(date=format_date(claim.value, precision),
                                               citation=citations.get(claim.source_id, claim.source_id))
        found.setdefault(claim.record_id, []).append(OtherDate(claim.field, boundary, text))
    return found


def project_bars(view: FilteredView) -> pd.DataFrame:
    """Projects with at least a start or an end, by start. An unknown end is `open_end` (drawn
    open-ended, never given a made-up end); the other sources' dates are in `other_dates`.
    Described once per dataset (as events are); the counts of events follow the view."""
    described = view.dataset.memo.get("described_projects", lambda: _describe_projects(view.dataset))
    # the rows taken once, the counts put in before the last column (an assign, a pick of
    # columns and a new index each copied every column again)
    kept = in_view(view, "described_projects", described, "projects", "project_id")
    projects = described[kept].reset_index(drop=True)
    events = describe_events(view)
    # each event's project by row position (-1: none shown), counted with numpy (two pandas
    # groupbys and maps cost more than the rest of this function)
    at = positions(events["project_id"], projects["project_id"])
    dated = events["first_day"].notna().to_numpy()
    projects.insert(len(projects.columns) - 1, "dated_events",
                    np.bincount(at[dated & (at >= 0)], minlength=len(projects)))
    projects.insert(len(projects.columns) - 1, "undated_events",
                    np.bincount(at[~dated & (at >= 0)], minlength=len(projects)))
    return projects


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
        "dates": [format_period(start, end)
                  for start, end in zip(projects["start_date"].to_numpy(dtype=object),
                                        projects["end_date"].to_numpy(dtype=object), strict=True)],
        "drawn_start": pd.to_datetime(projects["start_date_first"]),
        "drawn_end": pd.to_datetime(projects["end_date_last"]) + ONE_DAY,
        "open_start": projects["start_date_first"].isna(),
        "open_end": projects["end_date_last"].isna(),
        "status": projects["status"],
        "implementer": [dataset.organisation_label(i) if isinstance(i, str) else _("not named")
                        for i in projects["implementer_id"]],
        "funders": [funders.get(i, _("not named")) for i in projects["project_id"]],
        "other_dates": [other_dates.get(i, []) for i in projects["project_id"]],
        "date_sources": [_date_sources(p, citations) for p in records(
            projects, ("start_status", "start_source_id", "end_status", "end_source_id"))],
        "source": [citations.get(i, i) for i in projects["source_id"]],
    })
    return frame.reset_index(drop=True)


def _date_sources(project, citations: dict[str, str]) -> str:
    """'start and end resolved from IOM (n.d.)': where a project's dates come from when it is
    not its own source ('' when both are stated by it, or unknown)."""
    parts: dict[tuple[str, str], list[str]] = {}
    for end, status, source in (("start", project.start_status, project.start_source_id),
                                ("end", project.end_status, project.end_source_id)):
        if status in ("stated", "unknown") or not isinstance(source, str):
            continue
        parts.setdefault((status, citations.get(source, source)), []).append(end)
    said = []
    for (status, source), ends in parts.items():
        words = DATE_SOURCE_WORDS.get((" and ".join(ends), status))
        # the loader admits only the vocabulary's statuses; anything else reads as it did
        said.append(_(words).format(source=source) if words else
                    f"{' and '.join(ends)} {status.replace('_', ' ')} from {source}")
    return "; ".join(said)


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
    every = view.dataset.memo.get(("event_categories", colour_by),
                                  lambda: _event_categories(view.dataset, colour_by))
    return every[in_view(view, ("event_categories", colour_by), every)].reset_index(drop=True)


def _event_categories(dataset: Dataset, colour_by: str) -> pd.DataFrame:
    """event_categories of every event, once per dataset; views take their events' rows."""
    # "none"'s words looked up once, and only if an event needs them (a result that never asks
    # for the language is kept once for every language: crossings.data.memo)
    rows, none = [], ""
    if colour_by == "topic":
        labels = dataset.topic_labels
        for event in records(dataset.events, ("event_id", "topics")):
            for topic in _split(event.topics) or [None]:
                if not topic:
                    none = none or _("No topic given")
                rows.append((event.event_id, topic, labels.get(topic, topic) if topic else none))
    else:
        organisers, label = _organiser_ids(dataset), dataset.organisation_label
        for event_id in dataset.events["event_id"].tolist():
            for org_id in [org_id for org_id, _ in organisers.get(event_id, [])] or [None]:
                if not org_id:
                    none = none or _("No organiser named")
                rows.append((event_id, org_id, label(org_id) if org_id else none))
    frame = pd.DataFrame(rows, columns=["event_id", "category", "label"])
    frame["category"] = frame["category"].fillna("none")
    return frame.astype("str")
