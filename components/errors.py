"""What a visitor sees when something goes wrong: a short message, never the server's insides.

Streamlit's own error box shows the exception, its traceback (absolute paths and source
lines) and, on localhost, links that send the message to Google and ChatGPT. The app sets
`client.showErrorDetails = "none"` (.streamlit/config.toml), so anything that escapes still
shows only Streamlit's generic sentence, and app.py runs the sidebar and the page inside
`page_guard`, which shows a sentence with an error id and writes the details, under that id,
to the server log only.
"""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import Iterator

import streamlit as st
from streamlit.logger import get_logger

from crossings.data.loading import DataFolderError
from crossings.languages import N_, _

LOGGER = get_logger("crossings")  # Streamlit's format, to the server's console
NO_DATA_FOLDER = N_("**The data cannot be read on this server**, so there is nothing to show. "
                    "Whoever runs it: the folder of CSV files it was given (`data/`, or "
                    "`CROSSINGS_DATA_DIR`) is missing or is not a folder; the server log names it. "
                    "Then reload this page.")


def error_id() -> str:
    """Eight hex digits: short enough to read out on a call, enough to find in a day's log."""
    return secrets.token_hex(4)


def unexpected_error_message(number: str) -> str:
    return _("Something went wrong while drawing this page. It is recorded as **error {number}** in "
             "the server log; quote that number when you report it. The other pages still work, "
             "and **Clear all filters** in the sidebar or a reload often gets past it.").format(number=number)


@contextlib.contextmanager
def page_guard() -> Iterator[None]:
    """Run the sidebar and the page inside this. Streamlit's own control flow (st.rerun,
    st.stop, st.switch_page) passes through: it is a BaseException, not an Exception."""
    try:
        yield
    except DataFolderError as err:
        LOGGER.error("The data folder cannot be read: %s", err)  # not for the catalogue
        st.error(_(NO_DATA_FOLDER), icon=":material/folder_off:")
    except Exception:
        number = error_id()
        LOGGER.exception("Unexpected error %s", number)
        st.error(unexpected_error_message(number), icon=":material/error:")
