"""The JSON scanner streams documents, skips oversized ones and keeps the rest."""

import io
import json
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.ingest import jsonstream
from kg.ingest.context import ReadContext
from kg.ingest.jsonstream import CHUNK, iter_objects
from kg.ingest.report import IngestReport


def _doc(doc_id: str, text: str) -> dict:
    return {"id": doc_id, "infons": {}, "passages": [{"offset": 0, "text": text}]}


def _objects(data: bytes, max_chars: int = 1000):
    report = IngestReport()
    context = ReadContext("x.json", report, max_chars, "bioc-json")
    return [o.value["id"] for o in iter_objects(io.BytesIO(data), context)], report


def test_documents_across_chunk_boundaries():
    docs = [_doc(str(i), "é" * 300 + '"\\' * 7) for i in range(3 * CHUNK // 300)]
    ids, report = _objects(json.dumps({"source": "s", "documents": docs}).encode())
    assert ids == [str(i) for i in range(len(docs))] and report.clean


def test_oversized_document_is_skipped_and_the_next_kept():
    huge = _doc("huge", 'x"}{[' * 4 * CHUNK)  # brackets and quotes inside the string
    data = json.dumps({"documents": [_doc("a", "ok"), huge, _doc("b", "ok")]}).encode()
    ids, report = _objects(data)
    assert ids == ["a", "b"]
    (problem,) = report.problems
    start = data.index(b'{"id": "huge')
    assert problem.kind == "too long" and problem.position == f"char {start}"


def test_json_lines_and_concatenated_values():
    data = b"\n".join(json.dumps(_doc(str(i), "t")).encode() for i in range(3)) + b"\n"
    assert _objects(data)[0] == ["0", "1", "2"]


def test_truncated_and_malformed_json_keep_what_came_before():
    data = json.dumps({"documents": [_doc("a", "ok"), _doc("b", "ok")]}).encode()
    ids, report = _objects(data[:-30])
    assert ids == ["a"] and report.problems[0].kind == "truncated JSON"
    ids, report = _objects(data.replace(b'"b"', b"b"))
    assert ids == ["a"] and report.problems[0].kind == "malformed JSON"


def test_items_that_are_not_documents_are_reported():
    ids, report = _objects(json.dumps([_doc("a", "x"), 7, {"rows": []}]).encode())
    assert ids == ["a"]
    assert [p.reason for p in report.problems] == [
        "not a BioC document or collection but a JSON int",
        "not a BioC document or collection but an object with keys ['rows']",
    ]


TEXTS = st.text(alphabet=st.sampled_from('ab"\\{}[]é \n'), max_size=40)


@settings(max_examples=60, deadline=None)
@given(
    texts=st.lists(st.tuples(TEXTS, st.integers(1, 300)), min_size=1, max_size=8),
    chunk=st.sampled_from([7, 64, 1000]),
)
def test_small_chunks_and_skipped_documents(texts, chunk):
    """With tiny buffers, every document under the limit comes back whole, and every document
    over it is reported, whatever quotes, escapes and brackets its text holds."""
    docs = [_doc(str(n), text * repeat) for n, (text, repeat) in enumerate(texts)]
    data = json.dumps({"documents": docs}).encode()
    limit = 60  # the scanner allows 2 * limit + 4096 characters of JSON per document
    report = IngestReport()
    context = ReadContext("x.json", report, limit, "bioc-json")
    with mock.patch.object(jsonstream, "CHUNK", chunk):
        got = {o.value["id"]: o.value for o in iter_objects(io.BytesIO(data), context)}
    for doc in docs:
        size = len(json.dumps(doc))
        if doc["id"] in got:
            assert got[doc["id"]] == doc
        else:
            assert size > 2 * limit + 4096
    assert len(got) + report.problem_count == len(docs)
