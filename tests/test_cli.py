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


def test_root_help_is_plain_and_lists_every_command_while_command_help_stays_rich():
    code = (
        "import sys\nfrom kg.cli import app\n"
        "try:\n    app(['--help'], prog_name='irkg')\nexcept SystemExit:\n    pass\n"
        "print('RICH' if any(m.startswith('rich') for m in sys.modules) else 'PLAIN')"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.rstrip().endswith("PLAIN")  # rich is not even imported for the root
    for name in ("ingest", "build", "load", "query", "path", "store", "vocab", "demo"):
        assert f"\n  {name} " in out.stdout
    sub = runner.invoke(app, ["path", "--help"], terminal_width=100)
    assert sub.exit_code == 0 and "╭─ Arguments" in sub.output and "Example:" in sub.output
