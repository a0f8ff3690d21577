"""In-document abbreviations (``irkg_abbreviations_v1``): a short form means what its long form means.

Definitions are found with scispaCy's Schwartz & Hearst implementation ("long form (SF)" and
"SF (long form)"). When the long form is an entity, every occurrence of the short form in the
document becomes an entity of the same type, linked to the long form so the normaliser gives it
the same identifiers: "radiation-induced lymphopenia (RIL)" makes every "RIL" a Disease, even
though RIL is also a gene alias; "immune checkpoint inhibitors (ICIs)" makes "ICI"/"ICIs"
chemicals. Occurrences are matched case-sensitively on whole letter/digit runs, also inside
hyphenated tokens ("RIL-associated"), with the plural/singular variant ("ICI" for "ICIs").
Definitions are recorded in ``doc._.irkg_abbreviations`` either way: the ambiguity step uses them
as evidence for or against a dictionary match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.nlp.spans import align_to_tokens

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span
    from spacy.vocab import Vocab

# the long form must cover at least this share of the entity that ends it, and vice versa
MIN_LONG_FORM_COVER = 0.5


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

    def __post_init__(self) -> None:
        if not (self.short and self.long):
            raise ValueError("an abbreviation needs a short and a long form")


class AbbreviationResolver:
    """Finds definitions; gives short-form occurrences the long form's entity type."""

    def __init__(self, vocab: Vocab, *, min_long_form_cover: float = MIN_LONG_FORM_COVER) -> None:
        from spacy.matcher import Matcher

        if not 0 < min_long_form_cover <= 1:
            raise ValueError(f"min_long_form_cover must be in (0, 1], got {min_long_form_cover}")
        self.min_cover = min_long_form_cover
        self._parens = Matcher(vocab)
        self._parens.add("parenthesis", [[{"ORTH": "("}, {"OP": "+"}, {"ORTH": ")"}]])

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[Abbreviation]:
        """Definitions with their occurrences and the entity their long form names."""
        from scispacy.abbreviation import filter_matches, find_abbreviation

        inner = [(m, start + 1, end - 1) for m, start, end in self._parens(doc)]
        found: list[Abbreviation] = []
        seen_short: set[str] = set()
        for long_candidate, short_candidate in filter_matches(inner, doc):
            short, long = find_abbreviation(long_candidate, short_candidate)
            if long is None or short.text in seen_short or not long.text.strip():
                continue
            seen_short.add(short.text)
            found.append(self._definition(doc, short, long))
        return found

    def set_annotations(self, doc: Doc, found: list[Abbreviation]) -> None:
        doc._.irkg_abbreviations = found
        typed = [a for a in found if a.label]
        if not typed:
            return
        # an occurrence inside a longer entity is part of another name ("PD" in "PD-L1")
        inside = [(e.start_char, e.end_char) for e in doc.ents]
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

    def _definition(self, doc: Doc, short: Span, long: Span) -> Abbreviation:
        entity = self._long_form_entity(doc, long)
        occurrences = _occurrences(doc.text, short.text) if entity is not None else ()
        return Abbreviation(
            short=short.text,
            long=long.text,
            short_start=short.start_char,
            short_end=short.end_char,
            long_start=long.start_char,
            long_end=long.end_char,
            occurrences=occurrences,
            label=entity.label_ if entity is not None else "",
            long_entity=(entity.start_char, entity.end_char) if entity is not None else None,
        )

    def _long_form_entity(self, doc: Doc, long: Span) -> Span | None:
        """The entity that ends the long form and covers most of it, if any."""
        for ent in doc.ents:
            if ent.end_char != long.end_char or ent.start_char < long.start_char:
                continue
            if len(ent.text) >= self.min_cover * len(long.text):
                return ent
        return None


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


def _overlaps_any(span: Span, others: list[Span]) -> bool:
    return any(span.start < o.end and o.start < span.end for o in others)
