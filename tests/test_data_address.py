"""The data address returns exactly the Data page's rows for the same link, as HXL-tagged CSV or
JSON, and takes hostile parameters as pages do."""

from __future__ import annotations

import io
import json

import hxl
import pytest

from crossings.data.loading import load_dataset
from crossings.exports.data_address import MAX_VALUE_CHARS, data_response
from crossings.files import DATA_DIR
from crossings.views.filtered_view import apply_filters
from crossings.views.filters import choices, from_query_params
from crossings.views.tables import browse


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(DATA_DIR)


def page_rows(dataset, params: dict[str, list[str]], table: str, query: str = ""):
    state, _ = from_query_params(params, choices(dataset))
    return browse(apply_filters(dataset, state), table, query).rows


@pytest.mark.parametrize("link", [
    {"table": ["funding"], "funder": ["EU"]},
    {"table": ["events"], "country": ["JOR,EGY"]},
    {"table": ["events"], "from": ["2016"], "to": ["2020"]},
    {"table": ["project_countries"], "country": ["jor"]},
    {"table": ["events"], "q": ["Cairo"]},
])
def test_json_holds_exactly_the_data_pages_rows(dataset, link):
    response = data_response(dataset, link, "json")
    assert response.status == 200 and response.media_type == "application/json"
    body = json.loads(response.body)
    expected = page_rows(dataset, link, link["table"][0], (link.get("q") or [""])[0])
    key = {"funding": "funding_id", "events": "event_id"}.get(body["table"])
    if key:
        assert [row[key] for row in body["data"]] == expected[key].tolist()
    assert body["rows"] == len(expected) > 0


def test_csv_is_hxl_tagged_and_holds_the_same_rows(dataset):
    link = {"table": ["funding"], "funder": ["EU"]}
    response = data_response(dataset, link, "csv")
    assert response.media_type.startswith("text/csv")
    rows = list(hxl.data(io.BytesIO(response.body), hxl.InputOptions(allow_local=True)))
    assert sorted(r.get("#activity+funding+code") for r in rows) == sorted(
        page_rows(dataset, link, "funding")["funding_id"])


@pytest.mark.parametrize("link", [
    {"country": [""]},
    {"country": ["JOR"] * 1000},
    {"country": ["X" * 100_000]},
    {"table": ["../../etc/passwd"], "from": ["abc"], "to": ["-1"]},
    {"unknown": ["1"], "q": ["\x00<script>alert(1)</script>"]},
])
def test_hostile_links_give_an_answer_with_notices_never_an_error(dataset, link):
    response = data_response(dataset, link, "json")
    assert response.status == 200
    body = json.loads(response.body)
    assert isinstance(body["data"], list)
    if any(len(v) > MAX_VALUE_CHARS for values in link.values() for v in values):
        assert any("was cut" in n for n in body["notices"])
    if "table" in link:
        assert body["table"] == "events" and any("Unknown table" in n for n in body["notices"])


def test_the_served_route_answers_with_the_same_rows(dataset, monkeypatch):
    """serving/data_address.py's route (what `./dev.sh run` serves at /api/data.csv and .json),
    through Starlette: the core it imports on its first request answers as data_response does."""
    import asyncio

    import httpx
    from starlette.applications import Starlette

    from serving.data_address import ROUTES

    monkeypatch.setenv("CROSSINGS_DATA_DIR", str(DATA_DIR))

    async def get(path: str, **params: str) -> httpx.Response:
        transport = httpx.ASGITransport(app=Starlette(routes=ROUTES))
        async with httpx.AsyncClient(transport=transport, base_url="http://crossings") as client:
            return await client.get(path, params=params)

    answer = asyncio.run(get("/api/data.json", table="events", country="JOR"))
    assert answer.status_code == 200
    expected = page_rows(dataset, {"country": ["JOR"]}, "events")["event_id"].tolist()
    assert [row["event_id"] for row in json.loads(answer.text)["data"]] == expected and expected
    assert asyncio.run(get("/api/data.xml")).status_code == 404
