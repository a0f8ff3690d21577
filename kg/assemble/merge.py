"""Annotated documents + curated knowledge -> the canonical nodes, edges and evidence.

The merge is explicit (STYLE.md §6). ``MergePolicy`` declares how evidence for one
(subject, predicate, object, qualifiers) edge is combined:

* every evidence sentence is kept, with an id that hashes its edge, document, sentence and spans;
  the same id twice (the same document read twice, say) is merged and counted in the report;
* every publication behind an edge is kept (sorted ``PMID:`` CURIEs, or ``irkg:doc/<id>``);
* ``belief`` grows with distinct papers, not sentences: a paper supports an edge with the
  strongest of its evidence (extractor prior, times ``hedged_weight`` when hedged, nothing when
  negated) and ``belief = 1 - prod(1 - support)`` over papers;
* co-mention edges (``biolink:related_to``) carry NPMI over documents: p(x,y) is the share of
  documents with x and y in one sentence, p(x) the share of documents mentioning x;
* a curated edge and a text-mined edge with the same id become one edge that keeps the curated
  edge's source, licence and knowledge level and adds the text's publications and counts.

Everything is aggregated in memory per edge and sorted at the end, so the result does not depend
on the order in which documents arrive (the build annotates cache misses out of order).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from kg.ids import content_hash, edge_id
from kg.model import (
    AgentType,
    AnnotatedDocument,
    Document,
    Edge,
    EntityType,
    Evidence,
    KnowledgeLevel,
    Node,
    Qualifiers,
    Relation,
)
from kg.nlp.relations import COMENTION, EXTRACTOR
from kg.nlp.triggers import INTERACTS, RELATED
from kg.schema import load_schema

MENTIONS = "biolink:mentions"
PUBLICATION = "biolink:Publication"
SYMMETRIC = frozenset({RELATED, INTERACTS})
NodeSource = Callable[[str], "Node | None"]


@dataclass(frozen=True)
class MergePolicy:
    """How evidence becomes edge attributes (see the module docstring)."""

    priors: Mapping[str, float] = field(
        default_factory=lambda: MappingProxyType({COMENTION: 0.2, EXTRACTOR: 0.6})
    )
    default_prior: float = 0.5
    hedged_weight: float = 0.5
    examples: int = 20  # duplicates and problems listed by name in the report

    def __post_init__(self) -> None:
        for name, value in (*self.priors.items(), ("default_prior", self.default_prior)):
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"prior for {name} must be in [0, 1], got {value}")
        if not 0.0 <= self.hedged_weight <= 1.0:
            raise ValueError(f"hedged_weight must be in [0, 1], got {self.hedged_weight}")

    def support(self, evidence: Evidence) -> float:
        """How much one sentence supports its edge."""
        if evidence.negated:
            return 0.0
        prior = self.priors.get(evidence.extractor, self.default_prior)
        return prior * (self.hedged_weight if evidence.hedged else 1.0)


@dataclass
class MergeReport:
    """What the merge did, for the manifest and the CLI: counts, and examples of each issue."""

    documents: int = 0
    relations: int = 0
    duplicate_evidence: int = 0
    merged_curated: int = 0
    duplicate_curated_edges: int = 0
    dangling_edges: int = 0
    examples: dict[str, list[str]] = field(default_factory=dict)

    def note(self, kind: str, text: str, limit: int) -> None:
        items = self.examples.setdefault(kind, [])
        if len(items) < limit:
            items.append(text)


@dataclass(frozen=True)
class Assembly:
    """The merged graph, ready for ``write_tables``."""

    nodes: list[Node]
    edges: list[Edge]
    evidence: list[Evidence]
    report: MergeReport


def publication_id(document: Document) -> str:
    """``PMID:<n>`` when the PMID is known, else ``irkg:doc/<document id>``."""
    return f"PMID:{document.meta.pmid}" if document.meta.pmid else f"irkg:doc/{document.id}"


def bind_evidence(relation: Relation, document: Document) -> Relation:
    """Fill the document fields of a relation's evidence (id, PMID, section) where empty, and
    put symmetric predicates in sorted subject/object order (spans swapped with them)."""
    ev = relation.evidence
    passage = document.passage_at(ev.sentence_start)
    ev = replace(
        ev,
        doc_id=ev.doc_id or document.id,
        pmid=ev.pmid or document.meta.pmid,
        section=ev.section or (passage.section if passage is not None else ""),
    )
    subject, object = relation.subject, relation.object
    if relation.predicate in SYMMETRIC and object < subject:
        subject, object = object, subject
        ev = replace(
            ev,
            subject_start=ev.object_start,
            subject_end=ev.object_end,
            object_start=ev.subject_start,
            object_end=ev.subject_end,
        )
    return Relation(subject, relation.predicate, object, ev, relation.qualifiers)


def evidence_id(edge: str, ev: Evidence) -> str:
    return content_hash(
        edge,
        ev.doc_id,
        ev.sentence_start,
        ev.subject_start,
        ev.subject_end,
        ev.object_start,
        ev.object_end,
        ev.extractor,
    )


@dataclass
class _TextEdge:
    relation: Relation  # the first relation seen (subject, predicate, object, qualifiers)
    evidence: dict[str, Evidence] = field(default_factory=dict)
    support: dict[str, float] = field(default_factory=dict)  # publication -> strongest support


@dataclass
class _Mentions:
    """Per CURIE: surface forms, types and taxa seen, and the documents mentioning it."""

    texts: Counter[str] = field(default_factory=Counter)
    types: Counter[str] = field(default_factory=Counter)
    taxa: Counter[str] = field(default_factory=Counter)
    publications: set[str] = field(default_factory=set)


class Assembler:
    """Collects annotated documents and curated records, then merges them (``finish``)."""

    def __init__(self, policy: MergePolicy | None = None, node_for: NodeSource | None = None):
        self.policy = policy or MergePolicy()
        self.node_for = node_for
        self.report = MergeReport()
        self._edges: dict[str, _TextEdge] = {}
        self._mentions: dict[str, _Mentions] = defaultdict(_Mentions)
        self._mention_edges: dict[str, Edge] = {}
        self._publications: dict[str, Node] = {}
        self._curated_nodes: dict[str, Node] = {}
        self._curated_edges: dict[str, Edge] = {}

    # ------------------------------------------------------------------ input

    def add_document(self, annotated: AnnotatedDocument) -> None:
        """Add one document's mentions (-> Publication node, mentions edges) and relations."""
        document = annotated.document
        self.report.documents += 1
        pub = publication_id(document)
        node = _publication_node(pub, document)
        old = self._publications.get(pub)
        # two documents of one paper (a PMC and a PubMed file): the smaller document id names it
        if old is None or node.sources < old.sources:
            self._publications[pub] = node
        per_curie: dict[str, list[float]] = defaultdict(list)
        for mention in annotated.mentions:
            for curie in mention.ids:
                seen = self._mentions[curie]
                seen.texts[mention.text] += 1
                seen.types[mention.type.value] += 1
                if mention.taxon:
                    seen.taxa[mention.taxon] += 1
                per_curie[curie].append(mention.score)
        for curie, scores in per_curie.items():
            self._mentions[curie].publications.add(pub)
            self._add_mention_edge(pub, curie, scores)
        for relation in annotated.relations:
            self._add_relation(bind_evidence(relation, document), pub)

    def _add_mention_edge(self, pub: str, curie: str, scores: list[float]) -> None:
        eid = edge_id(pub, MENTIONS, curie, Qualifiers())
        count, best = len(scores), max(scores)
        old = self._mention_edges.get(eid)
        if old is not None:  # the same paper read from two documents
            count, best = count + old.evidence_count, max(best, old.belief)
        self._mention_edges[eid] = Edge(
            id=eid,
            subject=pub,
            predicate=MENTIONS,
            object=curie,
            knowledge_level=KnowledgeLevel.NOT_PROVIDED,
            agent_type=AgentType.TEXT_MINING_AGENT,
            publications=(pub,),
            evidence_count=count,
            paper_count=1,
            belief=round(min(1.0, best), 6),
        )

    def _add_relation(self, relation: Relation, pub: str) -> None:
        self.report.relations += 1
        eid = edge_id(relation.subject, relation.predicate, relation.object, relation.qualifiers)
        acc = self._edges.get(eid)
        if acc is None:
            acc = self._edges[eid] = _TextEdge(relation)
        ev = relation.evidence
        vid = evidence_id(eid, ev)
        if vid in acc.evidence:
            self.report.duplicate_evidence += 1
            self.report.note(
                "duplicate_evidence", f"{ev.doc_id}:{ev.sentence_start}", self.policy.examples
            )
            return
        acc.evidence[vid] = replace(ev, edge_id=eid, id=vid)
        acc.support[pub] = max(acc.support.get(pub, 0.0), self.policy.support(ev))

    def add_curated(self, nodes: Iterable[Node], edges: Iterable[Edge]) -> None:
        """Add curated nodes and edges (pathway chains, drug targets, orthology, ...)."""
        for node in nodes:
            old = self._curated_nodes.get(node.id)
            self._curated_nodes[node.id] = node if old is None else _merge_nodes(old, node)
        for edge in edges:
            old = self._curated_edges.get(edge.id)
            if old is not None:
                self.report.duplicate_curated_edges += 1
                self.report.note("duplicate_curated_edges", edge.id, self.policy.examples)
                edge = _merge_curated(old, edge)
            self._curated_edges[edge.id] = edge

    # ------------------------------------------------------------------ output

    def finish(self) -> Assembly:
        """Merge everything collected into sorted nodes, edges and evidence."""
        edges: dict[str, Edge] = dict(self._mention_edges)
        evidence: list[Evidence] = []
        n_docs = max(len(self._publications), 1)
        for eid, acc in self._edges.items():
            edges[eid] = self._text_edge(eid, acc, n_docs)
            evidence.extend(acc.evidence.values())
        for eid, curated in self._curated_edges.items():
            text = edges.get(eid)
            if text is not None:
                self.report.merged_curated += 1
                curated = _with_text(curated, text)
            edges[eid] = curated
        nodes = self._nodes(edges.values())
        kept = []
        for edge in edges.values():
            if edge.subject in nodes and edge.object in nodes:
                kept.append(edge)
                continue
            self.report.dangling_edges += 1
            missing = edge.subject if edge.subject not in nodes else edge.object
            self.report.note("dangling_edges", f"{edge.id}: no node for {missing}", 20)
        kept_ids = {e.id for e in kept}
        evidence = [e for e in evidence if e.edge_id in kept_ids]
        return Assembly(
            nodes=sorted(nodes.values(), key=lambda n: n.id),
            edges=sorted(kept, key=lambda e: e.id),
            evidence=sorted(evidence, key=lambda e: e.id),
            report=self.report,
        )

    def _text_edge(self, eid: str, acc: _TextEdge, n_docs: int) -> Edge:
        rel = acc.relation
        sentences = list(acc.evidence.values())
        belief = 1.0 - math.prod(1.0 - s for s in acc.support.values())
        npmi = None
        if rel.predicate == RELATED:
            npmi = _npmi(
                len(acc.support),
                len(self._mentions[rel.subject].publications),
                len(self._mentions[rel.object].publications),
                n_docs,
            )
        extractors = sorted({f"{e.extractor}@{e.extractor_version}" for e in sentences})
        return Edge(
            id=eid,
            subject=rel.subject,
            predicate=rel.predicate,
            object=rel.object,
            qualifiers=rel.qualifiers,
            knowledge_level=(
                KnowledgeLevel.STATISTICAL_ASSOCIATION
                if rel.predicate == RELATED
                else KnowledgeLevel.KNOWLEDGE_ASSERTION
            ),
            agent_type=AgentType.TEXT_MINING_AGENT,
            sources=tuple(extractors),
            publications=tuple(sorted(acc.support)),
            evidence_count=len(sentences),
            paper_count=len(acc.support),
            belief=round(min(max(belief, 0.0), 1.0), 6),
            negated_count=sum(e.negated for e in sentences),
            hedged_count=sum(e.hedged for e in sentences),
            npmi=npmi,
            best_sentence=best_evidence(sentences).sentence,
        )

    def _nodes(self, edges: Iterable[Edge]) -> dict[str, Node]:
        """A node for every CURIE in use: curated first, then the node source, then mentions."""
        wanted = set(self._mentions) | set(self._curated_nodes)
        for edge in edges:
            wanted.update((edge.subject, edge.object))
        nodes: dict[str, Node] = {}
        for curie in sorted(wanted):
            node = self._curated_nodes.get(curie) or self._publications.get(curie)
            if node is None and self.node_for is not None:
                node = self.node_for(curie)
            if node is None and curie in self._mentions:
                node = _mention_node(curie, self._mentions[curie])
            if node is not None:
                nodes[curie] = node
        return nodes


def best_evidence(sentences: Iterable[Evidence]) -> Evidence:
    """The sentence shown for an edge: asserted before hedged before negated, with a trigger,
    then the shortest (most to the point), then the earliest, for a stable choice."""
    return min(
        sentences,
        key=lambda e: (
            e.negated,
            e.hedged,
            e.trigger == "",
            len(e.sentence),
            e.pmid or "",
            e.doc_id,
            e.sentence_start,
        ),
    )


def _npmi(joint: int, x: int, y: int, n: int) -> float:
    """Normalised PMI in [-1, 1] of two entities over ``n`` publications: ``joint`` mention
    both in one sentence, ``x`` and ``y`` mention each."""
    x, y = max(x, joint), max(y, joint)
    p_xy, p_x, p_y = joint / n, x / n, y / n
    if p_xy >= 1.0:
        return 1.0
    return round(math.log(p_xy / (p_x * p_y)) / -math.log(p_xy), 6)


def _publication_node(pub: str, document: Document) -> Node:
    meta = document.meta
    xrefs = []
    if meta.pmid and not pub.startswith("PMID:"):
        xrefs.append(f"PMID:{meta.pmid}")
    if meta.pmcid:
        xrefs.append(f"PMC:{meta.pmcid.removeprefix('PMC')}")
    if meta.doi:
        xrefs.append(f"doi:{meta.doi}")
    return Node(
        id=pub,
        category=PUBLICATION,
        name=document.title or document.id,
        xrefs=tuple(xrefs),
        sources=(f"document:{document.id}",),
        description=", ".join(str(v) for v in (meta.journal, meta.year) if v),
    )


def _mention_node(curie: str, seen: _Mentions) -> Node:
    """A node read from mentions alone (for CURIEs the node source does not know)."""
    schema = load_schema()
    etype = EntityType(min(seen.types, key=lambda t: (-seen.types[t], t)))
    names = sorted(seen.texts, key=lambda t: (-seen.texts[t], t))
    taxon = min(seen.taxa, key=lambda t: (-seen.taxa[t], t)) if seen.taxa else None
    return Node(
        id=curie,
        category=schema.default_category(etype),
        name=names[0],
        synonyms=tuple(sorted(names[1:11])),
        taxon=taxon,
        sources=("irkg:mentions",),
    )


def _merge_nodes(a: Node, b: Node) -> Node:
    """Two curated records of one node: the first keeps its name and category, lists union."""
    return replace(
        a,
        synonyms=tuple(sorted(set(a.synonyms) | set(b.synonyms))),
        xrefs=tuple(sorted(set(a.xrefs) | set(b.xrefs))),
        sources=tuple(sorted(set(a.sources) | set(b.sources))),
        taxon=a.taxon or b.taxon,
        description=a.description or b.description,
    )


def _merge_curated(a: Edge, b: Edge) -> Edge:
    """The same curated edge from two sources: sources and publications union, max belief."""
    return replace(
        a,
        sources=tuple(sorted(set(a.sources) | set(b.sources))),
        publications=tuple(sorted(set(a.publications) | set(b.publications))),
        license="; ".join(sorted({a.license, b.license} - {""})),
        belief=max(a.belief, b.belief),
    )


def _with_text(curated: Edge, text: Edge) -> Edge:
    """A curated edge that text also supports: curated provenance plus the text's counts."""
    return replace(
        curated,
        sources=tuple(sorted(set(curated.sources) | set(text.sources))),
        publications=tuple(sorted(set(curated.publications) | set(text.publications))),
        evidence_count=text.evidence_count,
        paper_count=text.paper_count,
        negated_count=text.negated_count,
        hedged_count=text.hedged_count,
        belief=max(curated.belief, text.belief),
        best_sentence=text.best_sentence,
    )
