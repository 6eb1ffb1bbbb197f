"""Crossings: the entry file. Frames every page: config, navigation, the shared sidebar."""

from __future__ import annotations

import streamlit as st

from components.data import get_dataset
from components.data_quality import problems_notice
from components.frame import configure_page, mark_framed, navigation_pages, page_links
from components.sidebar import render_sidebar

configure_page()
current = st.navigation(navigation_pages(), position="hidden")  # the links: page_links()
mark_framed()
page_links()
render_sidebar()
if current.url_path != "presenter":  # the presenter says it in its own controls
    problems_notice(get_dataset(), current.url_path)
current.run()
