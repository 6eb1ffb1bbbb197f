"""Who may write, as every writing page asks it: the editor password (its hash in secrets) or,
when the server is set up for it, each editor's own account at the organisation's OpenID
Connect provider (Streamlit's st.login). The rules are in crossings/access.py.

    write_form("import", "Replace funding.csv", on_write=write, on_refused=say)

`.streamlit/secrets.toml` (never committed) holds one of:

    editor_password_hash = "$argon2id$..."     # from: python -m crossings.access hash

    editor_accounts = ["amina@ministry.example", "@borders.example"]   # e-mails, or @domain
    [auth]                                     # Streamlit's OpenID Connect settings
    redirect_uri = "http://HOST:8501/oauth2callback"
    cookie_secret = "..."
    client_id = "..."
    client_secret = "..."
    server_metadata_url = "https://login.example/.well-known/openid-configuration"

and, behind a reverse proxy, `trusted_proxies = ["127.0.0.1"]` so the client's own address
is read from the proxy's X-Forwarded-For.
"""

from __future__ import annotations

import secrets as random_tokens
from collections.abc import Callable
from enum import Enum

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from components.errors import LOGGER, error_id, unexpected_error_message
from crossings.access import (
    HASH_SETTING,
    AccessRefusedError,
    Client,
    Editor,
    GuessThrottle,
    browser_token,
    check_editor,
    client_address,
    is_password_hash,
)
from crossings.languages import _
from crossings.text.escaping import markdown_text

XSRF_COOKIE = "_streamlit_xsrf"


class Mode(Enum):
    OFF = "no way to write is configured"
    PLAIN = "a plain-text password is configured, which is no longer read"
    HASHED = "the editor password, kept as a hash"
    SIGN_IN = "each editor's own account"


@st.cache_resource
def guess_throttle() -> GuessThrottle:
    """One count of wrong passwords for the whole server, per client (every session shares it)."""
    return GuessThrottle()


def _secret(name: str, default=None):
    try:
        return st.secrets.get(name, default)
    except (StreamlitSecretNotFoundError, FileNotFoundError):
        return default


def writing_mode() -> Mode:
    auth = _secret("auth")
    if auth is not None and auth.get("client_id") and auth.get("server_metadata_url"):
        return Mode.SIGN_IN
    if is_password_hash(_secret(HASH_SETTING)):
        return Mode.HASHED
    if _secret("editor_password"):
        return Mode.PLAIN
    return Mode.OFF


def current_client() -> Client:
    """This visitor: its address (a trusted proxy's X-Forwarded-For only) and its browser."""
    proxies = frozenset(str(p) for p in (_secret("trusted_proxies") or []))
    address = client_address(st.context.ip_address, st.context.headers.get_all("X-Forwarded-For"), proxies)
    browser = browser_token(st.context.cookies.get(XSRF_COOKIE))
    if browser is None:  # no cookie (XSRF protection off, or a test): this session
        browser = st.session_state.setdefault("_crossings_browser", random_tokens.token_hex(8))
    return Client(address, browser)


def account_is_editor(email: str | None) -> bool:
    if not email:
        return False
    email = email.strip().lower()
    for allowed in _secret("editor_accounts") or []:
        allowed = str(allowed).strip().lower()
        if email == allowed or (allowed.startswith("@") and email.endswith(allowed)):
            return True
    return False


def signed_in_editor() -> Editor | None:
    """The signed-in account, if it is one of editor_accounts."""
    if not st.user.is_logged_in:
        return None
    email = st.user.get("email")
    return Editor(str(email)) if account_is_editor(email) else None


def preview_only_notice(mode: Mode) -> str | None:
    """Why this server only previews, or None when someone may write."""
    if mode is Mode.OFF:
        return _("**Preview only.** Writing is turned off on this server: no editor password is set. "
                 "To allow it, run `python -m crossings.access hash`, put the line it prints in "
                 "`.streamlit/secrets.toml` and restart the app (README, Editing the data).")
    if mode is Mode.PLAIN:
        return _("**Preview only.** The server's secrets hold the editor password in plain text "
                 "(`editor_password`), which is no longer read. Run `python -m crossings.access hash`, "
                 "replace that line with the one it prints, and restart the app.")
    return None


def write_form(key: str, label: str, on_write: Callable[[Editor], None],
               on_refused: Callable[[str], None]) -> None:
    """The way to write on this server: a sign-in and a button, or a password form. on_write
    runs (before the page is drawn again) only for an editor; on_refused gets the reason."""
    mode = writing_mode()
    notice = preview_only_notice(mode)
    if notice:
        st.info(notice, icon=":material/lock:")
        return
    if mode is Mode.SIGN_IN:
        _sign_in_form(key, label, on_write)
        return
    with st.form(f"{key}_write", border=True):
        st.text_input(_("Editor password"), type="password", key=f"{key}_password")
        st.form_submit_button(label, type="primary", on_click=_password_submitted,
                              args=(key, on_write, on_refused))


def _password_submitted(key: str, on_write: Callable[[Editor], None],
                        on_refused: Callable[[str], None]) -> None:
    typed = st.session_state.get(f"{key}_password")
    st.session_state[f"{key}_password"] = ""  # never kept after an attempt
    try:
        editor = check_editor(typed, _secret(HASH_SETTING), current_client(), guess_throttle())
    except AccessRefusedError as refused:
        on_refused(str(refused))
        return
    except Exception:  # a callback runs before app.py's guard: the same short message and id
        number = error_id()
        LOGGER.exception("Unexpected error %s", number)
        on_refused(unexpected_error_message(number))
        return
    on_write(editor)


def _sign_in_form(key: str, label: str, on_write: Callable[[Editor], None]) -> None:
    if not st.user.is_logged_in:
        st.info(_("Editors sign in with their own account to write."), icon=":material/lock:")
        if st.button(_("Sign in to write"), key=f"{key}_sign_in", icon=":material/login:"):
            st.login()
        return
    email = st.user.get("email") or _("an account without an e-mail address")
    editor = signed_in_editor()
    with st.container(horizontal=True, vertical_alignment="center"):
        if editor:
            st.caption(_("Signed in as {account}").format(account=markdown_text(email)))
        else:
            st.caption(_("Signed in as {account}, which is not an editor on this server.").format(
                account=markdown_text(email)))
        if st.button(_("Sign out"), key=f"{key}_sign_out"):
            st.logout()
    if editor is not None:
        st.button(label, type="primary", key=f"{key}_write_button", on_click=on_write, args=(editor,))
