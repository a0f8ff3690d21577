"""User input reaches queries only as parameters: quotes, backslashes and Unicode are plain
values on both engines, and an injection attempt is just a name that matches nothing (or the
one entity that bears it)."""

import pytest
from fixtures.graph import CGAMP, CROHN, IFNB1
from query_graph import INJECTION, INJECTION_NAME, ODD, ODD_NAME

from kg.errors import QueryError
from kg.query.paths import find_paths
from kg.query.resolve import EntityNotFound, resolve_entity
from kg.query.run import run_query, run_text

ATTEMPTS = [
    "x' OR 1=1 //",
    'x"}) MATCH (n) DETACH DELETE n //',
    "') RETURN 1 UNION MATCH (n) RETURN n.id AS id //",
    '" . } UNION { ?s ?p ?o } #',
    'x\\" } ; DROP ALL',
    "\\u0022) } #",
]


@pytest.mark.parametrize(
    ("text", "curie"),
    [("3',5'-cGAMP", CGAMP), ("Crohn's disease", CROHN), ("IFN-β", IFNB1), (ODD_NAME, ODD),
     ("back\\slash", ODD), (INJECTION_NAME, INJECTION)],
)  # fmt: skip
def test_awkward_names_are_plain_values(store, text, curie):
    rows = run_query(store, "find_entity", {"text": text}).rows
    assert [r["id"] for r in rows] == [curie]
    assert resolve_entity(store, text).id == curie


@pytest.mark.parametrize("attempt", ATTEMPTS)
def test_an_injection_attempt_matches_nothing_and_changes_nothing(store, attempt, graph):
    assert run_query(store, "find_entity", {"text": attempt}).rows == ()
    with pytest.raises(EntityNotFound):
        run_query(store, "neighbours", {"entity": attempt})
    stats = {(r["kind"], r["type"]): r["count"] for r in run_query(store, "graph_stats").rows}
    assert stats[("nodes", "NamedThing")] == len(graph.nodes)  # nothing was deleted


def test_ad_hoc_parameters_are_values_too(open_stores):
    cypher = "MATCH (n:NamedThing) WHERE n.name = $name RETURN n.id AS id"
    sparql = "SELECT ?name ?id WHERE { ?n biolink:name ?name ; biolink:id ?id }"
    for name, curie in ((ODD_NAME, ODD), (INJECTION_NAME, INJECTION), ("3',5'-cGAMP", CGAMP)):
        assert run_text(open_stores["embedded"], cypher, {"name": name}).rows == ({"id": curie},)
        rows = run_text(open_stores["sparql"], sparql, {"name": name}).rows
        assert [r["id"] for r in rows] == [curie]
    with pytest.raises(QueryError, match="not a parameter name"):
        run_text(open_stores["embedded"], cypher, {"name) RETURN 1 //": "x"})


def test_paths_take_awkward_names(store):
    search = find_paths(store, "3',5'-cGAMP", "cGAS-STING")
    assert search.source.id == CGAMP and search.paths
