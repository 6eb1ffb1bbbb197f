"""The list of pages: one place, so app.py's navigation and the in-page links agree."""

from __future__ import annotations

from dataclasses import dataclass

from crossings.files import ROOT


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
    PageSpec("pages/budget.py", "Budget", ":material/payments:", "budget",
             "Who funds what, through which instrument, in which currency, and when."),
    PageSpec("pages/timeline.py", "Participation timeline", ":material/timeline:", "timeline",
             "Who took part, when and from where: events, projects and participants over time."),
    PageSpec("pages/data.py", "Data", ":material/table_view:", "data",
             "Browse, search and download every table; what the validator found."),
    PageSpec("pages/sources.py", "Sources", ":material/menu_book:", "sources",
             "Every source, what was taken from it, and where sources disagree."),
    PageSpec("pages/import_data.py", "Import", ":material/upload_file:", "import_data",
             "Check an edited CSV against the data and, with the editor password, replace a table."),
    PageSpec("pages/add_record.py", "Add a record", ":material/post_add:", "add_record",
             "Draft an event or project from a press release, check it, and add its rows in one step."),
    PageSpec("pages/presenter.py", "Presenter", ":material/slideshow:", "presenter",
             "Full-screen slides for roundtables, with PowerPoint and PDF to hand out."),
)


def page_path(spec: PageSpec) -> str:
    return str(ROOT / spec.file)
