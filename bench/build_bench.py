"""Build time cold and warm, assemble time alone, and growth with the number of abstracts.

Abstracts come from ../shared (BioRED, BC5CDR, NCBI-disease train+dev PubTator files, ~2,100
distinct papers); sizes past that repeat them under new ids (``r1-<pmid>``, no PMID), so every
document is distinct to the cache and the merge. Each size runs in a fresh process:

* ``cold``: ``irkg build``'s API (ingest -> annotate -> assemble -> tables) into an empty folder;
* ``warm``: the same build again (every document from the cache);
* ``assemble``: the merge alone over the cached annotations already in memory, then the tables.

``--recognizer gold`` (default) reads relations over the gold mentions the files carry, so it
runs without a lexicon; ``dictionary``/``model``/``hybrid`` use the product's full parts
(lexicon, recogniser pipeline, curated graph). Prints a table and JSON:

    python bench/build_bench.py [--sizes 100 1000 5000] [--recognizer gold] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

SOURCES = ("BioRED_TrainDev.PubTator", "BC5CDR_TrainDev.PubTator", "NCBIdisease_TrainDev.PubTator")


def pool(corpora: Path) -> list:
    """Distinct annotated abstracts of the source files (first copy of each id)."""
    from kg.ingest import IngestReport, read_annotated

    seen: dict[str, object] = {}
    for name in SOURCES:
        for item in read_annotated([str(corpora / name)], report=IngestReport()):
            seen.setdefault(item.document.id, item)
    return list(seen.values())


def sample(abstracts: list, n: int) -> list:
    """``n`` distinct documents: the pool, then copies of it under new ids without PMIDs."""
    out = []
    for i in range(n):
        item = abstracts[i % len(abstracts)]
        round_ = i // len(abstracts)
        if round_:
            new_id = f"r{round_}-{item.document.id}"
            document = replace(
                item.document, id=new_id, meta=replace(item.document.meta, pmid=None)
            )
            mentions = tuple(replace(m, doc_id=new_id) for m in item.mentions)
            item = replace(item, document=document, mentions=mentions)
        out.append(item)
    return out


def write_pubtator(items: list, path: Path) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for item in items:
            doc = item.document
            title = doc.passages[0].text
            abstract = doc.passages[1].text if len(doc.passages) > 1 else ""
            handle.write(f"{doc.id}|t|{title}\n{doc.id}|a|{abstract}\n")
            for m in item.mentions:
                ids = ",".join(m.ids) or "-"
                handle.write(f"{doc.id}\t{m.start}\t{m.end}\t{m.text}\t{m.type.value}\t{ids}\n")
            handle.write("\n")


def one_size(n: int, recognizer: str) -> dict:
    """Cold, warm and assemble-only figures for ``n`` abstracts (run in its own process)."""
    from kg.assemble.build import BuildParts
    from kg.assemble.cache import DocumentCache
    from kg.assemble.merge import Assembler
    from kg.assemble.pipeline import build_papers, default_parts, read_inputs
    from kg.assemble.tables import write_tables
    from kg.ingest import IngestReport
    from kg.nlp.relate import GivenMentionsAnnotator
    from kg.settings import load_settings

    settings = load_settings()
    items = sample(pool(settings.corpora_dir), n)
    if recognizer == "gold":
        parts = BuildParts(GivenMentionsAnnotator(), versions={"recognizer": "gold"})
    else:
        parts = default_parts(settings, recognizer=recognizer)
    with tempfile.TemporaryDirectory() as tmp:
        papers = Path(tmp) / "papers.PubTator"
        write_pubtator(items, papers)
        out = Path(tmp) / "build"
        figures: dict = {"documents": n}
        for run in ("cold", "warm"):
            started = time.perf_counter()
            report, _ = build_papers([papers], out, recognizer=recognizer, parts=parts)
            figures[f"{run}_s"] = round(time.perf_counter() - started, 2)
            figures[f"{run}_annotated"] = report.annotated
        figures.update(report.counts)
        cache = DocumentCache(out / "cache", parts.annotator.version)
        # as irkg build reads them: with the file's mentions for gold, plain documents otherwise
        inputs = read_inputs([papers], recognizer=recognizer, report=IngestReport())
        cached = [cache.get(cache.key(item)) for item in inputs]
        started = time.perf_counter()
        assembler = Assembler()
        for annotated in cached:
            assembler.add_document(annotated)
        assembly = assembler.finish()
        figures["assemble_s"] = round(time.perf_counter() - started, 2)
        started = time.perf_counter()
        write_tables(Path(tmp) / "tables", assembly.nodes, assembly.edges, assembly.evidence)
        figures["write_tables_s"] = round(time.perf_counter() - started, 2)
        figures["cache_mb"] = round(
            sum(p.stat().st_size for p in (out / "cache").rglob("*")) / 1e6, 1
        )
    figures["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--recognizer", default="gold")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(one_size(args.one, args.recognizer)))
        return 0
    rows = []
    for n in args.sizes:
        proc = subprocess.run(
            [sys.executable, __file__, "--one", str(n), "--recognizer", args.recognizer],
            capture_output=True,
            text=True,
            check=True,
        )
        rows.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    cols = (
        "documents",
        "cold_s",
        "warm_s",
        "assemble_s",
        "write_tables_s",
        "nodes",
        "edges",
        "evidence",
        "cache_mb",
        "peak_rss_mb",
    )
    print(f"recognizer: {args.recognizer}")
    print("".join(f"{c:>15}" for c in cols))
    for row in rows:
        print("".join(f"{row.get(c, ''):>15}" for c in cols))
    result = {"recognizer": args.recognizer, "rows": rows}
    print(json.dumps(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
