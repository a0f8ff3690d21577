"""Annotation on a real Dask ``LocalCluster`` (2 worker processes, 1 thread each): the tables equal
a single-process build byte for byte, each worker loads the annotator once, the input is read
no further ahead than the in-flight window, and ``irkg build --cluster`` works end to end.

The annotator is the real ``GivenMentionsAnnotator`` (irkg's regimen and relation components over
the mentions the input carries), which is light enough for a test yet runs spaCy on the workers.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from cluster_corpus import write_pubtator
from typer.testing import CliRunner

from kg.assemble import pipeline
from kg.assemble.build import CACHE_DIR, BuildParts, build
from kg.assemble.tables import EDGES, EVIDENCE, NODES
from kg.cli import app
from kg.cluster import ClusterSpec, connect
from kg.cluster.annotate import DistributedAnnotator, worker_state
from kg.cluster.build import cluster_build
from kg.errors import ConfigError
from kg.ingest import read_annotated
from kg.model import AnnotatedDocument
from kg.nlp.relate import GivenMentionsAnnotator

DOCUMENTS = 120
TABLES = (NODES, EDGES, EVIDENCE)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_pubtator(tmp_path_factory.mktemp("corpus") / "corpus.PubTator", DOCUMENTS)


@pytest.fixture(scope="module")
def single(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The reference: the same build in this process."""
    out = tmp_path_factory.mktemp("single")
    report = build(read_annotated([corpus]), out, BuildParts(GivenMentionsAnnotator()))
    assert report.annotated == DOCUMENTS
    return out


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    with connect(ClusterSpec(workers=2)) as client:
        yield client


def cache_files(build_dir: Path) -> dict[str, bytes]:
    root = build_dir / CACHE_DIR
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.json.gz"))}


def test_cluster_tables_equal_single_process(corpus, single, client, tmp_path):
    annotator = DistributedAnnotator(GivenMentionsAnnotator(), client, batch_documents=8)
    report = build(read_annotated([corpus]), tmp_path, BuildParts(annotator))
    assert report.annotated == DOCUMENTS and report.cached == 0
    for table in TABLES:
        assert (tmp_path / table).read_bytes() == (single / table).read_bytes(), table
    assert cache_files(tmp_path) == cache_files(single)

    states = client.run(worker_state)
    assert len(states) == 2
    for state in states.values():  # the annotator was loaded once in each worker process
        assert state["loads"] == {annotator.version: 1}

    again = DistributedAnnotator(GivenMentionsAnnotator(), client, batch_documents=8)
    rebuilt = tmp_path / "again"
    report = build(read_annotated([corpus]), rebuilt, BuildParts(again))
    assert report.annotated == DOCUMENTS
    for state in client.run(worker_state).values():  # a second build reuses the loaded one
        assert state["loads"] == {annotator.version: 1}


def test_input_is_read_only_as_far_as_the_window(corpus, client, tmp_path):
    """At most ``in_flight`` batches are out: the input is pulled as results come back."""
    pulled = 0
    ahead: list[int] = []

    def counting(items: Iterator[AnnotatedDocument]) -> Iterator[AnnotatedDocument]:
        nonlocal pulled
        for item in items:
            pulled += 1
            yield item

    annotator = DistributedAnnotator(
        GivenMentionsAnnotator(), client, batch_documents=5, in_flight=2
    )
    done = 0
    for _ in annotator(counting(read_annotated([corpus]))):
        done += 1
        ahead.append(pulled - done)
    assert done == DOCUMENTS
    # two batches in flight plus the one being assembled from the batch that just came back
    assert max(ahead) <= 3 * 5


def test_cached_build_starts_nothing_on_the_workers(corpus, single, client, tmp_path):
    class Refuse:
        def submit(self, *args, **kwargs):
            raise AssertionError("nothing should be sent to the cluster")

    import shutil

    shutil.copytree(single / CACHE_DIR, tmp_path / CACHE_DIR)
    annotator = DistributedAnnotator(GivenMentionsAnnotator(), Refuse())  # type: ignore[arg-type]
    report = build(read_annotated([corpus]), tmp_path, BuildParts(annotator))
    assert report.cached == DOCUMENTS and report.annotated == 0
    for table in TABLES:
        assert (tmp_path / table).read_bytes() == (single / table).read_bytes()


def test_cli_build_on_a_local_cluster(corpus, single, tmp_path, monkeypatch):
    def parts(settings, *, recognizer, n_process=1, progress=False):
        return BuildParts(GivenMentionsAnnotator(), versions={"recognizer": recognizer})

    monkeypatch.setattr(pipeline, "default_parts", parts)  # no lexicon or curated graph here
    out = tmp_path / "build"
    args = ["build", str(corpus), "--out", str(out), "--recognizer", "gold", "--no-load"]
    result = CliRunner().invoke(app, [*args, "--cluster", "local:2"])
    assert result.exit_code == 0, result.output
    assert f"{DOCUMENTS} documents ({DOCUMENTS} annotated, 0 from cache)" in result.output
    for table in TABLES:
        assert (out / table).read_bytes() == (single / table).read_bytes()
    import json

    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["cluster"] == {"spec": "local cluster of 2 worker processes", "workers": 2}

    both = CliRunner().invoke(app, [*args, "--cluster", "local", "--n-process", "2"])
    assert both.exit_code == 2 and "exclude each other" in both.output


class Unloadable:
    """An annotator that cannot load on a worker (say, its lexicon path is not there)."""

    version = "unloadable-1"

    def __call__(self, documents):
        raise FileNotFoundError("/nowhere/full.irkglex")


def test_a_worker_that_cannot_load_fails_the_build(corpus, client, tmp_path):
    for _ in range(2):  # the failed plugin is forgotten: the second build fails the same way
        annotator = DistributedAnnotator(Unloadable(), client)  # type: ignore[arg-type]
        with pytest.raises(ConfigError, match=r"could not load the annotator: FileNotFound"):
            build(read_annotated([corpus]), tmp_path, BuildParts(annotator))


def test_cluster_build_api_with_an_address(corpus, single, client, tmp_path):
    address = client.scheduler.address  # an existing scheduler, as tcp://127.0.0.1:PORT
    report = cluster_build(
        read_annotated([corpus]), tmp_path, BuildParts(GivenMentionsAnnotator()), address
    )
    assert report.annotated == DOCUMENTS
    assert (tmp_path / EDGES).read_bytes() == (single / EDGES).read_bytes()


@pytest.mark.parametrize(
    ("text", "spec"),
    [
        ("local", ClusterSpec()),
        ("local:3", ClusterSpec(workers=3)),
        ("tcp://scheduler:8786", ClusterSpec(address="tcp://scheduler:8786")),
        (" tls://10.0.0.1:8786 ", ClusterSpec(address="tls://10.0.0.1:8786")),
    ],
)
def test_cluster_spec(text, spec):
    assert ClusterSpec.parse(text) == spec


@pytest.mark.parametrize("text", ["", "local:", "local:x", "scheduler:8786", "http://host:1"])
def test_bad_cluster_spec(text):
    with pytest.raises(ConfigError, match="expected local, local:N or a scheduler address"):
        ClusterSpec.parse(text)
    with pytest.raises(ValueError, match="at least one worker"):
        ClusterSpec(workers=0)


def test_unreachable_scheduler(monkeypatch):
    import kg.cluster.connection as connect_module

    monkeypatch.setattr(connect_module, "CONNECT_TIMEOUT_S", 2)
    spec = ClusterSpec(address="tcp://127.0.0.1:9")  # the discard port: nothing listens
    with (
        pytest.raises(ConfigError, match=r"cannot reach the Dask scheduler at tcp://127"),
        connect(spec),
    ):
        pass
