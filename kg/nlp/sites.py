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

import re
from collections.abc import Callable
from dataclasses import dataclass

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

_WORD_BEFORE = re.compile(r"([^\W_]+)[ -]$")
_WORD_AFTER = re.compile(r"[ -]([^\W_]+)")
Lookup = Callable[[str], list[LexEntry]]  # a lexicon's lookup_key


@dataclass(frozen=True, slots=True)
class SiteTerm:
    """The lexicon term a site phrase stands for: where the phrase starts, the term, its
    Disease entries."""

    start: int
    term: str
    entries: tuple[LexEntry, ...]


def word_before(text: str, start: int) -> tuple[int, int, str] | None:
    """The word right before ``start`` (separated by one space or hyphen), with its offsets."""
    m = _WORD_BEFORE.search(text, max(0, start - 40), start)
    return (m.start(1), m.end(1), m.group(1)) if m is not None else None


def word_after(text: str, end: int) -> tuple[int, int, str] | None:
    """The word right after ``end`` (separated by one space or hyphen), with its offsets."""
    m = _WORD_AFTER.match(text, end)
    return (m.start(1), m.end(1), m.group(1)) if m is not None else None


def disease_entries(term: str, lookup: Lookup) -> tuple[LexEntry, ...]:
    """The lexicon's Disease entries under ``term``'s key."""
    return tuple(e for e in lookup(normalize_key(term)) if e.type is EntityType.DISEASE)


def site_of_phrase(phrase: str, lookup: Lookup) -> SiteTerm | None:
    """The site term of a phrase that ends in a tumour noun ("human pancreatic tumors" ->
    "pancreatic neoplasms", starting at 6), or None."""
    return site_term(phrase, phrase.rfind(" ") + 1, len(phrase), lookup)


def site_term(text: str, start: int, end: int, lookup: Lookup) -> SiteTerm | None:
    """For a bare tumour noun at ``start:end``: the longest site phrase before it that the
    lexicon knows as a Disease term, else None."""
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
            entries = disease_entries(term, lookup)
            if entries:
                return SiteTerm(words[first][0], term, entries)
    return None
