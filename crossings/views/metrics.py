"""Headline figures and short lists computed from a filtered view."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from crossings.views.filtered_view import FilteredView
from crossings.views.selection import member


@dataclass(frozen=True)
class Headline:
    events: int
    participants: int  # sum of the counts the sources give
    events_without_count: int  # events whose source gives no participant count
    countries_engaged: int
    projects: int
    funding_by_currency: dict[str, float]  # never summed across currencies
    estimated_by_currency: dict[str, float]  # the part of the above that is an estimate
    projects_without_funding: int

    @property
    def participants_shown(self) -> str:
        """The participant figure as shown: 'not given' when no event in view has a count, so
        an unknown never reads as zero."""
        if self.events and self.events == self.events_without_count:
            return "not given"
        return f"{self.participants:,}"


def headline(view: FilteredView) -> Headline:
    events = view.events
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
    )


def recent_events(view: FilteredView, limit: int = 5) -> pd.DataFrame:
    """Most recent dated events first; undated ones after them, in id order."""
    events = view.events
    dated = events["start_date_first"]
    if dated.notna().sum() > limit:  # only the latest few need sorting (ties at the last date kept)
        events = events[(dated >= dated.nlargest(limit).iloc[-1]).to_numpy()]
    events = events.sort_values(["start_date_first", "event_id"], ascending=[False, True], na_position="last")
    return events.head(limit)
