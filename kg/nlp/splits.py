"""Which gold documents are for training and which are held out for evaluation.

BC5CDR and NCBI-disease have official dev sets (their PMIDs come from the original split files in
../shared). The other corpora in ../shared are train-only files, so a fixed 20% of each is held out
here by a hash of a group key (the paper, so that figure captions of one paper in BioID never fall
on both sides). Training excludes every document that is held out in ANY corpus, because the same
PMID appears in several corpora. Nothing here reads or guesses test splits.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import Literal

Split = Literal["train", "dev"]

# corpus file name (under corpora/) -> file whose PMIDs are the official dev split, if any
OFFICIAL_DEV = {
    "BC5CDR_TrainDev.PubTator": "bc5cdr_original/CDR_DevelopmentSet.PubTator.txt",
    "NCBIdisease_TrainDev.PubTator": "ncbi_disease_original/NCBIdevelopset_corpus.txt",
}
HELD_OUT_PERCENT = 20


def group_key(corpus: str, doc_id: str) -> str:
    """The unit that must not be split across train and dev (BioID: the paper, first 8 digits)."""
    if corpus.startswith("BioID"):
        return doc_id[:8]
    return doc_id


def _hashed_dev(corpus: str, doc_id: str) -> bool:
    digest = hashlib.sha256(f"{corpus}:{group_key(corpus, doc_id)}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % 100 < HELD_OUT_PERCENT


@cache
def _official_dev_ids(corpora_dir: Path, corpus: str) -> frozenset[str]:
    path = corpora_dir / OFFICIAL_DEV[corpus]
    ids: set[str] = set()
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            head, sep, _ = line.partition("|t|")
            if sep:
                ids.add(head.strip())
    return frozenset(ids)


def split_of(corpora_dir: Path, corpus: str, doc_id: str) -> Split:
    """ "dev" or "train" for one document of one corpus file."""
    if corpus in OFFICIAL_DEV:
        return "dev" if doc_id in _official_dev_ids(Path(corpora_dir), corpus) else "train"
    return "dev" if _hashed_dev(corpus, doc_id) else "train"


@cache
def all_dev_ids(corpora_dir: Path) -> frozenset[str]:
    """Every document id held out in any PubTator corpus: training must skip all of them."""
    corpora_dir = Path(corpora_dir)
    ids: set[str] = set()
    for path in sorted(corpora_dir.glob("*.PubTator")):
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                head, sep, _ = line.partition("|t|")
                if sep and split_of(corpora_dir, path.name, head.strip()) == "dev":
                    ids.add(head.strip())
    return frozenset(ids)
