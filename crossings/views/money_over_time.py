"""Money over time: each funding line of a view spread over its project's months, and added
up per year or month (the Budget page's money-over-time chart and its table).

Spreading over time: each funding line is divided evenly over the calendar months of its
project, from the month the project starts to the month it ends, both included. A start or end
known to the day counts its whole month; one known only to the year covers the whole year
(January or December); a project whose start or end is unknown is not spread and is listed
instead.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from crossings.data.dataset import Dataset
from crossings.languages import N_, _
from crossings.text.citations import short_citation, source_ids_of
from crossings.text.formatting import format_date
from crossings.views.budget import figure_source_ids, funding_lines, project_labels
from crossings.views.filtered_view import FilteredView
from crossings.views.selection import member, positions

PERIODS = ("year", "month")
NOT_SPREAD = {"start and end": N_("the project's start and end date is unknown, so it cannot be spread over "
                                  "months"),
              "start": N_("the project's start date is unknown, so it cannot be spread over months"),
              "end": N_("the project's end date is unknown, so it cannot be spread over months")}


@dataclass(frozen=True)
class Spread:
    monthly: pd.DataFrame  # one row per funding line and month: SPREAD_COLUMNS, month, share, ...
    not_spread: pd.DataFrame  # the lines that could not be spread, with `reason`


# What each month of a spread line carries (the line's other columns are in funding_lines).
SPREAD_COLUMNS = ["funding_id", "project_id", "funder_id", "funder", "project", "instrument", "estimated",
                  "currency", "amount", "converted", "source_id"]


def spread_over_months(lines: pd.DataFrame, projects: pd.DataFrame) -> Spread:
    """Each converted line divided evenly over its project's months (see the module notes).
    `share` is in the converted currency, `share_original` in the line's own; `months` is how
    many months the line is spread over.

    Built column by column from numpy arrays taken out once (pandas' mapping, filtering and
    conversions to categories, a dozen of them, cost ten times the arithmetic on the bundled
    data)."""
    bounds = projects.drop_duplicates("project_id")
    at = positions(lines["project_id"], bounds["project_id"])
    start = np.append(bounds["start_date_first"].to_numpy(), np.datetime64("NaT"))[at]
    end = np.append(bounds["end_date_last"].to_numpy(), np.datetime64("NaT"))[at]
    no_start, no_end = np.isnat(start), np.isnat(end)
    words = {key: _(text) for key, text in NOT_SPREAD.items()}
    reason = np.full(len(lines), None, dtype=object)
    reason[no_end] = words["end"]
    reason[no_start] = words["start"]
    reason[no_start & no_end] = words["start and end"]
    unconverted = lines["converted"].isna().to_numpy()
    reason[unconverted] = lines["conversion"].to_numpy(dtype=object)[unconverted]
    left_out = pd.isna(reason)
    not_spread = lines[~left_out].reset_index(drop=True)
    not_spread["reason"] = pd.array(reason[~left_out], dtype=lines["conversion"].dtype)
    spread = np.flatnonzero(left_out)
    first = start[spread].astype("datetime64[M]").astype("int64")  # months since 1970-01
    months = end[spread].astype("datetime64[M]").astype("int64") - first + 1
    # one row per line and month, by position (numpy), not by label; only the columns the
    # charts group by (at 50,000 lines this frame has a million rows: every column costs)
    kept = [c for c in SPREAD_COLUMNS if c in lines.columns]
    line_of_row = np.repeat(np.arange(len(spread)), months)
    month_in_line = np.arange(len(line_of_row)) - np.repeat(np.cumsum(months) - months, months)
    monthly = {c: _repeated(lines[c], spread, line_of_row) for c in kept}
    monthly["month"] = (first.repeat(months) + month_in_line).astype("datetime64[M]").astype("datetime64[us]")
    monthly["months"] = months.repeat(months)
    monthly = pd.DataFrame(monthly)
    monthly["share"] = monthly["converted"] / monthly["months"]
    monthly["share_original"] = monthly["amount"] / monthly["months"]
    return Spread(monthly=monthly, not_spread=not_spread)


def _repeated(column: pd.Series, spread: np.ndarray, line_of_row: np.ndarray):
    """The values of `column` at rows `spread`, each repeated as `line_of_row` says; text as
    categories of those values (a small integer each, not copies of the text)."""
    if column.dtype != "str":
        return column.array.take(spread[line_of_row])
    values = column.to_numpy(dtype=object)[spread]
    if pd.isna(values).any():  # np.unique cannot order a missing value among text
        return column.iloc[spread].astype("category").array.take(line_of_row)
    categories, codes = np.unique(values, return_inverse=True)
    return pd.Categorical.from_codes(codes[line_of_row],
                                     dtype=pd.CategoricalDtype(pd.Index(categories, dtype="str")))


def spread_of(view: FilteredView, currency: str) -> Spread:
    """spread_over_months of the view's funding lines, once per view and currency (the page and
    its money-over-time figure both use it)."""
    return view.memo.get(("spread", currency), lambda: spread_over_months(
        funding_lines(view, currency), view.dataset.projects))


def by_period(monthly: pd.DataFrame, per: str = "year", year_from: int | None = None,
              year_to: int | None = None) -> pd.DataFrame:
    """Spread shares added up per funding line and year (or month), within the given years.
    Columns: period (an int year or the first day of a month), funding_id, funder_id, funder,
    project, instrument, estimated, currency, amount, share, share_original, months,
    months_in_period."""
    if per not in PERIODS:
        raise ValueError(f"per must be one of {PERIODS}, not {per!r}")
    keys = ["period", "funding_id", "funder_id", "funder", "project", "instrument", "estimated",
            "currency", "amount", "months"]
    if monthly.empty:
        return pd.DataFrame(columns=[*keys, "share", "share_original", "months_in_period"])
    frame = monthly
    if year_from is not None:
        frame = frame[frame["month"].dt.year >= year_from]
    if year_to is not None:
        frame = frame[frame["month"].dt.year <= year_to]
    # group by period and line only; the line's other columns are the same in all its rows, and
    # are taken from each group's first row by position (a drop_duplicates, a join and a
    # conversion of the categories cost twice the grouping)
    period = (frame["month"].dt.year if per == "year" else frame["month"]).rename("period")
    grouped = frame.groupby([period, frame["funding_id"]], sort=False)
    sums = grouped[["share", "share_original"]].sum()
    first = np.unique(grouped.ngroup().to_numpy(), return_index=True)[1]
    columns = {"period": period.to_numpy()[first]}
    for column in keys[1:]:
        values = frame[column].array.take(first)
        columns[column] = values.astype("str") if isinstance(values.dtype, pd.CategoricalDtype) else values
    periods = pd.DataFrame({**columns, "share": sums["share"].to_numpy(),
                            "share_original": sums["share_original"].to_numpy(),
                            "months_in_period": grouped.size().to_numpy()})
    return periods.sort_values(["period", "funder", "project", "instrument"]).reset_index(drop=True)


def _date_claims(dataset: Dataset, project_ids) -> pd.DataFrame:
    claims = dataset.claims
    return claims[(claims["table"] == "projects").to_numpy() & member(claims["record_id"], list(project_ids))
                  & member(claims["field"], ["start_date", "end_date"])]


def date_disagreements(dataset: Dataset, project_ids) -> list[str]:
    """Where sources give a project different start or end dates (claims.csv), one sentence
    each, saying which value the project's row (and so the spreading) uses."""
    by_project = dataset.memo.get("date_disagreements", lambda: _date_disagreements(dataset))
    wanted = set(project_ids)
    return [note for project_id, notes in by_project.items() if project_id in wanted for note in notes]


def _date_disagreements(dataset: Dataset) -> dict[str, list[str]]:
    """Project id -> its sentences, for every project, in order of the projects' labels."""
    claims = _date_claims(dataset, dataset.projects["project_id"])
    labels = project_labels(dataset.projects)
    projects = dataset.projects.set_index("project_id")
    notes: dict[str, list[str]] = {}
    for project_id in sorted(set(claims["record_id"]), key=lambda p: labels.get(p, p)):
        for field, word in (("start_date", "start"), ("end_date", "end")):
            said = claims[(claims["record_id"] == project_id) & (claims["field"] == field)]
            if said["value"].nunique() < 2:
                continue
            citations = [short_citation(dataset, s) for s in said["source_id"]]
            if len(set(citations)) < len(citations):  # same publisher twice: name the documents
                citations = [_("{citation}, “{title}”").format(
                    citation=c, title=dataset.source_titles.get(s, s))
                    for c, s in zip(citations, said["source_id"], strict=True)]
            versions = "; ".join(_("{date} per {citation}").format(
                date=_partial_date(value), citation=citation)
                for value, citation in zip(said["value"], citations, strict=True))
            used = _partial_date(projects.at[project_id, field])
            sentence = (_("{project}: sources differ on the start ({versions}); the chart uses {date}.")
                        if word == "start" else
                        _("{project}: sources differ on the end ({versions}); the chart uses {date}."))
            notes.setdefault(project_id, []).append(sentence.format(
                project=labels.get(project_id, project_id), versions=versions, date=used))
    return notes


def money_over_time_source_ids(dataset: Dataset, lines: pd.DataFrame, currency: str) -> list[str]:
    """The money-over-time chart rests on the funding lines, their projects' dates, the sources
    that give other dates for them, and the exchange rates when converting."""
    return [*dict.fromkeys(
        figure_source_ids(lines, currency, with_projects=True, fx_rates=dataset.fx_rates)
        + source_ids_of(_date_claims(dataset, set(lines["project_id"]))))]


def _partial_date(text) -> str:
    if not isinstance(text, str) or not text:
        return _("unknown")
    precision = {4: "year", 7: "month", 10: "day"}.get(len(text), "unknown")
    return format_date(text, precision)
