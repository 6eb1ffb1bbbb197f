"""A country's profile on the page: borders, neighbours, what the sources say, and the events
and projects involving it. Every string from the data is shown as text (tables, or escaped
Markdown)."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from components.layout import kpi_row, reading_table
from components.map_widget import legend_under_map, show_map, world_url
from crossings.data.dataset import Dataset
from crossings.data.vocabulary import COUNTED_EVENT_STATUSES
from crossings.figures.borders_map import borders_legend_html, borders_map
from crossings.figures.geometry import World
from crossings.figures.profile import neighbour_lengths_figure
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
    st.markdown(f"Land borders: **{format_km(profile.land_border_km)}**  \n"
                f"Coastline: **{format_km(profile.coastline_km)}**  \n"
                f"Events: **{format_count(len(profile.events))}** · "
                f"Projects: **{format_count(len(profile.projects))}**")
    hidden = [_plural(n, word) for n, word in ((profile.events_hidden, "event"),
                                               (profile.projects_hidden, "project")) if n]
    if hidden:
        st.caption(f"Under the filters; {' and '.join(hidden)} more without them.")
    neighbours = _neighbours(profile, dataset)
    if neighbours.figure:
        st.markdown(f"{neighbours.label}: **{markdown_text(neighbours.figure)}**, "
                    f"{markdown_text(neighbours.note)}")
    st.markdown(markdown_text(neighbours.lines[0]))
    st.caption("The full profile, and how the counts relate, is below the map."
               if len(neighbours.lines) > 1 else "The full profile is below the map.")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def country_profile_section(profile: CountryProfile, dataset: Dataset, world: World, tiles: bool,
                            known_countries: frozenset[str]) -> None:
    st.header(f"{markdown_text(profile.name)}: profile", anchor="profile")
    neighbours = _neighbours(profile, dataset)
    said = f"{neighbours.note[:1].upper()}{neighbours.note[1:]}."  # 'As IOM Iran (n.d.) counts them.'
    kpi_row([
        ("Land borders", format_km(profile.land_border_km), "Total land boundary (Factbook)."),
        ("Coastline", format_km(profile.coastline_km), None),
        ("Land neighbours", format_count(len(profile.land_neighbours)), None),
        (neighbours.label, neighbours.figure, said) if neighbours.figure else
        ("Neighbours across the sea", format_count(len(profile.maritime_only)),
         "Maritime neighbours that are not also land neighbours."),
    ])
    if profile.notes:
        st.caption(markdown_text(profile.notes))
    _neighbour_claims(profile, dataset, neighbours)

    chart, borders = st.columns([2, 3])
    with chart:
        if any(n.length_km is not None for n in profile.land_neighbours):
            st.plotly_chart(neighbour_lengths_figure(profile, dataset), width="stretch", theme=None,
                            config={"displaylogo": False}, key="neighbour_lengths")
        else:
            st.info(f"{markdown_text(profile.name)} has no land neighbours in the data.",
                    icon=":material/water:")
        _segments_check(profile)
    with borders:
        geometry_url = world_url()  # None: it has said why there is no map
        fmap = borders_map(profile, world, geometry_url, tiles=tiles) if geometry_url else None
        if geometry_url and fmap is None:
            st.info("No outline of this country in the bundled map data.", icon=":material/map:")
        elif fmap is not None:
            st.caption("Borders view: neighbours coloured by the length of the shared border. "
                       "Click a neighbour to open its profile.")
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
    in_their_words = [f"{markdown_text(cite(claim.source_id))}: “{markdown_text(claim.note)}”"
                      for claim in profile.claims_about("neighbours", "land_neighbours")
                      if claim.note and claim.value.strip().isdigit()]
    if len(neighbours.lines) == 1 and not in_their_words:
        st.markdown(markdown_text(neighbours.lines[0]))
        return
    text = "  \n".join(markdown_text(line) for line in neighbours.lines)
    st.info(f"**Neighbours.** {text}", icon=":material/compare_arrows:")
    if in_their_words:
        st.caption("In the sources' words: " + " · ".join(in_their_words))


def _segments_check(profile: CountryProfile) -> None:
    total, parts = profile.land_border_km, profile.segments_total_km
    if total is None or parts is None or abs(total - parts) < 0.05:
        return
    st.caption(f"The neighbour lengths add up to {format_km(parts)}; the Factbook's total of "
               f"{format_km(total)} differs by {format_km(abs(total - parts))}. Both are kept as the "
               "source gives them.")


def _land_neighbours_table(profile: CountryProfile) -> None:
    if not profile.land_neighbours:
        return
    st.subheader("Land neighbours")
    rows = pd.DataFrame([{
        "Neighbour": n.name,
        "Shared border, km": n.length_km,
        "Neighbour's own entry, km": n.their_length_km,
        "Note": "; ".join(n.notes),
    } for n in profile.land_neighbours])
    st.dataframe(rows, hide_index=True, width="stretch", column_config={
        "Shared border, km": st.column_config.NumberColumn(format="localized"),
        "Neighbour's own entry, km": st.column_config.NumberColumn(format="localized")})


def _maritime_table(profile: CountryProfile, dataset: Dataset) -> None:
    st.subheader("Maritime neighbours")
    if not profile.maritime_neighbours:
        st.caption("No maritime neighbours are recorded in the data for this country.")
        return
    rows = pd.DataFrame([{
        "Neighbour": n.name,
        "Sea": n.sea,
        "Boundary": n.status,
        "Also a land neighbour": "yes" if n.also_land else "no",
        "Source": short_citation(dataset, n.source_id),
    } for n in profile.maritime_neighbours])
    reading_table(rows)


def _records_section(heading: str, word: str, hidden: int, profile: CountryProfile, rows: list[dict]) -> None:
    """Records involving the country as a table, saying how many the filters leave out."""
    st.subheader(heading)
    if hidden:
        st.caption(f"{_plural(hidden, 'more ' + word)} involving {markdown_text(profile.name)} "
                   f"{'is' if hidden == 1 else 'are'} left out by the filters.")
    if not rows:
        st.caption(f"No {word}s match the current filters.")
        return
    reading_table(pd.DataFrame(rows))


def _events_table(profile: CountryProfile, dataset: Dataset) -> None:
    _records_section("Events involving it", "event", profile.events_hidden, profile, [{
        "Event": e.title,
        "When": format_period(e.start_date, e.end_date),
        "Status": event_status_text(e.status)
        + ("" if e.status in COUNTED_EVENT_STATUSES else ", not counted"),
        "Kind": e.kind,
        "Place": e.city if isinstance(e.city, str) else (
            dataset.country_name(e.host_iso3) if isinstance(e.host_iso3, str) else "online"),
        "Role of the country": e.country_role,
        "Participants": e.participants,
        "Source": short_citation(dataset, e.source_id),
    } for e in profile.events.itertuples()])


def _funding_text(dataset: Dataset, project_id: str) -> str:
    lines = dataset.funding[dataset.funding["project_id"] == project_id]
    if lines.empty:
        return "unknown"
    return "; ".join(format_money(line.amount, line.currency)
                     + (" (estimated)" if line.status == "estimated" else "") for line in lines.itertuples())


def _projects_table(profile: CountryProfile, dataset: Dataset) -> None:
    _records_section("Projects involving it", "project", profile.projects_hidden, profile, [{
        "Project": p.short_title if isinstance(p.short_title, str) else p.title,
        "Implementer": (dataset.organisation_label(p.implementer_id)
                        if isinstance(p.implementer_id, str) else ""),
        "When": format_period(p.start_date, p.end_date),
        "Status": p.status,
        "Role of the country": p.country_role,
        "Funding (as the sources give it)": _funding_text(dataset, p.project_id),
        "Source": short_citation(dataset, p.source_id),
    } for p in profile.projects.itertuples()])


def _sources_table(profile: CountryProfile, dataset: Dataset) -> None:
    st.subheader("Sources")
    sources = dataset.sources.set_index("source_id")
    rows = pd.DataFrame([{
        "Source": sources.at[s, "title"] if s in sources.index else s,
        "Publisher": sources.at[s, "publisher"] if s in sources.index else None,
        "Published": sources.at[s, "published"] if s in sources.index else None,
        "Link": safe_url(sources.at[s, "url"]) if s in sources.index else None,
    } for s in profile.source_ids])
    st.dataframe(rows, hide_index=True, width="stretch",
                 column_config={"Link": st.column_config.LinkColumn(display_text="open")})
    st.caption(markdown_text(source_line(dataset, profile.source_ids)))
