"""Files the app serves to browsers from static/ (Streamlit serves it at /app/static), so a map
draws with no internet and the country outlines are sent once, then cached by the browser.

- static/vendor/: Leaflet and Leaflet.markercluster, copied from their pip packages
  (XStatic-Leaflet, XStatic-Leaflet-MarkerCluster). folium's other CDN files (Bootstrap, Font
  Awesome, jQuery, d3) are not used by Crossings' maps and are not served.
- static/generated/: the simplified country outlines (crossings.figures.geometry) as one GeoJSON
  file whose name carries a hash of its content, so a changed file gets a new address.

Both folders are git-ignored: they are written when the app first draws a map (once per
process), never committed. Writing is idempotent and safe from several sessions at once
(temporary file, then rename).
"""

from __future__ import annotations

import hashlib
import importlib
import json
from dataclasses import dataclass
from pathlib import Path

from crossings.figures.geometry import World
from crossings.files import STATIC_DIR, write_if_changed

URL_PREFIX = "/app/static"
VENDOR_DIR = "vendor"
GENERATED_DIR = "generated"


@dataclass(frozen=True)
class Asset:
    package: str  # the xstatic module that carries the file
    file: str  # path inside the package's data folder
    target: str  # path under static/vendor/

    @property
    def url(self) -> str:
        return f"{URL_PREFIX}/{VENDOR_DIR}/{self.target}"


LEAFLET_JS = Asset("xstatic.pkg.leaflet", "leaflet.js", "leaflet/leaflet.js")
LEAFLET_CSS = Asset("xstatic.pkg.leaflet", "leaflet.css", "leaflet/leaflet.css")
MARKERCLUSTER_JS = Asset("xstatic.pkg.leaflet_markercluster", "leaflet.markercluster.js",
                         "markercluster/leaflet.markercluster.js")
MARKERCLUSTER_CSS = Asset("xstatic.pkg.leaflet_markercluster", "MarkerCluster.css",
                          "markercluster/MarkerCluster.css")
ASSETS: tuple[Asset, ...] = (LEAFLET_JS, LEAFLET_CSS, MARKERCLUSTER_JS, MARKERCLUSTER_CSS)


def package_file(asset: Asset) -> Path:
    module = importlib.import_module(asset.package)
    return Path(module.BASE_DIR) / asset.file


def ensure_vendor_assets(static_dir: Path = STATIC_DIR) -> list[Path]:
    """Copy every asset into static/vendor unless an identical copy is there. Returns the files
    it wrote."""
    written = []
    for asset in ASSETS:
        target = static_dir / VENDOR_DIR / asset.target
        if write_if_changed(target, package_file(asset).read_bytes()):
            written.append(target)
    return written


def world_geojson(world: World) -> bytes:
    """Every outline as a compact GeoJSON FeatureCollection: id and geometry only. What each
    map says about a country (fill, tooltip) is sent with the map and joined by id."""
    collection = {"type": "FeatureCollection",
                  "features": [shape.feature({}) for shape in world.shapes]}
    return json.dumps(collection, separators=(",", ":"), ensure_ascii=True).encode("ascii")


def publish_world(world: World, static_dir: Path = STATIC_DIR) -> str:
    """Write the outlines to static/generated/countries-<hash>.json (once) and return its URL."""
    content = world_geojson(world)
    name = f"countries-{hashlib.sha256(content).hexdigest()[:12]}.json"
    write_if_changed(static_dir / GENERATED_DIR / name, content)
    return f"{URL_PREFIX}/{GENERATED_DIR}/{name}"
