"""Curated importers on the real ../shared files: the WikiPathways zip and DrugCentral's table.

Fast subsets only (the pathways the chains cite, one read of DrugCentral); the full import of
all 1,020 pathways is timed by bench/curated_bench.py, not here.
"""

import itertools
import re
import zipfile

import pytest
from curated_fixtures import curated_lexicon

from kg.assemble.chains import read_chains
from kg.assemble.drug_targets import drug_target_edges
from kg.assemble.drugcentral import read_curated_drug_targets, read_drugcentral
from kg.assemble.wikipathways import DEMO_PATHWAYS, MemberMapper, import_wikipathways
from kg.assemble.xrefs import XrefIndex, gene_info_pairs
from kg.model import KnowledgeLevel, Sign
from kg.settings import load_settings

VOCAB = load_settings().vocab_dir
pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(VOCAB is None, reason="../shared vocabularies not present"),
]


@pytest.fixture(scope="module")
def index():
    return XrefIndex(gene_info_pairs([VOCAB / "ncbi_gene" / "Homo_sapiens.gene_info.gz"]))


@pytest.fixture(scope="module")
def wp_zip():
    (path,) = sorted((VOCAB / "wikipathways").glob("wikipathways-*-gpml-Homo_sapiens.zip"))
    return path


@pytest.fixture(scope="module")
def cited(index, wp_zip):
    wanted = {p.removeprefix("wikipathways:") for c in read_chains() for s in c.steps
              for p in s.pathways}  # fmt: skip
    return import_wikipathways(
        wp_zip, mapper=MemberMapper(index, curated_lexicon()), pathways=tuple(sorted(wanted))
    )


def test_release_zip_has_all_pathways(wp_zip):
    with zipfile.ZipFile(wp_zip) as archive:
        names = [n for n in archive.namelist() if n.endswith(".gpml")]
    assert len(names) == 1020


def test_every_cited_pathway_contains_both_ends_of_its_steps(cited):
    members = {
        (e.subject, e.object) for e in cited.edges if e.predicate == "biolink:participates_in"
    }
    checked = 0
    for chain in read_chains():
        for step in chain.steps:
            for pathway in step.pathways:
                assert (step.subject, pathway) in members, (step, pathway)
                assert (step.object, pathway) in members, (step, pathway)
                checked += 1
    assert checked >= 14
    assert cited.report.failed == []


def test_sting_pathway_yields_the_signed_chain(cited):
    nodes = {n.id: n for n in cited.nodes}
    sting = nodes["wikipathways:WP4961"]
    assert sting.name == "STING pathway in Kawasaki-like disease and COVID-19"
    assert re.fullmatch(r"wikipathways:WP4961@r\d+", sting.sources[0])
    signed = {
        (e.subject, e.object, e.qualifiers.sign)
        for e in cited.edges
        if e.qualifiers.pathway == "wikipathways:WP4961" and e.predicate == "biolink:affects"
    }
    chain = ["NCBIGene:115004", "MESH:C584311", "NCBIGene:340061", "NCBIGene:29110",
             "NCBIGene:3661", "NCBIGene:3456"]  # fmt: skip
    for a, b in itertools.pairwise(chain):
        assert (a, b, Sign.POSITIVE) in signed, (a, b)


def test_demo_subset_maps_most_members(index, wp_zip):
    result = import_wikipathways(wp_zip, mapper=MemberMapper(index), pathways=DEMO_PATHWAYS)
    assert result.report.pathways == len(DEMO_PATHWAYS)
    members = result.report.members
    assert members["xref"] / sum(members.values()) > 0.8
    assert result.report.edges["affects[negative]"] > 0


def test_drugcentral_table_reads_cleanly_and_maps_checkpoint_drugs(index):
    rows, problems = read_drugcentral(VOCAB / "drugcentral" / "drug.target.interaction.tsv.gz")
    assert problems == []
    assert len(rows) > 16000
    result = drug_target_edges(rows, read_curated_drug_targets(), index=index)
    by_pair = {(e.subject, e.object): e for e in result.edges}
    pembro = by_pair["MESH:C582435", "NCBIGene:5133"]
    assert "drugcentral:4924" in pembro.sources
    assert by_pair["MESH:D000074324", "NCBIGene:1493"].qualifiers.sign is Sign.NEGATIVE
    assert result.report.edges > 10000
    assert result.report.moa_edges > 2000
    levels = {e.knowledge_level for e in result.edges}
    assert levels == {KnowledgeLevel.KNOWLEDGE_ASSERTION, KnowledgeLevel.OBSERVATION}
