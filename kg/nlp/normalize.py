"""Entity -> identifiers (``irkg_normalizer_v1``): exact lexicon keys first, then TF-IDF candidates.

For every entity in ``doc.ents`` without identifiers:

1. a short form defined in the document takes its long form's identifiers (after the long form
   itself is normalised);
2. exact: the entries under the span's normalised key, of the span's type, that pass the case
   rules, ranked (same spelling, preferred term, official symbol first). Genes keep every taxon's
   identifiers here; the species step picks one taxon. A short form whose long form is no
   entity keeps only the candidates its long form names, when it names any: "thrombopoietin
   (TPO)" is THPO, not TPO (thyroid peroxidase), even where no recogniser kept the long form;
3. otherwise the span's head: a bare tumour noun with its site before it ("pancreatic tumors" is
   the lexicon's "pancreatic neoplasms", ``kg.nlp.sites``), or the longest word-final part of
   two words or more with an exact key ("sporadic breast cancers" -> "breast cancers"): a
   trained model's spans include modifiers the lexicon never lists, and the concept is the
   head's;
4. otherwise the character 3-gram TF-IDF index of the span's type (``kg.nlp.candidates``): the
   best candidate counts when its cosine similarity reaches ``threshold``;
5. otherwise a one-word head that is not stop-listed ("severe hypertension").

An entity that none of these steps links leaves ``doc.ents`` (``keep_unlinked=False``, the
default): a mention names an entity of the graph or nothing, and a trained model's span that no
vocabulary term resembles ("Dmpk-/-", "impaired C2") is more often not a name than a new one.
``keep_unlinked=True`` keeps such spans, without identifiers, for span-level uses.

``span._.candidates`` gets the ranked candidates with their taxa and scores (every taxon's for a
gene), ``span._.ids`` only the prediction (the first candidate: downstream, every id there is an
asserted entity), ``span._.score`` its confidence (1.0 for one exact concept, 1/n for n equally
good ones, the cosine for TF-IDF). A span whose ids an earlier step set keeps them, the first as
its prediction and all as its candidates.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.lexicon import Flags, LexEntry, Lexicon
from kg.model import EntityType
from kg.nlp.dictionary import entries_for
from kg.nlp.extensions import Candidate, candidates_of, set_candidates
from kg.nlp.matching import exact_candidates, exact_score, rank_learnt
from kg.nlp.sites import site_of_phrase

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from kg.nlp.candidates import CandidateIndex

_WORD_START = re.compile(r"(?<=[ ])[^\W_]")  # a word after a space: where a head part may start


@dataclass(frozen=True, slots=True)
class Normalization:
    """Candidates found for the entity at ``start``-``end`` (character offsets), best first."""

    start: int
    end: int
    candidates: tuple[Candidate, ...]
    score: float  # confidence of the prediction (the first candidate)
    method: str  # "exact", "abbreviation", "head", "tfidf", "kept" or "none"

    def __post_init__(self) -> None:
        if not all(isinstance(c, Candidate) and c.curie for c in self.candidates):
            raise ValueError(f"candidates must be Candidate records: {self.candidates!r}")
        for value in (self.score, *(c.score for c in self.candidates)):
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"score out of range: {value}")

    @property
    def ids(self) -> tuple[str, ...]:
        """The prediction: the first candidate's CURIE, or nothing."""
        return (self.candidates[0].curie,) if self.candidates else ()


class Normalizer:
    """Sets ``_.candidates``, ``_.ids`` (the prediction), ``_.id_taxa`` and ``_.score``."""

    def __init__(
        self,
        *,
        lexicon: Lexicon,
        candidates: Callable[[Lexicon], CandidateIndex] | None = None,
        threshold: float = 0.8,
        k: int = 5,
        keep_unlinked: bool = False,
    ) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold}")
        self.lexicon = lexicon
        self.threshold = threshold
        self.k = k
        self.keep_unlinked = keep_unlinked
        self._make_candidates = candidates
        self._candidates: CandidateIndex | None = None
        self._stats = getattr(lexicon, "stats", None)  # a LexiconOverlay's learnt statistics

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[Normalization]:
        results: dict[tuple[int, int], Normalization] = {}
        links, defined = _short_forms(doc)
        ents = doc.ents  # rebuilt from the token array on every access: once per step
        fuzzy: list[Span] = []
        for ent in ents:
            where = (ent.start_char, ent.end_char)
            if ent._.ids:
                results[where] = _kept(ent)
            elif where not in links:
                found = self._exact(ent, defined.get(where)) or self._head(ent)
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
                    or self._head(ent, one_word=True)
                    or _none(ent)
                )
        return [results[(e.start_char, e.end_char)] for e in ents]

    def set_annotations(self, doc: Doc, found: list[Normalization]) -> None:
        by_span = {(n.start, n.end): n for n in found}
        ents = doc.ents
        for ent in ents:
            n = by_span.get((ent.start_char, ent.end_char))
            if n is not None:
                set_candidates(ent, n.candidates, n.score)
        if not self.keep_unlinked and any(not ent._.ids for ent in ents):
            doc.ents = [ent for ent in ents if ent._.ids]

    # ------------------------------------------------------------------ steps

    def _exact(self, ent: Span, long_form: str | None = None) -> Normalization | None:
        entity_type = EntityType(ent.label_)
        entries = entries_for(self.lexicon, ent.text, entity_type)
        if not entries:
            return None
        if long_form is not None:
            named = {e.curie for e in entries_for(self.lexicon, long_form, entity_type)}
            entries = [e for e in entries if e.curie in named] or entries
        ranked = rank_learnt(entries, ent.text, self._stats, entity_type)
        return Normalization(
            ent.start_char, ent.end_char, exact_candidates(ranked), exact_score(ranked), "exact"
        )

    def _head(self, ent: Span, *, one_word: bool = False) -> Normalization | None:
        """The site term of a tumour phrase, else the longest word-final part with an exact key:
        of two words or more, or (``one_word``, after TF-IDF found nothing) a single word that
        is not stop-listed ("Kabuki-like syndrome" is no mention of Syndrome). The score is the
        exact score times the share of the span the head covers."""
        entity_type = EntityType(ent.label_)
        text = ent.text
        site = None
        if entity_type is EntityType.DISEASE:
            site = site_of_phrase(text, self.lexicon.lookup_key)
        if site is not None:
            term, entries, covered = site.term, list(site.entries), len(text) - site.start
        else:
            term, entries = self._tail(text, entity_type, one_word)
            covered = len(term)
        if not entries:
            return None
        ranked = rank_learnt(entries, term, self._stats, entity_type)
        return Normalization(
            ent.start_char,
            ent.end_char,
            exact_candidates(ranked),
            round(exact_score(ranked) * covered / len(text), 4),
            "head",
        )

    def _tail(
        self, text: str, entity_type: EntityType, one_word: bool
    ) -> tuple[str, list[LexEntry]]:
        """The longest word-final part of ``text`` with exact entries, and those entries."""
        for m in _WORD_START.finditer(text, 1):
            tail = text[m.start() :]
            if " " not in tail and not one_word:
                break
            entries = entries_for(self.lexicon, tail, entity_type)
            if " " not in tail and all(Flags.STOP in e.flags for e in entries):
                continue  # the last word; a stop-listed one ("syndrome") names nothing
            if entries:
                return tail, entries
        return "", []

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
                good = [c for c in candidates if c.similarity >= self.threshold]
                if good:
                    out[(span.start_char, span.end_char)] = Normalization(
                        span.start_char,
                        span.end_char,
                        tuple(
                            Candidate(c.curie, self._taxon(c.curie), round(c.similarity, 4))
                            for c in good
                        ),
                        round(good[0].similarity, 4),
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
    if found is None or not found.candidates:
        return None
    return Normalization(
        ent.start_char, ent.end_char, found.candidates, found.score, "abbreviation"
    )


def _short_forms(
    doc: Doc,
) -> tuple[dict[tuple[int, int], tuple[int, int]], dict[tuple[int, int], str]]:
    """From the abbreviation step: short-form occurrence -> its long form's entity (offsets),
    and short-form occurrence -> its long form's text where the long form is no entity."""
    links: dict[tuple[int, int], tuple[int, int]] = {}
    unlinked: dict[tuple[int, int], str] = {}
    for abbreviation in doc._.irkg_abbreviations or ():
        for occurrence in abbreviation.occurrences:
            if abbreviation.long_entity is not None:
                links[occurrence] = abbreviation.long_entity
            else:
                unlinked[occurrence] = abbreviation.long
    return links, unlinked


def _kept(ent: Span) -> Normalization:
    return Normalization(
        ent.start_char, ent.end_char, candidates_of(ent), float(ent._.score or 1.0), "kept"
    )


def _none(ent: Span) -> Normalization:
    return Normalization(ent.start_char, ent.end_char, (), 0.0, "none")
