"""The identifiers the issue requires, on the full lexicon (../shared) and the demo lexicon."""

from __future__ import annotations

import pytest

from kg.lexicon import Lexicon

HUMAN, MOUSE = 9606, 10090

GENES = [
    ("STING", HUMAN, "NCBIGene:340061"),
    ("TMEM173", HUMAN, "NCBIGene:340061"),
    ("MITA", HUMAN, "NCBIGene:340061"),
    ("cGAS", HUMAN, "NCBIGene:115004"),
    ("MB21D1", HUMAN, "NCBIGene:115004"),
    ("TBK1", HUMAN, "NCBIGene:29110"),
    ("IRF3", HUMAN, "NCBIGene:3661"),
    ("IFN-β", HUMAN, "NCBIGene:3456"),
    ("IFNB1", HUMAN, "NCBIGene:3456"),
    ("PD-1", HUMAN, "NCBIGene:5133"),
    ("PDCD1", HUMAN, "NCBIGene:5133"),
    ("PD-L1", HUMAN, "NCBIGene:29126"),
    ("CD274", HUMAN, "NCBIGene:29126"),
    ("CTLA-4", HUMAN, "NCBIGene:1493"),
]
MOUSE_GENES = [
    ("STING", MOUSE, "NCBIGene:72512"),
    ("TMEM173", MOUSE, "NCBIGene:72512"),
    ("MITA", MOUSE, "NCBIGene:72512"),
    ("Sting1", MOUSE, "NCBIGene:72512"),
    ("cGAS", MOUSE, "NCBIGene:214763"),
    ("MB21D1", MOUSE, "NCBIGene:214763"),
]
OTHERS = [
    ("pembrolizumab", "Chemical", "MESH:C582435"),
    ("nivolumab", "Chemical", "MESH:D000077594"),
    ("cGAMP", "Chemical", "MESH:C584311"),
    ("2'3'-cGAMP", "Chemical", "MESH:C584311"),
    ("melanoma", "Disease", "MESH:D008545"),
    ("NSCLC", "Disease", "MESH:D002289"),
    ("lymphopenia", "Disease", "MESH:D008231"),
    ("MC38", "CellLine", "cellosaurus:CVCL_B288"),
    ("LLC1", "CellLine", "cellosaurus:CVCL_4358"),
    ("SBRT", "Radiotherapy", "irkg:SBRT"),
    ("proton therapy", "Radiotherapy", "MESH:D061766"),
]


def _best(lexicon: Lexicon, text: str, type_: str, taxon: int | None = None) -> str | None:
    found = lexicon.candidates(text, type=type_, taxon=taxon)
    return found[0].curie if found else None


@pytest.mark.shared
@pytest.mark.parametrize(("text", "taxon", "curie"), GENES + MOUSE_GENES)
def test_full_genes(full_lexicon: Lexicon, text: str, taxon: int, curie: str) -> None:
    assert _best(full_lexicon, text, "Gene", taxon) == curie


@pytest.mark.shared
@pytest.mark.parametrize(("text", "type_", "curie"), OTHERS)
def test_full_others(full_lexicon: Lexicon, text: str, type_: str, curie: str) -> None:
    assert _best(full_lexicon, text, type_) == curie


@pytest.mark.parametrize(("text", "taxon", "curie"), GENES + MOUSE_GENES)
def test_demo_genes(demo_lexicon: Lexicon, text: str, taxon: int, curie: str) -> None:
    assert _best(demo_lexicon, text, "Gene", taxon) == curie


@pytest.mark.parametrize(("text", "type_", "curie"), OTHERS)
def test_demo_others(demo_lexicon: Lexicon, text: str, type_: str, curie: str) -> None:
    assert _best(demo_lexicon, text, type_) == curie


@pytest.mark.shared
def test_full_orthologs_and_concepts(full_lexicon: Lexicon) -> None:
    pairs = {(o.human, o.mouse) for o in full_lexicon.orthologs()}
    assert ("NCBIGene:340061", "NCBIGene:72512") in pairs
    assert ("NCBIGene:115004", "NCBIGene:214763") in pairs
    assert len(pairs) > 15000
    sting = full_lexicon.concept("NCBIGene:340061")
    assert sting is not None
    assert sting.preferred == "STING1" and sting.taxon == "NCBITaxon:9606"
    assert {"HGNC:27962", "OMIM:612374"} <= set(sting.xrefs)
    assert "TMEM173" in sting.synonyms


def test_demo_orthologs_from_curated_mouse_table(demo_lexicon: Lexicon) -> None:
    pairs = {(o.human, o.mouse) for o in demo_lexicon.orthologs()}
    assert ("NCBIGene:340061", "NCBIGene:72512") in pairs
    assert ("NCBIGene:29126", "NCBIGene:60533") in pairs


def test_demo_flags(demo_lexicon: Lexicon) -> None:
    assert all(e.is_stop for e in demo_lexicon.lookup("CAT"))
    rt = demo_lexicon.candidates("RT", type="Radiotherapy")
    assert rt and rt[0].is_stop  # kept, but on the stop-list
    lattice = demo_lexicon.candidates("lattice", type="Radiotherapy")
    assert lattice == ()  # the English word does not match the case-sensitive LATTICE
    assert demo_lexicon.candidates("LATTICE", type="Radiotherapy")[0].curie == "irkg:LATTICE_RT"
