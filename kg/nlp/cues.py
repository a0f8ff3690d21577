"""Negation and hedging cues: is a relation denied, or only proposed?

A sentence such as "cGAMP did not induce IFNB1 in Sting-/- cells" names both entities and a
trigger, so without a negation flag it would count as support. Cues are plain word patterns
(after the BioScope and NegEx cue lists, narrowed to what biomedical abstracts use). Negation is
scoped to the words between the two entities plus a short window around them; hedging is scoped to
the whole sentence, because hedges ("these data suggest that ...") usually open the sentence.
"""

from __future__ import annotations

import re

NEGATION_CUES: tuple[str, ...] = (
    r"not(?!\s+only\b)",
    r"no",
    r"n't",
    r"cannot",
    r"neither",
    r"nor",
    r"never",
    r"failed\s+to",
    r"fails\s+to",
    r"fail\s+to",
    r"unable\s+to",
    r"independent(?:ly)?\s+of",
    r"irrespective\s+of",
    r"regardless\s+of",
    r"lack(?:ed|s|ing)?\s+(?:of|an?|any)",
    r"absence\s+of",
    r"without",
    r"unaffected",
    r"unchanged",
    r"unaltered",
)

HEDGE_CUES: tuple[str, ...] = (
    r"may",
    r"might",
    r"could",
    r"possibl[ey]",
    r"potential(?:ly)?",
    r"suggest(?:s|ed|ing|ion|ive)?",
    r"hypothes[ie][sz](?:e|es|ed|ing)?",
    r"propose[sd]?",
    r"speculate[sd]?",
    r"likely",
    r"unlikely",
    r"putative(?:ly)?",
    r"presumabl[ey]",
    r"appears?\s+to",
    r"seems?\s+to",
    r"whether",
    r"remains?\s+(?:unclear|unknown|to\s+be)",
    r"perhaps",
    r"probabl[ey]",
)

_NEGATION = re.compile(r"(?<![\w-])(?:" + "|".join(NEGATION_CUES) + r")(?![\w-])", re.IGNORECASE)
_HEDGE = re.compile(r"(?<![\w-])(?:" + "|".join(HEDGE_CUES) + r")(?![\w-])", re.IGNORECASE)
# after the second entity only a denial of the second entity's change counts: "... STING, but
# IFNB1 was unaffected" must not deny an edge that ends at STING, so the trailing words stop at
# the first comma, semicolon or conjunction.
_TRAILING = re.compile(
    r"^\s*(?:(?!and\b|but\b|or\b|whereas\b)[^\s,;]+\s+){0,3}?"
    r"(?:unaffected|unchanged|unaltered|(?:was|were|is|are|remained)\s+not)(?![\w-])",
    re.IGNORECASE,
)
_TRAILING_WORDS = 5


def negation_cue(text: str) -> str:
    """The first negation cue in ``text`` ("" when none)."""
    match = _NEGATION.search(text)
    return match.group(0) if match else ""


def hedge_cue(text: str) -> str:
    """The first hedging cue in ``text`` ("" when none)."""
    match = _HEDGE.search(text)
    return match.group(0) if match else ""


def negation_in(sentence: str, left_end: int, right_start: int, right_end: int) -> str:
    """The cue that denies a relation between two entity spans of a sentence ("" when none).

    Offsets are relative to ``sentence``. The text between the entities is searched for any
    negation cue; the few words after the second one only for a denied change ("... STING was
    unaffected"). Words before the first entity are left out: "Without radiation, cGAMP
    activated STING" does not deny cGAMP -> STING.
    """
    cue = negation_cue(sentence[left_end:right_start])
    if cue:
        return cue
    trailing = " ".join(sentence[right_end:].split()[:_TRAILING_WORDS])
    match = _TRAILING.search(trailing)
    return match.group(0).strip() if match else ""


def is_negated(sentence: str, left_end: int, right_start: int, right_end: int) -> bool:
    return bool(negation_in(sentence, left_end, right_start, right_end))


def is_hedged(sentence: str) -> bool:
    return bool(hedge_cue(sentence))
