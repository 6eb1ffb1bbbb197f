"""Crossings: the entry file. Frames every page: config, navigation, the shared sidebar."""

from __future__ import annotations

import streamlit as st

from components.frame import configure_page, mark_framed, navigation_pages, page_links
from components.sidebar import render_sidebar

configure_page()
current = st.navigation(navigation_pages(), position="hidden")  # the links: page_links()
mark_framed()
page_links()
render_sidebar()
current.run()
