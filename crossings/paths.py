"""Where the bundled files live, built from this file's location, never the working directory."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
GEOMETRY_FILE = DATA_DIR / "geo" / "countries.geojson"
STATIC_DIR = ROOT / "static"
CACHE_DIR = ROOT / ".cache"  # what the app works out once and keeps between runs (git-ignored)
