"""The case rules a lexicon entry must pass to match a surface string.

Shared by the dictionary recogniser and the normaliser, so both accept exactly the same surfaces.
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
"""

from __future__ import annotations

from kg.lexicon import Flags, LexEntry, normalize_key
from kg.lexicon.keys import case_compatible

SHORT_SURFACE = 6
SHORT_LOWER = 3


def case_ok(entry: LexEntry, surface: str) -> bool:
    """Whether ``surface`` may stand for ``entry`` given their letter case."""
    term = entry.term
    symbol = Flags.SYMBOL in entry.flags or symbol_like(term)
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


def symbol_like(term: str) -> bool:
    """Short, or mixing digits or inner capitals: "IL-6", "p53", "HeLa", "CD8", "TNF"."""
    if len(term) < 4:
        return True
    if any(c.isdigit() for c in term):
        return True
    return len(term) < 12 and any(c.isupper() for c in term[1:])


def rank_entries(
    entries: list[LexEntry], surface: str, prior: dict[str, int] | None = None
) -> list[LexEntry]:
    """Best first, one entry per CURIE: most often gold in the train splits (``prior``), same
    spelling, a preferred name that is or extends the surface ("GH" -> GH1 before CSH1, which
    lists "GH" among its aliases), preferred, not a previous symbol, then lexicon order."""
    prior = prior or {}
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


def _preferred_fit(preferred_key: str, surface_key: str) -> int:
    if preferred_key == surface_key:
        return 0
    return 1 if preferred_key.startswith(surface_key) else 2
