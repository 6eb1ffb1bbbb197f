"""Who may write to the data: the editor password, kept only as a hash, and the throttle that
slows down a client guessing it without locking anyone else out.

    python -m crossings.access hash          # asks for the password, prints the line for secrets.toml

The password is stored as an Argon2id hash (argon2-cffi, the reference implementation's
maintained binding, with its default cost: about 0.1 s and 64 MiB per check), so the secrets
file never holds it in plain text; the library compares in constant time.

Guesses are slowed per client: a client is its address (taken from a trusted proxy's
X-Forwarded-For only when the connection comes from that proxy) together with its browser (a
token its browser keeps across reloads). Each client has a few free tries, then waits before
the next one, twice as long after each further wrong password, never more than a minute. A
stranger elsewhere therefore never slows an editor down; and so that a client cannot start
afresh by dropping its browser token, many wrong passwords from one address slow down that
address's new clients too, in the same way. A browser that has signed in before is exempt from
its address's count. While a client waits, its password is not even checked (a check costs
the server 64 MiB and a tenth of a second).
"""

from __future__ import annotations

import argparse
import getpass
import hashlib
import sys
import threading
from collections import defaultdict, deque
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from crossings.languages import _, ngettext

HASHER = PasswordHasher()  # Argon2id, the library's defaults (RFC 9106's second profile)
HASH_SETTING = "editor_password_hash"  # its name in .streamlit/secrets.toml


@dataclass(frozen=True)
class Editor:
    """Someone allowed to write: how they proved it ('editor password', an account's e-mail,
    'command line'). A write needs one."""

    name: str


class AccessRefusedError(Exception):
    """Not allowed to write (now); the message says why and, when waiting helps, how long."""


def hash_password(password: str) -> str:
    return HASHER.hash(password)


def is_password_hash(value) -> bool:
    return isinstance(value, str) and value.startswith("$argon2")


def password_matches(typed: str | None, stored_hash: str | None) -> bool:
    """True only when a hash is configured and the typed password is the one hashed."""
    if not typed or not is_password_hash(stored_hash):
        return False
    try:
        return HASHER.verify(stored_hash, typed)
    except (VerificationError, InvalidHashError):
        return False


# --- who is guessing ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Client:
    address: str  # the client's network address
    browser: str  # a token its browser keeps across reloads, or one per session


def client_address(connection: str | None, forwarded_for: list[str], trusted_proxies: frozenset[str]) -> str:
    """The client's address. `connection` is the address the request came from (None: this
    machine). X-Forwarded-For is believed only when the connection comes from a trusted proxy,
    and read from the right: the first address that is not itself a trusted proxy."""
    address = connection if isinstance(connection, str) and connection else "127.0.0.1"
    if address not in trusted_proxies:
        return address
    hops = [hop.strip() for header in forwarded_for if isinstance(header, str)
            for hop in header.split(",") if hop.strip()]
    for hop in reversed(hops):
        if hop not in trusted_proxies:
            return hop[:64]
    return address


def browser_token(xsrf_cookie: str | None) -> str | None:
    """A stable name for a browser from Streamlit's XSRF cookie, which the browser keeps for
    as long as it is open and sends with every page load. The cookie's value is masked anew on
    each response ("2|mask|masked token|time"), so the token is unmasked first; only a hash of
    it is kept."""
    if not isinstance(xsrf_cookie, str) or not xsrf_cookie:
        return None
    parts = xsrf_cookie.strip("\"'").split("|")
    token = xsrf_cookie.encode()
    if len(parts) == 4 and parts[0] == "2":
        try:
            mask, masked = bytes.fromhex(parts[1]), bytes.fromhex(parts[2])
            token = bytes(byte ^ mask[i % len(mask)] for i, byte in enumerate(masked)) if mask else masked
        except ValueError:
            pass
    return hashlib.sha256(token).hexdigest()[:16]


# --- the throttle ------------------------------------------------------------------------------

class GuessThrottle:
    """Wrong editor passwords, counted per client and per address. Safe to share between
    sessions (threads); one per server."""

    def __init__(self, free_tries: int = 3, address_free_tries: int = 10,
                 longest_wait: timedelta = timedelta(minutes=1),
                 forget_after: timedelta = timedelta(minutes=15), most_tracked: int = 10_000):
        self.free_tries = free_tries
        self.address_free_tries = address_free_tries
        self.longest_wait = longest_wait
        self.forget_after = forget_after
        self.most_tracked = most_tracked  # bounded memory, whatever a visitor sends
        self._by_client: dict[Client, deque[datetime]] = defaultdict(deque)
        self._by_address: dict[str, deque[datetime]] = defaultdict(deque)
        self._signed_in: dict[Client, datetime] = {}
        self._lock = threading.Lock()

    def delay_after(self, failures: int, free: int) -> timedelta:
        """0 for the free tries, then 1 s, 2 s, 4 s ... up to longest_wait."""
        if failures < free:
            return timedelta(0)
        return min(self.longest_wait, timedelta(seconds=2 ** min(failures - free, 16)))

    def _recent(self, times: deque[datetime], now: datetime) -> deque[datetime]:
        while times and now - times[0] >= self.forget_after:
            times.popleft()
        return times

    def wait(self, client: Client, now: datetime) -> timedelta:
        """How long `client` must wait before its next password is checked (zero: now)."""
        with self._lock:
            own = self._recent(self._by_client.get(client, deque()), now)
            waits = [own[-1] + self.delay_after(len(own), self.free_tries) - now] if own else []
            if client not in self._signed_in:
                shared = self._recent(self._by_address.get(client.address, deque()), now)
                if shared:
                    waits.append(shared[-1] + self.delay_after(
                        len(shared) - self.address_free_tries + self.free_tries, self.free_tries) - now)
            return max([timedelta(0), *waits])

    def failed(self, client: Client, now: datetime) -> timedelta:
        """Count a wrong password; how long the client must now wait."""
        with self._lock:
            self._forget(now)
            self._recent(self._by_client[client], now).append(now)
            self._recent(self._by_address[client.address], now).append(now)
        return self.wait(client, now)

    def succeeded(self, client: Client, now: datetime) -> None:
        with self._lock:
            self._by_client.pop(client, None)
            self._signed_in[client] = now

    def _forget(self, now: datetime) -> None:
        """Drop what is too old to matter, and the oldest beyond most_tracked."""
        for table in (self._by_client, self._by_address):
            for key in [k for k, times in table.items() if not self._recent(times, now)]:
                del table[key]
            while len(table) >= self.most_tracked:
                del table[min(table, key=lambda k: table[k][-1])]
        while len(self._signed_in) >= self.most_tracked:
            del self._signed_in[min(self._signed_in, key=self._signed_in.get)]


def seconds_text(span: timedelta) -> str:
    seconds = max(1, -(-int(span.total_seconds() * 1000) // 1000))  # rounded up: never "0 seconds"
    return ngettext("{count} second", "{count} seconds", seconds).format(count=seconds)


def check_editor(typed: str | None, stored_hash: str | None, client: Client, throttle: GuessThrottle,
                 now: datetime | None = None) -> Editor:
    """The Editor if `typed` is the editor password and the client need not wait; raises
    AccessRefusedError otherwise, without checking the password while the client waits."""
    now = now or datetime.now()
    if not is_password_hash(stored_hash):
        raise AccessRefusedError(_("Writing is turned off: no editor password hash is configured."))
    waiting = throttle.wait(client, now)
    if waiting > timedelta(0):
        raise AccessRefusedError(_("Too many wrong editor passwords from here: try again in {wait}. Nothing "
                                   "was written.").format(wait=seconds_text(waiting)))
    if not password_matches(typed, stored_hash):
        waiting = throttle.failed(client, now)
        if waiting > timedelta(0):
            raise AccessRefusedError(_("The editor password is not correct. Wait {wait} before the next "
                                       "try.").format(wait=seconds_text(waiting)))
        raise AccessRefusedError(_("The editor password is not correct."))
    throttle.succeeded(client, now)
    return Editor("editor password")


# --- the command that makes the hash -----------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m crossings.access", description="Make the editor password's hash for secrets.toml.")
    parser.add_argument("command", choices=["hash"])
    parser.add_argument("--stdin", action="store_true", help="read the password from standard input")
    args = parser.parse_args(argv)
    if args.stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass("Editor password: ")
        if getpass.getpass("The same again: ") != password:
            print("The two differ; nothing was made.", file=sys.stderr)
            return 1
    if len(password) < 12:
        print("Choose a password of at least 12 characters.", file=sys.stderr)
        return 1
    print(f'{HASH_SETTING} = "{hash_password(password)}"')
    return 0


if __name__ == "__main__":
    sys.exit(main())
