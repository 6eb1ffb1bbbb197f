"""Limits enforced on the server, not in the browser (crossings/limits.py).

Over loopback, as a visitor's script would: take the XSRF cookie the app hands every browser,
open a session, and PUT files to Streamlit's upload endpoint. An upload over the largest limit
is refused while it arrives, without the server's memory growing by more than the limit.
Then, on the Import page: a file over its own limit refused before it is read, a
million-row table refused before it is parsed, a hundred problems listed and the rest counted.
"""

from __future__ import annotations

import asyncio
import http.client
import threading
import time
import tomllib
import tracemalloc
import urllib.request
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components.pages import PAGES
from crossings.files import ROOT
from crossings.limits import IMPORT, LARGEST_MB, LIMITS, MB, count_records
from crossings.text.escaping import markdown_text
from devtools.browser import run_app
from tests.test_import_page import open_import, upload

OVER_THE_LIMIT = 150 * MB  # the size of each PUT in the report that found this


def test_streamlits_upload_limit_is_the_largest_of_the_pages():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] == LARGEST_MB == max(limit.max_mb for limit in LIMITS)


def test_the_readme_has_the_table_of_limits():
    readme = (ROOT / "README.md").read_text()
    for limit in LIMITS:  # each surface's own row says its own size
        [row] = [line for line in readme.splitlines() if line.startswith(f"| {limit.surface} |")]
        assert f"| {limit.max_mb} MB" in row and "planned" not in row, row
    assert f"{IMPORT.max_rows:,} rows" in readme


def test_the_release_reader_has_the_add_a_record_pages_limit():
    """One limit per surface: the reader behind Add a record refuses what the table says."""
    from crossings.intake.reading import MAX_DOCUMENT_BYTES
    from crossings.limits import ADD_RECORD

    assert ADD_RECORD.max_bytes == MAX_DOCUMENT_BYTES


# --- the server -----------------------------------------------------------------------------------

def rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")) / 1024


class PeakMemory:
    """The process's resident memory, sampled every 20 ms while the block runs."""

    def __init__(self, pid: int):
        self.pid, self.samples, self._stop = pid, [], threading.Event()

    def __enter__(self):
        self.before = rss_mb(self.pid)
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def _run(self):
        while not self._stop.wait(0.02):
            self.samples.append(rss_mb(self.pid))

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.samples.append(rss_mb(self.pid))

    @property
    def growth(self) -> float:
        return max(self.samples) - self.before


def xsrf_cookie(base_url: str) -> str:
    with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=10) as response:
        cookie = response.headers["Set-Cookie"]
    return cookie.split(";")[0].split("=", 1)[1]


async def _session_id(base_url: str, cookie: str) -> tuple[str, object]:
    """Open a session as a browser tab does; returns its id and the open websocket."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.asyncio.client import connect

    socket = await connect(base_url.replace("http://", "ws://") + "/_stcore/stream",
                           subprotocols=["streamlit", cookie], origin=base_url,
                           additional_headers={"Cookie": f"_streamlit_xsrf={cookie}"}, max_size=None)
    request = BackMsg()
    request.rerun_script.query_string = ""
    await socket.send(request.SerializeToString())
    while True:
        message = ForwardMsg()
        message.ParseFromString(await asyncio.wait_for(socket.recv(), 60))
        kind = message.WhichOneof("type")
        if kind == "new_session":
            session_id = message.new_session.initialize.session_id
        elif kind == "script_finished":  # the page has run: its own memory is not counted
            return session_id, socket


def put_file(base_url: str, session_id: str, cookie: str, size: int, chunked: bool) -> int:
    """PUT a multipart body carrying a file of `size` bytes, streamed 1 MB at a time (so this
    process never holds it); the status, or 413 when the server cut the connection after
    refusing it."""
    boundary = "crossingsboundary"
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\"\r\n"
            "Content-Type: text/csv\r\n\r\n").encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    host, port = base_url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=120)
    headers = {"Content-Type": f"multipart/form-data; boundary={boundary}", "X-Xsrftoken": cookie,
               "Cookie": f"_streamlit_xsrf={cookie}", "Origin": base_url}
    if not chunked:
        headers["Content-Length"] = str(len(head) + size + len(tail))

    def body():
        yield head
        chunk = b"a,b\n" * (MB // 4)
        for _ in range(size // MB):
            yield chunk
        yield b"a" * (size % MB) + tail

    try:
        connection.request("PUT", f"/_stcore/upload_file/{session_id}/file-{size}-{chunked}",
                           body=body(), headers=headers, encode_chunked=chunked)
        return connection.getresponse().status
    except (BrokenPipeError, ConnectionResetError):
        try:
            return connection.getresponse().status
        except (http.client.HTTPException, OSError):
            return 413  # refused and closed before we finished sending: nothing more was read
    finally:
        connection.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with run_app(tmp_path_factory.mktemp("uploads")) as app:
        yield app


def test_an_upload_over_the_limit_is_refused_without_the_memory_growing(server):
    cookie = xsrf_cookie(server.url)

    async def scenario():
        session_id, socket = await _session_id(server.url, cookie)
        try:
            pid = server.process.pid
            # accepted: a file within the limit (and so the cookie, session and form are right)
            assert await asyncio.to_thread(put_file, server.url, session_id, cookie, MB, False) == 204
            results = []
            for chunked in (False, True):  # with a Content-Length, and without one (streamed)
                for _ in range(3):
                    with PeakMemory(pid) as memory:
                        status = await asyncio.to_thread(put_file, server.url, session_id, cookie,
                                                         OVER_THE_LIMIT, chunked)
                    results.append((chunked, status, round(memory.growth, 1)))
            return results
        finally:
            await socket.close()

    results = asyncio.run(scenario())
    print(results)
    assert [status for _, status, _ in results] == [413] * 6, results
    assert all(growth < LARGEST_MB for _, _, growth in results), results


def test_an_upload_without_the_xsrf_token_is_refused(server):
    cookie = xsrf_cookie(server.url)

    async def scenario():
        session_id, socket = await _session_id(server.url, cookie)
        try:
            return await asyncio.to_thread(put_file, server.url, session_id, "forged", MB, False)
        finally:
            await socket.close()

    assert asyncio.run(scenario()) == 403


# --- the Import page's own limits -----------------------------------------------------------

def million_rows() -> bytes:
    return b"funding_id,project_id,funder_id,amount,currency\n" + b"".join(
        b"F%07d,P,EU,1,EUR\n" % number for number in range(1_000_000))


def test_counting_rows_reads_no_further_than_asked():
    raw = million_rows()
    assert count_records(raw, 10) == 10
    assert count_records(b"a,b\n\n1,\"two\nlines\"\n3,4\n", 100) == 3  # header + 2 records
    started = time.perf_counter()
    assert count_records(raw, IMPORT.max_rows + 1) == IMPORT.max_rows + 1
    assert time.perf_counter() - started < 5


def test_the_import_page_says_its_limits_before_the_upload():
    at = open_import({})
    assert not at.exception
    said = " ".join(c.value for c in at.caption)
    assert f"at most {IMPORT.max_mb} MB and {IMPORT.max_rows:,} rows" in said
    assert "python -m crossings.data.import_table" in said


def test_a_million_row_file_is_refused_before_it_is_parsed(data_copy, monkeypatch):
    """1,000,000 short rows (17 MB, under the size limit, so the row limit is what refuses
    them): refused in seconds, within the caps, before anything is parsed."""
    import crossings.data.importing

    raw = million_rows()
    assert len(raw) <= IMPORT.max_bytes
    monkeypatch.setenv("CROSSINGS_DATA_DIR", str(data_copy))
    parsed = []
    monkeypatch.setattr(crossings.data.importing, "load_dataset_with_text",
                        lambda *args, **kwargs: parsed.append(args))
    at = open_import({})
    tracemalloc.start()
    started = time.perf_counter()
    upload(at, "export.csv", raw)  # no table's name: refused before a table is even chosen
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert not at.exception
    [error] = at.error
    assert error.value.startswith(markdown_text("export.csv has more than 100,000 rows; the Import page"))
    assert parsed == []  # never checked, so never parsed
    assert seconds < 20, seconds
    assert peak < 4 * len(raw), f"{peak / MB:.0f} MB traced for a {len(raw) / MB:.0f} MB file"


def test_a_file_over_the_pages_limit_is_refused_before_it_is_read(data_copy, monkeypatch):
    """The page imports IMPORT each time it runs: a 1,000-byte limit here, a 2,000-byte file."""
    monkeypatch.setenv("CROSSINGS_DATA_DIR", str(data_copy))
    small = type(IMPORT)(IMPORT.surface, IMPORT.accepts, 1000, IMPORT.max_rows)
    monkeypatch.setattr("crossings.limits.IMPORT", small)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page(next(p for p in PAGES if p.url_path == "import_data").file)
    at.run()
    at.file_uploader(key="import_file").set_value(("funding.csv", b"x" * 2000, "text/csv"))
    at.run()
    assert not at.exception
    [error] = at.error
    assert error.value.startswith(markdown_text("funding.csv is 2,000 bytes; the Import page accepts at most "
                                                "1,000 bytes and 100,000 rows. Nothing was read."))


def test_problems_are_listed_up_to_a_hundred_with_the_count_of_the_rest(data_copy, monkeypatch):
    monkeypatch.setenv("CROSSINGS_DATA_DIR", str(data_copy))
    rows = b"".join(b"F-BAD-%04d,P-JEMPAS-II,EU,,-1,EUR,2020-02,month,confirmed,,SEED-002\n" % n
                    for n in range(250))
    raw = (data_copy / "funding.csv").read_bytes() + rows
    at = open_import({})
    upload(at, "funding.csv", raw)
    assert not at.exception
    [problems] = [d for d in at.dataframe if "message" in d.value.columns]
    assert len(problems.value) == 100
    [rest] = [c.value for c in at.caption if c.value.startswith("The first 100 are listed")]
    assert "150 more are not" in rest


def test_the_command_line_checks_and_writes_a_table(data_copy, tmp_path, capsys):
    from crossings.data.import_table import main
    from tests.test_importing import edited_funding

    edited = tmp_path / "edited.csv"
    edited.write_bytes(edited_funding(data_copy, tmp_path))
    assert main(["funding", str(edited), "--data", str(data_copy)]) == 0
    assert "1 added, 1 changed, 1 removed, 3 unchanged, 0 rejected" in capsys.readouterr().out
    assert main(["funding", str(edited), "--data", str(data_copy), "--write"]) == 0
    assert "written:" in capsys.readouterr().out
    assert (data_copy / "funding.csv").read_bytes() != (ROOT / "data" / "funding.csv").read_bytes()
    assert len(list((data_copy / "backups").glob("funding.*.csv"))) == 1
    assert main(["funding", str(tmp_path / "missing.csv"), "--data", str(data_copy)]) == 2


def test_the_add_a_record_page_refuses_a_file_over_its_limit_before_reading_it(data_copy, monkeypatch):
    """The page imports ADD_RECORD each time it runs: a 1,000-byte limit here, a 2,000-byte file;
    the release is never read, and the limit is said above the upload."""
    import crossings.intake
    from crossings.limits import ADD_RECORD

    monkeypatch.setenv("CROSSINGS_DATA_DIR", str(data_copy))
    monkeypatch.setattr("crossings.limits.ADD_RECORD", type(ADD_RECORD)(
        ADD_RECORD.surface, ADD_RECORD.accepts, 1000, larger=ADD_RECORD.larger))
    read = []
    monkeypatch.setattr(crossings.intake, "read_bytes", lambda *args: read.append(args))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page(next(p for p in PAGES if p.url_path == "add_record").file)
    at.run()
    assert any(c.value == f"Accepts {ADD_RECORD.accepts}, at most 1,000 bytes." for c in at.caption)
    at.file_uploader(key="add_file").set_value(("release.txt", b"x" * 2000, "text/plain"))
    at.run()
    at.button(key="add_make_draft").click().run()
    assert not at.exception
    [error] = at.error
    assert error.value == markdown_text("release.txt is 2,000 bytes; the Add a record page accepts at most "
                                        "1,000 bytes. Nothing was read. " + ADD_RECORD.larger)
    assert read == []


def test_the_iati_import_refuses_a_file_over_its_limit_before_reading_it(data_copy, monkeypatch):
    import components.iati_import
    from crossings.limits import IATI

    monkeypatch.setenv("CROSSINGS_DATA_DIR", str(data_copy))
    monkeypatch.setattr(components.iati_import, "IATI", type(IATI)(IATI.surface, IATI.accepts, 1000))
    read = []
    monkeypatch.setattr(components.iati_import, "read_projects", lambda *args: read.append(args))
    at = open_import({})
    at.file_uploader(key="iati_file").set_value(("activities.xml", b"<x/>" * 500, "text/xml"))
    at.run()
    assert not at.exception
    [error] = at.error
    assert error.value.startswith(markdown_text("activities.xml is 2,000 bytes; the IATI import page accepts "
                                                "at most 1,000 bytes. Nothing was read. Larger files go "
                                                "through the command line"))
    assert read == []


def test_the_iati_import_lists_a_hundred_data_problems_with_the_count_of_the_rest(data_copy, monkeypatch):
    import components.iati_import

    class Problem:
        def __init__(self, number):
            self.number = number

        def describe(self):
            return f"problem {self.number}"

    monkeypatch.setenv("CROSSINGS_DATA_DIR", str(data_copy))
    monkeypatch.setattr(components.iati_import, "check_import",
                        lambda folder, result: [Problem(n) for n in range(250)])
    at = open_import({})
    at.file_uploader(key="iati_file").set_value(
        ("activities.xml", (ROOT / "tests" / "iati" / "border_project.xml").read_bytes(), "text/xml"))
    at.run()
    assert not at.exception
    [problems] = [d for d in at.dataframe if "problem" in d.value.columns]
    assert problems.value["problem"].tolist() == [f"problem {n}" for n in range(100)]
    [rest] = [c.value for c in at.caption if c.value.startswith("The first 100 are listed")]
    assert "150 more are not" in rest
