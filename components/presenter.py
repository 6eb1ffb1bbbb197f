"""Presenter mode: one slide per screen, no Streamlit chrome, large type, next and previous by
button, arrow key (mirrored on a right-to-left page) or a presentation clicker (Page Up / Page
Down), and the deck to take away.

The slide number, the profile country and the currency live in the page's own query parameters
(`slide`, `profile`, `currency`), next to the filters, so a link reopens the same slide of the
same view.
"""

from __future__ import annotations

from datetime import date

import plotly.graph_objects as go
import streamlit as st

from components.data_quality import DATA_PAGE, problems_summary
from components.links import ignored_notice
from components.pages import PAGES, page_path
from components.share import share_button
from crossings.exports.images import MIME_TYPES, NO_BROWSER_MESSAGE, chart_browser
from crossings.exports.pdf import deck_pdf
from crossings.exports.powerpoint import deck_pptx
from crossings.exports.slides import (
    DEFAULT_PROFILE_COUNTRY,
    SLIDE_KEYS,
    DeckChoices,
    Fact,
    Slide,
    build_deck,
    fact_columns,
    for_slide,
    slide_image,
)
from crossings.figures import palette
from crossings.figures.static_map import map_image
from crossings.languages import _, active_language, is_rtl, ngettext, use_language
from crossings.text.escaping import markdown_text
from crossings.text.formatting import format_count
from crossings.views.currency import DISPLAY_CURRENCIES
from crossings.views.filtered_view import FilteredView
from crossings.views.filters import to_query_params

SLIDE_PARAM = "slide"
PROFILE_PARAM = "profile"
CURRENCY_PARAM = "currency"  # the same parameter as the budget page's, so links carry over
# The map slide's picture, in pixels: as wide as Streamlit shows an image at most (wider, it
# shrinks and re-encodes the picture on every run, 90 ms), scaled to fit the screen.
MAP_SIZE = (1460, 584)
MAP_LABEL_PX = 24  # legend and labels on that picture: about 20 px on a 1280x720 projector

# Scoped to this page: Streamlit removes the element, and the rules, when another page runs.
# Heights are in vh so one slide fills a 1280x720 projector or a 1920x1080 screen without scrolling.
PRESENTER_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stExpandSidebarButton"],
footer { display: none !important; }
[data-testid="stMain"] { margin-left: 0 !important; }
[data-testid="stMainBlockContainer"] { padding: 1rem 2.5rem 0.75rem; max-width: none; height: 100vh;
  box-sizing: border-box; }
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] { height: 100%; gap: 0.5rem;
  flex-wrap: nowrap; }
div:has(> .st-key-slide_body) { flex: 1 1 0; min-height: 0; }
.st-key-slide_body { height: 100%; overflow: hidden; flex-wrap: nowrap; }
.st-key-slide_body [data-testid="stElementContainer"]:has([data-testid="stImage"]) { flex: 1 1 0;
  min-height: 0; }
.st-key-slide_body [data-testid="stFullScreenFrame"],
.st-key-slide_body [data-testid="stFullScreenFrame"] > div,
.st-key-slide_body [data-testid="stImage"], .st-key-slide_body [data-testid="stImageContainer"] {
  height: 100%; width: 100%; }
.st-key-slide_body [data-testid="stImage"] img { height: 100%; width: 100%; object-fit: contain;
  object-position: left center; }
/* A chart takes what the notes under it leave (it pushed them out of the slide: a funding
   slide's two lines of notes lost their second). */
.st-key-slide_body [data-testid="stElementContainer"]:has([data-testid="stPlotlyChart"]) { flex: 1 1 0;
  min-height: 0; }
.st-key-slide_body > [data-testid="stLayoutWrapper"]:has(> .st-key-slide_notes) { flex-shrink: 0; }
.st-key-slide_title { gap: 0.15rem; padding-bottom: 0.4rem; }
.st-key-slide_title h1 { font-size: clamp(2rem, 5.6vh, 3.8rem); line-height: 1.3; padding: 0; }
.st-key-slide_title [data-testid="stMarkdownContainer"]:has(h1) { margin-bottom: 0; }
.st-key-slide_title p { font-size: clamp(1.05rem, 2.6vh, 1.7rem); color: MUTED_TEXT; margin: 0; }
.st-key-slide_body [data-testid="stColumn"] { container-type: inline-size; }
.st-key-slide_body [data-testid="stMetricValue"] { font-size: min(clamp(2.4rem, 9vh, 6rem),
  calc(100cqi / (var(--fact-chars, 8) * FACT_EM_PER_CHAR))); font-weight: 700; white-space: nowrap; }
.st-key-slide_body [data-testid="stMetricLabel"] p { font-size: clamp(1.1rem, 3vh, 2rem); }
.st-key-slide_body [data-testid="stCaptionContainer"] { font-size: clamp(0.95rem, 2.1vh, 1.4rem); }
.st-key-slide_notes p { font-size: clamp(1rem, 2.5vh, 1.6rem); }
div:has(> .st-key-slide_row) { flex: 1 1 0; min-height: 0; }
.st-key-slide_row, .st-key-slide_row [data-testid="stHorizontalBlock"],
.st-key-slide_row [data-testid="stColumn"], .st-key-slide_row [data-testid="stColumn"] > div {
  height: 100%; min-height: 0; }
.st-key-slide_row div:has(> [data-testid="stHorizontalBlock"]) { height: 100%; }
.st-key-slide_side_facts [data-testid="stMetricValue"] { font-size: min(clamp(1.8rem, 6.5vh, 4rem),
  calc(100cqi / (var(--fact-chars, 8) * FACT_EM_PER_CHAR))); }
.st-key-slide_side_facts [data-testid="stMetricLabel"] p { font-size: clamp(1rem, 2.4vh, 1.6rem); }
.st-key-slide_source [data-testid="stCaptionContainer"] { font-size: clamp(0.85rem, 1.9vh, 1.2rem); }
.st-key-presenter_clicker_next, .st-key-presenter_clicker_previous { display: none; }
/* On paper the slide alone: its controls (the way out, the share button) are for the screen. */
@media print { .st-key-presenter_controls { display: none !important; } }
.st-key-presenter_data_problems a, .st-key-presenter_data_problems p,
.st-key-presenter_data_problems span { color: WARNING_TEXT; font-weight: 600; }
/* A phone (or any screen under 640 px): Streamlit stacks the columns, so a slide is taller than
   the screen; it scrolls instead of being cut after two of its figures. */
@media (max-width: 640px) {
  [data-testid="stMainBlockContainer"] { height: auto; padding: 0.75rem 1rem 1rem; }
  [data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] { height: auto; }
  div:has(> .st-key-slide_body), div:has(> .st-key-slide_row) { flex: none; }
  .st-key-slide_body, .st-key-slide_row, .st-key-slide_row [data-testid="stHorizontalBlock"],
  .st-key-slide_row [data-testid="stColumn"], .st-key-slide_row [data-testid="stColumn"] > div {
    height: auto; overflow: visible; }
  .st-key-slide_body [data-testid="stElementContainer"]:has([data-testid="stImage"]) { flex: none; }
  .st-key-slide_body [data-testid="stImage"] img { height: auto; }
  .st-key-slide_body [data-testid="stElementContainer"]:has([data-testid="stPlotlyChart"]) {
    flex: none; height: 380px; }
  .st-key-slide_body [data-testid="stMetricValue"] { font-size: min(2.4rem,
    calc(100cqi / (var(--fact-chars, 8) * FACT_EM_PER_CHAR))); }
  .st-key-slide_title h1 { font-size: 1.9rem; }
}
</style>
""".replace("MUTED_TEXT", palette.MUTED_TEXT).replace("WARNING_TEXT", "#8A5300")
# A headline figure stays on one line ("EUR 437.4 / m" broke after "437.4" on a 1280x720
# projector): its size is capped by its column's width (100cqi) over the slide's longest figure,
# in characters, times the width of a character of the bold face in em (digits and capitals of
# Source Sans are about 0.55 em; the margin covers Arabic words and wide letters).
FACT_EM_PER_CHAR = "0.62"
PRESENTER_CSS = PRESENTER_CSS.replace("FACT_EM_PER_CHAR", FACT_EM_PER_CHAR)


def _fact_sizing(facts: tuple[Fact, ...]) -> None:
    """The slide's longest figure, for the CSS above (a style alone takes no room on the page)."""
    longest = max((len(fact.value) for fact in facts), default=0)
    st.html(f"<style>.st-key-slide_body {{ --fact-chars: {max(longest, 4)}; }}</style>")


def hide_chrome() -> None:
    st.html(PRESENTER_CSS)


def slide_number() -> int:
    """The 1-based slide number from the link, kept within the deck (a number too long to be
    a slide is the last one; Python's int() refuses more than 4,300 digits)."""
    raw = st.query_params.get(SLIDE_PARAM, "1")
    if not (raw.isascii() and raw.isdigit()):
        return 1
    number = int(raw) if len(raw) < 6 else len(SLIDE_KEYS)
    return min(max(number, 1), len(SLIDE_KEYS))


def _go_to(number: int) -> None:
    st.query_params[SLIDE_PARAM] = str(number)


def deck_choices(countries) -> DeckChoices:
    """The profile country (ISO3) and the currency from the link; the defaults otherwise."""
    country = st.query_params.get(PROFILE_PARAM, DEFAULT_PROFILE_COUNTRY).upper()
    currency = st.query_params.get(CURRENCY_PARAM, DISPLAY_CURRENCIES[0]).upper()
    return DeckChoices(country if country in countries else DEFAULT_PROFILE_COUNTRY,
                       currency if currency in DISPLAY_CURRENCIES else DISPLAY_CURRENCIES[0])


def ignored_settings(countries) -> list[str]:
    """Notices for the presenter's settings in the link that were not used (slide_number and
    deck_choices fall back to the defaults)."""
    usable = {SLIDE_PARAM: lambda v: v.isascii() and v.isdigit(),
              PROFILE_PARAM: lambda v: v.upper() in countries,
              CURRENCY_PARAM: lambda v: v.upper() in DISPLAY_CURRENCIES}
    return [ignored_notice(param, raw) for param, ok in usable.items()
            if (raw := st.query_params.get(param)) is not None and not ok(raw)]


def _set_param(param: str, widget_key: str) -> None:
    st.query_params[param] = st.session_state[widget_key]


def _map_png(view: FilteredView, slide: Slide) -> bytes:
    """Drawing the map takes about a second: drawn once per view and language (its legend and
    labels are words), in the view's memo, shared by every session on the same filters."""
    return view.memo.get(("slide map png", slide.key), lambda: map_image(
        slide.activity, None, "png", *MAP_SIZE, scale=1, label_px=MAP_LABEL_PX))


def _screen_figure(view: FilteredView, slide: Slide, choices: DeckChoices) -> go.Figure:
    """The slide's chart as the screen shows it, made once per view, slide and language (read
    only: st.plotly_chart copies it)."""
    def made() -> go.Figure:
        figure = for_slide(slide)
        figure.update_layout(height=None, autosize=True)
        return figure
    return view.memo.get(("slide screen figure", slide.key, choices), made)


def render_slide(view: FilteredView, slide: Slide, choices: DeckChoices) -> None:
    _fact_sizing(slide.facts)
    with st.container(key="slide_title"):
        st.markdown(f"# {markdown_text(slide.title)}")
        st.markdown(_("Showing: {filters}").format(filters=markdown_text(slide.subtitle)))
    with st.container(key="slide_body"):
        if slide.empty_message:
            st.info(slide.empty_message, icon=":material/filter_alt_off:")
        elif slide.body == "facts":
            _fact_grid(slide.facts, fact_columns(len(slide.facts)))
            _notes(slide.notes)
        elif slide.body == "map":
            with st.spinner(_("Drawing the map…")):
                png = _map_png(view, slide)
            st.image(png, caption=None, width="stretch", alt=slide.alt_text)
            _notes(slide.notes)
        elif slide.body == "chart":
            _chart(slide, _screen_figure(view, slide, choices))
            _notes(slide.notes)
        else:
            with st.container(key="slide_row"):
                facts, chart = st.columns([2, 3], gap="large")
                with facts, st.container(key="slide_side_facts"):
                    _fact_grid(slide.facts, 2)
                with chart:
                    _chart(slide, _screen_figure(view, slide, choices))
            _notes(slide.notes)
    with st.container(key="slide_source"):
        # the first sources and how many more, as on the decks (a hundred sources covered the
        # funding figures of slide 1); the speaker notes and the Sources page list them all
        cited = slide.slide_source_line
        lines = [cited, slide.disclaimer] if slide.disclaimer else [cited]
        st.caption("  \n".join(markdown_text(line) for line in lines))


def _fact_grid(facts: tuple[Fact, ...], per_row: int) -> None:
    for start in range(0, len(facts), per_row):
        for column, fact in zip(st.columns(per_row), facts[start:start + per_row], strict=False):
            with column:
                st.metric(fact.label, fact.value)
                st.caption(markdown_text(fact.note) if fact.note else " ")


def _notes(notes: tuple[str, ...]) -> None:
    if notes:
        with st.container(key="slide_notes"):
            st.markdown("  \n".join(markdown_text(note) for note in notes))


def _chart(slide: Slide, figure: go.Figure) -> None:
    st.plotly_chart(figure, height="stretch", theme=None,  # the palette's fonts, not the theme's
                    config={"displayModeBar": False, "responsive": True}, key=f"slide_chart_{slide.key}")


def arrow_keys() -> tuple[str, str]:
    """The arrow keys for (previous, next). A right-to-left page mirrors the controls: "Next" sits
    on the left with its arrow pointing left (components/language.py), and slides are read from
    right to left, as in right-to-left presentation tools; so the left arrow goes forward there.
    Page Up / Page Down (a clicker) do not depend on the direction."""
    return ("Right", "Left") if is_rtl() else ("Left", "Right")


def controls(view: FilteredView, choices: DeckChoices, slide: Slide, number: int,
             countries: dict[str, str]) -> None:
    """Previous / next (buttons, arrow keys, clicker keys), where we are, the profile country or
    the currency, the take-aways and the way out."""
    count = len(SLIDE_KEYS)
    back, forward = arrow_keys()
    with st.container(horizontal=True, vertical_alignment="center", key="presenter_controls"):
        st.button(_("Previous"), icon=":material/arrow_back:", shortcut=back, disabled=number == 1,
                  on_click=_go_to, args=(number - 1,), key="presenter_previous")
        st.button(_("Next"), icon=":material/arrow_forward:", icon_position="right", shortcut=forward,
                  disabled=number == count, on_click=_go_to, args=(number + 1,), key="presenter_next")
        # Presentation clickers send Page Up / Page Down: the same moves, on hidden buttons.
        st.button(_("Next (clicker)"), shortcut="PageDown", disabled=number == count, on_click=_go_to,
                  args=(number + 1,), key="presenter_clicker_next")
        st.button(_("Previous (clicker)"), shortcut="PageUp", disabled=number == 1, on_click=_go_to,
                  args=(number - 1,), key="presenter_clicker_previous")
        st.markdown(f"**{number} / {count}**", width="content")
        if slide.key == "profile":
            codes = list(countries)
            st.selectbox(_("Country"), codes, index=codes.index(choices.profile_country),
                         format_func=countries.get, key="presenter_profile", on_change=_set_param,
                         args=(PROFILE_PARAM, "presenter_profile"), label_visibility="collapsed",
                         width=260)
        if slide.key == "funding":
            st.segmented_control(_("Currency"), DISPLAY_CURRENCIES, default=choices.currency,
                                 required=True, key="presenter_currency", on_change=_set_param,
                                 args=(CURRENCY_PARAM, "presenter_currency"),
                                 label_visibility="collapsed")
        _take_aways(view, choices, slide)
        share_button("crossings-share-presenter")  # the sidebar, which has it, is hidden here
        st.page_link(page_path(PAGES[0]), label=_("Leave presenter mode"), icon=":material/close:",
                     query_params=to_query_params(view.state))
        if view.dataset.errors:  # the room must not read figures without knowing rows are left out
            count = len(view.dataset.errors)
            label = ngettext("{count} problem in the data files: rows left out",
                             "{count} problems in the data files: rows left out", count
                             ).format(count=format_count(count))
            with st.container(key="presenter_data_problems", width="content"):
                st.page_link(page_path(DATA_PAGE), label=label, icon=":material/warning:",
                             help=problems_summary(view.dataset), query_params=to_query_params(view.state))


def _take_aways(view: FilteredView, choices: DeckChoices, slide: Slide) -> None:
    """Files are made only when asked for (a deck takes a few seconds), from the same slides."""
    made_on = date.today()
    stem = f"crossings-{made_on.isoformat()}"
    browser = chart_browser() is not None  # charts need it; the map and the text do not
    slide_ok = browser or not slide.image_needs_chart_browser
    language = active_language()  # the files are made later, when asked for: in this language

    def in_language(make):
        def made():
            with use_language(language):
                return make()
        return made

    with st.popover(_("Take away"), icon=":material/download:"):
        st.caption(_("Made from the filters shown, without internet. Every image carries its "
                     "title, source line and date."))
        if not browser:
            st.warning(_(NO_BROWSER_MESSAGE), icon=":material/warning:")
        for fmt in ("png", "svg"):
            st.download_button(_("This slide as {format}").format(format=fmt.upper()),
                               in_language(lambda fmt=fmt: slide_image(slide, made_on, fmt)),
                               file_name=f"{stem}-{slide.key}.{fmt}", mime=MIME_TYPES[fmt],
                               key=f"download_slide_{fmt}", on_click="ignore", disabled=not slide_ok,
                               icon=":material/image:", width="stretch")
        st.download_button(_("All slides as PowerPoint"),
                           in_language(lambda: deck_pptx(build_deck(view, choices, made_on))),
                           file_name=f"{stem}.pptx",
                           mime=MIME_TYPES["pptx"], key="download_deck_pptx", on_click="ignore",
                           disabled=not browser, icon=":material/slideshow:", width="stretch")
        st.download_button(_("All slides as PDF"),
                           in_language(lambda: deck_pdf(build_deck(view, choices, made_on))),
                           file_name=f"{stem}.pdf", mime=MIME_TYPES["pdf"], key="download_deck_pdf",
                           on_click="ignore", disabled=not browser, icon=":material/picture_as_pdf:",
                           width="stretch")
