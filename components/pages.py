"""The list of pages: one place, so app.py's navigation and the in-page links agree."""

from __future__ import annotations

from dataclasses import dataclass

from crossings.paths import ROOT


@dataclass(frozen=True)
class PageSpec:
    file: str  # relative to the repository root
    title: str
    icon: str
    url_path: str
    blurb: str  # one line for the Overview's links


PAGES: tuple[PageSpec, ...] = (
    PageSpec("pages/overview.py", "Overview", ":material/dashboard:", "overview",
             "Headline figures and the latest activity."),
    PageSpec("pages/map.py", "Map", ":material/map:", "map",
             "Where the activity is; click a country for its borders, neighbours and events."),
)


def page_path(spec: PageSpec) -> str:
    return str(ROOT / spec.file)
