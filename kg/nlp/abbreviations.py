"""In-document abbreviations (``irkg_abbreviations_v1``): a short form means its long form.

Definitions are found with scispaCy's Schwartz & Hearst implementation ("long form (SF)" and
"SF (long form)", with square brackets too: "acetylsalicylic acid [ASA]", and a short form that
opens a longer parenthesis: "diethylnitrosamine (DEN: 10 mg/kg/day)", "myelodysplastic syndrome
(MDS; n = 17)"). When the long form is an entity, every occurrence of the short form in the
document becomes an entity of the same type, linked to the long form so the normaliser gives it
the same identifiers:
"radiation-induced lymphopenia (RIL)" makes every "RIL" a Disease, even though RIL is also a
gene alias; "immune checkpoint inhibitors (ICIs)" makes "ICI"/"ICIs" chemicals. Occurrences are
matched case-sensitively on whole letter/digit runs, also inside hyphenated tokens
("RIL-associated"), with the plural/singular variant ("ICI" for "ICIs").

A long form that no recogniser found is looked up in the TF-IDF candidate index of
``fuzzy_types`` (diseases by default): "atelosteogenesis type 2 (AO2)" is MeSH's
"Atelosteogenesis, Type II", and a definition is the best evidence that the phrase is a name. At
``fuzzy_threshold`` or above, the long form becomes an entity with that identifier, and its short
forms follow; a long form the lexicon knows only as other types (an enzyme, a drug) is not
looked up. Definitions are recorded in ``doc._.irkg_abbreviations`` either way: the ambiguity
step uses them as evidence for or against a dictionary match.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from kg.lexicon import normalize_key
from kg.model import EntityType
from kg.nlp.spans import align_to_tokens, doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span
    from spacy.vocab import Vocab

    from kg.lexicon import Lexicon
    from kg.nlp.candidates import CandidateIndex

# the long form must cover at least this share of the entity that ends it, and vice versa
MIN_LONG_FORM_COVER = 0.5
MAX_INNER = 8  # scispaCy's filter_matches ignores parentheses holding more tokens
BRACKETS = (("(", ")"), ("[", "]"))
SEPARATORS = (";", ":", ",")  # after a short form that opens a parenthesis: "(DEN: 10 mg/kg)"


@dataclass(frozen=True, slots=True)
class Abbreviation:
    """One definition and where its short form occurs (character offsets)."""

    short: str
    long: str
    short_start: int
    short_end: int
    long_start: int
    long_end: int
    occurrences: tuple[tuple[int, int], ...] = ()
    label: str = ""  # entity type of the long form, "" when the long form is not an entity
    long_entity: tuple[int, int] | None = None  # offsets of that entity
    long_ids: tuple[str, ...] = ()  # identifiers found for a long form no recogniser had
    long_score: float = 0.0

    def __post_init__(self) -> None:
        if not (self.short and self.long):
            raise ValueError("an abbreviation needs a short and a long form")


class AbbreviationResolver:
    """Finds definitions; gives short-form occurrences the long form's entity type."""

    def __init__(
        self,
        vocab: Vocab,
        *,
        min_long_form_cover: float = MIN_LONG_FORM_COVER,
        lexicon: Lexicon | None = None,
        candidates: Callable[[Lexicon], CandidateIndex] | None = None,
        fuzzy_types: Iterable[str] = (EntityType.DISEASE.value,),
        fuzzy_threshold: float = 0.85,
    ) -> None:
        if not 0 < min_long_form_cover <= 1:
            raise ValueError(f"min_long_form_cover must be in (0, 1], got {min_long_form_cover}")
        if not 0 < fuzzy_threshold <= 1:
            raise ValueError(f"fuzzy_threshold must be in (0, 1], got {fuzzy_threshold}")
        self.min_cover = min_long_form_cover
        self.lexicon = lexicon
        self.fuzzy_types = tuple(EntityType.parse(t) for t in fuzzy_types)
        self.fuzzy_threshold = fuzzy_threshold
        self._make_candidates = candidates
        self._candidates: CandidateIndex | None = None
        self._fuzzy_cache: dict[str, tuple[float, EntityType, str] | None] = {}
        self._brackets = [(vocab.strings.add(a), vocab.strings.add(b)) for a, b in BRACKETS]
        self._separators = {vocab.strings.add(s) for s in SEPARATORS}

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[Abbreviation]:
        """Definitions with their occurrences and the entity their long form names."""
        from scispacy.abbreviation import filter_matches, find_abbreviation

        inner = self._parenthesised(doc)
        text = doc_text(doc)
        ents = doc.ents
        found: list[Abbreviation] = []
        seen_short: set[str] = set()
        for long_candidate, short_candidate in filter_matches(inner, doc):
            short, long = find_abbreviation(long_candidate, short_candidate)
            if long is None or short.text in seen_short or not long.text.strip():
                continue
            seen_short.add(short.text)
            found.append(self._definition(ents, text, short, long))
        return found

    def _parenthesised(self, doc: Doc) -> list[tuple[int, int, int]]:
        """What scispaCy's "( + )" Matcher gives, inner tokens only: every "(" ... ")" pair with
        at most ``MAX_INNER`` tokens between (longer ones its filter drops), from the ORTH
        column rather than Token objects; square brackets too ("acetylsalicylic acid [ASA]").
        A first token with a capital letter followed by a separator is offered alone, as if it
        were the whole parenthesis: "(DEN: 10 mg/kg/day)", "(MDS; n = 17)"; not when a word
        with a capital follows the separator too ("(ACE, TPA25, PV92)" is a list)."""
        from spacy.attrs import ORTH

        orth = doc.to_array(ORTH).tolist() if len(doc) else []
        pairs: list[tuple[int, int, int]] = []
        for open_, close in self._brackets:
            opens = [i for i, o in enumerate(orth) if o == open_]
            closes = [i for i, o in enumerate(orth) if o == close]
            pairs += [
                (0, i + 1, j) for i in opens for j in closes if i + 1 < j <= i + 1 + MAX_INNER
            ]
            pairs += [
                (0, i + 1, i + 2)
                for i in opens
                if i + 3 < len(orth)
                and orth[i + 2] in self._separators
                and _has_capital(doc[i + 1].text)
                and not _has_capital(doc[i + 3].text)  # a list: "(ACE, TPA25, PV92)"
            ]
        return sorted(pairs, key=lambda pair: pair[1])

    def set_annotations(self, doc: Doc, found: list[Abbreviation]) -> None:
        doc._.irkg_abbreviations = found
        typed = [a for a in found if a.label]
        if not typed:
            return
        self._add_long_forms(doc, [a for a in typed if a.long_ids])
        # an occurrence inside a longer entity is part of another name ("PD" in "PD-L1")
        ents = doc.ents
        inside = [(e.start_char, e.end_char) for e in ents]
        replaced: dict[tuple[int, int], str] = {}
        for a in typed:
            for start, end in a.occurrences:
                if not any(s <= start and end <= t and t - s > end - start for s, t in inside):
                    replaced[(start, end)] = a.label
        align_to_tokens(doc, replaced)
        kept = [
            e for e in doc.ents if not any(s < e.end_char and e.start_char < t for s, t in replaced)
        ]
        new: list[Span] = []
        for (start, end), label in sorted(replaced.items(), key=lambda kv: kv[0][0] - kv[0][1]):
            span = doc.char_span(start, end, label=label)
            if span is not None and not _overlaps_any(span, kept) and not _overlaps_any(span, new):
                span._.source = "abbreviation"
                new.append(span)
        doc.ents = sorted([*kept, *new], key=lambda s: s.start)

    # ------------------------------------------------------------------ internals

    def _definition(
        self, ents: tuple[Span, ...], text: str, short: Span, long: Span
    ) -> Abbreviation:
        entity = self._long_form_entity(ents, long)
        definition = Abbreviation(
            short=short.text,
            long=long.text,
            short_start=short.start_char,
            short_end=short.end_char,
            long_start=long.start_char,
            long_end=long.end_char,
            occurrences=_occurrences(text, short.text),
        )
        if entity is not None:
            return replace(
                definition,
                label=entity.label_,
                long_entity=(entity.start_char, entity.end_char),
            )
        return self._fuzzy(text, definition) or definition

    def _fuzzy(self, text: str, definition: Abbreviation) -> Abbreviation | None:
        """The long form's best TF-IDF candidate among ``fuzzy_types``, if good enough."""
        if self.lexicon is None or self._make_candidates is None or not self.fuzzy_types:
            return None
        # the lexicon names it as something else: "glucose-6-phosphate dehydrogenase (G6PD)"
        # is the enzyme, however close "... deficiency" is
        named = {e.type for e in self.lexicon.lookup_key(normalize_key(definition.long))}
        if named and not named & set(self.fuzzy_types):
            return None
        if self._candidates is None:
            self._candidates = self._make_candidates(self.lexicon)
        if definition.long not in self._fuzzy_cache:
            if len(self._fuzzy_cache) > 20_000:
                self._fuzzy_cache.clear()
            self._fuzzy_cache[definition.long] = self._best_fuzzy(definition.long)
        best = self._fuzzy_cache[definition.long]
        if best is None or best[0] < self.fuzzy_threshold:
            return None
        return replace(
            definition,
            label=best[1].value,
            long_entity=(definition.long_start, definition.long_end),
            long_ids=(best[2],),
            long_score=round(best[0], 4),
        )

    def _best_fuzzy(self, long: str) -> tuple[float, EntityType, str] | None:
        best: tuple[float, EntityType, str] | None = None
        for entity_type in self.fuzzy_types:
            hits = self._candidates.search([long], entity_type, 1)[0]  # type: ignore[union-attr]
            if not hits or not _same_name_shape(long, hits[0].alias):
                continue
            if best is None or hits[0].similarity > best[0]:
                best = (hits[0].similarity, entity_type, hits[0].curie)
        return best

    def _add_long_forms(self, doc: Doc, fuzzy: list[Abbreviation]) -> None:
        """Long forms found through TF-IDF become entities, replacing what lies inside them."""
        if not fuzzy:
            return
        ranges = [a.long_entity for a in fuzzy if a.long_entity is not None]
        align_to_tokens(doc, ranges)
        kept = [
            e for e in doc.ents if not any(s < e.end_char and e.start_char < t for s, t in ranges)
        ]
        new = []
        for a in fuzzy:
            start, end = a.long_entity  # type: ignore[misc]
            span = doc.char_span(start, end, label=a.label)
            if span is not None and not _overlaps_any(span, new):
                span._.source = "abbreviation"
                span._.ids = a.long_ids
                span._.id_taxa = ("",) * len(a.long_ids)
                span._.score = a.long_score
                new.append(span)
        doc.ents = sorted([*kept, *new], key=lambda s: s.start)

    def _long_form_entity(self, ents: tuple[Span, ...], long: Span) -> Span | None:
        """The entity that is the long form: it ends where the long form ends, starts in its first
        word (the short form's first letter is there) and covers most of it. "deleted in
        colorectal cancer (DCC)" names a gene, not the cancer at its end; "radiation-induced
        lymphopenia (RIL)" names the lymphopenia (one word and "-induced", "-associated" or
        "-related" before the entity)."""
        first_word_end = long.start_char + len(long[0].text)
        text = doc_text(long.doc)
        for ent in ents:
            if ent.end_char != long.end_char:
                continue
            if _CAUSE_PREFIX.fullmatch(text, long.start_char, ent.start_char):
                return ent  # "radiation-induced lymphopenia (RIL)": a kind of lymphopenia
            if not long.start_char <= ent.start_char < first_word_end:
                continue
            if len(ent.text) >= self.min_cover * len(long.text):
                return ent
        return None


# the words before a long form's entity that make the short form a kind of it: "radiation-
# induced lymphopenia (RIL)", "therapy-related leukemia", "drug-associated liver injury"
_CAUSE_PREFIX = re.compile(r"[^\W_]+[- ](?:induced|associated|related) +", re.IGNORECASE)


def _occurrences(text: str, short: str) -> tuple[tuple[int, int], ...]:
    """Whole-run, case-sensitive occurrences of a short form and its plural/singular."""
    variants = {short}
    if short.endswith("s") and len(short) > 2:
        variants.add(short[:-1])
    else:
        variants.add(short + "s")
    pattern = "|".join(re.escape(v) for v in sorted(variants, key=len, reverse=True))
    regex = re.compile(rf"(?<![^\W_])(?:{pattern})(?![^\W_])")
    return tuple((m.start(), m.end()) for m in regex.finditer(text))


def _has_capital(text: str) -> bool:
    return any(c.isupper() for c in text)


def _same_name_shape(long: str, alias: str) -> bool:
    """A fuzzy hit must spell (nearly) the whole long form from its first word on: "deleted in
    breast cancer (DBC)" is not "breast cancer", however similar the n-grams."""
    a, b = normalize_key(long), normalize_key(alias)
    if not a or not b or a[:3] != b[:3]:
        return False
    return min(len(a), len(b)) / max(len(a), len(b)) >= 0.75


def _overlaps_any(span: Span, others: list[Span]) -> bool:
    return any(span.start < o.end and o.start < span.end for o in others)
