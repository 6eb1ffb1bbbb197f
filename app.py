"""Crossings: the entry file. Frames every page: config, navigation, the shared sidebar."""

from __future__ import annotations

import streamlit as st

from components.data import get_dataset
from components.data_quality import problems_notice
from components.embed import requested_figure, start_embed
from components.errors import page_guard
from components.frame import (
    browser_title,
    configure_page,
    mark_framed,
    navigation_pages,
    page_links,
    print_header,
)
from components.language import apply_direction, choose_language, language_picker
from components.share import share_button
from components.sidebar import render_sidebar
from crossings.views.filters import describe

language = choose_language()  # before any text: everything after speaks it
configure_page()
apply_direction(language)
current = st.navigation(navigation_pages(), position="hidden")  # the links: page_links()
figure = requested_figure(current.url_path)  # ?figure=map: that figure alone (components/embed.py)
with page_guard():  # an error shows a short message and an id; details go to the server log
    start_embed(figure)
    if figure:  # no sidebar, no page links, nothing but the figure, from the public data only
        browser_title(current.title, describe(st.session_state["filter_state"], get_dataset()))
        mark_framed()
        current.run()
    else:
        language_picker()
        page_links()
        with st.sidebar:
            share_button()  # the address holds the view: filters, language, the page's settings
        # the Overview (the default page: its url_path is "") has a search box of its own
        state = render_sidebar(with_search=current.url_path not in ("", "overview"))
        browser_title(current.title, describe(state, get_dataset()))
        print_header(current.title, describe(state, get_dataset()))
        mark_framed()  # only when the page itself runs next: a failed sidebar leaves no stale mark
        if current.url_path != "presenter":  # the presenter says it in its own controls
            problems_notice(get_dataset(), current.url_path)
        current.run()
