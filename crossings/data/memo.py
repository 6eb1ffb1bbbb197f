"""Results worked out once and kept with what they were worked out from.

A Dataset is loaded once per version of the files and shared by every session (the app caches
it), so whatever depends only on the data (lookups, event popups, who cites which source) is
computed once per Dataset. A FilteredView is drawn from several times in one page run (a
table, a figure and its download), so what depends only on the view is computed once per view.
Both hold a Memo.

A result is kept for the language it was worked out in when anything in its computation asked
the active language (a translated label, a number or date written the language's way, a country's
name: crossings.languages.noting_language_use watches), and once for every language when nothing
did: switching language then works out again only what holds interface text, not the filtering,
grouping and counting beneath it. A Written writes its texts later, in the language active then,
so it is always kept per language. So is a computation that was handed anything but the dataset
or the view and plain numbers (`_from_data_only`): a slide, a label or a frame made before it
may hold one language's words without the computation asking for the language itself.

Frames come back as new DataFrame objects (pandas' copy-on-write makes this cheap and means a
caller changing one never changes the kept result). Other results are shared: treat them as
read only.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import TypeVar

import pandas as pd

from crossings.languages.active import note_language_asked, noting_language_use, peek_language

_Result = TypeVar("_Result")


def _plain(value: object) -> bool:
    """What cannot hold a language's words: a Dataset or FilteredView (known by its memo), a
    Memo (its results are kept by language where they hold words), a number, None, a tuple of
    those. A string can (a label made before the computation), so it is not plain."""
    if value is None or isinstance(value, (bool, int, float)):
        return True
    if isinstance(value, Memo) or isinstance(getattr(value, "memo", None), Memo):
        return True
    return isinstance(value, tuple) and all(_plain(item) for item in value)


def _from_data_only(compute: Callable) -> bool:
    """Whether `compute` is a function handed only plain values (its closure and defaults)."""
    if not hasattr(compute, "__code__") or hasattr(compute, "__self__"):
        return False  # a bound method, a partial, a callable object: not looked into
    handed = [cell.cell_contents for cell in compute.__closure__ or ()]
    handed += [*(compute.__defaults__ or ()), *(compute.__kwdefaults__ or {}).values()]
    return all(_plain(value) for value in handed)


class Memo:
    """Results by key. Thread-safe: sessions run in threads and share a Dataset; two threads
    asking for the same missing result may both compute it, and one of the two is kept."""

    def __init__(self) -> None:
        self._shared: dict[Hashable, object] = {}  # the same in every language
        self._results: dict[Hashable, object] = {}  # (language, key): holding interface text
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], _Result]) -> _Result:
        with self._lock:
            found = key in self._shared
            value = self._shared.get(key)
        if not found:
            in_language = (peek_language(), key)
            with self._lock:
                found = in_language in self._results
                value = self._results.get(in_language)
            if found:
                note_language_asked()  # one language's result: what is made from it is too
            else:
                with noting_language_use() as asked:
                    value = compute()
                if asked[0] or isinstance(value, Written) or not _from_data_only(compute):
                    note_language_asked()
                    with self._lock:
                        value = self._results.setdefault(in_language, value)
                else:
                    with self._lock:
                        value = self._shared.setdefault(key, value)
        return value.copy(deep=False) if isinstance(value, pd.DataFrame) else value

    def __len__(self) -> int:
        return len(self._shared) + len(self._results)


class Written:
    """Texts by id (an event's popup or hover label) written when first asked for and kept, at
    most `limit` of them (beyond, the oldest go): a dataset of 100,000 events shows a thousand at
    a time in detail, and writing every one up front took a quarter of a gigabyte. Thread-safe;
    two threads may write the same text, the same either way."""

    def __init__(self, write: Callable[[list], dict], limit: int = 20_000) -> None:
        self._write = write
        self._limit = limit
        self._texts: dict = {}
        self._lock = threading.Lock()

    def many(self, ids) -> dict:
        """Id -> text for each of `ids` (ids the writer does not know are left out)."""
        ids = list(ids)
        with self._lock:
            missing = [i for i in ids if i not in self._texts]
        written = self._write(missing) if missing else {}
        with self._lock:
            self._texts.update(written)
            while len(self._texts) > self._limit:
                del self._texts[next(iter(self._texts))]
            found = {i: self._texts[i] for i in ids if i in self._texts}
        return {**written, **found}
