"""Precision check of signed relations on real abstracts: BC5CDR training abstracts, whose
"chemical induces disease" (CID) lines are the gold relations. (The BioRED file in ../shared
carries no relation lines.) A loose floor, not a figure: ``bench/relations_eval.py`` reports
precision and recall on the held-out development set."""

from pathlib import Path

import pytest

from kg.ids import normalize_curie
from kg.ingest import IngestReport, read_annotated
from kg.model import EntityType, Sign
from kg.nlp.relate import relate, relation_pipeline
from kg.nlp.splits import split_of
from kg.nlp.triggers import AFFECTS
from kg.settings import load_settings

CORPORA = load_settings().corpora_dir
pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(CORPORA is None, reason="../shared corpora not present"),
]
TRAIN = "bc5cdr_original/CDR_TrainingSet.PubTator.txt"
ABSTRACTS = 150


def cid_pairs(path: Path) -> set[tuple[str, str, str]]:
    pairs = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) == 4 and cols[1] == "CID":
            pairs.add((cols[0], normalize_curie(cols[2]), normalize_curie(cols[3])))
    return pairs


def test_signed_chemical_to_disease_precision():
    path = Path(CORPORA) / TRAIN
    gold = cid_pairs(path)
    nlp = relation_pipeline()
    predicted = set()
    docs = 0
    for annotated in read_annotated([str(path)], report=IngestReport()):
        doc_id = annotated.document.id
        if split_of(Path(CORPORA), "BC5CDR_TrainDev.PubTator", doc_id) != "train":
            continue
        docs += 1
        types = {c: m.type for m in annotated.mentions for c in m.ids}
        for rel in relate(annotated, nlp).relations:
            if (
                rel.predicate == AFFECTS
                and rel.qualifiers.sign == Sign.POSITIVE
                and types.get(rel.subject) == EntityType.CHEMICAL
                and types.get(rel.object) == EntityType.DISEASE
                and not rel.evidence.negated
            ):
                predicted.add((doc_id, rel.subject, rel.object))
        if docs == ABSTRACTS:
            break
    assert len(predicted) >= 20
    precision = len(predicted & gold) / len(predicted)
    assert precision >= 0.5, f"signed precision {precision:.2f} on {docs} abstracts"
