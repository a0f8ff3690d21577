"""The query tests' graph: the demo graph plus the edges and names the questions need."""

from __future__ import annotations

import sys
from pathlib import Path

_TESTS = str(Path(__file__).resolve().parents[1])
if _TESTS not in sys.path:  # tests/fixtures is imported as `fixtures` (as tests/conftest.py does)
    sys.path.insert(0, _TESTS)

from fixtures.graph import (  # noqa: E402
    CD274,
    MELANOMA,
    MOUSE,
    PDCD1,
    DemoGraph,
    demo_graph,
)

from kg.ids import edge_id  # noqa: E402
from kg.model import AgentType, Edge, KnowledgeLevel, Node, Qualifiers, Sign  # noqa: E402

DURVALUMAB = "MESH:C000613593"
MOUSE_CD274 = "NCBIGene:60533"
ODD = "irkg:odd_name"
INJECTION = "irkg:injection_name"
ODD_NAME = 'a\\b"c'
INJECTION_NAME = "x' OR 1=1 }) RETURN n //\" } UNION { ?s ?p ?o } #"
STORES = ("embedded", "sparql")


def _edge(subject: str, predicate: str, object: str, q: Qualifiers, **fields: object) -> Edge:
    return Edge(edge_id(subject, predicate, object, q), subject, predicate, object, q, **fields)


def query_graph() -> DemoGraph:
    g = demo_graph()
    nodes = (
        Node(DURVALUMAB, "biolink:Drug", "durvalumab", ("Imfinzi", "MEDI4736")),
        Node(MOUSE_CD274, "biolink:Gene", "Cd274", ("PD-L1", "B7h1"), MOUSE),
        Node(ODD, "biolink:ChemicalEntity", ODD_NAME, ("back\\slash",)),
        Node(INJECTION, "biolink:ChemicalEntity", INJECTION_NAME),
    )
    curated = {
        "knowledge_level": KnowledgeLevel.KNOWLEDGE_ASSERTION,
        "agent_type": AgentType.MANUAL_AGENT,
    }
    edges = (
        _edge(CD274, "biolink:affects", PDCD1, Qualifiers(sign=Sign.POSITIVE),
              sources=("ontology/pathway_chains.tsv",), publications=("PMID:11015443",),
              **curated),
        _edge(MELANOMA, "biolink:related_to", CD274, Qualifiers(),
              knowledge_level=KnowledgeLevel.STATISTICAL_ASSOCIATION,
              agent_type=AgentType.TEXT_MINING_AGENT, publications=("PMID:31000002",),
              evidence_count=1, paper_count=1, belief=0.2, npmi=0.11),
        _edge(DURVALUMAB, "biolink:treats_or_applied_or_studied_to_treat", MELANOMA,
              Qualifiers(), agent_type=AgentType.TEXT_MINING_AGENT,
              publications=("PMID:31000003",), evidence_count=1, paper_count=1, belief=0.4),
    )  # fmt: skip
    return DemoGraph(g.nodes + nodes, g.edges + edges, g.evidence)
