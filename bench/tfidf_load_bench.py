"""How long an annotate worker takes to load each TF-IDF candidate index, and its first search.

Every forked worker loads the indexes it needs on first use (chemicals on the hybrid path), so
this cost is paid once per worker per run. Each type is timed in a fresh interpreter (imports
included, as a worker pays them), three times, and the median printed with the index's size on
disk and whether scikit-learn was imported (it should not be: ``kg.nlp.tfidf``).

    python bench/tfidf_load_bench.py [--lexicon PATH] [--json out.json]

The indexes are built first when missing (minutes for the full lexicon, once per version).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

RUNS = 3
PROBE = """
import json, sys, time
t0 = time.perf_counter()
from kg.lexicon import Lexicon
from kg.model import EntityType
from kg.nlp.candidates import CandidateIndex
lexicon = Lexicon.open(sys.argv[1])
index = CandidateIndex(lexicon)
t1 = time.perf_counter()
index.index(EntityType(sys.argv[2]))
t2 = time.perf_counter()
index.search(["cis-platinum", "5 fluoro uracil"], EntityType(sys.argv[2]), 5)
t3 = time.perf_counter()
print(json.dumps({"load_s": t2 - t1, "first_search_s": t3 - t2,
                  "sklearn_imported": "sklearn" in sys.modules}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lexicon", type=Path, help="lexicon file (default: the full lexicon)")
    parser.add_argument("--json", type=Path, help="write the figures here too")
    args = parser.parse_args()

    from kg.lexicon import Lexicon
    from kg.nlp.candidates import INDEXED_TYPES, CandidateIndex, default_cache_dir
    from kg.nlp.resources import open_lexicon

    path = args.lexicon or Path(open_lexicon("", "none").path)
    index = CandidateIndex(Lexicon.open(path))
    index.build_all()
    cache = default_cache_dir(index.lexicon)
    rows = []
    for entity_type in INDEXED_TYPES:
        runs = []
        for _ in range(RUNS):
            out = subprocess.run(
                [sys.executable, "-c", PROBE, str(path), entity_type.value],
                check=True, capture_output=True, text=True,
            )  # fmt: skip
            runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
        folder = cache / entity_type.value if cache is not None else None
        size = sum(f.stat().st_size for f in folder.iterdir()) if folder else 0
        rows.append(
            {
                "type": entity_type.value,
                "load_s": round(statistics.median(r["load_s"] for r in runs), 3),
                "first_search_s": round(statistics.median(r["first_search_s"] for r in runs), 3),
                "disk_mb": round(size / 1e6, 1),
                "sklearn_imported": any(r["sklearn_imported"] for r in runs),
            }
        )
    print(f"{'type':10} {'load s':>8} {'1st search s':>13} {'disk MB':>8}  sklearn")
    for r in rows:
        print(
            f"{r['type']:10} {r['load_s']:8.3f} {r['first_search_s']:13.3f} "
            f"{r['disk_mb']:8.1f}  {r['sklearn_imported']}"
        )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
