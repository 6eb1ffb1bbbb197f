"""Printing from the browser: a page printed to A4 leaves out the sidebar and every widget,
keeps the charts, and starts with a line naming the page, the filters and the date."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest

from devtools.browser import offline_page, wait_until_rendered

pytestmark = pytest.mark.browser

WIDGETS = (".stButton, .stDownloadButton, .stSelectbox, .stMultiSelect, .stSlider, .stRadio, "
           ".stTextInput, .stCheckbox, .stButtonGroup, .stFileUploader")


def _visible(page, selector: str) -> int:
    return sum(1 for element in page.locator(selector).all() if element.is_visible())


def test_budget_page_prints_without_sidebar_or_widgets(app_server, browser, tmp_path, screenshot_dir):
    page, record = offline_page(browser, app_server.url)
    page.goto(f"{app_server.url}/budget?funder=EU")
    wait_until_rendered(page, extra_ms=500)
    page.wait_for_selector(".js-plotly-plot .bars path", timeout=30000)
    assert _visible(page, "[data-testid='stSidebar']") == 1  # on screen: all there
    assert _visible(page, WIDGETS) > 0
    assert not page.locator(".crossings-print-only").first.is_visible()

    page.emulate_media(media="print")
    assert _visible(page, "[data-testid='stSidebar']") == 0
    assert _visible(page, "[data-testid='stHeader']") == 0
    assert _visible(page, WIDGETS) == 0
    line = page.locator(".crossings-print-only").first
    assert line.is_visible()
    assert line.inner_text().startswith("Crossings · Budget · Showing: Funder: ")
    assert _visible(page, ".js-plotly-plot") == 2  # the charts are kept

    pdf = tmp_path / "budget.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    document = pdfium.PdfDocument(str(pdf))
    first = document[0].get_textpage().get_text_range()
    assert "Showing: Funder:" in first and "Funding by funder" in first
    text = " ".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    for absent in ("Clear all filters", "More filters", "Français", "Download"):
        assert absent not in text
    width, height = document[0].get_size()
    assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2  # A4 in points
    document[0].render(scale=1).to_pil().save(screenshot_dir / "print-budget-1.png")
    assert record.blocked == [] and record.console_errors == []
    page.context.close()
