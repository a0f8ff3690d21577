"""The custom attributes irkg components read and write on spaCy objects: the one registry.

Registered once, idempotently, by every irkg factory and component (recognisers, relations,
regimens), so a component added to anyone's ``nlp`` finds them, and the defaults do not depend on
which component happened to register first. Importing this module loads no spaCy (the relation
records are imported by ``kg.assemble``). Span values are stored by spaCy in ``doc.user_data``
keyed by character offsets, so an entity in ``doc.ents`` and a candidate span with the same
offsets share them; they survive ``Doc.to_bytes`` (tuples come back as lists).

Span:
``ids``        the prediction: the CURIE the span is normalised to, as a 1-tuple (empty:
               recognised, not normalised). Downstream every id here counts as asserted (a
               ``Mention`` edge per id), so alternatives never go here; irkg's recognisers name
               one entity per mention (composite mentions with several ids come only from gold
               files, through ``kg.ingest.pubtator``)
``id_taxa``    the taxon of each id ("" for none), aligned with ``ids``
``candidates`` the ranked alternatives, best first, as ``Candidate(curie, taxon, score)``; the
               first is the prediction. Set with ``set_candidates``, read with ``candidates_of``
               (the species step chooses among them by taxon)
``score``      confidence of the prediction in [0, 1]
``taxon``      NCBITaxon CURIE for genes (set by the species step), else None
``source``     which step produced the entity: "dictionary", "model", "abbreviation", ...

Doc:
``irkg_abbreviations``  list of ``Abbreviation`` records (short form, long form, offsets); named
                       apart from scispaCy's own ``abbreviations`` so both can run in one nlp
``irkg_species``       ``SpeciesContext`` read from the document (default taxon and its cues)
``relations``          list of ``kg.model.Relation`` (written by the relations step)
``regimens``           list of ``kg.model.Regimen`` (written by the regimen step)
``document``           the ``kg.model.Document`` a Doc was made from, when known: the relation
                       step fills evidence doc ids, PMIDs and sections from it

Doc attributes default to None ("the step did not run"); steps assign a fresh list, never append
to the default.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from spacy.tokens import Span


class Candidate(NamedTuple):
    """A concept a span may name (a NamedTuple so ``Doc.to_bytes`` can store it)."""

    curie: str
    taxon: str  # NCBITaxon CURIE, "" for concepts without one
    score: float  # how good this candidate is on its own: 1/n for n equal exact ones, a cosine


SPAN_EXTENSIONS: dict[str, object] = {
    "ids": (),
    "id_taxa": (),
    "candidates": (),
    "score": 0.0,
    "taxon": None,
    "source": "",
}
# A mutable default would be one object shared by every Doc, so doc attributes start as None.
DOC_EXTENSIONS: dict[str, object] = {
    "irkg_abbreviations": None,
    "irkg_species": None,
    "relations": None,
    "regimens": None,
    "document": None,
}


def register_extensions() -> None:
    """Register irkg's span and doc attributes (safe to call any number of times)."""
    from spacy.tokens import Doc, Span

    for name, default in SPAN_EXTENSIONS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


def set_candidates(span: Span, candidates: Iterable[Candidate], score: float) -> None:
    """Ranked ``candidates`` into ``span._.candidates``; the first becomes the prediction
    (``_.ids``, ``_.id_taxa``) with confidence ``score``. No candidates: not normalised."""
    ranked = tuple(Candidate(*c) for c in candidates)
    span._.candidates = ranked
    span._.ids = (ranked[0].curie,) if ranked else ()
    span._.id_taxa = (ranked[0].taxon,) if ranked else ()
    span._.score = score


def candidates_of(span: Span) -> tuple[Candidate, ...]:
    """The span's ranked candidates; for a span whose ids a component set directly (a linking
    model, an abbreviation's long form), its ids read as ranked candidates."""
    if span._.candidates:
        return tuple(Candidate(*c) for c in span._.candidates)  # lists after Doc.from_bytes
    ids = tuple(span._.ids or ())
    taxa = tuple(span._.id_taxa or ())
    if len(taxa) != len(ids):
        taxa = ("",) * len(ids)
    score = float(span._.score or 0.0)
    return tuple(Candidate(i, t, score) for i, t in zip(ids, taxa, strict=True))
