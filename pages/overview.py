"""Overview: headline figures, the latest activity and the way into the other pages."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from components.data import current_view
from components.frame import require_app_frame
from components.layout import kpi_row, nothing_matches, source_footer, with_method_link
from components.pages import PAGES, page_path
from components.search import OVERVIEW_KEY, search_box
from components.sidebar import showing_markdown
from crossings.data.vocabulary import COUNTED_EVENT_STATUSES
from crossings.languages import _, ngettext
from crossings.text.citations import source_ids_of
from crossings.text.escaping import markdown_text
from crossings.text.formatting import (
    event_status_note,
    format_compact_money,
    format_count,
    format_money,
    format_period,
)
from crossings.text.labels import value_label
from crossings.views.metrics import headline, recent_events

require_app_frame()
view = current_view()
dataset = view.dataset
figures = headline(view)

st.title(_("Crossings"))
st.markdown(_("Border-management workshops, trainings and roundtables, the projects behind "
              "them and who pays for them. {showing}").format(showing=showing_markdown(view)))
search_box(OVERVIEW_KEY, limit=8)

estimated = _(", ").join(format_money(v, c) for c, v in figures.estimated_by_currency.items())


def _funding_help(amount: float, currency: str) -> str:
    text = _("{amount} as the sources give it. Amounts in other currencies are not added in here: the "
             "Budget page converts them to one currency to add them up.").format(
        amount=format_money(amount, currency))
    if estimated:
        text = _("{text} Includes estimates: {estimated}.").format(text=text, estimated=estimated)
    return text


def _headline_amount(amount: float, currency: str) -> str:
    """The amount without its currency, which the label names ('8.2 m')."""
    return re.sub(" {2,}", " ", format_compact_money(amount, currency).replace(currency, "")).strip()


funding_figures = [
    (_("Funding, {currency}").format(currency=currency), _headline_amount(amount, currency),
     with_method_link(_funding_help(amount, currency), "funding"))
    for currency, amount in figures.funding_by_currency.items()
] or [(_("Funding"), "—", with_method_link(_("No funding line matches the filters."), "funding"))]
if figures.status_not_known:
    events_help = ngettext(
        "Events a source reports as held, or whose status no source gives. {count} of them with status not "
        "known. Announced, postponed and cancelled events are listed but never counted.",
        "Events a source reports as held, or whose status no source gives. {count} of them with status not "
        "known. Announced, postponed and cancelled events are listed but never counted.",
        figures.status_not_known).format(count=format_count(figures.status_not_known))
else:
    events_help = _("Events a source reports as held, or whose status no source gives. Announced, "
                    "postponed and cancelled events are listed but never counted.")
countries_help = _("Countries a source names as hosting or taking part in an event, or that a project "
                   "covers. Where a source names a group of countries instead of the countries "
                   "themselves, the group's members are shown apart, not counted in this figure.")
kpi_row([
    (_("Events"), format_count(figures.events), with_method_link(events_help, "events"),
     figures.not_counted_short),
    (_("Participants"), figures.participants_shown,
     with_method_link(figures.participants_note, "participants")),
    (_("Countries"), format_count(figures.countries_engaged), with_method_link(countries_help, "countries"),
     figures.via_groups),
    (_("Projects"), format_count(figures.projects),
     with_method_link(ngettext("{count} without a known budget.", "{count} without a known budget.",
                               figures.projects_without_funding).format(
         count=format_count(figures.projects_without_funding)), "projects")),
    *funding_figures,
])

if view.events.empty and view.projects.empty:
    nothing_matches()

st.subheader(_("Latest activity"))
latest = recent_events(view, limit=6)
if latest.empty:
    st.caption(_("No events match the filters."))
for event in latest.itertuples():
    when = format_period(event.start_date, event.end_date)
    if event.date_status == "inferred":
        when = _("{period} (inferred)").format(period=when)
    place = event.city if isinstance(event.city, str) else (
        dataset.country_name(event.host_iso3) if isinstance(event.host_iso3, str) else _("online"))
    parts = [when, place, value_label(event.kind)]
    if pd.notna(event.participants):
        people = int(event.participants)
        if event.status in COUNTED_EVENT_STATUSES:
            parts.append(ngettext("{count} participants", "{count} participants", people).format(
                count=format_count(people)))
        else:
            parts.append(ngettext("{count} participants expected", "{count} participants expected",
                                  people).format(count=format_count(people)))
    status = event_status_note(event.status)
    via = view.matched_via_groups.get(event.event_id)
    if via:
        parts.append(_("found via group: {groups}").format(groups=via))
    with st.container(border=True):
        st.markdown(f"**{markdown_text(event.title)}**" + (f" {markdown_text(status)}" if status else ""))
        st.caption(markdown_text(" · ".join(parts)))

st.subheader(_("Explore"))
columns = st.columns(3)
for index, spec in enumerate(p for p in PAGES if p.url_path != "overview"):
    with columns[index % 3]:
        st.page_link(page_path(spec), label=_(spec.title), icon=spec.icon)
        st.caption(_(spec.blurb))

source_footer(dataset, source_ids_of(view.events, view.projects, view.funding))
