"""Build a new FalkorDB graph fast with ``GRAPH.BULK``, the command falkordb-bulk-loader uses.

``GRAPH.BULK key [BEGIN] nodes edges node_blobs edge_blobs blob...`` creates entities straight
from binary blobs, without parsing Cypher or looking anything up, so it is several times faster
than ``UNWIND … MERGE`` on an empty graph. It only creates (``BEGIN`` refuses an existing key),
so irkg bulk-loads into a scratch key and renames it over the live graph when done.

Blob format (FalkorDB ``src/bulk_insert/bulk_insert.c``, native little-endian): a header of
``labels`` (``A:B`` for several), NUL, a uint32 property count and the NUL-terminated property
names; then one record per entity, each property as a type byte and a value (0 null, 1 bool,
2 double, 3 NUL-terminated string, 4 int64, 5 array: int64 length + values). Edge records start
with the uint64 internal ids of their endpoints; a node's internal id is its creation order, so
the loader assigns ids in exactly the order it sends nodes.

The module validates entities with ASSERT only, so a malformed blob would crash the server:
everything sent here comes from typed records, and strings with a NUL byte are refused first.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from kg.errors import StoreError
from kg.loaders.cypher import EVIDENCE_LABEL
from kg.loaders.properties import (
    EDGE_PROPS,
    EVIDENCE_PROPS,
    NODE_PROPS,
    edge_props,
    evidence_props,
    node_props,
)
from kg.model import Edge, Evidence, Node
from kg.schema import Schema, load_schema

_NULL = b"\x00"
_TRUE = struct.pack("=B?", 1, True)
_FALSE = struct.pack("=B?", 1, False)
_DOUBLE = struct.Struct("=Bd")
_LONG = struct.Struct("=Bq")
_ARRAY = struct.Struct("=Bq")
_ENDPOINTS = struct.Struct("=QQ")
DEFAULT_MAX_BYTES = 32 * 1024 * 1024


def encode_value(value: Any) -> bytes:
    """One property value in GRAPH.BULK's binary form."""
    if value is None:
        return _NULL
    if value is True:
        return _TRUE
    if value is False:
        return _FALSE
    if isinstance(value, str):
        raw = value.encode("utf-8")
        if b"\x00" in raw:
            raise ValueError(f"string with a NUL byte cannot be stored: {value[:40]!r}")
        return b"\x03" + raw + b"\x00"
    if isinstance(value, int):
        return _LONG.pack(4, value)
    if isinstance(value, float):
        return _DOUBLE.pack(2, value)
    if isinstance(value, list | tuple):
        return _ARRAY.pack(5, len(value)) + b"".join(encode_value(v) for v in value)
    raise ValueError(f"cannot encode {type(value).__name__} for GRAPH.BULK")


def header(entity: str, names: Sequence[str]) -> bytes:
    parts = [entity.encode("utf-8"), b"\x00", struct.pack("=I", len(names))]
    parts += [name.encode("utf-8") + b"\x00" for name in names]
    return b"".join(parts)


def encode_props(keys: Sequence[str], first: str, props: dict[str, Any]) -> bytes:
    """``first`` (the id) followed by each key's value (null when absent)."""
    return encode_value(first) + b"".join(encode_value(props.get(k)) for k in keys)


@dataclass
class _Blob:
    head: bytes
    records: list[bytes] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)  # node ids in record order (nodes only)
    size: int = 0

    def add(self, record: bytes, node_id: str | None = None) -> None:
        self.records.append(record)
        if node_id is not None:
            self.ids.append(node_id)
        self.size += len(record)

    def payload(self) -> bytes:
        return self.head + b"".join(self.records)


NODE_KEYS = tuple(p.name for p in NODE_PROPS)
EDGE_KEYS = tuple(p.name for p in EDGE_PROPS)
EVIDENCE_KEYS = tuple(p.name for p in EVIDENCE_PROPS)


class BulkGraphBuilder:
    """Creates one new graph under ``key``; send nodes first, then edges, then evidence.

    Sending overlaps with encoding: one request is in flight on a worker thread while the next
    is encoded (the socket wait releases the GIL, and the server runs in its own process).
    """

    def __init__(
        self,
        connection: Any,
        key: str,
        *,
        schema: Schema | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        self.connection = connection
        self.key = key
        self.schema = schema or load_schema()
        self.max_bytes = max_bytes
        self.node_ids: dict[str, int] = {}
        self.nodes_created = 0
        self.edges_created = 0
        self._next_id = 0
        self._begun = False
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="graph-bulk")
        self._pending: Future[None] | None = None

    # -- sending

    def send(self, nodes: list[tuple[bytes, int]], edges: list[tuple[bytes, int]]) -> None:
        """Queue one GRAPH.BULK request: node blobs, then edge blobs, as (payload, count)."""
        node_count = sum(count for _, count in nodes)
        edge_count = sum(count for _, count in edges)
        if not node_count and not edge_count and self._begun:
            return
        args: list[Any] = [self.key]
        if not self._begun:
            args.append("BEGIN")
            self._begun = True
        args += [node_count, edge_count, len(nodes), len(edges)]
        args += [payload for payload, _ in nodes] + [payload for payload, _ in edges]
        self._next_id += node_count
        self._wait()
        self._pending = self._pool.submit(self._execute, args, node_count, edge_count)

    def _send(self, node_blobs: list[_Blob], edge_blobs: list[_Blob]) -> None:
        start = self._next_id  # internal ids follow the order the server creates nodes in
        for blob in node_blobs:
            for offset, node_id in enumerate(blob.ids):
                self.node_ids[node_id] = start + offset
            start += len(blob.records)
        self.send(
            [(b.payload(), len(b.records)) for b in node_blobs],
            [(b.payload(), len(b.records)) for b in edge_blobs],
        )

    def _execute(self, args: list[Any], nodes: int, edges: int) -> None:
        import redis

        try:
            reply = self.connection.execute_command("GRAPH.BULK", *args)
        except redis.exceptions.RedisError as exc:
            raise StoreError(f"GRAPH.BULK into {self.key!r} failed: {exc}") from exc
        text = reply.decode() if isinstance(reply, bytes) else str(reply)
        expected = f"{nodes} nodes created, {edges} edges created"
        if text != expected:
            raise StoreError(f"GRAPH.BULK into {self.key!r}: expected {expected!r}, got {text!r}")
        self.nodes_created += nodes
        self.edges_created += edges

    def _wait(self) -> None:
        if self._pending is not None:
            pending, self._pending = self._pending, None
            pending.result()

    # -- entities

    def _flush(self, blobs: dict[str, _Blob], as_edges: bool, force: bool = False) -> None:
        if force or sum(b.size for b in blobs.values()) >= self.max_bytes:
            full = [b for b in blobs.values() if b.records]
            if as_edges:
                self._send([], full)
            else:
                self._send(full, [])
            blobs.clear()

    def add_nodes(self, nodes: Iterable[Node]) -> int:
        blobs: dict[str, _Blob] = {}
        seen: set[str] = set()
        for node in nodes:
            if node.id in seen or node.id in self.node_ids:
                raise StoreError(f"node {node.id!r} appears twice in the nodes table")
            seen.add(node.id)
            labels = ":".join(self.schema.labels(node.category))
            if labels not in blobs:
                blobs[labels] = _Blob(header(labels, ("id", *NODE_KEYS)))
            blobs[labels].add(encode_props(NODE_KEYS, node.id, node_props(node)), node.id)
            self._flush(blobs, as_edges=False)
        self._flush(blobs, as_edges=False, force=True)
        return len(seen)

    def add_edges(self, edges: Iterable[Edge]) -> int:
        blobs: dict[str, _Blob] = {}
        count = 0
        ids = self.node_ids
        for edge in edges:
            try:
                endpoints = _ENDPOINTS.pack(ids[edge.subject], ids[edge.object])
            except KeyError:
                missing = edge.subject if edge.subject not in ids else edge.object
                raise StoreError(
                    f"edge {edge.id} ({edge.subject} {edge.predicate} {edge.object}): "
                    f"endpoint {missing} is not in the nodes table"
                ) from None
            rel = self.schema.relationship_type(edge.predicate)
            if rel not in blobs:
                blobs[rel] = _Blob(header(rel, ("id", *EDGE_KEYS)))
            blobs[rel].add(endpoints + encode_props(EDGE_KEYS, edge.id, edge_props(edge)))
            count += 1
            self._flush(blobs, as_edges=True)
        self._flush(blobs, as_edges=True, force=True)
        return count

    def add_evidence(self, evidence: Iterable[Evidence]) -> int:
        head = header(EVIDENCE_LABEL, ("id", *EVIDENCE_KEYS))
        blobs: dict[str, _Blob] = {}
        count = 0
        for ev in evidence:
            if not ev.id or not ev.edge_id:
                raise StoreError(f"evidence row without id/edge_id (document {ev.doc_id})")
            if EVIDENCE_LABEL not in blobs:
                blobs[EVIDENCE_LABEL] = _Blob(head)
            blobs[EVIDENCE_LABEL].add(encode_props(EVIDENCE_KEYS, ev.id, evidence_props(ev)))
            count += 1
            self._flush(blobs, as_edges=False)
        self._flush(blobs, as_edges=False, force=True)
        return count

    def finish(self) -> None:
        """Wait for the last request; make sure the graph exists even when it is empty."""
        if not self._begun:
            self._send([], [])
        self._wait()
        self._pool.shutdown()

    def abort(self) -> None:
        try:
            self._wait()
        finally:
            self._pool.shutdown(cancel_futures=True)
