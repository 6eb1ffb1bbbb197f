"""Hostile text from the data is shown as text, and links allow only http(s)."""

from __future__ import annotations

import pytest

from crossings.text.escaping import html_link, html_text, markdown_text, safe_url

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_html_is_escaped():
    escaped = html_text(HOSTILE)
    assert "<script>" not in escaped and "<img" not in escaped
    assert escaped.startswith("&lt;script&gt;")
    assert html_text(None, missing="–") == "–"


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x",
                                 "file:///etc/passwd", "//evil.example", "http://a b", "vbscript:x"])
def test_only_http_links_are_allowed(url):
    assert safe_url(url) is None
    assert "<a " not in html_link("label", url)


def test_http_link_is_kept_and_label_escaped():
    link = html_link("<b>IOM</b>", "https://iran.iom.int/page")
    assert link.startswith('<a href="https://iran.iom.int/page"')
    assert "&lt;b&gt;IOM&lt;/b&gt;" in link


def test_bare_addresses_are_not_turned_into_links():
    # Streamlit links these after parsing, backslash escapes or not; a word joiner stops it
    for text, broken in (("see https://evil.example now", "https\\:\u2060//evil"),
                         ("www.evil.example", "www\u2060\\.evil"),
                         ("WWW.Evil.example", "WWW\u2060\\.Evil"),
                         ("mail user@evil.example", "user@\u2060evil")):
        assert broken in markdown_text(text)
    assert markdown_text("Kwww.x") == "Kwww\\.x"  # not the start of an address
    assert markdown_text("Iran: 7 land") == "Iran\\: 7 land"
    # Streamlit draws ":material/warning:" as an icon even escaped: a word joiner breaks it up
    assert markdown_text("see :material/warning: here") == "see \\:\u2060material/warning\\: here"
    assert markdown_text("10:30 a:b") == "10\\:30 a\\:b"  # no joiner where no icon could start


def test_markdown_tricks_are_neutralised():
    text = markdown_text("[click](javascript:alert(1)) **bold** # head <b>x</b>")
    assert "\\[click\\]" in text and "\\*\\*bold\\*\\*" in text and "\\<b\\>" in text


def test_html_text_quotes_are_numeric_references_plotly_reads():
    # plotly decodes &#34; and &#x27; in labels but shows &quot; as six characters
    assert html_text('Say "hi" & it\'s <b>') == "Say &#34;hi&#34; &amp; it&#x27;s &lt;b&gt;"
