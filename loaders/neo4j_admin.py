"""CSV files for ``neo4j-admin database import full``, and the exact command that imports them.

Offline bulk import is the fast way into an empty Neo4j database. Files (typed headers):

``nodes.csv``     ``id:ID(NamedThing)``, ``:LABEL``, ``name:string``, ``synonyms:string[]``, …
``evidence.csv``  ``id:ID(Evidence)``, ``:LABEL``, ``edge_id:string``, ``sentence:string``, …
``edges.csv``     ``:START_ID(NamedThing)``, ``:END_ID(NamedThing)``, ``:TYPE``, ``id:string``,
                  ``belief:double``, ``publications:string[]``, …
``schema.cypher`` the constraints and indexes to create afterwards (``cypher-shell -f``)

The properties and labels are exactly those the Bolt writers set (``kg.loaders.properties``,
``kg.schema``), so an imported database answers the same queries.

Quoting follows neo4j-admin's default rules, which Python's ``csv`` module writes: a field with
a comma, a double quote or a line break is quoted, and quotes inside are doubled (backslashes
are ordinary characters; ``--legacy-style-quoting`` stays off). Line breaks inside values need
``--multiline-fields=true``. neo4j-admin has no escape for the array delimiter, so irkg uses the
ASCII unit separator U+001F, which text does not contain, and refuses a value that does (named
by record and field) instead of splitting it silently. Absent values are empty, unquoted fields,
which neo4j-admin imports as "no property", as the Bolt writers do.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.assemble.tables import iter_edges, iter_evidence, iter_nodes
from kg.errors import InputError
from kg.loaders.cypher import EVIDENCE_LABEL, index_specs
from kg.loaders.neo4j_bolt import constraint_statements
from kg.loaders.properties import (
    BOOLEAN,
    DOUBLE,
    EDGE_PROPS,
    EVIDENCE_PROPS,
    NODE_PROPS,
    Prop,
    edge_props,
    evidence_props,
    node_props,
)
from kg.schema import load_schema

ARRAY_DELIMITER = "\x1f"
ARRAY_DELIMITER_ARG = "U+001F"
NODE_SPACE = "NamedThing"
CSV_OPTIONS: dict[str, Any] = {
    "delimiter": ",",
    "quotechar": '"',
    "doublequote": True,
    "quoting": csv.QUOTE_MINIMAL,
    "lineterminator": "\n",
}


@dataclass
class Neo4jImport:
    """What ``export_neo4j_csv`` wrote and how to import it."""

    folder: Path
    files: dict[str, Path]
    counts: dict[str, int]
    command: list[str]
    notes: list[str] = field(default_factory=list)


def _header(props: tuple[Prop, ...]) -> list[str]:
    return [f"{p.name}:{p.type}" for p in props]


def _cell(record_id: str, prop: Prop, value: Any) -> str:
    if value is None:
        return ""
    if prop.is_list:
        for item in value:
            if ARRAY_DELIMITER in item:
                raise InputError(record_id, prop.name, "value contains U+001F (array delimiter)")
        return ARRAY_DELIMITER.join(value)
    if prop.type == BOOLEAN:
        return "true" if value else "false"
    if prop.type == DOUBLE:
        return repr(float(value))
    return str(value)


def _rows(
    records: Iterable[Any], props: tuple[Prop, ...], head: Any, to_props: Any
) -> Iterator[list[str]]:
    for record in records:
        values = to_props(record)
        yield [*head(record), *(_cell(record.id, p, values.get(p.name)) for p in props)]


def _write_csv(path: Path, header: list[str], rows: Iterable[list[str]]) -> int:
    tmp = path.with_name(path.name + ".tmp")
    count = 0
    with open(tmp, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, **CSV_OPTIONS)
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            count += 1
    tmp.replace(path)
    return count


def import_command(files: dict[str, Path], database: str = "neo4j") -> list[str]:
    """The argv of ``neo4j-admin database import full`` for these files (no shell involved)."""
    return [
        "neo4j-admin",
        "database",
        "import",
        "full",
        database,
        f"--nodes={files['nodes'].resolve()}",
        f"--nodes={files['evidence'].resolve()}",
        f"--relationships={files['edges'].resolve()}",
        "--delimiter=,",
        f"--array-delimiter={ARRAY_DELIMITER_ARG}",
        '--quote="',
        "--multiline-fields=true",
        "--id-type=string",
    ]


def schema_statements() -> list[str]:
    """Constraints first (they bring the id indexes), then the other shared indexes."""
    covered = {("NamedThing", "id"), (EVIDENCE_LABEL, "id")}
    indexes = [
        s.statement for s in index_specs() if s.relationship or (s.label, s.property) not in covered
    ]
    return [*constraint_statements(), *indexes]


def export_neo4j_csv(build: Path, out: Path, *, database: str = "neo4j") -> Neo4jImport:
    """Write the import CSVs of a build into ``out`` and return the import command."""
    schema = load_schema()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    files = {
        "nodes": out / "nodes.csv",
        "evidence": out / "evidence.csv",
        "edges": out / "edges.csv",
        "schema": out / "schema.cypher",
    }
    counts = {
        "nodes": _write_csv(
            files["nodes"],
            [f"id:ID({NODE_SPACE})", ":LABEL", *_header(NODE_PROPS)],
            _rows(
                iter_nodes(build),
                NODE_PROPS,
                lambda n: (n.id, ARRAY_DELIMITER.join(schema.labels(n.category))),
                node_props,
            ),
        ),
        "evidence": _write_csv(
            files["evidence"],
            [f"id:ID({EVIDENCE_LABEL})", ":LABEL", *_header(EVIDENCE_PROPS)],
            _rows(
                iter_evidence(build),
                EVIDENCE_PROPS,
                lambda e: (e.id, EVIDENCE_LABEL),
                evidence_props,
            ),
        ),
        "edges": _write_csv(
            files["edges"],
            [
                f":START_ID({NODE_SPACE})",
                f":END_ID({NODE_SPACE})",
                ":TYPE",
                "id:string",
                *_header(EDGE_PROPS),
            ],
            _rows(
                iter_edges(build),
                EDGE_PROPS,
                lambda e: (e.subject, e.object, schema.relationship_type(e.predicate), e.id),
                edge_props,
            ),
        ),
    }
    files["schema"].write_text(";\n".join(schema_statements()) + ";\n", encoding="utf-8")
    return Neo4jImport(
        out,
        files,
        counts,
        import_command(files, database),
        notes=[f"then create indexes: cypher-shell -d {database} -f {files['schema'].resolve()}"],
    )
