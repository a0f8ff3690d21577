"""Offsets round-trip on every PubTator and BioC file of ../shared/corpora.

Every annotation line is accounted for: it becomes a gold mention whose text equals the document
text at its offsets, or it is ignored on purpose (a type irkg does not model, a relation line),
or it is reported with its line number. The few mismatches are errors in the source files
themselves (see the report of issue 2); a reader bug would show up as thousands.
"""

import ast
from pathlib import Path

import pytest

from kg.ingest.bioc import read_bioc
from kg.ingest.pubtator import read_pubtator
from kg.ingest.report import IngestReport
from kg.settings import load_settings

CORPORA = load_settings().corpora_dir
pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(CORPORA is None, reason="../shared corpora not present"),
]


def _pubtator_files() -> list[Path]:
    if CORPORA is None:
        return []
    files = sorted(p for p in Path(CORPORA).rglob("*") if p.is_file())
    return [p for p in files if b"|t|" in _head(p)]


def _head(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(5000)


def _annotation_lines(path: Path) -> int:
    count = 0
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            fields = line.rstrip("\n").split("\t")
            if len(fields) >= 4 and fields[0] and "|" not in fields[0]:
                count += 1
    return count


@pytest.mark.parametrize("path", _pubtator_files(), ids=lambda p: p.name)
def test_every_gold_span_matches_the_text(path):
    report = IngestReport()
    mentions = 0
    for annotated in read_pubtator(path, report=report):
        text = annotated.document.text
        assert annotated.document.passages[0].offset == 0
        for mention in annotated.mentions:
            assert text[mention.start : mention.end] == mention.text
            mentions += 1
    lines = _annotation_lines(path)
    reported = report.skipped["annotation"]
    assert mentions + sum(report.ignored.values()) + reported == lines
    assert report.skipped["document"] == 0 and report.skipped["file"] == 0
    assert reported <= max(1, lines // 200), [str(p) for p in report.problems[:5]]
    source = path.read_text(encoding="utf-8").splitlines()
    for problem in report.problems:
        if problem.kind == "text mismatch":  # the line named really holds that annotation
            gold = problem.reason.rsplit("annotation ", 1)[1]
            assert source[int(problem.position) - 1].split("\t")[3] == ast.literal_eval(gold)


def _bioc_files() -> list[Path]:
    return sorted(Path(CORPORA).rglob("*.BioC.xml")) if CORPORA is not None else []


@pytest.mark.parametrize("path", _bioc_files(), ids=lambda p: p.name)
def test_every_bioc_annotation_matches_the_text(path):
    report = IngestReport()
    mentions = 0
    for annotated in read_bioc(path, report=report):
        text = annotated.document.text
        for passage in annotated.document.passages:
            assert text[passage.offset : passage.end] == passage.text
        for mention in annotated.mentions:
            assert text[mention.start : mention.end] == mention.text
            assert mention.ids and mention.ids[0].startswith("CL:")
            mentions += 1
    assert report.clean, [str(p) for p in report.problems[:5]]
    assert mentions == path.read_text(encoding="utf-8").count("<annotation ")
    assert report.documents == path.read_text(encoding="utf-8").count("<document>")
