"""The data dictionary in readable form, built from the declared schema (crossings.data.schema)
and the lists of allowed values (crossings.data.vocabulary): every table, what one row is, how
many rows the loaded data holds, and each column with its kind, whether it is required, what it
refers to and its description. The descriptions are the schema's own, looked up in the active
language (data/README.md keeps them in English)."""

from __future__ import annotations

from dataclasses import dataclass

from crossings.data.dataset import Dataset
from crossings.data.schema import TABLES, Column, described
from crossings.languages import N_, _

KINDS = {
    "id": N_("identifier"), "text": N_("text"), "enum": N_("one of a list"),
    "iso3": N_("country code (ISO 3166-1 alpha-3)"), "currency": N_("currency code (ISO 4217)"),
    "date": N_("date (EDTF)"), "int": N_("whole number"), "float": N_("number"),
    "url": N_("web address"), "ref": N_("reference to another table"),
    "list": N_("list, separated by ';'"),
}


@dataclass(frozen=True)
class DictionaryTable:
    name: str  # the table's name, as in the files
    file: str
    description: str  # the schema's, in the active language
    rows: int  # in the loaded data
    columns: tuple[dict[str, str], ...]  # one per column, keyed by dictionary_columns()


def dictionary_columns() -> tuple[str, ...]:
    """The column headings of each table's listing, in the active language."""
    return _("Column"), _("Kind"), _("Required"), _("Refers to"), _("Allowed values"), _("Description")


def _column_row(column: Column, key: bool) -> dict[str, str]:
    heading = dictionary_columns()
    refers = f"{column.ref[0]}.{column.ref[1]}" if column.ref else ""
    required = _("yes, unique") if (column.required and column.unique) or key else (
        _("yes") if column.required else "")
    values = ", ".join(column.allowed)
    kind = _(KINDS[column.kind]) if column.kind in KINDS else column.kind
    return dict(zip(heading, (column.name, kind, required, refers, values, described(column)), strict=True))


def data_dictionary(dataset: Dataset) -> tuple[DictionaryTable, ...]:
    """Every declared table, in load order (worked out once per dataset and language)."""
    return dataset.memo.get("data_dictionary", lambda: tuple(
        DictionaryTable(table.name, table.file, described(table),
                        len(dataset.tables[table.name]) if table.name in dataset.tables else 0,
                        tuple(_column_row(column, column.name == table.key) for column in table.columns))
        for table in TABLES))
