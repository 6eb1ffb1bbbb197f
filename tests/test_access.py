"""Who may write: the editor password kept as an Argon2 hash, and the throttle that slows the one
client guessing it, never the editors (crossings/access.py)."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta

import pytest

import crossings.access as access
from crossings.access import (
    AccessRefusedError,
    Client,
    GuessThrottle,
    browser_token,
    check_editor,
    client_address,
    hash_password,
    password_matches,
)
from crossings.files import ROOT
from tests.test_importing import PASSWORD

NOW = datetime(2026, 3, 1, 9, 30, 0)
HASH = hash_password(PASSWORD)
GUESSER = Client("203.0.113.7", "guesser-browser")
EDITOR_ELSEWHERE = Client("198.51.100.20", "editor-browser")
COLLEAGUE = Client("203.0.113.7", "colleague-browser")  # behind the guesser's router


def test_the_hash_is_argon2id_and_only_the_password_matches():
    assert HASH.startswith("$argon2id$") and PASSWORD not in HASH
    assert password_matches(PASSWORD, HASH)
    assert password_matches("pässwörd", hash_password("pässwörd"))
    for typed in ("wrong", PASSWORD + " ", "", None):
        assert not password_matches(typed, HASH)
    assert not password_matches(PASSWORD, PASSWORD)  # a plain-text password is never compared
    assert not password_matches(PASSWORD, None)
    assert not password_matches(PASSWORD, "$argon2id$broken")


def test_the_command_prints_a_line_for_secrets_toml():
    done = subprocess.run([sys.executable, "-m", "crossings.access", "hash", "--stdin"], cwd=ROOT,
                          input=PASSWORD + "\n", capture_output=True, text=True, timeout=60, check=True)
    name, value = done.stdout.strip().split(" = ")
    assert name == "editor_password_hash"
    assert password_matches(PASSWORD, value.strip('"'))
    short = subprocess.run([sys.executable, "-m", "crossings.access", "hash", "--stdin"], cwd=ROOT,
                           input="short\n", capture_output=True, text=True, timeout=60)
    assert short.returncode == 1 and "at least 12 characters" in short.stderr and not short.stdout


def waits(throttle: GuessThrottle, client: Client, failures: int, start: datetime = NOW) -> list[float]:
    """Fail `failures` times, each as soon as allowed; the wait after each, in seconds."""
    return fail(throttle, client, failures, start)[0]


def fail(throttle: GuessThrottle, client: Client, failures: int, start: datetime = NOW):
    """As waits; also the time of the last failure."""
    now, seen = start, []
    for _ in range(failures):
        now += throttle.wait(client, now)
        seen.append(throttle.failed(client, now).total_seconds())
    return seen, now


def test_the_delay_grows_and_is_capped_at_a_minute():
    throttle = GuessThrottle()
    assert waits(throttle, GUESSER, 12) == [0, 0, 1, 2, 4, 8, 16, 32, 60, 60, 60, 60]


def test_a_strangers_guesses_never_slow_an_editor_elsewhere():
    throttle = GuessThrottle()
    waits(throttle, GUESSER, 40)
    assert throttle.wait(GUESSER, NOW + timedelta(minutes=20)) > timedelta(0)
    assert throttle.wait(EDITOR_ELSEWHERE, NOW + timedelta(minutes=20)) == timedelta(0)
    editor = check_editor(PASSWORD, HASH, EDITOR_ELSEWHERE, throttle, NOW + timedelta(minutes=20))
    assert editor.name == "editor password"


def test_a_reload_does_not_start_afresh():
    """A reload is a new session of the same browser: the same client, the same wait."""
    throttle = GuessThrottle()
    _, now = fail(throttle, GUESSER, 5)
    reloaded = Client(GUESSER.address, GUESSER.browser)
    assert throttle.wait(reloaded, now) == throttle.wait(GUESSER, now) == timedelta(seconds=4)


def test_a_colleague_behind_the_same_router_keeps_free_tries_until_many_guesses():
    throttle = GuessThrottle()
    _, now = fail(throttle, GUESSER, 5)  # 5 wrong passwords from the address: the guesser waits
    assert throttle.wait(GUESSER, now) == timedelta(seconds=4)
    assert throttle.wait(COLLEAGUE, now) == timedelta(0)


def test_dropping_the_browser_token_does_not_start_afresh_after_many_guesses():
    """A guesser who makes a new browser token for each try is one address: after ten wrong
    passwords from it, its new clients wait too, growing to the same one-minute cap."""
    throttle = GuessThrottle()
    now = NOW
    for number in range(12):
        fresh = Client(GUESSER.address, f"fresh-{number}")
        now += throttle.wait(fresh, now)
        throttle.failed(fresh, now)
    assert throttle.wait(Client(GUESSER.address, "fresh-new"), now) == timedelta(seconds=4)
    for number in range(12, 30):
        fresh = Client(GUESSER.address, f"fresh-{number}")
        now += throttle.wait(fresh, now)
        throttle.failed(fresh, now)
    assert throttle.wait(Client(GUESSER.address, "fresh-new"), now) == timedelta(minutes=1)


def test_an_editor_who_signed_in_before_is_not_slowed_by_the_address():
    throttle = GuessThrottle()
    check_editor(PASSWORD, HASH, COLLEAGUE, throttle, NOW)
    waits(throttle, GUESSER, 30)
    later = NOW + timedelta(minutes=10)
    assert throttle.wait(COLLEAGUE, later) == timedelta(0)
    assert check_editor(PASSWORD, HASH, COLLEAGUE, throttle, later).name == "editor password"


def test_wrong_passwords_are_forgotten_after_a_quarter_of_an_hour():
    throttle = GuessThrottle()
    waits(throttle, GUESSER, 6)
    assert throttle.wait(GUESSER, NOW + timedelta(minutes=16)) == timedelta(0)
    assert waits(throttle, GUESSER, 3, NOW + timedelta(minutes=30)) == [0, 0, 1]


def test_a_right_password_clears_the_clients_count():
    throttle = GuessThrottle()
    waits(throttle, GUESSER, 4)
    now = NOW + timedelta(seconds=10)
    check_editor(PASSWORD, HASH, GUESSER, throttle, now)
    assert waits(throttle, GUESSER, 3, now) == [0, 0, 1]


def test_while_a_client_waits_its_password_is_not_checked(monkeypatch):
    throttle = GuessThrottle()
    _, now = fail(throttle, GUESSER, 4)
    checked = []
    monkeypatch.setattr(access, "password_matches", lambda *args: checked.append(args) or True)
    with pytest.raises(AccessRefusedError, match=r"try again in 2 seconds\. Nothing was written"):
        check_editor(PASSWORD, HASH, GUESSER, throttle, now)
    assert checked == []


def test_the_messages_say_how_long_to_wait():
    throttle = GuessThrottle()
    messages = []
    now = NOW
    for guess in range(4):
        with pytest.raises(AccessRefusedError) as refused:
            check_editor(f"guess {guess}", HASH, GUESSER, throttle, now)
        messages.append(str(refused.value))
        now += throttle.wait(GUESSER, now)
    assert messages == ["The editor password is not correct.",
                        "The editor password is not correct.",
                        "The editor password is not correct. Wait 1 second before the next try.",
                        "The editor password is not correct. Wait 2 seconds before the next try."]
    with pytest.raises(AccessRefusedError, match="no editor password hash is configured"):
        check_editor(PASSWORD, PASSWORD, GUESSER, throttle, now)


def test_memory_stays_bounded_whatever_clients_send():
    throttle = GuessThrottle(most_tracked=50)
    for number in range(500):
        throttle.failed(Client(f"10.0.{number // 250}.{number % 250}", f"b{number}"), NOW)
    assert len(throttle._by_client) <= 50 and len(throttle._by_address) <= 50


def test_a_forwarded_address_is_believed_only_from_a_trusted_proxy():
    proxies = frozenset({"127.0.0.1"})
    # no proxy configured: the connection's own address, whatever the header says
    assert client_address("203.0.113.7", ["198.51.100.1"], frozenset()) == "203.0.113.7"
    # a visitor connecting directly cannot choose its address by sending the header
    assert client_address("203.0.113.7", ["198.51.100.1"], proxies) == "203.0.113.7"
    # through the proxy on this machine (Streamlit reports this machine as None)
    assert client_address(None, ["198.51.100.1"], proxies) == "198.51.100.1"
    # a forged first hop is ignored: the proxy appends the address it saw, read from the right
    assert client_address("127.0.0.1", ["6.6.6.6, 198.51.100.1"], proxies) == "198.51.100.1"
    assert client_address("127.0.0.1", ["6.6.6.6", "198.51.100.1, 127.0.0.1"], proxies) == "198.51.100.1"
    assert client_address(None, [], proxies) == "127.0.0.1"


def test_a_browser_keeps_its_token_though_streamlit_masks_its_cookie_anew():
    from streamlit.web.server.starlette.starlette_app_utils import generate_xsrf_token_string

    token = bytes(range(16))
    first = generate_xsrf_token_string(token, 1_700_000_000)
    second = generate_xsrf_token_string(token, 1_700_000_000)
    assert first != second  # masked differently on each response
    assert browser_token(first) == browser_token(second)
    assert browser_token(generate_xsrf_token_string(bytes(16), 1_700_000_000)) != browser_token(first)
    assert browser_token(None) is None and browser_token("") is None
    assert browser_token("not|a|streamlit|cookie") is not None
