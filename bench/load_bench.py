"""Load and export figures on a large synthetic build (default 1M edges); prints a table and JSON.

    python bench/load_bench.py                      # 1M edges, work folder /tmp/irkg-bench
    python bench/load_bench.py --edges 200000 --merge-edges 50000

Measures, on one build (bench/synthetic.py: the demo graph plus synthetic edges of its shape):

* embedded (FalkorDB) bulk load: GRAPH.BULK from Parquet columns, indexes, swap-in and snapshot,
  including starting and stopping the server; edges/s over the whole load;
* the UNWIND … MERGE path (the statements Neo4j runs) on a smaller build, next to a bulk load of
  that same build, for the ratio;
* that a second load of the same tables is a no-op (and how long it takes to find that out);
* reopening: starting the server on the saved snapshot and answering a first query;
* Oxigraph bulk load (triples/s), its no-op reload and its reopen time;
* export sizes and times: neo4j-admin CSV, KGX TSV/JSONL, Turtle, N-Triples.

Wall-clock figures depend on the machine and on what else runs: the script prints the load
average before and after, and CPU count, so figures can be read with that in mind.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import make_build

from kg.loaders import (
    export_kgx,
    export_neo4j_csv,
    export_rdf,
    load,
    open_rdf_store,
    open_store,
    sparql_select,
    store_start,
    store_stop,
)
from kg.loaders.api import table_sizes


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _timed(func: Any, *args: Any, **kwargs: Any) -> tuple[Any, float]:
    started = time.perf_counter()
    result = func(*args, **kwargs)
    return result, time.perf_counter() - started


def _fresh(build: Path) -> None:
    for name in ("falkordb", "oxigraph", "oxigraph.loading", "oxigraph.old"):
        shutil.rmtree(build / name, ignore_errors=True)


def _proc_cpu(pid: int) -> float:
    """CPU seconds (user + system) a process has used so far, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _load_warm(build: Path, mode: str) -> dict[str, Any]:
    """One load into a warm server: wall time, and CPU of irkg and of the server separately.

    CPU seconds say what the work costs; wall seconds also say what else the machine was doing.
    """
    _fresh(build)
    pid = store_start(build).pid
    server_before, python_before = _proc_cpu(pid), time.process_time()
    report, seconds = _timed(load, build, "embedded", mode=mode)
    figures = {
        "nodes": report.nodes,
        "edges": report.edges,
        "evidence": report.evidence,
        "load_s": round(seconds, 2),
        "edges_per_s": round(report.edges / seconds),
        "entities_per_s": round((report.nodes + report.edges + report.evidence) / seconds),
        "python_cpu_s": round(time.process_time() - python_before, 2),
        "server_cpu_s": round(_proc_cpu(pid) - server_before, 2),
    }
    store_stop(build)
    return figures


def embedded(build: Path) -> dict[str, Any]:
    figures = _load_warm(build, "bulk")
    again, noop_seconds = _timed(load, build, "embedded")
    started = time.perf_counter()
    store_start(build)
    with open_store(build) as store:
        count = store.query("MATCH (n:NamedThing) RETURN count(n) AS n")[0]["n"]
        edges = sum(store.counts()[1].values())
    reopen = time.perf_counter() - started
    store_stop(build)
    return {
        **figures,
        "second_load_s": round(noop_seconds, 2),
        "second_load_is_noop": (again.nodes, again.edges, again.evidence) == (0, 0, 0)
        and edges == figures["edges"],
        "reopen_s": round(reopen, 2),
        "nodes_after_reopen": count,
        "snapshot_bytes": _size(build / "falkordb" / "graph.rdb"),
    }


def merge_vs_bulk(build: Path) -> dict[str, Any]:
    return {"merge": _load_warm(build, "merge"), "bulk": _load_warm(build, "bulk")}


def oxigraph(build: Path) -> dict[str, Any]:
    _fresh(build)
    cpu = time.process_time()
    _, seconds = _timed(load, build, "rdf")
    cpu = time.process_time() - cpu
    again, noop_seconds = _timed(load, build, "rdf")
    started = time.perf_counter()
    store = open_rdf_store(build)
    triples = sparql_select(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"]
    reopen = time.perf_counter() - started
    return {
        "triples": triples,
        "load_s": round(seconds, 2),
        "triples_per_s": round(triples / seconds),
        "cpu_s": round(cpu, 1),
        "triples_per_cpu_s": round(triples / cpu),
        "second_load_s": round(noop_seconds, 2),
        "second_load_is_noop": (again.nodes, again.edges) == (0, 0),
        "reopen_and_count_s": round(reopen, 2),
        "store_bytes": _size(build / "oxigraph"),
    }


def exports(build: Path, out: Path) -> dict[str, Any]:
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    figures: dict[str, Any] = {}
    jobs = {
        "neo4j_csv": lambda: export_neo4j_csv(build, out / "neo4j"),
        "kgx_tsv": lambda: export_kgx(build, out / "kgx-tsv", format="tsv"),
        "kgx_jsonl": lambda: export_kgx(build, out / "kgx-jsonl", format="jsonl"),
        "turtle": lambda: export_rdf(build, out / "graph.ttl", format="turtle"),
        "ntriples": lambda: export_rdf(build, out / "graph.nt", format="ntriples"),
    }
    targets = {
        "neo4j_csv": out / "neo4j",
        "kgx_tsv": out / "kgx-tsv",
        "kgx_jsonl": out / "kgx-jsonl",
        "turtle": out / "graph.ttl",
        "ntriples": out / "graph.nt",
    }
    for name, job in jobs.items():
        _, seconds = _timed(job)
        figures[name] = {"seconds": round(seconds, 2), "bytes": _size(targets[name])}
    figures["parquet_tables"] = {
        "bytes": sum(
            _size(build / f) for f in ("nodes.parquet", "edges.parquet", "evidence.parquet")
        )
    }
    return figures


def _rows(results: dict[str, Any]) -> list[tuple[str, str]]:
    """The human-readable table of whichever parts ran."""
    b = results["build"]
    rows = [
        (
            "tables",
            f"{b['nodes.parquet']:,} nodes, {b['edges.parquet']:,} edges, "
            f"{b['evidence.parquet']:,} evidence",
        ),
    ]
    if e := results.get("embedded"):
        rows += [
            (
                "embedded bulk load",
                f"{e['load_s']} s = {e['edges_per_s']:,} edges/s "
                f"({e['entities_per_s']:,} entities/s)",
            ),
            ("  CPU: irkg / FalkorDB", f"{e['python_cpu_s']} s / {e['server_cpu_s']} s"),
            ("embedded second load", f"{e['second_load_s']} s, no-op: {e['second_load_is_noop']}"),
            ("embedded reopen + first query", f"{e['reopen_s']} s"),
            ("embedded snapshot", f"{e['snapshot_bytes']:,} B"),
        ]
    if m := results.get("merge_vs_bulk"):
        for mode in ("merge", "bulk"):
            f = m[mode]
            rows.append(
                (
                    f"{mode} ({f['edges']:,} edges)",
                    f"{f['load_s']} s = {f['edges_per_s']:,} edges/s; CPU irkg "
                    f"{f['python_cpu_s']} s, FalkorDB {f['server_cpu_s']} s",
                )
            )
    if o := results.get("oxigraph"):
        rows += [
            (
                "oxigraph load",
                f"{o['load_s']} s = {o['triples_per_s']:,} triples/s ({o['triples']:,} triples)",
            ),
            (
                "  CPU (irkg + Oxigraph)",
                f"{o['cpu_s']} s = {o['triples_per_cpu_s']:,} triples/CPU-s",
            ),
            ("oxigraph second load", f"{o['second_load_s']} s, no-op: {o['second_load_is_noop']}"),
            ("oxigraph reopen + count", f"{o['reopen_and_count_s']} s"),
            ("oxigraph store", f"{o['store_bytes']:,} B"),
        ]
    for name, figure in results.get("exports", {}).items():
        seconds = f"{figure['seconds']} s, " if "seconds" in figure else ""
        rows.append((f"export {name}", f"{seconds}{figure['bytes']:,} B"))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edges", type=int, default=1_000_000)
    parser.add_argument("--merge-edges", type=int, default=200_000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/irkg-bench"))
    parser.add_argument(
        "--only",
        default="embedded,merge,rdf,exports",
        help="comma-separated parts to run: embedded, merge, rdf, exports",
    )
    args = parser.parse_args()

    results: dict[str, Any] = {
        "machine": {"cpus": os.cpu_count(), "load_before": os.getloadavg()[0]},
    }
    build, seconds = _timed(make_build, args.work / f"build-{args.edges}", args.edges)
    results["build"] = {"generate_or_reuse_s": round(seconds, 1), **table_sizes(build)}
    parts = set(args.only.split(","))
    if "embedded" in parts:
        results["embedded"] = embedded(build)
    if "merge" in parts:
        small = make_build(args.work / f"build-{args.merge_edges}", args.merge_edges)
        results["merge_vs_bulk"] = merge_vs_bulk(small)
    if "rdf" in parts:
        results["oxigraph"] = oxigraph(build)
    if "exports" in parts:
        results["exports"] = exports(build, args.work / "exports")
    results["machine"]["load_after"] = os.getloadavg()[0]

    rows = _rows(results)
    width = max(len(name) for name, _ in rows)
    print(
        f"irkg load bench ({os.cpu_count()} CPUs, load average "
        f"{results['machine']['load_before']:.1f} -> {results['machine']['load_after']:.1f})"
    )
    for name, value in rows:
        print(f"  {name:<{width}}  {value}")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
