"""Loaded by every Python process started with this folder on PYTHONPATH (devtools.browser's
`audited_env`): any attempt to reach a host other than this machine (a name looked up, a
connection, a datagram sent) is refused and written, one line each, to the file named by
CROSSINGS_NET_AUDIT_LOG. Tests read that file: a server that tries to leave the machine fails
them, and says where it tried to go.

Python's audit hooks see every socket the standard library, tornado, uvicorn or urllib open, so
nothing written in Python gets past; the hook raises OSError, which callers treat as a network
that is down, as on a presenter's laptop with no connection."""

from __future__ import annotations

import ipaddress
import os
import sys
from pathlib import Path

_LOG = os.environ.get("CROSSINGS_NET_AUDIT_LOG")
_LOCAL_NAMES = {"", "localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}


def _is_local(host) -> bool:
    if host is None or isinstance(host, bytes | bytearray):
        host = (host or b"").decode("ascii", "replace")
    host = str(host).strip("[]").split("%")[0].lower()
    if host in _LOCAL_NAMES:
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False  # a name to look up elsewhere: that is leaving the machine
    return address.is_loopback or address.is_unspecified


def _host_of(event: str, args: tuple):
    if event == "socket.getaddrinfo":
        return args[0]
    if event in ("socket.gethostbyname", "socket.gethostbyname_ex", "socket.gethostbyaddr"):
        return args[0]
    if event in ("socket.connect", "socket.sendto"):
        address = args[1] if event == "socket.connect" else args[-1]
        if isinstance(address, tuple):
            return address[0]
        return ""  # a Unix socket path: local
    return ""


def _audit(event: str, args: tuple) -> None:
    if not event.startswith("socket."):
        return
    host = _host_of(event, args)
    if _is_local(host):
        return
    with Path(_LOG).open("a", encoding="utf-8") as log:
        log.write(f"{os.getpid()} {event} {host!r}\n")
    raise OSError(f"blocked by the network audit: {event} {host!r}")


if _LOG:
    sys.addaudithook(_audit)
