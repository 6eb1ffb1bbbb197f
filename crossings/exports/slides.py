"""The presentation: a few slides built from the current filtered view, one idea each, every
one with a title, the filters it shows and a source line. The same slides feed the presenter
page, the PowerPoint and PDF take-aways and the PNG/SVG of a single slide.

A slide's body is one of: big figures (`facts`), a plotly chart (`figure`), the activity map
(`activity`, drawn by crossings.figures.static_map), or figures beside a chart (a country profile).
This module holds the slide models, the builders and the figures drawn on a slide; the decks'
shared page layout and the two writers are in slide_layout, powerpoint and pdf.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial

import pandas as pd
import plotly.graph_objects as go

from crossings.exports.images import (
    BOUNDARY_DISCLAIMER,
    EXPORT_SIZE,
    Caption,
    chart_image,
    render_figure,
    wrap,
)
from crossings.figures import palette
from crossings.figures.budget import funding_figure
from crossings.figures.plotly_spec import untitled
from crossings.figures.profile import neighbour_lengths_figure
from crossings.figures.static_map import GEOMETRY_SOURCE_ID, activity_by_country, map_description, map_image
from crossings.figures.timeline import SLIDE_SIZE, timeline_figure
from crossings.languages import N_, _, ngettext
from crossings.text.citations import short_citation, source_ids_of, source_line
from crossings.text.escaping import html_text
from crossings.text.formatting import format_compact_money, format_count, format_km, format_money
from crossings.views.budget import figure_source_ids, funding_lines
from crossings.views.currency import DISPLAY_CURRENCIES, needs_conversion
from crossings.views.filtered_view import FilteredView
from crossings.views.filters import describe
from crossings.views.metrics import headline
from crossings.views.profiles import country_profile, neighbour_statement
from crossings.views.timeline import undated_events, undated_projects

DEFAULT_PROFILE_COUNTRY = "IRN"  # the demo: 13 neighbours by the source's count, 7 by land
SLIDE_FONT_PX = 20  # charts on a slide: readable at the back of a room at 1280x720
SLIDE_MIN_FONT_PX = 18  # no text on a slide's chart smaller (ticks, labels, legend, panel titles)
SLIDE_BOTTOM_MARGIN = 45  # px under a chart on a slide: its axis labels (automargin adds if needed)
# Bars of the funding chart on a slide: 150 px + 56 px a bar fits the ~380 px box at 1280x720
# with the type unshrunk; the smaller funders share the last bar ('11 other funders').
SLIDE_FUNDING_BARS = 4
SLIDE_SOURCE_CHARS = 280  # a source line of two lines of a slide's footer at most


@dataclass(frozen=True)
class Fact:
    label: str
    value: str
    note: str = ""


@dataclass(frozen=True, eq=False)
class Slide:
    key: str
    title: str
    subtitle: str  # the filters, in words
    source_line: str
    facts: tuple[Fact, ...] = ()
    figure: go.Figure | None = None
    activity: pd.DataFrame | None = None  # the map slide: activity per country
    notes: tuple[str, ...] = ()  # explanations shown with the slide and as speaker notes
    disclaimer: str = ""
    empty_message: str = ""  # said in place of the chart when nothing matches
    short_source_line: str = ""  # the first sources and how many more, where they are many

    @property
    def slide_source_line(self) -> str:
        """What the slide itself cites: at most two lines of its footer (the speaker notes give
        every source)."""
        return self.short_source_line or self.source_line

    @property
    def body(self) -> str:
        """What the body shows: 'map', 'chart', 'facts' or 'facts+chart'."""
        if self.activity is not None:
            return "map"
        if self.figure is not None:
            return "facts+chart" if self.facts else "chart"
        return "facts"

    @property
    def alt_text(self) -> str:
        """The picture in words (the map or the chart), for screen readers and the PowerPoint
        picture's description: the map by its countries, a chart by its title and notes."""
        if self.body == "map":
            return map_description(self.activity)
        return " ".join([f"{self.title}.", *self.notes])

    @property
    def image_needs_chart_browser(self) -> bool:
        """Its PNG/SVG is drawn by kaleido (Chromium); only the map's is drawn by matplotlib."""
        return self.body != "map"

    def caption(self, made_on: date) -> Caption:
        """For a standalone image: beside a chart, the figures join the notes under it."""
        figures = [" · ".join(
            _("{label} {value} ({note})").format(label=fact.label, value=fact.value, note=fact.note)
            if fact.note else _("{label} {value}").format(label=fact.label, value=fact.value)
            for fact in self.facts) + "."] if self.body == "facts+chart" else []
        return Caption(self.title, self.slide_source_line, made_on, subtitle=self.subtitle,
                       disclaimer=self.disclaimer, note=" ".join([*figures, *self.notes]))


@dataclass(frozen=True)
class DeckChoices:
    """What the presenter picks beyond the filters."""

    profile_country: str = DEFAULT_PROFILE_COUNTRY
    currency: str = DISPLAY_CURRENCIES[0]


@dataclass(frozen=True, eq=False)
class Deck:
    slides: tuple[Slide, ...]
    filters: str
    made_on: date
    choices: DeckChoices
    title: str = N_("Crossings: border-management activity")  # shown as _(title)

    def __len__(self) -> int:
        return len(self.slides)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(slide.key for slide in self.slides)


# --- slides ------------------------------------------------------------------------------------

def _cited(dataset, source_ids) -> dict[str, str]:
    """A slide's source line, whole and as its footer shows it."""
    return {"source_line": source_line(dataset, source_ids),
            "short_source_line": source_line(dataset, source_ids, max_chars=SLIDE_SOURCE_CHARS)}


def headline_slide(view: FilteredView) -> Slide:
    figures = headline(view)
    unknown = figures.status_not_known
    event_notes = [ngettext("{count} with status not known.", "{count} with status not known.", unknown)
                   .format(count=format_count(unknown))] if unknown else []
    if figures.not_counted_text:
        event_notes.append(figures.not_counted_text)
    unfunded = figures.projects_without_funding
    facts = [
        Fact(_("Events"), format_count(figures.events), " ".join(event_notes) or _("Reported as held.")),
        Fact(_("Participants"), figures.participants_shown, figures.participants_note),
        Fact(_("Countries engaged"), format_count(figures.countries_engaged),
             _("{via}, not counted: the source names the group, not the country.").format(
                 via=figures.via_groups)
             if figures.via_groups else _("Hosted or took part in an event, or covered by a project.")),
        Fact(_("Projects"), format_count(figures.projects),
             ngettext("{count} without a known budget.", "{count} without a known budget.", unfunded)
             .format(count=format_count(unfunded)) if unfunded else ""),
    ]
    for currency, amount in figures.funding_by_currency.items():
        estimated = figures.estimated_by_currency.get(currency, 0)
        note = format_money(amount, currency)
        if estimated == amount:
            note = _("{amount}, an estimate").format(amount=note)
        elif estimated:
            note = _("{amount}, of which {estimated} estimated").format(
                amount=note, estimated=format_money(estimated, currency))
        facts.append(Fact(_("Funding in {currency}").format(currency=currency),
                          format_compact_money(amount, currency), note))
    if not figures.funding_by_currency:
        facts.append(Fact(_("Funding"), _("none known")))
    notes = (_("Each currency on its own, as the sources give it; the funding slide converts them to one "
               "currency to add them up."),) if len(figures.funding_by_currency) > 1 else ()
    return Slide("headline", _("Border-management activity at a glance"), describe(view.state, view.dataset),
                 **_cited(view.dataset, source_ids_of(view.events, view.projects, view.funding)),
                 facts=tuple(facts), notes=notes)


def map_slide(view: FilteredView) -> Slide:
    activity = activity_by_country(view)
    sources = [*source_ids_of(view.events, view.event_countries, view.event_groups, view.project_countries),
               GEOMETRY_SOURCE_ID]
    busiest = activity.iloc[0] if not activity.empty and activity["events"].iloc[0] else None
    named = int((activity["via_group"] == "").sum())
    notes = [_("{count} countries hosted or took part in an event or are covered by a project; "
               "the most events: {country} ({events}).").format(
        count=format_count(named), country=busiest["name"], events=format_count(busiest["events"]))
    ] if busiest is not None else []
    via = headline(view).via_groups
    if via:
        notes.append(_("Striped orange, not counted: {via}, members of a group a source names instead "
                       "of the countries.").format(via=via))
    not_counted = len(view.events[~view.events["event_id"].isin(view.counted_events["event_id"])])
    if not_counted:
        notes.append(ngettext("Not counted: {count} announced, postponed or cancelled event(s).",
                              "Not counted: {count} announced, postponed or cancelled event(s).",
                              not_counted).format(count=format_count(not_counted)))
    notes = tuple(notes)
    return Slide("map", _("Where activity took place"), describe(view.state, view.dataset),
                 **_cited(view.dataset, sources), activity=activity, notes=notes,
                 disclaimer=_(BOUNDARY_DISCLAIMER),
                 empty_message="" if not activity.empty else _("No activity matches the filters."))


def funding_slide(view: FilteredView, currency: str) -> Slide:
    """Who funds the work: the budget page's main figure, by funder, in one currency."""
    lines = funding_lines(view, currency)
    sources = figure_source_ids(lines, currency, fx_rates=view.dataset.fx_rates)
    notes = []
    if not lines.empty and needs_conversion(lines, currency):
        given = lines.groupby("currency")["amount"].sum()
        others = ", ".join(sorted(set(given.index) - {currency}))
        notes.append(_("Amounts in {others} converted to {currency} at the Federal Reserve's monthly "
                       "rate for each amount's value date. As the sources give them: {amounts}.").format(
            others=others, currency=currency,
            amounts="; ".join(format_money(amount, code) for code, amount in given.items())))
    if lines["estimated"].any():
        notes.append(_("Hatched: an estimate, not a confirmed grant."))
    return Slide("funding", _("Who funds the work, in {currency}").format(currency=currency),
                 describe(view.state, view.dataset),
                 **_cited(view.dataset, sources),
                 figure=funding_figure(view, currency, "funder", max_bars=SLIDE_FUNDING_BARS,
                                       text_px=SLIDE_FONT_PX),
                 notes=tuple(notes),
                 empty_message=_("No funding lines match the filters.") if lines.empty else "")


def timeline_slide(view: FilteredView) -> Slide:
    """Participation over time: the timeline page's main figure."""
    undated = len(undated_events(view))
    undated_projects_count = len(undated_projects(view))
    notes = []
    if undated and undated_projects_count:
        notes.append(_("Not drawn: {events} and {projects} without a date in the sources.").format(
            events=_events(undated), projects=_projects(undated_projects_count)))
    elif undated:
        notes.append(ngettext("Not drawn: {count} event without a date in the sources.",
                              "Not drawn: {count} events without a date in the sources.",
                              undated).format(count=format_count(undated)))
    elif undated_projects_count:
        notes.append(ngettext("Not drawn: {count} project without a date in the sources.",
                              "Not drawn: {count} projects without a date in the sources.",
                              undated_projects_count).format(count=format_count(undated_projects_count)))
    no_date = view.events["start_date_first"].isna() & view.events["end_date_last"].isna()
    empty = view.events[~no_date].empty and view.projects[
        view.projects["start_date_first"].notna() | view.projects["end_date_last"].notna()].empty
    return Slide("timeline", _("Participation over time"), describe(view.state, view.dataset),
                 **_cited(view.dataset, source_ids_of(view.events, view.projects)),
                 figure=timeline_figure(view, size=SLIDE_SIZE), notes=tuple(notes),
                 empty_message=_("No dated events or projects match the filters.") if empty else "")


def _events(count: int) -> str:
    return ngettext("{count} event", "{count} events", count).format(count=format_count(count))


def _projects(count: int) -> str:
    return ngettext("{count} project", "{count} projects", count).format(count=format_count(count))


def profile_slide(view: FilteredView, iso3: str) -> Slide:
    """A country's borders and neighbours: the figures, what the sources say about how many
    neighbours it has, and the land-border lengths (the map page's profile chart)."""
    dataset = view.dataset
    profile = country_profile(dataset, iso3, view)
    if profile is None:
        return Slide("profile", _("Country profile"), describe(view.state, dataset), **_cited(dataset, []),
                     empty_message=_("No country with the code {code} in the data.").format(code=iso3))
    neighbours = neighbour_statement(profile, partial(short_citation, dataset))
    name = dataset.country_name(iso3)  # in the active language
    facts = [
        Fact(_("Land borders"), format_km(profile.land_border_km)),
        Fact(_("Coastline"), format_km(profile.coastline_km), profile.notes or ""),
        Fact(_("Land neighbours"), format_count(len(profile.land_neighbours))),
    ]
    if neighbours.figure:  # a source's count by land and sea (IOM's 13 for Iran), or the data's
        facts.append(Fact(neighbours.label, neighbours.figure, neighbours.note))
    notes = list(neighbours.lines)
    notes.append(_("Under the filters: {events} and {projects} involving {country}.").format(
        events=_events(len(profile.events)), projects=_projects(len(profile.projects)), country=name))
    has_lengths = any(n.length_km is not None for n in profile.land_neighbours)
    return Slide("profile", _("{country}: borders and neighbours").format(country=name),
                 describe(view.state, dataset),
                 **_cited(dataset, profile.source_ids), facts=tuple(facts),
                 figure=neighbour_lengths_figure(profile, dataset) if has_lengths else None,
                 notes=tuple(notes))


SlideBuilder = Callable[[FilteredView, DeckChoices], Slide]

SLIDE_BUILDERS: dict[str, SlideBuilder] = {
    "headline": lambda view, choices: headline_slide(view),
    "map": lambda view, choices: map_slide(view),
    "funding": lambda view, choices: funding_slide(view, choices.currency),
    "timeline": lambda view, choices: timeline_slide(view),
    "profile": lambda view, choices: profile_slide(view, choices.profile_country),
}
SLIDE_KEYS: tuple[str, ...] = tuple(SLIDE_BUILDERS)


def build_slide(view: FilteredView, key: str, choices: DeckChoices | None = None) -> Slide:
    """One slide, without building the others (what the presenter page shows). Kept in the
    view's memo: a room on one link asks for the same few slides again and again (the view is
    shared by every session with the same filters). Read only: the figure is copied before any
    change (for_slide)."""
    choices = choices or DeckChoices()
    return view.memo.get(("slide", key, choices), lambda: SLIDE_BUILDERS[key](view, choices))


def build_deck(view: FilteredView, choices: DeckChoices | None = None, made_on: date | None = None) -> Deck:
    """Every slide for the view, in presenting order."""
    choices = choices or DeckChoices()
    slides = tuple(build(view, choices) for build in SLIDE_BUILDERS.values())
    return Deck(slides, describe(view.state, view.dataset), made_on or date.today(), choices)


# --- figures on slides -------------------------------------------------------------------------

def for_slide(slide: Slide) -> go.Figure:
    """A copy of the slide's chart made for a slide: its own title and any source line drawn
    into it dropped (the slide shows both as text), type large enough for a projector."""
    figure = go.Figure(slide.figure)
    notes = [note for note in figure.layout.annotations if not _cites_only(note.text, slide.source_line)]
    if len(notes) < len(figure.layout.annotations):  # its source line went: so can the room for it
        bottom = figure.layout.margin.b or 0
        freed = max(0, bottom - SLIDE_BOTTOM_MARGIN)
        # the figure's height held that room too: left in, a long source line's 700 px became
        # blank space the chart was shrunk to fit, its type with it (7 px on the bundled data)
        figure.update_layout(margin={"b": bottom - freed},
                             height=figure.layout.height - freed if figure.layout.height else None)
    figure.layout.annotations = notes
    untitled(figure)
    figure.update_layout(font={"size": SLIDE_FONT_PX}, legend={"font": {"size": SLIDE_MIN_FONT_PX}})
    _no_small_type(figure)
    _row_labels_on_one_line(figure)
    return figure


def _no_small_type(figure: go.Figure) -> None:
    """Type set small for a page (a 13 px row label, a 12 px note on a bar) is raised to the
    slide's smallest size: a projected 1280x720 picture must be readable from the back."""
    def raised(size):
        if isinstance(size, list | tuple):
            return [max(s, SLIDE_MIN_FONT_PX) if s is not None else s for s in size]
        return max(size, SLIDE_MIN_FONT_PX) if size is not None else size

    for name in [key for key in figure.layout if key.startswith(("xaxis", "yaxis"))]:
        axis = figure.layout[name]
        axis.tickfont.size = raised(axis.tickfont.size)
        axis.title.font.size = raised(axis.title.font.size)
    for note in figure.layout.annotations:
        note.font.size = raised(note.font.size)
    for trace in figure.data:
        if "textfont" in trace:
            trace.textfont.size = raised(trace.textfont.size)


def _row_labels_on_one_line(figure: go.Figure) -> None:
    """Row labels wrapped onto two lines for a narrow page ('Jordan-Syria border<br>(IcSP)')
    overlap their neighbours once the type is a slide's and the rows are as close as a
    1280x720 screen puts them: on a slide each takes one line (the wide screen has the room)."""
    for name in [key for key in figure.layout if key.startswith("yaxis")]:
        axis = figure.layout[name]
        if axis.ticktext:
            axis.ticktext = [re.sub(r"<br\s*/?>", " ", str(text)) for text in axis.ticktext]


def _cites_only(text: str | None, source_line: str) -> bool:
    """Whether an annotation is a source line ('Source: ...', 'Sources: ...', 'Sources : ...',
    'المصادر: ...', in whatever language the figure speaks) every citation of which the slide's
    own source line already gives."""
    plain = " ".join(html.unescape(re.sub(r"<br\s*/?>", " ", text or "")).split())
    cited = re.fullmatch(r"[^\W\d_]{2,20}\s?: (.+)", plain)  # one word, then the citations
    said = " ".join(source_line.split())
    return bool(cited) and all(citation in said for citation in cited.group(1).split("; "))


def facts_figure(facts: tuple[Fact, ...]) -> go.Figure:
    """Big figures as a plotly figure (for the PNG and SVG of a figures-only slide)."""
    columns = fact_columns(len(facts))
    rows = max(1, math.ceil(len(facts) / columns))
    annotations = []
    for index, fact in enumerate(facts):
        x = (index % columns + 0.5) / columns
        y = 1 - (index // columns + 0.5) / rows
        annotations += [
            {"text": f"<b>{html_text(fact.value)}</b>", "x": x, "y": y, "yanchor": "bottom",
             "font": {"size": 56, "color": palette.TEXT}},
            {"text": html_text(fact.label), "x": x, "y": y, "yanchor": "top", "yshift": -4,
             "font": {"size": 24, "color": palette.TEXT}},
            {"text": "<br>".join(html_text(line) for line in wrap(fact.note, 40)), "x": x, "y": y,
             "yanchor": "top", "yshift": -40, "font": {"size": 16, "color": palette.MUTED_TEXT}},
        ]
    for annotation in annotations:
        annotation.update(xref="paper", yref="paper", showarrow=False, xanchor="center")
    figure = go.Figure()
    figure.update_layout(annotations=annotations, paper_bgcolor="white", plot_bgcolor="white",
                         margin={"l": 0, "r": 0, "t": 0, "b": 0},
                         font={"family": palette.FONT_FAMILY, "color": palette.TEXT},
                         xaxis={"visible": False}, yaxis={"visible": False})
    return figure


def fact_columns(count: int) -> int:
    return 3 if count <= 6 else 4


def slide_image(slide: Slide, made_on: date, fmt: str = "png", width: int = EXPORT_SIZE[0],
                height: int = EXPORT_SIZE[1], scale: float = 1) -> bytes:
    """One slide as a standalone PNG or SVG, its title, filters, source line and date drawn in."""
    caption = slide.caption(made_on)
    if slide.body == "map":
        return map_image(slide.activity, caption, fmt, width, height, scale)
    figure = for_slide(slide) if slide.figure is not None else facts_figure(slide.facts)
    return chart_image(figure, caption, fmt, width, height, scale)


def body_fit(figure: go.Figure, height: int) -> float:
    """How much a chart shrinks to fit a box `height` px high (1: not at all). Charts on slides
    are made to fit (SLIDE_SIZE for the timeline): anything smaller than 1 shrinks its type."""
    needed = figure.layout.height or 0
    return min(1.0, height / needed) if needed else 1.0


def body_png(slide: Slide, width: int, height: int, scale: float = 2) -> bytes:
    """The slide's map or chart alone (no caption: the slide sets it as text), as PNG of the
    box's shape. A chart that needs more height than the box is drawn at its own height, as
    wide as the box's shape asks, then shrinks to fit (body_fit): nothing overlaps."""
    if slide.body == "map":
        return map_image(slide.activity, None, "png", width, height, scale, label_px=SLIDE_MIN_FONT_PX)
    figure = for_slide(slide)
    needed = figure.layout.height or 0
    if body_fit(figure, height) < 1:
        width, scale, height = round(width * needed / height), scale * height / needed, needed
    return render_figure(figure, "png", width, height, scale)
