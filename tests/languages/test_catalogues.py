"""The catalogues: every marked message translated in French and Arabic, placeholders kept,
and no interface text written to the page without the catalogue."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from babel.messages.pofile import read_po

from crossings.files import ROOT
from crossings.languages.__main__ import KEYWORDS, TRANSLATED
from crossings.languages.catalogue import po_path
from devtools.interface_text import findings

_FIELD = re.compile(r"\{[a-z_0-9]*\}")


@pytest.fixture(scope="module")
def marked(tmp_path_factory):
    """Every message marked in the code today, extracted afresh (not the committed template)."""
    template = tmp_path_factory.mktemp("pot") / "crossings.pot"
    keywords = [part for word in KEYWORDS for part in ("-k", word)]
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "-q", "extract",
                    "-F", str(ROOT / "crossings/languages/babel.cfg"), "--no-default-keywords", *keywords,
                    "-o", str(template), "app.py", "pages", "components", "crossings"],
                   cwd=ROOT, check=True)
    with template.open("rb") as source:
        return [m for m in read_po(source) if m.id]


def _catalogue(code):
    with po_path(code).open("rb") as source:
        return read_po(source, locale=code)


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_marked_message_has_a_translation(marked, code):
    catalogue = _catalogue(code)
    gaps = []
    for message in marked:
        found = catalogue.get(message.id, context=message.context)
        strings = found.string if found is not None else None
        texts = strings if isinstance(strings, (list, tuple)) else [strings]
        if found is None or found.fuzzy or not all(texts):
            gaps.append(message.id)
    assert not gaps, f"{len(gaps)} message(s) without a {code} translation, e.g. {gaps[:5]}"


@pytest.mark.parametrize("code", TRANSLATED)
def test_translations_keep_every_placeholder(code):
    wrong = []
    for message in _catalogue(code):
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, (list, tuple)) else [message.id]
        wanted = set(_FIELD.findall(" ".join(ids)))
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        for text in strings:
            got = set(_FIELD.findall(text))
            if got - wanted or (len(ids) == 1 and got != wanted):
                wrong.append((ids[0], text))
    assert not wrong, wrong[:5]


def test_no_interface_text_skips_the_catalogue():
    listed = findings()
    assert not listed, "\n".join(str(f) for f in listed[:30]) + f"\n({len(listed)} in all)"


def test_the_lint_finds_a_literal_label(tmp_path):
    page = tmp_path / "page.py"
    page.write_text('import streamlit as st\nst.subheader("Who funds what")\nst.caption(f"{n} events")\n'
                    'st.title(_("Budget"))\nst.markdown("---")\n', encoding="utf-8")
    assert [(f.line, f.text) for f in findings([page])] == [(2, "Who funds what"), (3, "events")]
