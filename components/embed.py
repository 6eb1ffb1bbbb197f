"""Embeds: one figure alone, for another site's page (an iframe), and the code to copy.

A link such as /map?embed=true&figure=map&height=500&country=JOR shows the map of the filters
it names and nothing else: no sidebar, no page links, no controls, no other section, the
figure sized to the frame's height. `figure` is what asks for it (app.py, then the page);
`embed=true` is Streamlit's own: its frontend then leaves out its header, toolbar and coloured
line. Streamlit keeps `embed` from the app (st.query_params never shows it), which is why the
figure has a parameter of its own; the embed's CSS hides Streamlit's chrome too, so a link
without `embed=true` still shows the figure alone.

An embed is a public route: it always reads the public subset of the data
(crossings.data.visibility), whatever the server's audience, so a record marked internal never
appears in it. Filters in its link are read against that subset.
"""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit, urlunsplit

import streamlit as st

from components.data import public_choices, public_view_of
from crossings.languages import _
from crossings.text.escaping import html_text, markdown_text
from crossings.views.filtered_view import FilteredView
from crossings.views.filters import QUERY_KEYS, FilterState, describe, from_query_params, to_query_params

FIGURE_PARAM = "figure"
HEIGHT_PARAM = "height"
# Which figures each page can give alone (page url_path -> figure words), the first the default
# of its code generator.
FIGURES: dict[str, tuple[str, ...]] = {"map": ("map", "neighbours"), "budget": ("funding", "money"),
                                       "timeline": ("timeline", "participants", "heatmap")}
# The choices of the code generator: widths as the iframe's attribute, heights in pixels.
WIDTHS = ("100%", "800", "640")
HEIGHTS = (400, 500, 600, 800)
DEFAULT_HEIGHT = 500
SMALLEST, LARGEST = 240, 2000
_STATE = "_crossings_embed"

# Nothing around the figure: no header, sidebar, toolbar or padding (Streamlit's embed=true does
# the same for its own parts; this also covers a link without it).
EMBED_CSS = """<style>
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stStatusWidget"]
  { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 0.25rem 0.5rem 0 !important; max-width: none !important; }
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] { gap: 0.25rem; }
</style>"""


def requested_figure(url_path: str) -> str | None:
    """The figure the link asks this page to show alone, if the page has it."""
    figure = st.query_params.get(FIGURE_PARAM)
    return figure if figure in FIGURES.get(url_path, ()) else None


def frame_height() -> int:
    """The height the link gives the frame (?height=), within bounds; else the default."""
    try:
        height = int(st.query_params.get(HEIGHT_PARAM, DEFAULT_HEIGHT))
    except ValueError:
        return DEFAULT_HEIGHT
    return min(max(height, SMALLEST), LARGEST)


def public_state() -> FilterState:
    """The filters the link names, read against the public subset of the data (values it does
    not hold are dropped)."""
    params = {key: st.query_params.get_all(key) for key in QUERY_KEYS.values() if key in st.query_params}
    return from_query_params(params, public_choices())[0]


def start_embed(figure: str | None) -> None:
    """Called by app.py on every run, before the page: with a figure, instead of the sidebar (the
    embed's look, and its filters for the page); with None, an ordinary page."""
    st.session_state[_STATE] = figure
    if figure:
        st.html(EMBED_CSS)
        st.session_state["filter_state"] = public_state()


def embedded_figure(url_path: str) -> tuple[str, FilteredView] | None:
    """On a run that shows one of this page's figures alone, the figure and the public view of
    the link's filters; else None."""
    figure = st.session_state.get(_STATE)
    if figure not in FIGURES.get(url_path, ()):
        return None
    return figure, public_view_of(st.session_state.get("filter_state", FilterState()))


def embed_caption(view: FilteredView, title: str, note: str | None = None) -> None:
    """One line under the figure: what it is, the filters, and where it comes from; then `note`
    (the map's boundary disclaimer)."""
    line = _("{figure} · Showing: {filters} · Crossings").format(
        figure=title, filters=markdown_text(describe(view.state, view.dataset)))
    st.caption(f"{line}  \n{note}" if note else line)


def embed_url(page_url: str, figure: str, height: int, settings: dict[str, str]) -> str:
    """The embed's address: the page's, with the figure, its height, the filters, the page's own
    settings (`settings`, defaults left out by the caller) and the language."""
    params: dict[str, str] = {"embed": "true", FIGURE_PARAM: figure, HEIGHT_PARAM: str(height)}
    params.update(to_query_params(st.session_state.get("filter_state", FilterState())))
    params.update({key: value for key, value in settings.items() if value})
    if st.query_params.get("lang"):
        params["lang"] = st.query_params["lang"]
    parts = urlsplit(page_url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(params), ""))


def unless_default(setting: tuple[str, dict[str, str]], word: str | None) -> dict[str, str]:
    """A page's linked setting for an embed's address: {param: word}, empty for the default (the
    first word), which the embed takes without being told."""
    param, words = setting
    return {} if not word or word == next(iter(words)) else {param: word}


def iframe_code(url: str, width: str, height: int, title: str) -> str:
    """The code to paste; `title` names the frame for screen readers."""
    return (f'<iframe src="{url}" width="{width}" height="{height}" title="{html_text(title)}" '
            'style="border: 0;" loading="lazy"></iframe>')


def page_address(url_path: str) -> str:
    """This page's address as the browser has it (scheme, host, base path), or a relative one
    where the app cannot know it (AppTest)."""
    url = st.context.url
    if not url:
        return f"/{url_path}"
    parts = urlsplit(url)
    path = parts.path.rstrip("/")
    if not path.endswith(f"/{url_path}"):
        path = f"{path}/{url_path}"
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def embed_code_expander(url_path: str, figure: str, title: str, settings: dict[str, str]) -> None:
    """'Embed this figure': the iframe code for one of the page's figures, at a width and height
    picked here, holding the current filters and the figure's own settings (`settings`, defaults
    left out by the caller).

    Call it where the figure's settings are read: inside the chart's fragment when the chart is
    one (its controls then redraw the code with the chart). Drawn outside it, the code kept the
    settings of the page's last full run: after "Show by: instrument" it still said funder."""
    # drawn only while open (a closed one costs a rerun nothing); opening it reruns the page or
    # the chart's fragment
    expander = st.expander(_("Embed this figure on another site"), icon=":material/code:",
                           key=f"embed_open_{figure}", on_change="rerun")
    if not expander.open:
        return
    with expander:
        # labels worked out while the page is drawn, in its language (a widget may format later)
        widths = {w: _("Full width") if w == "100%" else _("{pixels} px").format(pixels=w) for w in WIDTHS}
        heights = {h: _("{pixels} px").format(pixels=h) for h in HEIGHTS}
        left, right = st.columns(2)
        width = left.selectbox(_("Width"), WIDTHS, key=f"embed_width_{figure}", format_func=widths.get)
        height = right.selectbox(_("Height"), HEIGHTS, index=HEIGHTS.index(DEFAULT_HEIGHT),
                                 key=f"embed_height_{figure}", format_func=heights.get)
        url = embed_url(page_address(url_path), figure, height, settings)
        # A text field, not st.code: the code block's highlighter is half a megabyte of
        # JavaScript, sent on a first visit to every page with an embed (2.4 MB for the Map,
        # over its 2 MB budget on a hotel link). No key: a new code is a new field, never the
        # one typed into before.
        st.text_area(_("Code to paste"), iframe_code(url, width, height, _("Crossings: {figure}").format(
            figure=title)), height=110)
        st.caption(_("Paste this code into a web page. The frame shows this figure alone, with the "
                     "filters set now, and only the records that may be published: records marked "
                     "internal are never shown in it."))
