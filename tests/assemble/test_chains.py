"""Curated pathway chains: the shipped table is valid, resolvable and walks as a signed path."""

import itertools

import networkx as nx
import pytest

from kg.assemble.chains import chain_edges, chain_nodes, member_labels, read_chains
from kg.assemble.drugcentral import read_curated_drug_targets
from kg.assemble.nodes import NodeBuilder, read_curated_nodes
from kg.assemble.orthology import read_mouse_orthologs
from kg.errors import InputError
from kg.model import Sign

CGAS, CGAMP, STING1, TBK1, IRF3, IFNB1 = (
    "NCBIGene:115004",
    "MESH:C584311",
    "NCBIGene:340061",
    "NCBIGene:29110",
    "NCBIGene:3661",
    "NCBIGene:3456",
)
HEADER = (
    "chain\tchain_name\tstep\tsubject\tsubject_label\tpredicate\tobject\tobject_label\tsign\t"
    "references\tlicense\tnote"
)


def _table(tmp_path, *rows):
    path = tmp_path / "chains.tsv"
    path.write_text("# test chains\n" + HEADER + "\n" + "\n".join(rows) + "\n")
    return path


def _row(step, subject="NCBIGene:1", obj="NCBIGene:2", sign="+", refs="PMID:1", chain="irkg:c"):
    return f"{chain}\tC\t{step}\t{subject}\tA\tbiolink:affects\t{obj}\tB\t{sign}\t{refs}\tCC0-1.0\t"


def _affects_graph(edges):
    graph = nx.DiGraph()
    for e in edges:
        if e.predicate == "biolink:affects":
            graph.add_edge(e.subject, e.object, edge=e)
    return graph


def test_shipped_chains_are_numbered_signed_and_referenced():
    chains = read_chains()
    ids = {c.id for c in chains}
    assert {"irkg:chain_radiation_cgas_sting", "irkg:chain_pd1_checkpoint"} <= ids
    assert {"irkg:chain_ctla4_checkpoint", "irkg:chain_ifn_dc_cd8_priming"} <= ids
    for chain in chains:
        assert [s.step for s in chain.steps] == list(range(1, len(chain.steps) + 1))
        for step in chain.steps:
            assert step.sign in (Sign.POSITIVE, Sign.NEGATIVE)
            assert step.references and step.license
    sting = next(c for c in chains if c.id == "irkg:chain_radiation_cgas_sting")
    assert sting.members[0] == "MESH:D011878"  # starts at radiotherapy
    assert sting.members[-1] == IFNB1
    assert "PMID:23258413" in sting.steps[2].publications  # cGAS -> cGAMP: Sun et al. 2013
    assert "PMID:23258412" in sting.steps[3].publications  # cGAMP -> STING: Wu et al. 2013


def test_cgas_to_ifnb1_is_a_signed_sourced_path():
    graph = _affects_graph(chain_edges(read_chains()))
    path = nx.shortest_path(graph, CGAS, IFNB1)
    assert path == [CGAS, CGAMP, STING1, TBK1, IRF3, IFNB1]
    for a, b in itertools.pairwise(path):
        edge = graph.edges[a, b]["edge"]
        assert edge.qualifiers.sign is Sign.POSITIVE
        assert edge.qualifiers.pathway == "irkg:chain_radiation_cgas_sting"
        assert edge.sources[0] == "ontology/pathway_chains.tsv"
        assert edge.license == "CC0-1.0"
        assert edge.publications or any(s.startswith("wikipathways:") for s in edge.sources)


def test_checkpoint_chains_inhibit_t_cells():
    graph = _affects_graph(chain_edges(read_chains()))
    t_cell = "CL:0000084"
    assert graph.edges["NCBIGene:29126", "NCBIGene:5133"]["edge"].qualifiers.sign is Sign.POSITIVE
    assert graph.edges["NCBIGene:5133", t_cell]["edge"].qualifiers.sign is Sign.NEGATIVE
    path = nx.shortest_path(graph, "NCBIGene:1493", t_cell)  # CTLA4 -| CD80 -> CD28 -> T cell
    signs = [graph.edges[a, b]["edge"].qualifiers.sign for a, b in itertools.pairwise(path)]
    assert signs == [Sign.NEGATIVE, Sign.POSITIVE, Sign.POSITIVE]


def test_every_chain_member_resolves_from_curated_tables_alone():
    chains = read_chains()
    builder = NodeBuilder(
        None,
        fallbacks=[
            *read_curated_nodes(),
            *chain_nodes(chains),
            *(n for row in read_mouse_orthologs() for n in row.nodes()),
        ],
        drugs={d.drug for d in read_curated_drug_targets()},
    )
    members = {m for c in chains for m in c.members} | {c.id for c in chains}
    built = builder.build(members)
    assert built.report.uncategorised == ()
    assert built.report.unnamed == ()
    nodes = {n.id: n for n in built.nodes}
    assert nodes["MESH:D011878"].category == "biolink:Procedure"
    assert nodes["CL:0000451"].category == "biolink:Cell"
    assert nodes[STING1].category == "biolink:Gene"
    assert nodes["irkg:chain_pd1_checkpoint"].category == "biolink:Pathway"
    labels = member_labels(chains)
    for curie in (STING1, TBK1, "CL:0000625"):
        assert nodes[curie].name == labels[curie]


def test_membership_edges_attach_every_member_to_its_chain():
    chains = read_chains()
    edges = chain_edges(chains)
    members = {(e.subject, e.object) for e in edges if e.predicate == "biolink:participates_in"}
    for chain in chains:
        assert {(m, chain.id) for m in chain.members} <= members


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([_row(1), _row(3)], r"chains.tsv:3: chain irkg:c: steps must be numbered 1..n"),
        ([_row(1, sign="x")], r"chains.tsv:3: sign must be one of"),
        ([_row(1, refs="")], r"chains.tsv:3: every step needs at least one reference"),
        ([_row(1, refs="https://x.org")], r"chains.tsv:3: .* is not a CURIE"),
        ([_row(1, obj="bogus:2")], r"chains.tsv:3: 'bogus:2' is not a CURIE with a known prefix"),
        ([_row(1, obj="NCBIGene:1")], r"chains.tsv:3: step 1 has the same subject and object"),
        (
            [_row(1), _row(1, chain="irkg:d"), _row(2)],
            r"chains.tsv:5: rows of chain irkg:c are not consecutive",
        ),
    ],
)
def test_bad_tables_stop_with_file_and_line(tmp_path, rows, message):
    with pytest.raises(InputError, match=message):
        read_chains(_table(tmp_path, *rows))


def test_unknown_predicate_is_rejected(tmp_path):
    row = _row(1).replace("biolink:affects", "biolink:cures")
    with pytest.raises(InputError, match="unknown predicate 'biolink:cures'"):
        read_chains(_table(tmp_path, row))


def test_short_row_is_rejected(tmp_path):
    with pytest.raises(InputError, match=r"chains.tsv:3: expected 12 tab-separated fields"):
        read_chains(_table(tmp_path, "irkg:c\tC\t1"))
