"""The one filter sidebar, built once in app.py for every page, kept in sync with the URL."""

from __future__ import annotations

import streamlit as st

from components.data import get_choices, get_dataset
from crossings.filters import QUERY_KEYS, FilterState, describe, from_query_params, to_query_params
from crossings.text import markdown_text

_WIDGET = {name: f"filter_{name}" for name in QUERY_KEYS if name not in ("year_from", "year_to")}
_YEARS = "filter_years"
_NOTICES = "link_notices"


def _set_widgets(state: FilterState, years: tuple[int, int] | None) -> None:
    for name, key in _WIDGET.items():
        st.session_state[key] = list(getattr(state, name))
    if years:
        st.session_state[_YEARS] = (state.year_from or years[0], state.year_to or years[1])


def _clear_all() -> None:
    _set_widgets(FilterState(), get_choices().years)
    st.session_state[_NOTICES] = []


def _state_from_widgets(years: tuple[int, int] | None) -> FilterState:
    values = {name: tuple(st.session_state.get(key, ())) for name, key in _WIDGET.items()}
    if years and _YEARS in st.session_state:
        low, high = st.session_state[_YEARS]
        values["year_from"] = low if low != years[0] else None
        values["year_to"] = high if high != years[1] else None
    return FilterState(**values)


def render_sidebar() -> FilterState:
    dataset = get_dataset()
    options = get_choices()
    if "filters_from_link" not in st.session_state:
        state, notices = from_query_params(st.query_params.to_dict(), options)
        _set_widgets(state, options.years)
        st.session_state[_NOTICES] = notices
        st.session_state["filters_from_link"] = True

    org = dataset.organisation_label
    with st.sidebar:
        st.markdown("### Filters")
        summary = st.container()
        st.multiselect("Countries (host or participant)", options.countries, key=_WIDGET["countries"],
                       format_func=lambda c: f"{dataset.country_name(c)} ({c})")
        st.multiselect("Funders", options.funders, key=_WIDGET["funders"], format_func=org)
        if options.years and options.years[0] < options.years[1]:
            st.slider("Years", min_value=options.years[0], max_value=options.years[1], key=_YEARS)
        with st.expander("More filters"):
            st.multiselect("Regions", options.regions, key=_WIDGET["regions"])
            st.multiselect("Funding instruments", options.instruments, key=_WIDGET["instruments"],
                           format_func=org)
            st.multiselect("Organisations", options.organisations, key=_WIDGET["organisations"],
                           format_func=org)
            st.multiselect("Organisation roles", options.roles, key=_WIDGET["roles"])
            st.multiselect("Topics", options.topics, key=_WIDGET["topics"],
                           format_func=lambda t: dataset.topic_labels.get(t, t))
            st.multiselect("Event kinds", options.kinds, key=_WIDGET["kinds"])
        state = _state_from_widgets(options.years)
        with summary:
            st.caption(f"**Showing:** {markdown_text(describe(state, dataset))}")
            st.button("Clear all filters", on_click=_clear_all, disabled=state.is_empty,
                      key="filter_clear", width="stretch")
            for notice in st.session_state.get(_NOTICES, []):
                st.warning(markdown_text(notice), icon=":material/link_off:")  # holds link text

    st.session_state["filter_state"] = state
    _sync_url(state)
    return state


def _sync_url(state: FilterState) -> None:
    """Write the filters into the address bar, leaving a page's own parameters alone."""
    wanted = to_query_params(state)
    for key in QUERY_KEYS.values():
        if key in wanted:
            if st.query_params.get(key) != wanted[key]:
                st.query_params[key] = wanted[key]
        elif key in st.query_params:
            del st.query_params[key]
