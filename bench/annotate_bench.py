"""Benchmark: annotate throughput (abstracts/s) and peak memory, next to tokenizer-only speed.

Reads the BC5CDR dev abstracts (official dev PMIDs) from ../shared, loads the full lexicon
(and the learnt statistics when present), then, in the same run and on the same texts:

* tokenizer only: ``spacy.blank("en")`` with irkg's tokenizer, ``nlp.pipe(n_process=N)``;
* annotate: ``kg.nlp.annotate(documents, nlp, n_process=N)`` with the full pipeline;

each also with one process. Peak memory is the largest resident set of this process and its
worker processes together, sampled every 50 ms from /proc (Linux). On a shared machine the
wall-clock rates measure the neighbours too, so the single-process runs are also timed in CPU
seconds (``abstracts_per_cpu_s``; with the load average printed beside them).

    python bench/annotate_bench.py                       # 2 processes, dictionary recogniser
    python bench/annotate_bench.py --n-process 2 --json  # JSON only
    python bench/annotate_bench.py --recognizer hybrid   # the trained model path

Goals (issue 4): >= 100 abstracts/s and >= 0.3x tokenizer speed on 2 cores, <= 2 GB peak.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import time
from pathlib import Path


class PeakRss:
    """Samples the memory of this process and its descendants until stopped: the sum of their
    RSS (``peak``), which counts a page shared by forked workers once per process, and the sum
    of their PSS (``peak_pss``, with ``pss``), which splits each shared page among the processes
    sharing it: the physical memory the tree really holds. Reading PSS walks the page tables of
    the measured processes and slows them by a third, so throughput runs leave it off."""

    def __init__(self, interval: float = 0.05, *, pss: bool = False) -> None:
        self.interval = interval
        self.pss = pss
        self.peak = 0
        self.peak_pss = 0
        self._samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            pids = _tree(os.getpid())
            self.peak = max(self.peak, sum(_rss(pid) for pid in pids))
            self._samples += 1
            if self.pss and self._samples % 10 == 1:
                self.peak_pss = max(self.peak_pss, sum(_pss(pid) for pid in pids))
            time.sleep(self.interval)


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                todo.extend(int(c) for c in task.read_text().split())
            except OSError:
                continue
    return pids


def _rss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _pss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def timed(run) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def cpu_timed(run) -> float:
    """CPU seconds of this process: what a run costs on a dedicated core, whatever else the
    machine is doing (wall-clock figures on a shared machine mostly measure the others)."""
    start = time.process_time()
    run()
    return time.process_time() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", help="PubTator file (default: BC5CDR_TrainDev in ../shared)")
    parser.add_argument("--split", default="dev")
    parser.add_argument("--lexicon", help="lexicon file (default: the built one)")
    parser.add_argument("--learnt", default="auto", help="auto, none or a statistics file")
    parser.add_argument("--recognizer", default="dictionary")
    parser.add_argument("--n-process", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--json", action="store_true", help="print JSON only")
    parser.add_argument(
        "--pss", action="store_true", help="also sample PSS (slows the run: memory figures only)"
    )
    args = parser.parse_args()

    import spacy

    from kg.nlp import annotate, build_pipeline
    from kg.nlp.evalrun import gold_documents
    from kg.nlp.tokenizer import create_tokenizer
    from kg.settings import load_settings

    settings = load_settings()
    gold = Path(args.gold) if args.gold else None
    if gold is None:
        if settings.corpora_dir is None:
            print("needs ../shared (IRKG_SHARED) or --gold", file=sys.stderr)
            return 2
        gold = settings.corpora_dir / "BC5CDR_TrainDev.PubTator"
    documents = [g.document for g in gold_documents(gold, args.split)]
    texts = [d.text for d in documents]
    n = args.n_process

    with PeakRss(pss=args.pss) as memory:
        start = time.perf_counter()
        nlp = build_pipeline(args.lexicon, args.recognizer, learnt=args.learnt)
        load_s = time.perf_counter() - start
        list(annotate(documents[:20], nlp))  # warm caches (first lookups, lazy indexes)
        tok = spacy.blank("en")
        tok.tokenizer = create_tokenizer(tok)
        tok.max_length = nlp.max_length
        results = {
            "tokenizer_1": timed(lambda: list(tok.pipe(texts, batch_size=args.batch_size))),
            f"tokenizer_{n}": timed(
                lambda: list(tok.pipe(texts, batch_size=args.batch_size, n_process=n))
            ),
            "annotate_1": timed(lambda: list(annotate(documents, nlp, 1, args.batch_size))),
            f"annotate_{n}": timed(lambda: list(annotate(documents, nlp, n, args.batch_size))),
        }
        cpu = {
            "tokenizer_1": cpu_timed(lambda: list(tok.pipe(texts, batch_size=args.batch_size))),
            "annotate_1": cpu_timed(lambda: list(annotate(documents, nlp, 1, args.batch_size))),
        }
    rates = {k: round(len(texts) / v, 1) for k, v in results.items()}
    per_cpu_s = {k: round(len(texts) / v, 1) for k, v in cpu.items()}
    figures = {
        "abstracts": len(texts),
        "characters": sum(map(len, texts)),
        "recognizer": args.recognizer,
        "n_process": n,
        "cpu_count": os.cpu_count(),
        "pipeline_build_s": round(load_s, 2),
        "abstracts_per_s": rates,
        "annotate_vs_tokenizer": round(rates[f"annotate_{n}"] / rates[f"tokenizer_{n}"], 3),
        "abstracts_per_cpu_s": per_cpu_s,
        "annotate_vs_tokenizer_cpu": round(per_cpu_s["annotate_1"] / per_cpu_s["tokenizer_1"], 3),
        f"estimate_{n}_dedicated_cores": round(per_cpu_s["annotate_1"] * n, 1),
        "load_average": list(os.getloadavg()),
        "peak_rss_mb": round(memory.peak / 2**20),
        "peak_pss_mb": round(memory.peak_pss / 2**20) if args.pss else None,
        "goals": {"abstracts_per_s": 100, "vs_tokenizer": 0.3, "peak_rss_mb": 2048},
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"annotate bench: {len(texts)} abstracts of {gold.name} ({args.split})")
    table.add_column("run")
    table.add_column("abstracts/s", justify="right")
    for name, rate in rates.items():
        table.add_row(name, f"{rate:,.1f}")
    console = Console()
    console.print(table)
    console.print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
