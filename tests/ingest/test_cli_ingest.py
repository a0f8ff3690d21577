"""`irkg ingest`: a thin mirror of read_documents; results checked through the API."""

from pathlib import Path

from typer.testing import CliRunner

from kg.cli import InputFormat, app
from kg.ingest import FORMATS, IngestReport, read_documents

FIXTURES = Path(__file__).parent / "fixtures"
runner = CliRunner()


def test_cli_formats_mirror_the_api():
    assert {f.value for f in InputFormat} == {"auto", "jsonl", *FORMATS}


def test_output_reads_back_as_the_same_documents(tmp_path):
    out = tmp_path / "docs.jsonl"
    result = runner.invoke(app, ["ingest", str(FIXTURES), "-o", str(out), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    report = IngestReport()
    assert list(read_documents(out, report=report)) == list(read_documents(FIXTURES))
    assert report.formats == {"irkg-jsonl": 1} and report.documents == 9
    assert result.stderr.strip().splitlines() == [
        "irkg ingest: 9 documents read from 6 files (18 gold mentions); nothing skipped"
    ]


def test_forced_format_and_limit(tmp_path):
    out = tmp_path / "docs.jsonl"
    args = ["ingest", str(FIXTURES / "notes.md"), "-f", "text", "-o", str(out)]
    assert runner.invoke(app, args).exit_code == 0
    (doc,) = read_documents(out)
    assert doc.meta.format == "text" and doc.title == "---"  # read as plain text, as asked
    result = runner.invoke(app, [*args, "--max-chars", "50"])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{FIXTURES / 'notes.md'}:4: document is longer than")
    assert list(read_documents(out)) == []


def test_help_ends_with_an_example():
    result = runner.invoke(app, ["ingest", "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output and "irkg ingest examples/papers" in result.output


def test_standard_input_in_its_place(tmp_path):
    out = tmp_path / "docs.jsonl"
    args = ["ingest", str(FIXTURES / "paper.txt"), "-", "-o", str(out)]
    result = runner.invoke(app, args, input="7|t|STING\n7|a|TBK1 follows.\n")
    assert result.exit_code == 0, result.output
    docs = list(read_documents(out))
    assert [d.id for d in docs] == ["paper", "7"] and docs[1].meta.source == "<stdin>"
