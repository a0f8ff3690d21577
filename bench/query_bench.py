"""Query figures on a large synthetic build (default 1M edges) with warm stores; prints a table.

    python bench/query_bench.py                        # 1M edges, work folder /tmp/irkg-qbench
    python bench/query_bench.py --edges 100000 --runs 10

The build comes from bench/synthetic.py (the demo graph plus synthetic entities and edges of
its shape; written by the loaders' benchmark). Both stores are loaded once and kept open (the
embedded FalkorDB server warm, Oxigraph read-only), as an analyst's session would have them.
Then, on FalkorDB and on Oxigraph side by side:

* ``path``: ``kg.query.find_paths(drug, pathway, max_hops=4, top=3)`` from a random drug to a
  random pathway (ids given; resolving a name adds one ``find_entity`` run, measured too);
* every canned query, with parameters drawn at random from the build's own nodes and edges
  (a drug for ``drug``, a pathway for ``pathway``, a gene for ``entity``, both ends of a real
  edge for ``subject``/``object`` ...), ``--runs`` times each;
* ``irkg --help`` start-up time (a fresh interpreter each time).

p50/p95 are over the runs; a query whose run passes ``--budget`` seconds is run no more. The
load average is printed before and after: figures taken while other jobs run are slower.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _ms(values: list[float]) -> str:
    if not values:
        return "-"
    return f"{_percentile(values, 0.5) * 1000:8.1f} {_percentile(values, 0.95) * 1000:8.1f}"


def ensure_build(folder: Path, edges: int) -> Path:
    try:
        from synthetic import make_build
    except ImportError:
        sys.exit("bench/synthetic.py (the loaders' synthetic build) is needed; or pass --build")
    from kg.loaders import load, store_start

    started = time.perf_counter()
    make_build(folder, edges)
    store_start(folder)
    load(folder, to="embedded")
    load(folder, to="rdf")
    print(f"build {folder}: ready and loaded in {time.perf_counter() - started:.0f}s")
    return folder


class Sampler:
    """Random parameter values drawn from the build's tables."""

    def __init__(self, build: Path, rng: random.Random) -> None:
        import pyarrow.parquet as pq

        self.rng = rng
        nodes = pq.read_table(build / "nodes.parquet", columns=["id", "category", "name"])
        self.by_category: dict[str, list[str]] = defaultdict(list)
        self.names: list[str] = []
        for curie, category, name in zip(*(nodes.column(c).to_pylist() for c in
                                           ("id", "category", "name")), strict=True):  # fmt: skip
            self.by_category[category].append(curie)
            if category == "biolink:Gene":
                self.names.append(name)
        edges = pq.read_table(build / "edges.parquet", columns=["subject", "predicate", "object"])
        pairs = zip(*(edges.column(c).to_pylist() for c in ("subject", "predicate", "object")),
                    strict=True)  # fmt: skip
        self.affects = [(s, o) for s, p, o in pairs if p == "biolink:affects"][:50_000]

    def pick(self, category: str) -> str:
        return self.rng.choice(self.by_category[category])

    def params(self, name: str) -> dict[str, Any]:
        from kg.queries import get_query

        out: dict[str, Any] = {}
        subject, object = self.rng.choice(self.affects)
        for param in get_query(name).params:
            out[param.name] = {
                "drug": lambda: self.pick("biolink:Drug"),
                "pathway": lambda: self.pick("biolink:Pathway"),
                "disease": lambda: self.pick("biolink:Disease"),
                "modality": lambda: self.pick("biolink:Procedure"),
                "entity": lambda: self.pick("biolink:Gene"),
                "text": lambda: self.rng.choice(self.names),
                "label": lambda: "Gene",
                "subject": lambda: subject,
                "object": lambda: object,
                "source": lambda: self.pick("biolink:Drug"),
                "target": lambda: self.pick("biolink:Gene"),
            }[param.name]()
        return out


def time_runs(func: Any, runs: int, budget: float) -> tuple[list[float], int]:
    times, rows = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        rows = func()
        elapsed = time.perf_counter() - started
        times.append(elapsed)
        if elapsed > budget:
            break
    return times, rows


def bench_stores(
    build: Path, runs: int, budget: float, seed: int, skip_sparql: set[str], skip: set[str]
) -> list[tuple[str, dict]]:
    from kg.queries import list_queries
    from kg.query import find_paths, open_query_store, resolve_entity, run_query

    sampler = Sampler(build, random.Random(seed))
    plans: list[tuple[str, list[Any]]] = []
    path_args = [
        (sampler.pick("biolink:Drug"), sampler.pick("biolink:Pathway")) for _ in range(runs)
    ]
    plans.append(("path", path_args))
    plans.append(("path (names)", [(sampler.rng.choice(sampler.names), None) for _ in range(runs)]))
    for name in list_queries():
        plans.append((name, [sampler.params(name) for _ in range(runs)]))
    results: dict[str, dict[str, tuple[list[float], int]]] = defaultdict(dict)
    for kind in ("embedded", "sparql"):
        with open_query_store(kind, build) as store:
            run_query(store, "graph_stats")  # warm caches once
            for label, args in plans:
                if label in skip or (kind == "sparql" and label in skip_sparql):
                    continue
                it = iter(args)
                if label == "path":

                    def work(it=it, store=store):
                        drug, pathway = next(it)
                        return find_paths(store, drug, pathway, max_hops=4, top=3).found
                elif label == "path (names)":

                    def work(it=it, store=store):
                        return int(bool(resolve_entity(store, next(it)[0]).id))
                else:

                    def work(it=it, store=store, label=label):
                        return len(run_query(store, label, next(it), resolve=False))

                results[label][kind] = time_runs(work, runs, budget)
                print(f"  {kind:<8} {label:<24} {_ms(results[label][kind][0])}", flush=True)
    return list(results.items())


def cli_startup(runs: int = 10) -> list[float]:
    irkg = Path(sys.executable).with_name("irkg")
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([str(irkg), "--help"], check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/irkg-qbench"))
    parser.add_argument("--build", type=Path, help="An already loaded build to use instead.")
    parser.add_argument("--edges", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--budget", type=float, default=20.0, help="Seconds; stop a slow query.")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--keep", action="store_true", help="Leave the embedded server running.")
    parser.add_argument("--skip", default="", help="Queries not run at all (comma-separated).")
    parser.add_argument(
        "--skip-sparql",
        default="contradictions",
        help="Canned queries not run on Oxigraph (comma-separated): one run of contradictions "
        "takes ~30 s at 50k edges there (its planner joins the two edges badly).",
    )
    args = parser.parse_args()
    print(f"cpus {os.cpu_count()}, load average before {os.getloadavg()}")
    build = args.build or ensure_build(args.work / f"build-{args.edges}", args.edges)
    from kg.loaders import store_start, store_stop

    store_start(build)
    try:
        skip = {name for name in args.skip_sparql.split(",") if name}
        skip_all = {name for name in args.skip.split(",") if name}
        figures = bench_stores(build, args.runs, args.budget, args.seed, skip, skip_all)
    finally:
        if not args.keep:
            store_stop(build)
    startup = cli_startup()
    print(f"\nquery figures on {build} ({args.runs} runs each, ms)")
    print(f"{'query':<24} {'FalkorDB p50':>12} {'p95':>8} {'Oxigraph p50':>13} {'p95':>8}  rows")
    for label, by_store in figures:
        falkor, oxi = by_store.get("embedded", ([], 0)), by_store.get("sparql", ([], 0))
        cut = " (budget hit)" if any(t and max(t) > args.budget for t, _ in (falkor, oxi)) else ""
        print(f"{label:<24} {_ms(falkor[0]):>21} {_ms(oxi[0]):>22}  {falkor[1]}/{oxi[1]}{cut}")
    print(
        f"\nirkg --help: p50 {statistics.median(startup) * 1000:.0f} ms, "
        f"max {max(startup) * 1000:.0f} ms ({len(startup)} runs)"
    )
    print(f"load average after {os.getloadavg()}")


if __name__ == "__main__":
    main()
