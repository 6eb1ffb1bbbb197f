"""How Crossings is served over HTTP: the files compressed once and revalidated (compression),
the routes the server answers beside Streamlit's own (routes), and the work done while the
first browser loads the frontend (warm_up). serve.py puts them together in Streamlit's ASGI
entry, st.App; `./dev.sh run` runs it. No Streamlit page code lives here."""
