"""The tables as people browse them: which ones, in what order, with readable names beside
the codes, a link to each row's source, and a text search over what is shown.

Display frames keep every curated column under its curated name (the names in data/README.md
and in the downloaded files) and add a few derived columns beside them: the country or
organisation a code stands for, an event's or project's dates as people write them, the
address of the row's source.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from crossings.data.dataset import Dataset
from crossings.data.schema import TABLES_BY_NAME, Column, Table, described
from crossings.languages import N_, _
from crossings.text.citations import readable_notes
from crossings.text.escaping import safe_url
from crossings.text.formatting import format_period
from crossings.text.labels import column_label, record_kind, value_label
from crossings.views.filtered_view import FILTERED_TABLES, FilteredView


@dataclass(frozen=True)
class TableInfo:
    name: str
    label: str  # marked with N_: look it up with _() where shown

    @property
    def schema(self) -> Table:
        return TABLES_BY_NAME[self.name]

    @property
    def description(self) -> str:
        """What one row of the table is, in the active language."""
        return described(self.schema)

    @property
    def filtered(self) -> bool:
        """Whether the sidebar filters narrow this table (else it is reference data)."""
        return self.name in FILTERED_TABLES


# Activity first (what the filters narrow), then reference tables.
BROWSABLE: tuple[TableInfo, ...] = (
    TableInfo("events", N_("Events")),
    TableInfo("event_countries", N_("Event countries")),
    TableInfo("event_groups", N_("Event groups (countries via a group)")),
    TableInfo("event_organisations", N_("Event organisations")),
    TableInfo("projects", N_("Projects")),
    TableInfo("project_countries", N_("Project countries")),
    TableInfo("project_organisations", N_("Project organisations")),
    TableInfo("funding", N_("Funding")),
    TableInfo("claims", N_("Claims (what each source says)")),
    TableInfo("sources", N_("Sources")),
    TableInfo("organisations", N_("Organisations")),
    TableInfo("groups", N_("Country groups")),
    TableInfo("group_members", N_("Group members")),
    TableInfo("countries", N_("Countries")),
    TableInfo("borders", N_("Borders")),
    TableInfo("topics", N_("Topics")),
    TableInfo("fx_rates", N_("Exchange rates")),
)
BROWSABLE_BY_NAME = {info.name: info for info in BROWSABLE}


@dataclass(frozen=True)
class ShownColumn:
    """How one column of a display frame is shown."""

    name: str  # column of the display frame (the curated name, or a derived one)
    kind: str  # text, int, float, money, date, when, link
    help: str
    pinned: bool = False
    label: str = ""  # the header people read ('Funder'); the name when blank
    hidden: bool = False  # a code shown by what it stands for, in the column beside it

    @property
    def header(self) -> str:
        return self.label or self.name


@dataclass
class Browse:
    """One table, ready to show: `rows` are the curated rows (for downloads), `display` the
    same rows with derived columns; both share their index (the spreadsheet row number)."""

    info: TableInfo
    rows: pd.DataFrame
    display: pd.DataFrame
    columns: list[ShownColumn]
    total: int  # rows in the whole table
    in_view: int  # rows after the filters, before the search


# --- labels for codes -------------------------------------------------------------------------
# Built once per dataset (a loaded Dataset is never changed); a few datasets at most are alive.

@lru_cache(maxsize=8)
def _project_titles(dataset: Dataset) -> dict[str, str]:
    projects = dataset.projects
    titles = projects["short_title"].where(projects["short_title"].notna(), projects["title"])
    return dict(zip(projects["project_id"], titles, strict=True))


@lru_cache(maxsize=8)
def _event_titles(dataset: Dataset) -> dict[str, str]:
    return dict(zip(dataset.events["event_id"], dataset.events["title"], strict=True))


@lru_cache(maxsize=8)
def _source_urls(dataset: Dataset) -> dict[str, str | None]:
    return {source: safe_url(url) for source, url in zip(dataset.sources["source_id"], dataset.sources["url"],
                                                         strict=True)}


def code_labels(dataset: Dataset, column: Column) -> dict[str, str] | None:
    """What the codes in a column stand for, or None if it holds no codes."""
    if column.kind == "iso3":  # in the language of the page (the memo is kept per language)
        return dataset.memo.get("country_labels", lambda: {iso3: dataset.country_name(iso3)
                                                           for iso3 in dataset.country_names})
    target = column.ref[0] if column.ref else None
    if target == "organisations":
        return dataset.organisation_labels
    if target == "projects":
        return _project_titles(dataset)
    if target == "events":
        return _event_titles(dataset)
    if target == "topics":
        return dataset.topic_labels
    return None


def record_label(dataset: Dataset, table: str, record_id: str) -> str:
    """A record named as people know it: an event's title, a project's short title, a
    country's name. Falls back to the id."""
    if table == "events":
        return _event_titles(dataset).get(record_id, record_id)
    if table == "projects":
        return _project_titles(dataset).get(record_id, record_id)
    if table == "countries":
        return dataset.country_name(record_id)
    if table == "organisations":
        return dataset.organisation_label(record_id)
    if table == "sources":
        return dataset.source_titles.get(record_id, record_id)
    if table == "topics":
        return dataset.topic_labels.get(record_id, record_id)
    if table == "funding":
        line = dataset.funding[dataset.funding["funding_id"] == record_id]
        if len(line):
            row = line.iloc[0]
            project = _project_titles(dataset).get(row["project_id"], row["project_id"])
            return _("{project}: {funder} funding line").format(
                project=project, funder=dataset.organisation_label(row["funder_id"]))
    return record_id


def _derived_name(column: Column) -> str:
    base = column.name.removesuffix("_iso3").removesuffix("_id").replace("_", " ")
    return f"{base} title" if base in ("project", "event") else f"{base} name"


def _labelled(codes, labels: dict[str, str]) -> str | None:
    if not isinstance(codes, str) or not codes:
        return None
    return "; ".join(labels.get(code, code) for code in codes.split(";"))


# --- display frames ---------------------------------------------------------------------------

def _kind_of(column: Column) -> str:
    if column.name == "amount":
        return "money"
    return {"int": "int", "float": "float", "date": "date", "url": "link"}.get(column.kind, "text")


def _help(column: Column) -> str:
    return described(column)  # in the active language: the display frames are kept per language


def _in_the_file(column: Column) -> str:
    """The help of a column shown by what its codes stand for: what it holds, and its name."""
    return _("{description} (`{column}` in the file)").format(description=described(column),
                                                              column=column.name)


def _when(frame: pd.DataFrame, table: Table) -> pd.Series | None:
    """An event's or project's dates as people write them ('29–30 July 2015')."""
    if not table.after:
        return None
    start, end = table.after[0]
    periods = [format_period(first, last) for first, last in zip(frame[start], frame[end], strict=True)]
    return pd.Series(periods, index=frame.index, dtype="str")


def _claimed(table: str, field: str, value: object) -> object:
    """A claim's value as the Data page shows it: a listed value in words ('not known' for
    unknown, 'in person'), as the record's own column shows it; anything else as claimed."""
    schema = TABLES_BY_NAME.get(table)
    listed = schema is not None and field in schema.names and schema.column(field).kind == "enum"
    return value_label(value) if listed or value == "unknown" else value


def display_frame(dataset: Dataset, info: TableInfo,
                  rows: pd.DataFrame) -> tuple[pd.DataFrame, list[ShownColumn]]:
    """The rows as the Data page shows them: each column under a header in words, listed values
    in words ('in person'), and a code (a funder's id, a country's ISO code, a source's id) shown
    by what it stands for; the code itself stays in the frame, hidden, for the search. Only a
    table's own id is shown as such: people need it to find the row in the file."""
    table = info.schema
    display: dict[str, pd.Series] = {}
    shown: list[ShownColumn] = []
    when = _when(rows, table)
    when_after = table.after[0][1] if table.after else None  # beside the end date
    urls = _source_urls(dataset)
    citations = dataset.short_citations
    for column in table.columns:
        values = rows[column.name]
        if column.kind == "url":
            values = values.map(safe_url)
        key = column.name == table.key
        labels = code_labels(dataset, column) if not key else None
        cites = column.ref == ("sources", "source_id")
        if column.kind == "enum" or column.name in ("field",):
            display[column.name] = values.map(value_label)
        elif column.kind == "text" and (column.name == "notes" or column.name.endswith("note")):
            display[column.name] = readable_notes(dataset, values)  # sources named as cited
        elif column.name == "value" and info.name == "claims":
            display[column.name] = pd.Series([_claimed(table_name, field, value) for table_name, field, value
                                              in zip(rows["table"], rows["field"], values, strict=True)],
                                             index=rows.index, dtype="object")
        else:
            display[column.name] = values
        shown.append(ShownColumn(column.name, _kind_of(column), _help(column), pinned=key,
                                 label=column_label(column.name, key=key),
                                 hidden=labels is not None or cites or column.name == "record_id"))
        if column.name == "table" and info.name == "claims":
            display[column.name] = values.map(record_kind)
        if labels is not None:
            name = f"{column.name} labels" if column.kind == "list" else _derived_name(column)
            display[name] = values.map(lambda codes, labels=labels: _labelled(codes, labels))
            shown.append(ShownColumn(name, "text", _in_the_file(column),
                                     label=column_label(column.name)))
        if cites:
            name = f"{column.name.removesuffix('_id')} name"
            display[name] = values.map(lambda source: citations.get(source, source)
                                       if isinstance(source, str) else None)
            shown.append(ShownColumn(name, "text", _in_the_file(column),
                                     label=column_label(column.name)))
            name = f"{column.name.removesuffix('_id')} link"
            display[name] = values.map(lambda source: urls.get(source) if isinstance(source, str) else None)
            shown.append(ShownColumn(name, "link", _("Address of the source named in `{column}`, "
                                                     "where one is known.").format(column=column.name),
                                     label=_("{column}, link").format(column=column_label(column.name))))
        if column.name == "record_id" and info.name == "claims":
            display["record name"] = pd.Series(
                [record_label(dataset, t, r) for t, r in zip(rows["table"], rows["record_id"], strict=True)],
                index=rows.index, dtype="str")
            shown.append(ShownColumn("record name", "text", _("The record the claim is about."),
                                     label=_("Record")))
        if column.name == when_after and when is not None:
            display["when"] = when
            shown.append(ShownColumn("when", "when", _("The dates as people write them, no more precise "
                                                       "than the source."), label=_("When")))
    return pd.DataFrame(display, index=rows.index), shown


# --- search -----------------------------------------------------------------------------------

def _folded(text: str) -> str:
    """Case and accents folded, so 'turkiye' finds 'Türkiye' and 'CAIRO' finds 'Cairo'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_COMBINING_MARKS = r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"


def search_mask(display: pd.DataFrame, query: str) -> pd.Series:
    """Rows whose shown text contains every word of the query (any column, any order)."""
    words = [_folded(word) for word in query.split()]
    if not words or display.empty:
        return pd.Series(True, index=display.index)
    text = pd.Series("", index=display.index, dtype="string")
    for column in display.columns:
        text = text + " " + display[column].astype("string").fillna("")
    text = (text.str.casefold().str.normalize("NFKD")
            .str.replace(_COMBINING_MARKS, "", regex=True))
    mask = pd.Series(True, index=display.index)
    for word in words:
        mask &= text.str.contains(word, regex=False)
    return mask.astype(bool)


def _whole_display(dataset: Dataset, name: str) -> tuple[pd.DataFrame, list[ShownColumn]]:
    """display_frame of a whole table, once per dataset: labels and readable dates are written
    once for every row (at 100,000 events, a second of work), and each view takes its rows."""
    return dataset.memo.get(("display", name), lambda: display_frame(
        dataset, BROWSABLE_BY_NAME[name], dataset.tables[name]))


def browse(view: FilteredView, name: str, query: str = "") -> Browse:
    """A table for the Data page: the filtered rows (or the whole reference table), with
    derived columns, narrowed to the rows that contain the search words."""
    info = BROWSABLE_BY_NAME[name]
    dataset = view.dataset
    rows = view.table(name)
    whole, columns = _whole_display(dataset, name)
    display = whole if len(rows) == len(whole) else whole.loc[rows.index]
    mask = search_mask(display, query)
    return Browse(info=info, rows=rows[mask], display=display[mask], columns=columns,
                  total=len(dataset.tables[name]), in_view=len(rows))
