"""The embedded default store: FalkorDB, run by irkg itself inside the build folder.

Three modes, chosen with ``mode=``:

``auto`` (default)  nothing to do when the store already holds tables with this fingerprint;
                    otherwise ``bulk``.
``bulk``            build a new graph with ``GRAPH.BULK`` under a scratch key, index it, and
                    rename it over the live graph in one transaction: readers see the old graph
                    or the new one, never half of either, and a failed load changes nothing.
``merge``           run the shared ``UNWIND … MERGE`` statements (``kg.loaders.cypher``, the
                    ones Neo4j runs) against the live graph; incremental and idempotent.

The snapshot is saved when the load finishes, and the fingerprint of the tables it holds is
kept beside the graph (``irkg:meta:<graph>``), so loading the same build twice is a no-op.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any, ClassVar

from kg.errors import ConfigError, StoreError
from kg.loaders.base import LoadReport
from kg.loaders.cypher import (
    GRAPH_NAME,
    UNIQUE_IDS,
    edge_writes,
    evidence_writes,
    index_statements,
    node_writes,
)
from kg.loaders.cypher_load import create_indexes, write_all
from kg.loaders.embedded import EmbeddedStore, open_store
from kg.loaders.falkordb_bulk import BulkGraphBuilder
from kg.loaders.falkordb_server import record_snapshot, snapshot_holds
from kg.model import Edge, Evidence, Node
from kg.schema import load_schema

MODES = ("auto", "bulk", "merge")
INDEX_WAIT_S = 600.0


def meta_key(graph: str) -> str:
    return f"irkg:meta:{graph}"


class FalkorRunner:
    """``CypherRunner`` over one FalkorDB graph."""

    def __init__(self, store: EmbeddedStore, graph: str) -> None:
        self.store = store
        self.graph = store.client.select_graph(graph)

    def write_batch(self, statement: str, rows: list[dict[str, Any]]) -> int:
        import redis

        try:
            result = self.graph.query(statement, {"rows": rows})
        except redis.exceptions.RedisError as exc:
            raise StoreError(f"FalkorDB rejected a batch of {len(rows)} rows: {exc}") from exc
        return int(result.result_set[0][0]) if result.result_set else 0

    def read(self, statement: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        result = self.graph.ro_query(statement, params)
        names = [column[1] for column in result.header]
        return [dict(zip(names, row, strict=True)) for row in result.result_set]

    def create_index(self, statement: str) -> bool:
        import redis

        try:
            self.graph.query(statement)
        except redis.exceptions.ResponseError as exc:
            if "already indexed" in str(exc):
                return False
            raise StoreError(f"FalkorDB refused {statement!r}: {exc}") from exc
        return True

    def create_unique_constraints(self, key: str) -> None:
        """``GRAPH.CONSTRAINT CREATE`` (FalkorDB's own command; Neo4j's Cypher form is refused)."""
        import redis

        for label in UNIQUE_IDS:
            try:
                self.store.connection.execute_command(
                    "GRAPH.CONSTRAINT",
                    "CREATE",
                    key,
                    "UNIQUE",
                    "NODE",
                    label,
                    "PROPERTIES",
                    1,
                    "id",
                )
            except redis.exceptions.ResponseError as exc:
                if "already exists" not in str(exc):
                    raise StoreError(f"unique constraint on {label}.id: {exc}") from exc

    def wait_until_operational(self) -> None:
        """Indexes and constraints are built in the background; wait for all of them."""
        deadline = time.monotonic() + INDEX_WAIT_S
        while True:
            statuses = [
                r[0]
                for r in self.graph.ro_query(
                    "CALL db.indexes() YIELD status RETURN status"
                ).result_set
            ]
            statuses += [
                r[0]
                for r in self.graph.ro_query(
                    "CALL db.constraints() YIELD status RETURN status"
                ).result_set
            ]
            if "FAILED" in statuses:
                raise StoreError("a FalkorDB constraint failed (duplicate ids in the graph?)")
            if all(s == "OPERATIONAL" for s in statuses):
                return
            if time.monotonic() > deadline:
                raise StoreError(f"indexes not ready after {INDEX_WAIT_S:.0f}s: {statuses}")
            time.sleep(0.05)


class FalkorDBWriter:
    """Writer for the embedded FalkorDB store of a build folder."""

    name: ClassVar[str] = "embedded"
    atomic: ClassVar[bool] = True  # bulk mode swaps the graph in; merge mode is per batch
    idempotent: ClassVar[bool] = True
    reads_tables: ClassVar[bool] = True  # load_tables(build) encodes Parquet columns directly

    def __init__(
        self,
        build: Path,
        *,
        mode: str = "auto",
        fingerprint: str | None = None,
        graph: str = GRAPH_NAME,
        max_batch_bytes: int = 512 * 1024,
        bulk_max_bytes: int = 32 * 1024 * 1024,
    ) -> None:
        if mode not in MODES:
            raise ConfigError(f"unknown embedded load mode {mode!r}; choose one of {MODES}")
        self.build = Path(build)
        self.graph = graph
        self.fingerprint = fingerprint
        self.max_batch_bytes = max_batch_bytes
        self.report = LoadReport(store=self.name)
        self._started = time.monotonic()
        self._closed = False
        self.scratch = f"{graph}:loading"
        self.skip = False
        self.builder: BulkGraphBuilder | None = None
        self.runner: FalkorRunner | None = None
        self._context: Any = None
        if mode == "auto" and fingerprint and snapshot_holds(self.build, graph, fingerprint):
            self.skip = True  # known without starting a server: the saved snapshot has them
            self.report.notes.append(f"store already holds these tables ({fingerprint[:12]})")
            return
        self._context = open_store(self.build, graph=graph)
        self.store = self._context.__enter__()
        try:
            self._choose(mode, bulk_max_bytes)
        except BaseException:
            self.close()  # never leave a command's server running
            raise

    def _choose(self, mode: str, bulk_max_bytes: int) -> None:
        """Skip (the store holds these tables), bulk-load a new graph, or merge into it."""
        graph, fingerprint = self.graph, self.fingerprint
        stored = self.store.connection.hget(meta_key(graph), "fingerprint")
        if mode == "auto" and fingerprint and stored == fingerprint and self.store.exists():
            self.skip = True
            self.report.notes.append(f"store already holds these tables ({fingerprint[:12]})")
        elif mode in ("auto", "bulk"):
            self.store.connection.delete(self.scratch)  # left over from an interrupted load
            self.builder = BulkGraphBuilder(
                self.store.connection, self.scratch, max_bytes=bulk_max_bytes
            )
            self.report.notes.append("bulk-loaded a new graph (GRAPH.BULK) and swapped it in")
        else:
            self.runner = FalkorRunner(self.store, graph)
            created = create_indexes(self.runner, index_statements())
            self.runner.create_unique_constraints(graph)
            self.report.notes.append(f"merged with UNWIND … MERGE ({created} new indexes)")

    def write_nodes(self, nodes: Iterable[Node]) -> int:
        if self.skip:
            return 0
        if self.builder is not None:
            n = self.builder.add_nodes(nodes)
        else:
            n = write_all(self._runner(), node_writes(nodes), self.max_batch_bytes)
        self.report.nodes += n
        return n

    def write_edges(self, edges: Iterable[Edge]) -> int:
        if self.skip:
            return 0
        if self.builder is not None:
            n = self.builder.add_edges(edges)
        else:
            n = write_all(self._runner(), edge_writes(edges), self.max_batch_bytes)
        self.report.edges += n
        return n

    def write_evidence(self, evidence: Iterable[Evidence]) -> int:
        if self.skip:
            return 0
        if self.builder is not None:
            n = self.builder.add_evidence(evidence)
        else:
            n = write_all(self._runner(), evidence_writes(evidence), self.max_batch_bytes)
        self.report.evidence += n
        return n

    def load_tables(self, build: Path, track: Any = None) -> None:
        """Load a build's tables; in bulk mode straight from Parquet columns (no records).

        ``track(label, total)`` (optional) returns a function told how many rows went by.
        """
        from kg.assemble.tables import EDGES, EVIDENCE, NODES, iter_edges, iter_evidence, iter_nodes
        from kg.loaders.api import counted, table_sizes

        if self.skip:
            return
        build = Path(build)
        sizes = table_sizes(build)
        advance = {
            name: (track(label, sizes[name]) if track else (lambda _n: None))
            for label, name in (("nodes", NODES), ("edges", EDGES), ("evidence", EVIDENCE))
        }
        if self.builder is None:
            self.write_nodes(counted(iter_nodes(build), advance[NODES]))
            self.write_edges(counted(iter_edges(build), advance[EDGES]))
            self.write_evidence(counted(iter_evidence(build), advance[EVIDENCE]))
            return
        self._bulk_from_parquet(build, advance)

    def _bulk_from_parquet(self, build: Path, advance: dict[str, Any]) -> None:
        import pyarrow as pa
        import pyarrow.compute as pc

        from kg.assemble.tables import EDGES, EVIDENCE, NODES
        from kg.loaders import falkordb_arrow as arrow

        builder, schema = self.builder, load_schema()
        if builder is None:
            raise StoreError("internal: bulk load without a GRAPH.BULK builder")
        order = []
        for blobs, ids in arrow.node_blobs(build / NODES, schema):
            builder.send(blobs, [])
            order.append(ids)
            self.report.nodes += len(ids)
            advance[NODES](len(ids))
        node_order = pa.concat_arrays(order) if order else pa.array([], pa.string())
        if pc.count_distinct(node_order).as_py() != len(node_order):
            raise StoreError(f"{build / NODES}: duplicate node ids")
        for blobs in arrow.edge_blobs(build / EDGES, schema, node_order):
            builder.send([], blobs)
            done = sum(count for _, count in blobs)
            self.report.edges += done
            advance[EDGES](done)
        for blobs in arrow.evidence_blobs(build / EVIDENCE):
            builder.send(blobs, [])
            done = sum(count for _, count in blobs)
            self.report.evidence += done
            advance[EVIDENCE](done)

    def _runner(self) -> FalkorRunner:
        if self.runner is None:
            raise StoreError("internal: no Cypher runner in bulk mode")
        return self.runner

    def finalize(self) -> LoadReport:
        try:
            if not self.skip:
                if self.builder is not None:
                    self._swap_in_bulk_graph(self.builder)
                self._record_fingerprint()
                self.store.save()
                record_snapshot(self.build, self.graph, self.fingerprint)
        finally:
            self.close()
        self.report.seconds = time.monotonic() - self._started
        return self.report

    def _swap_in_bulk_graph(self, builder: BulkGraphBuilder) -> None:
        builder.finish()
        scratch = FalkorRunner(self.store, self.scratch)
        create_indexes(scratch, index_statements())
        scratch.create_unique_constraints(self.scratch)
        scratch.wait_until_operational()
        with self.store.connection.pipeline(transaction=True) as tx:
            tx.rename(self.scratch, self.graph)
            tx.delete(meta_key(self.graph))
            tx.execute()

    def _record_fingerprint(self) -> None:
        meta = {
            "fingerprint": self.fingerprint or "",
            "loaded_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "nodes": self.report.nodes,
            "edges": self.report.edges,
            "evidence": self.report.evidence,
        }
        self.store.connection.hset(meta_key(self.graph), mapping=meta)

    def close(self) -> None:
        """Release the server (stopping it if this load started it); drop a half-built graph."""
        if self._closed:
            return
        self._closed = True
        if self._context is None:
            return
        try:
            if self.builder is not None:
                self.builder.abort()
                self.store.connection.delete(self.scratch)
        finally:
            self._context.__exit__(None, None, None)
