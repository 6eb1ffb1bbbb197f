"""The frame app.py puts around every page, and the guard that makes sure it did."""

from __future__ import annotations

from datetime import date

import streamlit as st

from components.pages import PAGES, page_path
from crossings.files import STATIC_DIR
from crossings.languages import _, is_rtl
from crossings.text.escaping import html_text
from crossings.text.formatting import format_date

_FRAMED = "_crossings_framed"


# Streamlit leaves 6rem above every page's title; half of it still clears the header (its menu
# and the button that reopens the sidebar) and, on a 1280x720 screen being shared, brings the
# map and the charts 48 px further up. A headline figure's label and value wrap instead of being
# cut short: at 1280 px six of them side by side read "Funding, …" twice, currency lost, and
# "not…" for participants no source counts. So does what is said apart under a figure ("+12 via
# the Arab League"). A figure itself never wraps ('437.4 / مليون' in Arabic, '146 sur / 163' in
# French at 1280x720): in a row of headline figures (components.layout.kpi_row) each is set no
# larger than lets the row's widest fit its box on one line (--kpi-em: that figure's width in em,
# erring wide); on a phone the boxes stack, full width, and the type is its usual size.
# Captions are a solid grey rather than Streamlit's text at 60 % opacity, which on the sidebar's
# background fell just short of the contrast text needs (4.42:1 for 4.5:1) and made code in a
# caption 3:1; axe-core checks both (tests/browser/test_accessibility.py).
# A figure's note under it ('not counted: 8 announced') may wrap: its box is rounded, not a pill
# whose ends cut into a second line's first letters (seen in Arabic at 1280 px).
# The presenter's own rules replace these.
APP_CSS = """<style>
[data-testid="stCaptionContainer"] { color: #5B5E63; opacity: 1; }
[data-testid="stMainBlockContainer"] { padding-top: 3rem; }
[data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"],
[data-testid="stMetricLabel"] p { white-space: normal; overflow: visible; word-break: normal;
  overflow-wrap: normal; }
div:has(> [data-testid="stMetricDelta"]), [data-testid="stMetricDelta"],
[data-testid="stMetricDelta"] * { white-space: normal !important; overflow: visible; text-overflow: clip;
  height: auto; max-width: 100%; }
[data-testid="stMetricDelta"] { border-radius: 0.6rem; padding-inline: 0.6rem; }
[data-testid="stMetricValue"] .stMarkdownEllipsis, [data-testid="stMetricValue"] p {
  white-space: normal; overflow: visible; text-overflow: clip; line-height: 1.15; }
[class*="st-key-kpis_"] [data-testid="stMetric"] { container-type: inline-size; }
[class*="st-key-kpis_"] [data-testid="stMetricValue"] {
  font-size: min(2.25rem, calc(100cqi / var(--kpi-em, 6))); }
[class*="st-key-kpis_"] [data-testid="stMetricValue"],
[class*="st-key-kpis_"] [data-testid="stMetricValue"] .stMarkdownEllipsis,
[class*="st-key-kpis_"] [data-testid="stMetricValue"] p { white-space: nowrap; }
[data-testid="stHorizontalBlock"]:has([data-testid="stMetric"]) { align-items: stretch; }
[data-testid="stColumn"]:has(> [data-testid="stVerticalBlock"] > [data-testid="stElementContainer"]
  > [data-testid="stMetric"]) > [data-testid="stVerticalBlock"] { height: 100%; }
[data-testid="stElementContainer"]:has(> [data-testid="stMetric"]) { flex: 1 1 auto; }
[data-testid="stElementContainer"] > [data-testid="stMetric"] { height: 100%; }
.st-key-page_links { gap: 0.15rem; }
.st-key-page_links hr { margin: 0.6rem 0 0; }
</style>"""


# Printed from the browser (Ctrl+P): A4 pages with what the page shows and nothing to click. The
# sidebar, Streamlit's header, every widget (buttons, inputs, the language picker, page links) and
# every closed expander (a title with nothing under it on paper) are left out; charts, the map,
# tables and text stay, each kept whole on a page where it fits.
# A table (st.table) runs on over as many pages as it needs, its header on each: Streamlit lays
# it out as an inline table, which Chrome does not split (a page was left blank before a long one).
# A row of columns is kept on one page where it fits: split between two, its columns were cut
# apart but the row kept its height, and the line under it was printed over the row's last lines.
# Streamlit's page scrolls inside fixed-height boxes, which would print only the first screen: they
# grow to their content. Charts keep the size they were drawn at on screen (plotly and the map do
# not redraw for paper), so the page is scaled to fit A4's width: --crossings-print-zoom, set by
# PRINT_FIT_SCRIPT from the main column's width on screen. The column keeps that width on paper
# (--crossings-print-width): left to take the paper's, it was the whole window's wherever the page
# is laid out for print while its scripts still run (a print style emulated in the window, as
# tests and the browser's developer tools do), Streamlit redrew the charts that wide, and they ran
# past the page's right edge. The zoom applies to a page as narrow as paper only (A4 is 703 px
# between the margins; a landscape page 1,032), not to a print style shown in a wide window:
# Streamlit measures its elements as drawn, zoom included, and redrew every chart and the map
# smaller again there, squashed (labels over each other) and cropped on paper. The line naming
# the page, the filters and the date (print_header) shows on paper only.
# A data grid is drawn on a canvas and would print only the part scrolled into view: on paper it
# gives way to the table of its rows written beside it (components/print_grid.py, hidden on
# screen), set in PRINT_TABLE_PT points whatever the page's zoom. Loading placeholders and what
# is kept in a container keyed "screen_only_..." (how to scroll a grid) are left out too. Closed
# expanders inside a container keyed "print_open_..." are printed open (the About page's data
# dictionary, one fold per table: the reason to print that page).
# A right-to-left printed table is selected as "not left-to-right": an English page carries no
# right-to-left markup at all (tests/languages/test_pages.py).
PRINT_TABLE_PT = 8  # the type of a grid's printed table (print_table.py) on paper, in points
PAPER_MAX_PX = 1200  # wider than any A4 or Letter page, portrait or landscape, less its margins
PRINT_CSS = """<style>
[data-testid="stElementContainer"]:has(> .stHtml > .crossings-print-only),
[data-testid="stElementContainer"]:has(> .stHtml > .crossings-print-table) { display: none; }
.crossings-print-table table { width: 100%; border-collapse: collapse; line-height: 1.25;
  font-size: calc(PRINT_TABLE_PTpt / var(--crossings-print-zoom, 1)); }
.crossings-print-table.records { columns: 2 18em; column-gap: 1.2em;
  font-size: calc(PRINT_TABLE_PTpt / var(--crossings-print-zoom, 1)); line-height: 1.25; }
.crossings-print-record { display: grid; grid-template-columns: fit-content(40%) 1fr; gap: 0 0.6em;
  margin: 0 0 0.6em; padding: 0 0 0.4em; border-bottom: 1px solid #c8cbd0; break-inside: avoid; }
.crossings-print-record dt { font-weight: 600; color: #444; overflow-wrap: anywhere; }
.crossings-print-record dd { margin: 0; overflow-wrap: anywhere; }
.crossings-print-table td, .crossings-print-record dd { unicode-bidi: plaintext; }
.crossings-print-table:not([dir="ltr"]) td, .crossings-print-table:not([dir="ltr"]) dd { text-align: right; }
.crossings-print-table th, .crossings-print-table td { border: 1px solid #c8cbd0; padding: 0.15em 0.35em;
  text-align: start; vertical-align: top; overflow-wrap: break-word; }
.crossings-print-table th { background: #f0f2f6; font-weight: 600; }
.crossings-print-table td.n { text-align: end; white-space: nowrap; }
.crossings-print-table thead { display: table-header-group; }
.crossings-print-table tr { break-inside: avoid; }
.crossings-print-rest { font-size: calc(8pt / var(--crossings-print-zoom, 1)); color: #444;
  margin: 0.3em 0 0; }
@media print {
  @page { size: A4; margin: 12mm; }
  html, body, #root, .stApp, [data-testid="stAppViewContainer"], [data-testid="stMain"],
  [data-testid="stAppScrollToBottomContainer"] { height: auto !important; min-height: 0 !important;
    overflow: visible !important; position: static !important; }
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
  [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
  [data-testid="stBottom"], [data-testid="stElementToolbar"], .stElementToolbar { display: none !important; }
  [data-testid="stElementContainer"]:has(> .stButton, > .stDownloadButton, > .stLinkButton,
    > .stFormSubmitButton, > .stButtonGroup, > .stSelectbox, > .stMultiSelect, > .stSlider, > .stRadio,
    > .stTextInput, > .stNumberInput, > .stTextArea, > .stCheckbox, > .stDateInput, > .stTimeInput,
    > .stFileUploader, > .stColorPicker, > .stCameraInput, > .stPopover, > .stFeedback,
    > .stChatInput, > .stAudioInput), .stButton, .stDownloadButton, .stLinkButton, .stFormSubmitButton,
  .stButtonGroup, .stSelectbox, .stMultiSelect, .stSlider, .stRadio, .stTextInput, .stNumberInput,
  .stTextArea, .stCheckbox, .stDateInput, .stTimeInput, .stFileUploader, .stColorPicker,
  .stCameraInput, .stPopover, .stFeedback, .stChatInput, .stAudioInput,
  [data-testid="stTooltipIcon"], [data-testid="stMetric"] [data-testid="stTooltipHoverTarget"],
  [data-testid="stElementContainer"]:has(> [data-testid="stSkeleton"]), [data-testid="stSkeleton"],
  [class*="st-key-screen_only_"],
  [data-testid="stLayoutWrapper"]:has(> [data-testid="stExpander"] > details:not([open])) {
    display: none !important; }
  [class*="st-key-print_open_"] [data-testid="stLayoutWrapper"]:has(
      > [data-testid="stExpander"] > details:not([open])) { display: block !important; }
  [class*="st-key-print_open_"] details::details-content { content-visibility: visible; display: contents; }
  [class*="st-key-print_open_"] summary [data-testid="stIconMaterial"] { display: none; }
  [data-testid="stMainBlockContainer"] { padding: 0 !important; max-width: none !important;
    width: var(--crossings-print-width, auto) !important; }
  .crossings-print-only { font-size: 0.85rem; color: #444;
    border-bottom: 1px solid #bbb; padding-bottom: 0.3rem; }
  [data-testid="stElementContainer"]:has(> .stHtml > .crossings-print-only),
  [data-testid="stElementContainer"]:has(> .stHtml > .crossings-print-table) { display: block; }
  [data-testid="stElementContainer"]:has([data-testid="stDataFrame"]):has(
    + [data-testid="stElementContainer"] > .stHtml > .crossings-print-table) { display: none !important; }
  .stPlotlyChart, .stIFrame, .stCustomComponentV1, [data-testid="stMetric"], .stTable,
  [data-testid="stDataFrame"], [data-testid="stVerticalBlockBorderWrapper"], .crossings-boxed, .stImage,
  [data-testid="stHorizontalBlock"] { break-inside: avoid; }
  h1, h2, h3 { break-after: avoid; }
  [data-testid="stTableStyledTable"] { display: table !important; }
}
@media print and (max-width: PAPER_MAX_PXpx) {
  [data-testid="stMainBlockContainer"] { zoom: var(--crossings-print-zoom, 1); }
}
</style>""".replace("PAPER_MAX_PX", str(PAPER_MAX_PX)).replace(
    "PRINT_TABLE_PT", str(PRINT_TABLE_PT))

# The width of A4 less the margins above, 186 mm, is 703 CSS pixels (96 per inch); a little
# under it, so that a right-to-left page's charts keep their left edge (their axis labels).
PRINT_WIDTH_PX = 690
PRINT_FIT_SCRIPT = """<script>(function () {
  function fit() {
    var main = document.querySelector('[data-testid="stMainBlockContainer"]');
    if (!main || window.matchMedia("print").matches) return;
    var style = getComputedStyle(main);
    var width = main.getBoundingClientRect().width - parseFloat(style.paddingLeft)
      - parseFloat(style.paddingRight);
    var zoom = Math.min(1, PRINT_WIDTH / Math.max(width, 1));
    document.documentElement.style.setProperty("--crossings-print-zoom", zoom.toFixed(3));
    document.documentElement.style.setProperty("--crossings-print-width", Math.floor(width) + "px");
    // a box drawn with a border (st.container(border=True)) is kept whole on a page where it fits:
    // nothing in the page's markup tells it from a fragment's or a keyed container's box
    main.querySelectorAll('[data-testid="stLayoutWrapper"] > [data-testid="stVerticalBlock"]')
      .forEach(function (block) {
        block.classList.toggle("crossings-boxed", parseFloat(getComputedStyle(block).borderTopWidth) > 0);
      });
    // zoom does not reach into a frame (the map): its own page is scaled the same, on paper only,
    // and loses its zoom buttons
    main.querySelectorAll("iframe").forEach(function (frame) {
      var doc;
      try { doc = frame.contentDocument; } catch (error) { return; }
      if (!doc || !doc.head) return;
      var style = doc.getElementById("crossings-print-zoom");
      if (!style) {
        style = doc.createElement("style");
        style.id = "crossings-print-zoom";
        doc.head.appendChild(style);
      }
      var rule = "@media print { body { zoom: " + zoom.toFixed(3) + "; }"
        + " .leaflet-control-zoom { display: none; } }";
      if (style.textContent !== rule) style.textContent = rule;
    });
  }
  fit();
  if (!window.__crossingsPrintFit) {
    window.__crossingsPrintFit = true;
    window.addEventListener("resize", fit);
    window.addEventListener("beforeprint", fit);
    window.setInterval(fit, 1500);  // frames load after the page has drawn
  }
})();</script>""".replace("PRINT_WIDTH", str(PRINT_WIDTH_PX))


def configure_page() -> None:
    """Title, icon and layout, set before anything is drawn. A page icon from Material
    Symbols would otherwise become the tab's icon, fetched from fonts.gstatic.com."""
    st.set_page_config(page_title="Crossings", page_icon=str(STATIC_DIR / "crossings-icon.png"),
                       layout="wide")
    st.html(APP_CSS + PRINT_CSS)


def browser_title(page_title: str, filters: str) -> None:
    """The browser's title for this page: the page and its filters, for a tab, a bookmark, the
    history and a screen reader's first words (set_page_config may be called again on a run)."""
    title = _("{page} · {filters} · Crossings").format(page=page_title, filters=filters)
    st.set_page_config(page_title=title)


def print_header(page_title: str, filters: str) -> None:
    """The line on top of a printed page: the page, the filters and the date (hidden on screen),
    and the script that scales the page to A4's width."""
    line = _("Crossings · {page} · Showing: {filters} · {date}").format(
        page=page_title, filters=filters, date=format_date(date.today().isoformat()))
    direction = "rtl" if is_rtl() else "ltr"
    st.html(f'<div class="crossings-print-only" dir="{direction}" aria-hidden="true">{html_text(line)}</div>'
            + PRINT_FIT_SCRIPT, unsafe_allow_javascript=True)


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
