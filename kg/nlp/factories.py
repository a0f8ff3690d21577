"""Every irkg spaCy factory, registered in one place with versioned names.

Each block belongs to one part of the pipeline; the entry point group ``spacy_factories`` in
pyproject.toml points at these functions, so ``nlp.add_pipe("irkg_relations_v1")`` works in any
pipeline without importing irkg first. spaCy forbids "." in factory names (error E853), so the
versioned names are written ``irkg_<component>_v<N>``.
"""

# No ``from __future__ import annotations`` here: spaCy validates factory arguments against
# their (evaluated) type hints.
from spacy.language import Language

from kg.nlp.regimen import RegimenExtractor
from kg.nlp.relations import MAX_BETWEEN, RelationExtractor

# --------------------------------------------------------------------------- relations, regimens


@Language.factory("irkg_regimens_v1")
def make_regimens(nlp: Language, name: str) -> RegimenExtractor:
    """Radiotherapy regimens (modality + dose/fractionation) -> ``doc._.regimens``."""
    return RegimenExtractor(name=name)


@Language.factory(
    "irkg_relations_v1",
    default_config={
        "comention": True,
        "typed": True,
        "max_between": MAX_BETWEEN,
        "all_ids": False,
    },
)
def make_relations(
    nlp: Language, name: str, comention: bool, typed: bool, max_between: int, all_ids: bool
) -> RelationExtractor:
    """Co-mention and typed, signed relations with evidence -> ``doc._.relations``."""
    return RelationExtractor(
        name=name, comention=comention, typed=typed, max_between=max_between, all_ids=all_ids
    )
