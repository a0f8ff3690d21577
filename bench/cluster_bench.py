"""Annotation throughput on Dask: documents/s for 1, 2 and 4 local worker processes, per-worker
memory, the client's own cost per document, and a projection for all of PubMed.

Input: PubMed abstracts from ../shared (BioRED, BC5CDR, NCBI-disease train+dev, ~2,100 distinct
papers; ``bench/build_bench.py``'s pool, repeated under new ids past that), written as one
PubTator file. Each figure is a real ``irkg build`` through the API:

* ``in-process``: ``kg.assemble.build.build`` without Dask (the reference tables);
* ``dask N``: a ``LocalCluster`` of N worker processes (1 thread each); the annotator is
  loaded on every worker first (``load_s``, not counted in the rate), then the build runs with
  ``DistributedAnnotator``. ``docs_per_s`` = documents / the build's annotate phase (ingest +
  cache + annotation + results streamed back); ``equal`` = its three tables are byte-identical to
  the in-process build's. ``worker_rss_mb`` = resident memory of each worker after the build;
  ``client_cpu_ms_per_doc`` = CPU time the build process itself spent per document (reading,
  cache, pickling, merging): the rate one client can feed is 1000 / that;
  ``worker_cpu_ms_per_doc`` = CPU time of all workers per document: on a core of its own a
  worker annotates 1000 / that documents per second (the projection uses this, because the
  shared machine's wall-clock rates depend on what else runs).

``--recognizer gold`` (default) runs irkg's relation extraction over the mentions the files
carry (spaCy tokenizer, sentencizer, regimen and relation components); ``dictionary``/``model``/
``hybrid`` use the product's annotator (lexicon + recogniser pipeline over the plain texts).
The machine is shared: the load average before and after is printed with the figures.

    python bench/cluster_bench.py [--documents 2000] [--workers 1 2 4] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_bench import pool, sample, write_pubtator

PUBMED_ABSTRACTS = 36_000_000  # PubMed records with abstracts (PubTator3: ~36M abstracts)
TARGET_HOURS = 24
TABLES = ("nodes.parquet", "edges.parquet", "evidence.parquet")


def annotator_for(recognizer: str):
    if recognizer == "gold":
        from kg.nlp.relate import GivenMentionsAnnotator

        return GivenMentionsAnnotator()
    from kg.assemble.pipeline import default_parts
    from kg.settings import load_settings

    parts = default_parts(load_settings(), recognizer=recognizer)
    return parts.annotator


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def timed_build(papers: Path, out: Path, annotator, recognizer: str) -> dict:
    from kg.assemble.build import BuildParts, build
    from kg.assemble.pipeline import read_inputs
    from kg.ingest import IngestReport

    cpu = cpu_seconds()
    started = time.perf_counter()
    # as irkg build reads them: with the file's mentions for gold, plain documents otherwise
    inputs = read_inputs([papers], recognizer=recognizer, report=IngestReport())
    report = build(inputs, out, BuildParts(annotator))
    wall = time.perf_counter() - started
    return {
        "documents": report.annotated,
        "annotate_s": round(report.seconds["annotate"], 2),
        "total_s": round(wall, 2),
        "docs_per_s": round(report.annotated / report.seconds["annotate"], 1),
        "client_cpu_ms_per_doc": round(1000 * (cpu_seconds() - cpu) / report.annotated, 2),
    }


def dask_run(papers: Path, out: Path, workers: int, recognizer: str, reference: Path) -> dict:
    from kg.cluster import ClusterSpec, connect
    from kg.cluster.annotate import AnnotatorPlugin, DistributedAnnotator, worker_state

    inner = annotator_for(recognizer)
    started = time.perf_counter()
    with connect(ClusterSpec(workers=workers)) as client:
        client.wait_for_workers(workers)
        start_s = time.perf_counter() - started
        mark = time.perf_counter()
        client.register_plugin(AnnotatorPlugin(inner))  # every worker loads the annotator
        load_s = time.perf_counter() - mark
        before = client.run(worker_state)
        row = timed_build(papers, out, DistributedAnnotator(inner, client), recognizer)
        states = client.run(worker_state)
    worker_cpu = sum(states[w]["cpu_s"] - before[w]["cpu_s"] for w in states)
    row.update(
        workers=workers,
        start_s=round(start_s, 1),
        load_s=round(load_s, 1),
        worker_rss_mb=[round(s["rss_bytes"] / 2**20) for s in states.values()],
        loads_per_worker=sorted({sum(s["loads"].values()) for s in states.values()}),
        worker_cpu_ms_per_doc=round(1000 * worker_cpu / row["documents"], 2),
        equal=all((out / t).read_bytes() == (reference / t).read_bytes() for t in TABLES),
    )
    return row


def projection(per_worker: float, client_ceiling: float) -> dict:
    """Hours and workers for all of PubMed from a per-worker rate and the client's ceiling."""
    worker_hours = PUBMED_ABSTRACTS / per_worker / 3600
    workers_for_target = math.ceil(worker_hours / TARGET_HOURS)
    max_useful_workers = max(1, math.floor(client_ceiling / per_worker))
    return {
        "abstracts": PUBMED_ABSTRACTS,
        "per_worker_docs_per_s": per_worker,
        "worker_hours": round(worker_hours, 1),
        f"workers_for_{TARGET_HOURS}h": workers_for_target,
        "client_ceiling_docs_per_s": round(client_ceiling),
        "client_bound_hours": round(PUBMED_ABSTRACTS / client_ceiling / 3600, 1),
        "max_workers_per_client": max_useful_workers,
        "arithmetic": (
            f"{PUBMED_ABSTRACTS:,} / {per_worker:g} docs/s / 3600 = {worker_hours:,.1f} "
            f"worker-hours; / {TARGET_HOURS} h = {workers_for_target} workers. One build client "
            f"absorbs {client_ceiling:,.0f} docs/s ({PUBMED_ABSTRACTS:,} / {client_ceiling:,.0f}"
            f" / 3600 = {PUBMED_ABSTRACTS / client_ceiling / 3600:,.1f} h at best), i.e. it "
            f"keeps {client_ceiling / per_worker:.1f} workers busy; past that, more workers need "
            "more build clients (shard the corpus into builds)."
        ),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--recognizer", default="gold")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)

    from kg.settings import load_settings

    load_before = os.getloadavg()
    items = sample(pool(load_settings().corpora_dir), args.documents)
    chars = sum(len(item.document.text) for item in items)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        papers = Path(tmp) / "papers.PubTator"
        write_pubtator(items, papers)
        del items
        reference = Path(tmp) / "in-process"
        row = timed_build(papers, reference, annotator_for(args.recognizer), args.recognizer)
        rows.append({"run": "in-process", "workers": 1, **row})
        for workers in args.workers:
            out = Path(tmp) / f"dask-{workers}"
            rows.append(
                {
                    "run": f"dask {workers}",
                    **dask_run(papers, out, workers, args.recognizer, reference),
                }
            )
    dask_rows = [r for r in rows if r["run"].startswith("dask")]
    # A worker on a core of its own: documents per CPU-second of the workers (the machine is
    # shared, so wall-clock rates understate it; both are printed).
    per_worker = round(1000 / min(r["worker_cpu_ms_per_doc"] for r in dask_rows), 1)
    ceiling = 1000 / max(r["client_cpu_ms_per_doc"] for r in dask_rows) if dask_rows else 0.0
    result = {
        "recognizer": args.recognizer,
        "documents": args.documents,
        "mean_chars_per_document": round(chars / args.documents),
        "cpu_count": os.cpu_count(),
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "rows": rows,
        "pubmed_projection": projection(per_worker, ceiling) if ceiling else None,
    }
    cols = ("run", "docs_per_s", "annotate_s", "load_s", "client_cpu_ms_per_doc",
            "worker_cpu_ms_per_doc", "worker_rss_mb", "equal")  # fmt: skip
    print(f"recognizer {args.recognizer}, {args.documents} abstracts, "
          f"{result['mean_chars_per_document']} chars each, {os.cpu_count()} CPUs, "
          f"load {result['load_average_before']} -> {result['load_average_after']}")  # fmt: skip
    print("".join(f"{c:>24}" for c in cols))
    for row in rows:
        print("".join(f"{row.get(c, '')!s:>24}" for c in cols))
    if result["pubmed_projection"]:
        print(result["pubmed_projection"]["arithmetic"])
    print(json.dumps(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
