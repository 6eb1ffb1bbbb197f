"""The figures an embed shows alone (components/embed.py): each drawn from the public view of the
link's filters, at the frame's height, with its legend and one line saying what it is; then the
page stops, so nothing else of it is drawn."""

from __future__ import annotations

import streamlit as st

from components.embed import embed_caption, embedded_figure, frame_height
from components.layout import chart_name, named_chart
from components.map_widget import get_world, legend_under_map, show_map, world_url
from crossings.exports.images import BOUNDARY_DISCLAIMER
from crossings.figures.activity_map import activity_legend, activity_map, shading
from crossings.figures.budget import FUNDING_VIEWS, MAX_BARS, funding_figure, money_over_time_figure
from crossings.figures.participation import participants_chart, participation_heatmap
from crossings.figures.plotly_spec import copied, untitled
from crossings.figures.profile import neighbour_lengths_figure
from crossings.figures.timeline import SLIDE_SIZE, timeline_figure
from crossings.languages import _
from crossings.text.escaping import markdown_text
from crossings.views.currency import DISPLAY_CURRENCIES
from crossings.views.filtered_view import FilteredView
from crossings.views.map_metrics import SHADING_CHOICES, choice_label
from crossings.views.participation import COUNT_BY, GRANULARITIES
from crossings.views.profiles import country_profile

CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["select2d", "lasso2d"]}
# Room the frame keeps for what is under the figure: the caption line; the map's legend too.
CAPTION_ROOM = 48
LEGEND_ROOM = 96
SOURCE_FREED_TO = 40  # the bottom margin a chart keeps when its source line goes
FUNDING_CHROME, FUNDING_BAR_PX = 150, 56  # the funding chart's legend and axis; each bar


def linked(param: str, allowed, default: str, read=str) -> str:
    """A page setting from the link (?currency=usd), when it is one of `allowed`."""
    raw = st.query_params.get(param)
    value = read(raw) if raw else None
    return value if value in allowed else default


def shading_choice() -> str:
    """?metric= as the Map page's bound control writes it: the choice's key or its label."""
    raw = st.query_params.get("metric", "")
    if raw in SHADING_CHOICES:
        return raw
    by_label = {choice_label(choice): choice for choice in SHADING_CHOICES}
    return by_label.get(raw, next(iter(SHADING_CHOICES)))


def embedded_map(view: FilteredView) -> None:
    metric_key, currency = SHADING_CHOICES[shading_choice()]
    shade = shading(view, metric_key, currency)
    geometry_url = world_url()
    if geometry_url:
        fmap = activity_map(view, get_world(), shade, geometry_url)
        # no country is known to the click: a click in an embed opens nothing
        show_map(fmap, "embed_map", frozenset(), height=max(frame_height() - LEGEND_ROOM - CAPTION_ROOM, 200))
        legend_under_map(activity_legend(view, shade))
    embed_caption(view, _("Map"), note=_(BOUNDARY_DISCLAIMER))


def _chart(figure, key: str, title: str) -> str:
    """The chart as tall as the frame leaves it, or taller when it needs more (the frame then
    scrolls: squeezed, its bars and lanes overlapped). The source line a page's chart carries
    under it goes, with its room: the caption names the dashboard, whose page cites them all.
    So does the chart's own title, which a narrow frame's legend ran into: the caption says it
    (returned: `title` when the chart has none)."""
    figure = copied(figure)  # the page's figure is shared: this one is resized
    notes = [note for note in figure.layout.annotations
             if not (note.yref == "paper" and (note.y or 0) <= 0 and note.yanchor == "top")]
    needed = figure.layout.height or 0
    if len(notes) < len(figure.layout.annotations):
        bottom = figure.layout.margin.b or 0
        freed = max(0, bottom - SOURCE_FREED_TO)
        figure.layout.annotations = notes
        figure.update_layout(margin={"b": bottom - freed})
        needed = max(0, needed - freed)
    name = chart_name(figure, title)
    untitled(figure)
    figure.update_layout(height=max(frame_height() - CAPTION_ROOM, needed, 200))
    named_chart(figure, key, name, theme=None, config=CONFIG)
    return name


def funding_bars() -> int:
    """As many funders' (or instruments', projects') bars as the frame has room for, at least
    four; the smallest others share the last bar."""
    return min(max((frame_height() - CAPTION_ROOM - FUNDING_CHROME) // FUNDING_BAR_PX, 4), MAX_BARS)


def embedded_funding(view: FilteredView) -> None:
    currency = linked("currency", DISPLAY_CURRENCIES, DISPLAY_CURRENCIES[0], str.upper)
    by = linked("budget_by", FUNDING_VIEWS, FUNDING_VIEWS[0])
    embed_caption(view, _chart(funding_figure(view, currency, by, max_bars=funding_bars()), "embed_funding",
                               _("Who funds what")))


def embedded_money(view: FilteredView) -> None:
    currency = linked("currency", DISPLAY_CURRENCIES, DISPLAY_CURRENCIES[0], str.upper)
    per = linked("budget_per", ("year", "month"), "year")
    embed_caption(view, _chart(money_over_time_figure(view, currency, per), "embed_money",
                               _("Money over time")))


def embedded_timeline(view: FilteredView) -> None:
    colour_by = linked("colour", ("topic", "organiser"), "topic")
    # the slides' size: a few lanes of projects and of events, the rest counted
    embed_caption(view, _chart(timeline_figure(view, colour_by, size=SLIDE_SIZE), "embed_timeline",
                               _("Events and projects over time")))


def embedded_participants(view: FilteredView) -> None:
    """The Timeline page's participants chart, with its three settings as the page links them
    (?per=quarter&by=participant&show=cumulative)."""
    figure = participants_chart(view, linked("per", GRANULARITIES, "year"), linked("by", COUNT_BY, "host"),
                                linked("show", ("period", "cumulative"), "period") == "cumulative")
    embed_caption(view, _chart(figure, "embed_participants", _("Participants over time")))


def embedded_heatmap(view: FilteredView) -> None:
    embed_caption(view, _chart(participation_heatmap(view), "embed_heatmap",
                               _("Countries × years: events taken part in")))


def embedded_neighbours(view: FilteredView) -> None:
    """A country profile's figure: its land neighbours by the length of the shared border
    (?profile=IRN), with the counts of the public records only."""
    dataset = view.dataset
    iso3 = dataset.country_code(st.query_params.get("profile"))
    profile = country_profile(dataset, iso3, view) if iso3 else None
    if profile is None:
        st.info(_("The link names no country: add ?profile= and a country's ISO code, as the Map "
                  "page's embed code does."), icon=":material/link_off:")
        return
    title = _("{country}: land borders").format(country=profile.name)
    if not any(neighbour.length_km is not None for neighbour in profile.land_neighbours):
        st.info(_("{country} has no land neighbours in the data.").format(
            country=markdown_text(profile.name)), icon=":material/water:")
    else:
        _chart(neighbour_lengths_figure(profile, dataset), "embed_neighbours", title)
    embed_caption(view, markdown_text(title))


DRAW = {"map": embedded_map, "funding": embedded_funding, "money": embedded_money,
        "timeline": embedded_timeline, "participants": embedded_participants,
        "heatmap": embedded_heatmap, "neighbours": embedded_neighbours}


def show_if_embedded(url_path: str) -> None:
    """First thing on a page that has embeds: when the link asks for one of its figures alone,
    draw it from the public view and end the page's run."""
    embedded = embedded_figure(url_path)
    if embedded is not None:
        figure, view = embedded
        DRAW[figure](view)
        st.stop()
