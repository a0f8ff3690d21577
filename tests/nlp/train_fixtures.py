"""A tiny made-up corpora folder in the layout of ../shared/corpora, for the training tests.

The sentences and annotations are invented for these tests (no ../shared data). Documents are
read with the project's PubTator reader when it is installed, else with ``read_tiny_pubtator``,
a minimal parser of exactly the lines below.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from kg.model import AnnotatedDocument, Document, EntityType, Mention, Passage


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


def write_corpora(root: Path) -> Path:
    """Write the fixture corpora under ``root/corpora`` and return that folder."""
    corpora = root / "corpora"
    (corpora / "bc5cdr_original").mkdir(parents=True)
    (corpora / "BC5CDR_TrainDev.PubTator").write_text("".join([*CDR, CDR_DEV]))
    (corpora / "bc5cdr_original" / "CDR_DevelopmentSet.PubTator.txt").write_text(CDR_DEV)
    (corpora / "GNormPlus_Train.PubTator").write_text("".join(GENES))
    return corpora


def read_tiny_pubtator(path: Path) -> Iterator[AnnotatedDocument]:
    """Just enough PubTator for the lines above (title, abstract, mention lines)."""
    for block in Path(path).read_text().strip().split("\n\n"):
        lines = block.splitlines()
        pmid, _, title = lines[0].partition("|t|")
        abstract = lines[1].partition("|a|")[2]
        document = Document(
            pmid, (Passage("title", 0, title), Passage("abstract", len(title) + 1, abstract))
        )
        mentions = []
        for line in lines[2:]:
            _, start, end, text, etype, _ids = line.split("\t")
            mentions.append(
                Mention(pmid, int(start), int(end), text, EntityType.parse(etype), source="gold")
            )
        yield AnnotatedDocument(document, tuple(mentions))


def pubtator_reader():
    """The project's reader when it exists, else the minimal one."""
    try:
        from kg.ingest.pubtator import read_pubtator
    except ImportError:
        return read_tiny_pubtator
    return read_pubtator
