"""HXL-tagged downloads: every column of every table has a core HXL hashtag, and the HXL library
(libhxl, maintained by the HXL project) reads our files back with the values in place and the
default schema's checks passing (numbers under #value and #indicator+num, one spelling per code)."""

from __future__ import annotations

import io
import zipfile

import hxl
import pytest

from crossings.data.loading import load_dataset
from crossings.data.schema import TABLES
from crossings.exports.hxl import hxl_csv_bytes, hxl_tag, hxl_tags
from crossings.exports.tables import dataset_zip
from crossings.files import DATA_DIR
from crossings.views.filtered_view import apply_filters
from crossings.views.filters import FilterState

CORE = {"#event", "#activity", "#org", "#country", "#region", "#loc", "#geo", "#date", "#value",
        "#currency", "#sector", "#status", "#reached", "#indicator", "#description", "#meta"}


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(DATA_DIR)


def _parsed(content: bytes):
    return hxl.data(io.BytesIO(content), hxl.InputOptions(allow_local=True))


def test_every_column_of_every_table_has_one_core_hashtag():
    for table in TABLES:
        tags = [hxl_tag(table.name, column) for column in table.columns]
        assert len(set(tags)) == len(tags), (table.name, tags)  # no two columns read alike
        for tag in tags:
            parsed = hxl.model.Column.parse(tag)
            assert parsed is not None and parsed.tag in CORE, (table.name, tag)


def test_the_funding_download_reads_back_through_the_hxl_library(dataset):
    view = apply_filters(dataset, FilterState(funders=("EU",)))
    frame = view.table("funding")
    source = _parsed(hxl_csv_bytes("funding", frame))
    assert [c.display_tag for c in source.columns][:5] == [
        "#activity+funding+code", "#activity+code", "#org+funder+code", "#org+funder+instrument+code",
        "#value+budget"]
    rows = list(source)
    assert len(rows) == len(frame)
    amounts = sorted(float(row.get("#value+budget")) for row in rows)
    assert amounts == sorted(frame["amount"].tolist())
    assert {row.get("#org+funder+code") for row in rows} == {"EU"}
    report = hxl.schema().validate(_parsed(hxl_csv_bytes("funding", frame)))
    assert report is True


def test_events_keep_their_country_codes_and_dates_under_their_tags(dataset):
    frame = dataset.tables["events"]
    rows = list(_parsed(hxl_csv_bytes("events", frame)))
    hosts = {row.get("#country+code+host") for row in rows}
    assert hosts - {None} == set(frame["host_iso3"].dropna())
    assert {row.get("#event+code") for row in rows} == set(frame["event_id"])


def test_the_whole_dataset_zip_in_hxl_form_has_a_tag_row_under_every_header():
    archive = zipfile.ZipFile(io.BytesIO(dataset_zip(DATA_DIR, hxl=True)))
    plain = zipfile.ZipFile(io.BytesIO(dataset_zip(DATA_DIR)))
    for table in TABLES:
        name = f"crossings-data/{table.file}"
        tagged = archive.read(name).decode("utf-8").splitlines()
        original = plain.read(name).decode("utf-8-sig").splitlines()
        header = original[0].split(",")
        assert tagged[1].split(",") == hxl_tags(table.name, header)
        assert tagged[:1] + tagged[2:] == original  # every other line as curated
        assert _parsed(archive.read(name)).columns
