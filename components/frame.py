"""The frame app.py puts around every page, and the guard that makes sure it did."""

from __future__ import annotations

import streamlit as st

from components.pages import PAGES, page_path
from crossings.files import STATIC_DIR
from crossings.languages import _

_FRAMED = "_crossings_framed"


# Streamlit leaves 6rem above every page's title; half of it still clears the header (its menu
# and the button that reopens the sidebar) and, on a 1280x720 screen being shared, brings the
# map and the charts 48 px further up. A headline figure's label and value wrap instead of being
# cut short: at 1280 px six of them side by side read "Funding, …" twice, currency lost, and
# "not…" for participants no source counts. So does what is said apart under a figure ("+12 via
# the Arab League").
# The presenter's own rules replace these.
APP_CSS = """<style>
[data-testid="stMainBlockContainer"] { padding-top: 3rem; }
[data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"],
[data-testid="stMetricLabel"] p { white-space: normal; overflow: visible; word-break: normal;
  overflow-wrap: normal; }
div:has(> [data-testid="stMetricDelta"]), [data-testid="stMetricDelta"],
[data-testid="stMetricDelta"] * { white-space: normal !important; overflow: visible; text-overflow: clip;
  height: auto; max-width: 100%; }
[data-testid="stMetricValue"] .stMarkdownEllipsis, [data-testid="stMetricValue"] p {
  white-space: normal; overflow: visible; text-overflow: clip; line-height: 1.15; }
[data-testid="stHorizontalBlock"]:has([data-testid="stMetric"]) { align-items: stretch; }
[data-testid="stColumn"]:has(> [data-testid="stVerticalBlock"] > [data-testid="stElementContainer"]
  > [data-testid="stMetric"]) > [data-testid="stVerticalBlock"] { height: 100%; }
[data-testid="stElementContainer"]:has(> [data-testid="stMetric"]) { flex: 1 1 auto; }
[data-testid="stElementContainer"] > [data-testid="stMetric"] { height: 100%; }
.st-key-page_links { gap: 0.15rem; }
.st-key-page_links hr { margin: 0.6rem 0 0; }
</style>"""


def configure_page() -> None:
    """Title, icon and layout, set before anything is drawn. A page icon from Material
    Symbols would otherwise become the tab's icon, fetched from fonts.gstatic.com."""
    st.set_page_config(page_title="Crossings", page_icon=str(STATIC_DIR / "crossings-icon.png"),
                       layout="wide")
    st.html(APP_CSS)


def page_links() -> None:
    """The app's own list of pages, at the top of the sidebar. Streamlit's own list is switched
    off (client.showSidebarNavigation in .streamlit/config.toml): on a freshly started server it
    would first list the files in pages/ ('app', 'import data'...) before app.py has run."""
    with st.sidebar, st.container(key="page_links"):
        for spec in PAGES:
            st.page_link(page_path(spec), label=_(spec.title), icon=spec.icon)
        st.divider()


def navigation_pages(default_first: bool = True) -> list:
    return [st.Page(page_path(spec), title=_(spec.title), icon=spec.icon, url_path=spec.url_path,
                    default=default_first and index == 0) for index, spec in enumerate(PAGES)]


def mark_framed() -> None:
    """Called by app.py on every run, just before it runs the page."""
    st.session_state[_FRAMED] = True


def require_app_frame() -> None:
    """Call first in every page.

    When the first visit to a freshly started server is a deep link (/map), Streamlit runs
    pages/map.py by itself through its older pages-folder mode, and app.py (navigation,
    sidebar, filters) never runs. Declaring the navigation here switches the server to
    app.py's navigation for good; switching to the requested page then goes through app.py,
    with the link's query parameters (filters, a page's own settings) carried along.

    The mark app.py leaves is used up here, so it vouches for this run only: a page run by
    itself later in a framed session (AppTest's switch_page does this) is framed again."""
    if st.session_state.pop(_FRAMED, False):
        return
    configure_page()
    link = [(key, value) for key in st.query_params for value in st.query_params.get_all(key)]
    requested = st.navigation(navigation_pages(), position="hidden")
    st.switch_page(requested, query_params=link)
