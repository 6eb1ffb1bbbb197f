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


# What every page, or the pages people open first (the map, the charts), import. Not the
# presenter's exports (matplotlib, reportlab, python-pptx: a second of CPU): importing them
# here would compete with the first page's run for the same cores; the presenter imports them.
MODULES = ("components.sidebar", "components.layout", "components.links", "components.downloads",
           "components.map_widget", "components.country_profile", "crossings.figures.activity_map",
           "crossings.figures.budget", "crossings.figures.timeline", "crossings.views.metrics")


def warm() -> None:
    """Import what the first pages use, then load what every page reads first."""
    try:
        for module in MODULES:
            importlib.import_module(module)
        from components.data import get_choices
        from components.map_widget import world_url

        get_choices()  # the dataset, then what the sidebar offers
        world_url()  # the outlines simplified (or read from .cache/) and written to static/
        from crossings.languages import LANGUAGES
        from crossings.languages.catalogue import translations

        for code in LANGUAGES:  # the catalogues compiled (about 0.1 s), before a visitor asks
            translations(code)
        # Streamlit reads a widget label's leading emoji or icon with a pattern of every emoji,
        # compiled when the first label is drawn: a tenth of a second of the first page
        from streamlit.string_util import extract_leading_emoji

        extract_leading_emoji("Crossings")
    except Exception:  # the page will do it again and show what went wrong
        _LOGGER.warning("warming up failed; the first page does the work itself", exc_info=True)


@asynccontextmanager
async def warm_up(_app: object) -> AsyncIterator[None]:
    """st.App lifespan: start warming as the server starts; nothing to undo at the end."""
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(
        _OutsideASession())
    threading.Thread(target=warm, name=_THREAD, daemon=True).start()
    yield
