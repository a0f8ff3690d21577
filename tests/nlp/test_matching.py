"""Case rules: which surfaces may stand for a lexicon entry."""

import pytest

from kg.lexicon import Flags, LexEntry, normalize_key
from kg.model import EntityType
from kg.nlp.matching import case_ok, symbol_like


def entry(term: str, source: str, type_: EntityType = EntityType.CHEMICAL) -> LexEntry:
    return LexEntry(
        term=term,
        key=normalize_key(term),
        curie="MESH:D000001",
        type=type_,
        taxon=None,
        preferred=term,
        source=source,
        flags=Flags.NAME,
    )


@pytest.mark.parametrize(
    ("term", "source", "surface", "ok"),
    [
        ("Uric Acid", "mesh", "uric acid", True),  # a MeSH descriptor's title case is a name
        ("Uric Acid", "mesh", "URIC ACID", True),
        ("substance S", "mesh", "substance s", False),  # a one-letter capital word is a symbol
        ("La Bel", "cellosaurus", "la bel", False),  # a cell line's capitals carry meaning
        ("HeLa", "cellosaurus", "hela", False),
        ("Cisplatin", "mesh", "cisplatin", True),
        # names of several words match in any case, digits or not
        ("Atelosteogenesis type 2", "mesh", "atelosteogenesis type 2", True),
        (
            "Glucose-6-Phosphate Dehydrogenase Deficiency",
            "mesh",
            "glucose-6-phosphate dehydrogenase deficiency",
            True,
        ),
        ("IL-6", "mesh", "il-6", False),
    ],
)
def test_case_rules(term, source, surface, ok):
    assert case_ok(entry(term, source), surface) is ok


def test_a_mesh_protein_numbered_name_keeps_its_case():
    """ "Indoleamine 2,3-Dioxygenase" the MeSH enzyme must not take the gene's lower-case name."""
    from dataclasses import replace

    protein = replace(
        entry("Indoleamine 2,3-Dioxygenase", "mesh"), flags=Flags.NAME | Flags.PROTEIN
    )
    assert not case_ok(protein, "indoleamine 2,3-dioxygenase")
    assert case_ok(protein, "Indoleamine 2,3-Dioxygenase")
    shared = replace(entry("Fibroblast Growth Factor 23", "mesh"), flags=Flags.AMBIGUOUS_TYPE)
    assert not case_ok(shared, "fibroblast growth factor 23")  # the gene's name


def test_symbol_like():
    assert symbol_like("IL-6") and symbol_like("HeLa") and symbol_like("p53")
    assert symbol_like("Uric Acid")  # outside a title-case source, a later capital counts
    assert not symbol_like("Uric Acid", title_case=True)
    assert symbol_like("HeLa", title_case=True) and symbol_like("substance S", title_case=True)
    assert not symbol_like("tumour necrosis factor", title_case=True)
    assert not symbol_like("Atelosteogenesis type 2") and symbol_like("5-fluorouracil")


def test_a_near_tie_in_the_train_splits_leaves_the_vocabulary_its_say():
    """ "coronary heart disease": MeSH files it under Coronary Disease (D003327); the train
    splits' gold says Coronary Artery Disease (D003324) 4 times and D003327 3 times, a term only
    they give D003324. Votes overrule the vocabulary only with twice its concept's votes."""
    from dataclasses import replace

    from kg.nlp.matching import LEARNT_SOURCE, rank_entries

    surface = "coronary heart disease"
    mesh = replace(
        entry("Coronary Heart Disease", "mesh", EntityType.DISEASE), curie="MESH:D003327"
    )
    learnt = [
        replace(entry(surface, LEARNT_SOURCE, EntityType.DISEASE), curie=curie)
        for curie in ("MESH:D003324", "MESH:D003327")
    ]
    entries = [mesh, *learnt]

    def first(prior):
        return rank_entries(entries, surface, prior)[0].curie

    assert first({"MESH:D003324": 4, "MESH:D003327": 3}) == "MESH:D003327"
    assert first({"MESH:D003324": 6, "MESH:D003327": 3}) == "MESH:D003324"
    assert first({"MESH:D003324": 4}) == "MESH:D003324"  # the vocabulary's concept has no votes
