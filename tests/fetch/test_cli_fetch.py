"""`irkg fetch` through typer's CliRunner, checked through the files and the API."""

import pytest
from conftest import TEST_KEY
from eutils_server import FakeEutils
from typer.testing import CliRunner

from kg.cli import app
from kg.fetch import Ledger

runner = CliRunner()


@pytest.fixture
def env(eutils):
    return {"NCBI_API_KEY": TEST_KEY, "NCBI_EMAIL": "dev@example.org", "IRKG_EUTILS_URL": ""}


def test_query_with_full_text(eutils, env, tmp_path):
    out = tmp_path / "papers"
    args = ["fetch", "--query", "radiotherapy AND immunotherapy", "--out", str(out)]
    result = runner.invoke(app, [*args, "--full-text", "--base-url", eutils.base_url], env=env)
    assert result.exit_code == 0, result.output
    assert "PubMed records: 3 requested (the query found 3): 3 fetched" in result.stdout
    assert "PMC full texts: 2 requested: 2 fetched" in result.stdout
    assert "1 articles have no full text in PMC's XML" in result.stdout
    ledger = Ledger.open(out)
    assert all(ledger.has_pubmed(p) for p in ("90000001", "90000002", "90000003"))
    assert ledger.has_pmc("PMC9000001") and (out / "PMC9000003.xml").exists()
    assert TEST_KEY not in result.output
    assert eutils.requests()[0].one("email") == "dev@example.org"


def test_base_url_from_the_environment_and_a_pmid_file_with_problems(eutils, env, tmp_path):
    pmids = tmp_path / "pmids.txt"
    pmids.write_text("90000002\n99999999\nnot-a-pmid\n")
    env = {**env, "IRKG_EUTILS_URL": eutils.base_url}
    result = runner.invoke(
        app, ["fetch", "--pmids", str(pmids), "--out", str(tmp_path / "o")], env=env
    )
    assert result.exit_code == 1
    assert "1 fetched, 0 skipped as already present, 1 failed" in result.stdout
    assert f"rejected {pmids}:3: not a PMID: 'not-a-pmid'" in result.stdout
    assert "failed 99999999: not in the efetch answer" in result.stdout


def test_pmcid_file(eutils, env, tmp_path):
    pmcids = tmp_path / "pmcids.txt"
    pmcids.write_text("PMC9000001\n")
    out = tmp_path / "o"
    args = ["fetch", "--pmcids", str(pmcids), "--out", str(out), "--base-url", eutils.base_url]
    result = runner.invoke(app, args, env=env)
    assert result.exit_code == 0, result.output
    assert [p.name for p in out.glob("*.xml")] == ["PMC9000001.xml"]
    again = runner.invoke(app, args, env=env)
    assert "0 fetched, 1 skipped as already present" in again.stdout


def test_a_refused_key_is_one_line_without_the_key(env, tmp_path):
    server = FakeEutils(api_key="another-key").start()
    try:
        args = ["fetch", "--query", "radiotherapy", "--out", str(tmp_path / "o")]
        result = runner.invoke(app, [*args, "--base-url", server.base_url], env=env)
    finally:
        server.stop()
    assert result.exit_code == 2
    assert result.stderr.startswith("irkg: error: GET http://127.0.0.1:")
    assert "HTTP 400: API key invalid" in result.stderr
    assert TEST_KEY not in result.output and "api_key=***" in result.stderr


def test_exactly_one_source(env, tmp_path):
    result = runner.invoke(app, ["fetch", "--out", str(tmp_path)], env=env)
    assert result.exit_code == 2 and "exactly one of --query, --pmids, --pmcids" in result.output
    bad = runner.invoke(
        app, ["fetch", "--query", "x", "--out", str(tmp_path), "--base-url", "ftp://x/"], env=env
    )
    assert bad.exit_code == 2 and "http(s)://" in bad.output


def test_help_ends_with_an_example():
    result = runner.invoke(app, ["fetch", "--help"])
    assert result.exit_code == 0 and "Example:" in result.output


def test_summary_groups_failures_by_reason(tmp_path):
    from kg.fetch import FetchFailure, FetchReport
    from kg.fetch.console import summary_lines

    failed = tuple(FetchFailure(str(i), "HTTP 503: busy") for i in range(1, 9))
    report = FetchReport(
        database="pubmed",
        out_dir=tmp_path,
        requested=9,
        fetched=("10",),
        skipped=(),
        failed=failed,
        files=("pubmed-000001.xml",),
        requests=17,
    )
    lines = summary_lines(report)
    assert lines[0].startswith("PubMed records: 9 requested: 1 fetched, 0 skipped")
    assert lines[1:] == ["  failed 8 ids (1, 2, 3, 4, 5, ... 3 more): HTTP 503: busy"]
