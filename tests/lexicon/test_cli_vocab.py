"""``irkg vocab``: build from given sources, describe, look up; errors are one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lexicon_support import FIXTURES
from typer.testing import CliRunner

from kg.cli import app
from kg.lexicon import Lexicon

runner = CliRunner()


@pytest.fixture
def built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("IRKG_HOME", str(tmp_path / "home"))
    out = tmp_path / "cli.irkglex"
    result = runner.invoke(
        app,
        [
            "vocab",
            "build",
            "--out",
            str(out),
            "--source",
            f"gene_info={FIXTURES / 'Homo_sapiens.gene_info'}",
            "--source",
            f"mesh_xml={FIXTURES / 'desc2025.xml'}",
            "--source",
            f"mesh_supp_xml={FIXTURES / 'supp2025.xml'}",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "built" in result.stdout and "keys" in result.stdout
    return out


def test_build_uses_given_sources_plus_curated(built: Path) -> None:
    lexicon = Lexicon.open(built)
    kinds = [s["kind"] for s in lexicon.manifest["sources"]]
    assert kinds == ["gene_info", "mesh_xml", "mesh_supp_xml", "curated"]
    assert lexicon.candidates("PD-L1")[0].curie == "NCBIGene:29126"
    assert lexicon.candidates("FLASH")[0].curie == "irkg:FLASH_RT"


def test_info_and_lookup(built: Path) -> None:
    info = runner.invoke(app, ["vocab", "info", "--path", str(built), "--json"])
    assert info.exit_code == 0
    data = json.loads(info.stdout)
    assert data["version"] == Lexicon.open(built).version
    assert data["manifest"]["sources"][0]["sha256"]
    lookup = runner.invoke(
        app, ["vocab", "lookup", "IFN-β", "--type", "Gene", "--path", str(built)]
    )
    assert lookup.exit_code == 0
    assert "NCBIGene:3456" in lookup.stdout and "key 'ifnb'" in lookup.stdout


def test_errors_are_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IRKG_HOME", str(tmp_path))
    bad = runner.invoke(app, ["vocab", "build", "--source", "genes=/nowhere"])
    assert bad.exit_code == 2 and bad.stderr.startswith("irkg: error: unknown source kind")
    missing = runner.invoke(app, ["vocab", "info", "--path", str(tmp_path / "none.irkglex")])
    assert missing.exit_code == 2 and "no lexicon yet" in missing.stderr
    broken = tmp_path / "Homo_sapiens.gene_info"
    broken.write_text((FIXTURES / "Homo_sapiens.gene_info").read_text()[:900])
    out = runner.invoke(
        app, ["vocab", "build", "--out", str(tmp_path / "x"), "--source", f"gene_info={broken}"]
    )
    assert out.exit_code == 2
    assert f"{broken}:" in out.stderr and "expected 16 tab-separated fields" in out.stderr
    assert len(out.stderr.strip().splitlines()[-1]) > 0 and "Traceback" not in out.stderr
