"""Entity -> identifiers (``irkg_normalizer_v1``): exact lexicon keys first, then TF-IDF candidates.

For every entity in ``doc.ents`` without identifiers:

1. a short form defined in the document takes its long form's identifiers (after the long form
   itself is normalised);
2. exact: the entries under the span's normalised key, of the span's type, that pass the case
   rules, ranked (same spelling, preferred term, official symbol first). Genes keep every taxon's
   identifiers here; the species step picks one taxon;
3. otherwise the character 3-gram TF-IDF index of the span's type (``kg.nlp.candidates``): the
   best candidate counts when its cosine similarity reaches ``threshold``.

``span._.ids`` gets the ranked CURIEs (the first is the prediction), ``span._.score`` the
confidence (1.0 for one exact concept, 1/n for n equally good ones, the cosine for TF-IDF) and
``span._.id_taxa`` the taxon of each identifier ("" when it has none).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.lexicon import LexEntry, Lexicon
from kg.model import EntityType
from kg.nlp.dictionary import entries_for
from kg.nlp.matching import rank_entries

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from kg.nlp.candidates import CandidateIndex


@dataclass(frozen=True, slots=True)
class Normalization:
    """Identifiers found for the entity at ``start``-``end`` (character offsets)."""

    start: int
    end: int
    ids: tuple[str, ...]
    taxa: tuple[str, ...]
    score: float
    method: str  # "exact", "abbreviation", "tfidf", "kept" or "none"

    def __post_init__(self) -> None:
        if len(self.ids) != len(self.taxa):
            raise ValueError("ids and taxa must align")
        if not 0.0 <= self.score <= 1.0:
            raise ValueError(f"score out of range: {self.score}")


class Normalizer:
    """Sets ``_.ids``, ``_.score`` and ``_.id_taxa`` on ``doc.ents``."""

    def __init__(
        self,
        *,
        lexicon: Lexicon,
        candidates: Callable[[Lexicon], CandidateIndex] | None = None,
        threshold: float = 0.8,
        k: int = 5,
    ) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold}")
        self.lexicon = lexicon
        self.threshold = threshold
        self.k = k
        self._make_candidates = candidates
        self._candidates: CandidateIndex | None = None
        self._stats = getattr(lexicon, "stats", None)  # a LexiconOverlay's learnt statistics

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[Normalization]:
        results: dict[tuple[int, int], Normalization] = {}
        links = _short_forms(doc)
        ents = doc.ents  # rebuilt from the token array on every access: once per step
        fuzzy: list[Span] = []
        for ent in ents:
            where = (ent.start_char, ent.end_char)
            if ent._.ids:
                results[where] = _kept(ent)
            elif where not in links:
                found = self._exact(ent)
                if found is not None:
                    results[where] = found
                else:
                    fuzzy.append(ent)
        results.update(self._tfidf(fuzzy))
        for ent in ents:  # short forms last: their long forms are done now
            where = (ent.start_char, ent.end_char)
            if where not in results:
                results[where] = (
                    _from_long_form(ent, links.get(where), results)
                    or self._exact(ent)
                    or _none(ent)
                )
        return [results[(e.start_char, e.end_char)] for e in ents]

    def set_annotations(self, doc: Doc, found: list[Normalization]) -> None:
        by_span = {(n.start, n.end): n for n in found}
        for ent in doc.ents:
            n = by_span.get((ent.start_char, ent.end_char))
            if n is not None and n.method != "kept":
                ent._.ids = n.ids
                ent._.id_taxa = n.taxa
                ent._.score = n.score

    # ------------------------------------------------------------------ steps

    def _exact(self, ent: Span) -> Normalization | None:
        entity_type = EntityType(ent.label_)
        entries = entries_for(self.lexicon, ent.text, entity_type)
        if not entries:
            return None
        prior = None
        if self._stats is not None:
            prior = self._stats.id_prior(entity_type, entries[0].key)
        ranked = rank_entries(entries, ent.text, prior)
        return Normalization(
            ent.start_char,
            ent.end_char,
            tuple(e.curie for e in ranked),
            tuple(e.taxon or "" for e in ranked),
            1.0 / _concepts_per_taxon(ranked),
            "exact",
        )

    def _tfidf(self, spans: list[Span]) -> dict[tuple[int, int], Normalization]:
        out: dict[tuple[int, int], Normalization] = {}
        if not spans or self._make_candidates is None:
            return out
        if self._candidates is None:
            self._candidates = self._make_candidates(self.lexicon)
        by_type: dict[EntityType, list[Span]] = {}
        for span in spans:
            by_type.setdefault(EntityType(span.label_), []).append(span)
        for entity_type, group in by_type.items():
            hits = self._candidates.search([s.text for s in group], entity_type, self.k)
            for span, candidates in zip(group, hits, strict=True):
                if candidates and candidates[0].similarity >= self.threshold:
                    best = candidates[0]
                    taxon = self._taxon(best.curie)
                    out[(span.start_char, span.end_char)] = Normalization(
                        span.start_char,
                        span.end_char,
                        (best.curie,),
                        (taxon,),
                        round(best.similarity, 4),
                        "tfidf",
                    )
        return out

    def _taxon(self, curie: str) -> str:
        concept = self.lexicon.concept(curie)
        return (concept.taxon or "") if concept is not None else ""


def _from_long_form(
    ent: Span,
    long_form: tuple[int, int] | None,
    results: dict[tuple[int, int], Normalization],
) -> Normalization | None:
    found = results.get(long_form) if long_form is not None else None
    if found is None or not found.ids:
        return None
    return Normalization(
        ent.start_char, ent.end_char, found.ids, found.taxa, found.score, "abbreviation"
    )


def _short_forms(doc: Doc) -> dict[tuple[int, int], tuple[int, int]]:
    """Short-form occurrence -> long-form entity offsets, from the abbreviation step."""
    links: dict[tuple[int, int], tuple[int, int]] = {}
    for abbreviation in doc._.irkg_abbreviations or ():
        if abbreviation.long_entity is not None:
            for occurrence in abbreviation.occurrences:
                links[occurrence] = abbreviation.long_entity
    return links


def _concepts_per_taxon(ranked: list[LexEntry]) -> int:
    """How many concepts compete within the most crowded taxon (1 = unambiguous)."""
    counts: dict[str | None, int] = {}
    for entry in ranked:
        counts[entry.taxon] = counts.get(entry.taxon, 0) + 1
    return max(counts.values())


def _kept(ent: Span) -> Normalization:
    ids = tuple(ent._.ids)
    taxa = tuple(ent._.id_taxa) if len(ent._.id_taxa or ()) == len(ids) else ("",) * len(ids)
    return Normalization(ent.start_char, ent.end_char, ids, taxa, float(ent._.score or 1.0), "kept")


def _none(ent: Span) -> Normalization:
    return Normalization(ent.start_char, ent.end_char, (), (), 0.0, "none")
