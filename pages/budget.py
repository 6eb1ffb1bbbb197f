"""Budget: who funds what, through which instrument, in which currency, and over which years."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.data import current_view
from components.downloads import download_buttons
from components.embed import embed_code_expander, unless_default
from components.embed_figures import show_if_embedded
from components.frame import require_app_frame
from components.language import dataframe
from components.layout import figures_table, kpi_row, named_chart, reading_table, source_footer
from components.links import (
    keep_in_link,
    linked_choice,
    seed_from_link,
    seed_linked_choice,
    show_link_notices,
)
from components.share import chart_image_button
from components.sidebar import showing_markdown
from crossings.figures.budget import (
    FUNDING_VIEWS,
    VIEW_LABELS,
    funding_figure,
    money_over_time_figure,
)
from crossings.languages import N_, _, ngettext
from crossings.text.citations import source_ids_of
from crossings.text.escaping import markdown_text
from crossings.text.formatting import format_compact_money, format_count, format_money
from crossings.views.budget import (
    budget_coverage,
    figure_source_ids,
    funding_lines,
    funding_table,
    totals,
    unconverted_lines,
)
from crossings.views.chart_tables import funding_chart_table, money_over_time_table
from crossings.views.currency import DISPLAY_CURRENCIES, conversion_note, totals_note
from crossings.views.filtered_view import FilteredView
from crossings.views.money_over_time import date_disagreements, money_over_time_source_ids, spread_of

# The page's own chart settings, kept in the link by their words (?budget_by=instrument):
# (link parameter and widget key, {word: label}), the first word the default; the labels are
# shown in the active language (shown()).
BY = ("budget_by", {view: VIEW_LABELS[view] for view in FUNDING_VIEWS})
PER = ("budget_per", {"year": N_("Year"), "month": N_("Month")})
# Column labels of the tables of projects and events without a known budget.
UNKNOWN_COLUMNS = {"Project": N_("Project"), "Implementer": N_("Implementer"), "Period": N_("Period"),
                   "Status": N_("Status"), "Title": N_("Title"), "Date": N_("Date"), "Host": N_("Host"),
                   "Reason": N_("Reason")}
PLOTLY_CONFIG = {"displaylogo": False,
                 "toImageButtonOptions": {"format": "png", "filename": "crossings-budget", "scale": 2}}


def shown(setting: tuple[str, dict[str, str]]) -> tuple[str, dict[str, str]]:
    """A linked choice's setting with its labels in the active language (the words unchanged)."""
    param, words = setting
    return param, {word: _(label) for word, label in words.items()}


# Rows of a list of records without a known budget shown on the page; the rest are in its
# downloads (on the bundled data, 146 events: a table longer than the rest of the page).
LISTED_ROWS = 20


def unknown_list(key: str, heading: str, rows: pd.DataFrame, total: int, columns: list[str],
                 all_known: str) -> None:
    """How many of `total` have no known budget, and which: the first LISTED_ROWS, and every one
    in the downloads. `heading` has {count} and {total}."""
    with st.container(key=key):
        st.markdown(heading.format(count=format_count(len(rows)), total=format_count(total)))
        if rows.empty:
            st.caption(all_known)
            return
        table = rows.rename(columns=str.capitalize)[columns]
        reading_table(table.head(LISTED_ROWS).rename(columns={c: _(UNKNOWN_COLUMNS[c]) for c in columns}))
        if len(table) > LISTED_ROWS:
            st.caption(_("… and {count} more: the files below list them all.").format(
                count=format_count(len(table) - LISTED_ROWS)))
            download_buttons(table, f"crossings-{key.replace('_', '-')}", key=key)


def embed_currency(currency: str) -> dict[str, str]:
    return {} if currency == DISPLAY_CURRENCIES[0] else {"currency": currency}


@st.fragment
def who_funds_what(view: FilteredView, lines: pd.DataFrame, currency: str, lines_sources: list[str]) -> None:
    """A fragment: choosing what to show the funding by redraws this chart, not the page."""
    by = linked_choice(_("Show by"), shown(BY))
    named_chart(funding_figure(view, currency, by), "budget_funding_chart", _("Who funds what"), theme=None,
                config=PLOTLY_CONFIG)
    st.caption(_("{conversion} Hatched: an estimate, not a confirmed grant.").format(
        conversion=conversion_note(lines, currency)))
    figures_table(lambda: funding_chart_table(view, currency, by), "budget_funding_figures")
    chart_image_button(view, currency, by)
    embed_code_expander("budget", "funding", _("Who funds what"), {**embed_currency(currency),
                                                                    **unless_default(BY, by)})
    uses_projects = by not in ("funder", "instrument")
    source_footer(view.dataset, lines_sources if uses_projects else figure_source_ids(
        lines, currency, with_projects=False, fx_rates=view.dataset.fx_rates))


# At most LISTED lines in any list on this page (the table below has them all): at 100,000
# events, listing every estimate or undated line sent a megabyte of text on every rerun.
LISTED = 10


def first_listed(texts: list[str], total: int) -> list[str]:
    """The first LISTED texts, and how many more the table below holds."""
    if total <= len(texts):
        return texts
    more = format_count(total - len(texts))
    return [*texts, _("… and {count} more (in the table below)").format(count=more)]


@st.fragment
def money_over_time(view: FilteredView, lines: pd.DataFrame, currency: str) -> None:
    """A fragment: switching between years and months redraws this chart, not the page."""
    dataset = view.dataset
    per = linked_choice(_("Per"), shown(PER))
    spread = spread_of(view, currency)
    named_chart(money_over_time_figure(view, currency, per), "budget_time_chart", _("Money over time"),
                theme=None, config=PLOTLY_CONFIG)
    figures_table(lambda: money_over_time_table(view, currency, per), "budget_time_figures")
    notes = [_("Each funding line is spread evenly over its project's calendar months, start and end "
               "month included; a date known only to the year covers the whole year. {conversion}").format(
        conversion=conversion_note(lines, currency))]
    if view.state.has_years:
        years = f"{view.state.year_from or '…'}–{view.state.year_to or '…'}"
        notes.append(_("Only the months within the years picked ({years}) are drawn; the rest of "
                       "these projects' funding falls outside them.").format(years=years))
    notes += [markdown_text(note) for note in date_disagreements(dataset, set(lines["project_id"]))]
    st.caption("  \n".join(notes))
    undated = spread.not_spread[spread.not_spread["converted"].notna()]  # the rest: warning above
    if not undated.empty:
        st.markdown(_("**Not in this chart** (counted in the totals above):"))
        for line in undated.head(LISTED).itertuples():
            st.markdown(f"- {markdown_text(line.project)} · {markdown_text(line.funder)} · "
                        f"{markdown_text(line.instrument)}: {format_money(line.amount, line.currency)}; "
                        f"{markdown_text(line.reason)}")
        if len(undated) > LISTED:
            st.markdown("- " + _("… and {count} more (in the table below)").format(
                count=format_count(len(undated) - LISTED)))
    embed_code_expander("budget", "money", _("Money over time"), {**embed_currency(currency),
                                                                   **unless_default(PER, per)})
    source_footer(dataset, money_over_time_source_ids(dataset, lines, currency))


def _bare(amount: str, currency: str) -> str:
    """A headline amount without its currency code (the label names it): '8.2 m', '8,2 M'."""
    return amount.replace(currency, "").strip()


require_app_frame()
show_if_embedded("budget")  # ?figure=...: one figure alone, then the page stops
view = current_view()
dataset = view.dataset
link_notices = [seed_linked_choice(setting) for setting in (BY, PER)]
# Seeded from the link by hand, not bound to it: a bound segmented control took ?currency=
# (empty) as no currency at all, and the page failed.
link_notices.append(seed_from_link("currency", "currency", DISPLAY_CURRENCIES[0],
                                   allowed=DISPLAY_CURRENCIES, read=str.upper))

st.title(_("Budget"))
st.markdown(_("Who funds what, through which instrument, in which currency. {showing}").format(
    showing=showing_markdown(view)))
show_link_notices(link_notices)

currency = st.segmented_control(
    _("Show amounts in"), DISPLAY_CURRENCIES, default=DISPLAY_CURRENCIES[0], required=True,
    key="currency",
    help=_("Each amount is converted at the monthly rate of its own value date. The amounts as the "
           "sources give them stay in the hover labels and the table."))
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
summed = money.lines - money.unconverted
kpi_row([
    (_("Known funding, {currency}").format(currency=currency),
     _bare(format_compact_money(money.total, currency), currency) if money.lines else _("none"),
     ngettext("Sum of {n} funding line(s) in {currency}, each converted at the rate of its value date "
              "where needed. As the sources give them: {amounts}.",
              "Sum of {n} funding line(s) in {currency}, each converted at the rate of its value date "
              "where needed. As the sources give them: {amounts}.", summed).format(
         n=format_count(summed), currency=currency, amounts=as_given or _("none"))),
    (_("Of which estimated"),
     _bare(format_compact_money(money.estimated, currency), currency) if money.estimated else _("none"),
     _("Estimated budgets, not confirmed grants: {estimates}.").format(estimates=estimates) if estimates
     else _("No estimates.")),
    (_("Projects with a known budget"),
     _("{count} of {total}").format(count=format_count(coverage.projects_with_budget),
                                    total=format_count(coverage.projects_total)),
     _("A project's budget is known when a source gives a funding line for it.")),
    (_("Events, budget unknown"),
     _("{count} of {total}").format(count=format_count(len(coverage.events_without_budget)),
                                    total=format_count(coverage.events_total)),
     _("Events that belong to no project, or to a project whose budget no source gives.")),
])
if money.lines:
    st.caption(totals_note(lines, currency))
lines_sources = figure_source_ids(lines, currency, with_projects=True, fx_rates=fx_rates)
source_footer(dataset, lines_sources
              + source_ids_of(view.projects, view.events))

unconverted = unconverted_lines(lines)
if not unconverted.empty:
    left_out = "; ".join(f"{markdown_text(line.project)} {format_money(line.amount, line.currency)} "
                         f"({markdown_text(line.conversion)})" for line in unconverted.itertuples())
    st.warning(ngettext("{n} funding line(s) could not be converted to {currency} and are left out of every "
                        "total and chart: {lines}",
                        "{n} funding line(s) could not be converted to {currency} and are left out of every "
                        "total and chart: {lines}", len(unconverted)).format(
                   n=format_count(len(unconverted)), currency=currency, lines=left_out),
               icon=":material/currency_exchange:")

st.subheader(_("Who funds what"))
if lines.empty:
    st.info(_("No funding lines match the current filters."), icon=":material/filter_alt_off:")
else:
    who_funds_what(view, lines, currency, lines_sources)

st.subheader(_("Money over time"))
if lines.empty:
    st.info(_("No funding lines match the current filters."), icon=":material/filter_alt_off:")
else:
    money_over_time(view, lines, currency)

st.subheader(_("Known and unknown budgets"))
unknown_list("budget_unknown_projects", _("**Projects without a known budget: {count}** of {total}"),
             coverage.projects_without_budget, coverage.projects_total,
             ["Project", "Implementer", "Period", "Status"],
             _("Every project shown has at least one funding line."))
unknown_list("budget_unknown_events", _("**Events without a known budget: {count}** of {total}"),
             coverage.events_without_budget, coverage.events_total,
             ["Title", "Date", "Status", "Host", "Project", "Reason"],
             _("Every event shown belongs to a project with a known budget."))
if not coverage.estimated_lines.empty:
    estimated = coverage.estimated_lines
    st.markdown(_("**Estimates** (in every total, hatched in the charts): {estimates}").format(
        estimates="; ".join(first_listed(
            [f"{markdown_text(line.project)} · {markdown_text(line.funder)}: "
             f"{format_money(line.amount, line.currency)} ({markdown_text(line.notes)})"
             for line in estimated.head(LISTED).itertuples()], len(estimated)))))
listed = source_ids_of(coverage.projects_without_budget, coverage.events_without_budget,
                       coverage.estimated_lines)
if listed:
    source_footer(dataset, listed)

st.subheader(_("Funding lines"))
table = funding_table(lines, currency)
if table.empty:
    st.caption(_("No funding lines match the current filters."))
else:
    with st.container(key="budget_funding_lines"):
        # The columns that fit a 1280 px screen; the downloads hold every column.
        # the frame's column names stay as the files write them; the labels shown are translated
        dataframe(table, hide_index=True, width="stretch", in_download=True, column_config={
            "Project": st.column_config.TextColumn(_("Project"), width=135, pinned=True),
            "Funder": st.column_config.TextColumn(_("Funder"), width=60),
            "Instrument": st.column_config.TextColumn(_("Instrument"), width=100),
            "Amount": st.column_config.NumberColumn(_("Amount"), format="accounting", width=105,
                                                    help=_("As the source gives it")),
            "Currency": st.column_config.TextColumn(_("Currency"), width=65),
            f"Amount in {currency}": st.column_config.NumberColumn(
                _("Amount in {currency}").format(currency=currency), format="accounting", width=110),
            "Value date": st.column_config.TextColumn(_("Value date"), width=80),
            f"Rate ({currency} per unit)": st.column_config.NumberColumn(
                _("Rate"), format="%.4f", width=70,
                help=_("{currency} per unit: the Federal Reserve's monthly rate for the value date's month "
                       "(1 where nothing is converted).").format(currency=currency)),
            "Status": st.column_config.TextColumn(_("Status"), width=75),
            **dict.fromkeys(["Conversion", "Implementer", "Notes", "Source", "Funding line"]),
        })
        st.caption(_("The files add how each line was converted, its implementer, notes, source and id."))
        download_buttons(table, f"crossings-funding-{currency.lower()}", key="budget_funding")
    source_footer(dataset, lines_sources)
