"""Every page checked by axe-core in headless Chromium, offline: no serious or critical violation
in what the app renders.

axe-core is a pinned version from the npm registry that `./dev.sh test` installs under .cache/
(setup_axe); it is injected into the page, and into the frames the page holds (the map), from
that file: nothing is fetched while the test runs.

What is left out is listed in EXCLUSIONS, each with the reason: only markup that Streamlit,
plotly or Leaflet generate and the app cannot change.
"""

from __future__ import annotations

import contextlib
import json
import re

import pytest
from playwright.sync_api import Error as PlaywrightError

from components.pages import PAGES
from devtools.browser import ROOT, offline_page, wait_until_rendered

pytestmark = pytest.mark.browser

AXE_FILE = ROOT / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = ("serious", "critical")

# (rule, pattern matched against a node's CSS target, reason): markup the app does not write.
EXCLUSIONS: tuple[tuple[str, str, str], ...] = ()

# Pages in the state a visitor sees them, and the views an embed link gives.
VIEWS = [(spec.url_path, "" if spec is PAGES[0] else spec.url_path) for spec in PAGES] + [
    ("map-profile", "map?profile=JOR"),
    ("overview-ar", "?lang=ar"),  # right to left
    ("timeline-ar", "timeline?lang=ar"),
    ("budget-fr", "budget?lang=fr"),
    ("embed-map", "map?embed=true&figure=map"),
    ("embed-funding", "budget?embed=true&figure=funding"),
    ("embed-timeline", "timeline?embed=true&figure=timeline"),
    ("embed-participants", "timeline?embed=true&figure=participants"),
    ("embed-heatmap", "timeline?embed=true&figure=heatmap&lang=ar"),
    ("embed-neighbours", "map?embed=true&figure=neighbours&profile=IRN"),
]


def excluded(rule: str, target: str) -> bool:
    return any(rule == excluded_rule and re.search(pattern, target)
               for excluded_rule, pattern, _ in EXCLUSIONS)


def axe_violations(page) -> list[dict]:
    """axe.run on the page and its frames; the serious and critical violations, each node kept
    unless EXCLUSIONS lists it."""
    for frame in page.frames:
        # a frame gone or not yet loaded: axe reports what it could not reach
        with contextlib.suppress(PlaywrightError):
            frame.add_script_tag(path=str(AXE_FILE))
    result = page.evaluate("async () => JSON.stringify(await axe.run(document, "
                           "{resultTypes: ['violations']}))")
    found = []
    for violation in json.loads(result)["violations"]:
        if violation["impact"] not in SERIOUS:
            continue
        nodes = [node for node in violation["nodes"]
                 if not excluded(violation["id"], json.dumps(node["target"]))]
        if nodes:
            found.append({"id": violation["id"], "impact": violation["impact"],
                          "help": violation["help"],
                          "nodes": [(node["target"], node["html"][:160], node["failureSummary"][:300])
                                    for node in nodes]})
    return found


@pytest.fixture(scope="module")
def axe_file():
    if not AXE_FILE.exists():
        pytest.fail(f"axe-core is missing ({AXE_FILE}): `./dev.sh test` installs it (setup_axe)")
    return AXE_FILE


@pytest.mark.parametrize(("name", "path"), VIEWS, ids=[name for name, _ in VIEWS])
def test_no_serious_accessibility_violations(name, path, axe_file, app_server, browser, screenshot_dir):
    page, record = offline_page(browser, app_server.url, width=1280, height=800)
    page.goto(f"{app_server.url}/{path}")
    wait_until_rendered(page, extra_ms=1500)
    # on a deep link the app's own stylesheet (components/frame.py, APP_CSS) can arrive a moment
    # after the sidebar is drawn: checked before it, Streamlit's fainter captions were reported
    page.wait_for_function("[...document.querySelectorAll('style')]"
                           ".some((style) => style.textContent.includes('stCaptionContainer'))")
    violations = axe_violations(page)
    report = screenshot_dir.parent / "accessibility"
    report.mkdir(exist_ok=True)
    (report / f"{name}.json").write_text(json.dumps(violations, indent=1))
    assert record.blocked == []
    page.context.close()
    assert violations == [], json.dumps(violations, indent=1)
