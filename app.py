"""Crossings: the entry file. Frames every page: config, navigation, the shared sidebar."""

from __future__ import annotations

import streamlit as st

from components.frame import mark_framed, navigation_pages
from components.sidebar import render_sidebar
from crossings.paths import STATIC_DIR

st.set_page_config(page_title="Crossings", page_icon=str(STATIC_DIR / "crossings-icon.png"),
                   layout="wide")
current = st.navigation(navigation_pages(), position="sidebar")
mark_framed()
render_sidebar()
current.run()
