"""The shared Cypher statements: built from the closed schema only, batched by bytes."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.loaders.cypher import (
    EVIDENCE_LABEL,
    IndexSpec,
    Write,
    batches,
    edge_statement,
    edge_writes,
    index_specs,
    node_labels,
    node_statement,
    node_writes,
    row_size,
)
from kg.schema import load_schema


def test_every_label_gets_id_and_name_indexes():
    schema = load_schema()
    specs = set(index_specs(schema))
    for label in node_labels(schema):
        assert IndexSpec(label, "id") in specs
        assert IndexSpec(label, "name") in specs
    assert IndexSpec(EVIDENCE_LABEL, "edge_id") in specs
    assert not [s for s in specs if s.relationship]  # edges are reached from their endpoints
    assert IndexSpec("Gene", "id").statement == "CREATE INDEX FOR (n:Gene) ON (n.id)"
    assert (
        IndexSpec("AFFECTS", "id", relationship=True).statement
        == "CREATE INDEX FOR ()-[r:AFFECTS]-() ON (r.id)"
    )


def test_statements_take_labels_from_the_schema_and_values_as_parameters(demo):
    schema = load_schema()
    writes = list(node_writes(demo.nodes, schema))
    drug = next(w for w in writes if w.row["id"] == "MESH:C582435")
    assert drug.statement == (
        "UNWIND $rows AS row MERGE (n:NamedThing {id: row.id}) SET n:ChemicalEntity:Drug "
        "SET n += row.props RETURN count(n) AS written"
    )
    assert drug.row["props"]["name"] == "pembrolizumab"
    for write in [*writes, *edge_writes(demo.edges, schema)]:
        for value in write.row.values():
            if isinstance(value, str):
                assert value not in write.statement  # no value is ever part of the text


@pytest.mark.parametrize("bad", ["Gene`) DETACH DELETE n //", "Gene Drug", "", "1Gene", "a-b"])
def test_labels_and_types_outside_the_identifier_pattern_are_refused(bad):
    with pytest.raises(ValueError, match="identifier"):
        node_statement(("NamedThing", bad))
    with pytest.raises(ValueError, match="identifier"):
        edge_statement(bad)
    with pytest.raises(ValueError, match="identifier"):
        _ = IndexSpec(bad, "id").statement


def test_unknown_predicates_and_categories_fail_loudly(demo):
    from dataclasses import replace

    bad_edge = replace(demo.edges[0], predicate="biolink:nonsense")
    with pytest.raises(ValueError, match="unknown predicate"):
        list(edge_writes([bad_edge]))


rows = st.lists(st.tuples(st.sampled_from(["A", "B", "C"]), st.text(max_size=40)), max_size=60)


@given(rows, st.integers(min_value=1, max_value=400))
def test_batches_keep_every_row_once_in_order_and_within_the_byte_budget(items, max_bytes):
    writes = [Write(stmt, {"id": i, "v": text}) for i, (stmt, text) in enumerate(items)]
    out = list(batches(writes, max_bytes))
    seen = [row["id"] for _, batch in out for row in batch]
    assert sorted(seen) == list(range(len(items)))
    for statement, batch in out:
        assert batch and all(items[row["id"]][0] == statement for row in batch)
        ids = [row["id"] for row in batch]
        assert ids == sorted(ids)
        if len(batch) > 1:
            assert sum(row_size(r) for r in batch) <= max_bytes


def test_batches_refuse_a_nonpositive_budget():
    with pytest.raises(ValueError):
        list(batches([], 0))
