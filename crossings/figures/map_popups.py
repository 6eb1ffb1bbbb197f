"""What a map says about each event: its popup (title, dates, place, organisers, funders, source),
built once per Dataset from escaped text, and the marker features of a filtered view.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from crossings.data.dataset import Dataset
from crossings.data.memo import Written
from crossings.data.vocabulary import COUNTED_EVENT_STATUSES
from crossings.figures import palette
from crossings.figures.map_elements import direction_attribute
from crossings.languages import N_, _, ngettext
from crossings.text.citations import short_citation
from crossings.text.escaping import html_link, html_text
from crossings.text.formatting import event_status_text, format_count, format_period
from crossings.text.rows import records
from crossings.views.filtered_view import FilteredView
from crossings.views.groups import AS_LISTED, group_reach
from crossings.views.selection import member

DATE_STATUS_NOTES = {
    "resolved": N_("date from another source"),
    "inferred": N_("date inferred by the curators"),
}
# the roles a popup lists as organisers, and the word said after the organisation ('' for none)
ROLE_LABELS = {"organiser": "", "facilitator": N_("facilitator")}

# --- event popups -----------------------------------------------------------------------------

def _labels(dataset: Dataset, org_ids: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(dataset.organisation_label(o) for o in org_ids))


def _event_place(dataset: Dataset, event) -> str:
    if event["mode"] == "online" or not isinstance(event["host_iso3"], str):
        return _("Online") if event["mode"] == "online" else _("Place unknown")
    parts = [p for p in (event["venue"], event["city"]) if isinstance(p, str) and p]
    parts.append(dataset.country_name(event["host_iso3"]))
    return ", ".join(parts)


def _grouped(keys, values) -> dict[str, list]:
    """Key -> its values, in the order given."""
    found: dict[str, list] = {}
    for key, value in zip(keys, values, strict=True):
        found.setdefault(key, []).append(value)
    return found


@dataclass(frozen=True)
class _PopupLookups:
    """What event popups need from the whole dataset, gathered once per dataset."""

    organisers: dict[str, list[tuple[str, str]]]  # event id -> (org id, role) in ROLE_LABELS
    direct_funders: dict[str, list[str]]  # event id -> org ids named as its funder
    project_funders: dict[str, list[str]]  # project id -> 'EU (IcSP)', per funding line
    source_urls: dict[str, object]


def _popup_lookups(dataset: Dataset) -> _PopupLookups:
    def gather() -> _PopupLookups:
        org = dataset.organisation_label
        links = dataset.event_organisations
        organising = links[links["role"].isin(ROLE_LABELS)]
        funding = links[links["role"] == "funder"]
        lines = dataset.funding
        return _PopupLookups(
            organisers=_grouped(organising["event_id"], zip(organising["org_id"], organising["role"],
                                                            strict=True)),
            direct_funders=_grouped(funding["event_id"], funding["org_id"]),
            project_funders=_grouped(lines["project_id"], [
                org(funder) + (f" ({org(instrument)})" if isinstance(instrument, str) else "")
                for funder, instrument in zip(lines["funder_id"], lines["instrument_id"], strict=True)]),
            source_urls=dict(zip(dataset.sources["source_id"], dataset.sources["url"], strict=True)))
    return dataset.memo.get("popup_lookups", gather)


def event_funders(dataset: Dataset, event) -> list[str]:
    """Who paid: funders named for the event itself, then the funders of its project (with the
    instrument, e.g. 'EU (IcSP)')."""
    lookups = _popup_lookups(dataset)
    names = _labels(dataset, lookups.direct_funders.get(event["event_id"], []))
    if isinstance(event["project_id"], str):
        for name in lookups.project_funders.get(event["project_id"], []):
            if name not in names:
                names.append(name)
    return names


def event_popup_html(dataset: Dataset, event) -> str:
    """The popup of one event, as escaped HTML: title, dates with their precision, place,
    organisers, participants, funders, source."""
    lookups = _popup_lookups(dataset)
    when = format_period(event["start_date"], event["end_date"])
    status_note = DATE_STATUS_NOTES.get(event["date_status"])
    if status_note:
        when = _("{period} ({note})").format(period=when, note=_(status_note))
    place = _event_place(dataset, event)
    if event["location_precision"] == "country":
        place = _("{place} (marker at the country's centre)").format(place=place)
    organisers = [_("{organisation} ({role})").format(organisation=dataset.organisation_label(org_id),
                                                      role=_(ROLE_LABELS[role]))
                  if ROLE_LABELS[role] else dataset.organisation_label(org_id)
                  for org_id, role in lookups.organisers.get(event["event_id"], [])]
    count = event["participants"]
    people = format_count(count) if pd.notna(count) else _("not given by the source")
    if pd.notna(count) and event["status"] not in COUNTED_EVENT_STATUSES:
        people = _("{count} expected").format(count=people)
    funders = event_funders(dataset, event)
    source_id = event["source_id"]
    status_text = event_status_text(event["status"])
    if event["status"] not in COUNTED_EVENT_STATUSES:
        status_text = _("{status}; not counted in the figures").format(status=status_text)
    status = [(_("Status"), html_text(status_text))] if event["status"] != "held" else []
    rows = [
        *status,
        (_("When"), html_text(when)),
        (_("Where"), html_text(place)),
        (_("Organisers"), html_text(_(", ").join(dict.fromkeys(organisers)) or _("not named"))),
        (_("Participants"), html_text(people)),
        *_via_groups_row(dataset, event["event_id"]),
        (_("Funders"), html_text(_(", ").join(funders) or _("none recorded"))),
        (_("Source"), html_link(short_citation(dataset, source_id), lookups.source_urls.get(source_id))),
    ]
    body = "".join(f"<dt>{html_text(label)}</dt><dd>{value}</dd>" for label, value in rows)
    return (f'<div class="crossings-popup"{direction_attribute()}><h4>{html_text(event["title"])}</h4>'
            f"<dl>{body}</dl></div>")


def _via_groups_row(dataset: Dataset, event_id: str) -> list[tuple[str, str]]:
    """'Via group': the countries the event reaches only through a group the source names."""
    readings: dict[str, list[str]] = {}  # group id -> how each member was read, groups in data order
    for group_id, reading in _unnamed_members(dataset).get(event_id, ()):
        readings.setdefault(group_id, []).append(reading)
    parts = []
    for group_id, how in readings.items():
        if all(reading == AS_LISTED for reading in how):
            text = ngettext("{group}: {count} country (as listed today)",
                            "{group}: {count} countries (as listed today)", len(how))
        else:
            text = ngettext("{group}: {count} country", "{group}: {count} countries", len(how))
        parts.append(text.format(group=dataset.group_labels.get(group_id, group_id),
                                 count=format_count(len(how))))
    return [(_("Via group"), html_text(_("; ").join(parts)))] if parts else []


def _unnamed_members(dataset: Dataset) -> dict[str, list[tuple[str, str]]]:
    """Event id -> (group id, reading) of each country it reaches through a group and no source
    names for it (the rows of group_reach not `named`), for every event at once: a
    popup each looking through the whole table took most of a first map."""
    def compute() -> dict[str, list[tuple[str, str]]]:
        reach = group_reach(dataset)
        unnamed = reach[~reach["named"].to_numpy(dtype=bool)]
        found: dict[str, list[tuple[str, str]]] = {}
        for event_id, group_id, reading in zip(*(unnamed[c].to_numpy(dtype=object)
                                                 for c in ("event_id", "group_id", "reading")), strict=True):
            if isinstance(group_id, str):
                found.setdefault(event_id, []).append((group_id, reading))
        return found
    return dataset.memo.get("unnamed_group_members", compute)


def event_popups(dataset: Dataset) -> Written:
    """Event id -> its popup (`.many(ids)`): a popup depends only on the data, so each is
    written once per dataset, when a map first shows its event."""
    def write(ids: list[str]) -> dict[str, str]:
        events = dataset.events[member(dataset.events["event_id"], ids)]
        return {event["event_id"]: event_popup_html(dataset, event) for event in events.to_dict("records")}
    return dataset.memo.get("event_popups", lambda: Written(write))


def kind_colours(dataset: Dataset) -> dict[str, str]:
    """One colour per event kind, stable for a dataset (sorted kinds)."""
    return palette.colour_map(sorted(set(dataset.events["kind"])))


# Beyond this many events with a place, the map shows one marker per place (what a click on it
# lists: the first PLACE_POPUP_EVENTS events there, and how many more) instead of one per event:
# 100,000 markers with their popups were tens of megabytes sent on every rerun.
MAX_EVENT_MARKERS = 1000
PLACE_POPUP_EVENTS = 3


def event_features(view: FilteredView) -> list[dict]:
    """Point features for the events that have a place (online events have none): one per
    event, or beyond MAX_EVENT_MARKERS one per place, carrying its number of events (`count`,
    which the clusters add up)."""
    def build() -> list[dict]:
        events = view.events
        located = events[events["lat"].notna() & events["lon"].notna()]
        if len(located) > MAX_EVENT_MARKERS:
            return place_features(view.dataset, located)
        colours = kind_colours(view.dataset)
        popups = event_popups(view.dataset).many(located["event_id"])
        return [{
            "type": "Feature",
            "id": event.event_id,
            "properties": {
                "kind": "event",
                "event_id": event.event_id,
                "label": str(event.title),  # plain text: Leaflet sets it as an attribute
                "colour": colours.get(event.kind, palette.TEXT),
                "counted": event.status in COUNTED_EVENT_STATUSES,
                "tooltip": html_text(event.title),
                "popup": popups[event.event_id],
            },
            "geometry": {"type": "Point", "coordinates": [float(event.lon), float(event.lat)]},
        } for event in records(located, ("event_id", "title", "kind", "status", "lat", "lon"))]
    return view.memo.get("event_features", build)


def place_features(dataset: Dataset, located: pd.DataFrame) -> list[dict]:
    """One point per place (events at the same coordinates), latest events first in its popup."""
    ordered = located.sort_values(["lat", "lon", "start_date_first"], ascending=[True, True, False],
                                  na_position="last")
    place = ordered.groupby(["lat", "lon"], sort=False)
    counts = place["event_id"].size()
    listed = ordered[place.cumcount().to_numpy() < PLACE_POPUP_EVENTS]
    dates = zip(listed["start_date"], listed["end_date"], strict=True)
    lines = [f"<li>{html_text(title)} ({html_text(format_period(*when))})</li>"
             for title, when in zip(listed["title"], dates, strict=True)]
    by_place = _grouped(zip(listed["lat"], listed["lon"], strict=True), lines)
    names = _grouped(zip(listed["lat"], listed["lon"], strict=True),
                     [_event_place(dataset, event) for event in listed[
                         ["mode", "host_iso3", "venue", "city"]].to_dict("records")])
    features = []
    for index, ((lat, lon), count) in enumerate(counts.items()):
        where = names[(lat, lon)][0]
        more = ""
        if count > PLACE_POPUP_EVENTS:
            rest = int(count - PLACE_POPUP_EVENTS)
            more = "<p>" + html_text(ngettext("… and {count} more: narrow the filters to see each one.",
                                              "… and {count} more: narrow the filters to see each one.",
                                              rest).format(count=format_count(rest))) + "</p>"
        # English says "events" even for one, as it always has; the singular is for the translations
        label = ngettext("{count} events: {place}", "{count} events: {place}", int(count))
        heading = ngettext("{place}: {count} events", "{place}: {count} events", int(count))
        features.append({
            "type": "Feature", "id": f"place-{index}",
            "properties": {
                "kind": "place", "count": int(count),
                "label": label.format(count=format_count(count), place=where),
                "colour": palette.TEXT,  # no tooltip: the marker's title (label) says it on hover
                "popup": (f'<div class="crossings-popup"{direction_attribute()}><h4>'
                          + html_text(heading.format(place=where, count=format_count(count)))
                          + f"</h4><ul>{''.join(by_place[(lat, lon)])}</ul>{more}</div>"),
            },
            "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
        })
    return features
