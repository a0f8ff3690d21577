"""The case rules a lexicon entry must pass to match a surface string.

Shared by the dictionary recogniser and the normaliser, so both accept exactly the same surfaces
and rank and score the entries they match the same way.
Names match in any case ("Cisplatin", "BREAST CANCER"); case carries meaning for symbols ("CAT"
the gene vs "cat", "SET" vs "set", "MET" vs "met"):

* an all-lower-case word of at most ``SHORT_LOWER`` letters never matches a symbol, even one
  spelt that way: mouse genes "a", "to", "we" and cell-line codes "wt", "um" are words ("p53"
  has a digit and is not one);
* an entry the lexicon marks CASE_SENSITIVE must agree in case, or the surface is written all in
  capitals (``kg.lexicon.keys.case_compatible``: papers capitalise mouse symbols, "STING" for
  Sting1);
* any other symbol-like term (short, or with digits or inner capitals: "IL-6", "p53", "HeLa")
  never matches an all-lower-case surface that it does not equal ("il-6", "hela"); with one
  capital the variants stand for each other ("CGAS"/"cGAS"/"Cgas", "IFN-β"/"IFN-beta").

A species' name is a word, however short: "rat" and "men" match MeSH's "Rat" and the curated
"men" (only a species entry flagged SYMBOL follows the symbol rules).
"""

from __future__ import annotations

from typing import Any

from kg.lexicon import Flags, LexEntry, normalize_key
from kg.lexicon.keys import case_compatible
from kg.model import EntityType
from kg.nlp.extensions import Candidate

SHORT_SURFACE = 6
SHORT_LOWER = 3
TITLE_CASE = frozenset({"mesh"})  # lexicon sources that capitalise every word of a name
DECISIVE_PRIOR = 2  # votes a learnt-only concept needs over the vocabulary's best (x times)
LEARNT_SOURCE = "train"  # the source of terms learnt from the train splits (kg.nlp.surface_stats)


def case_ok(entry: LexEntry, surface: str) -> bool:
    """Whether ``surface`` may stand for ``entry`` given their letter case."""
    term = entry.term
    symbol = Flags.SYMBOL in entry.flags or (
        entry.type is not EntityType.SPECIES
        and symbol_like(
            term,
            title_case=entry.source in TITLE_CASE,
            numbered_names=not entry.flags & (Flags.PROTEIN | Flags.AMBIGUOUS_TYPE),
        )
    )
    if symbol and len(surface) <= SHORT_LOWER and surface.isalpha() and surface.islower():
        return False  # "to", "we", "wt", "um": lower-case mouse symbols and cell-line codes
    if term == surface:
        return True
    if Flags.CASE_SENSITIVE in entry.flags:
        return case_compatible(term, surface)
    if not symbol:
        return True
    if any(c.isupper() for c in surface):
        return True
    # an all-lower-case surface stands for a symbol only when the symbol has no capitals either
    return not any(c.isupper() for c in term) and len(surface) >= SHORT_SURFACE


def symbol_like(term: str, *, title_case: bool = False, numbered_names: bool = True) -> bool:
    """Short, or mixing digits or inner capitals: "IL-6", "p53", "HeLa", "CD8", "TNF"; a name
    of several words and 12 characters or more never is, whatever digits it has
    (``numbered_names``; not for MeSH proteins nor names another type shares, whose numbered
    names are gene products' and must not take a gene's lower-case name: "indoleamine 2,3
    dioxygenase", "fibroblast growth factor 23"). In a
    source that writes its names in title case (MeSH descriptors), a capital that starts a word
    of several letters is no inner capital: "Uric Acid" and "Folic Acid" are names, and "uric
    acid" must match them; elsewhere ("La Bel", a cell line) any later capital counts."""
    if len(term) < 4:
        return True
    if numbered_names and len(term) >= 12 and " " in term:
        return False  # words, numbered or not: "Atelosteogenesis type 2", "Glucose-6-Phosphate …"
    if any(c.isdigit() for c in term):
        return True
    if len(term) >= 12:
        return False
    if not title_case:
        return any(c.isupper() for c in term[1:])
    return any(_inner_capital(term, i) for i in range(1, len(term)))


def _inner_capital(term: str, i: int) -> bool:
    """A capital after a letter ("HeLa", "IL"), or a one-letter capital word ("substance S")."""
    if not term[i].isupper():
        return False
    if term[i - 1].isalpha():
        return True
    return i + 1 == len(term) or not term[i + 1].isalpha()


def rank_learnt(
    entries: list[LexEntry], surface: str, stats: Any, entity_type: EntityType
) -> list[LexEntry]:
    """``rank_entries`` with the identifier counts learnt for the entries' key as the prior
    (``stats``: a ``SurfaceStats``, or None without learnt statistics)."""
    prior = stats.id_prior(entity_type, entries[0].key) if stats is not None and entries else None
    return rank_entries(entries, surface, prior)


def rank_entries(
    entries: list[LexEntry], surface: str, prior: dict[str, int] | None = None
) -> list[LexEntry]:
    """Best first, one entry per CURIE: most often gold in the train splits (``prior``; see
    ``_decisive`` for where the vocabulary overrules it), same spelling, a preferred name that
    is or extends the surface ("GH" -> GH1 before CSH1, which lists "GH" among its aliases),
    preferred, not a previous symbol, then lexicon order."""
    prior = _decisive(prior or {}, entries)
    surface_key = normalize_key(surface)

    def key(entry: LexEntry) -> tuple[int, int, int, int, int]:
        return (
            -prior.get(entry.curie, 0),
            0 if entry.term == surface else 1,
            _preferred_fit(normalize_key(entry.preferred), surface_key),
            0 if Flags.PREFERRED in entry.flags else 1,
            0 if Flags.PREVIOUS not in entry.flags else 1,
        )

    seen: set[str] = set()
    ranked = []
    for entry in sorted(entries, key=key):
        if entry.curie not in seen:
            seen.add(entry.curie)
            ranked.append(entry)
    return ranked


def _decisive(prior: dict[str, int], entries: list[LexEntry]) -> dict[str, int]:
    """The train splits' identifier counts, except that a concept reached only through a term
    learnt from them does not outrank a concept the vocabulary itself files the surface under
    unless it has ``DECISIVE_PRIOR`` times its votes: "coronary heart disease" is Coronary
    Artery Disease 4 times and Coronary Disease (MeSH's own entry term) 3 times in the train
    splits, a near tie the vocabulary should settle."""
    if not prior:
        return prior
    vocabulary = {e.curie for e in entries if e.source != LEARNT_SOURCE}
    best = max((prior.get(c, 0) for c in vocabulary), default=0)
    top = max(prior.get(e.curie, 0) for e in entries)
    if best and best < top and top < DECISIVE_PRIOR * best:
        return {c: v for c, v in prior.items() if c in vocabulary}
    return prior


def _preferred_fit(preferred_key: str, surface_key: str) -> int:
    if preferred_key == surface_key:
        return 0
    return 1 if preferred_key.startswith(surface_key) else 2


def exact_candidates(ranked: list[LexEntry]) -> tuple[Candidate, ...]:
    """Ranked lexicon entries as candidates: each scores 1/n, n = the concepts of its taxon (the
    species step decides between taxa, so only a taxon's own rivals lower its score)."""
    counts = concepts_per_taxon(ranked)
    return tuple(Candidate(e.curie, e.taxon or "", 1.0 / counts[e.taxon]) for e in ranked)


def exact_score(ranked: list[LexEntry]) -> float:
    """1/n for the most crowded taxon's n concepts (1 = unambiguous)."""
    return 1.0 / max(concepts_per_taxon(ranked).values())


def concepts_per_taxon(ranked: list[LexEntry]) -> dict[str | None, int]:
    """How many concepts compete within each taxon."""
    counts: dict[str | None, int] = {}
    for entry in ranked:
        counts[entry.taxon] = counts.get(entry.taxon, 0) + 1
    return counts
