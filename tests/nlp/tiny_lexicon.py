"""A tiny real lexicon for component tests: a few genes (human and mouse), chemicals,
diseases, cell lines and species, with the flags the compiler would give them."""

from __future__ import annotations

from pathlib import Path

from kg.lexicon import Flags, LexEntry, Lexicon, Ortholog, normalize_key
from kg.lexicon.fileformat import write_lexicon
from kg.lexicon.lexicon import pack_entries
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
    ("drug", "MESH:D004364", "Chemical", None, "Pharmaceutical Preparations", N),
    ("2',3'-cGAMP", "MESH:C584311", "Chemical", None, "2',3'-cGAMP", N | P),
    ("cGAMP", "MESH:C584311", "Chemical", None, "2',3'-cGAMP", S),
    ("pembrolizumab", "MESH:C582435", "Chemical", None, "pembrolizumab", N | P),
    ("breast cancer", "MESH:D001943", "Disease", None, "Breast Neoplasms", N),
    ("breast neoplasms", "MESH:D001943", "Disease", None, "Breast Neoplasms", N | P),
    ("lung cancer", "MESH:D008175", "Disease", None, "Lung Neoplasms", N),
    ("brain cancer", "MESH:D001932", "Disease", None, "Brain Neoplasms", N),
    ("pancreatic neoplasms", "MESH:D010190", "Disease", None, "Pancreatic Neoplasms", N | P),
    ("tumor", "MESH:D009369", "Disease", None, "Neoplasms", N),
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
    ("Rat", "NCBITaxon:10116", "Species", None, "Rattus norvegicus", N),
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
    ("Gh", "NCBIGene:14599", "Gene", MOUSE, "Gh", S | P),
    ("growth hormone", "NCBIGene:14599", "Gene", MOUSE, "Gh", N),
    ("GH1", "NCBIGene:2688", "Gene", HUMAN, "GH1", S | P),
    (
        "glucose-6-phosphate dehydrogenase deficiency",
        "MESH:D005955",
        "Disease",
        None,
        "Glucosephosphate Dehydrogenase Deficiency",
        N | P,
    ),
    ("glucose-6-phosphate dehydrogenase", "NCBIGene:2539", "Gene", HUMAN, "G6PD", N),
    ("atelosteogenesis type 2", "MESH:C535395", "Disease", None, "Atelosteogenesis, Type II", N),
    (
        "Schwartz-Jampel syndrome",
        "MESH:C537502",
        "Disease",
        None,
        "Schwartz-Jampel Syndrome, Type 2",
        N,
    ),
    (
        "ALL",
        "MESH:D054198",
        "Disease",
        None,
        "Precursor Cell Lymphoblastic Leukemia-Lymphoma",
        S | C | Flags.STOP,
    ),
    ("HD", "MESH:D006816", "Disease", None, "Huntington Disease", S | C | Flags.AMBIGUOUS_TYPE),
    ("HD", "NCBIGene:3064", "Gene", HUMAN, "HTT", S | C | Flags.AMBIGUOUS_TYPE),
    ("BR1", "cellosaurus:CVCL_C062", "CellLine", HUMAN, "BR1", S | P),
    ("A549", "cellosaurus:CVCL_0023", "CellLine", HUMAN, "A549", S | P),
    ("Daxx", "NCBIGene:13163", "Gene", MOUSE, "Daxx", S | P),
    ("DAXX", "NCBIGene:1616", "Gene", HUMAN, "DAXX", S | P),
    ("programmed cell death ligand 1", "NCBIGene:29126", "Gene", HUMAN, "CD274", N),
    ("programmed cell death ligand 2", "NCBIGene:80380", "Gene", HUMAN, "PDCD1LG2", N),
    ("TPO", "NCBIGene:7173", "Gene", HUMAN, "TPO", S | P),
    ("thyroid peroxidase", "NCBIGene:7173", "Gene", HUMAN, "TPO", N),
    ("THPO", "NCBIGene:7066", "Gene", HUMAN, "THPO", S | P),
    ("TPO", "NCBIGene:7066", "Gene", HUMAN, "THPO", S),
    ("thrombopoietin", "NCBIGene:7066", "Gene", HUMAN, "THPO", N),
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


ORTHOLOGS = [
    Ortholog("NCBIGene:340061", "NCBIGene:72512", "tests"),
    Ortholog("NCBIGene:115004", "NCBIGene:214763", "tests"),
    Ortholog("NCBIGene:2688", "NCBIGene:14599", "tests"),
]


def tiny_lexicon() -> Lexicon:
    return Lexicon.from_entries(tiny_entries(), orthologs=ORTHOLOGS, version="tiny-1")


def write_tiny_lexicon(path: Path) -> Path:
    """The same lexicon as a real lexicon file (what ``Lexicon.open`` reads)."""
    write_lexicon(path, pack_entries(tiny_entries(), (), ORTHOLOGS), {"sources": ["tests"]})
    return path


def lexicon_ref(lexicon: Lexicon) -> dict[str, str]:
    """The config block that hands an in-memory lexicon to a component."""
    from kg.nlp.resources import lexicon_config

    return lexicon_config(lexicon, "none")
