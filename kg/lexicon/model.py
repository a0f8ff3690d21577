"""The lexicon's records: one ``LexEntry`` per (surface term, concept), one ``Concept`` per CURIE.

``Flags`` say what kind of term an entry is (a symbol or a name, preferred or not), how it may be
matched (case-sensitive, on the stop-list) and whether its key is ambiguous (across entity types,
across species, or across concepts of one type). The recogniser reads flags, never source names.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntFlag

from kg.model import EntityType

# The entity types a lexicon entry may carry (a closed set: the recogniser's labels).
LEXICON_TYPES = (
    EntityType.GENE,
    EntityType.CHEMICAL,
    EntityType.DISEASE,
    EntityType.CELL_LINE,
    EntityType.SPECIES,
    EntityType.RADIOTHERAPY,
    EntityType.CELL_TYPE,
)

HUMAN = "NCBITaxon:9606"
MOUSE = "NCBITaxon:10090"


class Flags(IntFlag):
    """What an entry is and how to match it. Combine with ``|``, test with ``in``."""

    NONE = 0
    SYMBOL = 1  # an official symbol, alias symbol or abbreviation (short, letter-digit code)
    NAME = 2  # a full name, description, entry term or synonym written out in words
    CASE_SENSITIVE = 4  # short term: the surface must agree in case (see keys.case_compatible)
    AMBIGUOUS_TYPE = 8  # the key also names a concept of another entity type
    AMBIGUOUS_SPECIES = 16  # the key names genes of more than one taxon (human and mouse)
    STOP = 32  # on the curated stop-list (an English word, unit or common abbreviation)
    PREFERRED = 64  # the concept's preferred name or official symbol
    PREVIOUS = 128  # a previous (withdrawn) official symbol
    CURATED = 256  # added by irkg's curated tables in ontology/
    AMBIGUOUS_CONCEPT = 512  # the key names more than one concept of the same type and taxon
    PROTEIN = 1024  # MeSH chemical that is a protein, enzyme or biological factor (not a drug)
    MULTI_SOURCE = 2048  # two or more sources file this term under this concept


@dataclass(frozen=True, slots=True)
class LexEntry:
    """One surface term of one concept, with the key it is found under."""

    term: str
    key: str
    curie: str
    type: EntityType
    taxon: str | None
    preferred: str
    source: str
    flags: Flags = Flags.NONE

    def __post_init__(self) -> None:
        if not self.term or "\n" in self.term or "\t" in self.term:
            raise ValueError(f"LexEntry.term must be one non-empty line: {self.term!r}")
        if not self.key or not self.key.isalnum():
            raise ValueError(f"LexEntry.key must be letters and digits: {self.key!r}")
        if ":" not in self.curie:
            raise ValueError(f"LexEntry.curie must be a CURIE: {self.curie!r}")
        if self.type not in LEXICON_TYPES:
            raise ValueError(f"LexEntry.type {self.type!r} is not a lexicon type")
        if self.taxon is not None and not self.taxon.startswith("NCBITaxon:"):
            raise ValueError(f"LexEntry.taxon must be an NCBITaxon CURIE: {self.taxon!r}")

    @property
    def is_stop(self) -> bool:
        return Flags.STOP in self.flags

    @property
    def is_ambiguous(self) -> bool:
        return bool(
            self.flags & (Flags.AMBIGUOUS_TYPE | Flags.AMBIGUOUS_SPECIES | Flags.AMBIGUOUS_CONCEPT)
        )


_FLAGS: dict[int, Flags] = {}


def flags_of(value: int) -> Flags:
    """``Flags(value)``, memoised (IntFlag construction is slow and values repeat)."""
    flags = _FLAGS.get(value)
    if flags is None:
        flags = _FLAGS[value] = Flags(value)
    return flags


@dataclass(frozen=True, slots=True)
class Concept:
    """Everything the lexicon knows about one identifier."""

    curie: str
    type: EntityType
    preferred: str
    taxon: str | None = None
    synonyms: tuple[str, ...] = ()
    xrefs: tuple[str, ...] = ()  # HGNC:…, MGI:…, Ensembl:…, MESH:… (other vocabularies' ids)
    sources: tuple[str, ...] = ()  # where the concept came from (source names, curated files)

    def __post_init__(self) -> None:
        if ":" not in self.curie:
            raise ValueError(f"Concept.curie must be a CURIE: {self.curie!r}")
        if self.type not in LEXICON_TYPES:
            raise ValueError(f"Concept.type {self.type!r} is not a lexicon type")
        if not self.preferred:
            raise ValueError(f"Concept {self.curie} needs a preferred name")
        if self.taxon is not None and not self.taxon.startswith("NCBITaxon:"):
            raise ValueError(f"Concept.taxon must be an NCBITaxon CURIE: {self.taxon!r}")


@dataclass(frozen=True, slots=True)
class Ortholog:
    """A human gene and its mouse ortholog, and which source says so."""

    human: str
    mouse: str
    source: str

    def __post_init__(self) -> None:
        if not (self.human.startswith("NCBIGene:") and self.mouse.startswith("NCBIGene:")):
            raise ValueError(f"orthologs are NCBIGene CURIEs: {self.human!r}, {self.mouse!r}")
