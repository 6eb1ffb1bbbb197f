"""Work done while the first browser is still loading the frontend.

A fresh server used to import pandas, pandera, folium and plotly, read and validate every CSV
and simplify the outlines only when the first page's script ran: about 1.5 s of one core after
the browser had asked for the page. Started with the server instead, on a thread of its own,
the same work overlaps with the browser fetching and starting Streamlit's frontend, and the
first page finds it done (or waits for the part still running: imports and Streamlit's cached
loaders are computed once however many threads ask). It is an optimisation only: a failure here
is logged and the page itself does the work, and reports any problem, as before.

Streamlit registers a custom component (the map's st_folium) only when it is declared during a
page run, so a module that declares one when imported must not be imported here:
components.map_widget imports streamlit_folium inside show_map for that reason.
"""

from __future__ import annotations

import gc
import importlib
import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

_LOGGER = logging.getLogger(__name__)
_THREAD = "crossings-warm-up"


class _OutsideASession(logging.Filter):
    """Streamlit's cached loaders warn, on every call outside a page run, that there is no
    script context; on this thread that is expected, so it is not logged."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.threadName == _THREAD and "missing ScriptRunContext" in record.getMessage())


# What every page, or the pages people open first (the map, the charts), import: app.py's frame and
# the Map page's, and what Streamlit itself imports the first time a page sets its icon (Pillow) or
# shows a widget with an icon. Not the presenter's exports (matplotlib, reportlab, python-pptx: a
# second of CPU): importing them here would compete with the first page's run for the same cores;
# the presenter imports them.
MODULES = ("components.frame", "components.pages", "components.errors", "components.data_quality",
           "components.embed_figures", "components.share", "components.sidebar", "components.layout",
           "components.links", "components.downloads", "components.map_widget",
           "components.country_profile", "crossings.figures.activity_map", "crossings.figures.budget",
           "crossings.figures.participation", "crossings.figures.timeline", "crossings.views.metrics",
           "pyarrow.pandas_compat", "PIL.PngImagePlugin", "streamlit.material_icon_names")


def warm() -> None:
    """Import what the first pages use, then load what every page reads first."""
    try:
        _import_quickly(MODULES)
        from components.data import get_choices
        from components.map_widget import world_url

        get_choices()  # the dataset, then what the sidebar offers
        world_url()  # the outlines simplified (or read from .cache/) and written to static/
        from crossings.languages import LANGUAGES
        from crossings.languages.catalogue import translations

        for code in LANGUAGES:  # the catalogues compiled (about 0.1 s), before a visitor asks
            translations(code)
        _streamlit_first_use()
    except Exception:  # the page will do it again and show what went wrong
        _LOGGER.warning("warming up failed; the first page does the work itself", exc_info=True)


def _import_quickly(modules: tuple[str, ...]) -> None:
    """Import `modules` with Python's cyclic garbage collector off: imports make hundreds of
    thousands of objects that all live as long as the server, and the collector walked them over
    400 times (a fifth of the warm-up's CPU, 0.16 s of 0.82). Only while importing: reading
    and checking a large dataset (a minute at 100,000 events, pages running meanwhile) keeps it
    on. The loaded data then freezes what exists out of later collections (components/data.py)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        for module in modules:
            importlib.import_module(module)
    finally:
        if was_on:
            gc.enable()


def _streamlit_first_use() -> None:
    """What Streamlit does once per process, the first time a page draws something, done here
    instead of in the first visitor's page (about 0.2 s of it; tests/test_serving.py checks
    these functions still exist in the pinned Streamlit):
    - a label's leading emoji is read with a pattern of every emoji, compiled on the first label
      that is not plain ASCII (the language picker's "Français" and "العربية");
    - the first element checks once whether Streamlit runs in a Python prompt, by reading the
      source file of every frame on the calling thread's stack: a page's stack is deep, this
      thread's is not (no warning is printed: the server's runtime exists)."""
    from streamlit import delta_generator
    from streamlit.string_util import extract_leading_emoji

    extract_leading_emoji("Français")
    delta_generator._maybe_print_use_warning()


def skip_installed_component_scan() -> bool:
    """Streamlit looks through every installed package's metadata for components of its second
    kind (about 0.1 s of the 2 s before a fresh server answers); Crossings uses none (its one
    component, the map's st_folium, is of the first kind, declared when a page runs), so the
    search is skipped. Returns whether it was: a Streamlit that no longer has the function keeps
    its own behaviour (tests/test_serving.py says so when that happens)."""
    try:
        from streamlit.components.v2 import manifest_scanner
    except ImportError:
        return False
    if not hasattr(manifest_scanner, "scan_component_manifests"):
        return False
    manifest_scanner.scan_component_manifests = _no_installed_components
    return True


def _no_installed_components(max_workers: int | None = None) -> list:
    return []


@asynccontextmanager
async def warm_up(_app: object) -> AsyncIterator[None]:
    """st.App lifespan: start warming as the server starts; nothing to undo at the end."""
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(
        _OutsideASession())
    threading.Thread(target=warm, name=_THREAD, daemon=True).start()
    yield
