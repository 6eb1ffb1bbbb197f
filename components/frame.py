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
    """Title, icon and layout. Set before any navigation is declared: a page icon given with
    st.navigation would otherwise become the browser tab's icon, which Streamlit fetches from
    fonts.gstatic.com for :material/...: icons (a request leaving the machine)."""
    st.set_page_config(page_title="Crossings", page_icon=str(STATIC_DIR / "crossings-icon.png"),
                       layout="wide")


def mark_framed() -> None:
    st.session_state[_FRAMED] = True


def require_app_frame() -> None:
    """Call first in every page.

    When the first visit to a freshly started server is a deep link (/map), Streamlit runs
    pages/map.py by itself through its older pages-folder mode, and app.py (navigation,
    sidebar, filters) never runs. Declaring the navigation here switches the server to
    app.py's navigation for good; switching to the requested page then goes through app.py."""
    if st.session_state.get(_FRAMED):
        return
    configure_page()
    requested = st.navigation(navigation_pages(), position="hidden")
    st.switch_page(requested)
