"""The embedded writer: bulk and MERGE loads give the tables back; reloads change nothing."""

from collections import Counter
from dataclasses import replace

import pytest

from kg.assemble.tables import write_tables
from kg.errors import ConfigError, StoreError
from kg.loaders import load, open_store, store_status
from kg.loaders.cypher import index_specs
from kg.loaders.properties import edge_props, evidence_props, node_props
from kg.schema import load_schema


def _expected_counts(demo):
    schema = load_schema()
    labels = Counter(label for n in demo.nodes for label in schema.labels(n.category))
    labels["Evidence"] = len(demo.evidence)
    types = Counter(schema.relationship_type(e.predicate) for e in demo.edges)
    return dict(labels), dict(types)


def _strip(props):
    return {k: v for k, v in props.items() if not k.startswith("_")}


def _graph_contents(build):
    with open_store(build) as store:
        nodes = {
            r["n"]["id"]: (sorted(r["n"]["_labels"]), _strip(r["n"]))
            for r in store.query("MATCH (n:NamedThing) RETURN n")
        }
        edges = {
            r["r"]["id"]: (r["s"], r["r"]["_type"], r["o"], _strip(r["r"]))
            for r in store.query("MATCH (s)-[r]->(o) RETURN s.id AS s, r, o.id AS o")
        }
        evidence = {
            r["e"]["id"]: _strip(r["e"]) for r in store.query("MATCH (e:Evidence) RETURN e")
        }
    return nodes, edges, evidence


def _assert_graph_equals_tables(build, demo):
    schema = load_schema()
    nodes, edges, evidence = _graph_contents(build)
    assert nodes == {
        n.id: (sorted(schema.labels(n.category)), {"id": n.id, **node_props(n)}) for n in demo.nodes
    }
    assert edges == {
        e.id: (
            e.subject,
            schema.relationship_type(e.predicate),
            e.object,
            {"id": e.id, **edge_props(e)},
        )
        for e in demo.edges
    }
    assert evidence == {ev.id: {"id": ev.id, **evidence_props(ev)} for ev in demo.evidence}
    with open_store(build) as store:
        assert store.counts() == _expected_counts(demo)


@pytest.mark.parametrize("mode", ["bulk", "merge"])
def test_a_load_gives_back_every_node_edge_and_evidence_row(fresh_build, demo, mode):
    report = load(fresh_build, to="embedded", mode=mode)
    assert (report.nodes, report.edges, report.evidence) == (
        len(demo.nodes),
        len(demo.edges),
        len(demo.evidence),
    )
    _assert_graph_equals_tables(fresh_build, demo)


def test_loading_the_same_tables_twice_is_a_no_op(fresh_build, demo):
    load(fresh_build, to="embedded")
    before = _graph_contents(fresh_build)
    again = load(fresh_build, to="embedded")
    assert (again.nodes, again.edges, again.evidence) == (0, 0, 0)
    assert any("already holds these tables" in note for note in again.notes)
    assert _graph_contents(fresh_build) == before


def test_merging_twice_changes_nothing(fresh_build, demo):
    load(fresh_build, to="embedded", mode="merge")
    first = _graph_contents(fresh_build)
    load(fresh_build, to="embedded", mode="merge")
    assert _graph_contents(fresh_build) == first
    _assert_graph_equals_tables(fresh_build, demo)


def test_indexes_and_unique_constraints_exist_after_either_mode(fresh_build):
    for mode in ("bulk", "merge"):
        load(fresh_build, to="embedded", mode=mode)
        with open_store(fresh_build) as store:
            indexed = {
                (r["label"], p)
                for r in store.query(
                    "CALL db.indexes() YIELD label, properties, status "
                    "RETURN label, properties, status"
                )
                for p in r["properties"]
                if r["status"] == "OPERATIONAL"
            }
            constraints = store.query(
                "CALL db.constraints() YIELD label, status RETURN label, status"
            )
        assert indexed == {(spec.label, spec.property) for spec in index_specs()}
        assert {(c["label"], c["status"]) for c in constraints} == {
            ("NamedThing", "OPERATIONAL"),
            ("Evidence", "OPERATIONAL"),
        }


@pytest.mark.parametrize("mode", ["bulk", "merge"])
def test_an_edge_to_a_missing_node_fails_and_names_it(tmp_path, demo, mode):
    build = tmp_path / "b"
    dangling = replace(demo.edges[0], id="dangling", object="NCBIGene:999999999")
    write_tables(build, demo.nodes, (*demo.edges, dangling), demo.evidence)
    with pytest.raises(StoreError, match="NCBIGene:999999999"):
        load(build, to="embedded", mode=mode)
    assert not store_status(build).running  # the command's server was stopped all the same


def test_a_failed_bulk_load_leaves_the_previous_graph_in_place(fresh_build, demo):
    load(fresh_build, to="embedded")
    before = _graph_contents(fresh_build)
    dangling = replace(demo.edges[0], id="dangling", object="NCBIGene:999999999")
    write_tables(fresh_build, demo.nodes[:3], (*demo.edges, dangling), ())
    with pytest.raises(StoreError):
        load(fresh_build, to="embedded")
    assert _graph_contents(fresh_build) == before
    with open_store(fresh_build) as store:
        assert not store.connection.exists("irkg:loading")  # no half-built graph left behind


def test_user_text_reaches_queries_only_as_parameters(loaded_demo_build):
    with open_store(loaded_demo_build) as store:
        for name in ("Crohn's disease", "3',5'-cGAMP", "IFNB1"):
            rows = store.query(
                "MATCH (n:NamedThing {name: $name}) RETURN n.id AS id", {"name": name}
            )
            assert len(rows) == 1
        hostile = 'x"}) MATCH (n) DETACH DELETE n //'
        assert store.query("MATCH (n:NamedThing {name: $name}) RETURN n", {"name": hostile}) == []
        assert store.counts()[0]["NamedThing"] == 22


def test_an_unknown_mode_is_a_config_error(fresh_build):
    with pytest.raises(ConfigError, match="mode"):
        load(fresh_build, to="embedded", mode="upsert")


def test_the_writer_also_bulk_loads_records_it_is_handed(fresh_build, demo):
    from kg.loaders.falkordb import FalkorDBWriter

    writer = FalkorDBWriter(fresh_build, mode="bulk")
    try:
        writer.write_nodes(demo.nodes)
        writer.write_edges(demo.edges)
        writer.write_evidence(demo.evidence)
        report = writer.finalize()
    finally:
        writer.close()
    assert (report.nodes, report.edges, report.evidence) == (22, 32, 7)
    _assert_graph_equals_tables(fresh_build, demo)


def test_an_empty_build_loads_into_every_store(tmp_path):
    from kg.loaders import open_rdf_store, sparql_select

    write_tables(tmp_path, [], [], [])
    for store in ("embedded", "rdf", "kgx"):
        report = load(tmp_path, to=store)
        assert (report.nodes, report.edges, report.evidence) == (0, 0, 0)
    with open_store(tmp_path) as store:
        assert store.exists() and store.counts() == ({}, {})
    rows = sparql_select(open_rdf_store(tmp_path), "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")
    assert rows == [{"n": 0}]


def test_a_nul_character_is_refused_with_table_and_field(tmp_path, demo):
    from kg.errors import InputError

    bad = replace(demo.nodes[0], description="binary\x00junk")
    write_tables(tmp_path, (bad, *demo.nodes[1:]), demo.edges, demo.evidence)
    with pytest.raises(InputError, match=r"nodes\.parquet:description: .*NUL"):
        load(tmp_path, to="embedded")


def _server_starts(build):
    log = build / "falkordb" / "redis.log"
    return log.read_text().count("Ready to accept connections") if log.exists() else 0


def test_a_repeated_load_is_decided_without_starting_a_server(fresh_build):
    from kg.loaders import store_start, store_stop

    load(fresh_build, to="embedded")  # a server for the duration of the command
    starts = _server_starts(fresh_build)
    assert load(fresh_build, to="embedded").edges == 0
    assert _server_starts(fresh_build) == starts
    store_start(fresh_build)  # a warm server that changes nothing, then saves again on stop
    store_stop(fresh_build)
    starts = _server_starts(fresh_build)
    assert load(fresh_build, to="embedded").edges == 0
    assert _server_starts(fresh_build) == starts
    store_start(fresh_build)  # a write makes the record stale: the server is asked again
    with open_store(fresh_build) as store:
        store.write("CREATE (:NamedThing {id: 'irkg:extra', name: 'extra'})")
    store_stop(fresh_build)
    starts = _server_starts(fresh_build)
    load(fresh_build, to="embedded")
    assert _server_starts(fresh_build) == starts + 1
