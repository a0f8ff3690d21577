"""Nodes the text side knows by itself: publications, and entities read from mentions.

Curated nodes (lexicon names, categories, synonyms: ``kg.assemble.nodes``) win over these; a
node read from mentions is the fallback for a CURIE no curated source knows.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from kg.model import Document, EntityType, Node
from kg.schema import load_schema

PUBLICATION = "biolink:Publication"


def publication_id(document: Document) -> str:
    """``PMID:<n>`` when the PMID is known, else ``irkg:doc/<document id>``."""
    return f"PMID:{document.meta.pmid}" if document.meta.pmid else f"irkg:doc/{document.id}"


@dataclass
class MentionStats:
    """Per CURIE: surface forms, types and taxa seen, and the documents mentioning it."""

    texts: Counter[str] = field(default_factory=Counter)
    types: Counter[str] = field(default_factory=Counter)
    taxa: Counter[str] = field(default_factory=Counter)
    publications: set[str] = field(default_factory=set)


def publication_node(pub: str, document: Document) -> Node:
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


def mention_node(curie: str, seen: MentionStats) -> Node:
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


def merge_nodes(a: Node, b: Node) -> Node:
    """Two curated records of one node: the first keeps its name and category, lists union."""
    return replace(
        a,
        synonyms=tuple(sorted(set(a.synonyms) | set(b.synonyms))),
        xrefs=tuple(sorted(set(a.xrefs) | set(b.xrefs))),
        sources=tuple(sorted(set(a.sources) | set(b.sources))),
        taxon=a.taxon or b.taxon,
        description=a.description or b.description,
    )


def named_from_text(curated: Node, text: Node) -> Node:
    """A curated node that has no name of its own (named by its CURIE) takes the name and
    synonyms the text uses; its category, taxon and sources stay."""
    synonyms = tuple(sorted(set(curated.synonyms) | set(text.synonyms)))
    return replace(
        curated,
        name=text.name,
        synonyms=synonyms,
        taxon=curated.taxon or text.taxon,
        sources=tuple(sorted({*curated.sources, *text.sources})),
    )
