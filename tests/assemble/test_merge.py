"""Merging annotated papers and curated records into nodes, edges and evidence."""

import math
import random

import pytest
from text_papers import CORPUS, ID, paper

from kg.assemble.merge import Assembler, MergePolicy, best_evidence, publication_id
from kg.ids import edge_id
from kg.model import AgentType, Edge, KnowledgeLevel, Node, Qualifiers, Sign
from kg.nlp.relate import relate, relation_pipeline


@pytest.fixture(scope="module")
def corpus():
    nlp = relation_pipeline()
    return [relate(doc, nlp) for doc in CORPUS]


def assemble(docs, **kwargs):
    assembler = Assembler(**kwargs)
    for doc in docs:
        assembler.add_document(doc)
    return assembler.finish()


def edge(assembly, subject, predicate, object, **qualifiers):
    eid = edge_id(subject, predicate, object, Qualifiers(**qualifiers))
    matches = [e for e in assembly.edges if e.id == eid]
    assert matches, f"no edge {subject} {predicate} {object} {qualifiers}"
    return matches[0]


def test_signed_edge_counts_papers_not_sentences(corpus):
    graph = assemble(corpus)
    e = edge(graph, ID["cGAMP"], "biolink:affects", ID["STING"], sign=Sign.POSITIVE)
    assert e.publications == ("PMID:1001", "PMID:1002", "irkg:doc/demo-x")
    assert (e.evidence_count, e.paper_count) == (5, 3)
    assert (e.negated_count, e.hedged_count) == (1, 1)
    assert e.knowledge_level == KnowledgeLevel.KNOWLEDGE_ASSERTION
    assert e.agent_type == AgentType.TEXT_MINING_AGENT
    # 1001 (three sentences) supports with 0.6 once; 1002 is hedged (0.3); demo-x is negated (0)
    assert e.belief == pytest.approx(1 - (1 - 0.6) * (1 - 0.3))
    assert e.best_sentence == "cGAMP activates STING"
    assert e.sources == ("irkg.relations@1",)
    evidence = [v for v in graph.evidence if v.edge_id == e.id]
    assert len(evidence) == 5
    assert {v.trigger for v in evidence} == {"activates", "activated", "activate"}
    for v in evidence:
        assert v.id and v.sentence_start < v.sentence_end
    assert {v.pmid for v in evidence} == {"1001", "1002", None}


def test_belief_ignores_repeated_sentences_in_one_paper(corpus):
    one = assemble(corpus[:1])
    e = edge(one, ID["cGAMP"], "biolink:affects", ID["STING"], sign=Sign.POSITIVE)
    assert e.evidence_count == 3 and e.paper_count == 1
    assert e.belief == pytest.approx(0.6)


def test_co_mention_edges_are_kept_apart_with_npmi(corpus):
    graph = assemble(corpus)
    subject, object = sorted((ID["cGAMP"], ID["STING"]))
    e = edge(graph, subject, "biolink:related_to", object)
    assert e.knowledge_level == KnowledgeLevel.STATISTICAL_ASSOCIATION
    assert e.paper_count == 3 and e.npmi == pytest.approx(1.0)
    subject, object = sorted((ID["TBK1"], ID["IRF3"]))
    e = edge(graph, subject, "biolink:related_to", object)
    # both only in 1001: p(x,y) = p(x) = p(y) = 1/3 -> npmi 1
    assert e.npmi == pytest.approx(1.0)
    subject, object = sorted((ID["pembrolizumab"], ID["melanoma"]))
    e = edge(graph, subject, "biolink:related_to", object)
    p_xy, p_x, p_y = 1 / 3, 1 / 3, 2 / 3
    assert e.npmi == pytest.approx(math.log(p_xy / (p_x * p_y)) / -math.log(p_xy), abs=1e-6)


def test_publications_and_mentions(corpus):
    graph = assemble(corpus)
    nodes = {n.id: n for n in graph.nodes}
    assert nodes["PMID:1001"].category == "biolink:Publication"
    assert nodes["PMID:1001"].name == "cGAMP activates STING"
    assert nodes["irkg:doc/demo-x"].name == "A negative result"
    e = edge(graph, "PMID:1001", "biolink:mentions", ID["STING"])
    assert e.evidence_count == 3 and e.paper_count == 1 and e.belief == pytest.approx(0.9)
    mc38 = nodes[ID["MC38"]]
    assert (mc38.category, mc38.name, mc38.taxon) == (
        "biolink:CellLine",
        "MC38",
        "NCBITaxon:10090",
    )
    assert nodes[ID["SBRT"]].category == "biolink:Procedure"


def test_regimen_qualifier_and_evidence_regimens(corpus):
    graph = assemble(corpus)
    e = edge(graph, ID["SBRT"], "biolink:treats_or_applied_or_studied_to_treat", ID["melanoma"])
    (ev,) = [v for v in graph.evidence if v.edge_id == e.id]
    assert ev.regimens == ("irkg:SBRT 24 Gy/3 fx (8 Gy/fx)",)


def test_order_does_not_matter(corpus):
    a = assemble(corpus)
    shuffled = corpus[:]
    random.Random(7).shuffle(shuffled)
    b = assemble(list(reversed(shuffled)))
    assert a.nodes == b.nodes and a.edges == b.edges and a.evidence == b.evidence


def test_duplicate_evidence_is_merged_and_reported(corpus):
    graph = assemble([corpus[0], corpus[0]])
    e = edge(graph, ID["cGAMP"], "biolink:affects", ID["STING"], sign=Sign.POSITIVE)
    assert e.evidence_count == 3
    assert graph.report.duplicate_evidence > 0
    assert graph.report.examples["duplicate_evidence"]


def test_curated_edge_meets_text(corpus):
    q = Qualifiers(sign=Sign.POSITIVE)
    eid = edge_id(ID["cGAMP"], "biolink:affects", ID["STING"], q)
    curated = Edge(
        eid,
        ID["cGAMP"],
        "biolink:affects",
        ID["STING"],
        q,
        KnowledgeLevel.KNOWLEDGE_ASSERTION,
        AgentType.MANUAL_AGENT,
        sources=("ontology/pathway_chains.tsv",),
        license="CC0-1.0",
        publications=("PMID:23258413",),
    )
    assembler = Assembler()
    for doc in corpus:
        assembler.add_document(doc)
    assembler.add_curated([Node(ID["cGAMP"], "biolink:ChemicalEntity", "2'3'-cGAMP")], [curated])
    graph = assembler.finish()
    e = edge(graph, ID["cGAMP"], "biolink:affects", ID["STING"], sign=Sign.POSITIVE)
    assert e.agent_type == AgentType.MANUAL_AGENT and e.license == "CC0-1.0"
    assert e.sources == ("irkg.relations@1", "ontology/pathway_chains.tsv")
    assert "PMID:23258413" in e.publications and "PMID:1001" in e.publications
    assert e.paper_count == 3 and e.evidence_count == 5 and e.belief == 1.0
    assert graph.report.merged_curated == 1
    assert {n.id: n for n in graph.nodes}[ID["cGAMP"]].name == "2'3'-cGAMP"


def test_curated_nodes_win_over_mentions_and_dangling_edges_are_reported(corpus):
    assembler = Assembler()
    assembler.add_document(corpus[0])
    assert ID["MC38"] in assembler.mentioned()
    assert assembler.type_hints()[ID["MC38"]].value == "CellLine"
    sting = Node(ID["STING"], "biolink:Gene", "STING1", ("STING", "TMEM173"), "NCBITaxon:9606")
    q = Qualifiers()
    stray = Edge(
        edge_id("NCBIGene:1", "biolink:affects", ID["STING"], q),
        "NCBIGene:1",
        "biolink:affects",
        ID["STING"],
        q,
    )
    assembler.add_curated([sting], [stray])
    graph = assembler.finish()
    assert {n.id: n for n in graph.nodes}[ID["STING"]].name == "STING1"
    assert stray.id not in {e.id for e in graph.edges}
    assert graph.report.dangling_edges == 1
    assert "NCBIGene:1" in graph.report.examples["dangling_edges"][0]


def test_curated_node_without_a_name_takes_the_texts(corpus):
    assembler = Assembler()
    assembler.add_document(corpus[0])
    unnamed = Node(ID["TBK1"], "biolink:Gene", ID["TBK1"], taxon="NCBITaxon:9606", sources=("x",))
    assembler.add_curated([unnamed], [])
    node = {n.id: n for n in assembler.finish().nodes}[ID["TBK1"]]
    assert (node.name, node.category, node.taxon) == ("TBK1", "biolink:Gene", "NCBITaxon:9606")
    assert node.sources == ("irkg:mentions", "x")


def test_best_evidence_prefers_asserted(corpus):
    graph = assemble(corpus)
    ev = [v for v in graph.evidence if v.trigger]
    assert not best_evidence(ev).negated


def test_publication_id_and_policy_validation():
    assert publication_id(paper("x1", "t", "a").document) == "irkg:doc/x1"
    assert publication_id(paper("9", "t", "a", pmid="9").document) == "PMID:9"
    with pytest.raises(ValueError, match="hedged_weight"):
        MergePolicy(hedged_weight=2.0)
    with pytest.raises(ValueError, match="prior"):
        MergePolicy(priors={"x": -1.0})
