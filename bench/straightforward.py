"""Crossings' pages against a straightforward build of the same charts, in one run: what each
sends to the browser on a rerun, and how long it takes to make.

    python bench/straightforward.py                  # 10,000 events
    python bench/straightforward.py --events 100000 --repeats 3

The straightforward build is what a first version of each page would do: read the CSVs with
pandas on every rerun (nothing cached), filter with pandas, draw the map with geopandas'
GeoDataFrame.explore() (countries coloured by events hosted, every event a marker with its
columns in the tooltip), the charts with plain plotly express (every funding line and every
event a mark with its hover data) and show every row of a table. Crossings' side is the same
rerun as the app does it after a filter change: the dataset loaded once (warm), a new filtered
view, the page's figures built (map rendered to the HTML st_folium sends, charts to their JSON,
the Data page's table to the Arrow bytes st.dataframe sends).

Bytes are the uncompressed payload of a rerun (what travels on the websocket, before its
compression). Times are wall clock on a busy machine: medians of `repeats`.

Targets: at 10,000 events, at least 10 times fewer bytes for the map than explore(), and the
reruns (bench/page_reruns.py's "× faster" column) at least 10 times faster.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
import pyarrow as pa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import machine, median, table  # noqa: E402

MAP_RATIO_TARGET = 10


def _timed(make, repeats: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        result = make()
        times.append(time.perf_counter() - started)
    return median(times), result


def _arrow_bytes(frame: pd.DataFrame) -> int:
    sink = io.BytesIO()
    arrow = pa.Table.from_pandas(frame, preserve_index=False)
    with pa.ipc.new_stream(sink, arrow.schema) as writer:
        writer.write_table(arrow)
    return len(sink.getvalue())


# --- the straightforward build ------------------------------------------------------------------

def _year(dates: pd.Series) -> pd.Series:
    return pd.to_datetime(dates, errors="coerce", format="mixed").dt.year

def _read(folder: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(folder / f"{name}.csv")


def plain_map(folder: Path, year_from: int) -> int:
    import geopandas

    from crossings.files import GEOMETRY_FILE

    events = _read(folder, "events")
    events = events[_year(events["start_date"]) >= year_from]
    countries = geopandas.read_file(GEOMETRY_FILE)
    hosted = events.groupby("host_iso3").size().rename("events")
    countries = countries.merge(hosted, left_on="iso3", right_index=True, how="left")
    fmap = countries.explore(column="events")
    placed = events.dropna(subset=["lat", "lon"])
    points = geopandas.GeoDataFrame(placed, geometry=geopandas.points_from_xy(placed["lon"], placed["lat"]),
                                    crs="EPSG:4326")
    points.explore(m=fmap)
    return len(fmap.get_root().render().encode())


def plain_budget(folder: Path, year_from: int) -> int:
    import plotly.express as px

    funding = _read(folder, "funding").merge(_read(folder, "projects"), on="project_id", how="left")
    funding = funding[funding["value_date"].astype(str).str[:4].astype(int) >= year_from]
    by_project = px.bar(funding, x="amount", y="title", color="funder_id", orientation="h",
                        hover_data=["funding_id", "instrument_id", "currency", "value_date", "status_x"])
    funding["year"] = funding["value_date"].astype(str).str[:4]
    over_time = px.bar(funding, x="year", y="amount", color="funder_id", hover_data=["title", "currency"])
    return sum(len(figure.to_json().encode()) for figure in (by_project, over_time))


def plain_timeline(folder: Path, year_from: int) -> int:
    import plotly.express as px

    events = _read(folder, "events")
    events["start"] = pd.to_datetime(events["start_date"], errors="coerce", format="mixed")
    events["end"] = pd.to_datetime(events["end_date"], errors="coerce", format="mixed") + pd.Timedelta(days=1)
    events = events[events["start"].dt.year >= year_from].dropna(subset=["start", "end"])
    events["topic"] = events["topics"].fillna("").str.split(";").str[0]
    timeline = px.timeline(events, x_start="start", x_end="end", y="topic", color="kind",
                           hover_data=["title", "city", "host_iso3", "participants", "source_id"])
    countries = _read(folder, "event_countries").merge(events[["event_id", "start"]], on="event_id")
    countries["year"] = countries["start"].dt.year
    heatmap = px.density_heatmap(countries, x="year", y="country_iso3")
    return sum(len(figure.to_json().encode()) for figure in (timeline, heatmap))


def plain_data(folder: Path, year_from: int) -> int:
    events = _read(folder, "events")
    events = events[_year(events["start_date"]) >= year_from]
    return _arrow_bytes(events)


# --- Crossings ----------------------------------------------------------------------------------

def ours(dataset, world, geometry_url: str, page: str, year_from: int) -> int:
    from components.browse import MAX_ROWS_SHOWN
    from crossings.figures.activity_map import activity_map, shading
    from crossings.figures.budget import funding_figure, money_over_time_figure
    from crossings.figures.participation import participants_figure, participation_heatmap
    from crossings.figures.timeline import timeline_figure
    from crossings.views.filtered_view import apply_filters
    from crossings.views.filters import FilterState
    from crossings.views.participation import participants_by_period
    from crossings.views.tables import browse

    view = apply_filters(dataset, FilterState(year_from=year_from))  # a new view: nothing kept from the last
    if page == "map":
        fmap = activity_map(view, world, shading(view, "events_hosted"), geometry_url)
        return len(fmap.get_root().render().encode())
    if page == "budget":
        figures = [funding_figure(view, "EUR", "project"), money_over_time_figure(view, "EUR", "year")]
    elif page == "timeline":
        per_year = participants_by_period(view, "year", "host")
        figures = [timeline_figure(view), participants_figure(view, per_year), participation_heatmap(view)]
    else:
        return _arrow_bytes(browse(view, "events").display.head(MAX_ROWS_SHOWN))
    return sum(len(figure.to_json().encode()) for figure in figures)


PAGES = {"map": plain_map, "budget": plain_budget, "timeline": plain_timeline, "data": plain_data}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    from bench.generate import generate
    from crossings.data.loading import load_dataset
    from crossings.figures.geometry import load_world_cached
    from crossings.figures.static_files import world_geojson
    from crossings.files import DATA_DIR, GEOMETRY_FILE

    header = machine()
    with tempfile.TemporaryDirectory(prefix="crossings-bench-") as scratch:
        folder = Path(scratch) / "data"
        generate(-(-args.events // len(load_dataset(DATA_DIR).events)), folder)
        dataset = load_dataset(folder)
        world = load_world_cached(GEOMETRY_FILE)
        year_from = 2008
        rows, missed = [], 0
        for page, plain in PAGES.items():
            ours(dataset, world, "/outlines.json", page, year_from)  # warm: what is kept per dataset
            our_seconds, our_bytes = _timed(
                lambda p=page: ours(dataset, world, "/outlines.json", p, year_from), args.repeats)
            plain_seconds, plain_bytes = _timed(lambda plain=plain: plain(folder, year_from), args.repeats)
            bytes_ratio = plain_bytes / our_bytes
            verdict = ""
            if page == "map":
                verdict = f"≥ {MAP_RATIO_TARGET}× {'met' if bytes_ratio >= MAP_RATIO_TARGET else 'MISSED'}"
                missed += "MISSED" in verdict
            rows.append((page, plain_bytes, our_bytes, bytes_ratio, plain_seconds * 1000, our_seconds * 1000,
                         plain_seconds / our_seconds, verdict))
        outlines = len(world_geojson(world))
        events = len(dataset.events)

    print(f"# Crossings against a straightforward build, {events:,} events, medians of {args.repeats}")
    print(f"# {header}")
    print(table(["page", "plain bytes", "Crossings bytes", "× fewer", "plain ms", "Crossings ms", "× faster",
                 "target"], rows))
    print("# bytes: a rerun's payload, uncompressed (map: the HTML st_folium sends; charts: plotly JSON; "
          "data: the table's Arrow bytes). Crossings' map also has its outlines, "
          f"{outlines:,} bytes, fetched once as a file and cached by the browser. ms: making it, from "
          "the CSVs (plain) or from the loaded dataset after a filter change (Crossings).")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
