"""Map: where the activity is, and the borders themselves. Click a country for its profile."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.country_profile import country_profile_section, profile_summary
from components.data import current_view
from components.downloads import download_buttons
from components.embed import embed_code_expander, unless_default
from components.embed_figures import show_if_embedded
from components.frame import require_app_frame
from components.language import dataframe
from components.layout import nothing_matches, source_footer
from components.links import check_bound_link, keep_in_link, seed_from_link, show_link_notices
from components.map_widget import PROFILE_KEY, get_world, legend_under_map, show_map, world_url
from components.share import map_image_button
from components.sidebar import showing_markdown
from crossings.figures.activity_map import (
    activity_legend,
    activity_map,
    activity_note,
    selection_outline,
    shading,
)
from crossings.languages import _, ngettext
from crossings.text.citations import source_ids_of
from crossings.text.escaping import markdown_text
from crossings.text.formatting import format_count
from crossings.views.map_metrics import METRICS, SHADING_CHOICES, choice_label
from crossings.views.profiles import country_profile

require_app_frame()
show_if_embedded("map")  # ?figure=...: one figure alone, then the page stops
view = current_view()
dataset = view.dataset
world = get_world()
country_codes = sorted(dataset.country_names, key=dataset.country_name)
known_countries = frozenset(country_codes)

st.title(_("Map"))
st.markdown(_("Where the activity is, and the borders themselves. {showing}").format(
    showing=showing_markdown(view)))

metric_notice = check_bound_link("metric", SHADING_CHOICES)
choice_column, country_column, tiles_column = st.columns([3, 3, 2], vertical_alignment="bottom")
# labels worked out while the page is drawn, in its language (a widget may format its options later)
choice_labels = {choice: choice_label(choice) for choice in SHADING_CHOICES}
choice = choice_column.selectbox(_("Shade countries by"), list(SHADING_CHOICES), key="metric",
                                 format_func=choice_labels.get, bind="query-params")
metric_key, currency = SHADING_CHOICES[choice]
# ?profile= names the country by its ISO code; a name, as older links had, still works
show_link_notices([metric_notice, seed_from_link(PROFILE_KEY, PROFILE_KEY, None, read=dataset.country_code)])
selected = country_column.selectbox(
    _("Country profile"), country_codes, index=None, key=PROFILE_KEY,
    format_func={code: dataset.country_name(code) for code in country_codes}.get,
    placeholder=_("Click a country on the map, or pick one"))
keep_in_link(PROFILE_KEY, selected or "", "")  # the code (?profile=IRN), as the presenter's
tiles = tiles_column.toggle(_("Street map"), key="map_tiles",
                            help=_("Draws OpenStreetMap tiles under the countries. Needs an internet "
                                   "connection; without one, leave it off: the map works as it is."))

if view.events.empty and view.projects.empty:
    nothing_matches()

map_column, card_column = st.columns([7, 3])
with map_column:
    shade = shading(view, metric_key, currency)
    geometry_url = world_url()
    if geometry_url:
        fmap = activity_map(view, world, shade, geometry_url, tiles=tiles)
        show_map(fmap, "activity_map", known_countries, outline=selection_outline(world, selected))
        legend_under_map(activity_legend(view, shade))
    st.caption(activity_note(shade))
    located = view.events["lat"].notna() & view.events["lon"].notna()
    unplaced = view.events[~located]
    placed = int(located.sum())
    total = len(view.events)
    if placed == 1:
        note = ngettext("{placed} of {total} event has a place on the map.",
                        "{placed} of {total} events has a place on the map.", total)
    else:
        note = ngettext("{placed} of {total} event have a place on the map.",
                        "{placed} of {total} events have a place on the map.", total)
    note = note.format(placed=format_count(placed), total=format_count(total))
    if not unplaced.empty:
        missing = _("; ").join(
            (_("{title} (online)") if mode == "online" else _("{title} (place unknown)")).format(
                title=markdown_text(title))
            for title, mode in zip(unplaced["title"], unplaced["mode"], strict=True))
        note = _("{placed} Not on the map: {events}.").format(placed=note, events=missing)
    st.caption(note)
    map_image_button(view)
profile = country_profile(dataset, selected, view) if selected else None
with card_column:
    if profile is None:
        st.markdown("#### " + _("Country profiles"))
        st.markdown(_("Click a country on the map, or pick one above, to see its borders, neighbours, "
                      "and the events and projects involving it."))
    else:
        profile_summary(profile, dataset)

figures = pd.DataFrame([{
    "iso3": iso3,
    "country": dataset.country_name(iso3),
    "metric": shade.metric.legend_title(currency),
    "value": figure.value,
    "detail": figure.detail,
} for iso3, figure in sorted(shade.figures.items(), key=lambda item: dataset.country_name(item[0]))]
    # countries reached only through a group a source names: listed, marked, never given a figure
    + [{"iso3": iso3, "country": dataset.country_name(iso3), "metric": _("via group"), "value": None,
        "detail": detail} for iso3, detail in sorted(shade.via_group.items(),
                                                     key=lambda item: dataset.country_name(item[0]))],
    columns=["iso3", "country", "metric", "value", "detail"])
counted = len(shade.figures)
# English says "countries" even for one, as it always has; the singular is for the translations
if shade.via_group:
    figures_label = ngettext("Figures per country ({count} countries, and {via} via a group)",
                             "Figures per country ({count} countries, and {via} via a group)", counted)
else:
    figures_label = ngettext("Figures per country ({count} countries)",
                             "Figures per country ({count} countries)", counted)
with st.expander(figures_label.format(count=format_count(counted), via=format_count(len(shade.via_group)))):
    dataframe(figures, hide_index=True, width="stretch", in_download=True, column_config={
        "iso3": st.column_config.TextColumn(_("ISO code"), width=70),
        "country": st.column_config.TextColumn(_("Country"), width=140, pinned=True),
        "metric": st.column_config.TextColumn(_("Shaded by"), width=160),
        "value": st.column_config.NumberColumn(_("Value"), width=90),
        "detail": st.column_config.TextColumn(_("Detail"), width=330)})
    download_buttons(figures, f"crossings-map-{choice}", key="map_figures")

embed_code_expander("map", "map", _("Map"), unless_default(("metric", SHADING_CHOICES), choice))

extra_sources = ["REF-NATURALEARTH"] + (["REF-FED-FX"] if METRICS[metric_key].is_money else [])
source_footer(dataset, source_ids_of(view.events, view.projects, view.funding) + extra_sources)

if profile is not None:
    st.divider()
    country_profile_section(profile, dataset, world, tiles, known_countries)
