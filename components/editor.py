"""Who may write: the editor password and the server's count of wrong tries, shared by every
page that writes (Import, Add a record), so the gate is one place. The checking itself is
crossings.data.importing.authorise_write."""

from __future__ import annotations

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from crossings.data.importing import PasswordAttempts


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
