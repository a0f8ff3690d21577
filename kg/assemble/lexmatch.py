"""Resolving a name (a drug name, a gene symbol, a GPML label) to one CURIE through the lexicon.

Curated sources name things the lexicon knows by name: DrugCentral's drug names, WikiPathways
labels without a usable Xref. A name resolves only when the lexicon gives exactly one concept of
the wanted type (and taxon), or, among several, exactly one whose preferred name or symbol is
the name itself; anything else is reported as ambiguous rather than guessed.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from kg.model import EntityType

if TYPE_CHECKING:
    from kg.lexicon import Lexicon


class Status(StrEnum):
    MAPPED = "mapped"
    UNMAPPED = "unmapped"
    AMBIGUOUS = "ambiguous"


class Match(NamedTuple):
    curie: str | None
    status: Status


def match_name(lexicon: Lexicon, text: str, type: EntityType, taxon: str | None = None) -> Match:
    """The one concept ``text`` names (of ``type``, in ``taxon`` when given), or why not."""
    from kg.lexicon import Flags

    text = " ".join(text.split())
    if not text:
        return Match(None, Status.UNMAPPED)
    found = lexicon.candidates(text, type=type, taxon=taxon, include_stop=False)
    if not found:
        return Match(None, Status.UNMAPPED)
    if len(found) == 1:
        return Match(found[0].curie, Status.MAPPED)
    folded = text.casefold()
    preferred = [e for e in found if Flags.PREFERRED in e.flags and e.term.casefold() == folded]
    if len(preferred) == 1:
        return Match(preferred[0].curie, Status.MAPPED)
    return Match(None, Status.AMBIGUOUS)
