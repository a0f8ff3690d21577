"""Every canned query on both engines: non-empty answers on the demo graph, and the same ones.

Expected values are computed from the graph's records (tests/query/conftest.py), never typed in.
"""

from collections import Counter

import pytest
from fixtures.graph import CD274, MELANOMA, PATHWAY, PEMBROLIZUMAB, SBRT, TBK1
from query_graph import DURVALUMAB, STORES

from kg.model import Sign
from kg.queries import list_queries
from kg.query.run import run_query
from kg.schema import load_schema


def _normalised(rows):
    """Order-free comparison; floats rounded (FalkorDB and Oxigraph print doubles alike, but
    a product may differ in the last bit)."""

    def value(v):
        return round(v, 9) if isinstance(v, float) else v

    return sorted(repr({k: value(v) for k, v in row.items()}) for row in rows)


def _examples(query):
    return {p.name: p.example for p in query.params}


@pytest.mark.parametrize("name", sorted(list_queries()))
def test_each_canned_query_answers_alike_on_both_engines(name, open_stores):
    query = list_queries()[name]
    answers = {
        kind: run_query(open_stores[kind], name, _examples(query), resolve=False) for kind in STORES
    }
    for kind, result in answers.items():
        assert result.rows, f"{name} returned nothing on {kind}"
        assert list(result.columns) == [c.name for c in query.columns]
    assert _normalised(answers["embedded"].rows) == _normalised(answers["sparql"].rows)


def test_pathway_steps_come_in_order_with_their_signs(store, graph):
    rows = run_query(store, "pathway_steps", {"pathway": PATHWAY}).rows
    chain = sorted(
        (e for e in graph.edges if e.qualifiers.pathway == PATHWAY),
        key=lambda e: e.qualifiers.step,
    )
    assert [(r["step"], r["subject_id"], r["object_id"], r["sign"]) for r in rows] == [
        (e.qualifiers.step, e.subject, e.object, int(e.qualifiers.sign)) for e in chain
    ]
    names = [r["subject_name"] for r in rows] + [rows[-1]["object_name"]]
    assert names == ["CGAS", "3',5'-cGAMP", "STING1", "TBK1", "IRF3", "IFNB1"]


def test_pathway_members_are_listed_in_chain_order(store, graph):
    rows = run_query(store, "pathway_members", {"pathway": "cGAS-STING"}).rows
    members = {e.subject for e in graph.edges if e.predicate == "biolink:participates_in"}
    assert {r["member_id"] for r in rows} == members
    assert [r["position"] for r in rows] == list(range(len(members)))


def test_drug_targets_and_the_diseases_they_are_studied_for(store, graph):
    rows = run_query(store, "drug_targets_pathways", {"drug": "Keytruda"}).rows
    targets = {
        (e.object, e.qualifiers.action)
        for e in graph.edges
        if e.subject == PEMBROLIZUMAB
        and e.predicate == "biolink:directly_physically_interacts_with"
    }
    assert {(r["target_id"], r["action"]) for r in rows} == targets
    treated = run_query(store, "disease_treatments", {"disease": "melanoma"}).rows
    assert [r["treatment_id"] for r in treated] == [PEMBROLIZUMAB, DURVALUMAB]  # by papers


def test_contradictions_pair_opposite_signs_from_different_papers(store, graph):
    rows = run_query(store, "contradictions").rows
    assert [(r["subject_id"], r["object_id"]) for r in rows] == [(TBK1, CD274)]
    up = graph.edge(TBK1, "biolink:affects", CD274, sign=Sign.POSITIVE)
    down = graph.edge(TBK1, "biolink:affects", CD274, sign=Sign.NEGATIVE)
    assert (rows[0]["positive_edge"], rows[0]["negative_edge"]) == (up.id, down.id)
    assert rows[0]["negative_sentence"] == down.best_sentence


def test_edge_evidence_returns_every_sentence_of_both_edges(store, graph):
    # "CD274" also names the mouse gene Cd274 when case is ignored: the exact case wins
    rows = run_query(store, "edge_evidence", {"subject": "TBK1", "object": "CD274"}).rows
    ids = {e.id for e in graph.edges if {e.subject, e.object} == {TBK1, CD274}}
    sentences = {ev.sentence for ev in graph.evidence if ev.edge_id in ids}
    assert {r["sentence"] for r in rows} == sentences
    assert {r["edge_id"] for r in rows} == ids


def test_graph_stats_count_what_was_loaded(store, graph):
    rows = run_query(store, "graph_stats").rows
    schema = load_schema()
    nodes = Counter(label for n in graph.nodes for label in schema.labels(n.category))
    edges = Counter(schema.relationship_type(e.predicate) for e in graph.edges)
    assert {r["type"]: r["count"] for r in rows if r["kind"] == "nodes"} == dict(nodes)
    assert {r["type"]: r["count"] for r in rows if r["kind"] == "edges"} == dict(edges)
    assert [r["count"] for r in rows if r["kind"] == "evidence"] == [len(graph.evidence)]


def test_radiotherapy_and_cell_line_questions(store):
    studied = run_query(store, "radiotherapy_studies", {"modality": "SBRT"}).rows
    assert [(r["entity_name"], r["papers"], r["edges"]) for r in studied] == [("IFNB1", 1, 1)]
    assert run_query(store, "radiotherapy_studies", {"modality": SBRT}).rows == studied
    lines = run_query(store, "drug_cell_lines", {"drug": "pembrolizumab"}).rows
    assert [(r["cell_line_name"], r["taxon"], r["papers"]) for r in lines] == [
        ("MC38", "NCBITaxon:10090", 1)
    ]
    genes = run_query(store, "top_mentioned", {"label": "gene"}).rows  # labels ignore case
    assert all(r["category"] == "biolink:Gene" for r in genes) and len(genes) == 4


def test_neighbours_leave_out_papers(store):
    rows = run_query(store, "neighbours", {"entity": MELANOMA}).rows
    assert rows and all(r["predicate"] != "MENTIONS" for r in rows)
    assert rows[0]["papers"] >= rows[-1]["papers"]


def test_a_store_without_the_graph_says_so(query_build):
    """No graph under the name: one clear StoreError (from the server's answer, so a query
    costs one round trip, not an existence check first)."""
    from kg.errors import StoreError
    from kg.loaders import open_store

    with open_store(query_build, graph="irkg_never_loaded") as store:
        with pytest.raises(StoreError, match="holds no graph"):
            store.select("MATCH (n) RETURN n LIMIT 1")
        assert not store.exists()
