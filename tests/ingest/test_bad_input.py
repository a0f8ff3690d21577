"""Issue 2's bad inputs: each gives one `file:position: reason` line, good documents are kept,
and the exit code says whether anything was skipped."""

import json
import tracemalloc
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.ingest import IngestReport, read_documents

FIXTURES = Path(__file__).parent / "fixtures"
PUBMED = (FIXTURES / "pubmed_efetch.xml").read_bytes()
GOOD_TEXT = "Low-dose radiotherapy and STING\n\nLDRT inflamed cold tumours.\n"


@pytest.fixture
def messy(tmp_path):
    """A folder with one good file of each kind and each bad input of issue 2."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    cut = PUBMED.index(b"<ArticleTitle>Radiation-induced")
    (folder / "truncated.xml").write_bytes(PUBMED[:cut])
    (folder / "latin1.txt").write_bytes("Café-au-lait spots\n\nSeen in NF1.\n".encode("latin-1"))
    (folder / "outside.pubtator").write_text(
        "5|t|SBRT\n5|a|Abscopal responses.\n5\t0\t4\tSBRT\tRadiotherapy\t\n"
        "5\t10\t500\tfar away\tDisease\tD1\n",
        encoding="utf-8",
    )
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    return folder


def test_api_keeps_good_documents_and_reports_each_bad_input(messy):
    report = IngestReport()
    ids = sorted(d.id for d in read_documents(messy, report=report))
    assert ids == ["5", "90000001", "good"]
    lines = sorted(str(p) for p in report.problems)
    folder = str(messy)
    assert lines == [
        f"{folder}/empty.txt: empty file",
        f"{folder}/image.txt: not a paper format: an image",
        f"{folder}/latin1.txt:1: document skipped: not valid UTF-8 (byte 0xe9 at column 4)",
        f"{folder}/outside.pubtator:4: offsets 10-500 lie outside the text (length 24)",
        f"{folder}/truncated.xml:97:13: XML ends early, file truncated? (no element found); "
        "the rest of the file is skipped",
    ]
    assert report.exit_code == 1


def test_cli_writes_good_documents_and_one_line_per_problem(messy, tmp_path):
    out = tmp_path / "docs.jsonl"
    result = CliRunner().invoke(app, ["ingest", str(messy), "--out", str(out)])
    assert result.exit_code == 1, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(r["id"] for r in records) == ["5", "90000001", "good"]
    err = result.stderr.splitlines()
    assert len(err) == 6 and all(line.startswith(str(messy)) for line in err[:5])
    assert err[-1] == (
        "irkg ingest: 3 documents read from 4 files (1 gold mentions); skipped 3 files, "
        "1 document, 1 annotation (1 empty file, 1 binary file, 1 encoding, 1 bad offsets, "
        "1 truncated XML)"
    )


def test_cli_clean_run_exits_zero_and_writes_stdout():
    result = CliRunner().invoke(app, ["ingest", str(FIXTURES / "paper.txt")])
    assert result.exit_code == 0
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["id"] == "paper" and record["meta"]["format"] == "text"
    assert result.stderr.strip() == "irkg ingest: 1 documents read from 1 files; nothing skipped"


def test_cli_unwritable_output_is_fatal(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["ingest", str(FIXTURES / "paper.txt"), "--out", str(blocker / "docs.jsonl")]
    )
    assert result.exit_code == 2
    assert result.stderr.startswith(f"irkg: error: {blocker / 'docs.jsonl'}: cannot write")


def test_xml_in_the_wrong_encoding(tmp_path):
    path = tmp_path / "latin1.xml"
    path.write_bytes(PUBMED.replace(b"Ada", "Zoë".encode("latin-1")))
    report = IngestReport()
    assert list(read_documents(path, report=report)) == []
    (problem,) = report.problems
    assert str(problem).startswith(f"{path}:41:33: ")  # <ForeName>Zoë
    assert "byte 0xeb is not valid in the file's encoding" in problem.reason


def test_fifty_megabyte_paragraph(tmp_path):
    path = tmp_path / "huge.txt"
    paragraph = "Radiotherapy activates STING in tumour cells. " * (50_000_000 // 46)
    path.write_text("A huge paragraph\n\n" + paragraph + "\n", encoding="utf-8")
    report = IngestReport()
    kept = [d.id for d in read_documents([path, FIXTURES / "paper.txt"], report=report)]
    assert kept == ["paper"]
    assert [str(p) for p in report.problems] == [
        f"{path}:3: document skipped: line is longer than 10,000,000 characters"
    ]
    tracemalloc.start()
    (doc,) = read_documents(path, max_chars=0)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert doc.passages[1].text == paragraph.strip()
    assert peak < 6 * len(paragraph)  # a few copies of the paragraph, not a blow-up
