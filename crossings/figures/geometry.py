"""Country polygons for maps: the bundled Natural Earth file (data/geo/countries.geojson),
made light enough to send to a browser.

The file holds 89,000 points (1.3 MB); a world map needs far fewer. Loading:
- drops islands smaller than MIN_PART_AREA unless they are a country's largest piece, so every
  country keeps at least one polygon (Bahrain, Comoros, the Maldives stay);
- simplifies the whole set as one coverage (shapely.coverage_simplify), so a border shared by
  two countries is simplified once and neighbours keep meeting without gaps or overlaps;
- simplifies small island states on their own, more finely, so they keep their shape;
- rounds coordinates to COORDINATE_DECIMALS (0.01 degree, about 1 km);
- leaves out Antarctica (LEFT_OUT).

Load once per process (the app caches it); nothing here changes after loading. Simplifying
takes most of a second, so load_world_cached() also keeps the result on disk (.cache/), keyed
on the file's content and the settings: a freshly started app reads it back in a few
hundredths of a second.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from dataclasses import asdict, dataclass
from functools import cached_property
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, mapping, shape

from crossings.files import CACHE_DIR, GEOMETRY_FILE, write_if_changed

SIMPLIFY_TOLERANCE = 0.15  # degrees, for the coverage simplification of the whole world
SMALL_ISLAND_TOLERANCE = 0.01  # degrees, for small countries that touch no other country
MIN_PART_AREA = 0.01  # square degrees (about 120 km² at the equator)
SMALL_COUNTRY_AREA = 1.0  # square degrees: below this a country is hard to see on a world map
COORDINATE_DECIMALS = 2
# Antarctica has no land borders and no activity, and its outline alone would add 28 KB to
# every map sent to the browser.
LEFT_OUT = frozenset({"ATA"})


@dataclass(frozen=True)
class CountryShape:
    key: str  # the ISO3 code, or "NE-<name>" for the few polygons without one (Somaliland...)
    iso3: str | None
    name: str
    geometry: dict  # GeoJSON geometry, simplified and rounded
    anchor: tuple[float, float]  # (lat, lon) of a point inside the country, for dots and labels
    bounds: tuple[float, float, float, float]  # (south, west, north, east)
    area: float  # square degrees, before simplification

    @property
    def is_small(self) -> bool:
        return self.area < SMALL_COUNTRY_AREA

    def feature(self, properties: dict) -> dict:
        """A GeoJSON feature of this shape with the given properties (id is the key)."""
        return {"type": "Feature", "id": self.key, "properties": properties, "geometry": self.geometry}


@dataclass(frozen=True)
class World:
    shapes: tuple[CountryShape, ...]
    source: Path | None = None

    @cached_property
    def by_iso3(self) -> dict[str, CountryShape]:
        return {s.iso3: s for s in self.shapes if s.iso3}

    def shape(self, iso3: str) -> CountryShape | None:
        return self.by_iso3.get(iso3)

    def shapes_within(self, bounds: tuple[float, float, float, float]) -> list[CountryShape]:
        """Shapes whose bounding box overlaps bounds (south, west, north, east)."""
        south, west, north, east = bounds
        return [s for s in self.shapes
                if s.bounds[0] <= north and s.bounds[2] >= south and s.bounds[1] <= east
                and s.bounds[3] >= west]


def _without_specks(geometry, min_area: float):
    """Drop islands smaller than min_area, keeping the largest piece of every country."""
    parts = list(geometry.geoms) if geometry.geom_type == "MultiPolygon" else [geometry]
    largest = max(parts, key=lambda part: part.area)
    kept = [part for part in parts if part is largest or part.area >= min_area]
    return kept[0] if len(kept) == 1 else MultiPolygon(kept)


def _rounded(geometry) -> dict:
    rounded = shapely.transform(geometry, lambda coords: np.round(coords, COORDINATE_DECIMALS))
    return mapping(rounded)


def _as_lists(value):
    """mapping() gives tuples; JSON wants lists (and tests compare with lists)."""
    if isinstance(value, (list, tuple)):
        return [_as_lists(item) for item in value]
    return float(value)


def load_world(path: Path | str = GEOMETRY_FILE, tolerance: float = SIMPLIFY_TOLERANCE) -> World:
    path = Path(path)
    features = [feature for feature in json.loads(path.read_text(encoding="utf-8"))["features"]
                if feature["properties"].get("iso3") not in LEFT_OUT]
    originals = [shape(feature["geometry"]) for feature in features]
    trimmed = [_without_specks(geometry, MIN_PART_AREA) for geometry in originals]
    simplified = list(shapely.coverage_simplify(trimmed, tolerance))
    tree = shapely.STRtree(originals)
    for index, original in enumerate(originals):
        if original.area >= SMALL_COUNTRY_AREA:
            continue
        touching = [other for other in tree.query(original, predicate="intersects") if other != index]
        if not touching:  # an island state: no shared border to keep in step with a neighbour
            simplified[index] = shapely.simplify(original, SMALL_ISLAND_TOLERANCE, preserve_topology=True)
    shapes = []
    for feature, original, geometry in zip(features, originals, simplified, strict=True):
        properties = feature["properties"]
        iso3 = properties.get("iso3") or None
        name = properties.get("name") or properties.get("name_ne") or "unnamed"
        west, south, east, north = original.bounds
        anchor = shapely.point_on_surface(original)
        geojson = _rounded(geometry)
        shapes.append(CountryShape(
            key=iso3 or f"NE-{properties.get('name_ne') or name}",
            iso3=iso3,
            name=name,
            geometry={"type": geojson["type"], "coordinates": _as_lists(geojson["coordinates"])},
            anchor=(round(anchor.y, COORDINATE_DECIMALS), round(anchor.x, COORDINATE_DECIMALS)),
            bounds=(south, west, north, east),
            area=float(original.area),
        ))
    return World(shapes=tuple(shapes), source=path)


def _cache_file(path: Path, tolerance: float, cache_dir: Path) -> Path:
    """Named by everything the result depends on: the file's bytes, the settings, shapely."""
    settings = (tolerance, SMALL_ISLAND_TOLERANCE, MIN_PART_AREA, SMALL_COUNTRY_AREA, COORDINATE_DECIMALS,
                sorted(LEFT_OUT), shapely.__version__)
    digest = hashlib.sha256(path.read_bytes() + repr(settings).encode()).hexdigest()[:16]
    return cache_dir / f"world-{digest}.json"


def load_world_cached(path: Path | str = GEOMETRY_FILE, tolerance: float = SIMPLIFY_TOLERANCE,
                      cache_dir: Path = CACHE_DIR) -> World:
    """load_world(), kept in `cache_dir` between runs. A cache that cannot be read is worked out
    again; one that cannot be written (a read-only install) is simply not kept."""
    path = Path(path)
    cached = _cache_file(path, tolerance, cache_dir)
    try:
        shapes = json.loads(cached.read_text(encoding="utf-8"))
        return World(shapes=tuple(CountryShape(**{**shape, "anchor": tuple(shape["anchor"]),
                                                  "bounds": tuple(shape["bounds"])}) for shape in shapes),
                     source=path)
    except (OSError, ValueError, TypeError, KeyError):
        pass
    world = load_world(path, tolerance)
    with contextlib.suppress(OSError):
        write_if_changed(cached, json.dumps([asdict(shape) for shape in world.shapes],
                                            separators=(",", ":")).encode("utf-8"))
    return world
