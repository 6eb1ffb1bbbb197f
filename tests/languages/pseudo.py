"""Reading a page run in the pseudo-language (?lang=qps): every catalogued string shows as
⟦text⟧, so text a person reads with no ⟦ ⟧ skipped the catalogue, unless it is data (titles,
names, notes from the CSVs, which stay in the language they were curated in)."""

from __future__ import annotations

import calendar
import re

import pandas as pd

from crossings.data.dataset import Dataset

_MARKED = re.compile(r"⟦[^⟦⟧]*⟧", re.S)
_IDENTIFIER = re.compile(r"\b[A-Z]{2,}(?:-[A-Z0-9]+)+\b")
_WORD = re.compile(r"[A-Za-z]{3,}")
_FILE_NAME = re.compile(r"\b[\w-]+\.(?:csv|json|xml|md|txt|pdf|py)\b")
_NOT_WORDS = re.compile(r":material/[a-z_]+:|https?://\S+|<[^>]+>|&[a-z]+;|\b[A-Z][A-Z0-9-]{1,}\b|\b(?:"
                        + "|".join(calendar.month_name[1:]) + r")\b")  # months: CLDR writes them


def data_strings(dataset: Dataset) -> list[str]:
    """Every text value of the data tables, longest first (so a title goes before a word in it)."""
    found: set[str] = set()
    for frame in dataset.tables.values():
        for column in frame.columns:
            if pd.api.types.is_string_dtype(frame[column]) or frame[column].dtype == object:
                for value in frame[column].dropna().unique():
                    text = str(value)
                    if len(text) >= 3:
                        found.add(text)
                    # the pieces between identifiers: a note shown with its ids as citations
                    pieces = [sentence for piece in _IDENTIFIER.split(text) for sentence in piece.split(". ")]
                    found.update(p for p in pieces if len(p.strip()) >= 12)
    return sorted(found, key=len, reverse=True)


def page_texts(at) -> list[str]:
    """What a person reads on the page: headings, text, notices, labels, tabs, expanders."""
    texts = []
    for kind in ("title", "header", "subheader", "caption", "info", "warning", "error", "success",
                 "markdown"):
        texts += [element.value for element in getattr(at, kind)]
    texts += [metric.label for metric in at.metric]
    for kind in ("selectbox", "multiselect", "radio", "button", "text_input", "text_area", "checkbox",
                 "toggle", "slider", "number_input", "date_input"):
        texts += [widget.label for widget in getattr(at, kind)]
    texts += [tab.label for tab in at.tabs] + [expander.label for expander in at.expander]
    return [str(text) for text in texts if text]


def unmarked(texts: list[str], data: list[str]) -> list[str]:
    """The texts with words left once catalogued parts and data values are taken out."""
    left = []
    for text in texts:
        rest, before = text, None
        while rest != before:  # marks nest: '⟦**Showing:** ⟦All activity⟧⟧'
            before, rest = rest, _MARKED.sub(" ", rest)
        rest = _FILE_NAME.sub(" ", rest.replace("\\", ""))  # before data values: 'countries' is one
        for value in data:
            if value in rest:
                rest = rest.replace(value, " ")
        rest = _NOT_WORDS.sub(" ", rest)
        if _WORD.search(rest):
            left.append(text)
    return left
