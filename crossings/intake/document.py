"""A release's text, normalised once, cut into lines and sentences, with the spans found in it.

Every value the extractor proposes points back at the characters of this text (`Span`), so the
page can highlight them and a curator can see why a value was proposed. Offsets are into
`Document.text`, the normalised text (NFC, one kind of space and line break): the page shows
that same text, so the offsets stay right.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property

# Spaces a word processor or a French typographer leaves (no-break, narrow no-break, thin)
_ODD_SPACES = dict.fromkeys(map(ord, "\u00a0\u202f\u2007\u2009\u200a\u2002\u2003"), " ")
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\ufeff\u00ad"), None)

# A full stop after these does not end a sentence
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "maj", "capt", "st", "no", "nos",
                  "vs", "etc", "e.g", "i.e", "a.i", "u.s", "u.k", "u.n", "approx", "dept", "govt",
                  "h.e", "m", "mme", "jan", "feb", "aug", "sept", "oct", "nov", "dec", "art", "ref"}
_SENTENCE_END = re.compile(r"[.!?](?:[\"'”’)\]]*)(?=\s+[\"'“‘(\[]?[A-ZÀ-ÖØ-Þ0-9])")


def normalise(text: str) -> str:
    """NFC, odd spaces as spaces, zero-width characters gone, line breaks as \\n."""
    text = unicodedata.normalize("NFC", text).translate(_ODD_SPACES).translate(_ZERO_WIDTH)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def fold(text: str) -> str:
    """Lower case without accents: how names are compared ("Sélibaby" = "selibaby")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@dataclass(frozen=True)
class Span:
    """Where a value was read: the characters [start, end) of the document's text."""

    start: int
    end: int
    text: str

    def as_json(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass
class Document:
    text: str
    lines: list[tuple[int, int]] = field(init=False)  # (start, end) of each non-empty line
    sentences: list[tuple[int, int]] = field(init=False)

    def __post_init__(self):
        self.lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", self.text)
                      if m.group().strip()]
        self.sentences = []
        for start, end in self.lines:
            cut = start
            for match in _SENTENCE_END.finditer(self.text, start, end):
                word = re.search(r"([\w.]+)$", self.text[cut:match.start()])
                if word and word.group(1).lower().rstrip(".") in _ABBREVIATIONS:
                    continue
                if word and re.fullmatch(r"[A-Z]", word.group(1)):  # an initial: "J. Smith"
                    continue
                self.sentences.append((cut, match.end()))
                cut = match.end()
                while cut < end and self.text[cut].isspace():
                    cut += 1
            if cut < end:
                self.sentences.append((cut, end))
        self._sentence_starts = [s for s, _ in self.sentences]
        self._line_starts = [s for s, _ in self.lines]

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.text[start:end])

    def sentence_index(self, position: int) -> int:
        return max(0, bisect_right(self._sentence_starts, position) - 1)

    def sentence_of(self, position: int) -> tuple[int, int]:
        return self.sentences[self.sentence_index(position)] if self.sentences else (0, len(self.text))

    def sentence_text(self, position: int) -> str:
        start, end = self.sentence_of(position)
        return self.text[start:end]

    def line_index(self, position: int) -> int:
        return max(0, bisect_right(self._line_starts, position) - 1)

    def line_of(self, position: int) -> tuple[int, int]:
        return self.lines[self.line_index(position)] if self.lines else (0, len(self.text))

    @cached_property
    def folded(self) -> str:
        """The text folded character by character (same length, so offsets still hold)."""
        return "".join(fold(c)[:1] or c for c in self.text)

    @cached_property
    def words(self) -> int:
        return len(re.findall(r"\w+", self.text))
