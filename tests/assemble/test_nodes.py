"""The node builder: lexicon first, curated fallbacks, Drug category, taxa and in_taxon edges."""

from curated_fixtures import curated_lexicon

from kg.assemble.nodes import MAX_SYNONYMS, NodeBuilder, read_curated_nodes
from kg.model import EntityType, Node

MC38 = "cellosaurus:CVCL_B288"


def _nodes(result):
    return {n.id: n for n in result.nodes}


def test_mc38_is_a_mouse_cell_line_with_an_in_taxon_edge():
    builder = NodeBuilder(curated_lexicon(), fallbacks=read_curated_nodes())
    result = builder.build([MC38])
    nodes = _nodes(result)
    assert nodes[MC38].category == "biolink:CellLine"
    assert nodes[MC38].taxon == "NCBITaxon:10090"
    assert nodes[MC38].name == "MC-38"
    assert nodes["NCBITaxon:10090"].category == "biolink:OrganismTaxon"
    assert nodes["NCBITaxon:10090"].name == "Mus musculus"
    (edge,) = result.edges
    assert (edge.subject, edge.predicate, edge.object) == (
        MC38,
        "biolink:in_taxon",
        "NCBITaxon:10090",
    )
    assert edge.sources and edge.license


def test_mc38_from_the_curated_table_without_a_lexicon():
    nodes = _nodes(NodeBuilder(None, fallbacks=read_curated_nodes()).build([MC38]))
    assert nodes[MC38].taxon == "NCBITaxon:10090"
    assert "MC38" in nodes[MC38].synonyms


def test_lexicon_names_win_and_synonyms_are_bounded():
    fallback = Node("NCBIGene:340061", "biolink:Gene", "stale name", synonyms=("TMEM173",))
    builder = NodeBuilder(curated_lexicon(), fallbacks=[fallback])
    node = _nodes(builder.build(["NCBIGene:340061"]))["NCBIGene:340061"]
    assert node.name == "STING1"
    assert len(node.synonyms) == MAX_SYNONYMS
    assert node.xrefs == ("HGNC:27962", "Ensembl:ENSG00000184584")
    assert node.taxon == "NCBITaxon:9606"
    assert node.sources[:2] == ("hgnc", "ncbi_gene")


def test_chemicals_with_targets_are_drugs():
    builder = NodeBuilder(curated_lexicon(), drugs={"MESH:C582435"})
    nodes = _nodes(builder.build(["MESH:C582435", "MESH:C584311"]))
    assert nodes["MESH:C582435"].category == "biolink:Drug"
    assert nodes["MESH:C584311"].category == "biolink:ChemicalEntity"


def test_type_hints_prefixes_and_unknowns_are_reported():
    builder = NodeBuilder(None, labels={"MESH:D008545": "melanoma"})
    result = builder.build(
        ["MESH:D008545", "MESH:D999999", "wikipathways:WP4961", "PMID:123"],
        type_hints={"MESH:D008545": EntityType.DISEASE},
    )
    nodes = _nodes(result)
    assert nodes["MESH:D008545"].category == "biolink:Disease"
    assert nodes["MESH:D008545"].name == "melanoma"
    assert nodes["wikipathways:WP4961"].category == "biolink:Pathway"
    assert nodes["PMID:123"].category == "biolink:Publication"
    assert result.report.uncategorised == ("MESH:D999999",)  # no lexicon, no hint: no guess
    assert result.report.unnamed == ("wikipathways:WP4961",)
    assert "1 without a category" in "\n".join(result.report.lines())


def test_nodes_are_sorted_and_deterministic():
    curies = ["NCBIGene:5133", MC38, "MESH:C582435"]
    builder = NodeBuilder(curated_lexicon(), fallbacks=read_curated_nodes())
    first = builder.build(curies)
    second = builder.build(reversed(curies))
    assert first == second
    assert [n.id for n in first.nodes] == sorted(n.id for n in first.nodes)
