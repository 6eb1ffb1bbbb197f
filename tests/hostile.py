"""Hostile text, shared by every test that shows data: HTML and script tags, javascript: links,
Markdown tricks and spreadsheet formulas, as a curator's typo or a malicious edit could put
them into any text field.

Push a builder through the whole corpus with one line:

    @hostile_text
    def test_popup_shows_titles_as_text(hostile):
        assert_inert_html(build_popup(title=hostile), hostile)

`hostile_data_copy` writes a copy of data/ with these strings in the fields pages show (event
titles, cities, venues, notes, an organisation's name and acronym, a country's name, a topic's
label, a source's title and publisher), for AppTest and browser tests.
"""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from crossings.files import DATA_DIR
from tests.helpers import read_rows, write_rows

# (id, text). Ids name what each tries; the browser test looks for the ids and globals below.
INJECTIONS: list[tuple[str, str]] = [
    ("script-tag", '<script>window.__pwned = "script"; alert("script")</script>'),
    ("img-onerror", '<img src=x id="injected-img" onerror="window.__pwned=\'img\';alert(\'img\')">'),
    ("svg-onload", '<svg id="injected-svg" onload="window.__pwned=\'svg\';alert(\'svg\')"></svg>'),
    ("iframe-javascript", '<iframe id="injected-iframe" src="javascript:alert(\'iframe\')"></iframe>'),
    ("html-javascript-link", '<a id="injected-link" href="javascript:alert(\'link\')">Click here</a>'),
    ("attribute-break", '"><img src=x id="injected-break" onerror="alert(\'break\')">'),
    ("single-quote-break", "' onmouseover='alert(\"quote\")' data-x='"),
    ("style-tag", "<style>body { display: none !important; }</style>"),
    ("markdown-javascript-link", "[Open the report](javascript:alert('markdown'))"),
    ("markdown-remote-image", "![tracking pixel](https://evil.example/pixel.png)"),
    ("markdown-autolink", "<https://evil.example/phish>"),
    ("markdown-formatting", "# Heading **bold** _italic_ `code` > quote ~~strike~~ | table |"),
    ("markdown-html-comment", "Title <!-- hidden --> shown"),
    ("streamlit-directives", ":red[red text] :material/warning: :rainbow[colour]"),
    ("latex", "$\\frac{1}{0}$ and $$x$$"),
    ("formula-equals", '=HYPERLINK("https://evil.example","Click")'),
    ("formula-plus", "+cmd|' /C calc'!A0"),
    ("formula-minus", "-2+3+cmd|' /C calc'!A0"),
    ("formula-at", "@SUM(1+1)*cmd|' /C calc'!A0"),
    ("formula-tab", "\t=1+1"),
    ("bidi-override", "Report\u202egnp.exe"),
]

INJECTION_TEXTS = [text for _, text in INJECTIONS]
INJECTION_IDS = [name for name, _ in INJECTIONS]
INJECTED_ELEMENT_IDS = ("injected-img", "injected-svg", "injected-iframe", "injected-link",
                        "injected-break")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

hostile_text = pytest.mark.parametrize("hostile", INJECTION_TEXTS, ids=INJECTION_IDS)


class _Markup(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def live_markup(html: str) -> list[str]:
    """What in an HTML string would run or load: script/iframe/style/object tags, on* handlers,
    javascript:/data: addresses and the corpus's injected ids."""
    parser = _Markup()
    parser.feed(html)
    found = []
    for tag, attrs in parser.tags:
        if tag in ("script", "iframe", "style", "object", "embed", "svg", "base", "meta"):
            found.append(f"<{tag}>")
        for name, value in attrs.items():
            if name.startswith("on"):
                found.append(f"{tag} {name}=")
            if name in ("href", "src", "action", "formaction") and value and value.strip().lower(
                    ).startswith(("javascript:", "data:", "vbscript:")):
                found.append(f"{tag} {name}={value}")
            if name == "id" and value in INJECTED_ELEMENT_IDS:
                found.append(f"{tag} id={value}")
    return found


def assert_inert_html(html: str, hostile: str) -> None:
    """The hostile text is in `html` only as text: no live markup came from it."""
    assert live_markup(html) == [], html
    if "<" in hostile:
        assert hostile not in html  # it was escaped, not pasted


def hostile_data_copy(target: Path) -> dict[str, str]:
    """A copy of data/ at `target` with hostile text in the fields the pages show. Returns what
    was put where ({"events.EV-2021-CAIRO.title": text, ...}) for tests to look for."""
    shutil.copytree(DATA_DIR, target, ignore=shutil.ignore_patterns("geo", "backups"))
    text = dict(INJECTIONS)
    events = [row["event_id"] for row in read_rows(DATA_DIR / "events.csv")]
    # every event gets one of the corpus as its title (the Markdown and HTML tricks first, so
    # the titles the Overview lists carry them) and another as its summary
    titles = ["markdown-remote-image", "script-tag", "markdown-javascript-link", "img-onerror",
              "html-javascript-link", "streamlit-directives", "latex", "markdown-formatting",
              "attribute-break"]
    summaries = [name for name in INJECTION_IDS if name not in titles]
    cells: dict[str, str] = {}
    for index, event_id in enumerate(events):
        cells[f"events.{event_id}.title"] = text[titles[index % len(titles)]]
        cells[f"events.{event_id}.summary"] = text[summaries[index % len(summaries)]]
    cells |= {
        "events.EV-2021-CAIRO.city": text["markdown-autolink"],
        "events.EV-2021-CAIRO.venue": text["svg-onload"],
        "events.EV-2021-CAIRO.participants_note": text["iframe-javascript"],
        "projects.P-G5-CBM.title": text["formula-equals"],
        "projects.P-G5-CBM.short_title": text["markdown-remote-image"],
        "organisations.GOV-JPN.acronym": text["markdown-javascript-link"],
        "organisations.GOV-JPN.name": text["formula-at"],
        "countries.JOR.name": text["img-onerror"],
        "topics.border_management.label": text["markdown-remote-image"],
        "sources.SEED-001.title": text["script-tag"],
        "sources.SEED-001.publisher": text["markdown-remote-image"],
        "funding.F-G5CBM-JPN.notes": text["formula-plus"],
    }
    keys = {"events": "event_id", "projects": "project_id", "organisations": "org_id",
            "countries": "iso3", "topics": "topic_id", "sources": "source_id", "funding": "funding_id"}
    for table in {where.split(".")[0] for where in cells}:
        path = target / f"{table}.csv"
        rows = read_rows(path)
        for row in rows:
            for column in list(row):
                where = f"{table}.{row[keys[table]]}.{column}"
                if where in cells:
                    row[column] = cells[where]
        write_rows(path, rows)
    return cells
