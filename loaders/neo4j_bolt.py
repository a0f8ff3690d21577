"""Neo4j over Bolt with the official driver, running the same Cypher as the embedded store.

Connection: ``NEO4J_URI``, ``NEO4J_USER``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE`` (read once by
``kg.settings``), or a YAML config file with ``uri``, ``user``, ``database`` and optionally
``password_file`` (a file holding the password). The password is never an option and never
appears in a message: errors are scrubbed of it and of any credentials in the URI.

Order of work: uniqueness constraints (Neo4j's own ``CREATE CONSTRAINT … IF NOT EXISTS``, which
also gives ``NamedThing.id``/``Evidence.id`` their index), then the shared index statements
(an equivalent index that exists already is fine), ``db.awaitIndexes``, then ``UNWIND $rows …
MERGE`` batches sized by bytes. Each batch is a managed transaction (``execute_write``), which
the driver retries on transient errors (deadlocks, leader switches, lost connections). MERGE on
ids makes a second load of the same tables change nothing.

A caller may pass its own ``driver=`` (kept open afterwards). ``neo4j_schema=False`` skips the
Neo4j-only commands (constraints, ``db.awaitIndexes``) so the
same writer can drive FalkorDB's experimental Bolt listener in tests.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from kg.errors import ConfigError, StoreError
from kg.loaders.base import LoadReport
from kg.loaders.cypher import (
    UNIQUE_IDS,
    IndexSpec,
    edge_writes,
    evidence_writes,
    index_specs,
    node_writes,
)
from kg.loaders.cypher_load import create_indexes, write_all
from kg.model import Edge, Evidence, Node
from kg.settings import Secret, load_settings

# Index creation that found an equivalent index or constraint already there.
_ALREADY_THERE = (
    "EquivalentSchemaRuleAlreadyExists",
    "IndexAlreadyExists",
    "ConstraintAlreadyExists",
)


@dataclass(frozen=True)
class Neo4jConnection:
    """Where and as whom to connect; ``password`` is a ``Secret`` and is never shown."""

    uri: str = field(repr=False)
    user: str = "neo4j"
    password: Secret = field(default_factory=lambda: Secret(""), repr=False)
    database: str | None = "neo4j"  # None: the server's default database

    def __repr__(self) -> str:
        return f"Neo4jConnection(uri={self.safe_uri!r}, user={self.user!r}, db={self.database!r})"

    @classmethod
    def from_settings(cls) -> Neo4jConnection:
        s = load_settings().neo4j
        if not s.uri:
            raise ConfigError("NEO4J_URI is not set (or pass a config file with a uri)")
        return cls(s.uri, s.user, s.password, s.database)

    @classmethod
    def from_config(cls, path: Path) -> Neo4jConnection:
        """A YAML file: uri, user, database, password_file (else NEO4J_PASSWORD is used)."""
        import yaml

        try:
            raw = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise ConfigError(f"{path}: cannot read Neo4j config: {exc}") from exc
        if not isinstance(raw, dict) or not raw.get("uri"):
            raise ConfigError(f"{path}: a Neo4j config needs at least `uri:`")
        if "password" in raw:
            raise ConfigError(f"{path}: keep the password out of the config (password_file:)")
        env = load_settings().neo4j
        password = env.password
        if raw.get("password_file"):
            secret_path = Path(raw["password_file"]).expanduser()
            try:
                password = Secret(secret_path.read_text(encoding="utf-8").strip())
            except OSError as exc:
                raise ConfigError(f"{secret_path}: cannot read password file: {exc}") from exc
        return cls(
            str(raw["uri"]),
            str(raw.get("user", env.user)),
            password,
            str(raw.get("database", env.database)),
        )

    def scrub(self, text: str) -> str:
        """``text`` without the password or URI credentials (for messages)."""
        secret = self.password.reveal()
        if secret:
            text = text.replace(secret, "***")
        return re.sub(r"(//)[^/@\s]+@", r"\1***@", text)

    @property
    def safe_uri(self) -> str:
        return self.scrub(self.uri)


class BoltRunner:
    """``CypherRunner`` over a Neo4j driver session (managed, retried write transactions)."""

    def __init__(self, driver: Any, connection: Neo4jConnection) -> None:
        self.driver = driver
        self.connection = connection

    def _fail(self, what: str, exc: Exception) -> StoreError:
        return StoreError(
            f"Neo4j at {self.connection.safe_uri}: {what}: {self.connection.scrub(str(exc))}"
        )

    def write_batch(self, statement: str, rows: list[dict[str, Any]]) -> int:
        import neo4j.exceptions

        def work(tx: Any) -> int:
            record = tx.run(statement, rows=rows).single()
            return int(record["written"]) if record else 0

        try:
            with self.driver.session(database=self.connection.database) as session:
                return session.execute_write(work)
        except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError) as exc:
            raise self._fail(f"a batch of {len(rows)} rows failed", exc) from None

    def read(self, statement: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        import neo4j.exceptions

        try:
            with self.driver.session(database=self.connection.database) as session:
                return session.execute_read(
                    lambda tx: [r.data() for r in tx.run(statement, **params)]
                )
        except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError) as exc:
            raise self._fail("a read failed", exc) from None

    def run_schema(self, statement: str) -> bool:
        """Run a schema command; False when an equivalent rule exists already."""
        import neo4j.exceptions

        try:
            with self.driver.session(database=self.connection.database) as session:
                session.run(statement).consume()
        except neo4j.exceptions.ClientError as exc:
            if any(code in (exc.code or "") for code in _ALREADY_THERE):
                return False
            raise self._fail(f"schema command {statement!r} failed", exc) from None
        except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError) as exc:
            raise self._fail(f"schema command {statement!r} failed", exc) from None
        return True

    create_index = run_schema


def constraint_statements() -> tuple[str, ...]:
    """Neo4j's uniqueness constraints (named, idempotent); FalkorDB has no Cypher form."""
    return tuple(
        f"CREATE CONSTRAINT irkg_{label.lower()}_id IF NOT EXISTS "
        f"FOR (n:{label}) REQUIRE n.id IS UNIQUE"
        for label in UNIQUE_IDS
    )


def open_driver(connection: Neo4jConnection, **driver_options: Any) -> Any:
    """A connected driver, or StoreError with a message that holds no secret."""
    import neo4j
    import neo4j.exceptions

    auth = (connection.user, connection.password.reveal()) if connection.password else None
    try:
        driver = neo4j.GraphDatabase.driver(connection.uri, auth=auth, **driver_options)
        driver.verify_connectivity()
    except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError, ValueError, OSError) as exc:
        raise StoreError(
            f"cannot connect to Neo4j at {connection.safe_uri} as {connection.user!r}: "
            f"{connection.scrub(str(exc))}"
        ) from None
    return driver


class Neo4jWriter:
    """Writer for a Neo4j database (idempotent MERGE; each batch commits on its own)."""

    name: ClassVar[str] = "neo4j"
    atomic: ClassVar[bool] = False
    idempotent: ClassVar[bool] = True

    def __init__(
        self,
        build: Path | None = None,
        *,
        connection: Neo4jConnection | None = None,
        config: Path | None = None,
        fingerprint: str | None = None,
        max_batch_bytes: int = 1024 * 1024,
        neo4j_schema: bool = True,
        max_retry_s: float = 30.0,
        driver: Any = None,
    ) -> None:
        if connection is None:
            connection = (
                Neo4jConnection.from_config(config) if config else Neo4jConnection.from_settings()
            )
        self.connection = connection
        self.max_batch_bytes = max_batch_bytes
        self.report = LoadReport(store=self.name)
        self._started = time.monotonic()
        self._owns_driver = driver is None
        self.driver = driver or open_driver(connection, max_transaction_retry_time=max_retry_s)
        self.runner = BoltRunner(self.driver, connection)
        try:
            self._prepare_schema(neo4j_schema)
        except BaseException:
            self.close()
            raise

    def _prepare_schema(self, neo4j_schema: bool) -> None:
        specs: Iterable[IndexSpec] = index_specs()
        if neo4j_schema:
            for statement in constraint_statements():
                self.runner.run_schema(statement)
            covered = {(label, "id") for label in UNIQUE_IDS}  # the constraints' own indexes
            specs = [s for s in specs if s.relationship or (s.label, s.property) not in covered]
        created = create_indexes(self.runner, (s.statement for s in specs))
        if neo4j_schema:
            self.runner.run_schema("CALL db.awaitIndexes(600)")
        self.report.notes.append(f"{created} new indexes on {self.connection.safe_uri}")

    def write_nodes(self, nodes: Iterable[Node]) -> int:
        n = write_all(self.runner, node_writes(nodes), self.max_batch_bytes)
        self.report.nodes += n
        return n

    def write_edges(self, edges: Iterable[Edge]) -> int:
        n = write_all(self.runner, edge_writes(edges), self.max_batch_bytes)
        self.report.edges += n
        return n

    def write_evidence(self, evidence: Iterable[Evidence]) -> int:
        n = write_all(self.runner, evidence_writes(evidence), self.max_batch_bytes)
        self.report.evidence += n
        return n

    def finalize(self) -> LoadReport:
        self.close()
        self.report.seconds = time.monotonic() - self._started
        return self.report

    def close(self) -> None:
        """Close the driver, unless the caller passed in its own."""
        if self._owns_driver:
            self.driver.close()
