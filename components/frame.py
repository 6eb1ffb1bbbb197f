"""The frame app.py puts around every page, and the guard that makes sure it did."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from components.pages import PAGES, page_path
from crossings.paths import STATIC_DIR

_FRAMED = "_crossings_framed"


def configure_page() -> None:
    """Title, icon and layout. The icon is the bundled PNG: without it the browser is sent to
    fonts.gstatic.com for the current page's Material icon."""
    st.set_page_config(page_title="Crossings", page_icon=str(STATIC_DIR / "crossings-icon.png"),
                       layout="wide")


def navigation_pages(default_first: bool = True) -> list:
    return [st.Page(page_path(spec), title=spec.title, icon=spec.icon, url_path=spec.url_path,
                    default=default_first and index == 0) for index, spec in enumerate(PAGES)]


@contextmanager
def framed() -> Iterator[None]:
    """app.py runs the page inside this, so a page can tell whether app.py framed this very
    run. (A flag that stayed set for the session would let a page that Streamlit runs on its
    own, as AppTest.switch_page does, skip the sidebar and filters.)"""
    st.session_state[_FRAMED] = True
    try:
        yield
    finally:
        st.session_state[_FRAMED] = False


def require_app_frame() -> None:
    """Call first in every page.

    When the first visit to a freshly started server is a deep link (/map), Streamlit runs
    pages/map.py by itself through its older pages-folder mode, and app.py (navigation,
    sidebar, filters) never runs. Declaring the navigation here switches the server to
    app.py's navigation for good; switching to the requested page (with the link's query)
    then goes through app.py."""
    if st.session_state.get(_FRAMED):
        return
    configure_page()
    requested = st.navigation(navigation_pages(), position="hidden")
    # switch_page clears the query unless given one: keep the link's filters and page settings
    link = [(key, value) for key in st.query_params for value in st.query_params.get_all(key)]
    st.switch_page(requested, query_params=link)
