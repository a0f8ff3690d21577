"""Throughput and peak memory of the hybrid recogniser, with the dictionary path's beside it.

Texts: the BC5CDR development abstracts (500, from ../shared). Each recogniser runs in a fresh
child process (so one's memory does not count against the other): build the pipeline with the
full lexicon, warm up on a few abstracts, then time ``kg.nlp.annotate`` over all abstracts with
``--n-process`` workers (forked; 2 = the target machine's cores). Peak memory is the largest
resident set of the parent and of any worker (``getrusage``), and their sum as an upper bound
(forked workers share the lexicon's pages, so the sum counts them twice). Goals (issue 5):
hybrid >= 50 abstracts/s on 2 cores, peak <= 2 GB.

    IRKG_SHARED=../shared python bench/hybrid_bench.py [--n-process 2] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

RECOGNIZERS = ("dictionary", "model", "hybrid")
WARMUP = 10


def abstracts(corpora_dir: Path) -> list:
    from kg.ingest.pubtator import read_pubtator
    from kg.nlp.splits import split_of

    name = "BC5CDR_TrainDev.PubTator"
    return [
        a.document
        for a in read_pubtator(corpora_dir / name)
        if split_of(corpora_dir, name, a.document.id) == "dev"
    ]


def run_one(recognizer: str, n_process: int) -> dict:
    """Measure one recogniser in this process (called in a child)."""
    from kg.nlp import annotate, build_pipeline
    from kg.settings import load_settings

    corpora_dir = load_settings().corpora_dir
    documents = abstracts(corpora_dir)
    started = time.perf_counter()
    nlp = build_pipeline(None, recognizer)
    list(annotate(documents[:WARMUP], nlp))  # loads lazy indexes (TF-IDF) before forking
    built = time.perf_counter() - started
    tokens = sum(len(nlp.make_doc(d.text)) for d in documents)
    started = time.perf_counter()
    mentions = sum(len(a.mentions) for a in annotate(documents, nlp, n_process=n_process))
    seconds = time.perf_counter() - started
    kib = 1024  # ru_maxrss is in KiB on Linux
    parent = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * kib
    worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * kib
    return {
        "recognizer": recognizer,
        "abstracts": len(documents),
        "tokens": tokens,
        "mentions": mentions,
        "n_process": n_process,
        "seconds": round(seconds, 2),
        "abstracts_per_s": round(len(documents) / seconds, 1),
        "tokens_per_s": round(tokens / seconds),
        "build_and_warmup_s": round(built, 1),
        "peak_parent_mb": round(parent / 2**20),
        "peak_worker_mb": round(worker / 2**20) if n_process > 1 else 0,
        "peak_sum_mb": round((parent + (worker if n_process > 1 else 0)) / 2**20),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n-process", type=int, default=2)
    parser.add_argument("--recognizers", nargs="+", default=list(RECOGNIZERS))
    parser.add_argument("--json", type=Path, help="write the figures here too")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # child mode
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.n_process)))
        return 0
    results = []
    for recognizer in args.recognizers:
        child = [sys.executable, __file__, "--one", recognizer, "--n-process", str(args.n_process)]
        out = subprocess.run(child, capture_output=True, text=True, check=False)
        if out.returncode != 0:
            print(out.stderr[-2000:], file=sys.stderr)
            return out.returncode
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    head = ("recognizer", "abstracts/s", "tokens/s", "peak parent", "peak worker", "sum")
    print(f"{head[0]:12s} {head[1]:>12s} {head[2]:>9s} {head[3]:>12s} {head[4]:>12s} {head[5]:>7s}")
    for r in results:
        memory = f"{r['peak_parent_mb']:9d} MB {r['peak_worker_mb']:9d} MB {r['peak_sum_mb']:4d} MB"
        print(f"{r['recognizer']:12s} {r['abstracts_per_s']:12.1f} {r['tokens_per_s']:9d} {memory}")
    print(f"({results[0]['abstracts']} BC5CDR dev abstracts, n_process={args.n_process})")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
