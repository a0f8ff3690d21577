"""neo4j-admin CSVs: parsed back with neo4j-admin's quoting rules, they equal the tables."""

import csv
from dataclasses import replace

import pytest

from kg.assemble.tables import write_tables
from kg.errors import InputError
from kg.loaders import export_neo4j_csv
from kg.loaders.neo4j_admin import ARRAY_DELIMITER, CSV_OPTIONS
from kg.loaders.properties import edge_props, evidence_props, node_props
from kg.schema import load_schema


def _typed(header: str, value: str):
    """A field as neo4j-admin reads it: empty = no property; typed by the header."""
    name, _, kind = header.partition(":")
    if value == "":
        return name, None
    if kind.endswith("[]"):
        return name, value.split(ARRAY_DELIMITER)
    if kind == "long":
        return name, int(value)
    if kind == "double":
        return name, float(value)
    if kind == "boolean":
        return name, {"true": True, "false": False}[value]
    return name, value


def _read(path):
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(
            handle, **{k: v for k, v in CSV_OPTIONS.items() if k != "lineterminator"}
        )
        header = next(reader)
        return header, list(reader)


def _props(header, row, skip):
    pairs = [_typed(h, v) for h, v in zip(header, row, strict=True)][skip:]
    return {name: value for name, value in pairs if value is not None}


def test_the_csvs_parse_back_to_the_tables(demo_tables, demo, tmp_path):
    result = export_neo4j_csv(demo_tables, tmp_path / "import")
    schema = load_schema()
    assert result.counts == {"nodes": 22, "evidence": 7, "edges": 32}

    header, rows = _read(result.files["nodes"])
    assert header[:3] == ["id:ID(NamedThing)", ":LABEL", "name:string"]
    assert "synonyms:string[]" in header
    nodes = {row[0]: (row[1].split(ARRAY_DELIMITER), _props(header, row, 2)) for row in rows}
    assert nodes == {n.id: (list(schema.labels(n.category)), node_props(n)) for n in demo.nodes}
    assert nodes["MESH:D003424"][1]["name"] == "Crohn's disease"
    assert nodes["MESH:C584311"][1]["name"] == "3',5'-cGAMP"
    assert "IFN-β" in nodes["NCBIGene:3456"][1]["synonyms"]

    header, rows = _read(result.files["edges"])
    assert header[:4] == [":START_ID(NamedThing)", ":END_ID(NamedThing)", ":TYPE", "id:string"]
    assert "belief:double" in header and "publications:string[]" in header
    edges = {row[3]: (row[0], row[1], row[2], _props(header, row, 4)) for row in rows}
    assert edges == {
        e.id: (e.subject, e.object, schema.relationship_type(e.predicate), edge_props(e))
        for e in demo.edges
    }

    header, rows = _read(result.files["evidence"])
    evidence = {row[0]: _props(header, row, 2) for row in rows}
    assert {row[1] for row in rows} == {"Evidence"}
    assert evidence == {ev.id: evidence_props(ev) for ev in demo.evidence}


def test_the_command_is_an_argv_list_naming_every_file(demo_tables, tmp_path):
    result = export_neo4j_csv(demo_tables, tmp_path / "import", database="irkg")
    argv = result.command
    assert argv[:5] == ["neo4j-admin", "database", "import", "full", "irkg"]
    assert f"--nodes={result.files['nodes'].resolve()}" in argv
    assert f"--nodes={result.files['evidence'].resolve()}" in argv
    assert f"--relationships={result.files['edges'].resolve()}" in argv
    assert "--array-delimiter=U+001F" in argv and "--multiline-fields=true" in argv
    schema = result.files["schema"].read_text()
    assert "REQUIRE n.id IS UNIQUE" in schema and "CREATE INDEX FOR (n:Gene) ON (n.name)" in schema


def test_a_value_holding_the_array_delimiter_is_refused_not_split(tmp_path, demo):
    build = tmp_path / "b"
    bad = replace(demo.nodes[0], synonyms=("cGAS", "odd\x1fvalue"))
    write_tables(build, (bad, *demo.nodes[1:]), demo.edges, demo.evidence)
    with pytest.raises(InputError, match="synonyms") as caught:
        export_neo4j_csv(build, tmp_path / "out")
    assert bad.id in str(caught.value)
