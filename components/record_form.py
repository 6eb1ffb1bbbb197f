"""The Add a record page's form: a Record shown as widgets with pickers (countries, organisations,
topics, groups), the words of the release under each proposed value, and the Record read back.

Widgets are keyed "add_<field>"; `load_record` puts a record's values into them (a new draft),
`record_from_form` reads the curator's corrections back. New organisations and topics added
inline live in the session until the record is written.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.language import data_editor
from crossings.data.dataset import Dataset
from crossings.data.schema import EVENT_KINDS, EVENT_STATUSES, ORG_TYPES
from crossings.intake import reference
from crossings.intake.gazetteer import find_city
from crossings.intake.record import NewOrganisation, Record, SourceInfo
from crossings.languages import N_, _
from crossings.text.escaping import markdown_text
from crossings.text.labels import value_label

NEW_ORGS = "add_new_orgs"  # list[NewOrganisation]
NEW_TOPICS = "add_new_topics"  # dict topic id -> label
EVIDENCE = "add_evidence"  # field -> spans, of the current draft
STATUSES = {"event": EVENT_STATUSES.values,  # held, announced, postponed, cancelled, not_known
            "project": ("planned", "ongoing", "completed", "not_known")}
_SCALARS = {"kind": "kind", "title": "title", "event_kind": "event_kind", "status": "status",
            "start_date": "start", "end_date": "end", "date_text": "date_text", "city": "city",
            "venue": "venue", "summary": "summary", "participants_note": "participants_note"}
_KINDS = {"event": N_("event"), "project": N_("project")}
_LISTS = {"participant_iso3": "countries", "participant_groups": "groups", "organisers": "organisers",
          "funders": "funders", "instruments": "instruments", "topics": "topics"}


def load_record(record: Record, evidence: dict[str, list[dict]]) -> None:
    """Put a record's values into the form's widgets (before they are drawn)."""
    state = st.session_state
    for field, key in _SCALARS.items():
        state[f"add_{key}"] = getattr(record, field) or ("" if field not in ("kind", "status", "event_kind")
                                                         else getattr(record, field))
    for field, key in _LISTS.items():
        state[f"add_{key}"] = list(dict.fromkeys(getattr(record, field)))
    state["add_host"] = record.host_iso3 or None
    state["add_participants"] = record.participants
    state["add_project"] = record.project_id or None
    state["add_budget_rows"] = pd.DataFrame(record.budget or [], columns=["amount", "currency"]).astype(
        {"amount": "float", "currency": "str"})
    state["add_budget_version"] = state.get("add_budget_version", 0) + 1  # a fresh editor for a new draft
    state[NEW_ORGS] = list(record.new_organisations)
    state[NEW_TOPICS] = {k: v for k, v in record.new_topics.items() if k in record.topics}
    for field in ("url", "title", "publisher", "published"):
        state[f"add_source_{field}"] = getattr(record.source, field)
    state[EVIDENCE] = evidence


def _said(field: str) -> None:
    """The words of the release behind a proposed value, under its widget."""
    spans = st.session_state.get(EVIDENCE, {}).get(field, [])
    if spans:
        words = " · ".join(f"“{span['text']}”" for span in spans[:4])
        st.caption(_(":material/format_quote: The text says {words}").format(words=markdown_text(words)))


def _organisation_options(dataset: Dataset) -> dict[str, str]:
    """org_id (or the name of a new organisation) -> how it reads in a picker."""
    options = {row.org_id: f"{row.name} ({row.acronym})" if isinstance(row.acronym, str) and row.acronym
               and row.acronym != row.name else row.name for row in dataset.organisations.itertuples()}
    for new in st.session_state.get(NEW_ORGS, []):
        options[new.name] = _("{name} (new)").format(name=new.name)
    return options


def _group_options(dataset: Dataset) -> list[str]:
    groups = dataset.tables.get("groups")
    names = list(groups["name"].dropna()) if groups is not None and "name" in groups else [
        name for name, _ in reference.GROUPS]
    return list(dict.fromkeys([*names, *st.session_state.get("add_groups", [])]))


def draw_form(dataset: Dataset) -> None:
    """The record's fields, in the order a curator checks them."""
    countries = {iso3: dataset.country_name(iso3) for iso3 in dataset.countries["iso3"]}
    organisations = _organisation_options(dataset)
    topics = dict(zip(dataset.topics["topic_id"], dataset.topics["label"], strict=False))
    topics.update({k: _("{name} (new)").format(name=v)
                   for k, v in st.session_state.get(NEW_TOPICS, {}).items()})
    # Words looked up on this run: a format_func asked later (AppTest does) must not depend on
    # the session's language being known then.
    kinds = {kind: _(words) for kind, words in _KINDS.items()}
    values = {value: value_label(value)
              for value in (*EVENT_KINDS.values, *STATUSES["event"], *STATUSES["project"])}
    st.radio(_("Kind"), list(_KINDS), key="add_kind", horizontal=True, format_func=kinds.get)
    _said("kind")
    kind = st.session_state["add_kind"]
    st.text_input(_("Title, in our own words"), key="add_title", max_chars=200,
                  help=_("A short factual title; the release's own headline is the source's title below."))
    left, right = st.columns(2)
    if kind == "event":
        left.selectbox(_("Event kind"), EVENT_KINDS.values, key="add_event_kind", format_func=values.get)
    if st.session_state.get("add_status") not in STATUSES[kind]:
        st.session_state["add_status"] = "not_known"
    right.selectbox(_("Status"), STATUSES[kind], key="add_status", format_func=values.get)
    _said("status")
    start, end, text = st.columns(3)
    start.text_input(_("Start (YYYY, YYYY-MM or YYYY-MM-DD)"), key="add_start")
    end.text_input(_("End"), key="add_end")
    text.text_input(_("Dates as written (EDTF)"), key="add_date_text",
                    help=_("A date without a year stays without one: XXXX-05-25/XXXX-05-28."))
    _said("date_text")
    city, host = st.columns(2)
    city.text_input(_("City"), key="add_city")
    host.selectbox(_("Host country"), list(countries), key="add_host", index=None, placeholder=_("None"),
                   format_func=lambda iso3: f"{countries[iso3]} ({iso3})")
    _said("city")
    _said("host_iso3")
    if kind == "event":
        st.number_input(_("Participants"), key="add_participants", min_value=0, step=1, value=None)
        _said("participants")
    st.multiselect(_("Participating countries") if kind == "event" else _("Countries covered"),
                   list(countries), key="add_countries",
                   format_func=lambda iso3: f"{countries[iso3]} ({iso3})")
    _said("participant_iso3")
    st.multiselect(_("Groups named without their members"), _group_options(dataset), key="add_groups",
                   accept_new_options=True)
    for field, label in (("organisers", _("Organisers") if kind == "event" else _("Implementers")),
                         ("funders", _("Funders")), ("instruments", _("Funding instruments"))):
        st.multiselect(label, list(organisations), key=f"add_{field}", format_func=organisations.get)
        _said(field)
    _new_organisation(countries)
    st.caption(_("Budget: one line per amount, in the currency the release gives (ISO 4217)."))
    version = st.session_state["add_budget_version"]
    data_editor(st.session_state["add_budget_rows"], key=f"add_budget_{version}", num_rows="dynamic",
                hide_index=True,
                column_config={"amount": st.column_config.NumberColumn(_("Amount"), min_value=0),
                               "currency": st.column_config.TextColumn(_("Currency"), max_chars=3)})
    _said("budget")
    st.multiselect(_("Topics"), list(topics), key="add_topics", format_func=topics.get)
    _said("topics")
    _new_topic(topics)
    if kind == "event":
        projects = dict(zip(dataset.projects["project_id"], dataset.projects["title"], strict=False))
        st.selectbox(_("Part of the project"), list(projects), key="add_project", index=None,
                     placeholder=_("None"),
                     format_func=projects.get)
    st.text_area(_("Summary, in our own words"), key="add_summary", max_chars=600)


def _new_organisation(countries: dict[str, str]) -> None:
    with st.expander(_("Add an organisation the data does not have")):
        st.text_input(_("Name"), key="add_org_name")
        acronym, kind = st.columns(2)
        acronym.text_input(_("Acronym"), key="add_org_acronym")
        types = {value: value_label(value) for value in ORG_TYPES.values}
        kind.selectbox(_("Type"), ORG_TYPES.values, key="add_org_type", index=ORG_TYPES.values.index("other"),
                       format_func=types.get)
        st.selectbox(_("Country (for national bodies)"), list(countries), key="add_org_country", index=None,
                     placeholder=_("None"), format_func=lambda iso3: f"{countries[iso3]} ({iso3})")
        st.button(_("Add the organisation"), key="add_org_button", on_click=_add_organisation)


def _add_organisation() -> None:
    state = st.session_state
    name = state.get("add_org_name", "").strip()
    if not name:
        return
    if all(o.name != name for o in state.get(NEW_ORGS, [])):
        state[NEW_ORGS] = [*state.get(NEW_ORGS, []), NewOrganisation(
            name, state.get("add_org_acronym", "").strip(), state.get("add_org_type") or "other",
            state.get("add_org_country") or "")]
    state["add_org_name"] = state["add_org_acronym"] = ""


def _new_topic(topics: dict[str, str]) -> None:
    with st.expander(_("Add a topic the data does not have")):
        identifier, label = st.columns(2)
        identifier.text_input(_("Id (lower case, underscores)"), key="add_topic_id")
        label.text_input(_("Label"), key="add_topic_label")
        st.button(_("Add the topic"), key="add_topic_button", on_click=_add_topic)


def _add_topic() -> None:
    state = st.session_state
    topic_id = "_".join(state.get("add_topic_id", "").strip().lower().split())
    label = state.get("add_topic_label", "").strip()
    if topic_id and label:
        state[NEW_TOPICS] = {**state.get(NEW_TOPICS, {}), topic_id: label}
        state["add_topics"] = [*state.get("add_topics", []), topic_id]
        state["add_topic_id"] = state["add_topic_label"] = ""


def draw_source() -> None:
    st.text_input(_("Address (URL)"), key="add_source_url", placeholder="https://…")
    st.text_input(_("Title (the release's headline)"), key="add_source_title")
    publisher, published = st.columns(2)
    publisher.text_input(_("Publisher"), key="add_source_publisher")
    published.text_input(_("Published (YYYY, YYYY-MM or YYYY-MM-DD)"), key="add_source_published")
    _said("published")


def record_from_form() -> Record:
    """The record as the form now says it."""
    state = st.session_state

    def text(key: str) -> str:
        return (state.get(f"add_{key}") or "").strip()

    def chosen(key: str) -> list[str]:
        return list(state.get(f"add_{key}") or [])

    kind = state.get("add_kind", "event")
    organisations = {*chosen("organisers"), *chosen("funders"), *chosen("instruments")}
    participants = state.get("add_participants")
    budget_edits = state.get(f"add_budget_{state.get('add_budget_version')}")
    record = Record(
        kind=kind, title=text("title"), event_kind=state.get("add_event_kind") or "workshop",
        status=state.get("add_status", "not_known"), start_date=text("start"), end_date=text("end"),
        date_text=text("date_text"), city=text("city"), host_iso3=state.get("add_host") or "",
        participants=int(participants) if kind == "event" and participants is not None else None,
        participant_iso3=chosen("countries"), participant_groups=chosen("groups"),
        organisers=chosen("organisers"), funders=chosen("funders"), instruments=chosen("instruments"),
        budget=_budget_rows(state.get("add_budget_rows"), budget_edits),
        topics=chosen("topics"), new_topics=dict(state.get(NEW_TOPICS, {})),
        new_organisations=[o for o in state.get(NEW_ORGS, []) if o.name in organisations],
        project_id=(state.get("add_project") or "") if kind == "event" else "", summary=text("summary"),
        source=SourceInfo(text("source_url"), text("source_title"), text("source_publisher"),
                          text("source_published")))
    if record.city:  # coordinates from GeoNames, in the host country when one is given
        cities = [c for c in find_city(record.city) if not record.host_iso3 or c.iso3 == record.host_iso3]
        if cities:
            record.lat, record.lon = cities[0].lat, cities[0].lon
    return record


def _budget_rows(initial: pd.DataFrame | None, edits) -> list[dict]:
    """The budget editor's lines: its initial rows with the edits applied (st.data_editor keeps
    the edits, not the table, in the session)."""
    frame = initial.copy() if initial is not None else pd.DataFrame(columns=["amount", "currency"])
    if isinstance(edits, dict):
        for row, changes in edits.get("edited_rows", {}).items():
            for column, value in changes.items():
                frame.loc[frame.index[int(row)], column] = value
        for added in edits.get("added_rows", []):
            frame.loc[len(frame)] = [added.get("amount"), added.get("currency")]
        deleted = [frame.index[int(i)] for i in edits.get("deleted_rows", [])]
        frame = frame.drop(index=deleted, errors="ignore")
    lines = []
    for amount, currency in zip(frame["amount"], frame["currency"], strict=True):
        if pd.notna(amount) and isinstance(currency, str) and currency.strip():
            value = float(amount)
            lines.append({"amount": int(value) if value.is_integer() else value,
                          "currency": currency.strip().upper()})
    return lines
