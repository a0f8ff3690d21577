"""``irkg build``: papers -> ingest -> annotate (cached per document) -> assemble -> tables.

The build is incremental and crash-safe by construction:

* each input document is looked up in the per-document cache (``kg.assemble.cache``) under a key
  that hashes its content and the annotation version; only misses are annotated, and each result
  is stored atomically as soon as it is made;
* the merge (``kg.assemble.merge``) does not depend on document order, so documents read from
  the cache and freshly annotated ones can be mixed in any order;
* the tables are written once, at the end, each by an atomic rename, and ``manifest.json`` last.

So a second run over the same input annotates nothing, adding a paper annotates only that paper,
and a build killed at any moment (Ctrl-C, kill -9) and run again gives tables byte-identical to
an uninterrupted build.

The parts are injectable (``BuildParts``): the annotator and the curated knowledge.
``kg.assemble.pipeline`` wires the product's own (lexicon, recogniser pipeline, curated graph).
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

from kg.assemble.cache import DocumentCache
from kg.assemble.evidence import MergePolicy
from kg.assemble.merge import Assembler, Assembly
from kg.assemble.tables import write_tables
from kg.model import AnnotatedDocument, Edge, EntityType, Node

MANIFEST = "manifest.json"
CACHE_DIR = "cache"


class Annotator(Protocol):
    """Annotates documents; ``version`` names everything its output depends on."""

    version: str

    def __call__(self, documents: Iterable[AnnotatedDocument]) -> Iterator[AnnotatedDocument]: ...


# (CURIEs the text mentions, their recognised types) -> curated nodes and edges. The curated
# side builds nodes for the mentioned CURIEs too (lexicon names, categories, taxa), and keeps
# orthology edges for mentioned genes: see ``kg.assemble.curated.curated_graph``.
CuratedSource = Callable[
    [set[str], Mapping[str, EntityType]], tuple[Iterable[Node], Iterable[Edge]]
]


@dataclass
class BuildParts:
    """What a build is made of besides its input: swap any part for tests or other sources."""

    annotator: Annotator
    curated: CuratedSource | None = None
    versions: dict[str, str] = field(default_factory=dict)  # for the manifest


@dataclass
class BuildReport:
    """What a build did; the CLI prints it and ``manifest.json`` records it."""

    out: Path
    documents: int = 0
    annotated: int = 0
    cached: int = 0
    duplicate_documents: int = 0
    damaged_cache_entries: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    examples: dict[str, list[str]] = field(default_factory=dict)

    def summary(self) -> str:
        counts = ", ".join(f"{n:,} {name}" for name, n in self.counts.items())
        line = (
            f"{self.documents:,} documents ({self.annotated:,} annotated, {self.cached:,} from "
            f"cache) -> {counts} in {self.out}"
        )
        if self.duplicate_documents:
            named = ", ".join(self.examples.get("duplicate_documents", [])[:5])
            line += (
                f"; {self.duplicate_documents:,} document(s) skipped: their id was already read "
                f"(the first one is kept): {named}"
            )
        return line


def build(
    inputs: Iterable[AnnotatedDocument],
    out: Path,
    parts: BuildParts,
    *,
    policy: MergePolicy | None = None,
    progress: bool = False,
    manifest_extra: Callable[[], dict[str, Any]] | None = None,
) -> BuildReport:
    """Annotate (through the cache), merge and write the tables + manifest into ``out``.

    ``inputs`` are documents as ingested: plain ones carry no mentions, annotated input (gold
    PubTator, PubTator3 exports) carries its own; both are keyed by their full content.
    ``manifest_extra`` is called once the inputs are read; its keys are added to the manifest.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    report = BuildReport(out=out)
    cache = DocumentCache(out / CACHE_DIR, parts.annotator.version)
    cache.sweep()
    assembler = Assembler(policy)
    started = time.perf_counter()
    with _progress(progress) as bar:
        task = bar.add_task("annotating", total=None)
        keys: dict[str, str] = {}
        misses = _misses(inputs, cache, assembler, keys, report, lambda: bar.advance(task))
        for annotated in parts.annotator(misses):
            cache.put(keys.pop(annotated.document.id), annotated)
            assembler.add_document(annotated)
            report.annotated += 1
            bar.advance(task)
        if keys:
            raise RuntimeError(f"the annotator returned no result for {sorted(keys)[:5]}")
        report.seconds["annotate"] = time.perf_counter() - started
        bar.update(task, description="assembling")
        mark = time.perf_counter()
        if parts.curated is not None:
            assembler.add_curated(*parts.curated(assembler.mentioned(), assembler.type_hints()))
        assembly = assembler.finish()
        del assembler, misses  # its per-edge state is no longer needed: free it before writing
        report.seconds["assemble"] = time.perf_counter() - mark
        bar.update(task, description="writing tables")
        mark = time.perf_counter()
        report.counts = write_tables(out, assembly.nodes, assembly.edges, assembly.evidence)
        report.seconds["write"] = time.perf_counter() - mark
    report.damaged_cache_entries = len(cache.stats.damaged)
    if cache.stats.damaged:
        report.examples["damaged_cache_entries"] = cache.stats.damaged[:20]
    write_manifest(out, report, parts, assembly, manifest_extra() if manifest_extra else {})
    return report


def _misses(
    inputs: Iterable[AnnotatedDocument],
    cache: DocumentCache,
    assembler: Assembler,
    keys: dict[str, str],
    report: BuildReport,
    tick: Callable[[], None],
) -> Iterator[AnnotatedDocument]:
    """Yield the inputs the cache lacks; cached ones go straight to the assembler.

    A document id seen twice keeps its first document (the report counts and names the rest).
    """
    seen: set[str] = set()
    for item in inputs:
        doc_id = item.document.id
        if doc_id in seen:
            report.duplicate_documents += 1
            report.examples.setdefault("duplicate_documents", [])
            if len(report.examples["duplicate_documents"]) < 20:
                report.examples["duplicate_documents"].append(doc_id)
            continue
        seen.add(doc_id)
        report.documents += 1
        key = cache.key(item)
        cached = cache.get(key)
        if cached is not None:
            assembler.add_document(cached)
            report.cached += 1
            tick()
            continue
        keys[doc_id] = key
        yield item


class _NoBar:
    def add_task(self, *_: Any, **__: Any) -> int:
        return 0

    def advance(self, *_: Any) -> None: ...

    def update(self, *_: Any, **__: Any) -> None: ...

    def __enter__(self) -> _NoBar:
        return self

    def __exit__(self, *_: Any) -> None: ...


def _progress(show: bool) -> Any:
    if not show:
        return _NoBar()
    from rich.progress import (
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    return Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        MofNCompleteColumn(),
        TextColumn("documents"),
        TimeElapsedColumn(),
        transient=False,
    )


def write_manifest(
    out: Path,
    report: BuildReport,
    parts: BuildParts,
    assembly: Assembly,
    extra: dict[str, Any],
) -> Path:
    """``manifest.json``: inputs, versions, counts and the merge report (written atomically)."""
    import kg

    by_predicate = Counter(e.predicate for e in assembly.edges)
    by_category = Counter(n.category for n in assembly.nodes)
    manifest = {
        "irkg_version": kg.__version__,
        "versions": {"annotation": parts.annotator.version, **parts.versions},
        "documents": {
            "read": report.documents,
            "annotated": report.annotated,
            "cached": report.cached,
            "duplicates": report.duplicate_documents,
            "damaged_cache_entries": report.damaged_cache_entries,
        },
        "counts": {
            **report.counts,
            "edges_by_predicate": dict(sorted(by_predicate.items())),
            "nodes_by_category": dict(sorted(by_category.items())),
        },
        "merge": asdict(assembly.report),
        "examples": report.examples,
        **extra,
    }
    path = out / MANIFEST
    fd, tmp = tempfile.mkstemp(prefix=".manifest.", suffix=".tmp", dir=out)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(manifest, handle, indent=2, sort_keys=True, default=str)
        handle.write("\n")
    os.replace(tmp, path)
    return path


def input_summary(paths: Sequence[Path]) -> list[dict[str, Any]]:
    """What the manifest says about each input path: kind and size in bytes."""
    summary = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            files = [p for p in path.rglob("*") if p.is_file()]
            summary.append(
                {
                    "path": str(path.resolve()),
                    "kind": "folder",
                    "files": len(files),
                    "bytes": sum(p.stat().st_size for p in files),
                }
            )
        else:
            size = path.stat().st_size if path.exists() else None
            summary.append({"path": str(path.resolve()), "kind": "file", "bytes": size})
    return summary
