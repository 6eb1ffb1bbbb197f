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
# "&" too: Markdown decodes character references, so a title stored as "&lt;b&gt;" would show
# as "<b>"; escaped, it shows as the characters stored.
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<$:&])")
# Streamlit turns bare addresses into links after the Markdown is parsed, escapes or not:
# a word joiner (invisible, U+2060) inside "://", "www." and "@" stops it.
_WORD_JOINER = "\u2060"
_AUTOLINK_STARTS = re.compile(r"(://|(?<![^\W_])www\.|@)", re.IGNORECASE)
# Likewise Streamlit draws ":material/warning:" as an icon even with its colons escaped; a word
# joiner after the first colon of any ":set/name" keeps it text.
_ICON_STARTS = re.compile(r"(\\:)(?=[A-Za-z]+/)")


def _is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or str(value) in (
        "<NA>", "nan")


def html_text(value, missing: str = "") -> str:
    """Escaped for HTML: a title containing <script> shows as those characters. Quotes become
    numeric references (&#34; &#x27;), which HTML attributes and plotly's labels both read;
    plotly shows the named &quot; as those six characters."""
    if _is_missing(value):
        return missing
    return html.escape(str(value), quote=True).replace("&quot;", "&#34;")


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


def _break_autolink(match: re.Match) -> str:
    """A word joiner after the colon of '://', before the dot of 'www.', after '@'."""
    found = match.group(0)
    if found.endswith("."):
        return found[:-1] + _WORD_JOINER + "."
    return found[0] + _WORD_JOINER + found[1:]


def markdown_text(value, missing: str = "") -> str:
    """Escaped for Streamlit Markdown: no links (written or bare addresses), emphasis, headings
    or HTML from the data."""
    if _is_missing(value):
        return missing
    text = str(value).replace("\r", " ").replace("\n", " ")
    text = _AUTOLINK_STARTS.sub(_break_autolink, text)
    return _ICON_STARTS.sub(r"\1" + _WORD_JOINER, _MARKDOWN_SPECIALS.sub(r"\\\1", text))
