"""Printing from the browser: a page printed to A4 leaves out the sidebar and every widget,
keeps the charts, and starts with a line naming the page, the filters and the date; a right-to-left
page stays inside the paper's margins; a data grid prints its rows and columns, not the part of
it scrolled into view."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest

from crossings.exports.print_table import WIDE_COLUMNS
from crossings.views.data_dictionary import data_dictionary
from crossings.views.filtered_view import apply_filters
from crossings.views.filters import FilterState
from crossings.views.tables import browse
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
    # no widget, and no closed expander (a title with nothing under it on paper)
    for absent in ("Clear all filters", "More filters", "Français", "Download", "The figures as a table",
                   "Embed this figure on another site"):
        assert absent not in text
    width, height = document[0].get_size()
    assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2  # A4 in points
    document[0].render(scale=1).to_pil().save(screenshot_dir / "print-budget-1.png")
    assert record.blocked == [] and record.console_errors == []
    page.context.close()


MARGIN_PT = 12 / 25.4 * 72  # the @page margin of components/frame.py, in PDF points
PRINTABLE_PX = 703  # A4's 210 mm less the two 12 mm margins, in CSS pixels (96 per inch)
# With the print style on in the window (not yet on paper, so not yet zoomed): the column's width
# and the zoom it gets on paper, and every box that does not lie within the column.
PRINTED_COLUMN = """() => {
  const column = document.querySelector('[data-testid="stMainBlockContainer"]').getBoundingClientRect();
  const zoom = parseFloat(getComputedStyle(document.documentElement)
    .getPropertyValue("--crossings-print-zoom"));
  const outside = [];
  document.querySelectorAll('.stPlotlyChart, .js-plotly-plot .main-svg, [data-testid="stMetric"], '
      + '[data-testid="stDataFrame"], iframe, .stImage, [data-testid="stElementContainer"], '
      + '[data-testid="stMarkdownContainer"] li').forEach((element) => {
    const box = element.getBoundingClientRect();
    if (box.width > 0 && box.height > 0 && getComputedStyle(element).visibility !== "hidden"
        && (box.left < column.left - 0.5 || box.right > column.right + 0.5)) {
      outside.push(`${element.getAttribute("data-testid") || element.className.baseVal || element.className}`
                   + ` ${Math.round(box.left - column.left)}..${Math.round(box.right - column.left)}`);
    }
  });
  // a list's bullets hang outside its items, on the side the text starts from: room for them
  const rtl = document.documentElement.dir === "rtl";
  const bulletRoom = [...document.querySelectorAll('[data-testid="stMarkdownContainer"] li')].map((item) => {
    const box = item.getBoundingClientRect();
    const text = item.closest('[data-testid="stMarkdownContainer"]').getBoundingClientRect();
    return rtl ? text.right - box.right : box.left - text.left;
  });
  return {width: column.width, zoom: zoom, outside: outside, bulletRoom: bulletRoom};
}"""


CHART_HEIGHTS = """() => [...document.querySelectorAll('.js-plotly-plot .main-svg:first-of-type')]
  .map((svg) => svg.getAttribute("height"))"""


def _ink_beyond_the_column(document) -> list[int]:
    """The pages with anything drawn in a side margin or against its edge: what runs past the
    printable width is cut off there, so it touches the edge. (Not the text's own boxes: pdfium
    places some shaped Arabic glyphs far from where they are drawn.)"""
    inked = []
    for number in range(len(document)):
        picture = document[number].render(scale=2).to_pil().convert("L")
        edge = int(2 * (MARGIN_PT + 2))  # the margin and 2 points inside it
        strips = (picture.crop((0, 0, edge, picture.height)),
                  picture.crop((picture.width - edge, 0, picture.width, picture.height)))
        if any(strip.getextrema()[0] < 200 for strip in strips):
            inked.append(number + 1)
    return inked


@pytest.mark.parametrize(("path", "drawn"), [("budget", ".js-plotly-plot .bars path"),
                                             ("timeline", ".js-plotly-plot .main-svg")])
def test_an_arabic_page_prints_inside_the_margins(app_server, browser, tmp_path, screenshot_dir, path, drawn):
    """Right to left, a printed Budget page sat 16 px into the left margin (its lists' bullets
    hung outside the column on the right, and the page was shifted to show them), and the Timeline's
    events chart ran past the right edge (the column took the window's width in print, and the
    charts were redrawn that wide)."""
    page, record = offline_page(browser, app_server.url)
    page.goto(f"{app_server.url}/{path}?lang=ar")
    wait_until_rendered(page, extra_ms=500)
    page.wait_for_selector(drawn, timeout=30000)
    assert page.evaluate("document.documentElement.dir") == "rtl"
    drawn_on_screen = page.evaluate(CHART_HEIGHTS)
    page.emulate_media(media="print")
    page.wait_for_timeout(1000)  # any redrawing for the print style is over
    # the charts keep their height (redrawn under the zoom, they came out squashed); a chart beside
    # another column may be redrawn wider, as Streamlit puts columns under each other in print
    assert page.evaluate(CHART_HEIGHTS) == drawn_on_screen
    assert _visible(page, "[data-testid='stSidebar']") == 0 and _visible(page, WIDGETS) == 0
    assert _visible(page, ".js-plotly-plot") >= 2  # the charts are kept
    column = page.evaluate(PRINTED_COLUMN)
    assert column["width"] * column["zoom"] <= PRINTABLE_PX
    assert column["outside"] == []
    if path == "budget":  # its lists of funding lines left out of a chart
        assert column["bulletRoom"] and min(column["bulletRoom"]) >= 8

    pdf = tmp_path / f"{path}-ar.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    document = pdfium.PdfDocument(str(pdf))
    assert "Crossings · " in document[0].get_textpage().get_text_range()  # the line on top
    assert _ink_beyond_the_column(document) == []
    for number in range(min(len(document), 2)):
        document[number].render(scale=1).to_pil().save(screenshot_dir / f"print-{path}-ar-{number + 1}.png")
    assert record.blocked == [] and record.console_errors == []
    page.context.close()


def test_a_printed_slide_leaves_out_the_presenter_controls(app_server, browser):
    page, record = offline_page(browser, app_server.url, 1280, 720)
    page.goto(f"{app_server.url}/presenter?slide=1")
    wait_until_rendered(page)
    controls = page.locator(".st-key-presenter_controls")
    controls.wait_for(timeout=30000)
    assert controls.is_visible()
    page.emulate_media(media="print")
    assert not controls.is_visible()  # the way out and the share button are for the screen
    assert page.locator(".st-key-slide_title h1").is_visible()
    assert _visible(page, "[data-testid='stMetric']") >= 4  # the slide's figures stay
    assert record.blocked == [] and record.console_errors == []
    page.context.close()


# The printed table of a grid (components/print_grid.py) and its place: within the column, its
# right-to-left records reading from the right.
PRINTED_TABLE = """() => {
  const column = document.querySelector('[data-testid="stMainBlockContainer"]').getBoundingClientRect();
  const printed = document.querySelector('.crossings-print-table');
  const box = printed.getBoundingClientRect();
  const inner = printed.firstElementChild.getBoundingClientRect();
  const term = printed.querySelector('dt'), value = printed.querySelector('dd');
  return {inside: box.left >= column.left - 0.5 && box.right <= column.right + 0.5
                  && inner.left >= column.left - 0.5 && inner.right <= column.right + 0.5,
          fromTheRight: term ? term.getBoundingClientRect().left > value.getBoundingClientRect().left : null};
}"""


def _printed_text(document) -> str:
    pages = (document[number].get_textpage().get_text_range() for number in range(len(document)))
    return " ".join(" ".join(text.split()) for text in pages)


def test_the_printed_data_page_holds_every_column_and_the_rows_past_the_grid(
        app_server, browser, dataset, tmp_path, screenshot_dir):
    """The grid is drawn on a canvas: on paper it showed the dozen rows and six columns scrolled
    into view. Printed, the page holds a table of the rows instead, every column under its header."""
    shown = browse(apply_filters(dataset, FilterState()), "countries")
    headers = [column.label or column.name for column in shown.columns if not column.hidden]
    names = shown.display["name"].tolist()
    assert len(headers) == 10 and len(names) > 200
    page, record = offline_page(browser, app_server.url)
    page.goto(f"{app_server.url}/data?table=countries")
    wait_until_rendered(page, extra_ms=500)
    page.wait_for_selector("[data-testid='stDataFrame']", timeout=30000)
    assert _visible(page, ".crossings-print-table") == 0  # on screen: the grid alone
    page.emulate_media(media="print")
    page.wait_for_timeout(500)
    assert _visible(page, "[data-testid='stDataFrame']") == 0
    assert _visible(page, ".crossings-print-table") == 1
    column = page.evaluate(PRINTED_COLUMN)
    assert column["width"] * column["zoom"] <= PRINTABLE_PX and column["outside"] == []
    assert page.evaluate(PRINTED_TABLE)["inside"]

    pdf = tmp_path / "data-countries.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    document = pdfium.PdfDocument(str(pdf))
    text = _printed_text(document)
    assert [header for header in headers if header not in text] == []
    assert [name for name in names[100:200] if name not in text] == []  # far past the grid's dozen
    assert f"First 200 of {len(names)} rows; the whole table is in the CSV download." in text
    assert "scroll the table sideways" not in text  # nothing scrolls on paper
    assert _ink_beyond_the_column(document) == []
    document[1].render(scale=1).to_pil().save(screenshot_dir / "print-data-countries-2.png")
    assert record.blocked == [] and record.console_errors == []
    page.context.close()


def test_a_wide_arabic_grid_prints_as_records_read_from_the_right(
        app_server, browser, dataset, tmp_path, screenshot_dir):
    """A grid of more than ten columns (the events table has 26) left a few letters a line to each
    as a table on A4: each row is printed as a record instead, every filled cell under its
    header, the headers on the right of their values in Arabic."""
    shown = browse(apply_filters(dataset, FilterState()), "organisations")
    ids = shown.display["org_id"].tolist()
    assert sum(not column.hidden for column in shown.columns) > WIDE_COLUMNS and len(ids) > 12
    page, record = offline_page(browser, app_server.url)
    page.goto(f"{app_server.url}/data?table=organisations&lang=ar")
    wait_until_rendered(page, extra_ms=500)
    page.wait_for_selector("[data-testid='stDataFrame']", timeout=30000)
    page.emulate_media(media="print")
    page.wait_for_timeout(500)
    printed = page.evaluate(PRINTED_TABLE)
    assert printed["inside"] and printed["fromTheRight"]
    assert page.locator(".crossings-print-record").count() == len(ids)

    pdf = tmp_path / "data-organisations-ar.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    document = pdfium.PdfDocument(str(pdf))
    words = set(_printed_text(document).split())
    assert [organisation for organisation in ids if organisation not in words] == []
    assert _ink_beyond_the_column(document) == []
    document[0].render(scale=1).to_pil().save(screenshot_dir / "print-data-organisations-ar-1.png")
    assert record.blocked == [] and record.console_errors == []
    page.context.close()


def test_a_bordered_box_is_kept_whole_on_paper(app_server, browser):
    """The Sources page's boxes of disagreeing sources: Iran's was cut after its first lines at the
    foot of a page, its table carried over to the next."""
    page, record = offline_page(browser, app_server.url)
    page.goto(f"{app_server.url}/sources")
    wait_until_rendered(page, extra_ms=2000)  # the print script marks the boxes every 1.5 s
    page.emulate_media(media="print")
    boxes = page.evaluate("""() => [...document.querySelectorAll(
        '[data-testid="stLayoutWrapper"] > [data-testid="stVerticalBlock"]')].map((block) => {
      const style = getComputedStyle(block);
      return [parseFloat(style.borderTopWidth) > 0, style.breakInside];
    })""")
    assert [kept for bordered, kept in boxes if bordered] == ["avoid"] * 3  # the three disagreements
    assert {kept for bordered, kept in boxes if not bordered} == {"auto"}  # a fragment's box may split
    assert record.blocked == [] and record.console_errors == []
    page.context.close()


def test_the_printed_about_page_holds_the_whole_data_dictionary(app_server, browser, dataset, tmp_path):
    """On screen the dictionary is one closed fold per table; a closed fold is left off paper
    elsewhere (a title with nothing under it), but the About page is printed for its method and
    dictionary: there every fold prints open, every table's columns under it."""
    tables = data_dictionary(dataset)
    page, record = offline_page(browser, app_server.url)
    page.goto(f"{app_server.url}/about")
    wait_until_rendered(page, extra_ms=500)
    assert page.locator("[data-testid='stExpander'] details[open]").count() == 0  # closed on screen
    page.emulate_media(media="print")
    pdf = tmp_path / "about.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    text = _printed_text(pdfium.PdfDocument(str(pdf)))
    assert [table.file for table in tables if table.file not in text] == []
    columns = [next(iter(column.values())) for table in tables for column in table.columns]  # the names
    assert len(columns) > 100 and [name for name in columns if name not in text] == []
    assert "keyboard_arrow_right" not in text  # the fold's arrow is not printed beside an open fold
    assert record.blocked == [] and record.console_errors == []
    page.context.close()


def test_add_a_records_budget_editor_is_left_off_paper(app_server, browser):
    """The budget editor is an input, like every widget left off paper; it printed as an empty
    grid, since nothing in its markup tells it apart from a grid (which prints)."""
    page, record = offline_page(browser, app_server.url, height=2000)
    page.goto(f"{app_server.url}/add_record")
    wait_until_rendered(page, extra_ms=500)
    page.get_by_role("button", name="Type it from scratch").click()
    editor = "[class*='st-key-screen_only_add_budget'] [data-testid='stDataFrame']"
    page.wait_for_selector(editor, timeout=30000)
    assert _visible(page, editor) == 1
    page.emulate_media(media="print")
    assert _visible(page, editor) == 0
    assert _visible(page, "[data-testid='stDataFrame']") == 0  # no other grid on this page yet
    assert record.blocked == [] and record.console_errors == []
    page.context.close()
