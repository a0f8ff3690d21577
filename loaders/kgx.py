"""KGX exchange files (Biolink's TSV and JSON Lines) and a networkx graph from the tables.

Files: ``nodes.tsv``/``edges.tsv`` or ``nodes.jsonl``/``edges.jsonl`` in the KGX layout, with
Biolink slot names for the core columns (``category`` as a list, ``synonym``, ``xref``,
``in_taxon``, ``provided_by``; ``knowledge_level``, ``agent_type``,
``primary_knowledge_source``, ``publications``, ``object_direction_qualifier``) and irkg's own
names for the rest (``sign``, ``pathway``, ``step``, ``action``, ``regimen``, counts, ``belief``,
``npmi``, ``best_sentence``, ``sources``, ``license``). Evidence rows are not part of KGX; they
stay in the tables and the other stores.

TSV quoting follows the ``csv`` module (fields with tabs, quotes or newlines are quoted, quotes
doubled), which pandas and KGX's reader accept; list values are joined with ``|``, KGX's list
delimiter. KGX has no escape for ``|`` inside a value, so such a value is refused in TSV with the
record named (JSONL keeps it).
"""

from __future__ import annotations

import csv
import json
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any, ClassVar

from kg.assemble.tables import iter_edges, iter_evidence, iter_nodes
from kg.errors import ConfigError, InputError
from kg.loaders.base import LoadReport
from kg.loaders.properties import evidence_props
from kg.model import Edge, Evidence, Node

LIST_DELIMITER = "|"
FORMATS = ("tsv", "jsonl")

NODE_COLUMNS = (
    "id",
    "category",
    "name",
    "synonym",
    "xref",
    "in_taxon",
    "provided_by",
    "description",
)
EDGE_COLUMNS = (
    "id",
    "subject",
    "predicate",
    "object",
    "knowledge_level",
    "agent_type",
    "primary_knowledge_source",
    "publications",
    "object_direction_qualifier",
    "sign",
    "pathway",
    "step",
    "action",
    "regimen",
    "sources",
    "license",
    "evidence_count",
    "paper_count",
    "belief",
    "negated_count",
    "hedged_count",
    "npmi",
    "best_sentence",
)
LIST_COLUMNS = {"category", "synonym", "xref", "provided_by", "publications", "sources"}


def kgx_node(node: Node) -> dict[str, Any]:
    return {
        "id": node.id,
        "category": [node.category],
        "name": node.name,
        "synonym": list(node.synonyms),
        "xref": list(node.xrefs),
        "in_taxon": node.taxon,
        "provided_by": list(node.sources),
        "description": node.description,
    }


def kgx_edge(edge: Edge) -> dict[str, Any]:
    q = edge.qualifiers
    return {
        "id": edge.id,
        "subject": edge.subject,
        "predicate": edge.predicate,
        "object": edge.object,
        "knowledge_level": edge.knowledge_level.value,
        "agent_type": edge.agent_type.value,
        "primary_knowledge_source": edge.primary_source,
        "publications": list(edge.publications),
        "object_direction_qualifier": q.direction,
        "sign": int(q.sign),
        "pathway": q.pathway,
        "step": q.step,
        "action": q.action,
        "regimen": q.regimen,
        "sources": list(edge.sources),
        "license": edge.license,
        "evidence_count": edge.evidence_count,
        "paper_count": edge.paper_count,
        "belief": edge.belief,
        "negated_count": edge.negated_count,
        "hedged_count": edge.hedged_count,
        "npmi": edge.npmi,
        "best_sentence": edge.best_sentence,
    }


def _present(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if v is not None and v != "" and v != []}


def _tsv_cell(record_id: str, column: str, value: Any) -> str:
    if value is None:
        return ""
    if column in LIST_COLUMNS:
        for item in value:
            if LIST_DELIMITER in item:
                raise InputError(
                    record_id,
                    column,
                    f"value {item!r} contains KGX's list delimiter {LIST_DELIMITER!r}; "
                    "export with --format jsonl",
                )
        return LIST_DELIMITER.join(value)
    if isinstance(value, float):
        return repr(value)
    return str(value)


class KGXWriter:
    """Writes ``nodes.*`` and ``edges.*`` into a folder (default ``BUILD/kgx``)."""

    name: ClassVar[str] = "kgx"
    atomic: ClassVar[bool] = True  # files are written beside their targets and renamed
    idempotent: ClassVar[bool] = True
    writes_evidence: ClassVar[bool] = False  # so callers need not read the evidence table

    def __init__(
        self,
        build: Path | None = None,
        *,
        out: Path | None = None,
        format: str = "jsonl",
        fingerprint: str | None = None,
    ) -> None:
        if format not in FORMATS:
            raise ConfigError(f"unknown KGX format {format!r}; choose one of {FORMATS}")
        if out is None and build is None:
            raise ConfigError("KGX export needs an output folder")
        self.out = Path(out) if out is not None else Path(build) / "kgx"  # type: ignore[arg-type]
        self.format = format
        self.report = LoadReport(store=self.name)
        self._started = time.monotonic()
        self._written: list[tuple[Path, Path]] = []
        self.out.mkdir(parents=True, exist_ok=True)

    def _write(self, stem: str, columns: tuple[str, ...], records: Iterable[dict[str, Any]]) -> int:
        target = self.out / f"{stem}.{self.format}"
        tmp = target.with_name(target.name + ".tmp")
        count = 0
        with open(tmp, "w", encoding="utf-8", newline="") as handle:
            if self.format == "jsonl":
                for record in records:
                    handle.write(json.dumps(_present(record), ensure_ascii=False) + "\n")
                    count += 1
            else:
                writer = csv.writer(handle, dialect="excel-tab", lineterminator="\n")
                writer.writerow(columns)
                for record in records:
                    writer.writerow([_tsv_cell(record["id"], c, record.get(c)) for c in columns])
                    count += 1
        self._written.append((tmp, target))
        return count

    def write_nodes(self, nodes: Iterable[Node]) -> int:
        n = self._write("nodes", NODE_COLUMNS, (kgx_node(node) for node in nodes))
        self.report.nodes += n
        return n

    def write_edges(self, edges: Iterable[Edge]) -> int:
        n = self._write("edges", EDGE_COLUMNS, (kgx_edge(edge) for edge in edges))
        self.report.edges += n
        return n

    def write_evidence(self, evidence: Iterable[Evidence]) -> int:
        return 0  # KGX has no evidence table; the stores and the tables keep it

    def finalize(self) -> LoadReport:
        for tmp, target in self._written:
            tmp.replace(target)
        self.report.notes.append(f"KGX {self.format} in {self.out}")
        self.report.seconds = time.monotonic() - self._started
        return self.report

    def close(self) -> None:
        for tmp, _ in self._written:
            tmp.unlink(missing_ok=True)


def to_networkx(build: Path, *, with_evidence: bool = False) -> Any:
    """The build as a ``networkx.MultiDiGraph``: nodes by CURIE, edges keyed by edge id.

    Node attributes are the KGX node fields; edge attributes the KGX edge fields plus ``type``
    (the relationship type). With ``with_evidence`` each edge also gets an ``evidence`` list of
    its evidence rows (as dicts).
    """
    import networkx as nx

    from kg.schema import load_schema

    schema = load_schema()
    graph = nx.MultiDiGraph()
    for node in iter_nodes(build):
        attrs = _present(kgx_node(node))
        attrs.pop("id")
        graph.add_node(node.id, **attrs)
    evidence: dict[str, list[dict[str, Any]]] = {}
    if with_evidence:
        for ev in iter_evidence(build):
            evidence.setdefault(ev.edge_id, []).append({"id": ev.id, **evidence_props(ev)})
    for edge in iter_edges(build):
        attrs = _present(kgx_edge(edge))
        for key in ("id", "subject", "object"):
            attrs.pop(key)
        attrs["type"] = schema.relationship_type(edge.predicate)
        if with_evidence:
            attrs["evidence"] = evidence.get(edge.id, [])
        graph.add_edge(edge.subject, edge.object, key=edge.id, **attrs)
    return graph
