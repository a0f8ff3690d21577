"""CURIEs, IRIs, content-hash ids and the closed graph schema."""

import pytest

from kg.ids import compress, edge_id, expand, normalize_curie
from kg.model import EntityType, Qualifiers, Sign
from kg.schema import load_schema


@pytest.mark.parametrize(
    ("raw", "etype", "expected"),
    [
        ("D008545", "Disease", "MESH:D008545"),
        ("MESH:C582435", "Chemical", "MESH:C582435"),
        ("CVCL_B288", "CellLine", "cellosaurus:CVCL_B288"),
        ("cellosaurus:4358", "CellLine", "cellosaurus:CVCL_4358"),
        ("340061", "Gene", "NCBIGene:340061"),
        ("10090", "Species", "NCBITaxon:10090"),
        ("OMIM:601", "Disease", "OMIM:601"),
    ],
)
def test_normalize_curie(raw, etype, expected):
    assert normalize_curie(raw, etype) == expected


def test_normalize_curie_rejects_empty_and_bare_numbers():
    for raw in ("", "-", "-1"):
        with pytest.raises(ValueError):
            normalize_curie(raw, "Gene")
    with pytest.raises(ValueError, match="entity type"):
        normalize_curie("123")


def test_expand_and_compress_round_trip():
    for curie in (
        "NCBIGene:340061",
        "MESH:D008545",
        "cellosaurus:CVCL_B288",
        "PMID:1",
        "wikipathways:WP4961",
        "irkg:FLASH_radiotherapy",
    ):
        assert compress(expand(curie)) == curie
    with pytest.raises(ValueError):
        expand("NOPE:1")


def test_edge_id_depends_on_content_only():
    q = Qualifiers(sign=Sign.POSITIVE)
    a = edge_id("NCBIGene:1", "biolink:affects", "NCBIGene:2", q)
    assert a == edge_id(
        "NCBIGene:1", "biolink:affects", "NCBIGene:2", Qualifiers(sign=Sign.POSITIVE)
    )
    assert a != edge_id(
        "NCBIGene:1", "biolink:affects", "NCBIGene:2", Qualifiers(sign=Sign.NEGATIVE)
    )
    assert len(a) == 16


def test_schema_is_closed_and_consistent():
    schema = load_schema()
    assert schema.labels("biolink:Drug") == ("NamedThing", "ChemicalEntity", "Drug")
    assert schema.relationship_type("biolink:affects") == "AFFECTS"
    assert schema.default_category(EntityType.CHEMICAL) == "biolink:ChemicalEntity"
    assert set(schema.path_types) <= {p.type for p in schema.predicates.values()}
    with pytest.raises(ValueError, match="unknown predicate"):
        schema.predicate("biolink:eats")


def test_normalize_curie_rejects_malformed_local_ids():
    for raw in ("214763(Tax:", "MESH:D00 1", "NCBIGene:"):
        with pytest.raises(ValueError):
            normalize_curie(raw, "Gene")
