"""Choose the hybrid recogniser's per-type rules on the tune set (never on dev).

The tune set is the 5% of train documents that training holds out to pick its checkpoint
(``kg.nlp.corpora.in_tune``). The dictionary's learnt statistics (kg/nlp/learn.py) normally count
every train document, tune included, which would flatter the dictionary here; so this bench
first builds those statistics without the tune documents (cached under ``--stats``) and runs
every pipeline with them. For every corpus the model learns from, its tune documents go through
the hybrid pipeline once up to the merge; then the merge and everything after it
(abbreviations, ambiguity, normaliser, species) run once per policy on copies of those Docs:
the dictionary path's merge, the model alone, and the hybrid grid - which source wins a
conflict within a type (model/dictionary) x between types x whether the model alone adds spans
x the dictionary-alone rule (always/seen/never). Strict span+ID F1 per type (counts summed
over corpora) picks each type's rules, which ``kg.nlp.model`` then states.

    IRKG_SHARED=../shared python bench/hybrid_policy.py [--model DIR] [--json out.json]
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections import defaultdict
from pathlib import Path

from kg.ingest.pubtator import read_pubtator
from kg.ingest.report import IngestReport
from kg.model import AnnotatedDocument
from kg.nlp.corpora import MODEL_TYPES, TRAIN_CORPORA, in_tune
from kg.nlp.evaluate import Counts, score
from kg.nlp.splits import all_dev_ids
from kg.settings import load_settings

RULES = ("always", "seen", "never")
PREFER = ("model", "dictionary")


def tune_documents(corpora_dir: Path) -> dict[str, list[AnnotatedDocument]]:
    held_out = all_dev_ids(corpora_dir)
    out: dict[str, list[AnnotatedDocument]] = {}
    for corpus in TRAIN_CORPORA:
        if corpus.file.startswith("tmVar3"):
            continue
        docs = []
        for a in read_pubtator(corpora_dir / corpus.file, report=IngestReport()):
            if a.document.id not in held_out and in_tune(corpus.file, a.document.id):
                mentions = tuple(m for m in a.mentions if m.type in corpus.types)
                docs.append(AnnotatedDocument(a.document, mentions))
        out[corpus.file] = docs
    return out


def build_stats_without_tune(corpora_dir: Path, path: Path) -> Path:
    """kg/nlp/learn.py's statistics over the train documents minus the tune set."""
    import kg.nlp.learn as learn
    from kg.nlp.resources import open_lexicon

    every = learn.train_documents

    def without_tune(corpora: Path):  # type: ignore[no-untyped-def]
        for name, annotated in every(corpora):
            if not in_tune(name, annotated.document.id):
                yield name, annotated

    learn.train_documents = without_tune  # type: ignore[assignment]
    try:
        stats = learn.build_surface_stats(corpora_dir, open_lexicon("", "none"), progress=True)
    finally:
        learn.train_documents = every  # type: ignore[assignment]
    path.parent.mkdir(parents=True, exist_ok=True)
    stats.save(path)
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, help="model folder (default: the packaged one)")
    parser.add_argument("--json", type=Path, help="write the figures here too")
    parser.add_argument(
        "--stats", type=Path, default=Path("runs/eval/surface-stats-without-tune.json"),
        help="learnt statistics without the tune documents (built when missing)",
    )  # fmt: skip
    args = parser.parse_args()
    corpora_dir = load_settings().corpora_dir
    if corpora_dir is None:
        print("../shared/corpora not found: set IRKG_SHARED", file=sys.stderr)
        return 2
    import kg.nlp.model_recognizer as recognizer
    from kg.nlp import build_pipeline
    from kg.nlp.pipeline import to_annotated

    if args.model:
        recognizer.packaged_model_path = lambda: args.model  # type: ignore[assignment]
    stats = (
        args.stats if args.stats.is_file() else build_stats_without_tune(corpora_dir, args.stats)
    )
    nlp = build_pipeline(None, "hybrid", learnt=str(stats))
    names = nlp.pipe_names
    merge_at = names.index("irkg_merge")
    after = [nlp.get_pipe(n) for n in names[merge_at + 1 :]]
    policies = {
        "dictionary": nlp.create_pipe("irkg_merge_v1", config={"span_keys": ["irkg_dict"]}),
        "model": nlp.create_pipe("irkg_merge_v1", config={"span_keys": ["irkg_model"]}),
    }
    grid = itertools.product(PREFER, PREFER, (True, False), RULES)
    for prefer, across, model_alone, rule in grid:
        config = {
            "prefer": {t.value: prefer for t in MODEL_TYPES},
            "prefer_across": {t.value: across for t in MODEL_TYPES},
            "model_alone": {t.value: model_alone for t in MODEL_TYPES},
            "dictionary_alone": {t.value: rule for t in MODEL_TYPES},
        }
        name = f"{prefer[:4]}/{across[:4]}/{'model+' if model_alone else 'model-'}/{rule}"
        policies[name] = nlp.create_pipe("irkg_hybrid_merge_v1", config=config)
    totals: dict[str, dict[str, Counts]] = defaultdict(lambda: defaultdict(Counts))
    rows = {}
    for corpus, docs in tune_documents(corpora_dir).items():
        with nlp.select_pipes(enable=names[:merge_at]):
            candidates = list(nlp.pipe(a.document.text for a in docs))
        for name, merger in policies.items():
            predicted = []
            for annotated, doc in zip(docs, candidates, strict=True):
                doc = merger(doc.copy())
                for step in after:
                    doc = step(doc)
                predicted.append(to_annotated(annotated.document, doc))
            report = score(docs, predicted)
            for s in report.scores:
                if s.type == "all":
                    continue
                rows[f"{corpus.split('_')[0]} {s.type} {name}"] = round(s.strict.f1, 4)
                totals[s.type][name] += s.strict
        print(f"{corpus}: {len(docs)} tune documents", file=sys.stderr)
    print(f"{'corpus type policy':40s} strict F1")
    for key, f1 in rows.items():
        print(f"{key:40s} {f1:.4f}")
    print("\nsummed over corpora: strict P / R / F1")
    best = {}
    for etype, by_policy in totals.items():
        print(etype)
        for name, c in sorted(by_policy.items(), key=lambda kv: -kv[1].f1):
            print(f"  {name:28s} {c.precision:.4f} {c.recall:.4f} {c.f1:.4f}")
        hybrid = {p: c.f1 for p, c in by_policy.items() if "/" in p}
        best[etype] = max(hybrid, key=lambda p: hybrid[p])
        print(f"  -> {best[etype]}")
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "best": best}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
