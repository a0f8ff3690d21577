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

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.lexicon import Flags, LexEntry, Lexicon, normalize_key
from kg.model import EntityType
from kg.nlp.keyindex import KeyPrefixIndex, fold_piece, is_possessive_s, key_variants, pieces
from kg.nlp.matching import case_ok
from kg.nlp.merge import DEFAULT_TYPE_PRIORITY
from kg.nlp.spans import CharSpan, to_spans
from kg.nlp.typechoice import choose_type

if TYPE_CHECKING:
    from spacy.tokens import Doc

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

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[DictMatch]:
        """The longest accepted match at every start in ``doc.text`` (overlaps kept)."""
        return self.match_text(doc.text)

    def match_text(self, text: str) -> list[DictMatch]:
        found: list[DictMatch] = []
        parts = pieces(text)
        for i, piece in enumerate(parts):
            if piece.alnum:
                best = self._longest_at(text, parts, i)
                if best is not None:
                    found.append(best)
        return found

    def set_annotations(self, doc: Doc, matches: list[DictMatch]) -> None:
        found = [CharSpan(m.start, m.end, m.type.value) for m in matches]
        spans = to_spans(doc, found)
        for span in spans:
            span._.source = "dictionary"
        doc.spans[self.span_key] = spans

    # ------------------------------------------------------------------ internals

    def _longest_at(self, text: str, parts: list, i: int) -> DictMatch | None:
        start = parts[i].start
        folded = ""
        best: DictMatch | None = None
        previous_end = start
        for j in range(i, len(parts)):
            piece = parts[j]
            gap = text[previous_end : piece.start]
            if "\n" in gap or piece.end - start > self.max_chars:
                break
            previous_end = piece.end
            if piece.alnum and not is_possessive_s(text, parts, j):
                folded += fold_piece(text[piece.start : piece.end], j == i)
                if not self._index.has_prefix(folded) and not self._plural_hit(folded):
                    break
            if piece.end - start < self.min_chars:
                continue
            if any(v in self._index for v in key_variants(folded)):
                match = self._entries(start, piece.end, text[start : piece.end], piece.alnum)
                if match is not None and (best is None or _usable(match) or not _usable(best)):
                    best = match
        return best

    def _plural_hit(self, folded: str) -> bool:
        return any(v in self._index for v in key_variants(folded)[1:])

    def _entries(self, start: int, end: int, surface: str, alnum_end: bool) -> DictMatch | None:
        """Entries for one window; a window ending in punctuation ("Ca2+", "IL-1(beta)") only
        for terms that end in the same character, so "cisplatin," never keeps its comma."""
        key = normalize_key(surface)
        entries = tuple(
            e
            for e in self.lexicon.lookup_key(key)
            if e.type in self.types
            and (alnum_end or e.term.endswith(surface[-1]))
            and case_ok(e, surface)
        )
        if not entries:
            return None
        votes = None
        if self._stats is not None:
            votes = self._stats.type_votes(key, {e.type for e in entries})
        chosen = choose_type(entries, surface, priority=self.priority, learnt=votes)
        return DictMatch(start, end, chosen, entries)


def _usable(match: DictMatch) -> bool:
    """Not stop-listed as its chosen type: a stop-listed longer window ("HeLa cells") must not
    hide a good shorter one ("HeLa"); a stop-listed match is kept only when nothing else is."""
    return not all(Flags.STOP in e.flags for e in match.entries if e.type == match.type)


def entries_for(lexicon: Lexicon, surface: str, type_: EntityType | None = None) -> list[LexEntry]:
    """Entries a surface names under the case rules, optionally of one type (normaliser's view)."""
    return [
        e
        for e in lexicon.lookup_key(normalize_key(surface))
        if (type_ is None or e.type == type_) and case_ok(e, surface)
    ]


__all__ = ["DEFAULT_TYPES", "DictMatch", "DictionaryRecognizer", "Flags", "entries_for"]
