"""The same facts come out of every store: FalkorDB (Cypher) and Oxigraph (SPARQL) vs the tables."""

from collections import Counter

import pyoxigraph
import pytest
from fixtures.graph import MC38, PATHWAY, PEMBROLIZUMAB, SBRT, STING1

from kg.loaders import open_rdf_store, open_store, sparql_select
from kg.loaders.rdf import iri, label_classes
from kg.schema import load_schema

SPARQL_PREFIXES = """PREFIX biolink: <https://w3id.org/biolink/vocab/>
PREFIX irkgv: <https://w3id.org/irkg/vocab#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""

# question -> (Cypher, SPARQL, parameters); both return the same columns.
QUESTIONS = {
    "targets of a drug": (
        "MATCH (d:Drug {name: $drug})-[r:DIRECTLY_PHYSICALLY_INTERACTS_WITH]->(t:NamedThing) "
        "RETURN t.id AS target, t.name AS name, r.action AS action",
        "SELECT ?target ?name ?action WHERE { ?d a biolink:Drug ; biolink:name ?drug . "
        "?e rdf:subject ?d ; rdf:predicate biolink:directly_physically_interacts_with ; "
        "rdf:object ?t . OPTIONAL { ?e irkgv:action ?action } "
        "?t biolink:id ?target ; biolink:name ?name }",
        {"drug": "pembrolizumab"},
    ),
    "members of a pathway": (
        "MATCH (m:NamedThing)-[:PARTICIPATES_IN]->(p:Pathway {id: $pathway}) "
        "RETURN m.id AS member, m.name AS name",
        "SELECT ?member ?name WHERE { ?p biolink:id ?pathway . "
        "?m biolink:participates_in ?p ; biolink:id ?member ; biolink:name ?name }",
        {"pathway": PATHWAY},
    ),
    "ordered signed steps of a pathway": (
        "MATCH (a:NamedThing)-[r:AFFECTS]->(b:NamedThing) WHERE r.pathway = $pathway "
        "RETURN r.step AS step, a.name AS source, b.name AS target, r.sign AS sign",
        "SELECT ?step ?source ?target ?sign WHERE { ?p biolink:id ?pathway . "
        "?e irkgv:pathway ?p ; irkgv:step ?step ; irkgv:sign ?sign ; rdf:subject ?a ; "
        "rdf:object ?b . ?a biolink:name ?source . ?b biolink:name ?target }",
        {"pathway": PATHWAY},
    ),
    "evidence of an edge": (
        "MATCH (e:Evidence {edge_id: $edge}) RETURN e.pmid AS pmid, e.section AS section, "
        "e.sentence AS sentence, e.hedged AS hedged",
        "SELECT ?pmid ?section ?sentence ?hedged WHERE { ?ev irkgv:edge_id ?edge ; "
        "irkgv:pmid ?pmid ; irkgv:section ?section ; irkgv:sentence ?sentence ; "
        "irkgv:hedged ?hedged }",
        {"edge": None},  # filled from the demo graph below
    ),
    "properties of an edge": (
        "MATCH ()-[r:AFFECTS {id: $edge}]->() RETURN r.belief AS belief, "
        "r.best_sentence AS best, r.paper_count AS papers, r.regimen AS regimen",
        "SELECT ?belief ?best ?papers ?regimen WHERE { ?e biolink:id ?edge ; irkgv:belief ?belief ;"
        " irkgv:best_sentence ?best ; irkgv:paper_count ?papers ; irkgv:regimen ?r . "
        "?r biolink:id ?regimen }",
        {"edge": None},
    ),
    "neighbours of a gene": (
        "MATCH (g:Gene {id: $gene})-[r]-(n:NamedThing) RETURN n.id AS neighbour, "
        "r.predicate AS predicate",
        "SELECT ?neighbour ?predicate WHERE { ?g biolink:id ?gene . "
        "{ ?e rdf:subject ?g ; rdf:object ?n } UNION { ?e rdf:object ?g ; rdf:subject ?n } "
        "?e rdf:predicate ?p . ?n biolink:id ?neighbour . "
        "BIND(REPLACE(STR(?p), '^.*/', 'biolink:') AS ?predicate) }",
        {"gene": STING1},
    ),
    "papers mentioning a cell line": (
        "MATCH (p:Publication)-[:MENTIONS]->(c:CellLine {name: $cell_line}) "
        "RETURN p.id AS paper, p.name AS title",
        "SELECT ?paper ?title WHERE { ?c a biolink:CellLine ; biolink:name ?cell_line . "
        "?p biolink:mentions ?c ; a biolink:Publication ; biolink:id ?paper ; "
        "biolink:name ?title }",
        {"cell_line": "MC38"},
    ),
}


def _normalised(rows):
    return sorted(tuple(sorted(row.items())) for row in rows)


@pytest.fixture(scope="module")
def answers(loaded_demo_build, demo):
    sbrt = demo.edge(SBRT, "biolink:affects", "NCBIGene:3456").id
    store = open_rdf_store(loaded_demo_build)
    out = {}
    with open_store(loaded_demo_build) as graph:
        for name, (cypher, sparql, params) in QUESTIONS.items():
            params = {k: (sbrt if v is None else v) for k, v in params.items()}
            out[name] = (
                _normalised(graph.query(cypher, params)),
                _normalised(sparql_select(store, SPARQL_PREFIXES + sparql, params)),
            )
    return out


@pytest.mark.parametrize("question", list(QUESTIONS))
def test_cypher_and_sparql_give_the_same_answer(answers, question):
    cypher_rows, sparql_rows = answers[question]
    assert cypher_rows, f"{question}: no rows"
    assert cypher_rows == sparql_rows


def test_the_answers_are_the_tables_answers(answers, demo):
    targets = answers["targets of a drug"][0]
    assert targets == [(("action", "antagonist"), ("name", "PDCD1"), ("target", "NCBIGene:5133"))]
    steps = sorted(
        (dict(r) for r in answers["ordered signed steps of a pathway"][0]), key=lambda s: s["step"]
    )
    assert [(s["step"], s["source"], s["target"], s["sign"]) for s in steps] == [
        (0, "CGAS", "3',5'-cGAMP", 1),
        (1, "3',5'-cGAMP", "STING1", 1),
        (2, "STING1", "TBK1", 1),
        (3, "TBK1", "IRF3", 1),
        (4, "IRF3", "IFNB1", 1),
    ]
    papers = {dict(r)["paper"] for r in answers["papers mentioning a cell line"][0]}
    assert papers == {
        e.subject for e in demo.edges if e.predicate == "biolink:mentions" and e.object == MC38
    }
    neighbours = Counter(dict(r)["neighbour"] for r in answers["neighbours of a gene"][0])
    expected = Counter(
        e.object if e.subject == STING1 else e.subject
        for e in demo.edges
        if STING1 in (e.subject, e.object)
    )
    assert neighbours == expected
    evidence = answers["evidence of an edge"][1]
    assert len(evidence) == 2 and {dict(r)["hedged"] for r in evidence} == {True, False}
    assert PEMBROLIZUMAB in {n.id for n in demo.nodes}


def test_counts_per_label_and_type_equal_the_tables(loaded_demo_build, demo):
    schema = load_schema()
    labels = Counter(label for n in demo.nodes for label in schema.labels(n.category))
    labels["Evidence"] = len(demo.evidence)
    types = Counter(schema.relationship_type(e.predicate) for e in demo.edges)
    with open_store(loaded_demo_build) as graph:
        assert graph.counts() == (dict(labels), dict(types))
    store = open_rdf_store(loaded_demo_build)
    by_class = {
        r["c"]: r["n"]
        for r in sparql_select(store, "SELECT ?c (COUNT(?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c")
    }
    classes = {**label_classes(), "Evidence": "https://w3id.org/irkg/vocab#Evidence"}
    assert {label: by_class[classes[label]] for label in labels} == dict(labels)
    by_predicate = {
        r["p"]: r["n"]
        for r in sparql_select(
            store,
            SPARQL_PREFIXES + "SELECT ?p (COUNT(?e) AS ?n) WHERE "
            "{ ?e a biolink:Association ; rdf:predicate ?p } GROUP BY ?p",
        )
    }
    assert {schema.predicate_for_type(t).curie: n for t, n in types.items()} == {
        f"biolink:{p.rsplit('/', 1)[1]}": n for p, n in by_predicate.items()
    }
    assert iri(STING1) in {
        q.subject.value
        for q in store.quads_for_pattern(pyoxigraph.NamedNode(iri(STING1)), None, None)
    }
