"""The Map and Budget pages' figures as images to take away, drawn as the presenter's are
(crossings.exports.images and the slides): the title, the filters, the source line and the date
drawn in; for the map, the boundary disclaimer as well."""

from __future__ import annotations

import html
from datetime import date

from crossings.exports.images import Caption, chart_image
from crossings.exports.slides import map_slide, slide_image
from crossings.figures.budget import funding_figure
from crossings.languages import _
from crossings.text.citations import source_line
from crossings.views.budget import figure_source_ids, funding_lines
from crossings.views.currency import conversion_note
from crossings.views.filtered_view import FilteredView
from crossings.views.filters import describe

BY_FUNDING_ONLY = ("funder", "instrument")  # the other charts use projects' details too


def map_caption(view: FilteredView, made_on: date) -> Caption:
    """The activity map's caption: title, filters, notes, sources, date, boundary disclaimer."""
    return map_slide(view).caption(made_on)


def map_png(view: FilteredView, made_on: date) -> bytes:
    """The activity map (events and projects per country) under the filters, as the presenter's
    map slide is drawn alone."""
    return slide_image(map_slide(view), made_on, "png")


def funding_chart_caption(view: FilteredView, currency: str, by: str, made_on: date) -> Caption:
    """The Budget page's 'Who funds what' chart's caption: its title, the filters, how amounts
    were converted, estimates, the sources and the date."""
    lines = funding_lines(view, currency)
    figure = funding_figure(view, currency, by)
    title = html.unescape(figure.layout.title.text or "")
    sources = figure_source_ids(lines, currency, with_projects=by not in BY_FUNDING_ONLY,
                                fx_rates=view.dataset.fx_rates)
    notes = [conversion_note(lines, currency)]
    if not lines.empty and lines["estimated"].any():
        notes.append(_("Hatched: an estimate, not a confirmed grant."))
    return Caption(title, source_line(view.dataset, sources), made_on,
                   subtitle=describe(view.state, view.dataset), note=" ".join(n for n in notes if n))


def funding_chart_png(view: FilteredView, currency: str, by: str, made_on: date) -> bytes:
    """That chart with its caption, as PNG (needs Chromium: crossings.exports.images)."""
    return chart_image(funding_figure(view, currency, by),
                       funding_chart_caption(view, currency, by, made_on), "png")
