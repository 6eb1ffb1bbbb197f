"""Source titles are shown exactly as stored in every caption: a title stored as `&lt;b&gt;`
shows those characters, never `<b>` (Markdown and HTML both decode character references).

Every source in a copy of the data gets such a title and no publisher, so every source line
("Sources: ...") names sources by their titles."""

from __future__ import annotations

import html
import re
from datetime import date
from types import SimpleNamespace

import pytest

from components.pages import PAGES
from crossings.data.loading import load_dataset
from crossings.exports.images import _text_annotation
from crossings.exports.slide_layout import footer_text
from crossings.exports.slides import SLIDE_KEYS, DeckChoices, build_slide
from crossings.text.citations import source_line
from crossings.text.escaping import markdown_text
from crossings.views.filtered_view import apply_filters
from crossings.views.filters import FilterState
from tests.helpers import read_rows, write_rows
from tests.test_app_pages import open_page


def stored_title(source_id: str) -> str:
    return f"&lt;b&gt;{source_id}&lt;/b&gt; &amp; &#60;i&#62;"


def shown_by_markdown(source: str) -> str:
    """What a CommonMark renderer (Streamlit's) shows for inline text: a backslash before ASCII
    punctuation shows that character; a character reference not so escaped shows the character
    it names. The word joiners markdown_text puts in addresses are invisible."""
    pattern = re.compile(r"\\([!-/:-@\[-`{-~])|(&(?:#\d+|#x[0-9a-f]+|[a-z]+);)", re.IGNORECASE)
    shown = pattern.sub(lambda m: m.group(1) if m.group(1) else html.unescape(m.group(2)), source)
    return shown.replace("\u2060", "")


@pytest.fixture
def entity_titles(data_copy, monkeypatch):
    path = data_copy / "sources.csv"
    rows = read_rows(path)
    for row in rows:
        row["title"], row["publisher"] = stored_title(row["source_id"]), ""
    write_rows(path, rows)
    monkeypatch.setenv("CROSSINGS_DATA_DIR", str(data_copy))
    return data_copy


def source_captions(at) -> list[str]:
    return [c.value for c in at.caption if re.match(r"Sources?\\?:", c.value)]


def assert_exact(captions: list[str], where: str) -> None:
    assert captions, f"no source line on {where}"
    for caption in captions:
        shown = shown_by_markdown(caption)
        assert "<b>" not in shown and "<i>" not in shown, (where, shown)
        titles = re.findall(r"&lt;b&gt;[\w-]+&lt;/b&gt; &amp; &#60;i&#62;", shown)
        assert titles or "none (no records shown)" in shown, (where, shown)


def test_the_markdown_model_would_catch_decoding():
    """Unescaped, the stored title shows as markup: the check below can fail."""
    assert shown_by_markdown(stored_title("S")) == "<b>S</b> & <i>"
    assert shown_by_markdown(markdown_text(stored_title("S"))) == stored_title("S")


NO_SOURCE_LINE = ("data", "sources", "import_data", "add_record", "about")  # tables of sources, none cited


@pytest.mark.parametrize("spec", PAGES, ids=[p.url_path for p in PAGES])
def test_every_caption_on_every_page_shows_titles_as_stored(spec, entity_titles):
    at = open_page(spec)
    assert not at.exception
    for caption in at.caption:  # source lines and notes that cite a source alike
        shown = shown_by_markdown(caption.value)
        assert "<b>" not in shown and "<i>" not in shown, (spec.url_path, shown)
        if "&lt;b" in caption.value:
            assert re.search(r"&lt;b&gt;[\w-]+&lt;/b&gt; &amp; &#60;i&#62;", shown), shown
    if spec.url_path not in NO_SOURCE_LINE:
        assert_exact(source_captions(at), spec.url_path)


def test_the_country_profile_source_line_shows_the_title_as_stored(entity_titles):
    at = open_page(next(p for p in PAGES if p.url_path == "map"), {"profile": "IRN"})
    assert not at.exception
    assert_exact(source_captions(at), "map profile")
    assert any("borders and neighbours" not in c and stored_title("SEED-004") in shown_by_markdown(c)
               for c in source_captions(at))


@pytest.mark.parametrize("number", range(1, len(SLIDE_KEYS) + 1))
def test_every_presenter_slide_shows_the_title_as_stored(entity_titles, number):
    at = open_page(next(p for p in PAGES if p.url_path == "presenter"), {"slide": str(number)})
    assert not at.exception
    assert_exact(source_captions(at), f"slide {number}")


def test_exported_captions_show_the_title_as_stored(entity_titles):
    """Images and decks: plotly decodes character references once (html_text escapes them
    once more); the PDF and PowerPoint draw plain text."""
    view = apply_filters(load_dataset(entity_titles), FilterState())
    slide = build_slide(view, "funding", DeckChoices("IRN", "EUR"))
    assert stored_title("SEED-002") in slide.source_line
    layout = SimpleNamespace(margin=40, width=1280, height=720)
    annotation = _text_annotation([slide.source_line], 0, 12, "#000", layout)
    assert html.unescape(annotation["text"]) == slide.source_line
    assert stored_title("SEED-002") in footer_text(slide, date(2026, 1, 1))
    assert source_line(view.dataset, ["SEED-002"]) == f"Sources: {stored_title('SEED-002')} (n.d.)"
