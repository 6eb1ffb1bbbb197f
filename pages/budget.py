"""Budget: who funds what, through which instrument, in which currency, and over which years."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.data import current_view
from components.downloads import download_buttons
from components.frame import require_app_frame
from components.layout import kpi_row, reading_table, source_footer
from components.links import (
    keep_in_link,
    linked_choice,
    seed_from_link,
    seed_linked_choice,
    show_link_notices,
)
from components.sidebar import showing_markdown
from crossings.figures.budget import (
    FUNDING_VIEWS,
    VIEW_LABELS,
    funding_figure,
    money_over_time_figure,
)
from crossings.text.citations import source_ids_of
from crossings.text.escaping import markdown_text
from crossings.text.formatting import format_compact_money, format_money
from crossings.views.budget import (
    budget_coverage,
    date_disagreements,
    figure_source_ids,
    funding_lines,
    funding_table,
    money_over_time_source_ids,
    spread_of,
    totals,
    unconverted_lines,
)
from crossings.views.currency import DISPLAY_CURRENCIES, conversion_note, totals_note
from crossings.views.filtered_view import FilteredView

# The page's own chart settings, kept in the link by their words (?budget_by=instrument):
# (link parameter and widget key, {word: label}), the first word the default.
BY = ("budget_by", {view: VIEW_LABELS[view] for view in FUNDING_VIEWS})
PER = ("budget_per", {"year": "Year", "month": "Month"})
PLOTLY_CONFIG = {"displaylogo": False,
                 "toImageButtonOptions": {"format": "png", "filename": "crossings-budget", "scale": 2}}


def unknown_list(key: str, what: str, rows: pd.DataFrame, total: int, columns: list[str],
                 all_known: str) -> None:
    """How many of `total` have no known budget, and which."""
    with st.container(key=key):
        st.markdown(f"**{what} without a known budget: {len(rows)}** of {total}")
        if rows.empty:
            st.caption(all_known)
        else:
            reading_table(rows.rename(columns=str.capitalize)[columns])


@st.fragment
def who_funds_what(view: FilteredView, lines: pd.DataFrame, currency: str, lines_sources: list[str]) -> None:
    """A fragment: choosing what to show the funding by redraws this chart, not the page."""
    by = linked_choice("Show by", BY)
    st.plotly_chart(funding_figure(view, currency, by), theme=None, config=PLOTLY_CONFIG,
                    key="budget_funding_chart")
    st.caption(conversion_note(lines, currency) + " Hatched: an estimate, not a confirmed grant.")
    uses_projects = by not in ("funder", "instrument")
    source_footer(view.dataset, lines_sources if uses_projects else figure_source_ids(
        lines, currency, with_projects=False, fx_rates=view.dataset.fx_rates))


# At most LISTED lines in any list on this page (the table below has them all): at 100,000
# events, listing every estimate or undated line sent a megabyte of text on every rerun.
LISTED = 10


def first_listed(texts: list[str], total: int) -> list[str]:
    """The first LISTED texts, and how many more the table below holds."""
    return texts + ([f"… and {total - len(texts):,} more (in the table below)"] if total > len(texts) else [])


@st.fragment
def money_over_time(view: FilteredView, lines: pd.DataFrame, currency: str) -> None:
    """A fragment: switching between years and months redraws this chart, not the page."""
    dataset = view.dataset
    per = linked_choice("Per", PER)
    spread = spread_of(view, currency)
    st.plotly_chart(money_over_time_figure(view, currency, per), theme=None, config=PLOTLY_CONFIG,
                    key="budget_time_chart")
    notes = ["Each funding line is spread evenly over its project's calendar months, start and end "
             "month included; a date known only to the year covers the whole year. "
             + conversion_note(lines, currency)]
    if view.state.has_years:
        years = f"{view.state.year_from or '…'}–{view.state.year_to or '…'}"
        notes.append(f"Only the months within the years picked ({years}) are drawn; the rest of "
                     "these projects' funding falls outside them.")
    notes += [markdown_text(note) for note in date_disagreements(dataset, set(lines["project_id"]))]
    st.caption("  \n".join(notes))
    undated = spread.not_spread[spread.not_spread["converted"].notna()]  # the rest: warning above
    if not undated.empty:
        st.markdown("**Not in this chart** (counted in the totals above):")
        for line in undated.head(LISTED).itertuples():
            st.markdown(f"- {markdown_text(line.project)} · {markdown_text(line.funder)} · "
                        f"{markdown_text(line.instrument)}: {format_money(line.amount, line.currency)}; "
                        f"{markdown_text(line.reason)}")
        if len(undated) > LISTED:
            st.markdown(f"- … and {len(undated) - LISTED:,} more (in the table below)")
    source_footer(dataset, money_over_time_source_ids(dataset, lines, currency))


require_app_frame()
view = current_view()
dataset = view.dataset
link_notices = [seed_linked_choice(setting) for setting in (BY, PER)]
# Seeded from the link by hand, not bound to it: a bound segmented control took ?currency=
# (empty) as no currency at all, and the page failed.
link_notices.append(seed_from_link("currency", "currency", DISPLAY_CURRENCIES[0],
                                   allowed=DISPLAY_CURRENCIES, read=str.upper))

st.title("Budget")
st.markdown("Who funds what, through which instrument, in which currency. "
            + showing_markdown(view))
show_link_notices(link_notices)

currency = st.segmented_control(
    "Show amounts in", DISPLAY_CURRENCIES, default=DISPLAY_CURRENCIES[0], required=True,
    key="currency",
    help="Each amount is converted at the monthly rate of its own value date. The amounts as the "
         "sources give them stay in the hover labels and the table.")
keep_in_link("currency", currency, DISPLAY_CURRENCIES[0])
lines = funding_lines(view, currency)
money = totals(lines)
coverage = budget_coverage(view, lines)
fx_rates = dataset.fx_rates

by_currency = lines.groupby("currency")["amount"].sum()
as_given = "; ".join(format_money(amount, code) for code, amount in by_currency.items())
estimates = "; ".join(first_listed(
    [f"{markdown_text(line.project)}: {format_money(line.amount, line.currency)}"
     for line in coverage.estimated_lines.head(LISTED).itertuples()], len(coverage.estimated_lines)))
kpi_row([
    (f"Known funding, {currency}", format_compact_money(money.total, currency).removeprefix(f"{currency} ")
     if money.lines else "none",
     f"Sum of {money.lines - money.unconverted} funding line(s) in {currency}, each converted at the "
     f"rate of its value date where needed. As the sources give them: {as_given or 'none'}."),
    ("Of which estimated", format_compact_money(money.estimated, currency).removeprefix(f"{currency} ")
     if money.estimated else "none",
     f"Estimated budgets, not confirmed grants: {estimates}." if estimates else "No estimates."),
    ("Projects with a known budget", f"{coverage.projects_with_budget} of {coverage.projects_total}",
     "A project's budget is known when a source gives a funding line for it."),
    ("Events, budget unknown", f"{len(coverage.events_without_budget)} of {coverage.events_total}",
     "Events that belong to no project, or to a project whose budget no source gives."),
])
if money.lines:
    st.caption(totals_note(lines, currency))
lines_sources = figure_source_ids(lines, currency, with_projects=True, fx_rates=fx_rates)
source_footer(dataset, lines_sources
              + source_ids_of(view.projects, view.events))

unconverted = unconverted_lines(lines)
if not unconverted.empty:
    st.warning(f"{len(unconverted)} funding line(s) could not be converted to {currency} and are left "
               "out of every total and chart: " + "; ".join(
                   f"{markdown_text(line.project)} {format_money(line.amount, line.currency)} "
                   f"({markdown_text(line.conversion)})" for line in unconverted.itertuples()),
               icon=":material/currency_exchange:")

st.subheader("Who funds what")
if lines.empty:
    st.info("No funding lines match the current filters.", icon=":material/filter_alt_off:")
else:
    who_funds_what(view, lines, currency, lines_sources)

st.subheader("Money over time")
if lines.empty:
    st.info("No funding lines match the current filters.", icon=":material/filter_alt_off:")
else:
    money_over_time(view, lines, currency)

st.subheader("Known and unknown budgets")
unknown_list("budget_unknown_projects", "Projects", coverage.projects_without_budget,
             coverage.projects_total, ["Project", "Implementer", "Period", "Status"],
             "Every project shown has at least one funding line.")
unknown_list("budget_unknown_events", "Events", coverage.events_without_budget, coverage.events_total,
             ["Title", "Date", "Status", "Host", "Project", "Reason"],
             "Every event shown belongs to a project with a known budget.")
if not coverage.estimated_lines.empty:
    estimated = coverage.estimated_lines
    st.markdown("**Estimates** (in every total, hatched in the charts): " + "; ".join(first_listed(
        [f"{markdown_text(line.project)} · {markdown_text(line.funder)}: "
         f"{format_money(line.amount, line.currency)} ({markdown_text(line.notes)})"
         for line in estimated.head(LISTED).itertuples()], len(estimated))))
listed = source_ids_of(coverage.projects_without_budget, coverage.events_without_budget,
                       coverage.estimated_lines)
if listed:
    source_footer(dataset, listed)

st.subheader("Funding lines")
table = funding_table(lines, currency)
if table.empty:
    st.caption("No funding lines match the current filters.")
else:
    with st.container(key="budget_funding_lines"):
        # The columns that fit a 1280 px screen; the downloads hold every column.
        st.dataframe(table, hide_index=True, width="stretch", column_config={
            "Project": st.column_config.TextColumn(width=135, pinned=True),
            "Funder": st.column_config.TextColumn(width=60),
            "Instrument": st.column_config.TextColumn(width=100),
            "Amount": st.column_config.NumberColumn(format="accounting", width=105,
                                                    help="As the source gives it"),
            "Currency": st.column_config.TextColumn(width=65),
            f"Amount in {currency}": st.column_config.NumberColumn(format="accounting", width=110),
            "Value date": st.column_config.TextColumn(width=80),
            f"Rate ({currency} per unit)": st.column_config.NumberColumn(
                "Rate", format="%.4f", width=70,
                help=f"{currency} per unit: the Federal Reserve's monthly rate for the value date's month "
                     "(1 where nothing is converted)."),
            "Status": st.column_config.TextColumn(width=75),
            **dict.fromkeys(["Conversion", "Implementer", "Notes", "Source", "Funding line"]),
        })
        st.caption("The files add how each line was converted, its implementer, notes, source and id.")
        download_buttons(table, f"crossings-funding-{currency.lower()}", key="budget_funding")
    source_footer(dataset, lines_sources)
