"""RDF export: three serialisations of the same triples, SHACL-valid, nothing lost."""

from importlib import resources

import pyoxigraph
import pytest
import rdflib

from kg.ids import expand
from kg.loaders import export_rdf
from kg.loaders.rdf import (
    BIOLINK,
    EDGE_TERMS,
    EVIDENCE_TERMS,
    GRAPH_IRI,
    NODE_TERMS,
    RDF,
    VOCAB,
    edge_iri,
    iri,
    ntriples,
)


@pytest.fixture(scope="module")
def exports(demo_tables, tmp_path_factory):
    folder = tmp_path_factory.mktemp("rdf")
    paths = {fmt: folder / f"graph.{fmt}" for fmt in ("turtle", "ntriples", "nquads")}
    for fmt, path in paths.items():
        export_rdf(demo_tables, path, format=fmt)
    return paths


def _triples(path, fmt):
    parsed = list(pyoxigraph.parse(path=str(path), format=fmt))
    triples = {(q.subject, q.predicate, q.object) for q in parsed}
    return triples, {q.graph_name for q in parsed if q.graph_name != pyoxigraph.DefaultGraph()}


def test_turtle_ntriples_and_nquads_hold_the_same_triples(exports):
    nt, _ = _triples(exports["ntriples"], pyoxigraph.RdfFormat.N_TRIPLES)
    ttl, _ = _triples(exports["turtle"], pyoxigraph.RdfFormat.TURTLE)
    nq, graphs = _triples(exports["nquads"], pyoxigraph.RdfFormat.N_QUADS)
    assert nt == ttl == nq and len(nt) > 800
    assert graphs == {pyoxigraph.NamedNode(GRAPH_IRI)}
    rdflib_graph = rdflib.Graph().parse(exports["turtle"], format="turtle")  # plain RDF 1.1
    assert len(rdflib_graph) == len(nt)


def test_the_export_passes_the_shacl_shapes(exports):
    import pyshacl

    shapes = rdflib.Graph().parse(
        data=resources.files("kg.ontology").joinpath("shapes.ttl").read_text(), format="turtle"
    )
    data = rdflib.Graph().parse(exports["turtle"], format="turtle")
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes)
    assert conforms, text


def test_the_shapes_catch_a_broken_edge(exports):
    import pyshacl

    shapes = rdflib.Graph().parse(
        data=resources.files("kg.ontology").joinpath("shapes.ttl").read_text(), format="turtle"
    )
    data = rdflib.Graph().parse(exports["turtle"], format="turtle")
    edge = next(data.subjects(rdflib.RDF.type, rdflib.URIRef(BIOLINK + "Association")))
    data.set((edge, rdflib.URIRef(VOCAB + "sign"), rdflib.Literal(2)))
    data.remove((edge, rdflib.URIRef(VOCAB + "belief"), None))
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes)
    assert not conforms
    assert "sign" in text and "belief" in text


def test_every_edge_property_and_evidence_row_is_in_the_rdf(demo):
    from kg.loaders.oxigraph_store import term_value
    from kg.loaders.properties import edge_props, evidence_props

    store = pyoxigraph.Store()
    store.bulk_load(
        "".join(ntriples(demo.nodes, demo.edges, demo.evidence)).encode(),
        pyoxigraph.RdfFormat.N_TRIPLES,
    )

    def values(subject, prop_iri):
        quads = store.quads_for_pattern(
            pyoxigraph.NamedNode(subject), pyoxigraph.NamedNode(prop_iri), None
        )
        return sorted(term_value(q.object) for q in quads)

    for edge in demo.edges:
        for name, value in edge_props(edge).items():
            if name == "predicate":
                assert values(edge_iri(edge.id), RDF + "predicate") == [expand(value)]
                continue
            term = EDGE_TERMS[name]
            expected = value if isinstance(value, list) else [value]
            if term.is_iri:
                expected = [iri(v) for v in expected]
            assert values(edge_iri(edge.id), term.iri) == sorted(expected), (edge.id, name)
    for ev in demo.evidence:
        subject = f"https://w3id.org/irkg/evidence/{ev.id}"
        for name, value in evidence_props(ev).items():
            expected = value if isinstance(value, list) else [value]
            assert values(subject, EVIDENCE_TERMS[name].iri) == sorted(expected), (ev.id, name)
        assert values(subject, VOCAB + "evidence_for") == [edge_iri(ev.edge_id)]
    for node in demo.nodes:
        assert values(iri(node.id), NODE_TERMS["name"].iri) == [node.name]


def test_iris_come_from_the_prefix_map_and_forbidden_characters_are_encoded():
    assert iri("NCBIGene:340061") == "https://identifiers.org/ncbigene:340061"
    assert iri("MESH:C584311") == "http://id.nlm.nih.gov/mesh/C584311"
    assert iri("irkg:FLASH radiotherapy<x>") == "https://w3id.org/irkg/FLASH%20radiotherapy%3Cx%3E"
    pyoxigraph.NamedNode(iri('irkg:a b"c{d}|e^f`g\\h'))  # a valid IRI
