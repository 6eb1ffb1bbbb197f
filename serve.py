"""Crossings as a server: `./dev.sh run` runs `streamlit run serve.py`, and Streamlit, finding
the st.App below, serves app.py through it (Streamlit's ASGI entry: uvicorn, Starlette).

What it adds to a plain `streamlit run app.py`:
- Files compressed once and revalidated (serving/compression.py): the Map page's first visit
  goes from 4.9 MB to under 2 MB, and a repeat visit sends only what changed.
- Routes of our own (serving/routes.py: add one there).
- The heavy imports and the data loaded while the browser loads the frontend (serving/warm_up.py),
  and nothing heavy imported before the server listens (the data address imports the core on
  its first request; Streamlit's search of installed packages for components skipped).
- Pages only through app.py's navigation: the folder pages/ is not Streamlit's older
  "pages directory" mode, so a deep link to a fresh server (/map) runs app.py once instead of
  running pages/map.py alone first and then app.py.

Every other setting (port, address, headless, websocket compression) comes from
.streamlit/config.toml and the command line, as with `streamlit run app.py`.
"""

from __future__ import annotations

import streamlit as st
from starlette.middleware import Middleware
from streamlit.runtime.pages_manager import PagesManager

from serving.compression import CompressedFiles
from serving.routes import ROUTES, route_prefixes
from serving.warm_up import skip_installed_component_scan, warm_up

PagesManager.uses_pages_directory = False  # app.py declares every page with st.navigation
skip_installed_component_scan()  # no installed component of Streamlit's second kind is used

app = st.App("app.py", routes=ROUTES, lifespan=warm_up,
             middleware=[Middleware(CompressedFiles, passed_through=route_prefixes(ROUTES))])
