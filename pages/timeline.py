"""Participation timeline: who took part, when, and from where."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.data import current_view
from components.downloads import download_buttons
from components.embed import embed_code_expander, unless_default
from components.embed_figures import show_if_embedded
from components.frame import require_app_frame
from components.language import dataframe
from components.layout import (
    figures_table,
    kpi_row,
    named_chart,
    nothing_matches,
    scrolling_box,
    source_footer,
)
from components.links import linked_choice, seed_linked_choice, show_link_notices
from components.sidebar import showing_markdown
from crossings.figures.participation import participant_sources, participants_chart, participation_heatmap
from crossings.figures.timeline import sources_of, timeline_figure
from crossings.languages import N_, _, ngettext
from crossings.text.escaping import markdown_text
from crossings.text.formatting import UNKNOWN_DATE, event_status_note, format_count
from crossings.views.chart_tables import heatmap_table, participants_table, timeline_table
from crossings.views.filtered_view import FilteredView
from crossings.views.groups import via_group_text
from crossings.views.metrics import not_counted_events, not_counted_text, participant_total
from crossings.views.participation import participants_by_period
from crossings.views.participation_by_country import country_participation
from crossings.views.timeline import undated_events, undated_projects

CHART_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["select2d", "lasso2d"],
                "toImageButtonOptions": {"format": "png", "scale": 2}}
# The page's own settings: link parameter, words shown (in the active language), first is the default.
COLOUR = ("colour", {"topic": N_("Topic"), "organiser": N_("Organiser")})
GRANULARITY = ("per", {"year": N_("Year"), "quarter": N_("Quarter")})
COUNT_BY = ("by", {"host": N_("Host country"), "participant": N_("Participating country")})
TOTALS = ("show", {"period": N_("Each period"), "cumulative": N_("Running total")})
SETTINGS = (COLOUR, GRANULARITY, COUNT_BY, TOTALS)
# Labels of the participation table's count columns, in the active language where shown.
COUNTRY_COLUMNS = {"Events taken part in": N_("Events taken part in"), "Events hosted": N_("Events hosted"),
                   "Contributed expertise": N_("Contributed expertise"),
                   "Officials counted": N_("Officials counted"),
                   "Events with its own count": N_("Events with its own count")}


def chart(figure, key: str, file_stem: str, name: str) -> None:
    """A chart, named by its title for screen readers (`name` when it has none)."""
    config = {**CHART_CONFIG, "toImageButtonOptions": {**CHART_CONFIG["toImageButtonOptions"],
                                                        "filename": file_stem}}
    named_chart(figure, key, name, theme=None, config=config)


def widget_key(param: str) -> str:
    return f"timeline_{param}"


def choice(label: str, setting: tuple[str, dict[str, str]]) -> str:
    param, words = setting
    return linked_choice(label, (param, {word: _(shown) for word, shown in words.items()}),
                         key=widget_key(param))


UNDATED_LISTED = 20


def not_on_the_chart(events: pd.DataFrame, projects: pd.DataFrame, hidden_by_years: int,
                     height: int) -> None:
    """Undated events and projects, beside the chart and no taller than it (it scrolls)."""
    if hidden_by_years:
        st.markdown(_("**Not on the chart**"))
        st.caption(ngettext("{n} event(s) without a date, or without a year, are not listed while a year "
                            "range is set: a year filter cannot tell whether they fall inside it.",
                            "{n} event(s) without a date, or without a year, are not listed while a year "
                            "range is set: a year filter cannot tell whether they fall inside it.",
                            hidden_by_years).format(n=format_count(hidden_by_years)))
    if events.empty and projects.empty:
        if not hidden_by_years:
            st.markdown(_("**Not on the chart**"))
            st.caption(_("Every event and project shown has a date."))
        return
    st.markdown(_("**Not on the chart: no date or no year given** ({events} event(s), "
                  "{projects} project(s))").format(events=format_count(len(events)),
                                                   projects=format_count(len(projects))))
    with scrolling_box("timeline_undated", height, _("Events and projects without a date")):
        # at most UNDATED_LISTED of each: at 100,000 events, thousands of cards sent on every rerun
        for event in events.head(UNDATED_LISTED).itertuples():
            with st.container(border=True):
                details = [event.place, _("participants: {participants}").format(
                    participants=event.participants_text)]
                if event.dates != _(UNKNOWN_DATE):
                    details.insert(0, event.dates)  # '25–28 May, year not stated'
                status = event_status_note(event.status)
                if status:
                    details.append(status.strip("()"))
                if event.project:
                    details.append(_("project: {project}").format(project=event.project))
                st.markdown(f"**{markdown_text(event.title)}**")
                st.caption(markdown_text(" · ".join(details)))
                if event.date_note:
                    st.caption(markdown_text(event.date_note))
        for project in projects.head(UNDATED_LISTED).itertuples():
            with st.container(border=True):
                st.markdown(_("**Project: {project}**").format(project=markdown_text(project.label)))
                st.caption(markdown_text(_("{title}. Start and end not known ({source}).").format(
                    title=project.title, source=project.source)))
        more_events = max(0, len(events) - UNDATED_LISTED)
        more_projects = max(0, len(projects) - UNDATED_LISTED)
        if more_events and more_projects:
            st.caption(_("… and {events} more events and {projects} more projects without a date: the Data "
                         "page lists them all.").format(events=format_count(more_events),
                                                        projects=format_count(more_projects)))
        elif more_events:
            st.caption(_("… and {count} more events without a date: the Data page lists them all.").format(
                count=format_count(more_events)))
        elif more_projects:
            st.caption(_("… and {count} more projects without a date: the Data page lists them all.").format(
                count=format_count(more_projects)))


@st.fragment
def events_and_projects(view: FilteredView, undated: pd.DataFrame) -> None:
    """A fragment: colouring the events another way redraws this chart, not the page."""
    colour_by = choice(_("Colour events by"), COLOUR)
    left, right = st.columns([5, 2], gap="medium")
    with left:
        figure = timeline_figure(view, colour_by)
        chart(figure, "timeline_chart", "crossings-timeline", _("Events and projects over time"))
        st.caption(_("An event with several topics or organisers appears in each of their rows. Events "
                     "known only to the month or year are drawn across that whole month or year, not on a "
                     "made-up day. Hover over a mark for its dates, place, participants, organisers and "
                     "source."))
        figures_table(lambda: timeline_table(view), "timeline_figures",
                      sources=lambda: sources_of(view, max_chars=None))
    with right:
        not_on_the_chart(undated, undated_projects(view), view.undated_excluded,
                         height=max(300, int(figure.layout.height) - 40))
    embed_code_expander("timeline", "timeline", _("Events and projects over time"),
                        unless_default(COLOUR, colour_by))


def unplaced_note(granularity: str, with_counts: bool, n: int) -> str:
    """What the participants chart leaves out, with {n} and {events} to fill in."""
    if granularity == "quarter" and with_counts:
        return ngettext("Not in this chart: {n} event(s) that cannot be placed in a quarter, of which "
                        "with a count: {events}.",
                        "Not in this chart: {n} event(s) that cannot be placed in a quarter, of which "
                        "with a count: {events}.", n)
    if granularity == "quarter":
        return ngettext("Not in this chart: {n} event(s) that cannot be placed in a quarter, none of "
                        "them with a count.",
                        "Not in this chart: {n} event(s) that cannot be placed in a quarter, none of "
                        "them with a count.", n)
    if with_counts:
        return ngettext("Not in this chart: {n} event(s) that cannot be placed in a year, of which "
                        "with a count: {events}.",
                        "Not in this chart: {n} event(s) that cannot be placed in a year, of which "
                        "with a count: {events}.", n)
    return ngettext("Not in this chart: {n} event(s) that cannot be placed in a year, none of "
                    "them with a count.",
                    "Not in this chart: {n} event(s) that cannot be placed in a year, none of "
                    "them with a count.", n)


@st.fragment
def participants_over_time(view: FilteredView) -> None:
    """A fragment: its three controls redraw this chart, not the page."""
    controls = st.columns(3)
    with controls[0]:
        granularity = choice(_("Participants per"), GRANULARITY)
    with controls[1]:
        count_by = choice(_("Count by"), COUNT_BY)
    with controls[2]:
        totals = choice(_("Show"), TOTALS)
    per_period = participants_by_period(view, granularity, count_by)
    chart(participants_chart(view, granularity, count_by, cumulative=totals == "cumulative"),
          "participants_chart", "crossings-participants", _("Participants over time"))
    figures_table(lambda: participants_table(per_period, count_by), "participants_figures",
                  sources=lambda: participant_sources(view, max_chars=None))
    for shared in per_period.shared_events.itertuples():
        st.caption(markdown_text(_("{count} ({countries}): shown as one hatched block.").format(
            count=shared.text, countries=shared.country_names)))
    left_out = per_period.unplaced
    if len(left_out):
        with_count = left_out[left_out["participants"].notna()]
        words = ", ".join(_("{title}: {count} ({reason})").format(
            title=row.title, count=format_count(row.participants), reason=row.reason)
            for row in with_count.itertuples())
        n = len(left_out)
        st.caption(markdown_text(unplaced_note(granularity, bool(words), n).format(
            n=format_count(n), events=words)))
    if not per_period.by_group.empty:
        download_buttons(per_period.by_group.rename(columns={
            "period": "Period", "group_label": "Country", "participants": "Participants",
            "cumulative": "Running total"})[["Period", "Country", "Participants", "Running total"]],
            f"participants-per-{granularity}-by-{count_by}-country", key="participants_download")
    embed_code_expander("timeline", "participants", _("Participants over time"), {
        **unless_default(GRANULARITY, granularity), **unless_default(COUNT_BY, count_by),
        **unless_default(TOTALS, totals)})


require_app_frame()
show_if_embedded("timeline")  # ?figure=...: one figure alone, then the page stops
view = current_view()
dataset = view.dataset
link_notices = [seed_linked_choice(setting, key=widget_key(setting[0])) for setting in SETTINGS]

st.title(_("Participation timeline"))
st.markdown(_("Who took part in the workshops, trainings and roundtables, when, and from where. "
              "{showing}").format(showing=showing_markdown(view)))

show_link_notices(link_notices)

if view.events.empty and view.projects.empty:
    nothing_matches()
    st.stop()

undated = undated_events(view)
countries = country_participation(view)
dated_count = len(view.events) - len(undated)
counted = view.counted_events["participants"]
counted_undated = int(undated.loc[undated["counted"], "participants"].fillna(0).sum())
with_counts = int(counted.notna().sum())
kpi_row([
    (_("Events on the timeline"), format_count(dated_count),
     _("Events with a date, as precise as the source gives it; announced, postponed and cancelled "
       "ones are drawn as crosses and never counted."),
     not_counted_text(not_counted_events(view)).removesuffix(".")),
    (_("Events without a date"), format_count(len(undated)),
     _("No date, or a day and month without the year: listed beside the timeline.")),
    (_("Participants counted"),
     participant_total(len(counted), int(counted.isna().sum()), int(counted.sum())),
     ngettext("Sum of the counts the sources give for events held or of unknown status ({n} event(s) give "
              "one); {undated} of them at events without a date.",
              "Sum of the counts the sources give for events held or of unknown status ({n} event(s) give "
              "one); {undated} of them at events without a date.", with_counts).format(
         n=format_count(with_counts), undated=format_count(counted_undated))),
    (_("Countries taking part"), format_count(int((countries["events_taken_part"] > 0).sum())),
     _("Countries a source names as having officials at one of the events counted."),
     via_group_text(dataset, view.countries_via_groups)),
])

st.subheader(_("Events and projects over time"))
events_and_projects(view, undated)

st.subheader(_("Participants over time"))
participants_over_time(view)

st.subheader(_("Participation by country"))
st.caption(_("Events a country's officials took part in, hosted, or contributed expertise to; officials "
             "counted only where the source gives that country's own count. A count that covers "
             "several countries is named, not split between them. A country the source reaches only "
             "through a group it names (\"all member states\") is marked via group, and not counted."))
table = countries.rename(columns={
    "country": "Country", "iso3": "ISO3", "events_taken_part": "Events taken part in",
    "events_hosted": "Events hosted", "events_contributed": "Contributed expertise",
    "officials_counted": "Officials counted", "events_with_own_count": "Events with its own count",
    "in_shared_counts": "Part of a count not split by country",
    "via_group": "Via group (not counted)"})
table = table[["Country", "ISO3", *(c for c in table.columns if c not in ("Country", "ISO3"))]]
counts = ["Events taken part in", "Events hosted", "Contributed expertise", "Officials counted",
          "Events with its own count"]
# the frame's column names stay as the files write them; the labels shown are translated
dataframe(table, hide_index=True, key="country_table", placeholder=_("not given"), width="stretch",
          in_download=True,
          column_config={  # narrow enough for a 1280 px screen; the long notes show whole on hover
              "Country": st.column_config.TextColumn(_("Country"), width=130, pinned=True),
              "ISO3": st.column_config.TextColumn(_("ISO3"), width=50),
              **{name: st.column_config.NumberColumn(_(COUNTRY_COLUMNS[name]), width=85)
                 for name in counts},
              "Part of a count not split by country": st.column_config.TextColumn(
                  _("Part of a count not split by country"), width=190),
              "Via group (not counted)": st.column_config.TextColumn(_("Via group (not counted)"))})
download_buttons(table, "participation-by-country", key="country_download")
source_footer(dataset, view.source_ids("event_countries", "event_groups"))

st.markdown(_("**Countries × years: events taken part in**"))
chart(participation_heatmap(view), "heatmap_chart", "crossings-participation-by-year",
      _("Participation by country"))
figures_table(lambda: heatmap_table(view), "heatmap_figures",
              sources=lambda: sources_of(view, max_chars=None))
embed_code_expander("timeline", "heatmap", _("Countries × years: events taken part in"), {})
