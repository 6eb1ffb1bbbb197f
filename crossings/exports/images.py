"""Charts as images people take away: PNG and SVG with the title, the source line and the date
baked in, rendered offline.

Plotly figures are drawn by kaleido in Debian's headless Chromium (found on the PATH, or at
CROSSINGS_CHROMIUM); nothing is fetched: plotly.js comes from the plotly package and MathJax,
which kaleido would otherwise load from a CDN, is switched off. The first image starts the
browser (a few seconds); it then stays open for every later image, one at a time.
"""

from __future__ import annotations

import asyncio
import atexit
import base64
import contextlib
import os
import textwrap
import threading
from dataclasses import dataclass
from datetime import date

import plotly.graph_objects as go

from crossings.figures import palette
from crossings.languages import N_, _, is_rtl
from crossings.text.escaping import html_text
from crossings.text.formatting import format_date

FORMATS = ("png", "svg")
MIME_TYPES = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf",
              "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation"}
EXPORT_SIZE = (1600, 900)  # 16:9, sharp on a 1080p projector and in a slide
RENDER_TIMEOUT = 90  # seconds for one image, including the browser's first start

BOUNDARY_DISCLAIMER = N_("Boundaries, names and designations on this map are shown for reference "
                       "only and do not imply official endorsement or acceptance.")


class ExportUnavailableError(RuntimeError):
    """Chart images need Chromium; the message says how to get it."""


# Shown and raised in the active language: _(NO_BROWSER_MESSAGE).
NO_BROWSER_MESSAGE = N_("Chart images need Chromium, which was not found. Install it with "
                      "`sudo apt-get install chromium` (./dev.sh run does this), or point "
                      "CROSSINGS_CHROMIUM at a Chrome or Chromium binary.")


def chart_browser() -> str | None:
    """The Chrome or Chromium that renders chart images: CROSSINGS_CHROMIUM if set, else the one
    kaleido would find (Debian's /usr/bin/chromium). None when there is none: charts cannot be
    exported then (the map can: it is drawn by matplotlib)."""
    from choreographer.browsers.chromium import Chromium  # the search kaleido itself runs

    configured = os.environ.get("CROSSINGS_CHROMIUM")
    if configured:
        return configured if os.access(configured, os.X_OK) else None
    return Chromium.find_browser(skip_local=False)


@dataclass(frozen=True)
class Caption:
    """What every exported image carries: what it shows, where it comes from, when it was made."""

    title: str
    source_line: str
    made_on: date
    subtitle: str = ""  # the filters applied, e.g. "Funder: Japan · 2015–2016"
    disclaimer: str = ""  # maps: _(BOUNDARY_DISCLAIMER)
    note: str = ""  # what the reader must know to read it right (conversions, estimates)

    @property
    def footer(self) -> str:
        return f"{self.source_line} · {made_with(self.made_on)}"

    def footer_lines(self, width_chars: int) -> list[str]:
        """The note, the source line and date, the disclaimer: each wrapped to width_chars."""
        parts = [self.note, self.footer, self.disclaimer]
        return [line for part in parts if part for line in wrap(part, width_chars)]


def format_day(day: date) -> str:
    """'22 November 2026', '22 novembre 2026': as every date in Crossings reads."""
    return format_date(day.isoformat())


def made_with(day: date) -> str:
    return _("Made with Crossings on {date}.").format(date=format_day(day))


def wrap(text: str, width_chars: int) -> list[str]:
    return textwrap.wrap(text, max(20, width_chars), break_long_words=False) or [""]


def _chars_per_line(width_px: float, font_px: float) -> int:
    """About how many characters of a sans-serif font fit across width_px."""
    return int(width_px / (font_px * 0.52))


@dataclass(frozen=True)
class CaptionLayout:
    """Where the caption goes on a width x height image, in pixels from the top left: the title
    block above, the body (chart or map) in between, the footer below. Shared by plotly charts
    and the matplotlib map so every exported image reads the same way."""

    width: int
    height: int
    margin: float
    title_px: float
    subtitle_px: float
    footer_px: float
    title_lines: list[str]
    subtitle: str
    footer_lines: list[str]

    @classmethod
    def for_size(cls, caption: Caption, width: int, height: int) -> CaptionLayout:
        unit = min(width / EXPORT_SIZE[0], height / EXPORT_SIZE[1])
        margin, title_px, subtitle_px, footer_px = 40 * unit, 34 * unit, 20 * unit, 15 * unit
        text_width = width - 2 * margin
        return cls(width, height, margin, title_px, subtitle_px, footer_px,
                   wrap(caption.title, _chars_per_line(text_width, title_px))[:2],
                   caption.subtitle,
                   caption.footer_lines(_chars_per_line(text_width, footer_px)))

    @property
    def line(self) -> float:
        return 1.3

    @property
    def title_top(self) -> float:
        return self.margin * 0.75

    @property
    def subtitle_top(self) -> float:
        return self.title_top + self.line * self.title_px * len(self.title_lines)

    @property
    def body_top(self) -> float:
        subtitle = self.line * self.subtitle_px if self.subtitle else 0
        return self.subtitle_top + subtitle + self.margin * 0.5

    @property
    def footer_top(self) -> float:
        return self.height - self.margin * 0.5 - self.line * self.footer_px * len(self.footer_lines)

    @property
    def body_bottom(self) -> float:
        return self.footer_top - self.margin * 0.4

    @property
    def body_height(self) -> int:
        return max(1, round(self.body_bottom - self.body_top))

    @property
    def body_width(self) -> int:
        return max(1, round(self.width - 2 * self.margin))


def _text_annotation(text_lines: list[str], top: float, size: float, colour: str, layout: CaptionLayout,
                     bold: bool = False) -> dict:
    escaped = "<br>".join(html_text(line) for line in text_lines)
    side = "right" if is_rtl() else "left"  # Arabic reads from the right margin
    x = 1 - layout.margin / layout.width if side == "right" else layout.margin / layout.width
    return {"text": f"<b>{escaped}</b>" if bold else escaped, "showarrow": False, "align": side,
            "xref": "paper", "yref": "paper", "x": x, "xanchor": side,
            "y": 1 - top / layout.height, "yanchor": "top", "font": {"size": size, "color": colour},
            "borderpad": 0}


def framed_figure(body_source: str, caption: Caption, width: int, height: int) -> go.Figure:
    """A width x height figure holding an already rendered body image (a data: URI) with the
    caption around it. Built from pixel positions, so nothing overlaps whatever the body is."""
    layout = CaptionLayout.for_size(caption, width, height)
    annotations = [_text_annotation(layout.title_lines, layout.title_top, layout.title_px,
                                    palette.TEXT, layout, bold=True),
                   _text_annotation(layout.footer_lines, layout.footer_top, layout.footer_px,
                                    palette.MUTED_TEXT, layout)]
    if layout.subtitle:
        annotations.append(_text_annotation([layout.subtitle], layout.subtitle_top, layout.subtitle_px,
                                            palette.MUTED_TEXT, layout))
    figure = go.Figure()
    figure.update_layout(
        width=width, height=height, margin={"l": 0, "r": 0, "t": 0, "b": 0},
        paper_bgcolor="white", plot_bgcolor="white", showlegend=False,
        font={"family": palette.FONT_FAMILY, "color": palette.TEXT},
        xaxis={"visible": False, "range": [0, 1], "fixedrange": True},
        yaxis={"visible": False, "range": [0, 1], "fixedrange": True},
        annotations=annotations,
        images=[{"source": body_source, "xref": "paper", "yref": "paper", "x": layout.margin / width,
                 "y": 1 - layout.body_top / height, "sizex": layout.body_width / width,
                 "sizey": layout.body_height / height,
                 "xanchor": "left", "yanchor": "top", "sizing": "contain", "layer": "below"}],
    )
    return figure


def data_uri(image: bytes, fmt: str) -> str:
    return f"data:{MIME_TYPES[fmt]};base64,{base64.b64encode(image).decode('ascii')}"


class ChartRenderer:
    """One warm headless Chromium (kaleido) in a thread of its own, shared by every caller.

    Renders one image at a time; if the browser dies it is started again on the next image."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._kaleido = None

    def _ensure_loop(self) -> asyncio.AbstractEventLoop:
        if self._loop is None:
            self._loop = asyncio.new_event_loop()
            threading.Thread(target=self._loop.run_forever, name="crossings-kaleido",
                             daemon=True).start()
            atexit.register(self.close)
        return self._loop

    async def _open(self):
        import kaleido  # only the processes that export pay for the import

        path = chart_browser()
        if path is None:
            raise ExportUnavailableError(_(NO_BROWSER_MESSAGE))
        browser = kaleido.Kaleido(mathjax=False, timeout=RENDER_TIMEOUT, path=path)
        await browser.open()
        return browser

    async def _render(self, figure: dict, opts: dict) -> bytes:
        if self._kaleido is None:
            self._kaleido = await self._open()
        try:
            return await self._kaleido.calc_fig(figure, opts=opts)
        except Exception:
            await self._discard()
            raise

    async def _discard(self) -> None:
        browser, self._kaleido = self._kaleido, None
        if browser is not None:
            with contextlib.suppress(Exception):  # a browser that is already gone needs no closing
                await browser.close()

    def render(self, figure: go.Figure, fmt: str, width: int, height: int, scale: float = 1) -> bytes:
        if fmt not in FORMATS:
            raise ValueError(f"format must be one of {FORMATS}, not {fmt!r}")
        opts = {"format": fmt, "width": width, "height": height, "scale": scale}
        with self._lock:
            future = asyncio.run_coroutine_threadsafe(
                self._render(figure.to_dict(), opts), self._ensure_loop())
            return future.result(timeout=RENDER_TIMEOUT * 2)

    def close(self) -> None:
        if self._loop is not None and self._kaleido is not None:
            asyncio.run_coroutine_threadsafe(self._discard(), self._loop).result(timeout=30)


_RENDERER = ChartRenderer()


def render_figure(figure: go.Figure, fmt: str = "png", width: int = EXPORT_SIZE[0],
                  height: int = EXPORT_SIZE[1], scale: float = 1) -> bytes:
    """The figure as it stands (no caption added), as PNG or SVG bytes."""
    return _RENDERER.render(figure, fmt, width, height, scale)


def chart_image(figure: go.Figure, caption: Caption, fmt: str = "png", width: int = EXPORT_SIZE[0],
                height: int = EXPORT_SIZE[1], scale: float = 1) -> bytes:
    """The figure with its title, filters, source line and date drawn around it: a PNG or SVG
    that still says what it is when it is pasted somewhere else."""
    layout = CaptionLayout.for_size(caption, width, height)
    body = go.Figure(figure)
    body.update_layout(title=None)  # the caption carries the title
    rendered = render_figure(body, fmt, layout.body_width, layout.body_height, scale)
    return render_figure(framed_figure(data_uri(rendered, fmt), caption, width, height), fmt, width,
                         height, scale)
