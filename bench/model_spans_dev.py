"""Span-only scores of the trained model alone on the dev splits, per corpus and type.

No normalisation and no dictionary: a predicted span counts when its character offsets and type
equal a gold mention's. Only the types a corpus annotates are scored on it (a gene found in a
BC5CDR abstract is neither right nor wrong there). Dev documents are ``split_of(...) == "dev"``
(kg/nlp/splits.py), which training never saw. Strict span + ID scores of the whole pipeline come
from ``irkg eval`` (docs/EVALUATION.md).

    IRKG_SHARED=../shared python bench/model_spans_dev.py [--model DIR] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from kg.ingest.pubtator import read_pubtator
from kg.nlp.corpora import TRAIN_CORPORA
from kg.nlp.model_recognizer import DEFAULT_SPANS_KEY, load_model
from kg.nlp.splits import split_of
from kg.settings import load_settings


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, help="model folder (default: the packaged one)")
    parser.add_argument("--json", type=Path, help="write the figures here too")
    args = parser.parse_args()
    corpora_dir = load_settings().corpora_dir
    if corpora_dir is None:
        print("../shared/corpora not found: set IRKG_SHARED", file=sys.stderr)
        return 2
    nlp = load_model(args.model)
    rows: dict[str, dict[str, float]] = {}
    started = time.perf_counter()
    for corpus in TRAIN_CORPORA:
        if corpus.file.startswith("tmVar3"):
            continue  # used for training genes only; not one of the dev benchmarks
        docs = [
            a
            for a in read_pubtator(corpora_dir / corpus.file)
            if split_of(corpora_dir, corpus.file, a.document.id) == "dev"
        ]
        counts: dict[str, Counter[str]] = {t.value: Counter() for t in corpus.types}
        texts = (a.document.text for a in docs)
        for annotated, doc in zip(docs, nlp.pipe(texts, batch_size=32), strict=True):
            for etype in corpus.types:
                label = etype.value
                gold = {(m.start, m.end) for m in annotated.mentions if m.type == etype}
                pred = {
                    (s.start_char, s.end_char)
                    for s in doc.spans.get(DEFAULT_SPANS_KEY, ())
                    if s.label_ == label
                }
                counts[label].update(tp=len(gold & pred), fp=len(pred - gold), fn=len(gold - pred))
        for label, c in counts.items():
            p, r, f = prf(c["tp"], c["fp"], c["fn"])
            rows[f"{corpus.file.split('_')[0]} {label}"] = {
                "docs": len(docs), "gold": c["tp"] + c["fn"], "p": p, "r": r, "f": f,
            }  # fmt: skip
    print(f"{'corpus type':24s} {'docs':>5s} {'gold':>6s} {'P':>6s} {'R':>6s} {'F1':>6s}")
    for key, row in rows.items():
        print(f"{key:24s} {row['docs']:5d} {row['gold']:6d} "
              f"{row['p']:6.3f} {row['r']:6.3f} {row['f']:6.3f}")  # fmt: skip
    print(f"({time.perf_counter() - started:.0f} s)")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
