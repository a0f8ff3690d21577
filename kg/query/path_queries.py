"""The texts of the questions the path search asks a store, in Cypher and in SPARQL.

Each question comes in both languages and answers alike (``kg.query.path_engines`` runs them):

``handles``    the store's handle of each entity: FalkorDB's internal node id (``internal``),
               the node's IRI on Oxigraph, the ``id`` property itself on Neo4j;
``members``    a pathway's members (PARTICIPATES_IN) with their handles, nothing else;
``level``      for a batch of nodes, each node's distinct neighbours over a tier's types, in
               either direction, collected into one list per node on the server;
``degree``     for a batch of nodes, each node's number of edges of a tier's types (a count: the
               search grows the side with fewer edges to read);
``edges``      every edge of a tier's types between given pairs of nodes, either way, with what
               the ranking and the output need (SPARQL: first the edge resources between the
               pairs, ``statements``, read from each pair's end with fewer edges, then their
               properties);
``positions``  the place of given members in the pathway's curated chain.

Why a level asks for neighbour *nodes*, not edges: a level of a 1M-edge graph meets thousands
of edges, and what costs is each row read back (FalkorDB materialising the edge, the client
parsing a row; Oxigraph making Python terms of every solution). One row per frontier node with
its neighbours as a list (``collect``, ``GROUP_CONCAT``) costs a fraction: on the synthetic 1M
build a level of ~10,000 edges went from 57 to 11 ms on FalkorDB and from 1.4 s to 30 ms on
Oxigraph. The edges themselves are asked for only between the nodes of the paths found.

Values always travel as parameters: Cypher ``$ids``, ``$pairs``, ``$pathway``; SPARQL ``VALUES``
blocks of terms serialised by pyoxigraph (a value is always exactly one literal or one IRI).
Relationship types and predicate IRIs come from the closed schema (``walk_types``).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from kg.query.path_types import MEMBERSHIP, walk_types

PREFIXES = (
    "PREFIX biolink: <https://w3id.org/biolink/vocab/>\n"
    "PREFIX irkgv: <https://w3id.org/irkg/vocab#>\n"
    "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"
)

# --------------------------------------------------------------------------- Cypher
# On FalkorDB the search walks the internal node ids (``internal``): a node is found by an id
# seek instead of the ``id`` index, and lists carry integers instead of CURIE strings. Neo4j
# has no stable internal id to rely on, so it walks the ``id`` property.
_SEEK = {False: "MATCH ({n}:NamedThing {{id: {h}}})", True: "MATCH ({n}) WHERE id({n}) = {h}"}
_HANDLE = {False: "{n}.id", True: "id({n})"}


def _seek(node: str, handle: str, internal: bool) -> str:
    return _SEEK[internal].format(n=node, h=handle)


def _handle(node: str, internal: bool) -> str:
    return _HANDLE[internal].format(n=node)


def cypher_handles_query() -> str:
    """The internal id of each entity (FalkorDB)."""
    return "UNWIND $ids AS h\nMATCH (n:NamedThing {id: h})\nRETURN h AS id, id(n) AS handle"


def cypher_members_query(*, internal: bool = False) -> str:
    return (
        f"MATCH (:NamedThing {{id: $pathway}})<-[:{MEMBERSHIP}]-(m:NamedThing)\n"
        f"RETURN DISTINCT m.id AS id, {_handle('m', internal)} AS handle"
    )


@cache
def cypher_level_query(tier: str = "association", *, internal: bool = False) -> str:
    return (
        f"UNWIND $ids AS h\n{_seek('n', 'h', internal)}\n"
        "MATCH (n)-[:" + "|".join(walk_types(tier)) + "]-(m:NamedThing)\n"
        f"RETURN h AS node, collect(DISTINCT {_handle('m', internal)}) AS others"
    )


@cache
def cypher_degree_query(tier: str = "association", *, internal: bool = False) -> str:
    """Each node's number of edges of the tier's types, counted on the server. FalkorDB keeps
    per-type degrees (``indegree``/``outdegree``: ~0.5 ms for 190 nodes, where matching and
    counting the edges takes ~1.5 ms); Neo4j counts the matched edges."""
    types = walk_types(tier)
    if internal:
        listed = ", ".join(f"'{t}'" for t in types)  # schema identifiers (checked), not values
        return (
            f"UNWIND $ids AS h\n{_seek('n', 'h', internal)}\n"
            f"RETURN h AS node, indegree(n, {listed}) + outdegree(n, {listed}) AS degree"
        )
    return (
        f"UNWIND $ids AS h\n{_seek('n', 'h', internal)}\n"
        "MATCH (n)-[:" + "|".join(types) + "]-(m)\n"
        "RETURN h AS node, count(m) AS degree"
    )


@cache
def cypher_edges_query(tier: str = "association", *, internal: bool = False) -> str:
    """The edges from ``p[0]`` to ``p[1]`` for each pair in ``$pairs`` (handles). Both ends are
    found first, so FalkorDB checks the pair (``Expand Into``) instead of walking every edge of
    the first node (a hub has thousands)."""
    return (
        "UNWIND $pairs AS p\nWITH p[0] AS a, p[1] AS b\n"
        f"{_seek('n', 'a', internal)}\nWITH n, a, b\n"
        f"{_seek('m', 'b', internal)}\nWITH n, m, a, b\n"
        "MATCH (n)-[r:" + "|".join(walk_types(tier)) + "]->(m)\n"
        "RETURN r.id AS id, type(r) AS type, n.id AS subject, m.id AS object,\n"
        "       a AS subject_handle, b AS object_handle,\n"
        "       r.sign AS sign, r.belief AS belief, r.paper_count AS papers,\n"
        "       r.best_sentence AS sentence, r.primary_source AS source,\n"
        "       r.sources AS sources, r.publications AS publications,\n"
        "       n.name AS subject_name, n.category AS subject_category,\n"
        "       m.name AS object_name, m.category AS object_category"
    )


def cypher_positions_query(*, internal: bool = False) -> str:
    """``position`` as ``queries/pathway_members.cypher`` computes it, for the members whose
    handles are in ``$ids`` only (the canned query works it out for every member: ~20 ms at
    1M edges)."""
    return (
        f"UNWIND $ids AS h\n{_seek('m', 'h', internal)}\n"
        "OPTIONAL MATCH (m)-[a]->(:NamedThing)\nWHERE a.pathway = $pathway\n"
        "WITH h, m, min(a.step) AS as_subject\n"
        "OPTIONAL MATCH (:NamedThing)-[b]->(m)\nWHERE b.pathway = $pathway\n"
        "WITH h, as_subject, min(b.step) + 1 AS as_object\n"
        "RETURN h AS handle,\n"
        "       CASE\n"
        "         WHEN as_subject IS NULL THEN as_object\n"
        "         WHEN as_object IS NULL OR as_subject < as_object THEN as_subject\n"
        "         ELSE as_object\n"
        "       END AS position"
    )


# --------------------------------------------------------------------------- SPARQL
# Nodes are walked by IRI: the plain triple ``<s> <predicate> <o>`` each edge also asserts
# (``kg.loaders.rdf``) joins two nodes in one index lookup, where the edge resource takes three.


@cache
def _predicate_iris(tier: str) -> tuple[str, ...]:
    from kg.ids import expand
    from kg.schema import load_schema

    schema = load_schema()
    return tuple(f"<{expand(schema.predicate_for_type(t).curie)}>" for t in walk_types(tier))


def _literals(values: Sequence[str]) -> str:
    """A VALUES row list of literals serialised by pyoxigraph (one literal per value, always)."""
    import pyoxigraph

    return " ".join(str(pyoxigraph.Literal(v)) for v in values)


def _iris(values: Sequence[str]) -> str:
    """A VALUES row list of IRIs (handles the store gave back) serialised by pyoxigraph."""
    import pyoxigraph

    return " ".join(str(pyoxigraph.NamedNode(v)) for v in values)


def sparql_handles_query(ids: Sequence[str]) -> str:
    return PREFIXES + (
        "SELECT ?id ?handle WHERE {\n"
        f"  VALUES ?id {{ {_literals(ids)} }}\n"
        "  ?handle biolink:id ?id ; a biolink:NamedThing .\n"
        "}"
    )


def sparql_members_query(pathway: str) -> str:
    """Only nodes participate in a pathway (``kg.loaders.rdf`` types every node a
    ``biolink:NamedThing``), so the members' types are not looked up (~1.5 ms a pathway)."""
    return PREFIXES + (
        "SELECT DISTINCT ?id ?handle WHERE {\n"
        f"  VALUES ?pathway {{ {_literals([pathway])} }}\n"
        "  ?pw biolink:id ?pathway ; a biolink:NamedThing .\n"
        "  ?handle biolink:participates_in ?pw ; biolink:id ?id .\n"
        "}"
    )


def _union(tier: str, node: str, other: str) -> str:
    """One triple pattern per walked predicate and direction between ``node`` and ``other``:
    Oxigraph answers each from one index, where ``?n ?p ?m`` with a filter read every triple of
    a node (its mentions and edge resources too)."""
    preds = _predicate_iris(tier)
    return "\n  UNION ".join(
        [f"{{ {node} {p} {other} }}" for p in preds] + [f"{{ {other} {p} {node} }}" for p in preds]
    )


def sparql_level_query(handles: Sequence[str], tier: str = "association") -> str:
    """One level: each node's distinct neighbours, concatenated (IRIs hold no spaces)."""
    return (
        "SELECT ?node (GROUP_CONCAT(DISTINCT STR(?m)) AS ?others) WHERE {\n"
        f"  VALUES ?node {{ {_iris(handles)} }}\n"
        f"  {_union(tier, '?node', '?m')}\n"
        "} GROUP BY ?node"
    )


def sparql_degree_query(handles: Sequence[str], tier: str = "association") -> str:
    """Each node's number of edges of the tier's types (counted inside Oxigraph, ~1 µs an
    edge, where reading a neighbour back costs a few)."""
    return (
        "SELECT ?node (COUNT(?m) AS ?degree) WHERE {\n"
        f"  VALUES ?node {{ {_iris(handles)} }}\n"
        f"  {_union(tier, '?node', '?m')}\n"
        "} GROUP BY ?node"
    )


def sparql_statements_query(ends: dict[str, Sequence[str]]) -> str:
    """The edge resources between each node of ``ends`` and the nodes it maps to, either way.

    Oxigraph follows the written order: a block reads the statements of its first node, then
    checks each against the others, so ``ends`` should start each pair from its end with fewer
    edges (a hub has thousands; starting there costs ~30 ms a pair, against ~0.3 ms). A VALUES
    block of pairs is not used: Oxigraph joins it after matching the patterns, reading every
    statement of the graph.
    """
    blocks = []
    for node, others in ends.items():
        n, listed = _iris([node]), ", ".join(_iris([o]) for o in others)
        blocks.append(
            f"{{ ?e rdf:subject {n} ; rdf:object ?o . FILTER(?o IN ({listed})) BIND({n} AS ?s) }}"
        )
        blocks.append(
            f"{{ ?e rdf:object {n} ; rdf:subject ?s . FILTER(?s IN ({listed})) BIND({n} AS ?o) }}"
        )
    return PREFIXES + "SELECT DISTINCT ?e WHERE {\n  " + "\n  UNION ".join(blocks) + "\n}"


def sparql_edges_query(edges: Sequence[str], tier: str = "association") -> str:
    """What the ranking and the output need of each edge resource (of the tier's types)."""
    return PREFIXES + (
        "SELECT ?id ?p ?subject ?object ?subject_handle ?object_handle ?sign ?belief ?papers\n"
        "       ?sentence ?source ?sources ?publications\n"
        "       ?subject_name ?subject_category ?object_name ?object_category WHERE {\n"
        f"  VALUES ?e {{ {_iris(edges)} }}\n"
        "  ?e rdf:predicate ?p ; rdf:subject ?subject_handle ; rdf:object ?object_handle ;\n"
        "     a biolink:Association ; biolink:id ?id .\n"
        f"  FILTER(?p IN ({', '.join(_predicate_iris(tier))}))\n"
        "  ?subject_handle biolink:id ?subject . ?object_handle biolink:id ?object .\n"
        "  OPTIONAL { ?subject_handle biolink:name ?subject_name }\n"
        "  OPTIONAL { ?object_handle biolink:name ?object_name }\n"
        "  OPTIONAL { ?subject_handle biolink:category ?sc }\n"
        "  OPTIONAL { ?object_handle biolink:category ?oc }\n"
        "  BIND(CONCAT('biolink:', STRAFTER(STR(?sc), STR(biolink:))) AS ?subject_category)\n"
        "  BIND(CONCAT('biolink:', STRAFTER(STR(?oc), STR(biolink:))) AS ?object_category)\n"
        "  OPTIONAL { ?e irkgv:sign ?sign }\n"
        "  OPTIONAL { ?e irkgv:belief ?belief }\n"
        "  OPTIONAL { ?e irkgv:paper_count ?papers }\n"
        "  OPTIONAL { ?e irkgv:best_sentence ?sentence }\n"
        "  OPTIONAL { ?e biolink:primary_knowledge_source ?source }\n"
        "  OPTIONAL { ?e irkgv:sources ?sources }\n"
        "  OPTIONAL { ?e biolink:publications ?publications }\n"
        "}"
    )


def sparql_positions_query(pathway: str, handles: Sequence[str]) -> str:
    """``position`` as ``queries/pathway_members.rq`` computes it, for the members ``handles``."""
    return PREFIXES + (
        "SELECT ?handle (MIN(?here) AS ?position) WHERE {\n"
        f"  VALUES ?pathway {{ {_literals([pathway])} }}\n"
        f"  VALUES ?handle {{ {_iris(handles)} }}\n"
        "  ?pw biolink:id ?pathway ; a biolink:NamedThing .\n"
        "  OPTIONAL { ?a irkgv:pathway ?pw ; rdf:subject ?handle ; irkgv:step ?as_subject }\n"
        "  OPTIONAL { ?b irkgv:pathway ?pw ; rdf:object ?handle ; irkgv:step ?b_step }\n"
        "  BIND(?b_step + 1 AS ?as_object)\n"
        "  BIND(IF(BOUND(?as_subject) && (!BOUND(?as_object) || ?as_subject < ?as_object),\n"
        "          ?as_subject, ?as_object) AS ?here)\n"
        "} GROUP BY ?handle"
    )


def as_list(value: Any) -> list[Any]:
    """A level row's neighbours as a list: Cypher gives a list, SPARQL a space-joined string."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return value.split(" ")
    return list(value)
