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
* ``path (demo)``: pembrolizumab -> the cGAS-STING pathway of the test graph (that graph is part of
  the synthetic build, so this is the README's question on a 1M-edge graph);
* ``irkg --help`` start-up time (a fresh interpreter each time).

p50/p95 are over the runs; a query whose run passes ``--budget`` seconds is run no more. Wall
time and CPU time are both reported: CPU is this process's (Oxigraph runs in it, on all its
threads) plus, on FalkorDB, the server's (read from ``/proc/PID/stat``), so a loaded machine
shows as wall >> CPU. The load average is printed before and after. ``--json FILE`` also
writes every figure as JSON.
"""

from __future__ import annotations

import argparse
import json
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


class Timing:
    """Wall and CPU seconds of each run (CPU: this process, plus a server process if given)."""

    def __init__(self) -> None:
        self.wall: list[float] = []
        self.cpu: list[float] = []
        self.rows = 0

    def figures(self) -> dict[str, float | int]:
        def ms(values: list[float], q: float) -> float:
            return round(_percentile(values, q) * 1000, 2) if values else float("nan")

        return {
            "runs": len(self.wall), "rows": self.rows,
            "p50_ms": ms(self.wall, 0.5), "p95_ms": ms(self.wall, 0.95),
            "cpu_p50_ms": ms(self.cpu, 0.5), "cpu_p95_ms": ms(self.cpu, 0.95),
        }  # fmt: skip


def _server_cpu(pid: int | None) -> float:
    """CPU seconds (user + system, all threads) a process has used so far; 0 without procfs."""
    if pid is None:
        return 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


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


def time_runs(func: Any, runs: int, budget: float, server: int | None = None) -> Timing:
    timing = Timing()
    for _ in range(runs):
        cpu = time.process_time() + _server_cpu(server)
        started = time.perf_counter()
        timing.rows = func()
        elapsed = time.perf_counter() - started
        timing.wall.append(elapsed)
        timing.cpu.append(time.process_time() + _server_cpu(server) - cpu)
        if elapsed > budget:
            break
    return timing


DEMO_PATH = ("MESH:C582435", "irkg:cGAS_STING_pathway")  # the demo graph (tests/fixtures)


def bench_stores(
    build: Path, runs: int, budget: float, seed: int, skip_sparql: set[str], skip: set[str]
) -> dict[str, dict[str, Timing]]:
    from kg.loaders import store_status
    from kg.queries import list_queries
    from kg.query import find_paths, open_query_store, resolve_entity, run_query

    sampler = Sampler(build, random.Random(seed))
    plans: list[tuple[str, list[Any]]] = []
    path_args = [
        (sampler.pick("biolink:Drug"), sampler.pick("biolink:Pathway")) for _ in range(runs)
    ]
    plans.append(("path", path_args))
    plans.append(("path (demo)", [DEMO_PATH] * runs))
    plans.append(("path (names)", [(sampler.rng.choice(sampler.names), None) for _ in range(runs)]))
    for name in list_queries():
        plans.append((name, [sampler.params(name) for _ in range(runs)]))
    results: dict[str, dict[str, Timing]] = defaultdict(dict)
    for kind in ("embedded", "sparql"):
        server = store_status(build).pid if kind == "embedded" else None
        with open_query_store(kind, build) as store:
            run_query(store, "graph_stats")  # warm caches once
            for label, args in plans:
                if label in skip or (kind == "sparql" and label in skip_sparql):
                    continue
                it = iter(args)
                if label in ("path", "path (demo)"):

                    def work(it=it, store=store):
                        drug, pathway = next(it)
                        return find_paths(store, drug, pathway, max_hops=4, top=3).found
                elif label == "path (names)":

                    def work(it=it, store=store):
                        return int(bool(resolve_entity(store, next(it)[0]).id))
                else:

                    def work(it=it, store=store, label=label):
                        return len(run_query(store, label, next(it), resolve=False))

                timing = results[label][kind] = time_runs(work, runs, budget, server)
                print(f"  {kind:<8} {label:<24} {_ms(timing.wall)}  cpu {_ms(timing.cpu)}",
                      flush=True)  # fmt: skip
    return results


def cli_startup(runs: int = 10) -> Timing:
    """``irkg --help`` in a fresh interpreter, ``runs`` times (CPU: the child's user + system)."""
    import resource

    irkg = Path(sys.executable).with_name("irkg")
    timing = Timing()
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run([str(irkg), "--help"], check=True, capture_output=True)
        timing.wall.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        timing.cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return timing


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
    parser.add_argument("--json", type=Path, help="Also write the figures to this JSON file.")
    parser.add_argument(
        "--skip-sparql",
        default="contradictions",
        help="Canned queries not run on Oxigraph (comma-separated): one run of contradictions "
        "takes ~30 s at 50k edges there (its planner joins the two edges badly).",
    )
    args = parser.parse_args()
    load_before = os.getloadavg()
    print(f"cpus {os.cpu_count()}, load average before {load_before}")
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
    load_after = os.getloadavg()
    _print_table(build, args, figures)
    print(
        f"\nirkg --help: p50 {statistics.median(startup.wall) * 1000:.0f} ms, "
        f"max {max(startup.wall) * 1000:.0f} ms, CPU p50 "
        f"{statistics.median(startup.cpu) * 1000:.0f} ms ({len(startup.wall)} runs)"
    )
    print(f"load average after {load_after}")
    if args.json:
        data = {
            "build": str(build), "runs": args.runs, "cpus": os.cpu_count(),
            "load_before": load_before, "load_after": load_after,
            "queries": {label: {kind: t.figures() for kind, t in by_store.items()}
                        for label, by_store in figures.items()},
            "cli_help": startup.figures(),
        }  # fmt: skip
        args.json.write_text(json.dumps(data, indent=2))


def _print_table(build: Path, args: argparse.Namespace, figures: dict[str, dict]) -> None:
    print(f"\nquery figures on {build} ({args.runs} runs each; wall p50 p95 | CPU p50, ms)")
    print(f"{'query':<24} {'FalkorDB p50':>12} {'p95':>8} {'cpu':>8} "
          f"{'Oxigraph p50':>13} {'p95':>8} {'cpu':>8}  rows")  # fmt: skip
    empty = Timing()
    for label, by_store in figures.items():
        falkor, oxi = by_store.get("embedded", empty), by_store.get("sparql", empty)
        cut = (
            " (budget hit)"
            if any(t.wall and max(t.wall) > args.budget for t in (falkor, oxi))
            else ""
        )
        cpu = [
            f"{_percentile(t.cpu, 0.5) * 1000:8.1f}" if t.cpu else "       -" for t in (falkor, oxi)
        ]
        print(f"{label:<24} {_ms(falkor.wall):>21} {cpu[0]} {_ms(oxi.wall):>22} {cpu[1]}  "
              f"{falkor.rows}/{oxi.rows}{cut}")  # fmt: skip


if __name__ == "__main__":
    main()
