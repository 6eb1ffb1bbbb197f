"""A page's own settings in the address (?table=funding&q=cairo), beside the shared filters.

The sidebar writes the filter parameters and leaves every other one alone; a page that wants
a setting of its own to survive a copied link seeds its widget from the address on the
page's first run and writes the value back on every run.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable

import streamlit as st

from crossings.languages import _
from crossings.text.escaping import markdown_text

_LONGEST_SHOWN = 40


def seed_from_link(key: str, param: str, default: str | None, allowed: Collection[str] | None = None,
                   read: Callable[[str], str | None] | None = None) -> str | None:
    """Before the widget `key` is drawn: if it has no value yet (first run of the page), take
    it from ?param=..., when allowed; `read` turns the link's text into the widget's value
    (None: the page has no such choice). Returns a notice if the link's value was ignored."""
    if key in st.session_state:
        return None
    raw = st.query_params.get(param)
    value = raw if read is None or raw is None else read(raw)
    if value is None or (allowed is not None and value not in allowed):
        st.session_state[key] = default
        if raw is None:
            return None
        return ignored_notice(param, raw)
    st.session_state[key] = value
    return None


def check_bound_link(param: str, allowed: Collection[str]) -> str | None:
    """Before a widget bound to the link (bind="query-params") is drawn: Streamlit hands it the
    link's value as it is, and an empty one (?currency=) reached the page as None. A value that
    is not one of `allowed` (matched ignoring case; a repeated parameter, one value) is removed
    from the link, so the widget starts at its default. Returns a notice if it was removed."""
    values = st.query_params.get_all(param)
    if not values:
        return None
    by_case = {str(choice).casefold(): str(choice) for choice in allowed}
    if len(set(values)) == 1 and values[0].casefold() in by_case:
        if values != [by_case[values[0].casefold()]]:
            st.query_params[param] = by_case[values[0].casefold()]
        return None
    del st.query_params[param]
    raw = values[0] if len(set(values)) == 1 else ",".join(dict.fromkeys(values))
    return ignored_notice(param, raw)


def ignored_notice(param: str, raw: str) -> str:
    """The notice for a link value the page does not use (shortened: a link may be huge)."""
    shown = raw if len(raw) <= _LONGEST_SHOWN else raw[:_LONGEST_SHOWN - 1] + "…"
    return _("Ignored '{parameter}' in the link: there is no such choice on this page.").format(
        parameter=f"{param}={shown}")


def show_link_notices(notices: Iterable[str | None]) -> None:
    """What seed_from_link ignored, said above the page's content."""
    for notice in filter(None, notices):
        st.warning(markdown_text(notice), icon=":material/link_off:")


def keep_in_link(param: str, value: str, default: str) -> None:
    """Write the page's setting into the address; a default value leaves it out."""
    if value == default or not value:
        if param in st.query_params:
            del st.query_params[param]
    elif st.query_params.get(param) != value:
        st.query_params[param] = value


def linked_choice(label: str, setting: tuple[str, dict[str, str]], key: str | None = None) -> str:
    """A segmented control whose word the link keeps (?per=quarter), so a copied address reopens
    the same view. `setting` is (link parameter; {word: label shown}), the first word the
    default; the widget's key is the parameter unless given. Seed it first with
    seed_linked_choice."""
    param, words = setting
    value = st.segmented_control(label, list(words), format_func=words.get, key=key or param,
                                 required=True)
    keep_in_link(param, value, next(iter(words)))
    return value


def seed_linked_choice(setting: tuple[str, dict[str, str]], key: str | None = None) -> str | None:
    """seed_from_link for a linked_choice (same setting and key): its first word by default."""
    param, words = setting
    return seed_from_link(key or param, param, next(iter(words)), allowed=words)
