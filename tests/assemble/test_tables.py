"""Canonical tables: round trip, sorted and byte-identical output, atomic replacement."""

import pytest

from kg.assemble.tables import EDGES, iter_edges, iter_evidence, iter_nodes, write_tables
from kg.errors import InputError
from kg.ids import edge_id
from kg.model import AgentType, Edge, Evidence, KnowledgeLevel, Node, Qualifiers, Sign


def _records():
    nodes = [
        Node("NCBIGene:340061", "biolink:Gene", "STING1", ("STING", "TMEM173"), "NCBITaxon:9606"),
        Node("MESH:C584311", "biolink:ChemicalEntity", "3',5'-cGAMP", ("cGAMP",)),
        Node("MESH:D003093", "biolink:Disease", 'Crohn\'s disease, "ileal"; a,b\nc'),
    ]
    q = Qualifiers(sign=Sign.POSITIVE, pathway="irkg:cGAS_STING", step=2)
    eid = edge_id("MESH:C584311", "biolink:affects", "NCBIGene:340061", q)
    edges = [
        Edge(
            eid,
            "MESH:C584311",
            "biolink:affects",
            "NCBIGene:340061",
            q,
            KnowledgeLevel.KNOWLEDGE_ASSERTION,
            AgentType.MANUAL_AGENT,
            sources=("ontology/pathway_chains.tsv",),
            publications=("PMID:23258413",),
            evidence_count=2,
            paper_count=1,
            belief=0.8,
            npmi=None,
        )
    ]
    sentence = "STING is activated by cGAMP."
    evidence = [
        Evidence(
            doc_id="demo-001",
            sentence=sentence,
            sentence_start=0,
            sentence_end=len(sentence),
            subject_start=22,
            subject_end=27,
            object_start=0,
            object_end=5,
            extractor="irkg.relations",
            extractor_version="1",
            pmid=None,
            regimens=("8 Gy/3 fx",),
            edge_id=eid,
            id="ev1",
        )
    ]
    return nodes, edges, evidence


def test_round_trip_and_determinism(tmp_path):
    nodes, edges, evidence = _records()
    counts = write_tables(tmp_path / "a", reversed(nodes), edges, evidence)
    assert counts == {"nodes": 3, "edges": 1, "evidence": 1}
    assert list(iter_nodes(tmp_path / "a")) == sorted(nodes, key=lambda n: n.id)
    assert list(iter_edges(tmp_path / "a")) == edges
    assert list(iter_evidence(tmp_path / "a")) == evidence
    write_tables(tmp_path / "b", nodes, edges, evidence)
    for name in ("nodes.parquet", EDGES, "evidence.parquet"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_duplicate_ids_are_refused(tmp_path):
    nodes, _, _ = _records()
    with pytest.raises(ValueError, match="duplicate id"):
        write_tables(tmp_path, nodes + nodes[:1], [], [])


def test_missing_or_corrupt_table_names_the_file(tmp_path):
    with pytest.raises(InputError, match="table not found"):
        list(iter_nodes(tmp_path))
    (tmp_path / "nodes.parquet").write_bytes(b"PAR1garbage")
    with pytest.raises(InputError, match=r"nodes\.parquet"):
        list(iter_nodes(tmp_path))
