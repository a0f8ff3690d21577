"""The canned query files: headers parse, both languages agree, names and types are closed."""

import re

import pytest

from kg.errors import QueryError
from kg.queries import LANGUAGES, PARAM_TYPES, get_query, list_queries, parse_header
from kg.schema import load_schema

ISSUE_QUESTIONS = {
    "find_entity", "neighbours", "drug_targets_pathways", "pathway_steps", "pathway_members",
    "radiotherapy_studies", "disease_treatments", "edge_evidence", "drug_cell_lines",
    "top_mentioned", "contradictions", "shortest_path", "graph_stats",
}  # fmt: skip


def test_every_question_of_the_issue_is_there_in_both_languages():
    queries = list_queries()
    assert set(queries) >= ISSUE_QUESTIONS
    assert len(queries) >= 12
    for query in queries.values():
        assert set(query.texts) == set(LANGUAGES), query.name


@pytest.mark.parametrize("name", sorted(list_queries()))
def test_each_header_names_a_question_its_parameters_and_columns(name):
    query = get_query(name)
    assert query.title and query.header.description
    assert query.columns
    for param in query.params:
        assert param.type in PARAM_TYPES and param.example
        # SPARQL projects parameters as variables, so a parameter cannot also be a column
        assert param.name not in {c.name for c in query.columns}
        assert f"${param.name}" in query.text("cypher")
        assert f"?{param.name}" in query.text("sparql")


def test_the_shortest_path_query_walks_exactly_the_schema_path_types():
    text = get_query("shortest_path").text("cypher")
    types = re.search(r"\(a\)-\[:([A-Z_|]+)\*\.\.3\]-\(b\)", text).group(1).split("|")
    assert types == list(load_schema().path_types)
    assert "MENTIONS" not in types
    assert "allShortestPaths" in text and "WITH a, b" in text
    sparql = get_query("shortest_path").text("sparql")
    for t in load_schema().path_types:
        assert f"biolink:{t.lower()}" in sparql


def test_a_bad_header_is_reported_with_its_file_and_line():
    with pytest.raises(QueryError, match=r"^x\.cypher:1: the file must open"):
        parse_header("MATCH (n) RETURN n", "//", "x.cypher")
    bad_param = "// Title\n//\n// Parameters:\n//   $drug entity no example here\n// Columns: a\n"
    with pytest.raises(QueryError, match=r"^x\.cypher:4: expected `\$name type"):
        parse_header(bad_param, "//", "x.cypher")
    with pytest.raises(QueryError, match="unknown type 'color'"):
        parse_header("// T\n// Parameters:\n//   $c color red  example: red\n// Columns: a", "//")
    with pytest.raises(QueryError, match="must name the result columns"):
        parse_header("// Title only\nMATCH (n) RETURN n", "//")
    header = parse_header("# T\n# d\n# Columns: a, b (list)\n#\n# notes: here\nSELECT", "#")
    assert [(c.name, c.is_list) for c in header.columns] == [("a", False), ("b", True)]


def test_an_unknown_query_lists_the_known_ones():
    with pytest.raises(QueryError, match=r"unknown query 'nope'; known: .*graph_stats"):
        get_query("nope")
