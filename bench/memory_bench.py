"""Peak memory of a build against corpus size: does anything but the graph itself grow?

For each size (default 1,000 and 5,000 abstracts: ``bench/build_bench.py``'s pool of PubMed
abstracts from ../shared, repeated under new ids past ~2,100), a fresh process measures:

* ``ingest_peak_mb``: reading the PubTator file through ``kg.ingest.read_annotated`` and
  dropping each document (streaming: should not grow with size);
* ``annotated_mb``: resident memory when annotation has finished and the merge starts (the
  input stream, cache and annotator are streaming; what remains is the merged graph kept by
  ``kg.assemble.merge.Assembler`` and, in spaCy, the vocabulary);
* ``peak_mb``: the build's peak, reached while the tables are written (pyarrow, sorted rows);
* the rows written, and the growth per extra document and per extra row between the sizes.

``--recognizer gold`` (default) relates the mentions the files carry; ``dictionary`` runs the
product's annotator (lexicon + recogniser pipeline) over the plain texts. ``--no-zones`` turns
off the spaCy memory zones of the annotator, to show what they save.

    python bench/memory_bench.py [--sizes 1000 5000] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_bench import pool, sample, write_pubtator


def rss_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 2**20


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def one(papers: Path, mode: str, zones: bool, recognizer: str) -> dict:
    """One measurement in this (fresh) process; the corpus file was written by the parent."""
    from kg.ingest import IngestReport, read_annotated

    if mode == "ingest":
        count = sum(1 for _ in read_annotated([papers], report=IngestReport()))
        return {"documents": count, "ingest_peak_mb": round(peak_mb())}
    with tempfile.TemporaryDirectory() as tmp:
        return build_figures(papers, Path(tmp) / "build", zones, recognizer)


def build_figures(papers: Path, out: Path, zones: bool, recognizer: str) -> dict:
    import gc

    from kg.assemble import build as build_module
    from kg.assemble.build import BuildParts, build
    from kg.ingest import IngestReport, read_annotated
    from kg.model import AnnotatedDocument
    from kg.nlp.relate import GivenMentionsAnnotator

    seen: dict[str, float] = {}
    finish = build_module.Assembler.finish

    def measured_finish(self):  # the moment annotation is over and the merge begins
        gc.collect()
        seen["annotated_mb"] = rss_mb()
        return finish(self)

    build_module.Assembler.finish = measured_finish  # type: ignore[method-assign]
    inputs = read_annotated([papers], report=IngestReport())
    if recognizer == "gold":
        annotator = GivenMentionsAnnotator()
    else:  # the product's annotator over the plain texts
        from kg.assemble.pipeline import default_parts
        from kg.settings import load_settings

        annotator = default_parts(load_settings(), recognizer=recognizer).annotator
        inputs = (AnnotatedDocument(item.document) for item in inputs)
    if not zones:
        annotator._pipeline().memory_zone = _no_zone  # type: ignore[method-assign]
    report = build(inputs, out, BuildParts(annotator))
    return {
        "documents": report.annotated,
        "annotated_mb": round(seen["annotated_mb"]),
        "peak_mb": round(peak_mb()),
        **report.counts,
    }


def _no_zone(*_: object):
    from contextlib import nullcontext

    return nullcontext()


def run(papers: Path, mode: str, zones: bool, recognizer: str) -> dict:
    args = [sys.executable, __file__, "--one", str(papers), "--mode", mode]
    args += ["--recognizer", recognizer]
    if not zones:
        args.append("--no-zones")
    proc = subprocess.run(args, capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--no-zones", action="store_true")
    parser.add_argument("--recognizer", default="gold")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--mode", default="build", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    zones = not args.no_zones
    if args.one:
        print(json.dumps(one(args.one, args.mode, zones, args.recognizer)))
        return 0
    from kg.settings import load_settings

    abstracts = pool(load_settings().corpora_dir)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            papers = Path(tmp) / f"papers-{n}.PubTator"
            write_pubtator(sample(abstracts, n), papers)
            row = run(papers, "build", zones, args.recognizer)
            row["ingest_peak_mb"] = run(papers, "ingest", zones, args.recognizer)["ingest_peak_mb"]
            rows.append(row)
    first, last = rows[0], rows[-1]
    extra_docs = last["documents"] - first["documents"]
    extra_rows = sum(last[t] - first[t] for t in ("nodes", "edges", "evidence"))
    growth = {
        "kb_per_document_annotated": round(
            1024 * (last["annotated_mb"] - first["annotated_mb"]) / max(extra_docs, 1), 1
        ),
        "kb_per_row_annotated": round(
            1024 * (last["annotated_mb"] - first["annotated_mb"]) / max(extra_rows, 1), 2
        ),
        "kb_per_document_peak": round(
            1024 * (last["peak_mb"] - first["peak_mb"]) / max(extra_docs, 1), 1
        ),
        "ingest_peak_growth_mb": last["ingest_peak_mb"] - first["ingest_peak_mb"],
    }
    cols = ("documents", "ingest_peak_mb", "annotated_mb", "peak_mb", "nodes", "edges",
            "evidence")  # fmt: skip
    print(f"recognizer {args.recognizer}, memory zones {'on' if zones else 'off'}")
    print("".join(f"{c:>16}" for c in cols))
    for row in rows:
        print("".join(f"{row[c]!s:>16}" for c in cols))
    print(f"growth {first['documents']} -> {last['documents']}: {growth}")
    result = {"recognizer": args.recognizer, "zones": zones, "rows": rows, "growth": growth}
    print(json.dumps(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
