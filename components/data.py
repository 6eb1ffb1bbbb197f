"""The dataset and the filtered view, as every page gets them."""

from __future__ import annotations

import gc
import hashlib
import os
from pathlib import Path

import streamlit as st
from streamlit.logger import get_logger
from streamlit.runtime.scriptrunner import get_script_run_ctx

from crossings.data.dataset import Dataset
from crossings.data.disk_cache import load_dataset_kept
from crossings.data.loading import data_signature, load_dataset
from crossings.data.visibility import public_subset
from crossings.data.writing import remove_leftovers_now
from crossings.files import DATA_DIR
from crossings.languages import _
from crossings.views.filtered_view import FilteredView, apply_filters
from crossings.views.filters import Choices, FilterState, choices

LOGGER = get_logger("crossings")


def data_dir() -> Path:
    """The bundled data/, unless CROSSINGS_DATA_DIR points elsewhere (tests, benchmarks)."""
    return Path(os.environ.get("CROSSINGS_DATA_DIR", DATA_DIR))


def public_only() -> bool:
    """CROSSINGS_AUDIENCE=public: this server is a public route, so it reads only the public
    subset of the data (crossings.data.visibility). Otherwise it shows internal rows too, and
    must be reachable only by the team (README, "Who may see what")."""
    return os.environ.get("CROSSINGS_AUDIENCE", "").strip().lower() == "public"


def read_dataset(folder: Path) -> Dataset:
    """The folder's data, from the validated copy kept on disk when the files have not changed
    since it was made (crossings.data.disk_cache: a second of a server's start). Tests turn the
    copy off (CROSSINGS_KEEP_DATA=0, tests/conftest.py): they change the loader's behaviour
    under the same folder and bytes, which no running server does."""
    if os.environ.get("CROSSINGS_KEEP_DATA", "1") == "0":
        return load_dataset(folder)
    return load_dataset_kept(folder)


@st.cache_resource(show_spinner=False, max_entries=4)  # its spinner: _loaded, in the session's language
def _load(folder: str, version: str, public: bool = False) -> Dataset:
    """Parsing and validating every CSV is the slowest step, so it runs once per version of
    the files: `version` (of their names, sizes, modification times) changes when a CSV is edited,
    and the next rerun loads again. Shared between sessions: never mutate what it returns. On
    a public server, only the public subset is ever held here.

    The loaded data lives as long as the server, so it is moved out of the garbage collector's
    sight (gc.freeze): a full collection otherwise walked its 280,000 objects, 150 to 180 ms of
    some rerun every twenty or so on the bundled data, far more with many events. What was
    frozen by an earlier load is handed back first (gc.unfreeze), so a version of the data
    replaced by this one can still be collected."""
    gc.unfreeze()
    dataset = read_dataset(Path(folder))
    dataset = public_subset(dataset) if public else dataset
    gc.freeze()
    return dataset


@st.cache_resource(show_spinner=False)
def _leftovers_removed(folder: str) -> tuple[str, ...]:
    """Once per server and folder, when the app starts: the temporary files a write killed
    mid-way left behind (crossings/data/writing.py). Each write cleans up too."""
    removed = remove_leftovers_now(Path(folder))
    for path in removed:
        LOGGER.warning("Removed %s, left by an interrupted write", path.name)  # not for the catalogue
    return tuple(path.name for path in removed)


def _version(folder: Path) -> str:
    """The files' version: their signature (data_signature), read once per script run and
    made short, so the caches below hash a few bytes rather than every file's size and time
    (a page asks for the dataset or the view a dozen times a run)."""
    ctx = get_script_run_ctx(suppress_warning=True)
    kept = getattr(ctx, "_crossings_data_version", None)
    # ctx.cursors is a new dict at the start of every run (full or fragment): a run's own mark
    if kept is not None and kept[0] is ctx.cursors and kept[1] == folder:
        return kept[2]
    version = hashlib.blake2b(repr(data_signature(folder)).encode(), digest_size=12).hexdigest()
    if ctx is not None:
        ctx._crossings_data_version = (ctx.cursors, folder, version)
    return version


# The versions of the data (folder, version, public) this process has loaded: a first load says
# so, in the session's language (a cache's own spinner text is fixed when the module is imported,
# before any session has a language; its default, "Running `_view(...)`", is code, in English).
_LOADED: set[tuple[str, str, bool]] = set()


def _loaded(public: bool) -> tuple[str, str, bool]:
    """The arguments of _load for this server's data, loaded under a spinner the first time."""
    folder = data_dir()
    source = (str(folder), _version(folder), public)
    if source not in _LOADED:
        _leftovers_removed(str(folder))
        with st.spinner(_("Loading the data…")):  # shown only if it takes over half a second
            _load(*source)
        _LOADED.add(source)
    return source


def get_dataset() -> Dataset:
    folder = data_dir()
    _leftovers_removed(str(folder))
    return _load(*_loaded(public_only()))


@st.cache_resource(show_spinner=False, max_entries=4)
def _choices(folder: str, version: str, public: bool) -> Choices:
    """What the filters can offer depends only on the data, not on the session."""
    return choices(_load(folder, version, public))


def get_choices() -> Choices:
    return _choices(*_loaded(public_only()))


def current_state() -> FilterState:
    """The filters the shared sidebar set on this run."""
    return st.session_state.get("filter_state", FilterState())


@st.cache_resource(show_spinner=False, max_entries=16)
def _view(folder: str, version: str, public: bool, state_key: str, _state: FilterState) -> FilteredView:
    """The sidebar's counts and the page both read the view of the filters, and a page's own
    controls (a currency, a clicked country) rerun the page with unchanged filters: the view,
    and what pages work out from it (its memo), is kept per version of the data and filter
    state, shared between sessions. Each run gets a copy (FilteredView.copy), never the kept one.
    The state is known by its repr (`state_key`: a frozen dataclass of strings, numbers and
    tuples), cheaper for the cache to hash than the object."""
    return apply_filters(_load(folder, version, public), _state)


def view_of(state: FilterState) -> FilteredView:
    return _view(*_loaded(public_only()), repr(state), state).copy()


def current_view() -> FilteredView:
    return view_of(current_state())


def public_choices() -> Choices:
    """What the filters can offer in the public subset (embeds read their links against it)."""
    return _choices(*_loaded(True))


def public_view_of(state: FilterState) -> FilteredView:
    """The filtered view of the public subset, whatever this server's audience: for a public
    route on any server (an embed)."""
    return _view(*_loaded(True), repr(state), state).copy()
