"""`python -m crossings.intake`: a table or exactly one JSON object that meets the contract, exit 0;
bad input (empty, another language, too large, a scan, a binary file) gives a clear message,
exit 2, and writes nothing."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import textwrap

import pypdfium2 as pdfium
import pytest

from crossings.files import ROOT
from crossings.intake import IntakeError, read_bytes, read_path
from crossings.intake.reading import MAX_DOCUMENT_BYTES
from crossings.intake.schema import validate_draft
from tests.hostile import INJECTIONS

RELEASE = ROOT / "tests" / "intake" / "gold" / "26-sudantribune-south-sudan-midas.txt"
ENGLISH = ("IOM held a three-day workshop on border management in Juba from 12 to 19 October for 30 "
           "immigration officers of South Sudan. The workshop was funded by the Government of Japan and "
           "covered the installation and maintenance of the border management information system.")


def run(*arguments: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "crossings.intake", *arguments], cwd=ROOT, input=stdin,
                          capture_output=True, timeout=120, check=False)


def test_json_is_exactly_one_object_that_meets_the_contract():
    result = run(str(RELEASE), "--json")
    assert result.returncode == 0, result.stderr
    draft = json.loads(result.stdout)  # one object and nothing else, or this fails
    validate_draft(draft)
    assert (draft["kind"], draft["city"], draft["host_iso3"]) == ("event", "Juba", "SSD")
    assert draft["participants"] == 30
    assert draft["date_text"] == "XXXX-10-12/XXXX-10-19"
    assert draft["published"] == "2016-10-21"


def test_the_table_shows_values_and_their_words():
    result = run(str(RELEASE))
    assert result.returncode == 0, result.stderr
    table = result.stdout.decode()
    assert "date_text" in table and "XXXX-10-12/XXXX-10-19" in table and "12 to 19 October" in table
    assert "host_iso3" in table and "SSD" in table
    assert "without a year" in table  # the note


def test_stdin_is_read_with_a_dash():
    result = run("-", "--json", stdin=ENGLISH.encode())
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["host_iso3"] == "SSD"


@pytest.mark.parametrize(("content", "message"), [
    (b"", "is empty"),
    (b"   \n\n  ", "is empty"),
    ("La Oficina de las Naciones Unidas contra la Droga y el Delito organizó un taller para los oficiales "
     "de fronteras de los países de la región, con el apoyo de la Unión Europea y del gobierno de España, "
     "que se celebró en la ciudad de Dakar durante tres días.".encode(), "is in Spanish"),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, "is a PNG image"),
    (bytes(range(256)) * 40, "binary file"),
    (b"Border workshop held.", "too short"),
])
def test_bad_input_is_refused_with_a_clear_message_and_exit_2(content, message, tmp_path):
    result = run("-", "--json", stdin=content)
    assert result.returncode == 2
    assert result.stdout == b""
    assert message in result.stderr.decode()
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_a_missing_file_exits_2(tmp_path):
    result = run(str(tmp_path / "nowhere.txt"))
    assert result.returncode == 2
    assert "nowhere.txt: cannot be read" in result.stderr.decode()


def test_a_5_mb_file_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "release.txt"
    big.write_bytes((ENGLISH + "\n").encode() * (5 * 1024 * 1024 // len(ENGLISH) + 1))
    assert big.stat().st_size > 5 * 1024 * 1024 > MAX_DOCUMENT_BYTES
    with pytest.raises(IntakeError, match=r"release.txt is 5.0 MB; a release is read only up to 4 MB"):
        read_path(big)
    assert run(str(big)).returncode == 2


def blank_pdf() -> bytes:
    """A one-page PDF with nothing on it, as a scan without OCR looks to a text reader."""
    document = pdfium.PdfDocument.new()
    document.new_page(595, 842)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_pdf_with_no_text_layer_is_refused(tmp_path):
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(blank_pdf())
    with pytest.raises(IntakeError, match=r"scan\.pdf has no text layer"):
        read_path(scan)
    result = run(str(scan))
    assert result.returncode == 2 and "no text layer" in result.stderr.decode()


def test_a_damaged_pdf_is_refused():
    with pytest.raises(IntakeError, match="cannot be opened as a PDF"):
        read_bytes(b"%PDF-1.7\nnot really a pdf", "broken.pdf")


def test_html_is_read_as_its_article_without_scripts():
    page = (f"<html><head><title>Ignored</title><script>alert('x')</script></head><body>"
            f"<nav>Home | News</nav><article><h1>IOM trains border officers in Juba</h1><p>{ENGLISH}</p>"
            f"<p>{INJECTIONS[1][1]}</p></article><footer>Contact</footer></body></html>").encode()
    source = read_bytes(page, "release.html")
    assert source.form == "html" and source.title == "IOM trains border officers in Juba"
    assert "alert('x')" not in source.text and "Home | News" not in source.text
    assert source.text.startswith("IOM trains border officers in Juba\n\nIOM held a three-day workshop")


def test_a_word_file_is_refused_with_what_to_do():
    with pytest.raises(IntakeError, match=r"zip archive .*Word.*paste its text"):
        read_bytes(b"PK\x03\x04" + b"\x00" * 100, "release.docx")


def test_a_pdf_release_is_read(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "release.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    lines = ["IOM trains border officers in Juba", "", *textwrap.wrap(ENGLISH, 90)]
    for number, line in enumerate(lines):
        pdf.drawString(60, 780 - 16 * number, line)
    pdf.save()
    result = run(str(path), "--json")
    assert result.returncode == 0, result.stderr
    draft = json.loads(result.stdout)
    assert (draft["host_iso3"], draft["participants"]) == ("SSD", 30)
    assert draft["funders"] == ["Government of Japan"]
