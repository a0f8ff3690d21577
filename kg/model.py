"""Typed records that flow between irkg's stages.

ingest -> ``Document``; annotate -> ``Mention`` and ``Relation`` (each relation carrying one
``Evidence``), bundled per document in ``AnnotatedDocument``; assemble -> ``Node``, ``Edge`` and
evidence rows (``Evidence`` with ``edge_id`` set). Every record is a frozen dataclass whose
constructor validates its fields and raises ``ValueError``: a record that exists is well formed,
so later stages never re-check shapes or guess a record's meaning from its length.

Offsets are always document-level character offsets into ``Document.text``: for PubTator input
the title starts at 0 and the abstract at ``len(title) + 1``, so gold spans line up exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from enum import IntEnum, StrEnum
from functools import cache
from types import UnionType
from typing import Any, TypeVar, Union, get_args, get_origin, get_type_hints


class EntityType(StrEnum):
    """What a mention or node is. Values are the names used in PubTator files and the CLI."""

    GENE = "Gene"
    CHEMICAL = "Chemical"
    DISEASE = "Disease"
    CELL_LINE = "CellLine"
    SPECIES = "Species"
    RADIOTHERAPY = "Radiotherapy"
    CELL_TYPE = "CellType"
    PATHWAY = "Pathway"
    PUBLICATION = "Publication"

    @classmethod
    def parse(cls, value: str) -> EntityType:
        """Accept the PubTator spellings too ("GeneOrGeneProduct", "ChemicalEntity", ...)."""
        key = value.strip().replace("_", "").replace(" ", "").lower()
        aliases = {
            "geneorgeneproduct": cls.GENE,
            "chemicalentity": cls.CHEMICAL,
            "drug": cls.CHEMICAL,
            "diseaseorphenotypicfeature": cls.DISEASE,
            "cellline": cls.CELL_LINE,
            "organismtaxon": cls.SPECIES,
            "celltype": cls.CELL_TYPE,
            "procedure": cls.RADIOTHERAPY,
        }
        for member in cls:
            if member.value.lower() == key:
                return member
        if key in aliases:
            return aliases[key]
        raise ValueError(f"unknown entity type {value!r}; known: {', '.join(m.value for m in cls)}")


class Sign(IntEnum):
    """Direction of an effect: the subject raises (+1) or lowers (-1) its object, or neither."""

    NEGATIVE = -1
    NONE = 0
    POSITIVE = 1


class KnowledgeLevel(StrEnum):
    """Biolink ``knowledge_level`` values irkg emits."""

    KNOWLEDGE_ASSERTION = "knowledge_assertion"
    STATISTICAL_ASSOCIATION = "statistical_association"
    PREDICTION = "prediction"
    OBSERVATION = "observation"  # e.g. a measured drug-target bioactivity (no stated mechanism)
    NOT_PROVIDED = "not_provided"


class AgentType(StrEnum):
    """Biolink ``agent_type`` values irkg emits."""

    MANUAL_AGENT = "manual_agent"
    TEXT_MINING_AGENT = "text_mining_agent"
    AUTOMATED_AGENT = "automated_agent"


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise ValueError(message)


def _is_curie(value: str) -> bool:
    prefix, sep, local = value.partition(":")
    return bool(sep and prefix and local and " " not in prefix)


# --------------------------------------------------------------------------- ingest


@dataclass(frozen=True, slots=True)
class Passage:
    """A contiguous piece of a document: title, abstract, a body section, a figure caption."""

    section: str
    offset: int
    text: str

    def __post_init__(self) -> None:
        _require(bool(self.section), "Passage.section must not be empty")
        _require(self.offset >= 0, f"Passage.offset must be >= 0, got {self.offset}")

    @property
    def end(self) -> int:
        return self.offset + len(self.text)


@dataclass(frozen=True, slots=True)
class DocumentMeta:
    """What is known about where a document comes from; every field may be unknown."""

    pmid: str | None = None
    pmcid: str | None = None
    doi: str | None = None
    year: int | None = None
    journal: str | None = None
    source: str | None = None
    format: str | None = None

    def __post_init__(self) -> None:
        _require(self.pmid is None or self.pmid.isdigit(), f"pmid must be digits: {self.pmid!r}")
        _require(
            self.year is None or 1000 <= self.year <= 3000, f"year out of range: {self.year!r}"
        )


@dataclass(frozen=True, slots=True)
class Document:
    """One paper (or one text) as ingested: ordered, non-overlapping passages with offsets."""

    id: str
    passages: tuple[Passage, ...]
    meta: DocumentMeta = field(default_factory=DocumentMeta)

    def __post_init__(self) -> None:
        _require(
            bool(self.id) and not any(c in self.id for c in "\t\n|"),
            f"Document.id must be non-empty without tabs, newlines or '|': {self.id!r}",
        )
        previous_end = 0
        for passage in self.passages:
            _require(
                passage.offset >= previous_end,
                f"document {self.id}: passage at {passage.offset} overlaps the previous one "
                f"(ends at {previous_end})",
            )
            previous_end = passage.end

    @property
    def title(self) -> str:
        for passage in self.passages:
            if passage.section == "title":
                return passage.text
        return ""

    @property
    def text(self) -> str:
        """All passages placed at their offsets; gaps are filled with newlines."""
        parts: list[str] = []
        cursor = 0
        for passage in self.passages:
            parts.append("\n" * (passage.offset - cursor))
            parts.append(passage.text)
            cursor = passage.end
        return "".join(parts)

    def passage_at(self, offset: int) -> Passage | None:
        """The passage containing a document offset, or None in a gap."""
        for passage in self.passages:
            if passage.offset <= offset < passage.end or (
                offset == passage.end and passage.text == ""
            ):
                return passage
        return None


# --------------------------------------------------------------------------- annotate


@dataclass(frozen=True, slots=True)
class Mention:
    """A typed span of a document with zero or more normalised identifiers (CURIEs)."""

    doc_id: str
    start: int
    end: int
    text: str
    type: EntityType
    ids: tuple[str, ...] = ()
    score: float = 1.0
    source: str = ""
    taxon: str | None = None

    def __post_init__(self) -> None:
        _require(0 <= self.start <= self.end, f"bad span {self.start}-{self.end}")
        _require(
            len(self.text) == self.end - self.start,
            f"mention text {self.text!r} does not fit span {self.start}-{self.end}",
        )
        _require(all(_is_curie(i) for i in self.ids), f"ids must be CURIEs: {self.ids!r}")
        _require(
            self.taxon is None or _is_curie(self.taxon), f"taxon must be a CURIE: {self.taxon!r}"
        )


@dataclass(frozen=True, slots=True)
class Regimen:
    """A radiotherapy regimen read from text: modality and dose/fractionation where stated."""

    modality: str  # CURIE of the modality (irkg:..., MESH:...), or "" when only a dose is given
    text: str
    start: int
    end: int
    total_dose_gy: float | None = None
    fractions: int | None = None
    dose_per_fraction_gy: float | None = None

    def __post_init__(self) -> None:
        _require(0 <= self.start <= self.end, f"bad regimen span {self.start}-{self.end}")
        _require(self.fractions is None or self.fractions > 0, "fractions must be positive")

    @property
    def label(self) -> str:
        """Compact, canonical text such as ``24 Gy/3 fx (8 Gy/fx)`` used as an edge qualifier."""
        parts: list[str] = []
        if self.total_dose_gy is not None:
            parts.append(f"{self.total_dose_gy:g} Gy")
        if self.fractions is not None:
            parts.append(f"{self.fractions} fx")
        dose = "/".join(parts)
        if self.dose_per_fraction_gy is not None:
            per = f"{self.dose_per_fraction_gy:g} Gy/fx"
            dose = f"{dose} ({per})" if dose else per
        return dose


@dataclass(frozen=True, slots=True)
class Evidence:
    """One sentence that supports one relation. ``edge_id``/``id`` are set by assemble."""

    doc_id: str
    sentence: str
    sentence_start: int
    sentence_end: int
    subject_start: int
    subject_end: int
    object_start: int
    object_end: int
    extractor: str
    extractor_version: str
    pmid: str | None = None
    section: str = ""
    trigger: str = ""
    negated: bool = False
    hedged: bool = False
    regimens: tuple[str, ...] = ()
    edge_id: str = ""
    id: str = ""

    def __post_init__(self) -> None:
        _require(self.sentence_start <= self.sentence_end, "bad sentence span")
        _require(
            len(self.sentence) == self.sentence_end - self.sentence_start,
            "evidence sentence does not fit its span",
        )
        for name, start, end in (
            ("subject", self.subject_start, self.subject_end),
            ("object", self.object_start, self.object_end),
        ):
            _require(
                self.sentence_start <= start <= end <= self.sentence_end,
                f"{name} span {start}-{end} lies outside the sentence "
                f"{self.sentence_start}-{self.sentence_end}",
            )
        _require(bool(self.extractor), "Evidence.extractor must be named")


@dataclass(frozen=True, slots=True)
class Qualifiers:
    """The closed set of edge qualifiers. Part of an edge's identity (and its content hash)."""

    sign: Sign = Sign.NONE
    pathway: str = ""  # CURIE of the pathway a curated step belongs to
    step: int | None = None  # order of a step inside ``pathway``
    action: str = ""  # drug-target action type, e.g. "inhibitor", "antagonist"
    regimen: str = ""  # radiotherapy modality CURIE a relation was studied with

    def __post_init__(self) -> None:
        _require(isinstance(self.sign, Sign), f"sign must be a Sign, got {self.sign!r}")
        _require(self.step is None or self.step >= 0, "step must be >= 0")

    @property
    def direction(self) -> str:
        """Biolink ``object_direction_qualifier`` for the sign."""
        return {Sign.POSITIVE: "increased", Sign.NEGATIVE: "decreased"}.get(self.sign, "")


@dataclass(frozen=True, slots=True)
class Relation:
    """A relation read from one sentence; assemble merges relations into edges."""

    subject: str
    predicate: str
    object: str
    evidence: Evidence
    qualifiers: Qualifiers = field(default_factory=Qualifiers)

    def __post_init__(self) -> None:
        _require(
            _is_curie(self.subject) and _is_curie(self.object), "subject/object must be CURIEs"
        )
        _require(
            self.predicate.startswith("biolink:"), f"predicate must be biolink: {self.predicate!r}"
        )


@dataclass(frozen=True, slots=True)
class AnnotatedDocument:
    """Everything annotate produced for one document: the unit the build cache stores."""

    document: Document
    mentions: tuple[Mention, ...] = ()
    relations: tuple[Relation, ...] = ()
    regimens: tuple[Regimen, ...] = ()
    pipeline_version: str = ""


# --------------------------------------------------------------------------- assemble


@dataclass(frozen=True, slots=True)
class Node:
    """A row of the canonical nodes table."""

    id: str
    category: str  # Biolink category CURIE, e.g. biolink:Gene
    name: str
    synonyms: tuple[str, ...] = ()
    taxon: str | None = None
    xrefs: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    description: str = ""

    def __post_init__(self) -> None:
        _require(_is_curie(self.id), f"node id must be a CURIE: {self.id!r}")
        _require(
            self.category.startswith("biolink:"), f"category must be biolink: {self.category!r}"
        )


@dataclass(frozen=True, slots=True)
class Edge:
    """A row of the canonical edges table. ``id`` is a content hash (see ``kg.ids.edge_id``)."""

    id: str
    subject: str
    predicate: str
    object: str
    qualifiers: Qualifiers = field(default_factory=Qualifiers)
    knowledge_level: KnowledgeLevel = KnowledgeLevel.NOT_PROVIDED
    agent_type: AgentType = AgentType.AUTOMATED_AGENT
    primary_source: str = "infores:irkg"
    sources: tuple[
        str, ...
    ] = ()  # e.g. "wikipathways:WP4961@r134211", "ontology/pathway_chains.tsv"
    license: str = ""
    publications: tuple[str, ...] = ()  # PMID:... CURIEs (or irkg document ids) behind the edge
    evidence_count: int = 0  # sentences
    paper_count: int = 0  # distinct documents
    belief: float = 1.0  # grows with distinct papers, not sentences
    negated_count: int = 0
    hedged_count: int = 0
    npmi: float | None = None  # co-mention edges only
    best_sentence: str = ""

    def __post_init__(self) -> None:
        _require(bool(self.id), "edge id must be set")
        _require(
            _is_curie(self.subject) and _is_curie(self.object), "subject/object must be CURIEs"
        )
        _require(
            self.predicate.startswith("biolink:"), f"predicate must be biolink: {self.predicate!r}"
        )
        _require(0.0 <= self.belief <= 1.0, f"belief must be in [0, 1]: {self.belief}")
        _require(
            min(self.evidence_count, self.paper_count, self.negated_count, self.hedged_count) >= 0,
            "edge counts must be >= 0",
        )


def to_record(obj: Any) -> dict[str, Any]:
    """A plain dict of a record (enums as their values, tuples as lists), for JSON and tables."""
    out: dict[str, Any] = {}
    for f in fields(obj):
        value = getattr(obj, f.name)
        if hasattr(value, "__dataclass_fields__"):
            value = to_record(value)
        elif isinstance(value, tuple):
            value = [to_record(v) if hasattr(v, "__dataclass_fields__") else v for v in value]
        elif isinstance(value, Sign):
            value = int(value)
        elif isinstance(value, StrEnum):
            value = value.value
        out[f.name] = value
    return out


T = TypeVar("T")


@cache
def _type_hints(cls: type) -> dict[str, Any]:
    """Resolved field types per class (resolving them is far slower than decoding a record)."""
    return get_type_hints(cls)


def from_record(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild a record written by ``to_record`` (the inverse, validated by the constructor)."""
    hints = _type_hints(cls)
    kwargs = {f.name: _decode(hints[f.name], data[f.name]) for f in fields(cls) if f.name in data}
    return cls(**kwargs)


def _decode(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = get_origin(tp)
    if origin in (Union, UnionType):
        inner = [a for a in get_args(tp) if a is not type(None)]
        return _decode(inner[0], value) if len(inner) == 1 else value
    if origin is tuple:
        (item, *_rest) = get_args(tp)
        return tuple(_decode(item, v) for v in value)
    if isinstance(tp, type) and hasattr(tp, "__dataclass_fields__"):
        return from_record(tp, value)
    if isinstance(tp, type) and issubclass(tp, IntEnum | StrEnum):
        return tp(value)
    return value
