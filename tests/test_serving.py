"""Serving: files compressed once and revalidated (serving/compression.py), the routes list, and
the server as `./dev.sh run` starts it (serve.py)."""

from __future__ import annotations

import asyncio
import gzip
import re
import urllib.request

import pytest
from starlette.routing import Route

from serving.compression import IMMUTABLE, REVALIDATE, CompressedFiles, content_tag
from serving.routes import route_prefixes

SCRIPT = b"function crossings() { return 'a border crossing'; }\n" * 200  # 10,800 bytes


class FakeApp:
    """Answers every request with `body` as `content_type`, and records what it was asked."""

    def __init__(self, body: bytes = SCRIPT, content_type: bytes = b"application/javascript",
                 extra: list[tuple[bytes, bytes]] | None = None, status: int = 200):
        self.body, self.content_type, self.extra, self.status = body, content_type, extra or [], status
        self.asked: list[dict] = []

    async def __call__(self, scope, receive, send):
        self.asked.append(scope)
        headers = [(b"content-type", self.content_type), (b"content-length", str(len(self.body)).encode()),
                   *self.extra]
        await send({"type": "http.response.start", "status": self.status, "headers": headers})
        half = len(self.body) // 2  # in two parts, as a file is streamed
        await send({"type": "http.response.body", "body": self.body[:half], "more_body": True})
        await send({"type": "http.response.body", "body": self.body[half:]})


def get(app, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    scope = {"type": "http", "method": "GET", "path": path,
             "headers": [(k.replace("_", "-").encode(), v.encode()) for k, v in headers.items()]}
    sent: list[dict] = []

    async def receive():
        return {"type": "http.request", "body": b""}

    async def send(message):
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    start = sent[0]
    body = b"".join(m.get("body", b"") for m in sent[1:])
    return start["status"], {k.decode(): v.decode() for k, v in start["headers"]}, body


def test_a_file_is_sent_gzipped_with_an_etag_from_its_content(tmp_path):
    files = CompressedFiles(FakeApp(), disk=tmp_path)
    status, headers, body = get(files, "/static/js/index.abc.js", accept_encoding="gzip, deflate, br")
    assert status == 200
    assert headers["content-encoding"] == "gzip"
    assert gzip.decompress(body) == SCRIPT
    assert int(headers["content-length"]) == len(body) < len(SCRIPT) / 10
    assert headers["etag"] == f'"{content_tag(SCRIPT)}-gzip"'
    assert headers["vary"] == "Accept-Encoding"


def test_the_inner_server_is_asked_for_the_plain_file(tmp_path):
    """Streamlit's own gzip middleware would compress again on every request."""
    inner = FakeApp()
    get(CompressedFiles(inner, disk=tmp_path), "/app/static/vendor/leaflet/leaflet.js",
        accept_encoding="gzip")
    assert [k for k, _ in inner.asked[0]["headers"]] == []


def test_each_file_is_compressed_once_and_kept_on_disk(tmp_path, monkeypatch):
    calls = []
    original = gzip.compress
    monkeypatch.setattr(gzip, "compress", lambda *a, **k: calls.append(1) or original(*a, **k))
    big = SCRIPT * 10  # over the size compressed on the event loop, so it is kept on disk
    first = CompressedFiles(FakeApp(big), disk=tmp_path)
    bodies = [get(first, "/static/js/plotly.js", accept_encoding="gzip")[2] for _ in range(3)]
    assert len(calls) == 1
    assert (tmp_path / f"{content_tag(big)}.gz").read_bytes() == bodies[0] == bodies[2]
    restarted = CompressedFiles(FakeApp(big), disk=tmp_path)  # a new process: read from disk
    assert get(restarted, "/static/js/plotly.js", accept_encoding="gzip")[2] == bodies[0]
    assert len(calls) == 1


def test_a_changed_file_is_compressed_again(tmp_path):
    inner = FakeApp()
    files = CompressedFiles(inner, disk=tmp_path)
    first = get(files, "/app/static/generated/countries.json", accept_encoding="gzip")
    inner.body = SCRIPT.replace(b"border", b"bridge")
    second = get(files, "/app/static/generated/countries.json", accept_encoding="gzip")
    assert gzip.decompress(second[2]) == inner.body
    assert first[1]["etag"] != second[1]["etag"]


def test_a_browser_that_has_the_file_gets_304_and_no_body(tmp_path):
    files = CompressedFiles(FakeApp(), disk=tmp_path)
    etag = get(files, "/component/streamlit_folium.st_folium/main.js", accept_encoding="gzip")[1]["etag"]
    status, headers, body = get(files, "/component/streamlit_folium.st_folium/main.js",
                                accept_encoding="gzip", if_none_match=etag)
    assert (status, body) == (304, b"")
    assert headers["etag"] == etag
    assert "content-length" not in headers
    # the uncompressed file's tag matches too (a browser that asked without gzip before)
    plain = f'W/"{content_tag(SCRIPT)}"'
    assert get(files, "/component/streamlit_folium.st_folium/main.js", if_none_match=plain)[0] == 304
    assert get(files, "/component/streamlit_folium.st_folium/main.js", if_none_match='"other"')[0] == 200


@pytest.mark.parametrize(("path", "inner_policy", "policy"), [
    ("/static/js/index.abc.js", "public, immutable, max-age=31536000", "public, immutable, max-age=31536000"),
    ("/app/static/generated/countries-520f758ee19d.json", None, IMMUTABLE),
    ("/app/static/vendor/leaflet/leaflet.js", None, REVALIDATE),
    ("/component/streamlit_folium.st_folium/main.js", "public", REVALIDATE),
    ("/map", "no-cache", REVALIDATE),
])
def test_cache_control(tmp_path, path, inner_policy, policy):
    extra = [(b"cache-control", inner_policy.encode())] if inner_policy else []
    headers = get(CompressedFiles(FakeApp(extra=extra), disk=tmp_path), path)[1]
    assert headers["cache-control"] == policy


def test_without_gzip_in_accept_encoding_the_file_is_sent_plain(tmp_path):
    files = CompressedFiles(FakeApp(), disk=tmp_path)
    for accepted in ("", "br", "gzip;q=0, br"):
        status, headers, body = get(files, "/static/js/index.abc.js", accept_encoding=accepted)
        assert (status, body) == (200, SCRIPT)
        assert "content-encoding" not in headers
        assert headers["etag"] == f'"{content_tag(SCRIPT)}"'


def test_images_and_small_files_are_not_compressed(tmp_path):
    image = CompressedFiles(FakeApp(b"\x89PNG" * 1000, b"image/png"), disk=tmp_path)
    small = CompressedFiles(FakeApp(b"body { color: red }", b"text/css"), disk=tmp_path)
    for files in (image, small):
        headers = get(files, "/app/static/x", accept_encoding="gzip")[1]
        assert "content-encoding" not in headers
        assert "etag" in headers


@pytest.mark.parametrize(("path", "headers"), [
    ("/_stcore/health", {"accept_encoding": "gzip"}),
    ("/media/abc.csv", {"accept_encoding": "gzip"}),
    ("/api/view.csv", {"accept_encoding": "gzip"}),
    ("/static/js/index.abc.js", {"accept_encoding": "gzip", "range": "bytes=0-99"}),
])
def test_live_endpoints_media_routes_and_ranges_go_through_untouched(tmp_path, path, headers):
    inner = FakeApp()
    files = CompressedFiles(inner, passed_through=route_prefixes([Route("/api/view.{kind}", lambda r: None)]),
                            disk=tmp_path)
    status, answered, body = get(files, path, **headers)
    assert (status, body) == (200, SCRIPT)
    assert "etag" not in answered and "content-encoding" not in answered
    assert (b"accept-encoding", b"gzip") in inner.asked[0]["headers"]  # left for Streamlit's gzip


def test_errors_are_passed_on_as_they_are(tmp_path):
    files = CompressedFiles(FakeApp(b"Not Found" * 200, b"text/plain", status=404), disk=tmp_path)
    status, headers, body = get(files, "/app/static/missing.js", accept_encoding="gzip")
    assert (status, body) == (404, b"Not Found" * 200)
    assert "etag" not in headers


def test_route_prefixes():
    routes = [Route("/api/view.{kind}", lambda r: None), Route("/robots.txt", lambda r: None)]
    assert route_prefixes(routes) == ("/api/view.", "/robots.txt")


@pytest.mark.server
def test_the_served_app_sends_streamlits_frontend_compressed_and_revalidates(tmp_path):
    """`streamlit run serve.py` (./dev.sh run): the page document and Streamlit's bundles gzipped;
    the document revalidated with a 304."""
    from devtools.browser import run_app

    with run_app(tmp_path) as server:
        def fetch(path, **headers):
            request = urllib.request.Request(server.url + path, headers={
                k.replace("_", "-"): v for k, v in {"accept_encoding": "gzip", **headers}.items()})
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    return response.status, response.headers, response.read()
            except urllib.error.HTTPError as error:
                return error.code, error.headers, b""

        status, headers, body = fetch("/map")
        assert (status, headers["content-encoding"]) == (200, "gzip")
        document = gzip.decompress(body).decode()
        bundle = re.search(r'src="\./(static/js/index\.[\w-]+\.js)"', document).group(1)
        assert fetch("/map", if_none_match=headers["etag"])[0] == 304
        status, headers, body = fetch(f"/{bundle}")
        assert (status, headers["content-encoding"]) == (200, "gzip")
        assert "immutable" in headers["cache-control"]
        assert len(body) < len(gzip.decompress(body)) / 2


def test_nothing_heavy_is_imported_before_the_server_listens():
    """serve.py is imported before the server answers anything: the core's pandas and pandera
    (half a second) are left to the warm-up thread and the data address's first request."""
    import subprocess
    import sys
    from pathlib import Path

    code = ("import sys, serve\n"
            "print(sorted(m for m in ('pandas', 'pandera', 'pyarrow', 'folium') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[1],
                          capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_streamlits_search_of_installed_packages_for_components_is_skipped(monkeypatch):
    """The pinned Streamlit still has the function serve.py replaces, and its component manager
    calls it: after the replacement, it reads no package metadata."""
    import importlib.metadata

    from streamlit.components.v2 import manifest_scanner
    from streamlit.components.v2.component_manager import BidiComponentManager

    from serving.warm_up import skip_installed_component_scan

    scan = manifest_scanner.scan_component_manifests
    monkeypatch.setattr(manifest_scanner, "scan_component_manifests", scan)  # put back afterwards
    read: list[str] = []
    monkeypatch.setattr(importlib.metadata, "distributions",
                        lambda *a, **k: read.append("metadata") or iter(()))
    BidiComponentManager().discover_and_register_components(start_file_watching=False)
    assert read == ["metadata"]  # Streamlit's own search reads every package's metadata
    read.clear()
    assert skip_installed_component_scan()
    BidiComponentManager().discover_and_register_components(start_file_watching=False)
    assert read == []


def test_warming_up_does_streamlits_first_use_and_leaves_the_collector_on():
    """serving.warm_up.warm, in a process of its own: no failure logged, the garbage collector on
    again, the page modules imported, and what Streamlit does once per process already done
    (the emoji pattern loaded, the check for a Python prompt made), so the first page does not."""
    import subprocess
    import sys
    from pathlib import Path

    code = ("import gc, sys, streamlit.delta_generator as dg\n"
            "from serving.warm_up import MODULES, warm\n"
            "warm()\n"
            "print(gc.isenabled(), dg._use_warning_has_been_displayed, 'streamlit.emojis' in sys.modules,\n"
            "      all(m in sys.modules for m in MODULES))\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[1],
                          capture_output=True, text=True, check=True, timeout=120)
    assert "warming up failed" not in done.stderr, done.stderr
    assert done.stdout.split() == ["True", "True", "True", "True"]
