"""Human <-> mouse orthology edges from the lexicon and the curated table."""

import pytest
from curated_fixtures import ORTHOLOGS

from kg.assemble.orthology import orthology_edges, read_mouse_orthologs
from kg.errors import InputError

STING1, STING1_MOUSE = "NCBIGene:340061", "NCBIGene:72512"


def test_curated_table_pairs_chain_genes_with_mouse_genes():
    rows = {r.human_symbol: r for r in read_mouse_orthologs()}
    assert rows["STING1"].mouse == STING1_MOUSE
    assert rows["CGAS"].mouse == "NCBIGene:214763"
    assert rows["PDCD1"].mgi == "MGI:104879"
    assert {"TBK1", "IRF3", "IFNB1", "CD274", "CTLA4"} <= set(rows)


def test_a_pair_in_both_sources_is_one_edge_with_both_sources():
    result = orthology_edges(ORTHOLOGS, read_mouse_orthologs(), genes={STING1})
    (edge,) = [e for e in result.edges if e.subject == STING1]
    assert edge.object == STING1_MOUSE
    assert edge.predicate == "biolink:orthologous_to"
    assert set(edge.sources) >= {"hgnc", "ontology/mouse_orthologs.tsv"}
    assert edge.license == "CC0-1.0"
    assert result.merged == 1
    assert len(result.edges) == 1  # only pairs touching the graph's genes


def test_all_pairs_when_unrestricted():
    result = orthology_edges(ORTHOLOGS, [], genes=None)
    assert {(e.subject, e.object) for e in result.edges} == {(o.human, o.mouse) for o in ORTHOLOGS}
    assert result.pairs_from_lexicon == 3


def test_mouse_gene_in_the_graph_pulls_its_human_ortholog():
    result = orthology_edges(ORTHOLOGS, [], genes={"NCBIGene:18566"})  # mouse Pdcd1
    assert [(e.subject, e.object) for e in result.edges] == [("NCBIGene:5133", "NCBIGene:18566")]


def test_bad_row(tmp_path):
    path = tmp_path / "mouse_orthologs.tsv"
    header = "human\thuman_symbol\thuman_name\thgnc\tmouse\tmouse_symbol\tmouse_name\t"
    header += "mgi\tsources\tlicense"
    path.write_text(header + "\nNCBIGene:1\tA\ta\tHGNC:1\t72512\tB\tb\tMGI:1\tx\tCC0-1.0\n")
    with pytest.raises(
        InputError, match=r"mouse_orthologs.tsv:2: human and mouse must be NCBIGene"
    ):
        read_mouse_orthologs(path)
