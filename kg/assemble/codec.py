"""A fast JSON codec for ``AnnotatedDocument``, the unit the build cache stores.

``kg.model.from_record`` decodes any record by inspecting its type hints field by field; that
is general but costs ~20 ms per abstract, more than reading it from disk. A warm build reads
every document from the cache, so this module decodes the few record types of an annotated
document with their constructors directly (which still validate every field). The JSON is the
same as ``to_record`` writes, so either side can read the other's output.
"""

from __future__ import annotations

import json
from typing import Any

from kg.model import (
    AnnotatedDocument,
    Document,
    DocumentMeta,
    EntityType,
    Evidence,
    Mention,
    Passage,
    Qualifiers,
    Regimen,
    Relation,
    Sign,
    to_record,
)


def dumps(annotated: AnnotatedDocument) -> str:
    return json.dumps(to_record(annotated), ensure_ascii=False, separators=(",", ":"))


def loads(text: str | bytes) -> AnnotatedDocument:
    """Decode ``dumps`` output; raises ValueError/KeyError/TypeError on a damaged record."""
    return decode(json.loads(text))


def decode(data: dict[str, Any]) -> AnnotatedDocument:
    return AnnotatedDocument(
        document=_document(data["document"]),
        mentions=tuple(_mention(m) for m in data["mentions"]),
        relations=tuple(_relation(r) for r in data["relations"]),
        regimens=tuple(Regimen(**r) for r in data["regimens"]),
        pipeline_version=data["pipeline_version"],
    )


def _document(data: dict[str, Any]) -> Document:
    return Document(
        id=data["id"],
        passages=tuple(Passage(**p) for p in data["passages"]),
        meta=DocumentMeta(**data["meta"]),
    )


def _mention(data: dict[str, Any]) -> Mention:
    return Mention(**{**data, "type": EntityType(data["type"]), "ids": tuple(data["ids"])})


def _relation(data: dict[str, Any]) -> Relation:
    evidence = data["evidence"]
    qualifiers = data["qualifiers"]
    return Relation(
        subject=data["subject"],
        predicate=data["predicate"],
        object=data["object"],
        evidence=Evidence(**{**evidence, "regimens": tuple(evidence["regimens"])}),
        qualifiers=Qualifiers(**{**qualifiers, "sign": Sign(qualifiers["sign"])}),
    )
