"""Bad inputs: one clear line per file, the others still processed, nothing half-written."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfWriter

from neuroquiz.cli.context import AppContext
from neuroquiz.cli.generate_cmd import generate
from neuroquiz.errors import NeuroquizError
from neuroquiz.generate import generate_decks
from neuroquiz.generate.read import read_document
from tests.unit.generate.conftest import DATA

GOOD = (DATA / "heldout_vestibular_schwannoma.txt").read_text(encoding="utf-8")


def _blank_pdf(path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    path.write_bytes(buffer.getvalue())


@pytest.fixture
def inputs(tmp_path: Path) -> dict[str, Path]:
    files = {
        "good": tmp_path / "good.txt",
        "empty": tmp_path / "empty.txt",
        "binary": tmp_path / "binary.txt",
        "scan": tmp_path / "scan.pdf",
        "docx": tmp_path / "notes.docx",
    }
    files["good"].write_text(GOOD, encoding="utf-8")
    files["empty"].write_text("\n\n  \n", encoding="utf-8")
    files["binary"].write_bytes(bytes(range(256)) * 40)
    _blank_pdf(files["scan"])
    files["docx"].write_bytes(b"PK\x03\x04")
    return files


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("empty", "the file is empty"),
        ("binary", "binary file, not text"),
        ("scan", "no text layer"),
        ("docx", "unsupported file type '.docx'"),
    ],
)
def test_each_bad_input_fails_with_one_clear_line(
    inputs: dict[str, Path], key: str, message: str
) -> None:
    with pytest.raises(NeuroquizError) as caught:
        read_document(inputs[key])
    text = str(caught.value)
    assert message in text and str(inputs[key]) in text and "\n" not in text


def test_too_large_a_file_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("word " * 3000, encoding="utf-8")
    with pytest.raises(NeuroquizError, match="file too large"):
        read_document(big, max_bytes=10_000)


def test_non_utf8_text_is_decoded_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Café au lait spots suggest neurofibromatosis type 1.".encode("cp1252"))
    raw = read_document(path)
    assert "Café" in raw.text
    assert raw.warnings == ("not valid UTF-8; decoded as Windows-1252",)


def test_markdown_and_html_are_read_with_their_titles(tmp_path: Path) -> None:
    md = tmp_path / "a.md"
    md.write_text(
        "# Chordoma\n\nChordomas arise from **notochordal** remnants ([ref](http://x)).\n",
        encoding="utf-8",
    )
    html = tmp_path / "b.html"
    html.write_text(
        "<html><head><title>Site | Chordoma</title><script>var x=1;</script></head><body>"
        "<nav>Home</nav><h1>Chordoma</h1><p>Chordomas arise from notochordal remnants.</p>"
        "<footer>Copyright</footer></body></html>",
        encoding="utf-8",
    )
    raw_md, raw_html = read_document(md), read_document(html)
    assert raw_md.title_hint == "Chordoma" and "notochordal remnants (ref)" in raw_md.text
    assert raw_html.title_hint == "Chordoma"
    assert (
        "var x" not in raw_html.text
        and "Home" not in raw_html.text
        and "Copyright" not in raw_html.text
    )


def test_pipeline_processes_the_good_files_and_reports_the_bad(
    inputs: dict[str, Path], tmp_path: Path
) -> None:
    out = tmp_path / "decks"
    report = generate_decks(list(inputs.values()), out)
    assert report.failed
    by_name = {o.source.name: o for o in report.outcomes}
    assert by_name["good.txt"].deck_path is not None and by_name["good.txt"].cards >= 2
    assert all(by_name[p.name].error for k, p in inputs.items() if k != "good")
    assert sorted(p.name for p in out.iterdir()) == [
        "vestibular-schwannoma-diagnosis-and-treatment.yaml"
    ]


def test_cli_prints_one_line_per_bad_file_and_exits_1(
    inputs: dict[str, Path], tmp_path: Path
) -> None:
    out = tmp_path / "decks"
    app = AppContext(db_path=tmp_path / "p.db", decks_dir=tmp_path / "unused")
    result = CliRunner().invoke(generate, [*map(str, inputs.values()), "--out", str(out)], obj=app)
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 4
    assert "vestibular-schwannoma-diagnosis-and-treatment.yaml" in result.output
    assert "Traceback" not in result.output


def test_cli_exits_0_when_all_documents_succeed(tmp_path: Path) -> None:
    doc = tmp_path / "good.txt"
    doc.write_text(GOOD, encoding="utf-8")
    app = AppContext(db_path=tmp_path / "p.db", decks_dir=tmp_path / "decks")
    result = CliRunner().invoke(generate, [str(doc)], obj=app)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "decks" / "vestibular-schwannoma-diagnosis-and-treatment.yaml").exists()


def test_a_broken_existing_deck_is_never_overwritten(tmp_path: Path) -> None:
    doc = tmp_path / "good.txt"
    doc.write_text(GOOD, encoding="utf-8")
    out = tmp_path / "decks"
    out.mkdir()
    broken = out / "vestibular-schwannoma-diagnosis-and-treatment.yaml"
    broken.write_text("title: [unclosed\n", encoding="utf-8")
    report = generate_decks([doc], out)
    (outcome,) = report.outcomes
    assert outcome.error and "cannot merge" in outcome.error
    assert broken.read_text(encoding="utf-8") == "title: [unclosed\n"
