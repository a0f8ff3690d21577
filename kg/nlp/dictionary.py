"""The dictionary recogniser (``irkg_dictionary_v1``): lexicon terms found in the text.

For every start of a word, the window grows piece by piece while its key is a prefix of a
lexicon key (``kg.nlp.keyindex``); the longest window whose key names entries that pass the case
rules (``kg.nlp.matching``) is the match at that start (a longer stop-listed window gives way to
a shorter one that is not), typed by ``kg.nlp.typechoice``. The
candidates go to ``doc.spans[span_key]``; overlaps between starts are left to the merge step,
which sees the candidates of every recogniser. Matches may end inside a token ("lithium" in
"lithium-induced"); such tokens are split (``kg.nlp.spans``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from kg.lexicon import Flags, LexEntry, Lexicon, normalize_key
from kg.model import EntityType
from kg.nlp.coordination import Part, conjuncts
from kg.nlp.extensions import Candidate, set_candidates
from kg.nlp.keyindex import (
    KeyPrefixIndex,
    Pieces,
    fold_piece,
    is_possessive_s,
    pieces,
)
from kg.nlp.matching import case_ok, exact_candidates, exact_score, rank_learnt
from kg.nlp.merge import DEFAULT_TYPE_PRIORITY
from kg.nlp.sites import disease_entries, site_of_phrase, site_term, word_before
from kg.nlp.spans import CharSpan, doc_text, to_spans
from kg.nlp.typechoice import choose_type
from kg.taxa import HUMAN, MOUSE

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

MAX_MODIFIERS = 3
DEFAULT_TYPES = (
    EntityType.GENE,
    EntityType.CHEMICAL,
    EntityType.DISEASE,
    EntityType.CELL_LINE,
    EntityType.SPECIES,
    EntityType.RADIOTHERAPY,
)


@dataclass(frozen=True, slots=True)
class DictMatch:
    """The longest lexicon match at one start: its range, chosen type and passing entries."""

    start: int
    end: int
    type: EntityType
    entries: tuple[LexEntry, ...]
    head: int | None = None  # where the lexicon term starts when modifiers were taken in
    term: str = ""  # the lexicon term that names the match when the text is not one (kg.nlp.sites)
    parts: tuple[Part, ...] = ()  # conjuncts sharing the match's head (kg.nlp.coordination)

    def __post_init__(self) -> None:
        if not self.entries:
            raise ValueError("a dictionary match needs at least one entry")


class DictionaryRecognizer:
    """Finds lexicon terms; writes candidate spans (one per type) to ``doc.spans[span_key]``."""

    def __init__(
        self,
        *,
        lexicon: Lexicon,
        types: Iterable[str] = tuple(t.value for t in DEFAULT_TYPES),
        span_key: str = "irkg_dict",
        type_priority: Iterable[str] = DEFAULT_TYPE_PRIORITY,
        max_chars: int = 120,
        min_chars: int = 2,
    ) -> None:
        if max_chars < min_chars or min_chars < 1:
            raise ValueError(f"need 1 <= min_chars <= max_chars, got {min_chars}, {max_chars}")
        self.lexicon = lexicon
        self.types = frozenset(EntityType.parse(t) for t in types)
        self.span_key = span_key
        self.priority = tuple(type_priority)
        self.max_chars = max_chars
        self.min_chars = min_chars
        self._index = KeyPrefixIndex(lexicon)
        self._stats = getattr(lexicon, "stats", None)  # a LexiconOverlay's learnt statistics
        # window surface (and whether it ends in a letter or digit) -> its type and entries:
        # the same words are keys in every abstract ("patients", "rats"), and filtering their
        # entries is most of the matching time
        self._found: dict[tuple[str, bool], tuple[EntityType, tuple[LexEntry, ...]] | None] = {}

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[DictMatch]:
        """The longest accepted match at every start in ``doc.text`` (overlaps kept)."""
        return self.match_text(doc_text(doc))

    def match_text(self, text: str) -> list[DictMatch]:
        found: list[DictMatch] = []
        parts = pieces(text)
        for i, alnum in enumerate(parts.alnum):
            if alnum:
                best = self._longest_at(text, parts, i)
                if best is not None:
                    found.append(best)
        plain = {(m.start, m.end) for m in found}
        out: list[DictMatch] = []
        seen: set[tuple[int, int, EntityType]] = set()
        for m in found:
            m = self._extended(text, self._coordinated(text, self._site(text, m)))
            # a modifier that starts a lexicon term of its own ("acute renal failure") is that
            # term; two starts that grow into one phrase ("lung cancer", and "cancer" through its
            # site, both into "brain and lung cancer") give one match
            where = (m.start, m.end, m.type)
            if (m.head is None or (m.start, m.end) not in plain) and where not in seen:
                seen.add(where)
                out.append(m)
        return out

    def _site(self, text: str, match: DictMatch) -> DictMatch:
        """A bare tumour noun with its site before it ("pancreatic tumors"): that site's term."""
        if match.type is not EntityType.DISEASE:
            return match
        site = site_term(text, match.start, match.end, self.lexicon.lookup_key)
        if site is None:
            return match
        return replace(
            match, start=site.start, head=match.start, term=site.term, entries=site.entries
        )

    def _coordinated(self, text: str, match: DictMatch) -> DictMatch:
        """Conjuncts sharing the match's head ("brain, breast, and prostate cancer")."""
        if match.type is not EntityType.DISEASE:
            return match
        found = conjuncts(
            text,
            match.start,
            match.end,
            self._disease_term,
            lambda word: bool(disease_entries(word, self.lexicon.lookup_key)),
        )
        if found is None:
            return match
        head = match.start if match.head is None else match.head
        return replace(match, start=found.start, head=head, parts=found.parts)

    def _disease_term(self, term: str) -> Part | None:
        """A conjunct completed with the shared head: a Disease term, directly or as a site."""
        entries = disease_entries(term, self.lexicon.lookup_key)
        if entries:
            return Part(term, entries)
        site = site_of_phrase(term, self.lexicon.lookup_key)
        return Part(site.term, site.entries) if site is not None and site.start == 0 else None

    def _extended(self, text: str, match: DictMatch) -> DictMatch:
        """Take learnt modifier words before the match into it ("hereditary breast cancer")."""
        if self._stats is None:
            return match
        start = match.start
        for _ in range(MAX_MODIFIERS):
            word = word_before(text, start)
            if word is None or not self._stats.extends(match.type, word[2]):
                break
            start = word[0]
        if start == match.start:
            return match
        return replace(match, start=start, head=match.start if match.head is None else match.head)

    def set_annotations(self, doc: Doc, matches: list[DictMatch]) -> None:
        found = [CharSpan(m.start, m.end, m.type.value) for m in matches]
        spans = to_spans(doc, found)
        text = doc_text(doc)
        for span, match in zip(spans, matches, strict=True):
            span._.source = "dictionary"
            if match.head is not None:  # modifiers taken in: the term's identifiers
                self._set_head_ids(span, match, text)
        doc.spans[self.span_key] = spans

    def _set_head_ids(self, span: Span, match: DictMatch, text: str) -> None:
        """Identifiers from the term the match stands for, conjuncts' concepts first."""
        head = match.term or text[match.head : match.end]
        entries = tuple(e for e in match.entries if e.type == match.type)
        candidates: list[Candidate] = []
        score = 1.0
        for part in (*match.parts, Part(head, entries)):
            ranked = rank_learnt(list(part.entries), part.term, self._stats, match.type)
            seen = {c.curie for c in candidates}
            candidates.extend(c for c in exact_candidates(ranked) if c.curie not in seen)
            score = min(score, exact_score(ranked))
        set_candidates(span, candidates, score)

    # ------------------------------------------------------------------ internals

    def _longest_at(self, text: str, parts: Pieces, i: int) -> DictMatch | None:
        best = self._longest_from(text, parts, i, 0)
        if best is None and EntityType.GENE in self.types:
            taxon = species_prefix(text[parts.starts[i] : parts.ends[i]])
            if taxon is not None:  # "hDaxx", "mCB2": the gene of that species
                found = self._longest_from(text, parts, i, 1)
                if found is not None:
                    genes = tuple(e for e in found.entries if e.type is EntityType.GENE)
                    entries = tuple(e for e in genes if e.taxon == taxon) or genes
                    if entries:
                        best = replace(
                            found, start=parts.starts[i], type=EntityType.GENE, entries=entries
                        )
        return best

    def _longest_from(self, text: str, parts: Pieces, i: int, skip: int) -> DictMatch | None:
        """The longest accepted window starting ``skip`` characters into piece ``i``."""
        starts, ends, alnums = parts.starts, parts.ends, parts.alnum
        start = starts[i] + skip
        index = self._index
        folded = ""
        is_key = False
        best: DictMatch | None = None
        previous_end = start
        for j in range(i, len(starts)):
            piece_start, piece_end, alnum = starts[j], ends[j], alnums[j]
            if piece_end - start > self.max_chars or "\n" in text[previous_end:piece_start]:
                break
            previous_end = piece_end
            if alnum and not is_possessive_s(text, parts, j):
                folded += fold_piece(text[max(piece_start, start) : piece_end], j == i)
                is_prefix, is_key = index.probe(folded)
                is_key = is_key or index.plural_hit(folded)
                if not is_prefix and not is_key:
                    break
            if piece_end - start < self.min_chars:
                continue
            if is_key:
                match = self._entries(start, piece_end, text[start:piece_end], alnum)
                if match is not None and (best is None or _usable(match) or not _usable(best)):
                    best = match
        return best

    def _entries(self, start: int, end: int, surface: str, alnum_end: bool) -> DictMatch | None:
        """Entries for one window (remembered per surface, up to ``FOUND_CACHE`` surfaces)."""
        found = self._found.get((surface, alnum_end), _UNSEEN)
        if found is _UNSEEN:
            if len(self._found) >= FOUND_CACHE:
                self._found.clear()
            found = self._found[(surface, alnum_end)] = self._typed_entries(surface, alnum_end)
        return None if found is None else DictMatch(start, end, found[0], found[1])

    def _typed_entries(
        self, surface: str, alnum_end: bool
    ) -> tuple[EntityType, tuple[LexEntry, ...]] | None:
        """The chosen type and accepted entries of a window's surface; a window ending in
        punctuation ("Ca2+", "IL-1(beta)") only for terms that end in the same character, so
        "cisplatin," never keeps its comma."""
        key = normalize_key(surface)
        entries = tuple(
            e
            for e in self.lexicon.lookup_key(key)
            if e.type in self.types
            and (alnum_end or e.term.endswith(surface[-1]))
            and same_layout(e.term, surface)
            and case_ok(e, surface)
            and not (e.type is EntityType.CELL_LINE and _CELL_SUFFIX.search(e.term))
        )
        if not entries:
            return None
        votes = None
        if self._stats is not None:
            votes = self._stats.type_votes(key, {e.type for e in entries})
        return choose_type(entries, surface, priority=self.priority, learnt=votes), entries


FOUND_CACHE = 1 << 16
_UNSEEN = object()

# Cellosaurus synonyms like "ME180 cell": the gold, and the graph, name the line without "cells"
_CELL_SUFFIX = re.compile(r"\s+cells?$", re.IGNORECASE)


def _usable(match: DictMatch) -> bool:
    """Not stop-listed as its chosen type: a stop-listed longer window ("HeLa cells") must not
    hide a good shorter one ("HeLa"); a stop-listed match is kept only when nothing else is."""
    return not all(Flags.STOP in e.flags for e in match.entries if e.type == match.type)


def same_layout(term: str, surface: str) -> bool:
    """Separators the key ignores but that change what the text says: a short, unbroken symbol
    never matches several words ("ISA" is not "is a"), and brackets and underscores in the text
    must be in the term ("adenomatous polyposis coli (APC)" is a name and its abbreviation, not
    one term; "C_6+/6+" is a genotype, not the gene C6)."""
    if " " in surface and " " not in term and len(term) <= 5 and term.isalnum():
        return False
    return not any(b in surface and b not in term for b in "()[]_")


_SPECIES_PREFIX = re.compile(r"[hm](?=[A-Z][A-Za-z0-9]{2,}$)")
_PREFIX_TAXA = {"h": HUMAN, "m": MOUSE}


def species_prefix(word: str) -> str | None:
    """The taxon of a species prefix on a gene symbol: "hDaxx" -> human, "mCB2" -> mouse."""
    m = _SPECIES_PREFIX.match(word)
    return _PREFIX_TAXA[m.group()] if m is not None else None


def entries_for(lexicon: Lexicon, surface: str, type_: EntityType | None = None) -> list[LexEntry]:
    """Entries a surface names under the case rules, optionally of one type (normaliser's view);
    a gene symbol with a species prefix ("hDaxx") names that species' gene."""
    found = [
        e
        for e in lexicon.lookup_key(normalize_key(surface))
        if (type_ is None or e.type == type_)
        and same_layout(e.term, surface)
        and case_ok(e, surface)
    ]
    taxon = species_prefix(surface) if type_ in (None, EntityType.GENE) else None
    if found or taxon is None:
        return found
    genes = entries_for(lexicon, surface[1:], EntityType.GENE)
    return [e for e in genes if e.taxon == taxon] or genes


__all__ = ["DEFAULT_TYPES", "DictMatch", "DictionaryRecognizer", "Flags", "entries_for"]
