"""KGX TSV/JSONL files read back equal the tables; networkx holds the same graph."""

import csv
import json
from dataclasses import replace

import pytest

from kg.assemble.tables import write_tables
from kg.errors import InputError
from kg.loaders import export_kgx, load, to_networkx
from kg.loaders.kgx import EDGE_COLUMNS, LIST_COLUMNS, NODE_COLUMNS, kgx_edge, kgx_node
from kg.schema import load_schema


def _present(record):
    return {k: v for k, v in record.items() if v is not None and v != "" and v != []}


def _read_tsv(path, columns):
    numbers = {"sign", "step", "evidence_count", "paper_count", "negated_count", "hedged_count"}
    floats = {"belief", "npmi"}
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, dialect="excel-tab")
        assert next(reader) == list(columns)
        for row in reader:
            record = {}
            for column, value in zip(columns, row, strict=True):
                if value == "":
                    continue
                if column in LIST_COLUMNS:
                    record[column] = value.split("|")
                elif column in numbers:
                    record[column] = int(value)
                elif column in floats:
                    record[column] = float(value)
                else:
                    record[column] = value
            yield record


@pytest.mark.parametrize("fmt", ["tsv", "jsonl"])
def test_kgx_files_read_back_to_the_tables(demo_tables, demo, tmp_path, fmt):
    report = export_kgx(demo_tables, tmp_path, format=fmt)
    assert (report.nodes, report.edges) == (len(demo.nodes), len(demo.edges))
    if fmt == "tsv":
        nodes = list(_read_tsv(tmp_path / "nodes.tsv", NODE_COLUMNS))
        edges = list(_read_tsv(tmp_path / "edges.tsv", EDGE_COLUMNS))
    else:
        nodes = [json.loads(line) for line in (tmp_path / "nodes.jsonl").open(encoding="utf-8")]
        edges = [json.loads(line) for line in (tmp_path / "edges.jsonl").open(encoding="utf-8")]
    assert {n["id"]: n for n in nodes} == {n.id: _present(kgx_node(n)) for n in demo.nodes}
    assert {e["id"]: e for e in edges} == {e.id: _present(kgx_edge(e)) for e in demo.edges}
    sbrt = next(
        e for e in edges if e["subject"] == "irkg:SBRT" and e["predicate"].endswith("affects")
    )
    assert sbrt["object_direction_qualifier"] == "increased"
    assert sbrt["publications"] == ["PMID:31000001", "PMID:31000002"]
    assert "\n" in sbrt["best_sentence"] and '"strongly"' in sbrt["best_sentence"]


def test_a_value_with_the_list_delimiter_is_refused_in_tsv_but_kept_in_jsonl(tmp_path, demo):
    build = tmp_path / "b"
    odd = replace(demo.nodes[0], synonyms=("cGAS|MB21D1",))
    write_tables(build, (odd, *demo.nodes[1:]), demo.edges, demo.evidence)
    with pytest.raises(InputError, match="jsonl"):
        export_kgx(build, tmp_path / "tsv", format="tsv")
    assert not (tmp_path / "tsv" / "nodes.tsv").exists()  # nothing half-written
    export_kgx(build, tmp_path / "jsonl", format="jsonl")
    lines = (tmp_path / "jsonl" / "nodes.jsonl").read_text().splitlines()
    kept = next(r for r in map(json.loads, lines) if r["id"] == odd.id)
    assert kept["synonym"] == ["cGAS|MB21D1"]


def test_load_to_kgx_writes_into_the_build(fresh_build):
    report = load(fresh_build, to="kgx")
    assert report.nodes == 22 and (fresh_build / "kgx" / "edges.jsonl").is_file()


def test_networkx_graph_has_every_edge_keyed_by_id(demo_tables, demo):
    graph = to_networkx(demo_tables, with_evidence=True)
    assert graph.number_of_nodes() == len(demo.nodes)
    assert graph.number_of_edges() == len(demo.edges)
    schema = load_schema()
    for edge in demo.edges:
        attrs = graph.edges[edge.subject, edge.object, edge.id]
        assert attrs["predicate"] == edge.predicate
        assert attrs["type"] == schema.relationship_type(edge.predicate)
        assert [ev["id"] for ev in attrs["evidence"]] == sorted(
            ev.id for ev in demo.evidence if ev.edge_id == edge.id
        )
    # two TBK1 -> PD-L1 edges with opposite signs stay apart (a multigraph)
    signs = sorted(
        a["sign"] for a in graph.get_edge_data("NCBIGene:29110", "NCBIGene:29126").values()
    )
    assert signs == [-1, 1]
    assert graph.nodes["MESH:D003424"]["name"] == "Crohn's disease"
