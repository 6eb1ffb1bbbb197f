"""The printed form of a data grid (crossings/exports/print_table.py) from st.dataframe's own
arguments: its column settings give each column's header, kind and number format, its column
order the columns and their order, and None hides a column, as on screen."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from crossings.exports.print_table import PrintColumn, number_format, print_table_html

_NUMBERS = ("number", "progress")


def print_columns(data: pd.DataFrame, column_config: Mapping[str, Any] | None = None,
                  column_order: Iterable[str] | None = None) -> list[PrintColumn]:
    """The columns the grid shows, in its order (the frame's, unless column_order is given)."""
    config = column_config or {}
    names = list(column_order) if column_order is not None else [str(name) for name in data.columns]
    columns = []
    for name in names:
        if name in config and config[name] is None:  # hidden
            continue
        setting = config.get(name)
        if isinstance(setting, str):
            setting = {"label": setting}
        setting = setting or {}
        header = setting.get("label") or name
        kind_config = setting.get("type_config") or {}
        kind = kind_config.get("type")
        if kind in _NUMBERS or (kind is None and name in data.columns and _is_number(data[name])):
            decimals, grouped = number_format(kind_config.get("format"))
            columns.append(PrintColumn(name, header, "number", decimals, grouped))
        elif kind == "link":
            columns.append(PrintColumn(name, header, "link", link_text=kind_config.get("display_text")))
        else:
            columns.append(PrintColumn(name, header))
    return columns


def _is_number(column) -> bool:
    return (isinstance(column, pd.Series) and pd.api.types.is_numeric_dtype(column)
            and not pd.api.types.is_bool_dtype(column))


def grid_print_html(data: pd.DataFrame, rtl: bool, column_config: Mapping[str, Any] | None = None,
                    column_order: Iterable[str] | None = None, hide_index: bool | None = None,
                    total: int | None = None, in_download: bool = False) -> str:
    """The grid st.dataframe would draw from these arguments, as a printed table."""
    unnamed_count = isinstance(data.index, pd.RangeIndex) and data.index.name is None
    if hide_index is False or (hide_index is None and not unnamed_count):  # the grid shows it first
        name = data.index.name or ""
        if name not in data.columns:
            data = data.reset_index(names=name)
            column_order = [name, *column_order] if column_order is not None else None
    return print_table_html(data, print_columns(data, column_config, column_order), rtl=rtl, total=total,
                            in_download=in_download)
