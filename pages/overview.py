"""Overview: headline figures, the latest activity and the way into the other pages."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.data import current_view
from components.frame import require_app_frame
from components.layout import kpi_row, nothing_matches, source_footer
from components.pages import PAGES, page_path
from components.sidebar import showing_markdown
from crossings.data.vocabulary import COUNTED_EVENT_STATUSES
from crossings.text.citations import source_ids_of
from crossings.text.escaping import markdown_text
from crossings.text.formatting import (
    event_status_note,
    format_compact_money,
    format_count,
    format_money,
    format_period,
)
from crossings.views.metrics import headline, recent_events

require_app_frame()
view = current_view()
dataset = view.dataset
figures = headline(view)

st.title("Crossings")
st.markdown("Border-management workshops, trainings and roundtables, the projects behind "
            f"them and who pays for them. {showing_markdown(view)}")

estimated = ", ".join(format_money(v, c) for c, v in figures.estimated_by_currency.items())
funding_figures = [
    (f"Funding, {currency}", format_compact_money(amount, currency).removeprefix(f"{currency} "),
     f"{format_money(amount, currency)} as the sources give it. Amounts in other currencies are not "
     "added in here: the Budget page converts them to one currency to add them up."
     + (f" Includes estimates: {estimated}." if estimated else ""))
    for currency, amount in figures.funding_by_currency.items()
] or [("Funding", "—", "No funding line matches the filters.")]
not_known = f" {figures.status_not_known} of them with status not known." if figures.status_not_known else ""
kpi_row([
    ("Events", format_count(figures.events),
     f"Events a source reports as held, or whose status no source gives.{not_known} Announced, "
     "postponed and cancelled events are listed but never counted.",
     figures.not_counted_text.removeprefix("Not counted: ").removesuffix(".") + ", not counted"
     if figures.not_counted_text else ""),
    ("Participants", figures.participants_shown, figures.participants_note),
    ("Countries", format_count(figures.countries_engaged),
     "Countries a source names as hosting or taking part in an event, or that a project covers. "
     "Where a source names a group of countries instead of the countries themselves, the group's "
     "members are shown apart, not counted in this figure.", figures.via_groups),
    ("Projects", format_count(figures.projects),
     f"{figures.projects_without_funding} without a known budget."),
    *funding_figures,
])

if view.events.empty and view.projects.empty:
    nothing_matches()

st.subheader("Latest activity")
latest = recent_events(view, limit=6)
if latest.empty:
    st.caption("No events match the filters.")
for event in latest.itertuples():
    when = format_period(event.start_date, event.end_date)
    if event.date_status == "inferred":
        when += " (inferred)"
    place = event.city if isinstance(event.city, str) else (
        dataset.country_name(event.host_iso3) if isinstance(event.host_iso3, str) else "online")
    count = ""
    if pd.notna(event.participants):
        count = f" · {int(event.participants)} participants" + (
            "" if event.status in COUNTED_EVENT_STATUSES else " expected")
    status = event_status_note(event.status)
    via = view.matched_via_groups.get(event.event_id)
    with st.container(border=True):
        st.markdown(f"**{markdown_text(event.title)}**" + (f" {markdown_text(status)}" if status else ""))
        st.caption(markdown_text(f"{when} · {place} · {event.kind.replace('_', ' ')}{count}"
                                 + (f" · found via group: {via}" if via else "")))

st.subheader("Explore")
columns = st.columns(3)
for index, spec in enumerate(p for p in PAGES if p.url_path != "overview"):
    with columns[index % 3]:
        st.page_link(page_path(spec), label=spec.title, icon=spec.icon)
        st.caption(spec.blurb)

source_footer(dataset, source_ids_of(view.events, view.projects, view.funding))
