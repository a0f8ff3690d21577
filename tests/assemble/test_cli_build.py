"""``irkg build`` through the CLI, checked through the API (tables, manifest)."""

import json

import pytest
from text_papers import CORPUS, ID
from typer.testing import CliRunner

from kg.assemble import pipeline
from kg.assemble.build import MANIFEST, BuildParts
from kg.assemble.tables import iter_edges, iter_evidence
from kg.cli import app
from kg.errors import ConfigError
from kg.ids import edge_id
from kg.model import Qualifiers, Sign
from kg.nlp.relate import GivenMentionsAnnotator
from kg.settings import load_settings

runner = CliRunner()


def write_pubtator(path, items):
    lines = []
    for item in items:
        doc = item.document
        lines += [f"{doc.id}|t|{doc.passages[0].text}", f"{doc.id}|a|{doc.passages[1].text}"]
        for m in item.mentions:
            lines.append(f"{doc.id}\t{m.start}\t{m.end}\t{m.text}\t{m.type.value}\t{m.ids[0]}")
        lines.append("")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def gold_parts(monkeypatch):
    """The product's wiring minus the lexicon and curated graph (other branches' parts)."""
    calls = []

    def parts(settings, *, recognizer, n_process=1, progress=False):
        calls.append(recognizer)
        return BuildParts(GivenMentionsAnnotator(), versions={"recognizer": recognizer})

    monkeypatch.setattr(pipeline, "default_parts", parts)
    return calls


def test_build_then_rebuild(tmp_path, gold_parts):
    papers = tmp_path / "papers.PubTator"
    write_pubtator(papers, CORPUS)
    out = tmp_path / "build"
    args = ["build", str(papers), "--out", str(out), "--recognizer", "gold", "--no-load"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "3 documents (3 annotated, 0 from cache)" in result.output
    assert gold_parts == ["gold"]
    q = Qualifiers(sign=Sign.POSITIVE)
    eid = edge_id(ID["cGAMP"], "biolink:affects", ID["STING"], q)
    edges = {e.id: e for e in iter_edges(out)}
    assert edges[eid].paper_count == 3
    for ev in iter_evidence(out):
        if ev.edge_id == eid:
            assert "cGAMP" in ev.sentence and "STING" in ev.sentence
    manifest = json.loads((out / MANIFEST).read_text())
    assert manifest["inputs"][0]["path"] == str(papers.resolve())
    assert manifest["ingest"]["summary"].startswith("3 documents read")

    again = runner.invoke(app, args)
    assert again.exit_code == 0 and "(0 annotated, 3 from cache)" in again.output


def test_build_loads_the_embedded_store_by_default(tmp_path, gold_parts):
    from kg.loaders import open_store

    papers = tmp_path / "papers.PubTator"
    write_pubtator(papers, CORPUS)
    out = tmp_path / "b"
    result = runner.invoke(app, ["build", str(papers), "--out", str(out), "--recognizer", "gold"])
    assert result.exit_code == 0, result.output
    with open_store(out) as store:
        rows = store.query(
            "MATCH (a:NamedThing {id: $s})-[r:AFFECTS]->(b:NamedThing {id: $o}) RETURN r.id AS id",
            {"s": ID["cGAMP"], "o": ID["STING"]},
        )
    q = Qualifiers(sign=Sign.POSITIVE)
    assert [r["id"] for r in rows] == [edge_id(ID["cGAMP"], "biolink:affects", ID["STING"], q)]


def test_bad_input_is_reported_and_good_papers_kept(tmp_path, gold_parts):
    papers = tmp_path / "papers.PubTator"
    write_pubtator(papers, CORPUS)
    broken = tmp_path / "broken.PubTator"
    broken.write_text("123|t|A title\n123\t0\t99\tfar away\tGene\t7157\n\n", encoding="utf-8")
    out = tmp_path / "build"
    result = runner.invoke(
        app,
        ["build", str(papers), str(broken), "--out", str(out), "--recognizer", "gold", "--no-load"],
    )
    assert result.exit_code == 1, result.output
    assert "broken.PubTator:" in result.output
    manifest = json.loads((out / MANIFEST).read_text())
    assert manifest["documents"]["read"] >= 3
    assert manifest["ingest"]["problems"]


def test_unknown_recognizer_is_a_config_error():
    with pytest.raises(ConfigError, match="unknown recognizer"):
        pipeline.default_parts(load_settings(), recognizer="oracle")
