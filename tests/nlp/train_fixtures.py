"""A tiny made-up corpora folder in the layout of ../shared/corpora, for the training tests.

The sentences and annotations are invented for these tests (no ../shared data).
"""

from __future__ import annotations

from pathlib import Path


def _doc(pmid: str, title: str, abstract: str, mentions: list[tuple[str, str]]) -> str:
    """PubTator lines; each mention is (text, type), found by its first occurrence."""
    text = f"{title}\n{abstract}"
    lines = [f"{pmid}|t|{title}", f"{pmid}|a|{abstract}"]
    cursor: dict[str, int] = {}
    for mention, etype in mentions:
        start = text.index(mention, cursor.get(mention, 0))
        cursor[mention] = start + 1
        lines.append(f"{pmid}\t{start}\t{start + len(mention)}\t{mention}\t{etype}\t-")
    return "\n".join(lines) + "\n\n"


# PMIDs chosen so that none falls in the 20% hash-held-out dev share (checked by the tests)
CDR = [
    _doc("9000001", "Cisplatin-induced nephrotoxicity in rats.",
         "Cisplatin caused acute kidney injury and seizures; magnesium reduced the nephrotoxicity.",
         [("Cisplatin", "Chemical"), ("nephrotoxicity", "Disease"), ("Cisplatin", "Chemical"),
          ("acute kidney injury", "Disease"), ("seizures", "Disease"), ("magnesium", "Chemical"),
          ("nephrotoxicity", "Disease")]),
    _doc("9000002", "Doxorubicin cardiotoxicity.",
         "Doxorubicin-treated patients developed heart failure; dexrazoxane protected them.",
         [("Doxorubicin", "Chemical"), ("cardiotoxicity", "Disease"), ("Doxorubicin", "Chemical"),
          ("heart failure", "Disease"), ("dexrazoxane", "Chemical")]),
    _doc("9000003", "Lithium and tremor.", "Lithium was associated with tremor in BRCA1 carriers.",
         [("Lithium", "Chemical"), ("tremor", "Disease"), ("Lithium", "Chemical"),
          ("tremor", "Disease")]),
]  # fmt: skip
CDR_DEV = _doc(
    "9000004", "Haloperidol and dystonia.", "Haloperidol induced acute dystonia.",
    [("Haloperidol", "Chemical"), ("dystonia", "Disease")],
)  # fmt: skip
GENES = [
    _doc("9100001", "STING signalling after radiation.",
         "Radiation activates cGAS and STING, then TBK1 phosphorylates IRF3 in MC38 cells.",
         [("STING", "Gene"), ("cGAS", "Gene"), ("STING", "Gene"), ("TBK1", "Gene"),
          ("IRF3", "Gene")]),
    _doc("9100002", "PD-L1 expression.", "IFN-gamma raised PD-L1 and CD274xyz levels.",
         [("PD-L1", "Gene"), ("IFN-gamma", "Gene"), ("PD-L1", "Gene"), ("CD274", "Gene")]),
    _doc("9100003", "No genes here.", "The weather was fine.", []),
]  # fmt: skip


DISEASES = [
    _doc("9200001", "Ataxia-telangiectasia and cancer.",
         "Patients with ataxia-telangiectasia develop lymphoma and breast cancer.",
         [("Ataxia-telangiectasia", "SpecificDisease"), ("cancer", "DiseaseClass"),
          ("ataxia-telangiectasia", "SpecificDisease"), ("lymphoma", "DiseaseClass"),
          ("breast cancer", "SpecificDisease")]),
]  # fmt: skip
CAPTIONS = [
    _doc("12345678001", "(A) HeLa and MC38 cells after 8 Gy.", "",
         [("HeLa", "CellLine"), ("MC38", "CellLine")]),
    _doc("12345678002", "(B) Western blot of STING in B16-F10 cells.", "",
         [("B16-F10", "CellLine")]),
]  # fmt: skip
ALL_TYPES = [
    _doc("9300002", "Cisplatin activates STING in MC38 tumours.",
         "Cisplatin raised IFNB1 and reduced colorectal cancer growth in MC38 cells.",
         [("Cisplatin", "Chemical"), ("STING", "Gene"), ("MC38", "CellLine"),
          ("Cisplatin", "Chemical"), ("IFNB1", "Gene"), ("colorectal cancer", "Disease"),
          ("MC38", "CellLine")]),
]  # fmt: skip


def write_corpora(root: Path) -> Path:
    """Write the fixture corpora under ``root/corpora`` (every training file) and return it."""
    corpora = root / "corpora"
    (corpora / "bc5cdr_original").mkdir(parents=True)
    (corpora / "ncbi_disease_original").mkdir(parents=True)
    (corpora / "BC5CDR_TrainDev.PubTator").write_text("".join([*CDR, CDR_DEV]))
    (corpora / "bc5cdr_original" / "CDR_DevelopmentSet.PubTator.txt").write_text(CDR_DEV)
    (corpora / "ncbi_disease_original" / "NCBIdevelopset_corpus.txt").write_text("")
    (corpora / "NCBIdisease_TrainDev.PubTator").write_text("".join(DISEASES))
    (corpora / "GNormPlus_Train.PubTator").write_text("".join(GENES))
    (corpora / "NLMgene_Train.PubTator").write_text("".join(GENES[:2]))
    (corpora / "tmVar3_Train.PubTator").write_text(GENES[0])
    (corpora / "BioID_Train_revision.PubTator").write_text("".join(CAPTIONS))
    (corpora / "BioRED_TrainDev.PubTator").write_text("".join(ALL_TYPES))
    return corpora


TINY_CONFIG = {
    "components.tok2vec.model.encode.width": 16,
    "components.tok2vec.model.encode.depth": 1,
    "components.tok2vec.model.embed.rows": [300, 100, 100, 50],
    "training.eval_frequency": 2,
    "training.max_steps": 6,
    "training.batcher.size.start": 60,
    "training.batcher.size.stop": 60,
    **{f"components.ner_{t}.model.hidden_width": 8 for t in ("gene", "chemical", "disease",
                                                           "cellline")},
}  # fmt: skip
