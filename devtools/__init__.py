"""Tools for developers: start the app on a free port, drive it in headless Chromium offline.
Used by the browser tests, the benchmarks and scripts/screenshot.py; not by the app."""
