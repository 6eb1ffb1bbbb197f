"""The list of pages: one place, so app.py's navigation and the in-page links agree."""

from __future__ import annotations

from dataclasses import dataclass

from crossings.files import ROOT
from crossings.languages import N_


@dataclass(frozen=True)
class PageSpec:
    file: str  # relative to the repository root
    title: str  # marked for the catalogue: show _(title)
    icon: str
    url_path: str
    blurb: str  # one line for the Overview's links (shown as _(blurb))


PAGES: tuple[PageSpec, ...] = (
    PageSpec("pages/overview.py", N_("Overview"), ":material/dashboard:", "overview",
             N_("Headline figures and the latest activity.")),
    PageSpec("pages/map.py", N_("Map"), ":material/map:", "map",
             N_("Where the activity is; click a country for its borders, neighbours and events.")),
    PageSpec("pages/budget.py", N_("Budget"), ":material/payments:", "budget",
             N_("Who funds what, through which instrument, in which currency, and when.")),
    PageSpec("pages/timeline.py", N_("Participation timeline"), ":material/timeline:", "timeline",
             N_("Who took part, when and from where: events, projects and participants over time.")),
    PageSpec("pages/data.py", N_("Data"), ":material/table_view:", "data",
             N_("Browse, search and download every table; what the validator found.")),
    PageSpec("pages/sources.py", N_("Sources"), ":material/menu_book:", "sources",
             N_("Every source, what was taken from it, and where sources disagree.")),
    PageSpec("pages/import_data.py", N_("Import"), ":material/upload_file:", "import_data",
             N_("Check an edited CSV against the data and, with the editor password, replace a table.")),
    PageSpec("pages/add_record.py", N_("Add a record"), ":material/post_add:", "add_record",
             N_("Draft an event or project from a press release, check it, and add its rows in one step.")),
    PageSpec("pages/presenter.py", N_("Presenter"), ":material/slideshow:", "presenter",
             N_("Full-screen slides for roundtables, with PowerPoint and PDF to hand out.")),
    PageSpec("pages/about.py", N_("About and method"), ":material/info:", "about",
             N_("What the data covers, how each figure is counted, the sources and the data dictionary.")),
)


def page_path(spec: PageSpec) -> str:
    return str(ROOT / spec.file)
