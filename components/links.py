"""A page's own settings in the address (?table=funding&q=cairo), beside the shared filters.

The sidebar writes the filter parameters and leaves every other one alone; a page that wants
a setting of its own to survive a copied link seeds its widget from the address on the
page's first run and writes the value back on every run.
"""

from __future__ import annotations

from collections.abc import Collection

import streamlit as st

_LONGEST_SHOWN = 40


def seed_from_link(key: str, param: str, default: str, allowed: Collection[str] | None = None) -> str | None:
    """Before the widget `key` is drawn: if it has no value yet (first run of the page), take
    it from ?param=..., when allowed. Returns a notice if the link's value was ignored."""
    if key in st.session_state:
        return None
    raw = st.query_params.get(param)
    if raw is None or (allowed is not None and raw not in allowed):
        st.session_state[key] = default
        if raw is None:
            return None
        shown = raw if len(raw) <= _LONGEST_SHOWN else raw[:_LONGEST_SHOWN - 1] + "…"
        return f"Ignored '{param}={shown}' in the link: there is no such choice on this page."
    st.session_state[key] = raw
    return None


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
    default; the widget's key is the parameter unless given. Seed it with seed_from_link on the
    page's first run."""
    param, words = setting
    value = st.segmented_control(label, list(words), format_func=words.get, key=key or param,
                                 required=True)
    keep_in_link(param, value, next(iter(words)))
    return value
