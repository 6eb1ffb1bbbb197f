"""The frame app.py puts around every page, and the guard that makes sure it did."""

from __future__ import annotations

import streamlit as st

from components.pages import PAGES, page_path
from crossings.paths import STATIC_DIR

_FRAMED = "_crossings_framed"


def navigation_pages(default_first: bool = True) -> list:
    return [st.Page(page_path(spec), title=spec.title, icon=spec.icon, url_path=spec.url_path,
                    default=default_first and index == 0) for index, spec in enumerate(PAGES)]


def configure_page() -> None:
    """Title, icon and layout of every page. Set before any navigation is declared: without a
    page icon, the browser is sent to fetch the page's Material icon from Google's servers as
    the favicon, which fails offline."""
    st.set_page_config(page_title="Crossings", page_icon=str(STATIC_DIR / "crossings-icon.png"),
                       layout="wide")


def mark_framed() -> None:
    """app.py sets this on every run, before the page runs; the page's guard consumes it."""
    st.session_state[_FRAMED] = True


def require_app_frame() -> None:
    """Call first in every page.

    Streamlit runs pages/<page>.py by itself, without app.py (navigation, sidebar, filters),
    when its older pages-folder mode is on: on the first visit to a freshly started server by
    a deep link (/map), and in AppTest, which turns that mode back on before every run.
    Declaring the navigation here switches to app.py's navigation; switching to the requested
    page then goes through app.py. The marker is per run, so a run without app.py is caught
    even late in a session."""
    if st.session_state.pop(_FRAMED, False):
        return
    configure_page()
    requested = st.navigation(navigation_pages(), position="hidden")
    # switch_page clears the query string unless told otherwise: keep the link's filters
    link = {key: st.query_params.get_all(key) for key in st.query_params}
    st.switch_page(requested, query_params=link)
