"""The data address as routes: /api/data.csv and /api/data.json with the pages' own link
parameters (crossings.exports.data_address says what they return). Read-only, outside any
Streamlit session; the data is loaded once per version of the files and only its public part is
ever read here, whatever the server's audience.

The core (pandas, pandera) is imported on the first request, not with this module: serve.py
imports it before the server listens, and half a second of imports there is half a second
before any browser gets its first byte (the warm-up thread imports the same modules anyway).
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import anyio
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from crossings.files import DATA_DIR

if TYPE_CHECKING:
    from crossings.data.dataset import Dataset


def _folder() -> Path:
    return Path(os.environ.get("CROSSINGS_DATA_DIR", DATA_DIR))


@lru_cache(maxsize=2)
def _dataset(folder: str, signature: tuple) -> Dataset:
    """Loaded once per version of the files (the signature changes when a CSV is edited)."""
    from crossings.data.loading import load_dataset

    return load_dataset(Path(folder))


def _answer(params: dict[str, list[str]], fmt: str) -> Response:
    from crossings.data.loading import data_signature
    from crossings.data.visibility import public_subset
    from crossings.exports.data_address import data_response

    folder = _folder()
    dataset = _dataset(str(folder), data_signature(folder))
    answer = data_response(dataset, params, fmt, public=public_subset)
    headers = {"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"}
    if answer.notices and fmt == "csv":  # JSON carries them in its body
        headers["X-Crossings-Notices"] = " | ".join(answer.notices)[:2000].encode("ascii", "replace").decode()
    return Response(answer.body, status_code=answer.status, media_type=answer.media_type, headers=headers)


async def data_address(request: Request) -> Response:
    if request.path_params["fmt"] not in ("csv", "json"):
        return Response("Not found: the data address is /api/data.csv or /api/data.json", status_code=404,
                        media_type="text/plain")
    params = {key: request.query_params.getlist(key) for key in request.query_params}
    return await anyio.to_thread.run_sync(_answer, params, request.path_params["fmt"])


ROUTES = [Route("/api/data.{fmt:str}", data_address, methods=["GET"])]
