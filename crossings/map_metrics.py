"""Figures per country for the map: what a country is shaded by.

Every metric reads the filtered view and gives a figure for each country engaged in it (it
hosted or took part in an event, or a project covers it). Countries the view does not
mention have no figure: on the map they are "no data", never zero. An engaged country can
also have no figure when the sources do not give one (Jordan hosted five events and none
gives a participant count), which again is "no data", not zero.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from crossings import palette
from crossings.filters import PARTICIPATING_ROLES, FilteredView
from crossings.formatting import format_compact_money, format_count, format_money

CURRENCIES = ("EUR", "USD")  # what the funding metric can be converted to


@dataclass(frozen=True)
class CountryFigure:
    value: float | None  # None: the country is engaged but the sources give no figure
    detail: str  # plain text for tooltips and tables: "hosted 1 event, with 81 participants"


@dataclass(frozen=True)
class Metric:
    key: str
    label: str  # what the legend and the picker say
    explanation: str  # how it is counted, one or two sentences
    compute: Callable[[FilteredView, str], dict[str, CountryFigure]]
    is_money: bool = False
    detail_in_tooltip: bool = False  # the detail adds to the figure (not just "hosted 1 event")

    def legend_title(self, currency: str) -> str:
        return f"{self.label}, {currency}" if self.is_money else self.label

    def format(self, value: float, currency: str) -> str:
        return format_compact_money(value, currency) if self.is_money else format_count(value)


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}" + ("" if count == 1 else "s")


def _counted(view: FilteredView, counts: pd.Series, wording: str, word: str) -> dict[str, CountryFigure]:
    """A count per engaged country (0 where it has none)."""
    figures = {}
    for iso3 in view.countries_engaged:
        count = int(counts.get(iso3, 0))
        figures[iso3] = CountryFigure(float(count), wording.format(_plural(count, word)))
    return figures


def events_hosted(view: FilteredView, currency: str) -> dict[str, CountryFigure]:
    counts = view.events["host_iso3"].value_counts()
    return _counted(view, counts, "hosted {}", "event")


def events_taken_part(view: FilteredView, currency: str) -> dict[str, CountryFigure]:
    links = view.event_countries
    taking_part = links.loc[links["role"].isin(PARTICIPATING_ROLES), ["event_id", "country_iso3"]]
    hosts = view.events[["event_id", "host_iso3"]].dropna().rename(columns={"host_iso3": "country_iso3"})
    counts = pd.concat([taking_part, hosts]).drop_duplicates().groupby("country_iso3")["event_id"].nunique()
    return _counted(view, counts, "hosted or took part in {}", "event")


def participants(view: FilteredView, currency: str) -> dict[str, CountryFigure]:
    hosted = view.events[view.events["host_iso3"].notna()]
    figures = {}
    for iso3 in view.countries_engaged:
        counts = hosted.loc[hosted["host_iso3"] == iso3, "participants"]
        given = counts.dropna()
        if counts.empty:
            figures[iso3] = CountryFigure(0.0, "hosted no events")
        elif given.empty:
            figures[iso3] = CountryFigure(None, f"hosted {_plural(len(counts), 'event')}; "
                                                "no participant count given")
        else:
            total = int(given.sum())
            detail = f"at {_plural(len(counts), 'event')} hosted"
            if len(given) < len(counts):
                detail += f"; only {len(given)} of them give a count"
            figures[iso3] = CountryFigure(float(total), detail)
    return figures


def projects(view: FilteredView, currency: str) -> dict[str, CountryFigure]:
    counts = view.project_countries.groupby("country_iso3")["project_id"].nunique()
    return _counted(view, counts, "covered by {}", "project")


# --- money ------------------------------------------------------------------------------------
# A minimal conversion for the map, with the rates in fx_rates.csv (US dollars per unit, by
# month). To be replaced by crossings.currency once that module exists.

def _usd_per_unit(fx_rates: pd.DataFrame, currency: str, first: pd.Timestamp,
                  last: pd.Timestamp) -> float | None:
    """The average monthly rate over the months of the value date's period (one month for a
    date known to the day or month, twelve for a date known to the year)."""
    if currency == "USD":
        return 1.0
    if pd.isna(first) or pd.isna(last):
        return None
    months = pd.period_range(first, last, freq="M").strftime("%Y-%m")
    rates = fx_rates.loc[(fx_rates["currency"] == currency) & fx_rates["month"].isin(months), "usd_per_unit"]
    return float(rates.mean()) if len(rates) else None


def converted_amounts(funding: pd.DataFrame, fx_rates: pd.DataFrame, currency: str) -> pd.Series:
    """Each funding line's amount in `currency` at the rate of its value date; NaN where no
    rate is known. Amounts already in `currency` are kept exactly."""
    converted = pd.Series(float("nan"), index=funding.index, dtype="float64")
    for index, line in funding.iterrows():
        if line["currency"] == currency:
            converted[index] = line["amount"]
            continue
        first, last = line["value_date_first"], line["value_date_last"]
        source_rate = _usd_per_unit(fx_rates, line["currency"], first, last)
        target_rate = _usd_per_unit(fx_rates, currency, first, last)
        if source_rate is not None and target_rate:
            converted[index] = line["amount"] * source_rate / target_rate
    return converted


def funding(view: FilteredView, currency: str) -> dict[str, CountryFigure]:
    lines = view.funding.assign(converted=converted_amounts(view.funding, view.dataset.fx_rates, currency))
    links = view.project_countries
    beneficiaries = links[links["role"] == "beneficiary"]
    figures = {}
    for iso3 in view.countries_engaged:
        projects_for = set(beneficiaries.loc[beneficiaries["country_iso3"] == iso3, "project_id"])
        if not projects_for:
            figures[iso3] = CountryFigure(0.0, "benefits from no project in the data")
            continue
        mine = lines[lines["project_id"].isin(projects_for)]
        usable = mine[mine["converted"].notna()]
        if usable.empty:
            reason = "budget unknown" if mine.empty else f"no exchange rate to {currency}"
            figures[iso3] = CountryFigure(
                None, f"benefits from {_plural(len(projects_for), 'project')}; {reason}")
            continue
        total = float(usable["converted"].sum())
        detail = (f"{format_money(total, currency, decimals=0)} for "
                  f"{usable['project_id'].nunique()} of {_plural(len(projects_for), 'project')}")
        notes = []
        if (usable["currency"] != currency).any():
            notes.append("converted at monthly rates")
        if (usable["status"] == "estimated").any():
            notes.append("includes estimates")
        if len(usable) < len(mine):
            notes.append(f"{len(mine) - len(usable)} line(s) without a rate left out")
        figures[iso3] = CountryFigure(total, detail + (f" ({'; '.join(notes)})" if notes else ""))
    return figures


METRICS: dict[str, Metric] = {metric.key: metric for metric in (
    Metric("events_hosted", "Events hosted",
           "Workshops, trainings, roundtables and meetings held in the country.", events_hosted),
    Metric("events_taken_part", "Events taken part in",
           "Events the country hosted or whose participants included its officials.", events_taken_part),
    Metric("participants", "Participants at events hosted",
           "Sum of the participant counts the sources give for events held in the country.",
           participants, detail_in_tooltip=True),
    Metric("projects", "Projects", "Projects covering the country, in any role.", projects),
    Metric("funding", "Funding",
           "Budgets of the projects the country benefits from, converted at the monthly rate of "
           "each amount's date. A project for several countries counts in full for each.",
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
    return f"{metric.label} (converted to {currency})" if metric.is_money else metric.label


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
