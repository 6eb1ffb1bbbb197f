"""Share this view: a button that copies the page's link (the address holds the filters, the
language and the page's own settings), and the Map and Budget pages' figures as images.

The button is a little HTML in the page itself (st.html, not a frame), so its script reads the
address as it is when clicked. Browsers only let a page write to the clipboard over https or on
localhost; elsewhere, and whenever copying fails, the link is shown selected in a text field to
copy by hand.
"""

from __future__ import annotations

import json
from datetime import date

import streamlit as st

from crossings.exports.images import MIME_TYPES, NO_BROWSER_MESSAGE, chart_browser
from crossings.languages import _, active_language, is_rtl, use_language
from crossings.text.escaping import html_text
from crossings.views.filtered_view import FilteredView

SHARE_CLASS = "crossings-share"
_SHARE_CSS = """<style>
.crossings-share { display: flex; flex-wrap: wrap; align-items: center; gap: 0.25rem 0.5rem;
  font-size: 0.875rem; }
.crossings-share button { font: inherit; padding: 0.25rem 0.75rem; border-radius: 0.5rem;
  border: 1px solid rgba(49, 51, 63, 0.2); background: white; color: inherit; cursor: pointer; }
.crossings-share button:hover, .crossings-share button:focus-visible { border-color: #c8553d;
  color: #c8553d; }
.crossings-share input { width: 100%; font: inherit; font-size: 0.8rem; padding: 0.2rem 0.4rem; }
.crossings-share label { width: 100%; }
</style>"""
# Bound once per element: Streamlit keeps an element that did not change between runs.
_SHARE_SCRIPT = """<script>(function () {
  var box = document.getElementById(BOX_ID);
  if (!box || box.dataset.bound) return;
  box.dataset.bound = "1";
  var button = box.querySelector("button"), status = box.querySelector("[role=status]"),
      fallback = box.querySelector("label"), field = box.querySelector("input");
  function byHand() {
    field.value = window.location.href;
    fallback.hidden = false;
    field.focus();
    field.select();
    status.textContent = TEXT_BY_HAND;
  }
  button.addEventListener("click", function () {
    var link = window.location.href;
    field.value = link;
    if (!navigator.clipboard || !window.isSecureContext) { byHand(); return; }
    navigator.clipboard.writeText(link).then(function () {
      status.textContent = TEXT_COPIED;
      fallback.hidden = false;
    }, byHand);
  });
})();</script>"""


def share_markup(box_id: str) -> str:
    """The button, what it did (read out by screen readers) and the field holding the link."""
    direction = "rtl" if is_rtl() else "ltr"
    script = (_SHARE_SCRIPT.replace("BOX_ID", json.dumps(box_id))
              .replace("TEXT_COPIED", json.dumps(_("Link copied: paste it anywhere.")))
              .replace("TEXT_BY_HAND", json.dumps(_("Copy the link below by hand."))))
    hint = html_text(_("Copies the address of this page as you see it: its filters, language and settings."))
    label = html_text(_("Share this view: copy the link"))
    field_label = html_text(_("Link to this view"))
    return (_SHARE_CSS
            + f'<div class="{SHARE_CLASS}" id="{html_text(box_id)}" dir="{direction}">'
            f'<button type="button" title="{hint}">{label}</button>'
            '<span role="status" aria-live="polite"></span>'
            f'<label hidden>{field_label}<input type="text" readonly value="" dir="ltr"></label></div>'
            + script)


def share_button(box_id: str = "crossings-share-sidebar") -> None:
    """Where it is called (the sidebar on every page; the presenter's controls)."""
    st.html(share_markup(box_id), unsafe_allow_javascript=True)


def _page_images():
    """The image makers, imported when an image is asked for: they bring matplotlib, half a
    second of a server's first page (app.py draws the share button on every page)."""
    from crossings.exports import page_images

    return page_images


def _in_language(make):
    """Files are made when asked for, after this run: in the language of this run."""
    language = active_language()

    def made():
        with use_language(language):
            return make()
    return made


def map_image_button(view: FilteredView) -> None:
    made_on = date.today()
    st.download_button(
        _("Download this map as an image"), _in_language(lambda: _page_images().map_png(view, made_on)),
        file_name=f"crossings-map-{made_on.isoformat()}.png", mime=MIME_TYPES["png"],
        key="map_image_download", on_click="ignore", icon=":material/image:",
        help=_("The activity map (events and projects per country) as a PNG, with its title, the "
               "filters, the sources, the date and the boundary disclaimer, as the presenter's."))


def chart_image_button(view: FilteredView, currency: str, by: str) -> None:
    made_on = date.today()
    browser = chart_browser() is not None
    st.download_button(
        _("Download this chart as an image"),
        _in_language(lambda: _page_images().funding_chart_png(view, currency, by, made_on)),
        file_name=f"crossings-funding-{by}-{currency.lower()}-{made_on.isoformat()}.png",
        mime=MIME_TYPES["png"], key="budget_image_download", on_click="ignore", icon=":material/image:",
        disabled=not browser,
        help=_("This chart as a PNG, with its title, the filters, the sources and the date, as the "
               "presenter's.") if browser else _(NO_BROWSER_MESSAGE))
