"""Folium maps in Streamlit: the cached country polygons, the locally served Leaflet files,
and st_folium set up so panning and zooming never rerun the page; only a click on a country
does, and it opens that country's profile."""

from __future__ import annotations

from functools import partial

import folium
import streamlit as st

from crossings.figures.geometry import World, load_world_cached
from crossings.figures.map_elements import direction_attribute, legend_css
from crossings.figures.static_files import ensure_vendor_assets, publish_world
from crossings.files import GEOMETRY_FILE
from crossings.languages import _
from crossings.text.escaping import html_text

PROFILE_KEY = "profile"  # the selected country: a widget key, and its query parameter
# What a click sends back: the clicked feature, and where the click was, so clicking the same
# country again (after picking another one in the list) still counts. Bounds, zoom and centre are
# left out: moving the map sends nothing. (Not the click counter: the component starts it at 0
# where Python's default is None, and that mismatch would rerun the page as each map appears.)
CLICK_OBJECTS = ["last_active_drawing", "last_object_clicked"]
MAP_HEIGHT = 560


@st.cache_resource(show_spinner=False)
def _world() -> World:
    """Simplifying 240 country outlines takes about a second and the file does not change while
    the app runs, so it is done once per process (and kept on disk for the next start: see
    crossings.figures.geometry). Shared between sessions: never mutate it."""
    return load_world_cached(GEOMETRY_FILE)


def get_world() -> World:
    """The country polygons, prepared once per process (the spinner in the session's language)."""
    with st.spinner(_("Preparing the map…")):
        return _world()


@st.cache_resource(show_spinner=False)  # its spinner: world_url's, in the session's language
def _publish_map_files() -> str:
    """Copies Leaflet and markercluster to static/vendor and writes the outlines to
    static/generated, once per process (both idempotent). Returns the outlines' address: the
    browser fetches them once and caches them, so a rerun sends only what the map says."""
    ensure_vendor_assets()
    return publish_world(_world())


def world_url() -> str | None:
    """Where browsers fetch the outlines, or None (with a message) if the map's files cannot be
    written, say on a read-only install: better said than an empty box."""
    try:
        with st.spinner(_("Preparing the map…")):
            return _publish_map_files()
    except OSError as error:
        st.error(_("The map cannot be drawn: its files could not be written to static/ ({error}).").format(
            error=error), icon=":material/map:")
        return None


def clicked_country(value: dict | None) -> str | None:
    """The ISO3 code of the country feature in a st_folium return value, if one was clicked."""
    drawing = (value or {}).get("last_active_drawing") or {}
    properties = drawing.get("properties") or {}
    if properties.get("kind") == "country" and properties.get("iso3"):
        return properties["iso3"]
    return None


def _open_clicked_country(map_key: str, known: frozenset[str]) -> None:
    iso3 = clicked_country(st.session_state.get(map_key))
    if iso3 in known:
        st.session_state[PROFILE_KEY] = iso3


def show_map(fmap: folium.Map, key: str, known_countries: frozenset[str], *,
             height: int = MAP_HEIGHT, outline: folium.FeatureGroup | None = None) -> None:
    """Draw a map. Clicking a country in known_countries selects it (st.session_state[PROFILE_KEY]);
    `outline` is drawn on top without reloading the map when only it changes."""
    # Imported here, in the page's run: streamlit_folium declares its component when imported,
    # and Streamlit registers a component only when it is declared during a run; the server's
    # warm-up (serving/warm_up.py) imports this module outside any run.
    from streamlit_folium import st_folium

    st_folium(fmap, key=key, height=height, use_container_width=True, returned_objects=CLICK_OBJECTS,
              feature_group_to_add=outline,
              on_change=partial(_open_clicked_country, key, known_countries))


def legend_under_map(html: str) -> None:
    """A map's legend, in the page under the map: inside the map it covered countries with data
    (West Africa on the activity map, Arabia on Iran's). `html` is built from escaped text."""
    label = html_text(_("Legend of the map above"))
    st.html(f'<style>{legend_css()}</style><div class="crossings-legend"{direction_attribute()} role="group" '
            f'aria-label="{label}">{html}</div>')
