"""Write records through the shared Cypher statements, on any engine that can run them.

A ``CypherRunner`` is the small part that differs per engine (how one batch is sent, how a
duplicate index is recognised); batching, counting and the check that every row landed are here,
once, for FalkorDB's MERGE mode and for Neo4j.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from kg.errors import StoreError
from kg.loaders.cypher import MISSING_NODES_STATEMENT, Write, batches


class CypherRunner(Protocol):
    def write_batch(self, statement: str, rows: list[dict[str, Any]]) -> int:
        """Run a write statement with ``$rows``; return its ``written`` count."""
        ...

    def read(self, statement: str, params: dict[str, Any]) -> list[dict[str, Any]]: ...

    def create_index(self, statement: str) -> bool:
        """Create one index; False when it already exists."""
        ...


def create_indexes(runner: CypherRunner, statements: Iterable[str]) -> int:
    """Run index statements; returns how many were new."""
    return sum(1 for statement in statements if runner.create_index(statement))


def write_all(runner: CypherRunner, writes: Iterable[Write], max_bytes: int) -> int:
    """Send every write in byte-sized batches; raise when a row matched nothing."""
    total = 0
    for statement, rows in batches(writes, max_bytes):
        written = runner.write_batch(statement, rows)
        if written != len(rows):
            _explain_shortfall(runner, statement, rows, written)
        total += written
    return total


def _explain_shortfall(
    runner: CypherRunner, statement: str, rows: list[dict[str, Any]], written: int
) -> None:
    if "subject" in rows[0]:
        ids = sorted({r["subject"] for r in rows} | {r["object"] for r in rows})
        missing = {r["id"] for r in runner.read(MISSING_NODES_STATEMENT, {"ids": ids})}
        for row in rows:
            gone = [x for x in (row["subject"], row["object"]) if x in missing]
            if gone:
                raise StoreError(
                    f"edge {row['id']} ({row['subject']} -> {row['object']}): endpoint "
                    f"{gone[0]} is not in the graph; {len(rows) - written} of this batch's "
                    f"{len(rows)} edges could not be written (load the nodes first)"
                )
    raise StoreError(f"{written} of {len(rows)} rows written by: {statement[:80]}…")
