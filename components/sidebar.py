"""The one filter sidebar, built once in app.py for every page, kept in sync with the URL.

Why a hand-written URL sync rather than widgets bound with `bind="query-params"`: a bound
multiselect writes its *labels* into the address (`?filter_countries=Jordan+(JOR)`), so links
would change whenever a name is edited, and it drops values it does not know without a word.
Here the address holds the codes the data uses (`?country=JOR&funder=GOV-JPN&from=2016`),
read by the tested core (`crossings.views.filters.from_query_params`), which says what it ignored.

How it works: on a session's first run the widgets are seeded from the address; on every
run the widgets' values are written back into it (a page's own parameters are left alone).
The widgets live in app.py, so they keep their values when the user moves between pages,
and the address is rewritten after the move.
"""

from __future__ import annotations

import streamlit as st

from components.data import get_choices, get_dataset, view_of
from components.search import SIDEBAR_KEY, search_box
from crossings.languages import _, ngettext
from crossings.languages.numbers import region_name
from crossings.text.escaping import markdown_text
from crossings.text.formatting import format_count
from crossings.text.labels import value_word
from crossings.views.filtered_view import FilteredView
from crossings.views.filters import (
    QUERY_KEYS,
    Choices,
    FilterState,
    describe,
    from_query_params,
    normalise_years,
    to_query_params,
)

LIST_DIMENSIONS = tuple(name for name in QUERY_KEYS if name not in ("year_from", "year_to"))
WIDGET_KEYS = {name: f"filter_{name}" for name in LIST_DIMENSIONS}
YEARS_KEY = "filter_years"
CLEAR_KEY = "filter_clear"
_SEEDED = "filters_from_link"
_LINK = "filter_link"  # (the state the link asked for, what was ignored in it)
_MORE = ("regions", "instruments", "organisations", "roles", "topics", "kinds")


def _set_widgets(state: FilterState, years: tuple[int, int] | None) -> None:
    for name, key in WIDGET_KEYS.items():
        st.session_state[key] = list(getattr(state, name))
    if years:
        st.session_state[YEARS_KEY] = (state.year_from or years[0], state.year_to or years[1])


def _clear_all() -> None:
    _set_widgets(FilterState(), get_choices().years)
    st.session_state[_LINK] = (FilterState(), [])


def _drop_stale_values(options: Choices) -> None:
    """After the data changed under a running session, forget picks it no longer offers
    (a multiselect or slider holding an impossible value would raise)."""
    for name, key in WIDGET_KEYS.items():
        allowed = set(getattr(options, name))
        picked = st.session_state.get(key, [])
        if any(value not in allowed for value in picked):
            st.session_state[key] = [value for value in picked if value in allowed]
    if options.years and YEARS_KEY in st.session_state:
        low, high = st.session_state[YEARS_KEY]
        first, last = options.years
        bounded = (min(max(low, first), last), min(max(high, first), last))
        if bounded != (low, high):
            st.session_state[YEARS_KEY] = bounded


def _state_from_widgets(years: tuple[int, int] | None) -> FilterState:
    values: dict[str, object] = {name: tuple(st.session_state.get(key, ())) for name, key in
                                 WIDGET_KEYS.items()}
    if years and YEARS_KEY in st.session_state:
        values["year_from"], values["year_to"] = st.session_state[YEARS_KEY]
    return normalise_years(FilterState(**values), years)


def _link_params() -> dict[str, list[str]]:
    """Every filter parameter in the address, repeated ones included (?country=A&country=B)."""
    return {key: st.query_params.get_all(key) for key in QUERY_KEYS.values() if key in st.query_params}


def render_sidebar(with_search: bool = True) -> FilterState:
    """The filters, and the search box unless the page has its own (`with_search` False: the
    Overview; one box per page holds the link's ?search=)."""
    dataset = get_dataset()
    options = get_choices()
    if _SEEDED not in st.session_state:
        state, notices = from_query_params(_link_params(), options)
        _set_widgets(state, options.years)
        st.session_state[_LINK] = (state, notices)
        st.session_state[_SEEDED] = True
    _drop_stale_values(options)

    org = dataset.organisation_label
    # Words in the page's language, looked up on this run: a format_func asked later (AppTest
    # does) must not depend on the session's language being known then.
    country_words = {c: f"{dataset.country_name(c)} ({c})" for c in options.countries}
    role_words = {role: value_word(role) for role in options.roles}
    kind_words = {kind: value_word(kind) for kind in options.kinds}
    with st.sidebar:
        if with_search:
            search_box(SIDEBAR_KEY, limit=5, compact=True)
        st.markdown(_("### Filters"))
        summary = st.container()
        countries = sorted(options.countries, key=lambda c: (country_words[c].casefold(), c))
        st.multiselect(_("Countries (host or participant)"), countries, key=WIDGET_KEYS["countries"],
                       format_func=lambda c: country_words.get(c, c),
                       placeholder=_("All countries"),
                       help=_("Events hosted in, or attended by officials of, these countries; projects "
                              "covering them. Matched by ISO code, never by name."))
        st.multiselect(_("Funders"), options.funders, key=WIDGET_KEYS["funders"], format_func=org,
                       placeholder=_("All funders"),
                       help=_("Projects they fund (with or without a known amount), and those projects' "
                              "events."))
        if options.years and options.years[0] < options.years[1]:
            st.slider(_("Years"), min_value=options.years[0], max_value=options.years[1], key=YEARS_KEY,
                      help=_("Records whose dates overlap these years. Records with no known date are "
                             "left out while the range is narrowed."))
        picked_more = any(st.session_state.get(WIDGET_KEYS[name]) for name in _MORE)
        with st.expander(_("More filters"), expanded=picked_more):
            regions = {region: region_name(region) for region in options.regions}  # worked out now, in
            st.multiselect(_("Regions"), options.regions, key=WIDGET_KEYS["regions"],  # the page's language
                           format_func=regions.get, placeholder=_("All regions"),
                           help=_("UN M49 regions, each followed by its sub-regions; they match through "
                                  "the countries in them."))
            st.multiselect(_("Funding instruments"), options.instruments, key=WIDGET_KEYS["instruments"],
                           format_func=org, placeholder=_("All instruments"))
            st.multiselect(_("Organisations"), options.organisations, key=WIDGET_KEYS["organisations"],
                           format_func=org, placeholder=_("All organisations"),
                           help=_("Events and projects where the organisation is named, in the roles "
                                  "picked below (any role if none is picked)."))
            st.multiselect(_("Organisation roles"), options.roles, key=WIDGET_KEYS["roles"],
                           format_func=lambda role: role_words.get(role, role), placeholder=_("Any role"))
            st.multiselect(_("Topics"), options.topics, key=WIDGET_KEYS["topics"],
                           format_func=lambda t: dataset.topic_labels.get(t, t), placeholder=_("All topics"))
            st.multiselect(_("Event kinds"), options.kinds, key=WIDGET_KEYS["kinds"],
                           format_func=lambda kind: kind_words.get(kind, kind), placeholder=_("All kinds"),
                           help=_("Applies to events only; projects are not filtered by it."))
        st.caption(_("Each filter narrows the view; several values in one filter match any of them."))

        state = _state_from_widgets(options.years)
        view = view_of(state)
        with summary:
            _summary(view)

    st.session_state["filter_state"] = state
    _sync_url(state)
    return state


def showing_markdown(view: FilteredView) -> str:
    """'**Showing:** Funder: Japan · 2015–2016', names from the data escaped for Markdown."""
    return _("**Showing:** {filters}").format(filters=markdown_text(describe(view.state, view.dataset)))


def _summary(view: FilteredView) -> None:
    """What is filtered, how much is left, what a link asked for that was ignored, and the one
    control that clears everything."""
    dataset, state = view.dataset, view.state
    st.markdown(showing_markdown(view))
    st.caption(" · ".join((
        _count(view.count("events"), len(dataset.events),
               ngettext("{n} event", "{n} events", len(dataset.events)),
               ngettext("{kept} of {n} event", "{kept} of {n} events", len(dataset.events))),
        _count(view.count("projects"), len(dataset.projects),
               ngettext("{n} project", "{n} projects", len(dataset.projects)),
               ngettext("{kept} of {n} project", "{kept} of {n} projects", len(dataset.projects))),
        _count(view.count("funding"), len(dataset.funding),
               ngettext("{n} funding line", "{n} funding lines", len(dataset.funding)),
               ngettext("{kept} of {n} funding line", "{kept} of {n} funding lines", len(dataset.funding))),
    )))
    undated = _undated_note(view)
    if undated:
        st.caption(undated)
    st.button(_("Clear all filters"), on_click=_clear_all, disabled=state.is_empty, key=CLEAR_KEY,
              icon=":material/filter_alt_off:", width="stretch")
    link_state, notices = st.session_state.get(_LINK, (FilterState(), []))
    if notices and state != link_state:
        st.session_state[_LINK] = (link_state, [])  # the view has moved on from the link
        notices = []
    if len(notices) == 1:
        st.warning(markdown_text(notices[0]), icon=":material/link_off:")
    elif notices:
        st.warning("\n".join(f"- {markdown_text(notice)}" for notice in notices), icon=":material/link_off:")


def _count(kept: int, whole: int, all_text: str, some_text: str) -> str:
    """'{n} events' when the filters keep every one, else '{kept} of {n} events'."""
    if kept == whole:
        return all_text.format(n=format_count(whole))
    return some_text.format(kept=format_count(kept), n=format_count(whole))


def _undated_note(view: FilteredView) -> str | None:
    events, projects = view.undated_excluded, view.undated_projects_excluded
    if events and projects:
        # the verb agrees with the whole: two or more records in all
        return (_("{events} and {projects} with no known date, or no year, are left out while years "
                  "are set.")
                .format(events=ngettext("{n} event", "{n} events", events).format(n=format_count(events)),
                        projects=ngettext("{n} project", "{n} projects", projects).format(
                            n=format_count(projects))))
    if events:
        return ngettext("{n} event with no known date, or no year, is left out while years are set.",
                        "{n} events with no known date, or no year, are left out while years are set.",
                        events).format(n=format_count(events))
    if projects:
        return ngettext("{n} project with no known date, or no year, is left out while years are set.",
                        "{n} projects with no known date, or no year, are left out while years are set.",
                        projects).format(n=format_count(projects))
    return None


def _sync_url(state: FilterState) -> None:
    """Write the filters into the address bar, leaving a page's own parameters alone."""
    wanted = to_query_params(state)
    for key in QUERY_KEYS.values():
        if key in wanted:
            if st.query_params.get_all(key) != [wanted[key]]:
                st.query_params[key] = wanted[key]
        elif key in st.query_params:
            del st.query_params[key]
