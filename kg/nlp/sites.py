"""Site + generic tumour noun: "prostate carcinoma" is the lexicon's "prostate cancer".

MeSH names a site's neoplasms with a few fixed heads ("Pancreatic Neoplasms", entry terms
"pancreatic cancer", "cancer of pancreas"), while papers combine any site word with any tumour
noun: "pancreatic tumors", "prostate carcinoma", "kidney cancer", "jaw tumor". Left alone the
dictionary finds only the bare noun ("tumors" -> Neoplasms) and loses both the span and the
concept. When a Disease match is a bare tumour noun, the one or two words before it are tried
with each head MeSH uses; the first combination that is a Disease term of the lexicon names the
whole phrase. Only the lexicon decides: "MC38 tumors" or "solid tumours" stay bare because no
such term exists, and a site that is a term of its own ("breast carcinoma") never gets here.
"""

from __future__ import annotations

from collections.abc import Callable

from kg.lexicon import LexEntry, normalize_key
from kg.model import EntityType

# the bare nouns a site can be put before (singular and plural, both spellings)
TUMOUR_NOUNS = frozenset(
    """tumor tumors tumour tumours cancer cancers carcinoma carcinomas neoplasm neoplasms
    adenocarcinoma adenocarcinomas""".split()  # noqa: SIM905
)
# the heads MeSH terms use, in the order they are tried
HEADS = ("neoplasms", "cancer", "neoplasm", "tumor", "tumors", "carcinoma")
MAX_SITE_WORDS = 2

WordBefore = Callable[[str, int], "tuple[int, int, str] | None"]


def site_term(
    text: str,
    start: int,
    end: int,
    lookup: Callable[[str], list[LexEntry]],
    word_before: WordBefore,
) -> tuple[int, str, tuple[LexEntry, ...]] | None:
    """For a bare tumour noun at ``start:end``: (new start, lexicon term, its Disease entries)
    of the longest site phrase before it that the lexicon knows, else None."""
    if text[start:end].lower() not in TUMOUR_NOUNS:
        return None
    words: list[tuple[int, str]] = []
    position = start
    for _ in range(MAX_SITE_WORDS):
        word = word_before(text, position)
        if word is None or not word[2].isalpha():
            break
        words.insert(0, (word[0], word[2]))
        position = word[0]
    for first in range(len(words)):  # the longest site first
        site = " ".join(w for _, w in words[first:])
        for head in HEADS:
            term = f"{site} {head}"
            entries = tuple(e for e in lookup(normalize_key(term)) if e.type is EntityType.DISEASE)
            if entries:
                return words[first][0], term, entries
    return None
