"""The graph as RDF: Biolink terms, CURIEs expanded through the project's one prefix map.

Nodes are their own IRIs (``NCBIGene:340061`` -> ``https://identifiers.org/ncbigene:340061``),
typed with the Biolink class of every label they carry in the property graph (``Drug`` nodes are
``biolink:NamedThing``, ``biolink:ChemicalEntity`` and ``biolink:Drug``).

Edges are **reified**, not RDF-star: each edge is asserted as a plain triple
``<s> biolink:affects <o>`` *and* described by its own resource ``irkg:edge/<id>`` (a
``biolink:Association`` and ``rdf:Statement`` with ``rdf:subject/predicate/object``) that
carries every edge property. Evidence rows are ``irkgv:Evidence`` resources pointing at that
edge resource (``irkgv:evidence_for``). Why reification:

* irkg is a multigraph: two edges may share subject, predicate and object and differ only in
  qualifiers (the sign of TBK1 -> PD-L1 in two papers, a pathway step). An RDF-star/RDF 1.2
  triple term ``<< s p o >>`` names the *triple*, so their properties would merge; an edge IRI
  keeps them apart.
* Plain RDF 1.1 loads everywhere: rdflib and pyshacl (which cannot parse triple terms),
  every triple store, N-Triples/N-Quads/Turtle 1.1 readers. Biolink's own RDF (KGX) reifies
  associations the same way, with ``rdf:subject``/``rdf:predicate``/``rdf:object``.
* SPARQL stays simple: ``?e rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
  irkgv:belief ?b`` and ``?ev irkgv:evidence_for ?e``.

Triples are produced as N-Triples lines (fast to generate, streamed straight into Oxigraph's
bulk loader); Turtle is written by parsing that stream with pyoxigraph and serialising with the
project's prefixes. IRI characters that RDF forbids (space, ``<>"{}|^`\\``, controls) are
percent-encoded in the local part.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from kg.ids import expand, prefix_map
from kg.loaders.properties import (
    BOOLEAN,
    DOUBLE,
    EDGE_PROPS,
    EVIDENCE_PROPS,
    LONG,
    NODE_PROPS,
    Prop,
    edge_props,
    evidence_props,
    node_props,
)
from kg.model import Edge, Evidence, Node
from kg.schema import Schema, load_schema

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"
SH = "http://www.w3.org/ns/shacl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
BIOLINK = prefix_map()["biolink"]
IRKG = prefix_map()["irkg"]
VOCAB = prefix_map()["irkgv"]
GRAPH_IRI = IRKG + "graph"
META_GRAPH_IRI = IRKG + "meta"

EXTRA_PREFIXES = {"rdf": RDF, "rdfs": RDFS, "xsd": XSD, "owl": OWL, "sh": SH, "skos": SKOS}

_DATATYPE = {LONG: XSD + "integer", DOUBLE: XSD + "double", BOOLEAN: XSD + "boolean"}
_UNSAFE_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\\x7f]')


@dataclass(frozen=True)
class Term:
    """How one stored property becomes RDF: its predicate IRI, and IRI- or literal-valued."""

    prop: Prop
    iri: str
    is_iri: bool = False


def _terms(props: tuple[Prop, ...], names: dict[str, str], iri_valued: set[str]) -> dict[str, Term]:
    return {p.name: Term(p, names.get(p.name, VOCAB + p.name), p.name in iri_valued) for p in props}


# Biolink slots where Biolink has one; irkg's own vocabulary (irkgv:) for the rest.
NODE_TERMS = _terms(
    NODE_PROPS,
    {
        "name": BIOLINK + "name",
        "category": BIOLINK + "category",
        "synonyms": BIOLINK + "synonym",
        "taxon": BIOLINK + "in_taxon",
        "xrefs": BIOLINK + "xref",
        "sources": BIOLINK + "provided_by",
        "description": BIOLINK + "description",
    },
    {"category", "taxon"},
)
EDGE_TERMS = _terms(
    tuple(p for p in EDGE_PROPS if p.name != "predicate"),  # rdf:predicate carries it
    {
        "direction": BIOLINK + "object_direction_qualifier",
        "knowledge_level": BIOLINK + "knowledge_level",
        "agent_type": BIOLINK + "agent_type",
        "primary_source": BIOLINK + "primary_knowledge_source",
        "publications": BIOLINK + "publications",
    },
    {"pathway", "regimen"},
)
EVIDENCE_TERMS = _terms(EVIDENCE_PROPS, {}, set())
ID = BIOLINK + "id"
ASSOCIATION = BIOLINK + "Association"
EVIDENCE_CLASS = VOCAB + "Evidence"
EVIDENCE_FOR = VOCAB + "evidence_for"
TYPE = RDF + "type"


def iri(curie: str) -> str:
    """CURIE -> IRI through the prefix map, with RDF-forbidden characters percent-encoded."""
    return _UNSAFE_IRI.sub(
        lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), expand(curie)
    )


def edge_iri(edge_id: str) -> str:
    return f"{IRKG}edge/{edge_id}"


def evidence_iri(evidence_id: str) -> str:
    return f"{IRKG}evidence/{evidence_id}"


@cache
def label_classes() -> dict[str, str]:
    """Property-graph label -> Biolink class IRI (a category's last label names its class)."""
    schema = load_schema()
    classes = {schema.root_label: BIOLINK + "NamedThing"}
    for category in schema.categories.values():
        classes[category.labels[-1]] = expand(category.curie)
    return classes


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")


def literal(value: Any, prop: Prop) -> str:
    """One N-Triples literal of a stored value, typed by the property's type."""
    if prop.type == BOOLEAN:
        return f'"{"true" if value else "false"}"^^<{_DATATYPE[BOOLEAN]}>'
    if prop.type == LONG:
        return f'"{int(value)}"^^<{_DATATYPE[LONG]}>'
    if prop.type == DOUBLE:
        number = float(value)
        text = (
            "NaN"
            if math.isnan(number)
            else ("INF" if number > 0 else "-INF")
            if math.isinf(number)
            else repr(number)
        )
        return f'"{text}"^^<{_DATATYPE[DOUBLE]}>'
    return f'"{_escape(str(value))}"'


def _property_lines(subject: str, props: dict[str, Any], terms: dict[str, Term]) -> Iterator[str]:
    for name, value in props.items():
        term = terms.get(name)
        if term is None:
            continue
        values = value if term.prop.is_list else (value,)
        for v in values:
            obj = f"<{iri(v)}>" if term.is_iri else literal(v, term.prop)
            yield f"{subject} <{term.iri}> {obj} .\n"


def node_lines(node: Node, schema: Schema) -> Iterator[str]:
    s = f"<{iri(node.id)}>"
    classes = label_classes()
    for label in schema.labels(node.category):
        yield f"{s} <{TYPE}> <{classes[label]}> .\n"
    yield f'{s} <{ID}> "{_escape(node.id)}" .\n'
    yield from _property_lines(s, node_props(node), NODE_TERMS)


def edge_lines(edge: Edge, schema: Schema) -> Iterator[str]:
    s, o, p = f"<{iri(edge.subject)}>", f"<{iri(edge.object)}>", f"<{expand(edge.predicate)}>"
    schema.predicate(edge.predicate)  # only predicates of the closed schema
    e = f"<{edge_iri(edge.id)}>"
    yield f"{s} {p} {o} .\n"
    yield f"{e} <{TYPE}> <{ASSOCIATION}> .\n"
    yield f"{e} <{TYPE}> <{RDF}Statement> .\n"
    yield f'{e} <{ID}> "{_escape(edge.id)}" .\n'
    yield f"{e} <{RDF}subject> {s} .\n"
    yield f"{e} <{RDF}predicate> {p} .\n"
    yield f"{e} <{RDF}object> {o} .\n"
    yield from _property_lines(e, edge_props(edge), EDGE_TERMS)


def evidence_lines(ev: Evidence) -> Iterator[str]:
    if not ev.id or not ev.edge_id:
        raise ValueError(f"evidence row without id/edge_id (document {ev.doc_id})")
    s = f"<{evidence_iri(ev.id)}>"
    yield f"{s} <{TYPE}> <{EVIDENCE_CLASS}> .\n"
    yield f'{s} <{ID}> "{_escape(ev.id)}" .\n'
    yield f"{s} <{EVIDENCE_FOR}> <{edge_iri(ev.edge_id)}> .\n"
    yield from _property_lines(s, evidence_props(ev), EVIDENCE_TERMS)


def ntriples(
    nodes: Iterable[Node],
    edges: Iterable[Edge],
    evidence: Iterable[Evidence],
    schema: Schema | None = None,
) -> Iterator[str]:
    """The whole graph as N-Triples lines, streamed (nodes, then edges, then evidence)."""
    schema = schema or load_schema()
    for node in nodes:
        yield from node_lines(node, schema)
    for edge in edges:
        yield from edge_lines(edge, schema)
    for ev in evidence:
        yield from evidence_lines(ev)


def turtle_prefixes() -> dict[str, str]:
    return {**EXTRA_PREFIXES, **prefix_map()}


class LineReader:
    """A binary file-like view of an iterator of text lines (what pyoxigraph's parsers read)."""

    def __init__(self, lines: Iterable[str]) -> None:
        self._lines = iter(lines)
        self._buffer = b""

    def read(self, size: int = -1) -> bytes:
        chunks = [self._buffer]
        have = len(self._buffer)
        while size < 0 or have < size:
            line = next(self._lines, None)
            if line is None:
                break
            data = line.encode("utf-8")
            chunks.append(data)
            have += len(data)
        data = b"".join(chunks)
        if size < 0:
            self._buffer = b""
            return data
        self._buffer = data[size:]
        return data[:size]

    def readable(self) -> bool:
        return True


FORMATS = {"turtle": ".ttl", "ntriples": ".nt", "nquads": ".nq"}


def write_rdf(lines: Iterable[str], path: Path, format: str = "turtle") -> int:
    """Write the triples to ``path`` as Turtle, N-Triples or N-Quads; returns the triple count.

    N-Quads put every triple in the named graph ``https://w3id.org/irkg/graph``.
    """
    import pyoxigraph

    if format not in FORMATS:
        raise ValueError(f"unknown RDF format {format!r}; choose one of {', '.join(FORMATS)}")
    count = 0

    def counted() -> Iterator[str]:
        nonlocal count
        for line in lines:
            count += 1
            yield line

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    if format == "ntriples":
        with open(tmp, "w", encoding="utf-8") as out:
            out.writelines(counted())
    elif format == "nquads":
        with open(tmp, "w", encoding="utf-8") as out:
            out.writelines(f"{line[:-3]} <{GRAPH_IRI}> .\n" for line in counted())
    else:
        triples = pyoxigraph.parse(LineReader(counted()), format=pyoxigraph.RdfFormat.N_TRIPLES)
        pyoxigraph.serialize(
            triples, str(tmp), format=pyoxigraph.RdfFormat.TURTLE, prefixes=turtle_prefixes()
        )
    tmp.replace(path)
    return count
