"""Licence and information resource of each knowledge source, looked up by source name.

Sources are named by the lexicon (``hgnc``, ``mgi``, ``gene_info:...``, ``cellosaurus``), by the
curated tables (``ontology/...``, ``curated``) and by the curated node rows ("NCBI Taxonomy",
"Cellosaurus 2025-03 ..."); a name is matched case-insensitively by its prefix. Nodes take the
licences of their taxon's sources, orthology edges the licence and infores of their pair's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

UNKNOWN_LICENCE = "see source"


@dataclass(frozen=True, slots=True)
class SourceTerms:
    """Under which licence a source's statements may be reused, and its Biolink infores."""

    licence: str
    infores: str


SOURCE_TERMS = {
    "ncbi": SourceTerms("public-domain", "infores:ncbi-gene"),
    "gene_info": SourceTerms("public-domain", "infores:ncbi-gene"),
    "hgnc": SourceTerms("CC0-1.0", "infores:hgnc"),
    "mgi": SourceTerms("CC-BY-4.0", "infores:mgi"),
    "cellosaurus": SourceTerms("CC-BY-4.0", "infores:cellosaurus"),
    "ontology/": SourceTerms("CC0-1.0", "infores:irkg"),
    "curated": SourceTerms("CC0-1.0", "infores:irkg"),
}


def source_terms(source: str) -> SourceTerms | None:
    """The terms of the source ``source`` names, or None for a source not listed."""
    lowered = source.lower()
    for prefix, terms in SOURCE_TERMS.items():
        if lowered.startswith(prefix):
            return terms
    return None


def licences(sources: Iterable[str]) -> str:
    """The licences of all ``sources``, sorted and joined with `` AND ``."""
    found = {terms.licence for terms in map(source_terms, sources) if terms is not None}
    return " AND ".join(sorted(found)) or UNKNOWN_LICENCE
