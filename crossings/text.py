"""Text from the data, made safe for wherever it is shown: HTML (map popups, tooltips,
plotly hover labels, slides), Markdown (Streamlit text) and links (http and https only).

Everything that comes from a CSV goes through one of these before it is shown; nothing from
the data is ever rendered as markup.
"""

from __future__ import annotations

import html
import math
import re
from urllib.parse import urlparse

_SAFE_SCHEMES = ("http", "https")
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<$&])")
# A colon becomes a character reference, not a backslash escape: Streamlit turns
# ":material/warning:" into an icon and "https://..." into a link even when escaped.
_COLON = "&#58;"


def _is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or str(value) in (
        "<NA>", "nan")


def html_text(value, missing: str = "") -> str:
    """Escaped for HTML: a title containing <script> shows as those characters."""
    if _is_missing(value):
        return missing
    return html.escape(str(value), quote=True)


def safe_url(value) -> str | None:
    """The address if it is a plain http(s) URL, else None (javascript:, data:, file: ...)."""
    if _is_missing(value):
        return None
    text = str(value).strip()
    parsed = urlparse(text)
    if parsed.scheme.lower() not in _SAFE_SCHEMES or not parsed.netloc:
        return None
    if any(ch in text for ch in "<>\"' \n\r\t"):
        return None
    return text


def html_link(label, url) -> str:
    """An escaped <a> when the URL is safe; otherwise just the escaped label."""
    address = safe_url(url)
    if address is None:
        return html_text(label)
    return (f'<a href="{html.escape(address, quote=True)}" target="_blank" rel="noopener noreferrer">'
            f"{html_text(label)}</a>")


def markdown_text(value, missing: str = "") -> str:
    """Escaped for Streamlit Markdown: no links, emphasis, headings or HTML from the data."""
    if _is_missing(value):
        return missing
    text = str(value).replace("\r", " ").replace("\n", " ")
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text).replace(":", _COLON)
