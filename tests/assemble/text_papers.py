"""Small annotated papers written for the assemble tests (mentions marked by known names)."""

from __future__ import annotations

import re

from kg.model import AnnotatedDocument, Document, DocumentMeta, EntityType, Mention, Passage

NAMES = {
    "cGAS": (EntityType.GENE, "NCBIGene:115004", "NCBITaxon:9606"),
    "cGAMP": (EntityType.CHEMICAL, "MESH:C584311", None),
    "STING": (EntityType.GENE, "NCBIGene:340061", "NCBITaxon:9606"),
    "TBK1": (EntityType.GENE, "NCBIGene:29110", "NCBITaxon:9606"),
    "IRF3": (EntityType.GENE, "NCBIGene:3661", "NCBITaxon:9606"),
    "IFNB1": (EntityType.GENE, "NCBIGene:3456", "NCBITaxon:9606"),
    "PD-1": (EntityType.GENE, "NCBIGene:5133", "NCBITaxon:9606"),
    "pembrolizumab": (EntityType.CHEMICAL, "MESH:C582435", None),
    "melanoma": (EntityType.DISEASE, "MESH:D008545", None),
    "SBRT": (EntityType.RADIOTHERAPY, "irkg:SBRT", None),
    "MC38": (EntityType.CELL_LINE, "cellosaurus:CVCL_B288", "NCBITaxon:10090"),
}
ID = {name: curie for name, (_, curie, _) in NAMES.items()}


def paper(doc_id: str, title: str, abstract: str, pmid: str | None = None) -> AnnotatedDocument:
    """A title + abstract document with a gold-style mention for every known name."""
    document = Document(
        doc_id,
        (Passage("title", 0, title), Passage("abstract", len(title) + 1, abstract)),
        DocumentMeta(pmid=pmid),
    )
    text = document.text
    mentions = []
    for name, (etype, curie, taxon) in NAMES.items():
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            mentions.append(
                Mention(doc_id, m.start(), m.end(), name, etype, (curie,), 0.9, "gold", taxon)
            )
    mentions.sort(key=lambda m: m.start)
    return AnnotatedDocument(document, tuple(mentions))


CORPUS = [
    paper(
        "1001",
        "cGAMP activates STING",
        "STING is activated by cGAMP. TBK1 phosphorylates IRF3. STING is activated by cGAMP "
        "in MC38 cells.",
        pmid="1001",
    ),
    paper(
        "1002",
        "Checkpoint blockade",
        "pembrolizumab blocks PD-1 in melanoma. cGAMP may activate STING.",
        pmid="1002",
    ),
    paper(
        "demo-x",
        "A negative result",
        "cGAMP did not activate STING in these cells. SBRT (8 Gy x 3) was given for melanoma.",
    ),
]
