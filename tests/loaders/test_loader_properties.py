"""Stored properties: only declared names, values of the declared type, empty values left out."""

import pytest

from kg.loaders.properties import (
    BOOLEAN,
    DOUBLE,
    EDGE_PROPS,
    EVIDENCE_PROPS,
    LONG,
    NODE_PROPS,
    STRING,
    STRINGS,
    edge_props,
    evidence_props,
    node_props,
)

TYPES = {STRING: str, LONG: int, DOUBLE: float, BOOLEAN: bool}


def _check(props, declared):
    kinds = {p.name: p.type for p in declared}
    for name, value in props.items():
        assert name in kinds, name
        if kinds[name] == STRINGS:
            assert value and all(isinstance(v, str) for v in value), (name, value)
        else:
            assert type(value) is TYPES[kinds[name]], (name, value)
            assert value != "", name


@pytest.mark.parametrize(
    ("records", "to_props", "declared"),
    [
        ("nodes", node_props, NODE_PROPS),
        ("edges", edge_props, EDGE_PROPS),
        ("evidence", evidence_props, EVIDENCE_PROPS),
    ],
)
def test_props_are_declared_typed_and_never_empty(demo, records, to_props, declared):
    for record in getattr(demo, records):
        _check(to_props(record), declared)


def test_direction_follows_sign_and_zero_counts_are_kept(demo):
    chain = demo.edge("NCBIGene:29110", "biolink:affects", "NCBIGene:29126", sign=-1)
    props = edge_props(chain)
    assert props["sign"] == -1 and props["direction"] == "decreased"
    assert props["negated_count"] == 0 and "pathway" not in props and "npmi" not in props
    member = demo.edge("NCBIGene:340061", "biolink:participates_in", "irkg:cGAS_STING_pathway")
    assert "direction" not in edge_props(member) and edge_props(member)["sign"] == 0
