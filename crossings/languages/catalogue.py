"""Looking messages up in the gettext catalogues (locale/<lang>/LC_MESSAGES/crossings.po).

A compiled .mo beside the .po is used when it is newer; otherwise the .po is compiled with Babel
on first use, so a fresh clone needs no build step, and the result kept in .cache/ under the
.po's digest: a later process (a restarted server, each benchmark or test process) reads it
instead of compiling again (a third of a second of CPU, paid by the first visitor to switch
language when the server had not warmed up). A message without a translation falls back to
the English text."""

from __future__ import annotations

import contextlib
import gettext as gettext_module
import hashlib
import io
from functools import cache
from pathlib import Path

from crossings.files import CACHE_DIR, write_if_changed
from crossings.languages.active import DEFAULT_LANGUAGE, PSEUDO, active_language

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "crossings"


def po_path(code: str) -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"


class _Pseudo(gettext_module.NullTranslations):
    """Every message marked, so what skipped the catalogue shows unmarked."""

    def gettext(self, message: str) -> str:
        return f"⟦{message}⟧"

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return f"⟦{singular if n == 1 else plural}⟧"

    def pgettext(self, context: str, message: str) -> str:
        return f"⟦{message}⟧"


@cache
def translations(code: str) -> gettext_module.NullTranslations:
    if code == DEFAULT_LANGUAGE:
        return gettext_module.NullTranslations()
    if code == PSEUDO:
        return _Pseudo()
    po = po_path(code)
    if not po.exists():
        return gettext_module.NullTranslations()
    mo = po.with_suffix(".mo")
    if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        with mo.open("rb") as compiled:
            return gettext_module.GNUTranslations(compiled)
    return gettext_module.GNUTranslations(io.BytesIO(compiled_catalogue(code, po.read_bytes())))


def compiled_catalogue(code: str, po_text: bytes, cache_dir: Path = CACHE_DIR) -> bytes:
    """The .mo of a .po's text: from the cache when this text was compiled before, else compiled
    and kept (a cache that cannot be written, on a read-only install, is simply not kept)."""
    kept = cache_dir / "locale" / f"{code}-{hashlib.sha256(po_text).hexdigest()[:16]}.mo"
    with contextlib.suppress(OSError):
        return kept.read_bytes()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    catalogue = read_po(io.BytesIO(po_text), locale=code, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalogue)  # fuzzy entries are left out, as msgfmt does
    with contextlib.suppress(OSError):
        write_if_changed(kept, compiled.getvalue())
        for older in kept.parent.glob(f"{code}-*.mo"):  # earlier versions of the catalogue
            if older != kept:
                older.unlink(missing_ok=True)
    return compiled.getvalue()


def gettext(message: str) -> str:
    return translations(active_language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(active_language()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return translations(active_language()).pgettext(context, message)


def N_(message: str) -> str:  # noqa: N802 (gettext's own name for "mark, look up later")
    """Marks a message for the catalogue without looking it up (module-level tables)."""
    return message


_ = gettext
