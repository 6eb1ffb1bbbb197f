"""A press release or project page as text: from .txt, .html or .pdf bytes, or refused with a
message that says why and what to do instead.

Refused, never half-read: a file over MAX_DOCUMENT_BYTES (a release is tens of kilobytes; a
project fiche as PDF a few hundred), a binary file (an image, a Word or zip file), a PDF with no
text layer (a scan), a PDF that cannot be opened, an empty text, a text too short to be a
release, and a text in a language other than English or French (the extractor's words are
English and French; a Spanish release would give a confidently wrong draft). HTML is read
with lxml: scripts, styles, navigation and forms are dropped and block elements become line
breaks, so a page reads like its article.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from crossings.intake.document import normalise
from crossings.languages import N_, _, ngettext
from crossings.languages.numbers import number
from crossings.limits import ADD_RECORD

MAX_DOCUMENT_BYTES = ADD_RECORD.max_bytes  # the Add a record page's limit (crossings/limits.py)
MAX_PDF_PAGES = 60
MIN_WORDS = 25
PASTED = N_("pasted text")  # a pasted text's name (the draft's "source" keeps it; messages show _())

_SIGNATURES = {  # first bytes -> what the file is (looked up with _() in the message)
    b"\x89PNG": N_("a PNG image"), b"\xff\xd8\xff": N_("a JPEG image"), b"GIF8": N_("a GIF image"),
    b"PK\x03\x04": N_("a zip archive (a Word, Excel or OpenDocument file is one)"),
    b"\xd0\xcf\x11\xe0": N_("an old Word or Excel file"), b"\x7fELF": N_("a program"), b"MZ": N_("a program"),
    b"\x1f\x8b": N_("a gzip archive"), b"RIFF": N_("a media file"), b"ID3": N_("an audio file"),
}
_DROPPED_TAGS = ("script", "style", "noscript", "template", "svg", "nav", "form", "iframe", "object",
                 "button", "select", "head")
_BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
               "section", "article", "header", "footer", "main", "blockquote", "dd", "dt", "dl",
               "figure", "figcaption", "aside", "pre", "hr", "td", "th", "time", "address"}

# Words that occur in one language's running text far more than in any other's
_STOPWORDS = {
    "English": {"the", "and", "of", "to", "in", "for", "on", "with", "was", "were", "is", "are", "by",
        "from", "at", "that", "this", "which", "has", "have", "will", "their", "its", "an", "as", "been",
        "be", "it", "who", "also"},
    "French": {"le", "les", "des", "du", "et", "à", "au", "aux", "pour", "par", "sur", "dans", "une",
        "est", "sont", "qui", "avec", "cette", "ont", "été", "il", "elle", "ces", "leur", "ainsi"},
    "Spanish": {"el", "los", "las", "del", "y", "por", "para", "con", "una", "fue", "sus", "al", "como",
        "más", "pero", "entre", "desde"},
    "Portuguese": {"os", "das", "dos", "uma", "com", "não", "mais", "pelo", "pela", "foi", "são", "ao",
        "também"},
    "German": {"der", "die", "das", "und", "mit", "von", "für", "ist", "im", "den", "dem", "zu", "auf",
        "nicht", "sich", "des", "wurde"},
    "Italian": {"il", "gli", "della", "delle", "degli", "che", "con", "per", "sono", "nel", "nella", "è",
        "anche", "questo"},
}
READ_LANGUAGES = ("English", "French")
# How a message names a language detect_language found (its result stays the English name)
_LANGUAGE_NAMES = {"Spanish": N_("Spanish"), "Portuguese": N_("Portuguese"), "German": N_("German"),
                   "Italian": N_("Italian")}


class IntakeError(Exception):
    """The input cannot be read as a release; the message says why and what to do instead."""


@dataclass(frozen=True)
class SourceText:
    text: str  # normalised
    name: str  # the file name, or PASTED
    form: str  # "text", "html" or "pdf"
    language: str
    title: str | None = None  # from the HTML <title>/<h1>, when there is one
    published: str | None = None  # from HTML metadata (YYYY-MM-DD), when there is one


def read_path(path: Path | str) -> SourceText:
    """Read a file ("-" is not handled here: the command line reads stdin itself)."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as err:
        raise IntakeError(_("{path}: cannot be read ({reason}).").format(
            path=path, reason=err.strerror or err)) from err
    if not path.is_file():
        raise IntakeError(_("{path}: not a file.").format(path=path))
    if size > MAX_DOCUMENT_BYTES:  # checked before reading, so a huge file never enters memory
        raise IntakeError(_too_large(path.name, size))
    try:
        content = path.read_bytes()
    except OSError as err:
        raise IntakeError(_("{path}: cannot be read ({reason}).").format(
            path=path, reason=err.strerror or err)) from err
    return read_bytes(content, path.name)


def read_bytes(content: bytes, name: str = PASTED) -> SourceText:
    if len(content) > MAX_DOCUMENT_BYTES:
        raise IntakeError(_too_large(name, len(content)))
    if not content.strip():
        raise IntakeError(_("{name} is empty: there is no text to draft a record from.").format(
            name=_shown(name)))
    suffix = Path(name).suffix.lower()
    if content.startswith(b"%PDF") or suffix == ".pdf":
        return _checked(_reflow(_pdf_text(content, name)), name, "pdf")
    for signature, what in _SIGNATURES.items():
        if content.startswith(signature):
            raise IntakeError(_("{name} is {what}, not a release: give the release as text, HTML or PDF "
                                "(or paste its text).").format(name=_shown(name), what=_(what)))
    text = _decode(content, name)
    if suffix in (".html", ".htm", ".xhtml") or re.match(r"\s*(<!doctype html|<html|<\?xml)", text, re.I) or (
            suffix not in (".txt", ".text", ".md")
            and re.search(r"<(p|div|body|article)\b", text[:5000], re.I)):
        body, title, published = _html_text(text)
        return _checked(body, name, "html", title, published)
    return _checked(text, name, "text")


def read_text(text: str, name: str = PASTED) -> SourceText:
    """Text already in memory (pasted on the page)."""
    return read_bytes(text.encode("utf-8"), name)


def _shown(name: str) -> str:
    """The name a message gives the input: a file's name, or "pasted text" in the reader's language."""
    return _(PASTED) if name == PASTED else name


def _too_large(name: str, size: int) -> str:
    return _("{name} is {size} MB; a release is read only up to {limit} MB. Save the release's own page "
             "or text, or paste it.").format(name=_shown(name), size=number(size / 1024 / 1024, 1),
                                             limit=number(MAX_DOCUMENT_BYTES // 1024 // 1024))


def _decode(content: bytes, name: str) -> str:
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return content.decode("utf-16")
    if b"\x00" in content[:8192]:
        raise IntakeError(_("{name} is a binary file, not text: give the release as text, HTML or "
                            "PDF.").format(name=_shown(name)))
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")
    controls = sum(1 for c in text[:20000] if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > max(5, len(text[:20000]) // 100) or text[:20000].count("\ufffd") > 20:
        raise IntakeError(_("{name} is a binary file, not text: give the release as text, HTML or "
                            "PDF.").format(name=_shown(name)))
    return text


def _pdf_text(content: bytes, name: str) -> str:
    import pypdfium2 as pdfium  # only when a PDF comes in: it loads a native library

    try:
        document = pdfium.PdfDocument(content)
    except pdfium.PdfiumError as err:
        raise IntakeError(_("{name} cannot be opened as a PDF ({reason}). If it is password-protected or "
                            "damaged, copy the release's text instead.").format(
                                name=_shown(name), reason=err)) from err
    try:
        pages = [document[i] for i in range(min(len(document), MAX_PDF_PAGES))]
        text = "\n".join(page.get_textpage().get_text_range() for page in pages)
    finally:
        document.close()
    if not re.search(r"\w{2,}", text):
        raise IntakeError(_("{name} has no text layer (it is a scan or a picture of text), so there is "
                            "nothing to read. Paste the release's text instead.").format(name=_shown(name)))
    return text


def _reflow(text: str) -> str:
    """A PDF breaks its lines where the page did: join a line to the next when the sentence
    runs on (the next starts in lower case or with a number), so sentences stay whole."""
    text = re.sub(r"(\w)-\n(?=[a-zà-ÿ])", r"\1", text)  # a word hyphenated at the end of a line
    return re.sub(r"(?<=[^\s.:;!?])[ \t]*\n[ \t]*(?=[a-zà-ÿ0-9(])", " ", text)


def _html_text(html: str) -> tuple[str, str | None, str | None]:
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError) as err:
        raise IntakeError(_("The HTML cannot be read ({reason}).").format(reason=err)) from err
    title = _first_text(root, ("//meta[@property='og:title']/@content", "//h1", "//title"))
    published = _first_text(root, ("//meta[@property='article:published_time']/@content",
                                    "//time/@datetime", "//meta[@name='date']/@content"))
    published = published[:10] if published and re.match(r"\d{4}-\d{2}-\d{2}", published) else None
    for element in root.xpath("|".join(f"//{tag}" for tag in _DROPPED_TAGS)):
        element.drop_tree()
    main = root.xpath("//article") or root.xpath("//main") or root.xpath("//body") or [root]
    parts: list[str] = []
    for element in main[0].iter():
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions
        if element.tag in _BLOCK_TAGS:
            parts.append("\n")
        if element.text:
            parts.append(element.text)
        if element.tag in _BLOCK_TAGS:
            parts.append("\n")
        if element.tail and element is not main[0]:
            parts.append(element.tail)
    text = re.sub(r"[ \t]+", " ", "".join(parts))
    text = re.sub(r" *\n[\n ]*", "\n\n", text).strip()
    return text, title, published


def _first_text(root, paths) -> str | None:
    for path in paths:
        found = root.xpath(path)
        if found:
            value = found[0] if isinstance(found[0], str) else found[0].text_content()
            value = " ".join(value.split())
            if value:
                return value
    return None


def detect_language(text: str) -> str | None:
    """The language whose common words make up most of the text, or None if it has too few
    words of any (another script, a list of names)."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    if not words:
        return None
    counts = Counter(words)
    shares = {language: sum(counts[w] for w in stopwords) / len(words)
              for language, stopwords in _STOPWORDS.items()}
    language, share = max(shares.items(), key=lambda item: item[1])
    return language if share >= 0.06 else None


def _checked(text: str, name: str, form: str, title: str | None = None,
             published: str | None = None) -> SourceText:
    text = normalise(text).strip()
    words = len(re.findall(r"\w+", text))
    if not words:
        raise IntakeError(_("{name} holds no text to draft a record from.").format(name=_shown(name)))
    if words < MIN_WORDS:
        # the English says "words" even for one (as it always has); translations have their plural forms
        raise IntakeError(ngettext(
            "{name} has only {words} words: too short to be a release. Paste the whole release or page.",
            "{name} has only {words} words: too short to be a release. Paste the whole release or page.",
            words).format(name=_shown(name), words=number(words)))
    language = detect_language(text)
    if language not in READ_LANGUAGES:
        if language:
            message = _("{name} is in {language}: the extractor reads English and French releases only. "
                        "Type the record on the form instead.")
        else:
            message = _("{name} is not in English or French: the extractor reads English and French releases "
                        "only. Type the record on the form instead.")
        raise IntakeError(message.format(name=_shown(name),
                                         language=_(_LANGUAGE_NAMES.get(language or "", language or ""))))
    return SourceText(text, name, form, language, title, published)
