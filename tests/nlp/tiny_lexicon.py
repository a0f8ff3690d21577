"""A tiny real lexicon for component tests: a few genes (human and mouse), chemicals,
diseases, cell lines and species, with the flags the compiler would give them."""

from __future__ import annotations

from kg.lexicon import Flags, LexEntry, Lexicon, normalize_key
from kg.model import EntityType

HUMAN = "NCBITaxon:9606"
MOUSE = "NCBITaxon:10090"
S, N, P, C = Flags.SYMBOL, Flags.NAME, Flags.PREFERRED, Flags.CASE_SENSITIVE

# (term, curie, type, taxon, preferred name, flags)
ROWS = [
    ("STING1", "NCBIGene:340061", "Gene", HUMAN, "STING1", S | P),
    ("STING", "NCBIGene:340061", "Gene", HUMAN, "STING1", S),
    ("TMEM173", "NCBIGene:340061", "Gene", HUMAN, "STING1", S),
    (
        "stimulator of interferon response cGAMP interactor 1",
        "NCBIGene:340061",
        "Gene",
        HUMAN,
        "STING1",
        N,
    ),
    ("Sting1", "NCBIGene:72512", "Gene", MOUSE, "Sting1", S | P),
    ("Sting", "NCBIGene:72512", "Gene", MOUSE, "Sting1", S),
    ("Tmem173", "NCBIGene:72512", "Gene", MOUSE, "Sting1", S),
    ("CGAS", "NCBIGene:115004", "Gene", HUMAN, "CGAS", S | P),
    ("cGAS", "NCBIGene:115004", "Gene", HUMAN, "CGAS", S),
    ("cyclic GMP-AMP synthase", "NCBIGene:115004", "Gene", HUMAN, "CGAS", N),
    ("Cgas", "NCBIGene:214763", "Gene", MOUSE, "Cgas", S | P),
    ("cyclic GMP-AMP synthase", "NCBIGene:214763", "Gene", MOUSE, "Cgas", N),
    ("CAT", "NCBIGene:847", "Gene", HUMAN, "CAT", S | P | C | Flags.STOP),
    ("catalase", "NCBIGene:847", "Gene", HUMAN, "CAT", N),
    ("CD274", "NCBIGene:29126", "Gene", HUMAN, "CD274", S | P),
    ("PD-L1", "NCBIGene:29126", "Gene", HUMAN, "CD274", S),
    ("IFN-beta", "NCBIGene:3456", "Gene", HUMAN, "IFNB1", S),
    ("IFNB1", "NCBIGene:3456", "Gene", HUMAN, "IFNB1", S | P),
    ("cisplatin", "MESH:D002945", "Chemical", None, "Cisplatin", N | P),
    ("lithium", "MESH:D008094", "Chemical", None, "Lithium", N | P),
    ("Li", "MESH:D008094", "Chemical", None, "Lithium", S | C),
    ("naloxone", "MESH:D009270", "Chemical", None, "Naloxone", N | P),
    ("2',3'-cGAMP", "MESH:C584311", "Chemical", None, "2',3'-cGAMP", N | P),
    ("cGAMP", "MESH:C584311", "Chemical", None, "2',3'-cGAMP", S),
    ("pembrolizumab", "MESH:C582435", "Chemical", None, "pembrolizumab", N | P),
    ("breast cancer", "MESH:D001943", "Disease", None, "Breast Neoplasms", N),
    ("breast neoplasms", "MESH:D001943", "Disease", None, "Breast Neoplasms", N | P),
    ("lung cancer", "MESH:D008175", "Disease", None, "Lung Neoplasms", N),
    (
        "non-small cell lung cancer",
        "MESH:D002289",
        "Disease",
        None,
        "Carcinoma, Non-Small-Cell Lung",
        N,
    ),
    ("NSCLC", "MESH:D002289", "Disease", None, "Carcinoma, Non-Small-Cell Lung", S),
    ("hypertension", "MESH:D006973", "Disease", None, "Hypertension", N | P),
    ("Hodgkin lymphoma", "MESH:D006689", "Disease", None, "Hodgkin Disease", N),
    ("MC38", "cellosaurus:CVCL_B288", "CellLine", MOUSE, "MC38", S | P),
    ("HeLa", "cellosaurus:CVCL_0030", "CellLine", HUMAN, "HeLa", S | P),
    ("B16", "cellosaurus:CVCL_F936", "CellLine", MOUSE, "B16", S | P),
    ("mice", "NCBITaxon:10090", "Species", None, "Mus musculus", N),
    ("mouse", "NCBITaxon:10090", "Species", None, "Mus musculus", N),
    ("human", "NCBITaxon:9606", "Species", None, "Homo sapiens", N),
    ("patients", "NCBITaxon:9606", "Species", None, "Homo sapiens", N),
    ("radiotherapy", "irkg:radiotherapy", "Radiotherapy", None, "radiotherapy", N | P),
    ("SBRT", "irkg:sbrt", "Radiotherapy", None, "stereotactic body radiotherapy", S),
    (
        "stereotactic body radiotherapy",
        "irkg:sbrt",
        "Radiotherapy",
        None,
        "stereotactic body radiotherapy",
        N | P,
    ),
    (
        "immune checkpoint inhibitors",
        "MESH:D000082082",
        "Chemical",
        None,
        "Immune Checkpoint Inhibitors",
        N | P,
    ),
    (
        "radiation-induced lymphopenia",
        "irkg:ril",
        "Disease",
        None,
        "radiation-induced lymphopenia",
        N | P,
    ),
    ("lymphopenia", "MESH:D008231", "Disease", None, "Lymphopenia", N | P),
]


def tiny_entries() -> list[LexEntry]:
    return [
        LexEntry(
            term=term,
            key=normalize_key(term),
            curie=curie,
            type=EntityType(type_),
            taxon=taxon,
            preferred=preferred,
            source="tests",
            flags=flags,
        )
        for term, curie, type_, taxon, preferred, flags in ROWS
    ]


def tiny_lexicon() -> Lexicon:
    return Lexicon.from_entries(tiny_entries(), version="tiny-1")
