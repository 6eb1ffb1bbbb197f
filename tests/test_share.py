"""Share this view: the copy-link control on every page, and the image downloads of the Map and
Budget pages."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from components.pages import PAGES
from components.share import SHARE_CLASS, share_markup
from crossings.files import ROOT
from crossings.languages import use_language


def share_controls(at: AppTest) -> list:
    return [element for element in at.get("html") if SHARE_CLASS in element.proto.body]


def test_the_share_control_is_on_every_page():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    for spec in PAGES:
        if spec.file != PAGES[0].file:
            at.switch_page(spec.file).run()
        assert not at.exception, spec.url_path
        controls = share_controls(at)
        assert len(controls) >= 1, spec.url_path
        body = controls[-1].proto.body
        assert "Share this view: copy the link" in body
        assert "navigator.clipboard" in body and "<input" in body  # and the field to copy by hand
        # in the sidebar; the presenter hides its sidebar, and its controls carry one
        where = [at.sidebar] + ([at.main] if spec.url_path == "presenter" else [])
        for block in where:
            assert any(SHARE_CLASS in element.proto.body for element in block.get("html")), spec.url_path


def test_the_share_control_speaks_the_page_language():
    with use_language("ar"):
        markup = share_markup("box")
    assert 'dir="rtl"' in markup
    with use_language("qps"):
        assert "⟦" in share_markup("box")


def test_map_and_budget_offer_their_figure_as_an_image():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/map.py").run()
    assert not at.exception
    labels = [button.label for button in at.get("download_button")]
    assert "Download this map as an image" in labels
    at.switch_page("pages/budget.py").run()
    assert not at.exception
    labels = [button.label for button in at.get("download_button")]
    assert "Download this chart as an image" in labels
