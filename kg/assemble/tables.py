"""The canonical tables on disk: ``nodes.parquet``, ``edges.parquet``, ``evidence.parquet``.

This is the contract between assemble (which writes the tables) and every loader (which reads
them). Rows are written sorted by id in fixed-size row groups with a fixed schema, so the same
records always give byte-identical files. Reading streams record batches, so memory stays flat
however large the build.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import InputError
from kg.model import (
    AgentType,
    Edge,
    Evidence,
    KnowledgeLevel,
    Node,
    Qualifiers,
    Sign,
)

if TYPE_CHECKING:
    import pyarrow as pa

NODES = "nodes.parquet"
EDGES = "edges.parquet"
EVIDENCE = "evidence.parquet"
ROW_GROUP = 50_000


def _schemas() -> dict[str, pa.Schema]:
    import pyarrow as pa

    strings = pa.list_(pa.string())
    return {
        NODES: pa.schema(
            [
                ("id", pa.string()),
                ("category", pa.string()),
                ("name", pa.string()),
                ("synonyms", strings),
                ("taxon", pa.string()),
                ("xrefs", strings),
                ("sources", strings),
                ("description", pa.string()),
            ]
        ),
        EDGES: pa.schema(
            [
                ("id", pa.string()),
                ("subject", pa.string()),
                ("predicate", pa.string()),
                ("object", pa.string()),
                ("sign", pa.int8()),
                ("pathway", pa.string()),
                ("step", pa.int32()),
                ("action", pa.string()),
                ("regimen", pa.string()),
                ("knowledge_level", pa.string()),
                ("agent_type", pa.string()),
                ("primary_source", pa.string()),
                ("sources", strings),
                ("license", pa.string()),
                ("publications", strings),
                ("evidence_count", pa.int64()),
                ("paper_count", pa.int64()),
                ("belief", pa.float64()),
                ("negated_count", pa.int64()),
                ("hedged_count", pa.int64()),
                ("npmi", pa.float64()),
                ("best_sentence", pa.string()),
            ]
        ),
        EVIDENCE: pa.schema(
            [
                ("id", pa.string()),
                ("edge_id", pa.string()),
                ("doc_id", pa.string()),
                ("pmid", pa.string()),
                ("section", pa.string()),
                ("sentence", pa.string()),
                ("sentence_start", pa.int64()),
                ("sentence_end", pa.int64()),
                ("subject_start", pa.int64()),
                ("subject_end", pa.int64()),
                ("object_start", pa.int64()),
                ("object_end", pa.int64()),
                ("extractor", pa.string()),
                ("extractor_version", pa.string()),
                ("trigger", pa.string()),
                ("negated", pa.bool_()),
                ("hedged", pa.bool_()),
                ("regimens", strings),
            ]
        ),
    }


def node_row(node: Node) -> dict[str, Any]:
    return {
        "id": node.id,
        "category": node.category,
        "name": node.name,
        "synonyms": list(node.synonyms),
        "taxon": node.taxon,
        "xrefs": list(node.xrefs),
        "sources": list(node.sources),
        "description": node.description,
    }


def edge_row(edge: Edge) -> dict[str, Any]:
    q = edge.qualifiers
    return {
        "id": edge.id,
        "subject": edge.subject,
        "predicate": edge.predicate,
        "object": edge.object,
        "sign": int(q.sign),
        "pathway": q.pathway,
        "step": q.step,
        "action": q.action,
        "regimen": q.regimen,
        "knowledge_level": edge.knowledge_level.value,
        "agent_type": edge.agent_type.value,
        "primary_source": edge.primary_source,
        "sources": list(edge.sources),
        "license": edge.license,
        "publications": list(edge.publications),
        "evidence_count": edge.evidence_count,
        "paper_count": edge.paper_count,
        "belief": edge.belief,
        "negated_count": edge.negated_count,
        "hedged_count": edge.hedged_count,
        "npmi": edge.npmi,
        "best_sentence": edge.best_sentence,
    }


def evidence_row(ev: Evidence) -> dict[str, Any]:
    return {
        "id": ev.id,
        "edge_id": ev.edge_id,
        "doc_id": ev.doc_id,
        "pmid": ev.pmid,
        "section": ev.section,
        "sentence": ev.sentence,
        "sentence_start": ev.sentence_start,
        "sentence_end": ev.sentence_end,
        "subject_start": ev.subject_start,
        "subject_end": ev.subject_end,
        "object_start": ev.object_start,
        "object_end": ev.object_end,
        "extractor": ev.extractor,
        "extractor_version": ev.extractor_version,
        "trigger": ev.trigger,
        "negated": ev.negated,
        "hedged": ev.hedged,
        "regimens": list(ev.regimens),
    }


def row_node(row: dict[str, Any]) -> Node:
    return Node(
        id=row["id"],
        category=row["category"],
        name=row["name"],
        synonyms=tuple(row["synonyms"] or ()),
        taxon=row["taxon"],
        xrefs=tuple(row["xrefs"] or ()),
        sources=tuple(row["sources"] or ()),
        description=row["description"] or "",
    )


def row_edge(row: dict[str, Any]) -> Edge:
    return Edge(
        id=row["id"],
        subject=row["subject"],
        predicate=row["predicate"],
        object=row["object"],
        qualifiers=Qualifiers(
            sign=Sign(row["sign"]),
            pathway=row["pathway"] or "",
            step=row["step"],
            action=row["action"] or "",
            regimen=row["regimen"] or "",
        ),
        knowledge_level=KnowledgeLevel(row["knowledge_level"]),
        agent_type=AgentType(row["agent_type"]),
        primary_source=row["primary_source"],
        sources=tuple(row["sources"] or ()),
        license=row["license"] or "",
        publications=tuple(row["publications"] or ()),
        evidence_count=row["evidence_count"],
        paper_count=row["paper_count"],
        belief=row["belief"],
        negated_count=row["negated_count"],
        hedged_count=row["hedged_count"],
        npmi=row["npmi"],
        best_sentence=row["best_sentence"] or "",
    )


def row_evidence(row: dict[str, Any]) -> Evidence:
    return Evidence(**{**row, "regimens": tuple(row["regimens"] or ())})


_TO_ROW = {NODES: node_row, EDGES: edge_row, EVIDENCE: evidence_row}
_FROM_ROW = {NODES: row_node, EDGES: row_edge, EVIDENCE: row_evidence}


def write_table(path: Path, records: Iterable[Node | Edge | Evidence]) -> int:
    """Write records (any order; sorted by id here) to one table file atomically.

    The file is written beside its target and renamed into place, so a reader never sees half a
    table and an interrupted build leaves the previous table intact. Returns the row count.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    kind = path.name
    schema = _schemas()[kind]
    to_row = _TO_ROW[kind]
    ordered = sorted(records, key=lambda r: r.id)
    seen: set[str] = set()
    for r in ordered:
        if r.id in seen:
            raise ValueError(f"{path}: duplicate id {r.id!r}; assemble must merge before writing")
        seen.add(r.id)
    tmp = path.with_name(path.name + ".tmp")
    path.parent.mkdir(parents=True, exist_ok=True)
    with pq.ParquetWriter(tmp, schema, compression="zstd") as writer:
        for start in range(0, max(len(ordered), 1), ROW_GROUP):
            chunk = [to_row(r) for r in ordered[start : start + ROW_GROUP]]
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
    tmp.replace(path)
    return len(ordered)


def _require_table(path: Path) -> None:
    if not path.is_file():
        raise InputError(str(path), None, "table not found (run `irkg build` first)")


def count_rows(path: Path) -> int:
    """Rows of one table file, from its Parquet footer (no data read)."""
    import pyarrow.parquet as pq

    _require_table(path)
    try:
        return pq.ParquetFile(path).metadata.num_rows
    except (OSError, ValueError) as exc:  # pyarrow's ArrowInvalid is a ValueError
        raise InputError(str(path), None, f"unreadable table: {exc}") from exc


def iter_table(path: Path) -> Iterator[Any]:
    """Stream the records of one table file, batch by batch."""
    import pyarrow.parquet as pq

    _require_table(path)
    from_row = _FROM_ROW[path.name]
    try:
        parquet = pq.ParquetFile(path)
        for batch in parquet.iter_batches(batch_size=10_000):
            for row in batch.to_pylist():
                yield from_row(row)
    except (OSError, ValueError) as exc:
        raise InputError(str(path), None, f"unreadable table: {exc}") from exc


def iter_nodes(build: Path) -> Iterator[Node]:
    return iter_table(Path(build) / NODES)


def iter_edges(build: Path) -> Iterator[Edge]:
    return iter_table(Path(build) / EDGES)


def iter_evidence(build: Path) -> Iterator[Evidence]:
    return iter_table(Path(build) / EVIDENCE)


def write_tables(
    build: Path,
    nodes: Iterable[Node],
    edges: Iterable[Edge],
    evidence: Iterable[Evidence],
) -> dict[str, int]:
    """Write all three tables into a build folder; returns row counts by table name."""
    build = Path(build)
    return {
        "nodes": write_table(build / NODES, nodes),
        "edges": write_table(build / EDGES, edges),
        "evidence": write_table(build / EVIDENCE, evidence),
    }
