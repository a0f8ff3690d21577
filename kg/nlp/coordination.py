"""Coordinated disease names: "brain, breast, and prostate cancer" names three cancers.

Papers share one head between several modifiers ("classical and Duarte galactosemia", "breast
and/or ovarian cancer", "hematopoietic and solid tumors"). The dictionary finds only the last
conjunct with the head ("prostate cancer"); the others are words it cannot match alone. The
head is the match without its first word, so each conjunct is one word ("brain", "breast"). When the
words before a multi-word Disease match are conjuncts joined by "and", "or", "and/or" or commas,
and every conjunct with the match's head is a Disease term of the lexicon ("brain cancer",
"breast cancer"), the mention covers the whole phrase and its identifiers are the conjuncts'
concepts, the first conjunct's first. A conjunct the lexicon cannot complete stops the phrase
there, so "in 1990, brain and breast cancer" stays "brain and breast cancer"; so does one that
is a Disease name by itself ("ataxia-telangiectasia and Li-Fraumeni syndrome" names two
diseases, although the lexicon knows "ataxia-telangiectasia syndrome" too).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from kg.lexicon import LexEntry

MAX_CONJUNCTS = 6
_AND_OR = re.compile(r"(?:,\s*|\s+)(?:and/or|and|or)\s+$")
_COMMA = re.compile(r",\s+$")
_WORD = re.compile(r"[^\W_][\w'’-]*$")


@dataclass(frozen=True, slots=True)
class Part:
    """One conjunct completed with the shared head: its lexicon term and Disease entries."""

    term: str
    entries: tuple[LexEntry, ...]


@dataclass(frozen=True, slots=True)
class Coordination:
    """Where the first conjunct starts, and the conjuncts before the match, in text order."""

    start: int
    parts: tuple[Part, ...]


def conjuncts(
    text: str,
    start: int,
    end: int,
    disease_term: Callable[[str], Part | None],
    names_a_disease: Callable[[str], bool] = lambda word: False,
) -> Coordination | None:
    """For the Disease match at ``start:end`` (its head: all but its first word), the
    conjuncts before it that the lexicon completes, or None when none does; a conjunct for
    which ``names_a_disease`` holds stands alone."""
    surface = text[start:end]
    if " " not in surface:
        return None  # no head to share
    head = surface[surface.index(" ") :]
    parts: list[Part] = []
    first = position = start
    join_pattern = _AND_OR  # the conjunct next to the match follows "and"/"or", earlier ones commas
    while len(parts) < MAX_CONJUNCTS:
        join = join_pattern.search(text, max(0, position - 12), position)
        word = _WORD.search(text, max(0, join.start() - 40), join.start()) if join else None
        if word is None or names_a_disease(word.group()):
            break
        part = disease_term(word.group() + head)
        if part is None:
            break
        parts.insert(0, part)
        first = position = word.start()
        join_pattern = _COMMA
    if not parts:
        return None
    return Coordination(first, tuple(parts))
