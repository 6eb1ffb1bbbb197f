"""The search box (on the Overview and in the sidebar): the best hits across every table, each a
link to the page and filter or profile that shows it.

Links are Markdown ('[Iran](map?profile=IRN&lang=fr)'): st.page_link cannot carry a page's own
parameters. They are relative to the app's address, so they work under any base path, and keep
the language the page speaks; the page they open reads its filter or profile from the link.

The words searched are kept in the address (?search=niamey), so a copied link reopens the same
search: the box seeds itself from the link on its first run and writes its words back on every
run. `search`, not `q`: the Data page's own table search is ?q=, and the sidebar's box is on that
page too. One box per page holds it: the Overview has its own, and no sidebar box.
"""

from __future__ import annotations

import streamlit as st

from components.data import get_dataset
from components.links import keep_in_link, seed_from_link
from crossings.languages import _
from crossings.text.escaping import markdown_text
from crossings.views.search import LONGEST_QUERY, Hit, search

SIDEBAR_KEY, OVERVIEW_KEY = "search_sidebar", "search_overview"
LINK_PARAM = "search"
_LONGEST_LABEL = 70  # characters of a title in the sidebar's narrow column


def _shortened(text: str, longest: int | None) -> str:
    if longest is None or len(text) <= longest:
        return text
    return text[:longest - 1].rstrip() + "…"


def hit_line(hit: Hit, lang: str | None, longest: int | None = None, detail: bool = True) -> str:
    """'- [Iran](map?profile=IRN) · Country · IRN': the name a link, names from the data escaped."""
    parts = [markdown_text(hit.kind_label)]
    if detail and hit.detail:
        parts.append(markdown_text(_shortened(hit.detail, longest)))
    return f"- [{markdown_text(_shortened(hit.label, longest))}]({hit.link(lang)}) · " + " · ".join(parts)


def search_box(key: str, limit: int, compact: bool = False) -> None:
    """The box and, once something is typed, its hits: in the sidebar (compact) the label is
    hidden and long titles are cut short."""
    seed_from_link(key, LINK_PARAM, "", read=lambda raw: raw[:LONGEST_QUERY])
    query = st.text_input(
        _("Search everything"), key=key, max_chars=LONGEST_QUERY, icon=":material/search:",
        placeholder=_("A place, country, organisation, project, funder…"),
        label_visibility="collapsed" if compact else "visible",
        help=None if compact else _("Finds events, projects, organisations, funders, countries, "
                                    "groups of countries, topics and sources by any word of their "
                                    "names, titles, places or acronyms, ignoring accents and small "
                                    "typos."))
    keep_in_link(LINK_PARAM, query.strip(), "")
    if not query.strip():
        return
    hits = search(get_dataset(), query, limit)
    if not hits:
        st.caption(_("Nothing found for “{words}”.").format(words=markdown_text(query.strip())))
        return
    lang = st.query_params.get("lang")
    lines = [hit_line(hit, lang, _LONGEST_LABEL if compact else None, detail=not compact) for hit in hits]
    with st.container(key=f"{key}_hits"):
        st.markdown("\n".join(lines))
