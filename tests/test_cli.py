"""The command line's skeleton: help and version work without heavy imports."""

import subprocess
import sys

from typer.testing import CliRunner

import kg
from kg.cli import app

runner = CliRunner()


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert kg.__version__ in result.output


def test_help_does_not_import_heavy_libraries():
    code = (
        "import sys; from kg.cli import app; "
        "heavy = [m for m in ('spacy', 'pyarrow', 'rdflib', 'pyoxigraph', 'neo4j', 'falkordb') "
        "if m in sys.modules]; print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
