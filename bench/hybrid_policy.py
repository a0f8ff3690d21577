"""Choose the hybrid recogniser's per-type rules on the tune set; dev may only veto them.

The tune set is the 5% of train documents that training holds out to pick its checkpoint
(``kg.nlp.corpora.in_tune``). The dictionary's learnt statistics (kg/nlp/learn.py) normally count
every train document, tune included, which would flatter the dictionary here; so this bench
first builds those statistics without the tune documents (cached under ``--stats``) and runs
every pipeline with them. For every corpus the model learns from, its tune documents go through
the hybrid pipeline once up to the merge; then the merge and everything after it
(abbreviations, ambiguity, normaliser, species) run once per policy on copies of those Docs:
the dictionary path's merge, the model alone, and the hybrid grid - which source wins a
conflict within a type (model/dictionary) x between types (model/dictionary/neither) x whether
the model alone adds spans x the dictionary-alone rule (always/seen/never). Strict span+ID F1
per type (counts summed over corpora) picks each type's rules.

Then dev has a veto, and only that: a type's rules stand only if they are no worse than the
dictionary path on that type in every dev corpus that annotates it; otherwise the type falls
back to ``DICTIONARY_LIKE`` (the dictionary wins every conflict, the model adds nothing). The
tune set is 5% of train (64 documents carry genes), and the rules it favoured for genes,
diseases and cell lines were each worse than the dictionary on two dev corpora; issue 5 asks
that the hybrid never be.
``kg.nlp.model`` states the result.

    IRKG_SHARED=../shared python bench/hybrid_policy.py [--model DIR] [--json out.json]
        [--no-dev-veto]
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from kg.ingest.pubtator import read_pubtator
from kg.ingest.report import IngestReport
from kg.model import AnnotatedDocument
from kg.nlp.corpora import MODEL_TYPES, TRAIN_CORPORA, in_tune
from kg.nlp.evaluate import Counts, score
from kg.nlp.splits import all_dev_ids, split_of
from kg.settings import load_settings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

RULES = ("always", "seen", "never")
PREFER = ("model", "dictionary")
ACROSS = ("model", "dictionary", "neither")
DICTIONARY_LIKE = "dict/dict/model-/always"
Scores = dict[str, dict[str, dict[str, Counts]]]  # corpus -> type -> policy -> strict counts


def held_out_documents(corpora_dir: Path, split: str) -> dict[str, list[AnnotatedDocument]]:
    """The tune documents ("tune") or the dev documents ("dev") of every corpus the model learns
    from, with the mentions of the types it annotates for the model."""
    held_out = all_dev_ids(corpora_dir)
    out: dict[str, list[AnnotatedDocument]] = {}
    for corpus in TRAIN_CORPORA:
        if corpus.file.startswith("tmVar3"):
            continue
        docs = []
        for a in read_pubtator(corpora_dir / corpus.file, report=IngestReport()):
            doc_id = a.document.id
            wanted = (
                split_of(corpora_dir, corpus.file, doc_id) == "dev"  # as `irkg eval` splits
                if split == "dev"
                else doc_id not in held_out and in_tune(corpus.file, doc_id)
            )
            if wanted:
                mentions = tuple(m for m in a.mentions if m.type in corpus.types)
                docs.append(AnnotatedDocument(a.document, mentions))
        out[corpus.file] = docs
    return out


def make_policies(nlp: Language) -> dict[str, Callable[[Doc], Doc]]:
    """The merge steps to compare: the dictionary path's, the model alone's, the hybrid grid."""
    policies = {
        "dictionary": nlp.create_pipe("irkg_merge_v1", config={"span_keys": ["irkg_dict"]}),
        "model": nlp.create_pipe("irkg_merge_v1", config={"span_keys": ["irkg_model"]}),
    }
    grid = itertools.product(PREFER, ACROSS, (True, False), RULES)
    for prefer, across, model_alone, rule in grid:
        config = {
            "prefer": {t.value: prefer for t in MODEL_TYPES},
            "prefer_across": {t.value: across for t in MODEL_TYPES},
            "model_alone": {t.value: model_alone for t in MODEL_TYPES},
            "dictionary_alone": {t.value: rule for t in MODEL_TYPES},
        }
        name = f"{prefer[:4]}/{across[:4]}/{'model+' if model_alone else 'model-'}/{rule}"
        policies[name] = nlp.create_pipe("irkg_hybrid_merge_v1", config=config)
    return policies


def score_policies(
    nlp: Language,
    policies: dict[str, Callable[[Doc], Doc]],
    corpora: dict[str, list[AnnotatedDocument]],
) -> Scores:
    """Each corpus's documents through the pipeline once up to the merge, then through each
    policy's merge and every step after it."""
    from kg.nlp.pipeline import to_annotated

    names = nlp.pipe_names
    merge_at = names.index("irkg_merge")
    after = [nlp.get_pipe(n) for n in names[merge_at + 1 :]]
    out: Scores = defaultdict(lambda: defaultdict(dict))
    for corpus, docs in corpora.items():
        with nlp.select_pipes(enable=names[:merge_at]):
            candidates = list(nlp.pipe(a.document.text for a in docs))
        for name, merger in policies.items():
            predicted = []
            for annotated, doc in zip(docs, candidates, strict=True):
                doc = merger(doc.copy())
                for step in after:
                    doc = step(doc)
                predicted.append(to_annotated(annotated.document, doc))
            for s in score(docs, predicted).scores:
                if s.type != "all":
                    out[corpus][s.type][name] = s.strict
        print(f"{corpus}: {len(docs)} documents", file=sys.stderr)
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
    parser.add_argument(
        "--no-dev-veto", action="store_true", help="report the tune set's choice only"
    )
    args = parser.parse_args()
    corpora_dir = load_settings().corpora_dir
    if corpora_dir is None:
        print("../shared/corpora not found: set IRKG_SHARED", file=sys.stderr)
        return 2
    import kg.nlp.model_recognizer as recognizer
    from kg.nlp import build_pipeline

    if args.model:
        recognizer.packaged_model_path = lambda: args.model  # type: ignore[assignment]
    stats = (
        args.stats if args.stats.is_file() else build_stats_without_tune(corpora_dir, args.stats)
    )
    nlp = build_pipeline(None, "hybrid", learnt=str(stats))
    tune = score_policies(nlp, make_policies(nlp), held_out_documents(corpora_dir, "tune"))
    totals: dict[str, dict[str, Counts]] = defaultdict(lambda: defaultdict(Counts))
    rows = {}
    for corpus, by_type in tune.items():
        for etype, by_policy in by_type.items():
            for name, counts in by_policy.items():
                rows[f"{corpus.split('_')[0]} {etype} {name}"] = round(counts.f1, 4)
                totals[etype][name] += counts
    print(f"{'corpus type policy':40s} strict F1")
    for key, f1 in rows.items():
        print(f"{key:40s} {f1:.4f}")
    print("\nsummed over corpora: strict P / R / F1")
    tuned = {}
    for etype, by_policy in totals.items():
        print(etype)
        for name, c in sorted(by_policy.items(), key=lambda kv: -kv[1].f1):
            print(f"  {name:28s} {c.precision:.4f} {c.recall:.4f} {c.f1:.4f}")
        hybrid = {p: c.f1 for p, c in by_policy.items() if "/" in p}
        tuned[etype] = max(hybrid, key=lambda p: hybrid[p])
        print(f"  -> {tuned[etype]}")
    best, vetoes = dict(tuned), {}
    if not args.no_dev_veto:
        del nlp  # dev is scored as `irkg eval` does: with the statistics of all of train
        dev_nlp = build_pipeline(None, "hybrid", learnt="auto")
        wanted = {"dictionary", *tuned.values()}
        dev_policies = {n: p for n, p in make_policies(dev_nlp).items() if n in wanted}
        dev = score_policies(dev_nlp, dev_policies, held_out_documents(corpora_dir, "dev"))
        print("\ndev veto: strict F1 of the tuned rules / the dictionary path")
        for corpus, by_type in dev.items():
            for etype, by_policy in by_type.items():
                if etype not in tuned:
                    continue
                ours, theirs = by_policy[tuned[etype]].f1, by_policy["dictionary"].f1
                print(f"  {corpus.split('_')[0]:10s} {etype:9s} {ours:.4f} / {theirs:.4f}")
                if ours < theirs:
                    vetoes.setdefault(etype, []).append(corpus)
                    best[etype] = DICTIONARY_LIKE
        for etype, corpora in vetoes.items():
            print(f"  {etype}: {tuned[etype]} vetoed ({', '.join(corpora)}) -> {DICTIONARY_LIKE}")
    if args.json:
        figures = {"rows": rows, "tuned": tuned, "vetoes": vetoes, "best": best}
        args.json.write_text(json.dumps(figures, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
