"""Headline figures and short lists computed from a filtered view."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from crossings.data.vocabulary import EVENT_STATUSES
from crossings.languages import N_, _, ngettext
from crossings.languages.numbers import number
from crossings.text.formatting import event_status_text, format_count
from crossings.views.filtered_view import FilteredView
from crossings.views.groups import via_group_text
from crossings.views.selection import member


@dataclass(frozen=True)
class Headline:
    events: int  # held, or status not known: the events that count
    participants: int  # sum of the counts the sources give, at those events
    events_without_count: int  # of those, events whose source gives no participant count
    countries_engaged: int  # countries a source names
    projects: int
    funding_by_currency: dict[str, float]  # never summed across currencies
    estimated_by_currency: dict[str, float]  # the part of the above that is an estimate
    projects_without_funding: int
    status_not_known: int = 0  # counted events whose status no source gives
    not_counted: dict[str, int] = field(default_factory=dict)  # announced/postponed/cancelled -> events
    via_groups: str = ""  # '+12 via the Arab League': countries reached only through a group

    @property
    def not_counted_text(self) -> str:
        """'Not counted: 1 announced, 1 cancelled event.' ('' when every event counts)."""
        return not_counted_text(self.not_counted)

    @property
    def not_counted_short(self) -> str:
        """'1 announced, 1 cancelled events, not counted' ('' when every event counts)."""
        parts = _not_counted_parts(self.not_counted)
        if not parts:
            return ""
        total = sum(self.not_counted.values())
        return ngettext("{statuses} event, not counted", "{statuses} events, not counted",
                        total).format(statuses=parts)

    @property
    def participants_shown(self) -> str:
        """The participant figure as every surface shows it (cards, slides, decks, images)."""
        return participant_total(self.events, self.events_without_count, self.participants)

    @property
    def participants_note(self) -> str:
        """What the participant figure counts, in one line."""
        return participant_total_note(self.events, self.events_without_count)


def not_counted_text(not_counted: dict[str, int]) -> str:
    """'Not counted: 1 announced, 1 cancelled event.' ('' when every event counts), from
    `not_counted_events`."""
    parts = _not_counted_parts(not_counted)
    if not parts:
        return ""
    return ngettext("Not counted: {statuses} event.", "Not counted: {statuses} events.",
                    sum(not_counted.values())).format(statuses=parts)


def _not_counted_parts(not_counted: dict[str, int]) -> str:
    """'1 announced, 1 cancelled'."""
    return _(", ").join(_("{count} {status}").format(count=format_count(not_counted[status]),
                                                     status=event_status_text(status))
                        for status in EVENT_STATUSES if status in not_counted)


def not_counted_events(view: FilteredView) -> dict[str, int]:
    """Status -> how many events of the view are not counted (announced, postponed, cancelled)."""
    counted = view.counted_events
    return {status: int(count) for status, count in
            view.events.loc[~view.events.index.isin(counted.index), "status"].value_counts().items()}


NOT_GIVEN = N_("not given")  # shown as _(NOT_GIVEN)


def participant_total(events: int, events_without_count: int, participants: int) -> str:
    """The one decision for a participant total: 'not given' when no event in view has a count
    (a room must never read an unknown as zero), else the sum of the counts the sources give."""
    if events and events == events_without_count:
        return _(NOT_GIVEN)
    return number(participants)


def participant_total_note(events: int, events_without_count: int) -> str:
    """'Counts the sources give; 7 of 9 events give none.' and the like."""
    if not events_without_count:
        return _("Counts the sources give.") if events else _("No events match the filters.")
    if events_without_count == events:
        return ngettext("No source gives a count for this event.",
                        "No source gives a count for any of these {count} events.",
                        events).format(count=format_count(events))
    return ngettext("Counts the sources give; {missing} of {count} event gives none.",
                    "Counts the sources give; {missing} of {count} events give none.",
                    events).format(missing=format_count(events_without_count), count=format_count(events))


def headline(view: FilteredView) -> Headline:
    """The figures at the top of the Overview and the deck: only events that count (held, or
    status not known) and countries a source names; the rest is said apart."""
    events = view.counted_events
    funding = view.funding
    by_currency = funding.groupby("currency")["amount"].sum().to_dict()
    estimated = funding[funding["status"] == "estimated"].groupby("currency")["amount"].sum().to_dict()
    funded = view.dataset.funding["project_id"]
    return Headline(
        events=len(events),
        participants=int(events["participants"].fillna(0).sum()),
        events_without_count=int(events["participants"].isna().sum()),
        countries_engaged=len(view.countries_engaged),
        projects=len(view.projects),
        funding_by_currency={k: float(v) for k, v in sorted(by_currency.items())},
        estimated_by_currency={k: float(v) for k, v in sorted(estimated.items())},
        projects_without_funding=int((~member(view.projects["project_id"], funded)).sum()),
        status_not_known=int((events["status"] == "not_known").sum()),
        not_counted=not_counted_events(view),
        via_groups=via_group_text(view.dataset, view.countries_via_groups),
    )


def recent_events(view: FilteredView, limit: int = 5) -> pd.DataFrame:
    """Most recent dated events first; undated ones after them, in id order."""
    events = view.events
    dated = events["start_date_first"]
    if dated.notna().sum() > limit:  # only the latest few need sorting (ties at the last date kept)
        events = events[(dated >= dated.nlargest(limit).iloc[-1]).to_numpy()]
    events = events.sort_values(["start_date_first", "event_id"], ascending=[False, True], na_position="last")
    return events.head(limit)
