"""Pair-level precision/recall of irkg's relation extractor against gold relations.

The extractor runs over the gold entity mentions (``kg.nlp.relate``), so the figures measure
relation reading alone, not recognition. Only held-out documents are scored
(``kg.nlp.splits``: the official BC5CDR development set; BioRED's hashed 20% dev share).

Gold relations are the PubTator relation lines after the entity lines:

* BC5CDR (``bc5cdr_original/CDR_DevelopmentSet.PubTator.txt``): ``PMID<TAB>CID<TAB>chemical
  <TAB>disease``, "chemical induces disease", document level;
* BioRED: ``PMID<TAB>Type<TAB>ID1<TAB>ID2<TAB>Novelty`` (Positive_Correlation,
  Negative_Correlation, Bind, Association, ...). The BioRED file in ../shared carries no
  relation lines (the AIONER release strips them); the script says so and scores nothing.

Rows: ``signed`` (CID: chemical -affects(+)-> disease; BioRED: sign/binding must match the
type), ``typed`` (any typed relation between the pair, either direction), ``co-mention``
(same sentence: the ceiling of any sentence-level reader). Usage:

    python bench/relations_eval.py [--corpus bc5cdr|biored] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

from kg.ids import normalize_curie
from kg.ingest import IngestReport, read_annotated
from kg.model import AnnotatedDocument, EntityType, Sign
from kg.nlp.relate import relate, relation_pipeline
from kg.nlp.relations import COMENTION
from kg.nlp.splits import split_of
from kg.nlp.triggers import AFFECTS, INTERACTS
from kg.settings import load_settings

CORPORA = {
    "bc5cdr": ("bc5cdr_original/CDR_DevelopmentSet.PubTator.txt", "BC5CDR_TrainDev.PubTator"),
    "biored": ("BioRED_TrainDev.PubTator", "BioRED_TrainDev.PubTator"),
}
SIGNED_TYPES = {"Positive_Correlation": "+", "Negative_Correlation": "-", "Bind": "bind"}

Pair = tuple[str, str, str]  # doc id, id1, id2 (sorted for unordered pairs)


def gold_relations(path: Path) -> dict[str, list[tuple[str, str, str]]]:
    """doc id -> [(type, id1, id2)] from the relation lines of a PubTator file."""
    found: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            cols = line.rstrip("\n").split("\t")
            if len(cols) in (4, 5) and not cols[1].isdigit():
                try:
                    a = normalize_curie(cols[2], "Gene")
                    b = normalize_curie(cols[3], "Gene")
                except ValueError:
                    continue
                found[cols[0]].append((cols[1], a, b))
    return found


def _unordered(doc: str, a: str, b: str) -> Pair:
    return (doc, *sorted((a, b)))


def predictions(annotated: AnnotatedDocument, corpus: str) -> dict[str, set]:
    """Predicted pairs of one document for each row of the table."""
    doc = annotated.document.id
    types = {c: m.type for m in annotated.mentions for c in m.ids}
    rows: dict[str, set] = {"signed": set(), "typed": set(), "co-mention": set()}
    for rel in annotated.relations:
        pair = _unordered(doc, rel.subject, rel.object)
        if rel.evidence.extractor == COMENTION:
            rows["co-mention"].add(pair)
            continue
        rows["typed"].add(pair)
        if corpus == "bc5cdr":
            chem_to_disease = (
                types.get(rel.subject) == EntityType.CHEMICAL
                and types.get(rel.object) == EntityType.DISEASE
            )
            if (
                rel.predicate == AFFECTS
                and rel.qualifiers.sign == Sign.POSITIVE
                and chem_to_disease
            ):
                rows["signed"].add((doc, rel.subject, rel.object))
        elif rel.predicate == AFFECTS and rel.qualifiers.sign != Sign.NONE:
            rows["signed"].add((*pair, "+" if rel.qualifiers.sign == Sign.POSITIVE else "-"))
        elif rel.predicate == INTERACTS:
            rows["signed"].add((*pair, "bind"))
    return rows


def gold_rows(doc: str, relations: list[tuple[str, str, str]], corpus: str) -> dict[str, set]:
    rows: dict[str, set] = {"signed": set(), "typed": set(), "co-mention": set()}
    for kind, a, b in relations:
        pair = _unordered(doc, a, b)
        rows["typed"].add(pair)
        rows["co-mention"].add(pair)
        if corpus == "bc5cdr":
            rows["signed"].add((doc, a, b))
        elif kind in SIGNED_TYPES:
            rows["signed"].add((*pair, SIGNED_TYPES[kind]))
    return rows


def score(pred: set, gold: set) -> dict[str, float]:
    tp = len(pred & gold)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "pred": len(pred), "gold": len(gold), "precision": p, "recall": r, "f1": f}


def evaluate(corpus: str, corpora_dir: Path) -> dict:
    file, split_name = CORPORA[corpus]
    path = corpora_dir / file
    gold = gold_relations(path)
    nlp = relation_pipeline()
    pred_all: dict[str, set] = defaultdict(set)
    gold_all: dict[str, set] = defaultdict(set)
    docs = 0
    started = time.perf_counter()
    for annotated in read_annotated([str(path)], report=IngestReport()):
        doc = annotated.document.id
        if split_of(corpora_dir, split_name, doc) != "dev":
            continue
        docs += 1
        for row, pairs in predictions(relate(annotated, nlp), corpus).items():
            pred_all[row] |= pairs
        for row, pairs in gold_rows(doc, gold.get(doc, []), corpus).items():
            gold_all[row] |= pairs
    seconds = time.perf_counter() - started
    return {
        "corpus": corpus,
        "file": file,
        "split": "dev",
        "documents": docs,
        "gold_relations": sum(len(v) for k, v in gold.items()),
        "seconds": round(seconds, 1),
        "rows": {
            row: score(pred_all[row], gold_all[row]) for row in ("signed", "typed", "co-mention")
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=sorted(CORPORA), default="bc5cdr")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    corpora = load_settings().corpora_dir
    if corpora is None:
        print("relations_eval: ../shared corpora not found (set IRKG_SHARED)", file=sys.stderr)
        return 2
    result = evaluate(args.corpus, Path(corpora))
    if not result["gold_relations"]:
        print(f"relations_eval: {result['file']} has no relation lines; nothing to score")
    print(
        f"{result['corpus']} {result['split']}: {result['documents']} documents, "
        f"{result['seconds']} s"
    )
    print(f"{'row':<12}{'P':>8}{'R':>8}{'F1':>8}{'tp':>7}{'pred':>7}{'gold':>7}")
    for row, s in result["rows"].items():
        print(
            f"{row:<12}{s['precision']:>8.3f}{s['recall']:>8.3f}{s['f1']:>8.3f}"
            f"{s['tp']:>7}{s['pred']:>7}{s['gold']:>7}"
        )
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
