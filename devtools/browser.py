"""Start `streamlit run` on a free port and open pages in Debian's headless Chromium, with every
request that would leave the machine blocked and recorded."""

from __future__ import annotations

import contextlib
import functools
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
NET_AUDIT_DIR = Path(__file__).resolve().parent / "net_audit"  # its sitecustomize.py refuses and logs
CHROMIUM = os.environ.get("CROSSINGS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def audited_env(outbound_log: Path) -> dict[str, str]:
    """Environment for a Python process whose every attempt to reach another machine is refused
    and written to outbound_log (devtools/net_audit/sitecustomize.py)."""
    outbound_log.touch()
    path = os.pathsep.join(p for p in (str(NET_AUDIT_DIR), os.environ.get("PYTHONPATH", "")) if p)
    return {"PYTHONPATH": path, "CROSSINGS_NET_AUDIT_LOG": str(outbound_log)}


def outbound_attempts(outbound_log: Path) -> list[str]:
    """What the audited process tried to reach outside the machine, one line each."""
    return outbound_log.read_text().splitlines() if outbound_log.exists() else []


@dataclass
class AppServer:
    url: str
    process: subprocess.Popen
    log_path: Path
    started_in: float  # seconds from launch to a healthy server
    outbound_log: Path | None = None

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def outbound(self) -> list[str]:
        """Every attempt the server made to reach another machine (all were refused)."""
        return outbound_attempts(self.outbound_log) if self.outbound_log else []


def app_command(port: int, entry: str = "serve.py") -> list[str]:
    """How the tests start the app: as the README does (`streamlit run serve.py`, what `./dev.sh
    run` runs), but on loopback only, so a test server is never on the network. `entry="app.py"`
    starts plain Streamlit instead (benchmarks compare)."""
    return [sys.executable, "-m", "streamlit", "run", str(ROOT / entry),
            "--server.port", str(port), "--server.address", "127.0.0.1",
            "--server.headless", "true", "--browser.gatherUsageStats", "false"]


@contextlib.contextmanager
def run_app(log_dir: Path, env: dict[str, str] | None = None, timeout: float = 60,
            command: Callable[[int], list[str]] | None = None,
            entry: str = "serve.py") -> Iterator[AppServer]:
    """The app (`command` of a free port; by default app_command with `entry`) until the block
    ends. Any attempt of the server to reach another machine is refused and recorded
    (AppServer.outbound)."""
    command = command or functools.partial(app_command, entry=entry)
    port = free_port()
    log_path = log_dir / f"streamlit-{port}.log"
    outbound_log = log_dir / f"streamlit-{port}-outbound.log"
    started = time.perf_counter()
    with log_path.open("w") as log:
        process = subprocess.Popen(command(port), cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                                   env={**os.environ, **audited_env(outbound_log), **(env or {})})
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = started + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.perf_counter() > deadline:
                raise RuntimeError(f"streamlit did not start:\n{log_path.read_text()}")
            time.sleep(0.05)  # a start is timed from here (bench/browser_pages.py)
        yield AppServer(url, process, log_path, time.perf_counter() - started, outbound_log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@dataclass
class PageRecord:
    """What happened while a page was open."""

    console_errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)  # requests that would have left the machine
    http_errors: list[str] = field(default_factory=list)  # "404 url" for the app's own failures
    bytes_received: int = 0


# On a deep link (/map) Streamlit's frontend first probes /map/_stcore/... to find its base
# path, gets a 404 and retries at the root: expected, not a fault of the app.
_BASE_PATH_PROBES = ("/_stcore/health", "/_stcore/host-config")


def _is_base_path_probe(url: str) -> bool:
    path = urlparse(url).path
    return path.endswith(_BASE_PATH_PROBES) and path not in _BASE_PATH_PROBES


def offline_page(browser, base_url: str, width: int = 1440, height: int = 1000, locale: str | None = None):
    """A new page that may talk only to the app's own host, in a browser set to `locale` (its
    language, as the app reads it) when given. Returns (page, record)."""
    host = urlparse(base_url).netloc
    record = PageRecord()
    context = browser.new_context(viewport={"width": width, "height": height},
                                  **({"locale": locale} if locale else {}))
    page = context.new_page()

    def route(request_route):
        url = request_route.request.url
        if urlparse(url).netloc == host or url.startswith(("data:", "blob:")):
            request_route.continue_()
        else:
            record.blocked.append(url)
            request_route.abort()

    def count(response):
        if response.status >= 400 and not _is_base_path_probe(response.url):
            record.http_errors.append(f"{response.status} {response.url}")
        with contextlib.suppress(Exception):
            record.bytes_received += len(response.body())

    def console(message):
        # failed loads are recorded with their address by `count` (or as blocked) instead
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            record.console_errors.append(message.text)

    page.route("**/*", route)
    page.on("console", console)
    page.on("pageerror", lambda error: record.console_errors.append(str(error)))
    page.on("response", count)
    return page, record


def cut_off_context(browser, base_url: str, width: int = 1440, height: int = 1000):
    """A browser context that reaches only the app's own host, the rest of the network cut by a
    proxy that does not exist (loopback bypasses it) instead of offline_page's interception:
    Playwright's interception costs every request a round trip to this process and turns the
    HTTP cache off, so timings and repeat visits are measured with this. Returns (context,
    failed): the addresses elsewhere the pages tried and could not reach."""
    host = urlparse(base_url).hostname
    context = browser.new_context(viewport={"width": width, "height": height},
                                  proxy={"server": "http://127.0.0.1:9", "bypass": host})
    failed: list[str] = []
    context.on("requestfailed", lambda request: failed.append(request.url)
               if urlparse(request.url).hostname != host else None)
    return context, failed


def wait_until_rendered(page, extra_ms: int = 800, timeout_ms: int = 30000) -> None:
    """Wait for the app to appear and for Streamlit's 'running' indicator to go away."""
    page.wait_for_selector("[data-testid='stApp']", timeout=timeout_ms)
    # the script has run once the main area holds an element (before that only the page list shows);
    # one that takes room: the frame's first elements are scripts with no size (language, printing)
    page.wait_for_selector("[data-testid='stMainBlockContainer'] [data-testid='stElementContainer']:visible",
                           timeout=timeout_ms)
    for _ in range(2):  # twice: a first run may trigger a second (query params, widget state)
        page.wait_for_timeout(400)
        # the status widget shows only after a delay; a cached loader's spinner shows at once
        page.wait_for_function(
            "!document.querySelector('[data-testid=\"stStatusWidget\"], [data-testid=\"stSpinner\"]')",
            timeout=timeout_ms)
    page.wait_for_timeout(extra_ms)


def launch_chromium(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
