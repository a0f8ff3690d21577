"""One licence/infores table serves node licences and orthology edges."""

from kg.assemble.source_terms import UNKNOWN_LICENCE, SourceTerms, licences, source_terms


def test_source_names_match_by_prefix_case_insensitively():
    assert source_terms("hgnc:HGNC:27962") == SourceTerms("CC0-1.0", "infores:hgnc")
    assert source_terms("NCBI Taxonomy").licence == "public-domain"
    assert source_terms("Cellosaurus 2025-03 (names)").licence == "CC-BY-4.0"
    assert source_terms("ontology/curated_nodes.tsv") == SourceTerms("CC0-1.0", "infores:irkg")
    assert source_terms("MeSH 2024") is None


def test_licences_of_several_sources():
    assert licences(["HGNC 2024-07", "NCBI Gene 2023-03", "hgnc"]) == "CC0-1.0 AND public-domain"
    assert licences(["MeSH 2024"]) == licences([]) == UNKNOWN_LICENCE
