"""Who may write: the editor password and the server's count of wrong tries, shared by every
page that writes (Import, Add a record), so the gate is one place. The checking itself is
crossings.data.importing.authorise_write."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from crossings.data.importing import ImportRefusedError, PasswordAttempts


@st.cache_resource
def password_attempts() -> PasswordAttempts:
    """One count of wrong passwords for the whole server (every session and page shares it)."""
    return PasswordAttempts()


def editor_password() -> str | None:
    """The editor password from Streamlit secrets; None when none is set."""
    try:
        value = st.secrets.get("editor_password")
    except (StreamlitSecretNotFoundError, FileNotFoundError):
        return None
    return value if isinstance(value, str) and value else None


def editor_notice() -> str | None:
    """The editor password, after saying at the top of a writing page when there is none."""
    password = editor_password()
    if password is None:
        st.caption(":material/lock: Preview only on this server: no editor password is set.")
    return password


def write_as_editor(password_key: str, outcome_key: str, what: str,
                    write: Callable[[str | None, str | None, PasswordAttempts], str]) -> bool:
    """From a write button's callback: takes the typed password out of the session (it is never
    kept after an attempt), runs `write(typed, configured password, attempts)` and keeps its
    success message, or the reason nothing was written, in `outcome_key` for the page to show.
    Returns whether it wrote."""
    typed = st.session_state.get(password_key)
    st.session_state[password_key] = ""
    try:
        message = write(typed, editor_password(), password_attempts())
    except ImportRefusedError as refused:
        st.session_state[outcome_key] = ("error", str(refused))
        return False
    except OSError as err:
        st.session_state[outcome_key] = ("error", f"Could not write {what} ({err.strerror}). "
                                                  "Nothing was changed.")
        return False
    st.session_state[outcome_key] = ("success", message)
    return True
