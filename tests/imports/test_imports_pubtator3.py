"""PubTator3 exports (BioC JSON, BioC XML, PubTator) -> annotated documents, JSONL/PubTator
output, and a graph built from them with irkg's relation extraction.

The fixtures in ``fixtures/`` are written in PubTator3's export formats: the ``{"PubTator3":
[...]}`` wrapper, annotation infons with identifier/normalized_id/database/accession, document
relations, Cellosaurus ids as ``CVCL:B288``, ``;``-joined gene ids, ``-`` for no id, a Variant.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.assemble.build import BuildParts, build
from kg.assemble.tables import iter_edges, iter_nodes
from kg.cli import app
from kg.errors import ConfigError
from kg.ids import edge_id, normalize_curie
from kg.imports import ImportReport, import_pubtator3, read_pubtator3
from kg.ingest import IngestReport, read_annotated, read_documents
from kg.model import AnnotatedDocument, Qualifiers, Sign
from kg.nlp.relate import GivenMentionsAnnotator

FIXTURES = Path(__file__).parent / "fixtures"
JSON, XML, PUBTATOR = (FIXTURES / f"export.{s}" for s in ("biocjson", "biocxml", "pubtator"))
runner = CliRunner()


def read(path: Path) -> tuple[list[AnnotatedDocument], ImportReport]:
    report = ImportReport(IngestReport())
    return list(read_pubtator3([path], report=report)), report


def spans(doc: AnnotatedDocument) -> set[tuple[int, int, str, str, tuple[str, ...]]]:
    return {(m.start, m.end, m.text, m.type.value, m.ids) for m in doc.mentions}


def by_text(doc: AnnotatedDocument) -> dict[str, tuple[str, ...]]:
    return {m.text: m.ids for m in doc.mentions}


def test_pubtator3_ids_become_our_curies():
    docs, _ = read(JSON)
    assert [d.document.id for d in docs] == ["38000001", "38000002"]
    first, second = (by_text(d) for d in docs)
    assert first["MC38"] == ("cellosaurus:CVCL_B288",)  # PubTator3's CVCL:B288
    assert second["A549"] == ("cellosaurus:CVCL_0023",)
    assert first["p53 family"] == ("NCBIGene:7157", "NCBIGene:8626")  # "7157;8626"
    assert first["cGAMP"] == ("MESH:C584311",)
    assert first["mice"] == ("NCBITaxon:10090",)
    assert first["compound X9"] == ()  # "-": recognised, not normalised
    assert "p.V600E" not in first  # Variant: not an irkg type
    assert second["XYZ9"] == ()  # unreadable id dropped, mention kept
    assert all(m.source == "pubtator3" for d in docs for m in d.mentions)
    assert docs[1].document.meta.pmcid == "PMC9000002" and docs[0].document.meta.year == 2024


def test_report_names_what_could_not_be_mapped():
    _, report = read(JSON)
    assert report.documents == 2 and report.mentions == 31
    assert report.outside == {"Disease OMIM": 1}
    assert report.examples["Disease OMIM"] == ["38000001: 'Li-Fraumeni syndrome' -> OMIM:151623"]
    assert report.without_id == {"Chemical": 1, "Gene": 1}
    [problem] = report.ingest.problems
    assert str(problem).startswith(f"{JSON}:char ") and "'XYZ9'" in str(problem)
    assert report.ingest.ignored == {"BioC relations": 2, "type Variant": 1}
    assert not report.clean
    assert "1 Disease OMIM" in report.summary()


def test_the_three_export_formats_agree():
    from_json, _ = read(JSON)
    from_xml, _ = read(XML)
    from_pubtator, report = read(PUBTATOR)
    assert [spans(d) for d in from_json] == [spans(d) for d in from_xml]
    assert [d.document.text for d in from_json] == [d.document.text for d in from_xml]
    assert spans(from_pubtator[0]) == spans(from_json[0])
    assert report.ingest.ignored == {"relation lines": 1, "type Variant": 1}


def test_jsonl_output_reads_back_with_its_mentions(tmp_path):
    out = tmp_path / "pt3.jsonl"
    report = import_pubtator3([JSON], out)
    assert report.documents == 2
    back = list(read_annotated([out]))
    docs, _ = read(JSON)
    assert [(d.document.id, d.mentions) for d in back] == [
        (d.document.id, d.mentions) for d in docs
    ]
    assert [d.id for d in read_documents([out])] == ["38000001", "38000002"]


def test_pubtator_output_reads_back_with_every_id(tmp_path):
    out = tmp_path / "pt3.PubTator"
    import_pubtator3([XML], out, format="pubtator")
    assert "\tGene\tNCBIGene:7157|NCBIGene:8626\n" in out.read_text()
    back = list(read_annotated([out], "pubtator"))
    docs, _ = read(XML)
    assert [spans(d) for d in back] == [spans(d) for d in docs]


def test_unknown_formats_are_refused():
    with pytest.raises(ConfigError, match="output format"):
        import_pubtator3([JSON], "-", format="xml")
    with pytest.raises(ConfigError, match="PubTator3 format"):
        list(read_pubtator3([JSON], format="pubmed-xml"))


def test_other_inputs_are_flagged(tmp_path):
    paper = tmp_path / "paper.txt"
    paper.write_text("A plain text about STING.\n", encoding="utf-8")
    docs, report = read(paper)
    assert len(docs) == 1 and docs[0].mentions == ()
    assert report.other_formats == {"text": 1} and not report.clean


def test_cellosaurus_colon_form():
    assert normalize_curie("CVCL:0023", "CellLine") == "cellosaurus:CVCL_0023"
    assert normalize_curie("CVCL_0023", "CellLine") == "cellosaurus:CVCL_0023"


def test_cli_import_then_build_with_our_relations(tmp_path):
    out = tmp_path / "pt3.jsonl"
    result = runner.invoke(app, ["import", "pubtator3", str(JSON), str(XML), "--out", str(out)])
    assert result.exit_code == 1  # the unreadable XYZ9 id, reported with its place
    assert "annotation 32: unreadable identifier(s) 'XYZ9'" in result.stderr
    assert "irkg import: 4 documents, 62 mentions" in result.stderr
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(records) == 4 and records[0]["mentions"][0]["source"] == "pubtator3"

    build_dir = tmp_path / "build"
    report = build(read_annotated([out]), build_dir, BuildParts(GivenMentionsAnnotator()))
    assert report.documents == 2 and report.duplicate_documents == 2  # JSON and XML: same papers
    edges = {e.id: e for e in iter_edges(build_dir)}
    positive = edge_id(
        "MESH:C584311", "biolink:affects", "NCBIGene:72512", Qualifiers(Sign.POSITIVE)
    )
    negative = edge_id(
        "MESH:C000613593", "biolink:affects", "NCBIGene:29126", Qualifiers(Sign.NEGATIVE)
    )
    assert edges[positive].best_sentence == "cGAMP activated STING and increased IFNB1 expression."
    assert edges[negative].publications == ("PMID:38000002",)
    nodes = {n.id for n in iter_nodes(build_dir)}
    assert {"cellosaurus:CVCL_B288", "NCBIGene:8626", "OMIM:151623"} <= nodes


def test_cli_pubtator_to_stdout():
    result = runner.invoke(app, ["import", "pubtator3", str(PUBTATOR), "--format", "pubtator"])
    assert result.exit_code == 0, result.stderr
    docs = result.stdout.split("\n\n")
    assert docs[0].startswith("38000001|t|Radiotherapy activates cGAS-STING")
    assert "38000001\t441\t461\tLi-Fraumeni syndrome\tDisease\tOMIM:151623" in docs[0]
