"""The load API's table bookkeeping: a missing or corrupt table is one InputError naming it."""

import pytest
from typer.testing import CliRunner

from kg.assemble.tables import EDGES, EVIDENCE, NODES
from kg.cli import app
from kg.errors import InputError
from kg.loaders import load
from kg.loaders.api import table_sizes


def test_table_sizes_counts_rows_from_the_footers(fresh_build, demo):
    sizes = table_sizes(fresh_build)
    assert sizes == {NODES: len(demo.nodes), EDGES: len(demo.edges), EVIDENCE: len(demo.evidence)}


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty"])
def test_a_corrupt_table_is_an_input_error(fresh_build, damage):
    path = fresh_build / EDGES
    data = path.read_bytes()
    damaged = {"garbage": b"PAR1 not parquet PAR1", "truncated": data[: len(data) // 2]}
    path.write_bytes(damaged.get(damage, b""))
    with pytest.raises(InputError, match="unreadable table") as caught:
        table_sizes(fresh_build)
    assert str(caught.value).startswith(f"{path}: ")
    with pytest.raises(InputError, match="unreadable table"):
        load(fresh_build, to="rdf")


def test_a_missing_table_is_an_input_error(fresh_build):
    (fresh_build / EVIDENCE).unlink()
    with pytest.raises(InputError, match="table not found"):
        table_sizes(fresh_build)


def test_cli_load_of_a_corrupt_table_prints_one_line(fresh_build):
    path = fresh_build / NODES
    path.write_bytes(b"PAR1 not parquet PAR1")
    result = CliRunner().invoke(app, ["load", str(fresh_build), "--to", "rdf"])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and "unreadable table" in lines[0]
