"""Nothing leaves the machine at run time, the server included: `./dev.sh run`, exactly as the
README gives it, started with every attempt to reach another machine refused and logged
(devtools/net_audit), serving on every interface so people in the room can open it."""

from __future__ import annotations

import hashlib
import urllib.request
from pathlib import Path

import pytest

from crossings.files import ROOT
from devtools.browser import run_app

pytestmark = pytest.mark.server


def readme_run_command(port: int) -> list[str]:
    """The README's command, with the port as its extra arguments (`./dev.sh run --server.port N`)."""
    return [str(ROOT / "dev.sh"), "run", "--server.port", str(port)]


def _installed() -> bool:
    """dev.sh installs when requirements.txt changed; a test must not (it would need the network)."""
    stamp = ROOT / ".venv" / ".requirements.sha256"
    want = hashlib.sha256((ROOT / "requirements.txt").read_bytes()).hexdigest()
    return stamp.exists() and stamp.read_text().strip() == want


def listening_addresses(port: int) -> set[str]:
    """The local addresses a socket on `port` listens on, from /proc/net/tcp and tcp6."""
    found = set()
    for table in ("tcp", "tcp6"):
        path = Path("/proc/net") / table
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found.add(address)
    return found


def test_readme_run_command_reaches_nothing_outside_and_serves_the_room(tmp_path):
    if not _installed():
        pytest.skip("requirements.txt changed since the last install: run ./dev.sh test first")
    with run_app(tmp_path, command=readme_run_command) as server:
        with urllib.request.urlopen(f"{server.url}/", timeout=10) as response:
            assert response.status == 200
        port = int(server.url.rsplit(":", 1)[1])
        addresses = listening_addresses(port)
        log = server.log()
    # Streamlit asks checkip.amazonaws.com for the machine's address when it prints where it
    # serves; .streamlit/config.toml names that address instead (browser.serverAddress).
    assert server.outbound() == [], log
    assert "external IP" not in log
    assert f"http://localhost:{port}" in log
    # on every interface (0.0.0.0 or ::), not loopback only: the room reaches the presenter
    if Path("/proc/net/tcp").exists():
        wildcard = {"00000000", "00000000000000000000000000000000"}
        assert addresses & wildcard, addresses
