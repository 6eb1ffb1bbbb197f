"""A country's profile on the page: borders, neighbours, what the sources say, and the events
and projects involving it. Every string from the data is shown as text (tables, or escaped
Markdown)."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from components.embed import embed_code_expander
from components.language import dataframe
from components.layout import kpi_row, reading_table
from components.map_widget import legend_under_map, show_map, world_url
from crossings.data.dataset import Dataset
from crossings.data.vocabulary import COUNTED_EVENT_STATUSES
from crossings.figures.borders_map import borders_legend_html, borders_map
from crossings.figures.geometry import World
from crossings.figures.profile import neighbour_lengths_figure
from crossings.languages import _, ngettext
from crossings.text.citations import short_citation, source_line
from crossings.text.escaping import markdown_text, safe_url
from crossings.text.formatting import event_status_text, format_count, format_km, format_money, format_period
from crossings.views.profiles import CountryProfile, NeighbourStatement, neighbour_statement


def profile_summary(profile: CountryProfile, dataset: Dataset) -> None:
    """The short card next to the map."""
    st.markdown(f"#### {markdown_text(profile.name)}")
    place = " · ".join(p for p in (profile.subregion, profile.region) if p)
    if place:
        st.caption(markdown_text(place))
    st.markdown(_("Land borders: **{land}**  \nCoastline: **{coast}**  \nEvents: **{events}** · "
                  "Projects: **{projects}**").format(
        land=format_km(profile.land_border_km), coast=format_km(profile.coastline_km),
        events=format_count(profile.events_counted), projects=format_count(len(profile.projects))))
    not_counted = len(profile.events) - profile.events_counted
    if not_counted:
        st.caption(ngettext("{count} more event is listed but not counted: announced, postponed or "
                            "cancelled, or reaching the country only through a group.",
                            "{count} more events are listed but not counted: announced, postponed or "
                            "cancelled, or reaching the country only through a group.",
                            not_counted).format(count=format_count(not_counted)))
    hidden_events = ngettext("{count} event", "{count} events", profile.events_hidden).format(
        count=format_count(profile.events_hidden))
    hidden_projects = ngettext("{count} project", "{count} projects", profile.projects_hidden).format(
        count=format_count(profile.projects_hidden))
    if profile.events_hidden and profile.projects_hidden:
        st.caption(_("Under the filters; {events} and {projects} more without them.").format(
            events=hidden_events, projects=hidden_projects))
    elif profile.events_hidden or profile.projects_hidden:
        st.caption(_("Under the filters; {records} more without them.").format(
            records=hidden_events if profile.events_hidden else hidden_projects))
    neighbours = _neighbours(profile, dataset)
    if neighbours.figure:
        st.markdown(_("{label}: **{figure}**, {note}").format(
            label=neighbours.label, figure=markdown_text(neighbours.figure),
            note=markdown_text(neighbours.note)))
    st.markdown(markdown_text(neighbours.lines[0]))
    st.caption(_("The full profile, and how the counts relate, is below the map.")
               if len(neighbours.lines) > 1 else _("The full profile is below the map."))


def country_profile_section(profile: CountryProfile, dataset: Dataset, world: World, tiles: bool,
                            known_countries: frozenset[str]) -> None:
    st.header(_("{country}: profile").format(country=markdown_text(profile.name)), anchor="profile")
    neighbours = _neighbours(profile, dataset)
    said = f"{neighbours.note[:1].upper()}{neighbours.note[1:]}."  # 'As IOM Iran (n.d.) counts them.'
    kpi_row([
        (_("Land borders"), format_km(profile.land_border_km), _("Total land boundary (Factbook).")),
        (_("Coastline"), format_km(profile.coastline_km), None),
        (_("Land neighbours"), format_count(len(profile.land_neighbours)), None),
        (neighbours.label, neighbours.figure, said)
        if neighbours.figure else
        (_("Neighbours across the sea"), format_count(len(profile.maritime_only)),
         _("Maritime neighbours that are not also land neighbours.")),
    ])
    if profile.notes:
        st.caption(markdown_text(profile.notes))
    _neighbour_claims(profile, dataset, neighbours)

    chart, borders = st.columns([2, 3])
    with chart:
        if any(n.length_km is not None for n in profile.land_neighbours):
            st.plotly_chart(neighbour_lengths_figure(profile, dataset), width="stretch", theme=None,
                            config={"displaylogo": False}, key="neighbour_lengths")
            embed_code_expander("map", "neighbours", _("{country}: land borders").format(
                country=profile.name), {"profile": profile.iso3})
        else:
            st.info(_("{country} has no land neighbours in the data.").format(
                country=markdown_text(profile.name)), icon=":material/water:")
        _segments_check(profile)
    with borders:
        geometry_url = world_url()  # None: it has said why there is no map
        fmap = borders_map(profile, world, geometry_url, tiles=tiles) if geometry_url else None
        if geometry_url and fmap is None:
            st.info(_("No outline of this country in the bundled map data."), icon=":material/map:")
        elif fmap is not None:
            st.caption(_("Borders view: neighbours coloured by the length of the shared border. "
                         "Click a neighbour to open its profile."))
            show_map(fmap, "borders_map", known_countries, height=440)
            legend_under_map(borders_legend_html(profile))

    _land_neighbours_table(profile)
    _maritime_table(profile, dataset)
    _events_table(profile, dataset)
    _projects_table(profile, dataset)
    _sources_table(profile, dataset)


def _neighbours(profile: CountryProfile, dataset: Dataset) -> NeighbourStatement:
    return neighbour_statement(profile, partial(short_citation, dataset))


def _neighbour_claims(profile: CountryProfile, dataset: Dataset, neighbours: NeighbourStatement) -> None:
    """The neighbour counts as every surface words them, then each source's own words."""
    cite = partial(short_citation, dataset)
    in_their_words = [_("{source}: “{words}”").format(source=markdown_text(cite(claim.source_id)),
                                                       words=markdown_text(claim.note))
                      for claim in profile.claims_about("neighbours", "land_neighbours")
                      if claim.note and claim.value.strip().isdigit()]
    if len(neighbours.lines) == 1 and not in_their_words:
        st.markdown(markdown_text(neighbours.lines[0]))
        return
    text = "  \n".join(markdown_text(line) for line in neighbours.lines)
    st.info(_("**Neighbours.** {text}").format(text=text), icon=":material/compare_arrows:")
    if in_their_words:
        st.caption(_("In the sources' words: {quotes}").format(quotes=" · ".join(in_their_words)))


def _segments_check(profile: CountryProfile) -> None:
    total, parts = profile.land_border_km, profile.segments_total_km
    if total is None or parts is None or abs(total - parts) < 0.05:
        return
    st.caption(_("The neighbour lengths add up to {parts}; the Factbook's total of {total} differs by "
                 "{difference}. Both are kept as the source gives them.").format(
        parts=format_km(parts), total=format_km(total), difference=format_km(abs(total - parts))))


def _land_neighbours_table(profile: CountryProfile) -> None:
    if not profile.land_neighbours:
        return
    st.subheader(_("Land neighbours"))
    shared, theirs = _("Shared border, km"), _("Neighbour's own entry, km")
    rows = pd.DataFrame([{
        _("Neighbour"): n.name,
        shared: n.length_km,
        theirs: n.their_length_km,
        _("Note"): "; ".join(n.notes),
    } for n in profile.land_neighbours])
    dataframe(rows, hide_index=True, width="stretch", column_config={
        shared: st.column_config.NumberColumn(format="localized"),
        theirs: st.column_config.NumberColumn(format="localized")})


def _maritime_table(profile: CountryProfile, dataset: Dataset) -> None:
    st.subheader(_("Maritime neighbours"))
    if not profile.maritime_neighbours:
        st.caption(_("No maritime neighbours are recorded in the data for this country."))
        return
    rows = pd.DataFrame([{
        _("Neighbour"): n.name,
        _("Sea"): n.sea,
        _("Boundary"): n.status,
        _("Also a land neighbour"): _("yes") if n.also_land else _("no"),
        _("Source"): short_citation(dataset, n.source_id),
    } for n in profile.maritime_neighbours])
    reading_table(rows)


def _records_section(heading: str, left_out: str, none_match: str, rows: list[dict]) -> None:
    """Records involving the country as a table, saying how many the filters leave out
    (`left_out`, '' for none) or that none match (`none_match`)."""
    st.subheader(heading)
    if left_out:
        st.caption(left_out)
    if not rows:
        st.caption(none_match)
        return
    reading_table(pd.DataFrame(rows))


def _events_table(profile: CountryProfile, dataset: Dataset) -> None:
    hidden = profile.events_hidden
    left_out = ngettext("{count} more event involving {country} is left out by the filters.",
                        "{count} more events involving {country} are left out by the filters.",
                        hidden).format(count=format_count(hidden), country=markdown_text(profile.name))
    _records_section(_("Events involving it"), left_out if hidden else "",
                     _("No events match the current filters."), [{
        _("Event"): e.title,
        _("When"): format_period(e.start_date, e.end_date),
        _("Status"): event_status_text(e.status) if e.status in COUNTED_EVENT_STATUSES
        else _("{status}, not counted").format(status=event_status_text(e.status)),
        _("Kind"): e.kind,
        _("Place"): e.city if isinstance(e.city, str) else (
            dataset.country_name(e.host_iso3) if isinstance(e.host_iso3, str) else _("online")),
        _("Role of the country"): e.country_role,
        _("Participants"): e.participants,
        _("Source"): short_citation(dataset, e.source_id),
    } for e in profile.events.itertuples()])


def _funding_text(dataset: Dataset, project_id: str) -> str:
    lines = dataset.funding[dataset.funding["project_id"] == project_id]
    if lines.empty:
        return _("unknown")
    return _("; ").join(_("{amount} (estimated)").format(amount=format_money(line.amount, line.currency))
                        if line.status == "estimated" else format_money(line.amount, line.currency)
                        for line in lines.itertuples())


def _projects_table(profile: CountryProfile, dataset: Dataset) -> None:
    hidden = profile.projects_hidden
    left_out = ngettext("{count} more project involving {country} is left out by the filters.",
                        "{count} more projects involving {country} are left out by the filters.",
                        hidden).format(count=format_count(hidden), country=markdown_text(profile.name))
    _records_section(_("Projects involving it"), left_out if hidden else "",
                     _("No projects match the current filters."), [{
        _("Project"): p.short_title if isinstance(p.short_title, str) else p.title,
        _("Implementer"): (dataset.organisation_label(p.implementer_id)
                           if isinstance(p.implementer_id, str) else ""),
        _("When"): format_period(p.start_date, p.end_date),
        _("Status"): p.status,
        _("Role of the country"): p.country_role,
        _("Funding (as the sources give it)"): _funding_text(dataset, p.project_id),
        _("Source"): short_citation(dataset, p.source_id),
    } for p in profile.projects.itertuples()])


def _sources_table(profile: CountryProfile, dataset: Dataset) -> None:
    st.subheader(_("Sources"))
    sources = dataset.sources.set_index("source_id")
    link = _("Link")
    rows = pd.DataFrame([{
        _("Source"): sources.at[s, "title"] if s in sources.index else s,
        _("Publisher"): sources.at[s, "publisher"] if s in sources.index else None,
        _("Published"): sources.at[s, "published"] if s in sources.index else None,
        link: safe_url(sources.at[s, "url"]) if s in sources.index else None,
    } for s in profile.source_ids])
    dataframe(rows, hide_index=True, width="stretch",
                 column_config={link: st.column_config.LinkColumn(display_text=_("open"))})
    st.caption(markdown_text(source_line(dataset, profile.source_ids)))
