"""kill -9 in the middle of a 200-paper build, then a rerun: tables byte-identical to a build
that was never interrupted (BioRED abstracts from ../shared, relations over gold mentions)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.assemble.build import MANIFEST
from kg.assemble.tables import EDGES, EVIDENCE, NODES
from kg.settings import load_settings

CORPORA = load_settings().corpora_dir
pytestmark = [
    pytest.mark.shared,
    pytest.mark.slow,
    pytest.mark.skipif(CORPORA is None, reason="../shared corpora not present"),
]
PAPERS = 200
DRIVER = """
import sys
from pathlib import Path
from kg.assemble.build import BuildParts
from kg.assemble.pipeline import build_papers
from kg.nlp.relate import GivenMentionsAnnotator

parts = BuildParts(GivenMentionsAnnotator(), versions={"recognizer": "gold"})
report, _ = build_papers([sys.argv[1]], Path(sys.argv[2]), recognizer="gold", parts=parts)
print(report.annotated, report.cached)
"""


@pytest.fixture(scope="module")
def papers(tmp_path_factory):
    """The first 200 BioRED abstracts as one PubTator file."""
    blocks = (Path(CORPORA) / "BioRED_TrainDev.PubTator").read_text(encoding="utf-8")
    chosen = [b for b in blocks.split("\n\n") if b.strip()][:PAPERS]
    path = tmp_path_factory.mktemp("papers") / "biored200.PubTator"
    path.write_text("\n\n".join(chosen) + "\n\n", encoding="utf-8")
    return path


def start(papers, out):
    return subprocess.Popen(
        [sys.executable, "-c", DRIVER, str(papers), str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(papers, out):
    proc = start(papers, out)
    stdout, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 0, stderr
    annotated, cached = map(int, stdout.split())
    return annotated, cached


def cached_entries(out):
    return len(list((out / "cache").glob("*/*.json.gz"))) if (out / "cache").is_dir() else 0


def test_kill_9_then_rerun_gives_identical_tables(papers, tmp_path):
    whole = tmp_path / "whole"
    assert finish(papers, whole) == (PAPERS, 0)

    cut = tmp_path / "cut"
    proc = start(papers, cut)
    deadline = time.monotonic() + 120
    while cached_entries(cut) < PAPERS // 5 and proc.poll() is None:
        assert time.monotonic() < deadline, "the build made no progress"
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate()
    assert proc.returncode == -signal.SIGKILL, "the build finished before it could be killed"
    assert not (cut / MANIFEST).exists()
    done_before = cached_entries(cut)

    annotated, cached = finish(papers, cut)
    assert cached >= done_before >= PAPERS // 5 and annotated + cached == PAPERS
    for table in (NODES, EDGES, EVIDENCE):
        assert (cut / table).read_bytes() == (whole / table).read_bytes(), table
