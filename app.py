"""Crossings: the entry file. Frames every page: config, navigation, the shared sidebar."""

from __future__ import annotations

import streamlit as st

from components.errors import page_guard
from components.frame import configure_page, mark_framed, navigation_pages
from components.sidebar import render_sidebar

configure_page()
current = st.navigation(navigation_pages(), position="sidebar")
with page_guard():  # an error shows a short message and an id; details go to the server log
    render_sidebar()
    mark_framed()  # only when the page itself runs next: a failed sidebar leaves no stale mark
    current.run()
