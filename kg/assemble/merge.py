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
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from kg.assemble.evidence import MergePolicy, best_evidence, bind_evidence, evidence_id
from kg.assemble.text_nodes import (
    MentionStats,
    mention_node,
    merge_nodes,
    named_from_text,
    publication_id,
    publication_node,
)
from kg.ids import edge_id
from kg.model import (
    AgentType,
    AnnotatedDocument,
    Edge,
    EntityType,
    Evidence,
    KnowledgeLevel,
    Node,
    Qualifiers,
    Relation,
)
from kg.nlp.triggers import RELATED

MENTIONS = "biolink:mentions"


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


@dataclass
class _TextEdge:
    relation: Relation  # the first relation seen (subject, predicate, object, qualifiers)
    evidence: dict[str, Evidence] = field(default_factory=dict)
    support: dict[str, float] = field(default_factory=dict)  # publication -> strongest support


class Assembler:
    """Collects annotated documents and curated records, then merges them (``finish``)."""

    def __init__(self, policy: MergePolicy | None = None) -> None:
        self.policy = policy or MergePolicy()
        self.report = MergeReport()
        self._edges: dict[str, _TextEdge] = {}
        self._edge_ids: dict[tuple[str, str, str, Qualifiers], str] = {}
        self._mentions: dict[str, MentionStats] = defaultdict(MentionStats)
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
        node = publication_node(pub, document)
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
        key = (relation.subject, relation.predicate, relation.object, relation.qualifiers)
        eid = self._edge_ids.get(key)
        if eid is None:
            eid = self._edge_ids[key] = edge_id(*key)
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
            self._curated_nodes[node.id] = node if old is None else merge_nodes(old, node)
        for edge in edges:
            old = self._curated_edges.get(edge.id)
            if old is not None:
                self.report.duplicate_curated_edges += 1
                self.report.note("duplicate_curated_edges", edge.id, self.policy.examples)
                edge = _merge_curated(old, edge)
            self._curated_edges[edge.id] = edge

    def mentioned(self) -> set[str]:
        """Every CURIE the documents mention (the curated side builds nodes for them)."""
        return set(self._mentions)

    def type_hints(self) -> dict[str, EntityType]:
        """The type each mentioned CURIE was most often recognised as."""
        return {
            curie: EntityType(min(seen.types, key=lambda t: (-seen.types[t], t)))
            for curie, seen in self._mentions.items()
        }

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
        """A node for every CURIE in use: curated first, then publications, then mentions."""
        wanted = set(self._mentions) | set(self._curated_nodes)
        for edge in edges:
            wanted.update((edge.subject, edge.object))
        nodes: dict[str, Node] = {}
        for curie in sorted(wanted):
            node = self._curated_nodes.get(curie) or self._publications.get(curie)
            seen = self._mentions.get(curie)
            if seen is not None and (node is None or node.name in ("", curie)):
                # no curated source could name it: the text's own words are the best name
                text = mention_node(curie, seen)
                node = text if node is None else named_from_text(node, text)
            if node is not None:
                nodes[curie] = node
        return nodes


def _npmi(joint: int, x: int, y: int, n: int) -> float:
    """Normalised PMI in [-1, 1] of two entities over ``n`` publications: ``joint`` mention
    both in one sentence, ``x`` and ``y`` mention each."""
    x, y = max(x, joint), max(y, joint)
    p_xy, p_x, p_y = joint / n, x / n, y / n
    if p_xy >= 1.0:
        return 1.0
    return round(math.log(p_xy / (p_x * p_y)) / -math.log(p_xy), 6)


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
