"""ontology/irkg.ttl and shapes.ttl agree with schema.yaml, kg.model and the RDF mapping."""

from importlib import resources

import pytest
import rdflib
from rdflib.collection import Collection

from kg.ids import expand
from kg.loaders.rdf import BIOLINK, EDGE_TERMS, EVIDENCE_TERMS, NODE_TERMS, VOCAB, label_classes
from kg.model import AgentType, KnowledgeLevel
from kg.schema import load_schema

IRKGV = rdflib.Namespace(VOCAB)
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
BL = rdflib.Namespace(BIOLINK)


def _graph(name):
    text = resources.files("kg.ontology").joinpath(name).read_text(encoding="utf-8")
    return rdflib.Graph().parse(data=text, format="turtle")


@pytest.fixture(scope="module")
def onto():
    return _graph("irkg.ttl")


@pytest.fixture(scope="module")
def shapes():
    return _graph("shapes.ttl")


def test_every_label_maps_to_its_biolink_class(onto):
    schema = load_schema()
    declared = {str(o): str(s) for s, o in onto.subject_objects(IRKGV.neo4jLabel)}
    expected = {schema.root_label: BIOLINK + "NamedThing", "Evidence": VOCAB + "Evidence"}
    for category in schema.categories.values():
        expected[category.labels[-1]] = expand(category.curie)
    assert declared == expected
    assert {k: v for k, v in declared.items() if k != "Evidence"} == label_classes()
    drug = rdflib.URIRef(expand("biolink:Drug"))
    assert (drug, rdflib.RDFS.subClassOf, BL.ChemicalEntity) in onto


def test_every_predicate_maps_to_its_relationship_type(onto):
    schema = load_schema()
    declared = {str(s): str(o) for s, o in onto.subject_objects(IRKGV.relationshipType)}
    assert declared == {expand(p.curie): p.type for p in schema.predicates.values()}


@pytest.mark.parametrize(
    ("terms", "domain"),
    [
        (NODE_TERMS, BIOLINK + "NamedThing"),
        (EDGE_TERMS, BIOLINK + "Association"),
        (EVIDENCE_TERMS, VOCAB + "Evidence"),
    ],
)
def test_every_rdf_property_is_declared_with_its_column_and_domain(onto, terms, domain):
    for column, term in terms.items():
        subject = rdflib.URIRef(term.iri)
        assert (subject, IRKGV.column, rdflib.Literal(column)) in onto, term.iri
        if column != "taxon":  # in_taxon is also a predicate, with its own domain
            assert (subject, rdflib.RDFS.domain, rdflib.URIRef(domain)) in onto, term.iri


def _in_list(shapes, path):
    for prop in shapes.objects(None, SH.property):
        if (prop, SH.path, path) in shapes:
            for values in shapes.objects(prop, SH["in"]):
                return {
                    str(v) if isinstance(v, rdflib.URIRef) else v.toPython()
                    for v in Collection(shapes, values)
                }
    raise AssertionError(f"no sh:in for {path}")


def test_the_shapes_closed_lists_agree_with_schema_and_model(shapes):
    schema = load_schema()
    assert _in_list(shapes, BL.category) == {expand(c) for c in schema.categories}
    assert _in_list(shapes, rdflib.RDF.predicate) == {expand(p) for p in schema.predicates}
    assert _in_list(shapes, BL.knowledge_level) == {k.value for k in KnowledgeLevel}
    assert _in_list(shapes, BL.agent_type) == {a.value for a in AgentType}
