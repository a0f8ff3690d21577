"""`irkg load`, `irkg export …`, `irkg store …`, `irkg sparql-serve`: thin mirrors of the API."""

import json
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from SPARQLWrapper import JSON, SPARQLWrapper
from typer.testing import CliRunner

from kg.cli import app
from kg.loaders import open_rdf_store, open_store, sparql_select, store_status

runner = CliRunner()


def test_load_embedded_then_rdf(fresh_build):
    result = runner.invoke(app, ["load", str(fresh_build)])
    assert result.exit_code == 0, result.output
    assert "embedded: 22 nodes, 32 edges, 7 evidence rows" in result.output
    with open_store(fresh_build) as store:
        assert store.counts()[0]["NamedThing"] == 22
    result = runner.invoke(app, ["load", str(fresh_build), "--to", "rdf"])
    assert result.exit_code == 0, result.output
    assert len(open_rdf_store(fresh_build)) > 800
    again = runner.invoke(app, ["load", str(fresh_build)])
    assert "already holds these tables" in again.output


def test_an_unknown_store_is_one_line_and_exit_code_2(fresh_build):
    result = runner.invoke(app, ["load", str(fresh_build), "--to", "nowhere"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "irkg: error: unknown store 'nowhere'; registered stores: embedded, kgx, neo4j, rdf"
    ]


def test_a_missing_build_names_the_table(tmp_path):
    result = runner.invoke(app, ["load", str(tmp_path)])
    assert result.exit_code == 2
    assert "nodes.parquet" in result.output and "table not found" in result.output


def test_export_neo4j_csv_prints_the_argv(demo_tables, tmp_path):
    result = runner.invoke(app, ["export", "neo4j-csv", str(demo_tables), str(tmp_path / "csv")])
    assert result.exit_code == 0, result.output
    argv_line = next(line for line in result.output.splitlines() if line.startswith("["))
    argv = json.loads(argv_line)
    assert argv[:5] == ["neo4j-admin", "database", "import", "full", "neo4j"]
    assert f"--nodes={(tmp_path / 'csv' / 'nodes.csv').resolve()}" in argv


def test_export_kgx_and_rdf(demo_tables, tmp_path):
    result = runner.invoke(
        app, ["export", "kgx", str(demo_tables), str(tmp_path / "kgx"), "--format", "jsonl"]
    )
    assert result.exit_code == 0, result.output
    assert len((tmp_path / "kgx" / "edges.jsonl").read_text().splitlines()) == 32
    result = runner.invoke(
        app, ["export", "rdf", str(demo_tables), str(tmp_path / "g.nt"), "--format", "ntriples"]
    )
    assert result.exit_code == 0, result.output
    assert "triples (ntriples)" in result.output
    assert (tmp_path / "g.nt").read_text().count(" .\n") > 800


def test_store_start_status_stop(fresh_build):
    assert "stopped" in runner.invoke(app, ["store", "status", str(fresh_build)]).output
    started = runner.invoke(app, ["store", "start", str(fresh_build)])
    try:
        assert started.exit_code == 0 and "running (warm)" in started.output
        assert store_status(fresh_build).running
        assert "running (warm)" in runner.invoke(app, ["store", "status", str(fresh_build)]).output
    finally:
        stopped = runner.invoke(app, ["store", "stop", str(fresh_build)])
    assert "stopped" in stopped.output and not store_status(fresh_build).running


@pytest.mark.parametrize(
    "command",
    [
        ["load"],
        ["export", "neo4j-csv"],
        ["export", "kgx"],
        ["export", "rdf"],
        ["store", "start"],
        ["store", "stop"],
        ["store", "status"],
        ["sparql-serve"],
    ],
)
def test_every_command_has_an_example(command):
    result = runner.invoke(app, [*command, "--help"], terminal_width=200)
    assert result.exit_code == 0
    assert "Example: irkg " in result.output


@contextmanager
def sparql_serve(build: Path, *, ignore_sigint: bool = False) -> Iterator[tuple[Any, str]]:
    """``irkg sparql-serve`` in a child process: (the process, its endpoint URL); killed at the
    end if a test left it running."""
    irkg = Path(sys.executable).with_name("irkg")

    def ignore() -> None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)

    process = subprocess.Popen(
        [str(irkg), "sparql-serve", str(build), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        preexec_fn=ignore if ignore_sigint else None,
    )
    try:
        line = process.stdout.readline()
        assert line.startswith("SPARQL endpoint: http://127.0.0.1:"), line
        yield process, line.split(": ", 1)[1].strip()
    finally:
        if process.poll() is None:
            process.kill()
        process.stdout.close()


def test_sparql_serve_answers_until_interrupted(loaded_demo_build):
    with sparql_serve(loaded_demo_build) as (process, url):
        try:
            query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
            client = SPARQLWrapper(url)
            client.setQuery(query)
            client.setReturnFormat(JSON)
            count = int(client.query().convert()["results"]["bindings"][0]["n"]["value"])
            store = open_rdf_store(loaded_demo_build)
            assert count == sparql_select(store, query)[0]["n"]
            assert count > 800
        finally:
            process.send_signal(signal.SIGINT)
            assert process.wait(timeout=20) == 0


def test_sparql_serve_stops_on_sigterm_with_sigint_ignored(loaded_demo_build):
    """A server started with SIGINT ignored (a shell's background job) still stops cleanly."""
    with sparql_serve(loaded_demo_build, ignore_sigint=True) as (process, _):
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=20) == 0
    with sparql_serve(loaded_demo_build) as (process, _):
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20) == 0


@pytest.mark.parametrize("store", ["embedded", "rdf", "kgx"])
def test_load_reports_progress_for_every_table(fresh_build, store):
    from kg.loaders import load

    done: dict[str, list[int]] = {}

    def track(label, total):
        done[label] = [total, 0]
        return lambda n: done[label].__setitem__(1, done[label][1] + n)

    load(fresh_build, to=store, track=track)
    expected = {"nodes": [22, 22], "edges": [32, 32], "evidence": [7, 7]}
    if store == "kgx":
        del expected["evidence"]  # KGX has no evidence table, so it is not even read
    assert done == expected


def test_an_option_a_store_does_not_take_is_one_clear_line(fresh_build):
    result = runner.invoke(app, ["load", str(fresh_build), "--to", "kgx", "--mode", "bulk"])
    assert result.exit_code == 2
    assert result.output.startswith("irkg: error: store 'kgx':") and "mode" in result.output
