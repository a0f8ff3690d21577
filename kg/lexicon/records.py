"""What vocabulary readers yield: one ``ConceptRecord`` per identifier, with its terms.

Readers know their source's columns and nothing about keys, ambiguity or the file format; the
compiler (``kg.lexicon.compile``) merges records by CURIE, keys their terms and sets the
ambiguity flags. Keeping readers this small makes each official format easy to add and test.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from kg.lexicon.model import LEXICON_TYPES
from kg.model import EntityType


class Term(NamedTuple):
    """One surface form of a concept and what kind of form it is (``Flags`` bits as an int:
    SYMBOL, NAME, PREFERRED...; plain ints because readers build millions of them)."""

    text: str
    flags: int


@dataclass(frozen=True, slots=True)
class ConceptRecord:
    """One identifier as a source describes it.

    ``attach_to_xref``: the record only adds terms to whichever concept lists ``curie`` among its
    xrefs (an MGI table adding synonyms to NCBI Gene's mouse genes); it creates no concept.
    ``orthologs``: other vocabularies' ids of this gene's orthologs (HGNC's MGI column), resolved
    to NCBIGene pairs by the compiler.
    ``update_only``: the record only adds to a concept that another record creates (taxon,
    terms); the compiler counts those whose concept never appears.
    """

    curie: str
    type: EntityType
    preferred: str
    source: str
    taxon: str | None = None
    terms: tuple[Term, ...] = ()
    xrefs: tuple[str, ...] = ()
    orthologs: tuple[str, ...] = ()
    attach_to_xref: bool = False
    update_only: bool = False

    def __post_init__(self) -> None:
        if ":" not in self.curie:
            raise ValueError(f"ConceptRecord.curie must be a CURIE: {self.curie!r}")
        if self.type not in LEXICON_TYPES:
            raise ValueError(f"ConceptRecord.type {self.type!r} is not a lexicon type")
        if not self.preferred:
            raise ValueError(f"ConceptRecord {self.curie} needs a preferred name")


def clean_term(text: str) -> str:
    """A term as one line: surrounding space stripped, inner whitespace runs made one space."""
    return " ".join(text.split())
