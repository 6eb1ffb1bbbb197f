"""Who funds what: funding lines of a filtered view, converted to one currency, grouped, and
the projects and events whose budget is not known (spread over time:
crossings.views.money_over_time).

Every amount is converted at the rate of its own value date (crossings.views.currency) before
anything is added up; a line that cannot be converted is kept apart and listed, never added.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from crossings.data.dataset import Dataset
from crossings.data.vocabulary import COUNTED_EVENT_STATUSES
from crossings.languages import N_, _
from crossings.text.citations import source_ids_of
from crossings.text.formatting import event_status_text, format_period
from crossings.views.currency import convert_lines, needs_conversion, rate_table
from crossings.views.filtered_view import FilteredView
from crossings.views.selection import in_view, member
from crossings.views.timeline import project_status_text

# Labels shown in place of a missing name or as a reason, in the active language: _(NO_INSTRUMENT).
NO_INSTRUMENT = N_("no instrument named")
NO_IMPLEMENTER = N_("implementer not named")
ESTIMATED = "estimated"  # a funding line's status in the data, never shown as such
NO_PROJECT = N_("belongs to no project")
PROJECT_UNFUNDED = N_("project's budget unknown")

# What the funding can be grouped by, in the users' words; each maps to a column of
# funding_lines() holding the key and one holding the label.
GROUPINGS: dict[str, tuple[str, str]] = {
    "funder": ("funder_id", "funder"),
    "instrument": ("instrument_key", "instrument"),
    "project": ("project_id", "project"),
    "implementer": ("implementer_key", "implementer"),
}


def project_labels(projects: pd.DataFrame) -> dict[str, str]:
    """The short title where there is one, else the full title."""
    labels = projects["short_title"].where(projects["short_title"].notna(), projects["title"])
    return dict(zip(projects["project_id"], labels, strict=True))


def _labels(ids: pd.Series, label_of, missing: str) -> pd.Series:
    """Labels for a column of ids, `missing` where there is no id."""
    return ids.map(lambda value: label_of(value) if isinstance(value, str) else missing).astype("str")


def funding_lines(view: FilteredView, currency: str) -> pd.DataFrame:
    """One row per funding line of the view, with readable labels and the amount converted to
    `currency` (`converted`, NaN where no rate is known; see crossings.views.currency). Worked out
    once per view and currency (the page's totals, figures and table all start from it)."""
    return view.memo.get(("funding_lines", currency), lambda: _funding_lines(view, currency))


_LABELS = ["project", "project_source_id", "funder", "instrument_key", "instrument", "implementer_key",
           "implementer", "estimated"]


def _funding_lines(view: FilteredView, currency: str) -> pd.DataFrame:
    """A line's labels and conversion do not depend on the filters: every line is described,
    converted and put in order once per dataset and currency (converting each view's lines
    again, a Python loop over them, and sorting them cost a third of the Budget page's rerun at
    100,000 events), and a view takes its own lines, in the same order."""
    dataset = view.dataset

    def every_line() -> pd.DataFrame:
        described = dataset.memo.get("described_funding", lambda: _described_funding(dataset))
        lines = convert_lines(described, rate_table(dataset), currency)
        columns = dataset.funding.columns
        order = [*columns, *(c for c in lines.columns if c not in columns and c not in _LABELS), *_LABELS]
        return lines[order].sort_values(["funder", "project", "instrument", "funding_id"])
    every = dataset.memo.get(("every funding line", currency), every_line)
    return every[in_view(view, ("funding lines", currency), every, "funding", "funding_id")].reset_index(
        drop=True)


def _described_funding(dataset: Dataset) -> pd.DataFrame:
    """Every funding line with its readable labels: they do not depend on the filters or the
    currency, so they are worked out once per dataset."""
    org = dataset.organisation_label
    projects = dataset.projects.set_index("project_id")
    lines = dataset.funding.copy()
    lines["project"] = lines["project_id"].map(project_labels(dataset.projects))
    lines["project_source_id"] = lines["project_id"].map(projects["source_id"])
    lines["funder"] = lines["funder_id"].map(org)
    lines["instrument_key"] = lines["instrument_id"].fillna("")
    lines["instrument"] = _labels(lines["instrument_id"], org, _(NO_INSTRUMENT))
    implementer = lines["project_id"].map(projects["implementer_id"])
    lines["implementer_key"] = implementer.fillna("")
    lines["implementer"] = _labels(implementer, org, _(NO_IMPLEMENTER))
    lines["estimated"] = lines["status"] == ESTIMATED
    return lines


def figure_source_ids(lines: pd.DataFrame, currency: str, *, with_projects: bool = False,
                      fx_rates: pd.DataFrame | None = None) -> list[str]:
    """The documents a funding figure is built from: the funding lines' sources, their
    projects' sources when the figure uses project details (titles, implementers, dates), and
    the exchange-rate table's when anything is converted."""
    ids = source_ids_of(lines[["source_id", "project_source_id"] if with_projects else ["source_id"]])
    if fx_rates is not None and not lines.empty and needs_conversion(lines, currency):
        ids += [s for s in source_ids_of(fx_rates[["source_id"]]) if s not in ids]
    return ids


def converted_lines(lines: pd.DataFrame) -> pd.DataFrame:
    """The lines that could be converted: the only ones any total may include."""
    return lines[lines["converted"].notna()]


def unconverted_lines(lines: pd.DataFrame) -> pd.DataFrame:
    return lines[lines["converted"].isna()]


@dataclass(frozen=True)
class Totals:
    total: float  # converted lines only
    estimated: float  # the part of `total` that is an estimate
    lines: int
    unconverted: int  # lines left out of `total` because no rate is known


def totals(lines: pd.DataFrame) -> Totals:
    known = converted_lines(lines)
    return Totals(total=float(known["converted"].sum()),
                  estimated=float(known.loc[known["estimated"], "converted"].sum()),
                  lines=len(lines), unconverted=len(lines) - len(known))


def totals_by(lines: pd.DataFrame, by: str) -> pd.DataFrame:
    """Converted amounts per group, split by funder and by estimate/confirmed (the pieces a
    stacked bar is drawn from), largest group first. Columns: key, label, funder_id, funder,
    estimated, converted, group_total, funding_ids."""
    key, label = GROUPINGS[by]
    known = converted_lines(lines)
    columns = ["key", "label", "funder_id", "funder", "estimated", "converted", "group_total",
               "funding_ids"]
    if known.empty:
        return pd.DataFrame(columns=columns)
    keys = list(dict.fromkeys([key, label, "funder_id", "funder", "estimated"]))  # by funder: no repeats
    grouped = known.groupby(keys, dropna=False)  # two plain aggregations: quicker than one named .agg
    pieces = grouped["converted"].sum().to_frame()
    pieces["funding_ids"] = grouped["funding_id"].agg(tuple)
    pieces = pieces.reset_index()
    pieces["key"], pieces["label"] = pieces[key], pieces[label]
    pieces["group_total"] = pieces["key"].map(pieces.groupby("key")["converted"].sum())
    pieces = pieces.sort_values(["group_total", "key", "funder", "estimated"],
                                ascending=[False, True, True, True])
    return pieces[columns].reset_index(drop=True)


def hierarchy(lines: pd.DataFrame) -> pd.DataFrame:
    """Funder → instrument → project nodes for a treemap or sunburst: id, parent, level,
    label, converted (the node's total), estimated (all of it an estimate), funding_ids."""
    known = converted_lines(lines)
    levels = (("funder", ["funder_id"], "funder"),
              ("instrument", ["funder_id", "instrument_key"], "instrument"),
              ("project", ["funder_id", "instrument_key", "project_id"], "project"))
    nodes = []
    for level, keys, label in levels:
        if known.empty:
            break
        grouped = known.groupby(keys, dropna=False).agg(
            label=(label, "first"), converted=("converted", "sum"),
            estimated=("estimated", "all"), funding_ids=("funding_id", tuple)).reset_index()
        grouped["id"] = grouped[keys].astype(str).agg("/".join, axis=1)
        grouped["parent"] = (grouped[keys[:-1]].astype(str).agg("/".join, axis=1)
                             if len(keys) > 1 else "")
        grouped["level"] = level
        nodes.append(grouped[["id", "parent", "level", "label", "converted", "estimated", "funding_ids"]])
    if not nodes:
        return pd.DataFrame(columns=["id", "parent", "level", "label", "converted", "estimated",
                                     "funding_ids"])
    return pd.concat(nodes, ignore_index=True)


# --- known and unknown budgets ----------------------------------------------------------------

@dataclass(frozen=True)
class BudgetCoverage:
    projects_total: int
    projects_without_budget: pd.DataFrame  # project_id, project, implementer, period, status, source_id
    events_total: int
    events_without_budget: pd.DataFrame  # event_id, title, date, project, reason, source_id, ...
    estimated_lines: pd.DataFrame  # the funding lines that are estimates

    @property
    def projects_with_budget(self) -> int:
        return self.projects_total - len(self.projects_without_budget)


def budget_coverage(view: FilteredView, lines: pd.DataFrame) -> BudgetCoverage:
    """Projects of the view with no funding line at all, and events of the view that belong to
    no project or to such a project. A project's budget is known when any source gives a
    funding line for it, whatever funder the filters pick: so which projects and events have
    no known budget, and what is said of them, is worked out once per dataset, and a view
    takes its own rows."""
    every_project, every_event = view.dataset.memo.get("unknown_budgets",
                                                       lambda: _unknown_budgets(view.dataset))
    projects_out = every_project[in_view(view, "unknown budgets", every_project, "projects", "project_id")]
    events_out = every_event[in_view(view, "unknown budgets", every_event)]
    return BudgetCoverage(projects_total=view.count("projects"),
                          projects_without_budget=projects_out.reset_index(drop=True),
                          events_total=view.count("events"),
                          events_without_budget=events_out.reset_index(drop=True),
                          estimated_lines=lines[lines["estimated"]].reset_index(drop=True))


def _unknown_budgets(dataset: Dataset) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every project without a funding line, and every event without a known budget, described."""
    funded = set(dataset.funding["project_id"])
    labels = project_labels(dataset.projects)
    org = dataset.organisation_label

    projects = dataset.projects[~member(dataset.projects["project_id"], funded)]
    projects_out = pd.DataFrame({
        "project_id": projects["project_id"],
        "project": projects["project_id"].map(labels),
        "implementer": _labels(projects["implementer_id"], org, _(NO_IMPLEMENTER)),
        "period": [format_period(s, e) for s, e in zip(projects["start_date"].to_numpy(dtype=object),
                                                       projects["end_date"].to_numpy(dtype=object),
                                                       strict=True)],
        "status": [project_status_text(status) for status in projects["status"].to_numpy(dtype=object)],
        "source_id": projects["source_id"],
    }).reset_index(drop=True)

    events = dataset.events
    no_project = events["project_id"].isna()
    unfunded_project = events["project_id"].notna() & ~member(events["project_id"], funded)
    events = events[no_project | unfunded_project]
    events_out = pd.DataFrame({
        "event_id": events["event_id"],
        "title": events["title"],
        "date": [format_period(s, e) for s, e in zip(events["start_date"].to_numpy(dtype=object),
                                                     events["end_date"].to_numpy(dtype=object), strict=True)],
        "status": [event_status_text(status) if status in COUNTED_EVENT_STATUSES else
                   _("{status}, not counted").format(status=event_status_text(status))
                   for status in events["status"].to_numpy(dtype=object)],
        "host": [dataset.country_name(host) if isinstance(host, str) else
                 _("online") if mode == "online" else _("not given")
                 for host, mode in zip(events["host_iso3"].to_numpy(dtype=object),
                                       events["mode"].to_numpy(dtype=object), strict=True)],
        "project": _labels(events["project_id"], lambda p: labels.get(p, p), _("none")),
        "reason": [_(NO_PROJECT) if pd.isna(p) else _(PROJECT_UNFUNDED) for p in events["project_id"]],
        "source_id": events["source_id"],
        "date_source_id": events["date_source_id"],
    }).reset_index(drop=True)

    return projects_out, events_out


# --- the table people take away ---------------------------------------------------------------

def funding_table(lines: pd.DataFrame, currency: str) -> pd.DataFrame:
    """The funding lines as shown on the page and downloaded: the amount as the source gives it
    and its currency, then the amount in `currency` and the rate used."""
    return pd.DataFrame({
        "Project": lines["project"],
        "Funder": lines["funder"],
        "Instrument": lines["instrument"],
        "Amount": lines["amount"],
        "Currency": lines["currency"],
        f"Amount in {currency}": lines["converted"].round(2),
        "Value date": lines["value_date"],
        "Status": lines["status"],
        f"Rate ({currency} per unit)": lines["rate"],
        "Conversion": lines["conversion"],
        "Implementer": lines["implementer"],
        "Notes": lines["notes"],
        "Source": lines["source_id"],
        "Funding line": lines["funding_id"],
    }).reset_index(drop=True)
