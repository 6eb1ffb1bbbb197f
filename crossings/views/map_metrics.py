"""Figures per country for the map: what a country is shaded by.

Every metric reads the filtered view and gives a figure for each country engaged in it (a
source names it as hosting or taking part in an event that counts, or a project covers it).
Announced, postponed and cancelled events count for nothing. Countries the view does not
mention have no figure: on the map they are "no data", never zero. Countries reached only
through a group a source names have no figure either: the map stripes them apart
(via_group_only). An engaged country can also have no figure when the sources do not give
one (Jordan hosted five events and none gives a participant count), which again is "no
data", not zero.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from crossings.figures import palette
from crossings.languages import N_, _, ngettext
from crossings.text.formatting import format_compact_money, format_count, format_money
from crossings.views.currency import convert_lines, rate_table
from crossings.views.filtered_view import FilteredView
from crossings.views.filters import PARTICIPATING_ROLES
from crossings.views.groups import group_reach

CURRENCIES = ("EUR", "USD")  # what the funding metric can be converted to


@dataclass(frozen=True)
class CountryFigure:
    value: float | None  # None: the country is engaged but the sources give no figure
    detail: str  # plain text for tooltips and tables: "hosted 1 event, with 81 participants"


@dataclass(frozen=True)
class Metric:
    key: str
    label: str  # what the legend and the picker say (marked N_: shown as _(label))
    explanation: str  # how it is counted, one or two sentences (likewise)
    compute: Callable[[FilteredView, str], dict[str, CountryFigure]]
    is_money: bool = False
    detail_in_tooltip: bool = False  # the detail adds to the figure (not just "hosted 1 event")

    def legend_title(self, currency: str) -> str:
        label = _(self.label)
        return _("{metric}, {currency}").format(metric=label, currency=currency) if self.is_money else label

    def format(self, value: float, currency: str) -> str:
        return format_compact_money(value, currency) if self.is_money else format_count(value)


def _counted(view: FilteredView, counts: pd.Series,
             wording: Callable[[int], str]) -> dict[str, CountryFigure]:
    """A count per engaged country (0 where it has none); `wording(n)` is the detail's message."""
    figures = {}
    for iso3 in view.countries_engaged:
        count = int(counts.get(iso3, 0))
        figures[iso3] = CountryFigure(float(count), wording(count).format(count=format_count(count)))
    return figures


def events_hosted(view: FilteredView, currency: str) -> dict[str, CountryFigure]:
    counts = view.counted_events["host_iso3"].value_counts()
    return _counted(view, counts, lambda n: ngettext("hosted {count} event", "hosted {count} events", n))


def events_taken_part(view: FilteredView, currency: str) -> dict[str, CountryFigure]:
    links = view.event_countries[view.event_countries["event_id"].isin(view.counted_events["event_id"])]
    taking_part = links.loc[links["role"].isin(PARTICIPATING_ROLES), ["event_id", "country_iso3"]]
    hosts = view.counted_events[["event_id", "host_iso3"]].dropna().rename(
        columns={"host_iso3": "country_iso3"})
    counts = pd.concat([taking_part, hosts]).drop_duplicates().groupby("country_iso3")["event_id"].nunique()
    return _counted(view, counts, lambda n: ngettext("hosted or took part in {count} event",
                                                     "hosted or took part in {count} events", n))


def participants(view: FilteredView, currency: str) -> dict[str, CountryFigure]:
    hosted = view.counted_events.groupby("host_iso3")["participants"].agg(["size", "count", "sum"])
    figures = {}
    for iso3 in view.countries_engaged:
        events, given, total = (0, 0, 0)  # events hosted, of which with a count, participants
        if iso3 in hosted.index:
            events, given, total = (int(hosted.at[iso3, column]) for column in ("size", "count", "sum"))
        if not events:
            figures[iso3] = CountryFigure(0.0, _("hosted no events"))
        elif not given:
            figures[iso3] = CountryFigure(None, ngettext(
                "hosted {count} event; no participant count given",
                "hosted {count} events; no participant count given", events).format(
                    count=format_count(events)))
        else:
            if given < events:
                detail = ngettext("at {count} event hosted; only {given} of them give a count",
                                  "at {count} events hosted; only {given} of them give a count", events)
            else:
                detail = ngettext("at {count} event hosted", "at {count} events hosted", events)
            figures[iso3] = CountryFigure(float(total), detail.format(count=format_count(events),
                                                                      given=format_count(given)))
    return figures


def projects(view: FilteredView, currency: str) -> dict[str, CountryFigure]:
    counts = view.project_countries.groupby("country_iso3")["project_id"].nunique()
    return _counted(view, counts, lambda n: ngettext("covered by {count} project",
                                                     "covered by {count} projects", n))


def via_group_only(view: FilteredView) -> dict[str, str]:
    """Countries the view reaches only through a group a source names (no source names them):
    ISO3 -> 'only via the Arab League, at 1 event'. The map hatches them apart; no metric
    counts them."""
    reach = group_reach(view.dataset)
    reach = reach[reach["event_id"].isin(view.counted_events["event_id"]) & ~reach["named"]
                  & ~reach["country_iso3"].isin(view.countries_engaged)]
    labels = view.dataset.group_labels
    found: dict[str, list[str]] = {}
    for (iso3, group), events in reach.groupby(["country_iso3", "group_id"])["event_id"]:
        count = events.nunique()
        found.setdefault(iso3, []).append(ngettext(
            "the {group}, at {count} event", "the {group}, at {count} events", count).format(
                group=labels.get(group, group), count=format_count(count)))
    return {iso3: _("only via {groups} (the source names the group, not the country)").format(
                groups=_("; ").join(parts))
            for iso3, parts in found.items()}


# --- money ------------------------------------------------------------------------------------

def funding(view: FilteredView, currency: str) -> dict[str, CountryFigure]:
    """Each funding line converted by crossings.views.currency (the rate of its value date), added up
    for every country its project benefits."""
    lines = convert_lines(view.funding, rate_table(view.dataset), currency)
    lines = lines.assign(foreign=lines["currency"] != currency, estimate=lines["status"] == "estimated")
    links = view.project_countries
    beneficiaries = links.loc[links["role"] == "beneficiary", ["project_id", "country_iso3"]]
    beneficiaries = beneficiaries.drop_duplicates()
    projects_for = beneficiaries.groupby("country_iso3")["project_id"].nunique()
    mine = beneficiaries.merge(lines, on="project_id")
    lines_for = mine.groupby("country_iso3").size()
    usable = mine[mine["converted"].notna()].groupby("country_iso3").agg(
        lines=("converted", "size"), total=("converted", "sum"), projects=("project_id", "nunique"),
        foreign=("foreign", "any"), estimate=("estimate", "any"))
    figures = {}
    for iso3 in view.countries_engaged:
        benefits = int(projects_for.get(iso3, 0))
        if not benefits:
            figures[iso3] = CountryFigure(0.0, _("benefits from no project in the data"))
            continue
        if iso3 not in usable.index:
            reason = (_("budget unknown") if not lines_for.get(iso3, 0)
                      else _("no exchange rate to {currency}").format(currency=currency))
            figures[iso3] = CountryFigure(None, ngettext(
                "benefits from {count} project; {reason}", "benefits from {count} projects; {reason}",
                benefits).format(count=format_count(benefits), reason=reason))
            continue
        found = usable.loc[iso3]
        total = float(found["total"])
        detail = ngettext("{amount} for {funded} of {count} project",
                          "{amount} for {funded} of {count} projects", benefits).format(
                              amount=format_money(total, currency, decimals=0),
                              funded=format_count(int(found["projects"])), count=format_count(benefits))
        notes = []
        if found["foreign"]:
            notes.append(_("converted at monthly rates"))
        if found["estimate"]:
            notes.append(_("includes estimates"))
        left_out = int(lines_for[iso3]) - int(found["lines"])
        if left_out:
            notes.append(ngettext("{count} line(s) without a rate left out",
                                  "{count} line(s) without a rate left out", left_out).format(
                                      count=format_count(left_out)))
        if notes:
            detail = _("{detail} ({notes})").format(detail=detail, notes=_("; ").join(notes))
        figures[iso3] = CountryFigure(total, detail)
    return figures


METRICS: dict[str, Metric] = {metric.key: metric for metric in (
    Metric("events_hosted", N_("Events hosted"),
           N_("Workshops, trainings, roundtables and meetings held in the country."), events_hosted),
    Metric("events_taken_part", N_("Events taken part in"),
           N_("Events the country hosted or whose participants included its officials."), events_taken_part),
    Metric("participants", N_("Participants at events hosted"),
           N_("Sum of the participant counts the sources give for events held in the country."),
           participants, detail_in_tooltip=True),
    Metric("projects", N_("Projects"), N_("Projects covering the country, in any role."), projects),
    Metric("funding", N_("Funding"),
           N_("Budgets of the projects the country benefits from, converted at the monthly rate of "
              "each amount's date. A project for several countries counts in full for each."),
           funding, is_money=True, detail_in_tooltip=True),
)}


# What the map's picker offers: each metric, and funding once per currency.
SHADING_CHOICES: dict[str, tuple[str, str]] = {
    **{key: (key, CURRENCIES[0]) for key, metric in METRICS.items() if not metric.is_money},
    **{f"{key}_{currency.lower()}": (key, currency) for key, metric in METRICS.items() if metric.is_money
       for currency in CURRENCIES},
}


def choice_label(choice: str) -> str:
    metric_key, currency = SHADING_CHOICES[choice]
    metric = METRICS[metric_key]
    if metric.is_money:
        return _("{metric} (converted to {currency})").format(metric=_(metric.label), currency=currency)
    return _(metric.label)


def country_figures(view: FilteredView, metric_key: str, currency: str = "EUR") -> dict[str, CountryFigure]:
    return METRICS[metric_key].compute(view, currency)


# --- colour classes ---------------------------------------------------------------------------

@dataclass(frozen=True)
class ColourClass:
    low: float
    high: float
    colour: str
    label: str


_STEPS = palette.SEQUENTIAL[2:]  # the two lightest blues stay for zero, so zero never looks like a figure


def _nice(value: float) -> float:
    """Round to two significant figures: 1,316,699 -> 1,300,000."""
    if value <= 0:
        return value
    magnitude = 10 ** (len(str(int(value))) - 2) if value >= 10 else 1
    return round(value / magnitude) * magnitude


def colour_classes(values, label: Callable[[float], str]) -> list[ColourClass]:
    """Classes for the positive values, darkest for the largest. Up to six different values
    each get their own class (the legend then names each exact figure); more are split into
    five classes at the quintiles, rounded to two significant figures."""
    positive = sorted({float(v) for v in values if v is not None and v > 0})
    if not positive:
        return []
    if len(positive) <= len(_STEPS):
        last = len(positive) - 1
        return [ColourClass(v, v, _STEPS[round(i * (len(_STEPS) - 1) / last) if last else -1], label(v))
                for i, v in enumerate(positive)]
    series = pd.Series(positive)
    edges = sorted({_nice(series.quantile(q)) for q in (0.2, 0.4, 0.6, 0.8)})
    bounds = [positive[0], *[e for e in edges if positive[0] < e < positive[-1]], positive[-1]]
    classes = []
    for i in range(len(bounds) - 1):
        colour = _STEPS[round(i * (len(_STEPS) - 1) / max(1, len(bounds) - 2))]
        classes.append(ColourClass(bounds[i], bounds[i + 1], colour,
                                   f"{label(bounds[i])} – {label(bounds[i + 1])}"))
    return classes


def colour_for(value: float | None, classes: list[ColourClass]) -> str | None:
    """The fill for a figure: None for no figure, the zero colour for 0, else its class."""
    if value is None:
        return None
    if value <= 0:
        return palette.ZERO
    for colour_class in classes:
        if value <= colour_class.high:
            return colour_class.colour
    return classes[-1].colour if classes else palette.ZERO
