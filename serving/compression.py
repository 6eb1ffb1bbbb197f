"""Files sent compressed, compressed once, and not sent again to a browser that has them.

Streamlit's server sends its own frontend (the JavaScript, CSS and fonts under /static/, 4.6 MB
for the Map page, 9.3 MB with the chart library) uncompressed on purpose: its gzip middleware
would compress every file again on every request, and Streamlit expects a proxy in front to do
it. On a 1 Mbit/s hotel link that is 40 to 75 seconds before a presenter sees anything. This
middleware compresses each distinct file once (gzip; the result is kept in memory, keyed by a
hash of the content, so a changed file is compressed again and an unchanged one never is; also
kept on disk in .cache/gzip/, so a restarted server does not compress Streamlit's frontend again) and
gives every file an ETag from its content, so a browser that already has a file gets
"304 Not Modified" and no body. Together with Streamlit's one-year, immutable caching of its
content-hashed bundles, a repeat visit sends only what changed.

What it handles: GET requests for files, i.e. everything except Streamlit's live endpoints
(/_stcore/: health, the websocket, uploads), media (/media/: downloads, which may be large or
ranged) and the routes listed in serving.routes (dynamic answers, left to Streamlit's own
per-request gzip). A request with a Range header goes through untouched.

Cache-Control: Streamlit's bundles keep theirs (immutable, a year); the outlines under
/app/static/generated/ carry a hash of their content in their name, so they are immutable too;
every other file (Leaflet, the map component, the page document) is "no-cache": the browser
asks each time and gets a 304 when nothing changed.
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import hashlib
from collections import OrderedDict
from collections.abc import Iterable
from functools import partial
from pathlib import Path

import anyio
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from crossings.files import CACHE_DIR, write_if_changed

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
# Paths not handled here: Streamlit's live endpoints and media.
PASSED_THROUGH = ("/_stcore/", "/media/")
# Files whose address changes with their content: cached by the browser for a year.
IMMUTABLE_PREFIXES = ("/static/", "/app/static/generated/")
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/geo+json",
                "application/xml", "image/svg+xml", "application/manifest+json")
MINIMUM_SIZE = 1000  # bytes: below this gzip's own header makes little worth saving
LEVEL = 6  # gzip level: within 0.3 % of level 9 on Streamlit's bundles, a third faster
CACHE_BYTES = 64 * 1024 * 1024  # compressed files kept; Streamlit's whole frontend is ~8 MB gzipped
INLINE_BYTES = 64 * 1024  # smaller bodies are hashed and compressed on the event loop


def content_tag(body: bytes) -> str:
    """A strong ETag from the content itself, the same on every server and every start."""
    return hashlib.blake2b(body, digest_size=16).hexdigest()


def _header(headers: Iterable[tuple[bytes, bytes]], name: bytes) -> bytes | None:
    return next((value for key, value in headers if key.lower() == name), None)


def _accepts_gzip(scope: Scope) -> bool:
    accepted = (_header(scope["headers"], b"accept-encoding") or b"").lower()
    return any(part.split(b";")[0].strip() in (b"gzip", b"*") and b"q=0" not in part.replace(b" ", b"")
               for part in accepted.split(b","))


def _matches(scope: Scope, tags: set[str]) -> bool:
    """Whether the request's If-None-Match names one of `tags` (quoted, weak or not)."""
    asked = _header(scope["headers"], b"if-none-match")
    if not asked:
        return False
    names = {part.strip().removeprefix("W/").strip('"') for part in asked.decode("latin-1").split(",")}
    return "*" in names or bool(names & tags)


class CompressedFiles:
    """ASGI middleware (see the module notes). `passed_through`: path prefixes it leaves alone,
    besides Streamlit's live endpoints and media; `disk`: where compressed files are kept
    between starts (None: in memory only)."""

    def __init__(self, app: ASGIApp, passed_through: Iterable[str] = (),
                 disk: Path | None = CACHE_DIR / "gzip") -> None:
        self.app = app
        self.passed_through = (*PASSED_THROUGH, *passed_through)
        self.disk = disk
        self._compressed: OrderedDict[str, bytes] = OrderedDict()  # content tag -> gzip body
        self._compressed_bytes = 0
        self._in_progress: dict[str, asyncio.Future[bytes]] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if (scope["type"] != "http" or scope["method"] != "GET" or path.startswith(self.passed_through)
                or _header(scope["headers"], b"range") is not None):
            await self.app(scope, receive, send)
            return
        # Streamlit's own gzip middleware would compress again on every request: ask for the plain
        # file and compress it here, once.
        plain = dict(scope, headers=[(k, v) for k, v in scope["headers"] if k.lower() != b"accept-encoding"])
        start: Message | None = None
        parts: list[bytes] = []

        async def keep(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                parts.append(message.get("body", b""))

        await self.app(plain, receive, keep)
        if start is None:
            return
        await self._answer(scope, start, b"".join(parts), send)

    async def _answer(self, scope: Scope, start: Message, body: bytes, send: Send) -> None:
        headers = [(k, v) for k, v in start.get("headers", [])
                   if k.lower() not in (b"content-length", b"etag")]
        if start["status"] != 200 or _header(headers, b"content-encoding") is not None:
            await self._send(send, start["status"], headers, body)
            return
        tag = content_tag(body) if len(body) <= INLINE_BYTES else await anyio.to_thread.run_sync(
            content_tag, body)
        kind = (_header(headers, b"content-type") or b"").decode("latin-1").lower()
        compress = len(body) >= MINIMUM_SIZE and kind.startswith(COMPRESSIBLE)
        path = scope["path"]
        if not path.startswith("/static/"):  # Streamlit's own bundles keep their one-year caching
            policy = IMMUTABLE if path.startswith(IMMUTABLE_PREFIXES) else REVALIDATE
            headers = [(k, v) for k, v in headers if k.lower() != b"cache-control"]
            headers.append((b"cache-control", policy.encode()))
        if compress:
            headers = [(k, v) for k, v in headers if k.lower() != b"vary"] + [(b"vary", b"Accept-Encoding")]
        gzipped = compress and _accepts_gzip(scope)
        etag = f"{tag}-gzip" if gzipped else tag
        headers.append((b"etag", f'"{etag}"'.encode()))
        if _matches(scope, {tag, f"{tag}-gzip"}):
            await self._send(send, 304, [(k, v) for k, v in headers if k.lower() != b"content-type"], b"")
            return
        if gzipped:
            body = await self._gzip(tag, body)
            headers.append((b"content-encoding", b"gzip"))
        await self._send(send, 200, headers, body)

    async def _gzip(self, tag: str, body: bytes) -> bytes:
        """The gzip of `body`, compressed once: kept (least recently used out first), and when
        several browsers ask for the same new file at once, compressed for the first only."""
        if tag in self._compressed:
            self._compressed.move_to_end(tag)
            return self._compressed[tag]
        if tag in self._in_progress:
            return await asyncio.shield(self._in_progress[tag])
        future: asyncio.Future[bytes] = asyncio.get_running_loop().create_future()
        self._in_progress[tag] = future
        try:
            work = partial(self._compress, tag, body)
            compressed = work() if len(body) <= INLINE_BYTES else await anyio.to_thread.run_sync(work)
        except BaseException as error:
            future.set_exception(error)
            future.exception()  # retrieved: nobody else may be waiting
            raise
        finally:
            del self._in_progress[tag]
        future.set_result(compressed)
        self._compressed[tag] = compressed
        self._compressed_bytes += len(compressed)
        while self._compressed_bytes > CACHE_BYTES and len(self._compressed) > 1:
            self._compressed_bytes -= len(self._compressed.popitem(last=False)[1])
        return compressed

    def _compress(self, tag: str, body: bytes) -> bytes:
        """From the disk cache, or compressed now and kept there (a cache that cannot be written,
        on a read-only install, is only slower)."""
        if self.disk is None or len(body) <= INLINE_BYTES:
            return gzip.compress(body, LEVEL, mtime=0)
        kept = self.disk / f"{tag}.gz"
        try:
            return kept.read_bytes()
        except OSError:
            pass
        compressed = gzip.compress(body, LEVEL, mtime=0)
        with contextlib.suppress(OSError):
            write_if_changed(kept, compressed)
        return compressed

    @staticmethod
    async def _send(send: Send, status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
        if status != 304:  # a 304 describes the file the browser has; it has no body of its own
            headers = [*headers, (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})
