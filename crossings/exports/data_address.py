"""The data address: the rows a page shows for a link, without the browser interface, as CSV
(HXL-tagged) or JSON, so a spreadsheet or another dashboard can pull them.

    /data.csv?table=funding&funder=EU&from=2016     the Data page's rows for the same link
    /data.json?table=events&country=JOR,EGY

The parameters are the pages' own (`country`, `region`, `funder`, `from`, ... and the Data page's
`table` and `q`), read by the same code, so the address returns exactly the rows the Data page
shows for the same link. Read-only. Hostile parameters get what pages give them: a value too long
or repeated too often is cut, an unknown one is dropped and said in the response (a header for
CSV, `notices` in JSON), and nothing in a link can raise. Records marked internal never appear
here: the address reads the public part of the data only.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd

from crossings.data.dataset import Dataset
from crossings.exports.hxl import hxl_csv_bytes
from crossings.exports.tables import without_derived
from crossings.views.filtered_view import apply_filters
from crossings.views.filters import choices, from_query_params
from crossings.views.tables import BROWSABLE_BY_NAME, browse

DEFAULT_TABLE = "events"
MAX_VALUE_CHARS = 2_000  # a longer parameter value is cut (nothing real is this long)
MAX_VALUES = 200  # a parameter repeated more often keeps its first values
MAX_ROWS = 100_000  # rows in one response; more are said, not sent


@dataclass(frozen=True)
class DataResponse:
    status: int
    media_type: str
    body: bytes
    notices: tuple[str, ...] = ()


def bounded(params: Mapping[str, list[str]]) -> tuple[dict[str, list[str]], list[str]]:
    """Parameters as pages read them, with the same caps on length and repetition."""
    kept: dict[str, list[str]] = {}
    notices: list[str] = []
    for key, values in params.items():
        if len(values) > MAX_VALUES:
            notices.append(f"Only the first {MAX_VALUES} values of '{key[:40]}' were read.")
            values = values[:MAX_VALUES]
        if any(len(v) > MAX_VALUE_CHARS for v in values):
            notices.append(f"A value of '{key[:40]}' was longer than {MAX_VALUE_CHARS:,} characters "
                           "and was cut.")
            values = [v[:MAX_VALUE_CHARS] for v in values]
        kept[key[:100]] = values
    return kept, notices


def _json_value(value):
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def data_response(dataset: Dataset, params: Mapping[str, list[str]], fmt: str,
                  public: Callable[[Dataset], Dataset] = lambda dataset: dataset) -> DataResponse:
    """The rows for a link, as `fmt` ('csv' or 'json'). `public` gives the part of the data that
    may leave the app (records marked internal left out)."""
    params, notices = bounded(params)
    dataset = public(dataset)
    state, filter_notices = from_query_params(params, choices(dataset))
    notices += filter_notices
    table = (params.get("table") or [DEFAULT_TABLE])[-1].strip().lower()
    if table not in BROWSABLE_BY_NAME:
        notices.append(f"Unknown table '{table[:40]}'; the events are shown.")
        table = DEFAULT_TABLE
    query = (params.get("q") or [""])[-1].strip()
    rows = browse(apply_filters(dataset, state), table, query).rows
    if len(rows) > MAX_ROWS:
        notices.append(f"Only the first {MAX_ROWS:,} of {len(rows):,} rows are sent; narrow the filters.")
        rows = rows.head(MAX_ROWS)
    rows = without_derived(rows)
    if fmt == "csv":
        return DataResponse(200, "text/csv; charset=utf-8", hxl_csv_bytes(table, rows), tuple(notices))
    records = [{column: _json_value(value) for column, value in zip(rows.columns, row, strict=True)}
               for row in rows.itertuples(index=False)]
    body = {"table": table, "filters": {k: v for k, v in params.items() if k not in ("table", "q")},
            "search": query, "rows": len(records), "notices": notices, "data": records}
    return DataResponse(200, "application/json", json.dumps(body, ensure_ascii=False).encode("utf-8"),
                        tuple(notices))
