"""Throughput and peak memory of the hybrid recogniser, with the dictionary path's beside it.

Runs ``bench/annotate_bench.py`` once per recogniser (dictionary, model, hybrid), each in a fresh
process so that one's memory never counts against another, on the same texts (the 500 BC5CDR
dev abstracts), and prints them side by side: wall-clock abstracts/s with 1 and N processes,
abstracts per CPU-second of one process (what a dedicated core does, whatever the neighbours
on a shared machine are doing) and its N-core estimate, and the peak resident memory of the
process tree. Goals (issue 5): hybrid >= 50 abstracts/s on 2 cores, <= 2 GB peak.

    IRKG_SHARED=../shared python bench/hybrid_bench.py [--n-process 2] [--json out.json]
    IRKG_SHARED=../shared python bench/hybrid_bench.py --pss   # memory (PSS); slower rates
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

RECOGNIZERS = ("dictionary", "model", "hybrid")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n-process", type=int, default=2)
    parser.add_argument("--recognizers", nargs="+", default=list(RECOGNIZERS))
    parser.add_argument("--json", type=Path, help="write the figures here too")
    parser.add_argument(
        "--pss", action="store_true",
        help="also measure PSS (a second run for memory: it slows the measured processes)",
    )  # fmt: skip
    args = parser.parse_args()
    bench = Path(__file__).with_name("annotate_bench.py")
    results = []
    for recognizer in args.recognizers:
        command = [sys.executable, str(bench), "--recognizer", recognizer, "--json",
                   "--n-process", str(args.n_process)]  # fmt: skip
        command += ["--pss"] if args.pss else []
        out = subprocess.run(command, capture_output=True, text=True, check=False)
        if out.returncode != 0:
            print(out.stderr[-3000:], file=sys.stderr)
            return out.returncode
        results.append(json.loads(out.stdout[out.stdout.index("{") :]))
    n = args.n_process
    head = ("recognizer", "1 proc/s", f"{n} proc/s", "per CPU-s", f"{n}-core est.",
            "peak RSS MB", "peak PSS MB")  # fmt: skip
    print(" ".join(f"{h:>13s}" for h in head))
    for r in results:
        rates = r["abstracts_per_s"]
        row = (
            r["recognizer"],
            f"{rates['annotate_1']:.1f}",
            f"{rates[f'annotate_{n}']:.1f}",
            f"{r['abstracts_per_cpu_s']['annotate_1']:.1f}",
            f"{r[f'estimate_{n}_dedicated_cores']:.1f}",
            str(r["peak_rss_mb"]),
            str(r["peak_pss_mb"] or "-"),
        )
        print(" ".join(f"{c:>13s}" for c in row))
    loads = [round(r["load_average"][0], 1) for r in results]
    print(f"({results[0]['abstracts']} BC5CDR dev abstracts; load average {loads})")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
