"""The on-disk Oxigraph store: bulk load, idempotent reload, swap-in, parameters as terms."""

from dataclasses import replace

import pytest

from kg.assemble.tables import write_tables
from kg.errors import QueryError
from kg.loaders import bind_values, load, open_rdf_store, sparql_select
from kg.loaders.oxigraph_store import STORE_DIR, stored_fingerprint

PREFIXES = """PREFIX biolink: <https://w3id.org/biolink/vocab/>
PREFIX irkgv: <https://w3id.org/irkg/vocab#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""
BY_NAME = PREFIXES + "SELECT ?id WHERE { ?n biolink:name ?name ; biolink:id ?id }"


def test_load_then_reload_is_a_no_op(fresh_build, demo):
    first = load(fresh_build, to="rdf")
    assert (first.nodes, first.edges, first.evidence) == (22, 32, 7)
    store = open_rdf_store(fresh_build)
    size = len(store)
    del store
    again = load(fresh_build, to="rdf")
    assert (again.nodes, again.edges, again.evidence) == (0, 0, 0)
    assert any("already holds" in note for note in again.notes)
    assert len(open_rdf_store(fresh_build)) == size
    assert not (fresh_build / f"{STORE_DIR}.loading").exists()


def test_a_new_build_replaces_the_store_and_a_failed_one_leaves_it(fresh_build, demo):
    load(fresh_build, to="rdf")
    fingerprint = stored_fingerprint(fresh_build / STORE_DIR)
    write_tables(fresh_build, demo.nodes, demo.edges[:5], ())
    load(fresh_build, to="rdf")
    store = open_rdf_store(fresh_build)
    edges = sparql_select(
        store, PREFIXES + "SELECT (COUNT(?e) AS ?n) WHERE { ?e a biolink:Association }"
    )
    assert edges == [{"n": 5}]
    assert stored_fingerprint(fresh_build / STORE_DIR) != fingerprint
    del store
    broken = replace(demo.evidence[0], edge_id="")  # refused while loading
    write_tables(fresh_build, demo.nodes, demo.edges, (broken,))
    with pytest.raises(ValueError, match="edge_id"):
        load(fresh_build, to="rdf")
    store = open_rdf_store(fresh_build)
    assert sparql_select(
        store, PREFIXES + "SELECT (COUNT(?e) AS ?n) WHERE { ?e a biolink:Association }"
    ) == [{"n": 5}]
    assert not (fresh_build / f"{STORE_DIR}.loading").exists()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Crohn's disease", "MESH:D003424"),
        ("3',5'-cGAMP", "MESH:C584311"),
        ("cGAS in Crohn's disease \\ a back-slashed title", "PMID:31000003"),
    ],
)
def test_names_with_quotes_and_backslashes_bind_as_literals(loaded_demo_build, name, expected):
    store = open_rdf_store(loaded_demo_build)
    assert sparql_select(store, BY_NAME, {"name": name}) == [{"id": expected}]


def test_a_hostile_value_stays_a_literal(loaded_demo_build):
    store = open_rdf_store(loaded_demo_build)
    hostile = '" } ?n ?p ?o . { "'
    assert sparql_select(store, BY_NAME, {"name": hostile}) == []
    assert '\\"' in bind_values(BY_NAME, {"name": hostile})
    with pytest.raises(QueryError, match="variable"):
        bind_values(BY_NAME, {"name) } #": "x"})


def test_typed_values_come_back_as_python_values(loaded_demo_build, demo):
    store = open_rdf_store(loaded_demo_build)
    rows = sparql_select(
        store,
        PREFIXES
        + "SELECT ?belief ?count ?hedged WHERE { ?e biolink:id ?id ; irkgv:belief ?belief ;"
        " irkgv:evidence_count ?count . ?ev irkgv:evidence_for ?e ; irkgv:hedged ?hedged }",
        {"id": demo.edge("irkg:SBRT", "biolink:affects", "NCBIGene:3456").id},
    )
    assert sorted(rows, key=lambda r: r["hedged"]) == [
        {"belief": 0.86, "count": 2, "hedged": False},
        {"belief": 0.86, "count": 2, "hedged": True},
    ]
    steps = sparql_select(
        store, PREFIXES + "SELECT ?step WHERE { ?e irkgv:step ?step } ORDER BY ?step"
    )
    assert [r["step"] for r in steps] == [0, 1, 2, 3, 4]
