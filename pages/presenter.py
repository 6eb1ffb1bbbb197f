"""Presenter mode: the current view as slides, one per screen, for a projector or a shared
screen, with the deck to take away (PowerPoint, PDF) and each slide as PNG or SVG."""

from __future__ import annotations

from components.data import current_view
from components.frame import require_app_frame
from components.links import show_link_notices
from components.presenter import (
    controls,
    deck_choices,
    hide_chrome,
    ignored_settings,
    render_slide,
    slide_number,
)
from crossings.exports.slides import SLIDE_KEYS, build_slide

require_app_frame()
hide_chrome()
view = current_view()
countries = dict(sorted(((iso3, view.dataset.country_name(iso3)) for iso3 in view.dataset.countries["iso3"]),
                        key=lambda pair: pair[1]))  # named in the active language
choices = deck_choices(countries)
number = slide_number()
slide = build_slide(view, SLIDE_KEYS[number - 1], choices)
show_link_notices(ignored_settings(countries))
render_slide(view, slide, choices)
controls(view, choices, slide, number, countries)
