"""A generated corpus of annotated abstracts (PubTator text with mentions) for cluster tests and
benches: sentences about the cGAS-STING axis and checkpoint drugs, with relation triggers, so the
relation extractor has work to do. Deterministic for a given seed and size."""

from __future__ import annotations

import random
import re
from pathlib import Path

GENES = {
    "cGAS": "115004",
    "STING": "340061",
    "TBK1": "29110",
    "IRF3": "3661",
    "PD-1": "5133",
    "PD-L1": "29126",
    "CTLA-4": "1493",
    "IFNB1": "3456",
}
CHEMICALS = {
    "cGAMP": "MESH:C584311",
    "pembrolizumab": "MESH:C582435",
    "nivolumab": "MESH:D000077594",
    "durvalumab": "MESH:C000613593",
    "ipilimumab": "MESH:D000074324",
}
DISEASES = {"melanoma": "MESH:D008545", "lung cancer": "MESH:D008175"}
CELL_LINES = {"MC38": "CVCL_B288", "B16-F10": "CVCL_0159"}
TEMPLATES = (
    "{chemical} activated {gene} in {cell} cells.",
    "{chemical} inhibited {gene} in patients with {disease}.",
    "{gene} phosphorylates {gene2} after irradiation.",
    "{chemical} did not activate {gene} in {cell} cells.",
    "{gene} may increase {gene2} expression in {disease}.",
    "SBRT (8 Gy x 3) with {chemical} was given for {disease}.",
    "Loss of {gene} reduced {gene2} signalling in {cell} tumours.",
)


def abstracts(n: int, seed: int = 7) -> list[tuple[str, str, str]]:
    """``n`` (pmid, title, abstract) triples."""
    rng = random.Random(seed)
    papers = []
    for i in range(n):
        sentences = []
        for _ in range(rng.randint(3, 7)):
            gene, gene2 = rng.sample(sorted(GENES), 2)
            sentences.append(
                rng.choice(TEMPLATES).format(
                    gene=gene,
                    gene2=gene2,
                    chemical=rng.choice(sorted(CHEMICALS)),
                    disease=rng.choice(sorted(DISEASES)),
                    cell=rng.choice(sorted(CELL_LINES)),
                )
            )
        title = sentences[0].rstrip(".")
        papers.append((str(30_000_000 + i), title, " ".join(sentences[1:])))
    return papers


def _mentions(text: str) -> list[tuple[int, int, str, str, str]]:
    found = []
    for names, kind in ((GENES, "Gene"), (CHEMICALS, "Chemical"), (DISEASES, "Disease")):
        for name, ident in names.items():
            for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
                found.append((m.start(), m.end(), name, kind, ident))
    for name, ident in CELL_LINES.items():
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            found.append((m.start(), m.end(), name, "CellLine", ident))
    return sorted(found)


def write_pubtator(path: Path, n: int, seed: int = 7) -> Path:
    """Write ``n`` generated abstracts with their mentions as a PubTator file."""
    with path.open("w", encoding="utf-8") as out:
        for pmid, title, abstract in abstracts(n, seed):
            out.write(f"{pmid}|t|{title}\n{pmid}|a|{abstract}\n")
            for start, end, name, kind, ident in _mentions(f"{title}\n{abstract}"):
                out.write(f"{pmid}\t{start}\t{end}\t{name}\t{kind}\t{ident}\n")
            out.write("\n")
    return path
