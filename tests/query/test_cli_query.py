"""The analyst's command line through typer's CliRunner, checked against the API."""

import csv
import io
import json

import pytest
from fixtures.graph import PATHWAY, PEMBROLIZUMAB
from typer.testing import CliRunner

from kg.cli import app
from kg.queries import list_queries
from kg.query.paths import find_paths
from kg.query.run import run_query

runner = CliRunner()


def _run(*args):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def test_queries_lists_every_canned_query():
    result = _run("queries")
    assert result.exit_code == 0
    for name in list_queries():
        assert name in result.output


@pytest.mark.parametrize("store", ["embedded", "sparql"])
def test_query_json_is_what_the_api_returns(query_build, open_stores, store):
    result = _run("query", "drug_targets_pathways", "--param", "drug=Keytruda",
                  "--build", query_build, "--store", store, "--format", "json")  # fmt: skip
    assert result.exit_code == 0, result.output
    api = run_query(open_stores[store], "drug_targets_pathways", {"drug": PEMBROLIZUMAB})
    assert json.loads(result.stdout) == list(api.rows)


def test_query_csv_and_tsv_keep_awkward_values(query_build, open_stores):
    api = run_query(open_stores["embedded"], "neighbours", {"entity": "TBK1"})
    out = _run("query", "neighbours", "-p", "entity=TBK1", "-b", query_build, "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert [r["best_sentence"] for r in rows] == [r["best_sentence"] or "" for r in api.rows]
    tsv = _run("query", "neighbours", "-p", "entity=TBK1", "-b", query_build, "-f", "tsv")
    lines = tsv.stdout.rstrip("\n").split("\n")
    assert len(lines) == len(api.rows) + 1  # newlines in values are escaped
    assert "C:\\\\data\\\\fig3" in tsv.stdout


def test_query_table_and_show_text(query_build):
    table = _run("query", "pathway_steps", "-p", "pathway=cGAS-STING", "-b", query_build)
    assert table.exit_code == 0 and "STING1" in table.stdout
    shown = _run("query", "contradictions", "--show", "--store", "sparql")
    assert shown.stdout == list_queries()["contradictions"].text("sparql")


def test_a_missing_or_unknown_parameter_is_one_clear_line(query_build):
    missing = _run("query", "neighbours", "-b", query_build)
    assert missing.exit_code == 2
    assert "query 'neighbours' needs entity (e.g. --param entity=NCBIGene:29110)" in missing.output
    unknown = _run("query", "graph_stats", "-p", "x=1", "-b", query_build)
    assert unknown.exit_code == 2 and "has no parameter x" in unknown.output
    nobuild = _run("query", "graph_stats", "-b", query_build / "nope")
    assert nobuild.exit_code == 2 and "no such build folder" in nobuild.output


def test_an_ambiguous_name_lists_the_candidates_without_a_terminal(query_build):
    result = _run("show", "PD-L1", "-b", query_build)
    assert result.exit_code == 2
    assert "'PD-L1' is ambiguous" in result.output
    assert "NCBIGene:29126" in result.output and "NCBIGene:60533" in result.output


def test_ad_hoc_cypher_and_sparql(query_build):
    cypher = _run("cypher", "MATCH (n:NamedThing {name: $name}) RETURN n.id AS id",
                  "-p", "name=Crohn's disease", "-b", query_build, "-f", "json")  # fmt: skip
    assert json.loads(cypher.stdout) == [{"id": "MESH:D003424"}]
    typed = _run("cypher", "RETURN $n + 1 AS m", "-p", "n:int=41", "-b", query_build, "-f", "json")
    assert json.loads(typed.stdout) == [{"m": 42}]
    sparql = _run("sparql", "SELECT ?id ?name WHERE { ?n biolink:id ?id ; biolink:name ?name }",
                  "-p", "id=MESH:C584311", "-b", query_build, "-f", "json")  # fmt: skip
    assert json.loads(sparql.stdout) == [{"id": "MESH:C584311", "name": "3',5'-cGAMP"}]
    bad = _run("cypher", "MATCH (n RETURN n", "-b", query_build)
    assert bad.exit_code == 2 and "FalkorDB rejected the query" in bad.output
    write = _run("cypher", "CREATE (n:NamedThing {id: 'x'})", "-b", query_build)
    assert write.exit_code == 2  # read-only


def test_show_and_stats(query_build, graph):
    shown = _run("show", "Keytruda", "-b", query_build, "--store", "sparql")
    assert shown.exit_code == 0
    assert shown.stdout.startswith("pembrolizumab (MESH:C582435)  [matched by synonym]")
    assert "-[DIRECTLY_PHYSICALLY_INTERACTS_WITH]-> PDCD1 (NCBIGene:5133)" in shown.stdout
    stats = _run("stats", "-b", query_build)
    assert stats.stdout.startswith(f"{len(graph.nodes)} entities (")


def test_path_prints_ranked_steps_and_draws_them(query_build, open_stores, tmp_path):
    svg = tmp_path / "path.svg"
    result = _run("path", "pembrolizumab", "cGAS-STING", "-b", query_build, "--svg", svg)
    assert result.exit_code == 0, result.output
    api = find_paths(open_stores["embedded"], PEMBROLIZUMAB, PATHWAY)
    assert f"{api.found} paths within 4 steps" in result.stdout
    assert api.paths[0].steps[0].arrow in result.stdout
    assert "<- weakest" in result.stdout
    assert '"TBK1 increased PD-L1 expression in MC38 cells."' in result.stdout
    assert svg.read_text().startswith("<svg")
    data = json.loads(_run("path", "MESH:C582435", PATHWAY, "-b", query_build, "--store",
                           "sparql", "-f", "json").stdout)  # fmt: skip
    assert [p["score"] for p in data["paths"]] == pytest.approx([p.score for p in api.paths])


def test_path_without_an_answer_exits_1_and_explains(query_build):
    result = _run("path", "Crohn's disease", "cGAS-STING", "-b", query_build, "--why-not")
    assert result.exit_code == 1
    assert "no path found; why:" in result.stdout
    assert "has no edges a path may walk" in result.stdout
    quiet = _run("path", "Crohn's disease", "cGAS-STING", "-b", query_build)
    assert "(--why-not explains)" in quiet.stdout
