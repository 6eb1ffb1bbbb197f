"""Which language the interface speaks now. The core asks `active_language()`; the Streamlit
layer registers where the session keeps its choice (set_language_source), and scripts and
tests use `use_language("fr")`."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

DEFAULT_LANGUAGE = "en"
# Each language by its own name, as the choice shows it.
LANGUAGES: dict[str, str] = {"en": "English", "fr": "Français", "ar": "العربية"}
RIGHT_TO_LEFT = frozenset({"ar"})
# A pseudo-language for checking: every interface string comes back marked ⟦like this⟧, so a
# string that skips the catalogue stands out on the page. Never offered to users.
PSEUDO = "qps"

_current: ContextVar[str] = ContextVar("crossings_language", default=DEFAULT_LANGUAGE)
_source: Callable[[], str | None] | None = None
# While a result is worked out inside noting_language_use(), whether anything asked which language
# is active: every translation, number, date and country name does. A result that never asked is
# the same in every language (crossings.data.memo keeps one copy of it for all of them).
_asked: ContextVar[list[bool] | None] = ContextVar("crossings_language_asked", default=None)


def set_language_source(source: Callable[[], str | None] | None) -> None:
    """Where the running app keeps the language (a session's choice); None to forget it."""
    global _source
    _source = source


def active_language() -> str:
    asked = _asked.get()
    if asked is not None:
        asked[0] = True
    return peek_language()


def peek_language() -> str:
    """The active language, without counting as asked (for keying a cache by it)."""
    if _source is not None:
        found = _source()
        if found:
            return found
    return _current.get()


def note_language_asked() -> None:
    """For a cache handing over a result that depends on the language: whatever is being worked
    out from it depends on it too."""
    asked = _asked.get()
    if asked is not None:
        asked[0] = True


@contextmanager
def noting_language_use() -> Iterator[list[bool]]:
    """Inside the block, `flag[0]` becomes True as soon as anything asks the active language.
    Blocks nest: what asks inside an inner block also counts for the outer one."""
    flag = [False]
    token = _asked.set(flag)
    try:
        yield flag
    finally:
        _asked.reset(token)
        if flag[0]:
            note_language_asked()


@contextmanager
def use_language(code: str) -> Iterator[str]:
    """Speak `code` inside the block (scripts, exports made outside a page, tests)."""
    token = _current.set(code)
    try:
        yield code
    finally:
        _current.reset(token)


def is_rtl(code: str | None = None) -> bool:
    return (code or active_language()) in RIGHT_TO_LEFT


def language_from(*candidates: str | None) -> str:
    """The first candidate that names a language Crossings speaks ('fr', 'fr-FR', 'ar_EG',
    'AR'), else English. The pseudo-language only when named exactly."""
    for candidate in candidates:
        if not candidate:
            continue
        text = str(candidate).strip()
        if text == PSEUDO:
            return PSEUDO
        code = text.replace("_", "-").split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return DEFAULT_LANGUAGE
