"""Fast candidate windows: text pieces, their key folds, and a prefix test over the lexicon keys.

``normalize_key`` costs ~12 µs on a fresh string, and an abstract has thousands of word windows,
so the dictionary recogniser never keys every window. Instead it walks *pieces* (runs of letters
and digits, and single punctuation characters) and grows each window's key by concatenating the
per-piece folds (cached: words repeat). A window is extended only while its key so far is a prefix
of some lexicon key (binary search in the sorted key list), and the real ``normalize_key`` is
computed only for windows whose folded key, or its plural-stripped form, is a lexicon key. The
folds come from ``normalize_key`` itself (see ``fold_piece``), so both sides agree on Greek
letters, Roman numerals and case.

Pieces: a match starts at the start of a letter/digit run and ends at the end of a piece, so
"cGAS" is found in "cGAS/STING" and "lithium" in "lithium-induced", but "MC" never in "MC38" and
"IL6" never in "IL6R": runs are never cut.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from kg.lexicon import Lexicon, normalize_key

_PIECE = re.compile(r"[^\W_]+|[^\w\s]|_", re.UNICODE)
_APOSTROPHES = frozenset("'’′")


class Pieces:
    """The letter/digit runs and single punctuation characters of a text, as three parallel
    lists (starts, ends, whether alphanumeric): one object per text, not one per piece, since
    this runs over every character of every document."""

    __slots__ = ("alnum", "ends", "starts")

    def __init__(self, text: str) -> None:
        found = [(m.start(), m.end()) for m in _PIECE.finditer(text)]
        self.starts = [s for s, _ in found]
        self.ends = [e for _, e in found]
        self.alnum = [text[s].isalnum() for s in self.starts]

    def __len__(self) -> int:
        return len(self.starts)


def pieces(text: str) -> Pieces:
    """Letter/digit runs and single punctuation characters of ``text``, with offsets."""
    return Pieces(text)


@lru_cache(maxsize=1 << 17)
def fold_piece(piece: str, first: bool) -> str:
    """How ``normalize_key`` folds one word inside a longer text, without the final plural rule.

    The word is keyed between dummy words ("a"), which keeps it away from the end (no plural
    stripping) and, unless ``first``, from the start (Roman numerals count only after the first
    word), then the dummies are cut off again.
    """
    if first:
        key = normalize_key(f"{piece} a")
        return key[:-1] if key.endswith("a") else key
    key = normalize_key(f"a {piece} a")
    return key[1:-1] if len(key) >= 2 and key[0] == "a" and key[-1] == "a" else key


class KeyPrefixIndex:
    """Membership (the lexicon's own key index) and prefix tests (its sorted key list)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self._lexicon = lexicon
        self._keys: list[str] = list(lexicon.keys())  # sorted; shares the lexicon's strings

    def __contains__(self, key: object) -> bool:
        return key in self._lexicon

    def probe(self, folded: str) -> tuple[bool, bool]:
        """Whether some key starts with ``folded``, and whether ``folded`` is a key itself:
        both from one binary search (the first key not below ``folded`` is ``folded`` when it
        is a key), since the dictionary asks both for every window it grows."""
        keys = self._keys
        i = bisect_left(keys, folded)
        if i == len(keys):
            return False, False
        key = keys[i]
        return key.startswith(folded), key == folded

    def plural_hit(self, folded: str) -> bool:
        """Whether a plural-stripped form of ``folded`` ("cells" -> "cell") is a key."""
        if not folded.endswith("s"):
            return False
        lexicon = self._lexicon
        return (folded.endswith("ies") and folded[:-3] + "y" in lexicon) or folded[:-1] in lexicon


def is_possessive_s(text: str, parts: Pieces, index: int) -> bool:
    """Piece ``index`` is the "s" of "Hodgkin's" (normalize_key drops possessives)."""
    if index < 2:
        return False
    starts, ends = parts.starts, parts.ends
    return (
        text[starts[index] : ends[index]] in ("s", "S")
        and text[starts[index - 1] : ends[index - 1]] in _APOSTROPHES
        and starts[index - 1] == ends[index - 2]
        and starts[index] == ends[index - 1]
        and parts.alnum[index - 2]
    )
