"""Internal rows never leave through a public route: the public subset, a public server and
its download of the whole dataset."""

from __future__ import annotations

import io
import zipfile

import pytest
from streamlit.testing.v1 import AppTest

from components.pages import PAGES
from crossings.data.loading import load_dataset
from crossings.data.visibility import public_subset
from crossings.exports.tables import public_dataset_zip
from crossings.files import ROOT
from tests.helpers import add_row, set_cell

INTERNAL_TITLE = "Internal donor briefing on border posts"


@pytest.fixture
def with_internal(data_copy):
    """The bundled data with an internal source, an internal event citing a public source, a
    public event citing only the internal source, and the G5 Sahel project marked internal."""
    add_row(data_copy / "sources.csv", source_id="INT-MEMO", title="Mission report (internal)",
            published_status="unknown", kind="report", visibility="internal")
    common = {"kind": "meeting", "status": "held", "mode": "unknown", "date_status": "unknown",
              "location_precision": "none", "host_iso3": "JOR"}
    add_row(data_copy / "events.csv", event_id="EV-INTERNAL", title=INTERNAL_TITLE, visibility="internal",
            source_id="SEED-000", **common)
    add_row(data_copy / "event_countries.csv", event_id="EV-INTERNAL", country_iso3="JOR", role="host",
            source_id="SEED-000")
    add_row(data_copy / "events.csv", event_id="EV-FROM-MEMO", title="Visit known from the memo only",
            source_id="INT-MEMO", **common)
    set_cell(data_copy / "projects.csv", "project_id", "P-G5-CBM", "visibility", "internal")
    return data_copy


def test_bundled_data_is_all_public(dataset):
    assert public_subset(dataset) is dataset


def test_public_subset_leaves_out_internal_rows_and_what_rests_on_them(with_internal):
    dataset = load_dataset(with_internal)
    assert dataset.problems == []
    public = public_subset(dataset)
    assert "INT-MEMO" not in set(public.sources["source_id"])
    events = set(public.events["event_id"])
    assert "EV-INTERNAL" not in events  # marked internal
    assert "EV-FROM-MEMO" not in events  # its only source is internal
    assert "EV-INTERNAL" not in set(public.event_countries["event_id"])
    # the internal project goes with its countries, organisations, funding and claims ...
    assert "P-G5-CBM" not in set(public.projects["project_id"])
    for table in ("project_countries", "project_organisations", "funding"):
        assert "P-G5-CBM" not in set(public.tables[table]["project_id"])
    assert "P-G5-CBM" not in set(public.claims["record_id"])
    # ... and its public event stays, without pointing to it
    niamey = public.events.set_index("event_id").loc["EV-2015-NIAMEY"]
    assert niamey.isna()["project_id"]
    # nothing else is touched
    assert len(public.events) == len(dataset.events) - 2
    assert len(public.countries) == len(dataset.countries)
    # and no cell anywhere in the public subset still names what went
    text = " ".join(frame.astype(str).to_csv() for frame in public.tables.values())
    for secret in ("INT-MEMO", "EV-INTERNAL", "EV-FROM-MEMO", INTERNAL_TITLE, "P-G5-CBM", "F-G5CBM-JPN"):
        assert secret not in text


def test_the_app_itself_shows_internal_rows(with_internal, monkeypatch):
    monkeypatch.setenv("CROSSINGS_DATA_DIR", str(with_internal))
    monkeypatch.delenv("CROSSINGS_AUDIENCE", raising=False)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["Events"] == "11"


def test_a_public_server_reads_only_the_public_subset(with_internal, monkeypatch):
    monkeypatch.setenv("CROSSINGS_DATA_DIR", str(with_internal))
    monkeypatch.setenv("CROSSINGS_AUDIENCE", "public")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["Events"] == "9"
    page_text = " ".join(str(e.value) for e in at.markdown) + " ".join(str(e.value) for e in at.caption)
    assert INTERNAL_TITLE not in page_text
    importing = next(p for p in PAGES if p.url_path == "import_data")
    at.switch_page(importing.file).run()
    assert not at.exception
    assert "cannot be imported here" in at.info[0].value


def test_public_download_of_the_whole_dataset_holds_no_internal_row(with_internal):
    public = public_subset(load_dataset(with_internal))
    archive = zipfile.ZipFile(io.BytesIO(public_dataset_zip(public, with_internal / "README.md")))
    tables = [name for name in archive.namelist() if name.endswith(".csv")]
    text = " ".join(archive.read(name).decode("utf-8") for name in tables)
    assert "crossings-data/events.csv" in tables and "crossings-data/README.md" in archive.namelist()
    assert "EV-2021-CAIRO" in text
    for secret in ("INT-MEMO", "EV-INTERNAL", INTERNAL_TITLE, "P-G5-CBM"):
        assert secret not in text
