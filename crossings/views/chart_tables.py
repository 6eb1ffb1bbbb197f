"""Every chart's figures as a table: what a screen-reader or keyboard user, or anyone who wants
the numbers rather than the bars, reads in place of the chart (the "The figures as a table"
expander under each chart).

Each table is built from the same frame its chart is drawn from (totals_by, by_period,
participants_by_period, participation_matrix, event_spans and project_bars), so the two cannot
disagree; money is rounded to the cent as the charts' hover labels give it. Headers are in the
page's language; the frames' own column keys never reach a person.
"""

from __future__ import annotations

import pandas as pd

from crossings.languages import N_, _
from crossings.text.formatting import format_date
from crossings.views.budget import GROUPINGS, converted_lines, funding_lines, totals_by
from crossings.views.filtered_view import FilteredView
from crossings.views.money_over_time import by_period, spread_of
from crossings.views.participation import PeriodParticipants
from crossings.views.participation_years import participation_matrix
from crossings.views.timeline import event_spans, project_bars

TABLE_TITLE = N_("The figures as a table")
# What the bars of the funding chart stand for, by the chart's "Show by" (shown as _(label)).
GROUP_HEADERS = {"funder": N_("Funder"), "instrument": N_("Instrument"), "project": N_("Project"),
                 "implementer": N_("Implementer")}


def _money(values: pd.Series) -> pd.Series:
    return values.astype("float64").round(2)


def _amount_headers(currency: str) -> tuple[str, str]:
    return (_("Amount in {currency}").format(currency=currency),
            _("Of which estimated, in {currency}").format(currency=currency))


def funding_chart_table(view: FilteredView, currency: str, by: str) -> pd.DataFrame:
    """The funding chart's bars (one row per funder, instrument, project or implementer, largest
    first) or, for the funder → instrument → project view, one row per project under its funder
    and instrument: the amount in `currency` and the part of it that is estimated."""
    lines = funding_lines(view, currency)
    amount, estimated = _amount_headers(currency)
    if by in GROUPINGS:
        pieces = totals_by(lines, by)
        header = _(GROUP_HEADERS[by])
        if pieces.empty:
            return pd.DataFrame(columns=[header, amount, estimated])
        pieces = pieces.assign(part=pieces["converted"].where(pieces["estimated"], 0.0))
        groups = pieces.groupby("key", sort=False, dropna=False).agg(
            label=("label", "first"), total=("converted", "sum"), estimated=("part", "sum"))
        return pd.DataFrame({header: groups["label"].astype(str).to_numpy(),
                             amount: _money(groups["total"]).to_numpy(),
                             estimated: _money(groups["estimated"]).to_numpy()})
    headers = [_(GROUP_HEADERS[level]) for level in ("funder", "instrument", "project")]
    known = converted_lines(lines)
    if known.empty:
        return pd.DataFrame(columns=[*headers, amount, estimated])
    known = known.assign(part=known["converted"].where(known["estimated"], 0.0))
    rows = (known.groupby(["funder", "instrument", "project"], dropna=False, observed=True)
            .agg(total=("converted", "sum"), estimated=("part", "sum")).reset_index()
            .sort_values(["funder", "total"], ascending=[True, False]))
    return pd.DataFrame({headers[0]: rows["funder"].astype(str).to_numpy(),
                         headers[1]: rows["instrument"].astype(str).to_numpy(),
                         headers[2]: rows["project"].astype(str).to_numpy(),
                         amount: _money(rows["total"]).to_numpy(),
                         estimated: _money(rows["estimated"]).to_numpy()})


def _period_text(period, per: str) -> str:
    if per == "year":
        return str(int(period))
    month = pd.Timestamp(period)
    return format_date(f"{month.year:04d}-{month.month:02d}")  # 'July 2021', 'juillet 2021'


def money_over_time_table(view: FilteredView, currency: str, per: str) -> pd.DataFrame:
    """The money-over-time chart's stacks: per year (or month) and funder, the funding spread
    into it, in `currency`, and the part that is estimated."""
    periods = by_period(spread_of(view, currency).monthly, per, view.state.year_from, view.state.year_to)
    period_header = _("Year") if per == "year" else _("Month")
    funder_header = _("Funder")
    amount, estimated = _amount_headers(currency)
    if periods.empty:
        return pd.DataFrame(columns=[period_header, funder_header, amount, estimated])
    periods = periods.assign(part=periods["share"].where(periods["estimated"].astype(bool), 0.0))
    rows = (periods.groupby(["period", "funder"], sort=True)
            .agg(total=("share", "sum"), estimated=("part", "sum")).reset_index())
    return pd.DataFrame({period_header: [_period_text(p, per) for p in rows["period"]],
                         funder_header: rows["funder"].astype(str).to_numpy(),
                         amount: _money(rows["total"]).to_numpy(),
                         estimated: _money(rows["estimated"]).to_numpy()})


def participants_table(result: PeriodParticipants, count_by: str) -> pd.DataFrame:
    """The participants chart's blocks: per period and country (host or participating, as the
    chart counts them), the participants and the running total; blocks of nobody are left out."""
    country = _("Host country") if count_by == "host" else _("Participating country")
    headers = [_("Period"), country, _("Participants"), _("Running total")]
    rows = result.by_group[result.by_group["participants"] > 0]
    return pd.DataFrame({headers[0]: rows["period"].astype(str).to_numpy(),
                         headers[1]: rows["group_label"].astype(str).to_numpy(),
                         headers[2]: rows["participants"].astype("int64").to_numpy(),
                         headers[3]: rows["cumulative"].astype("int64").to_numpy()})


def heatmap_table(view: FilteredView) -> pd.DataFrame:
    """The heatmap's cells: one row per country (most events first), one column per year, the
    number of events it took part in that year."""
    matrix = participation_matrix(view)
    country = _("Country")
    if matrix.empty:
        return pd.DataFrame(columns=[country])
    table = matrix.copy()
    table.columns = [str(year) for year in table.columns]
    table.insert(0, country, [view.dataset.country_name(iso3) for iso3 in matrix.index])
    return table.reset_index(drop=True)


def timeline_table(view: FilteredView) -> pd.DataFrame:
    """The timeline's marks: each dated project and event, with its dates as the sources give
    them (projects first, by start, then events, by date)."""
    headers = [_("Record"), _("Title"), _("When")]
    projects = project_bars(view)
    events = event_spans(view)
    return pd.DataFrame({
        headers[0]: [_("Project")] * len(projects) + [_("Event")] * len(events),
        headers[1]: [*projects["title"].astype(str), *events["title"].astype(str)],
        headers[2]: [*projects["dates"].astype(str), *events["dates"].astype(str)],
    })
