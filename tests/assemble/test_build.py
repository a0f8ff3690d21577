"""The build: cache hits and misses, incremental additions, interruption, manifest."""

import json

import pytest
from text_papers import CORPUS, ID, paper

from kg.assemble.build import MANIFEST, BuildParts, build
from kg.assemble.cache import DocumentCache
from kg.assemble.tables import EDGES, EVIDENCE, NODES, iter_edges
from kg.ids import edge_id
from kg.model import AgentType, Edge, KnowledgeLevel, Node, Qualifiers, Sign
from kg.nlp.relate import GivenMentionsAnnotator

EXTRA = paper("1004", "TBK1 and IRF3", "TBK1 phosphorylates IRF3 after SBRT.", pmid="1004")


class Counting:
    """The real given-mentions annotator, counting what it is asked to annotate."""

    def __init__(self, fail_after=None):
        self.inner = GivenMentionsAnnotator()
        self.version = self.inner.version
        self.seen = []
        self.fail_after = fail_after

    def __call__(self, documents):
        for annotated in self.inner(documents):
            if self.fail_after is not None and len(self.seen) == self.fail_after:
                raise KeyboardInterrupt
            self.seen.append(annotated.document.id)
            yield annotated


def curated(mentioned=frozenset(), type_hints=None):
    """Hand-made curated records; the build passes what the text mentions."""
    if type_hints is not None:
        assert ID["STING"] in mentioned and type_hints[ID["MC38"]].value == "CellLine"
    q = Qualifiers(sign=Sign.POSITIVE, pathway="irkg:cGAS_STING", step=1)
    e = Edge(
        edge_id(ID["STING"], "biolink:affects", ID["TBK1"], q),
        ID["STING"],
        "biolink:affects",
        ID["TBK1"],
        q,
        KnowledgeLevel.KNOWLEDGE_ASSERTION,
        AgentType.MANUAL_AGENT,
        sources=("ontology/pathway_chains.tsv",),
    )
    return [Node(ID["STING"], "biolink:Gene", "STING1", taxon="NCBITaxon:9606")], [e]


def tables(out):
    return {name: (out / name).read_bytes() for name in (NODES, EDGES, EVIDENCE)}


def run(inputs, out, annotator=None):
    annotator = annotator or Counting()
    report = build(inputs, out, BuildParts(annotator, curated=curated))
    return report, annotator


def test_second_run_annotates_nothing(tmp_path):
    first, _ = run(CORPUS, tmp_path / "b")
    assert (first.documents, first.annotated, first.cached) == (3, 3, 0)
    before = tables(tmp_path / "b")
    second, a2 = run(CORPUS, tmp_path / "b")
    assert (second.annotated, second.cached) == (0, 3) and a2.seen == []
    assert tables(tmp_path / "b") == before
    manifest = json.loads((tmp_path / "b" / MANIFEST).read_text())
    assert manifest["documents"] == {
        "read": 3,
        "annotated": 0,
        "cached": 3,
        "duplicates": 0,
        "damaged_cache_entries": 0,
    }
    assert manifest["counts"]["edges"] == first.counts["edges"]
    assert manifest["versions"]["annotation"] == a2.version
    assert "biolink:affects" in manifest["counts"]["edges_by_predicate"]


def test_adding_a_paper_annotates_only_it_and_equals_a_fresh_build(tmp_path):
    run(CORPUS, tmp_path / "inc")
    report, annotator = run([*CORPUS, EXTRA], tmp_path / "inc")
    assert annotator.seen == ["1004"] and report.cached == 3
    run([EXTRA, *reversed(CORPUS)], tmp_path / "fresh")
    assert tables(tmp_path / "inc") == tables(tmp_path / "fresh")


def test_source_path_does_not_change_the_key(tmp_path):
    from dataclasses import replace

    cache = DocumentCache(tmp_path, "v1")
    doc = CORPUS[0]
    moved = replace(
        doc, document=replace(doc.document, meta=replace(doc.document.meta, source="b/x"))
    )
    assert cache.key(moved) == cache.key(doc) != cache.key(CORPUS[1])


def test_changed_paper_or_version_misses(tmp_path):
    run(CORPUS, tmp_path / "b")
    changed = paper("1002", "Checkpoint blockade", "pembrolizumab inhibits PD-1.", pmid="1002")
    _, annotator = run([CORPUS[0], changed, CORPUS[2]], tmp_path / "b")
    assert annotator.seen == ["1002"]
    other = Counting()
    other.version = "another-pipeline"
    run(CORPUS, tmp_path / "b", other)
    assert len(other.seen) == 3


def test_interrupted_build_finishes_identically(tmp_path):
    run(CORPUS, tmp_path / "whole")
    with pytest.raises(KeyboardInterrupt):
        run(CORPUS, tmp_path / "cut", Counting(fail_after=2))
    assert not (tmp_path / "cut" / EDGES).exists()
    _, annotator = run(CORPUS, tmp_path / "cut")
    assert len(annotator.seen) == 1
    assert tables(tmp_path / "cut") == tables(tmp_path / "whole")


def test_damaged_cache_entry_is_annotated_again_and_reported(tmp_path):
    run(CORPUS, tmp_path / "b")
    entry = next((tmp_path / "b" / "cache").rglob("*.json.gz"))
    entry.write_bytes(b"not gzip")
    report, annotator = run(CORPUS, tmp_path / "b")
    assert len(annotator.seen) == 1 and report.damaged_cache_entries == 1
    assert report.examples["damaged_cache_entries"] == [str(entry)]


def test_duplicate_document_ids_keep_the_first_and_are_reported(tmp_path):
    report, _ = run([*CORPUS, CORPUS[0]], tmp_path / "b")
    assert report.documents == 3 and report.duplicate_documents == 1
    assert report.examples["duplicate_documents"] == ["1001"]
    assert "1 document(s) skipped: their id was already read (the first one is kept): 1001" in (
        report.summary()
    )


def test_curated_edges_reach_the_tables(tmp_path):
    run(CORPUS, tmp_path / "b")
    edges = {e.id: e for e in iter_edges(tmp_path / "b")}
    (_, [chain_step]) = curated()
    assert edges[chain_step.id].sources == ("ontology/pathway_chains.tsv",)
    assert edges[chain_step.id].qualifiers.step == 1


def test_cache_round_trip_and_sweep(tmp_path):
    cache = DocumentCache(tmp_path, "v1")
    annotated = next(GivenMentionsAnnotator()(CORPUS[:1]))
    key = cache.key(CORPUS[0])
    assert cache.get(key) is None
    cache.put(key, annotated)
    assert cache.get(key) == annotated
    (cache.path(key).parent / f".{key}.123.tmp").write_bytes(b"half")
    assert cache.sweep() == 1
    assert (cache.stats.hits, cache.stats.misses, cache.stats.writes) == (1, 1, 1)
    with pytest.raises(ValueError, match="version"):
        DocumentCache(tmp_path, "")


def test_codec_reads_what_to_record_writes():
    from kg.assemble import codec
    from kg.model import AnnotatedDocument, from_record

    annotated = next(GivenMentionsAnnotator()([CORPUS[2]]))
    assert annotated.relations and annotated.regimens and annotated.mentions
    text = codec.dumps(annotated)
    assert codec.loads(text) == annotated
    assert from_record(AnnotatedDocument, json.loads(text)) == annotated
    with pytest.raises((ValueError, KeyError, TypeError)):
        codec.loads(text.replace('"sentence_start"', '"sentence_begin"'))
