"""Which entity type a dictionary match gets when its key names concepts of several types.

"insulin" is a MeSH chemical and a gene name, "MET" a gene symbol and an amino-acid abbreviation,
"B16" a cell line and a gene alias. The rules, in order:

1. learnt type counts for this surface (``SurfaceStats``, from the train splits) when the surface
   was seen often enough as an entity;
2. a gene wins over a chemical that is a protein or biological factor (MeSH flag PROTEIN), and
   over any chemical when the surface is the gene's official symbol; a cell line wins over a
   gene unless the surface is a gene's official symbol ("CT26", "LLC1" are gene aliases too);
3. for a symbol-like surface ("CD4", "HeLa"), entries written exactly like it beat case-folded
   ones (names differ only in capitalisation: "hypertension" the mouse gene name must not beat
   "Hypertension" the disease);
4. otherwise the fixed priority (disease, chemical, gene, cell line, radiotherapy, species):
   Cellosaurus lists thousands of short codes that are also abbreviations ("DM", "PD", "SLE"),
   so cell lines come after the other types except where rule 2 says otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from kg.lexicon import Flags, LexEntry
from kg.model import EntityType
from kg.nlp.matching import symbol_like
from kg.nlp.merge import DEFAULT_TYPE_PRIORITY


def choose_type(
    entries: Sequence[LexEntry],
    surface: str,
    *,
    priority: Sequence[str] = DEFAULT_TYPE_PRIORITY,
    learnt: Mapping[EntityType, float] | None = None,
) -> EntityType:
    """The type of a match with these (case-checked, non-empty) entries."""
    by_type: dict[EntityType, list[LexEntry]] = {}
    for entry in entries:
        by_type.setdefault(entry.type, []).append(entry)
    if len(by_type) == 1:
        return next(iter(by_type))
    if learnt:
        candidates = {t: learnt.get(t, 0.0) for t in by_type}
        best = max(candidates, key=lambda t: candidates[t])
        if candidates[best] > 0:
            return best
    rank = {t: i for i, t in enumerate(priority)}
    symbol = symbol_like(surface)

    def score(entity_type: EntityType) -> tuple[int, int, int, int]:
        group = by_type[entity_type]
        return (
            -_gene_over_chemical(entity_type, by_type, surface),
            -_cell_line_over_gene(entity_type, by_type),
            0 if symbol and any(e.term == surface for e in group) else 1,
            rank.get(entity_type.value, len(rank)),
        )

    return min(by_type, key=score)


def _gene_over_chemical(
    entity_type: EntityType, by_type: Mapping[EntityType, list[LexEntry]], surface: str
) -> int:
    """1 for Gene (-1 for Chemical) when rule 2 applies, else 0."""
    genes = by_type.get(EntityType.GENE)
    chemicals = by_type.get(EntityType.CHEMICAL)
    if not genes or not chemicals or entity_type not in (EntityType.GENE, EntityType.CHEMICAL):
        return 0
    protein = all(Flags.PROTEIN in e.flags for e in chemicals)
    official = any(
        Flags.PREFERRED in e.flags and Flags.SYMBOL in e.flags and e.term == surface for e in genes
    )
    if protein or official:
        return 1 if entity_type is EntityType.GENE else -1
    return 0


def _cell_line_over_gene(
    entity_type: EntityType, by_type: Mapping[EntityType, list[LexEntry]]
) -> int:
    """1 for CellLine (-1 for Gene) when no gene entry is an official symbol or name."""
    genes = by_type.get(EntityType.GENE)
    if not genes or EntityType.CELL_LINE not in by_type:
        return 0
    if any(Flags.PREFERRED in e.flags for e in genes):
        return 0
    if entity_type is EntityType.CELL_LINE:
        return 1
    return -1 if entity_type is EntityType.GENE else 0
