"""Routes the server answers beside Streamlit's pages and files.

To add one (serving/data_address.py is one: /api/data.csv and /api/data.json):

    from starlette.responses import Response
    from starlette.routing import Route

    async def filtered_csv(request):          # plain Starlette: a Request in, a Response out
        ...
        return Response(body, media_type="text/csv")

    ROUTES = [Route("/api/view.csv", filtered_csv)]

serve.py passes ROUTES to st.App; `./dev.sh run` and the browser tests serve them. A path must
not start with Streamlit's own prefixes (/_stcore/, /media/, /component/, /static/): st.App
refuses those at start. Answers are gzipped per request by Streamlit's middleware (they are
dynamic, so serving.compression leaves them alone and keeps nothing); an endpoint doing real work
should run it off the event loop (`await anyio.to_thread.run_sync(...)`), as every session's
websocket shares that loop. Endpoints run outside any Streamlit session: read the data with
crossings' core (crossings.data.loading), not with st.* calls.
"""

from __future__ import annotations

from starlette.routing import BaseRoute

from serving import data_address

ROUTES: list[BaseRoute] = [*data_address.ROUTES]


def route_prefixes(routes: list[BaseRoute]) -> tuple[str, ...]:
    """The fixed start of each route's path (up to its first {parameter}): what
    serving.compression leaves to Streamlit's per-request gzip."""
    paths = (getattr(route, "path", "") for route in routes)
    return tuple(path.split("{", 1)[0] for path in paths if path)
