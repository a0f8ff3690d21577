"""Writing annotated documents: PubTator, BioC JSON and irkg JSON Lines.

Every writer keeps ``Document.text`` offsets, so gold and predictions compare directly:

* PubTator has one title line and one abstract line per document. The text up to its first
  newline is the title, the rest the abstract, with any further newline, carriage return or tab
  written as a space: same length, so the PubTator reader places every character (and every
  annotation offset) exactly where ``Document.text`` has it. The identifier column holds the
  mention's prediction (its first CURIE).
* BioC JSON keeps the passages (document-level offsets, as BioC defines them); each annotation
  sits in the passage that contains its start, with every CURIE in ``identifier`` joined by ","
  and the taxon, score and source as infons.
* JSON Lines: one ``to_record(AnnotatedDocument)`` per line (everything, lossless);
  ``read_annotated_jsonl`` reads it back.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from kg.errors import InputError
from kg.model import AnnotatedDocument, Mention, from_record, to_record

FORMATS = ("pubtator", "biocjson", "jsonl")
_FLATTEN = str.maketrans({"\n": " ", "\r": " ", "\t": " "})


def write_annotated(documents: Iterable[AnnotatedDocument], out: TextIO, format: str) -> int:
    """Write documents in ``format`` (one of ``FORMATS``); returns how many were written."""
    if format == "pubtator":
        return _count(out.write(pubtator_block(d)) for d in documents)
    if format == "jsonl":
        return _count(
            out.write(json.dumps(to_record(d), ensure_ascii=False) + "\n") for d in documents
        )
    if format == "biocjson":
        return write_bioc_json(documents, out)
    raise ValueError(f"unknown output format {format!r}; known: {', '.join(FORMATS)}")


def pubtator_block(annotated: AnnotatedDocument) -> str:
    """One document in PubTator format, ending with a blank line."""
    doc = annotated.document
    text = doc.text
    title, newline, rest = text.partition("\n")
    lines = [f"{doc.id}|t|{title.translate(_FLATTEN)}"]
    if newline:
        lines.append(f"{doc.id}|a|{rest.translate(_FLATTEN)}")
    for m in annotated.mentions:
        lines.append(
            "\t".join(
                (
                    doc.id,
                    str(m.start),
                    str(m.end),
                    m.text.translate(_FLATTEN),
                    m.type.value,
                    m.ids[0] if m.ids else "",
                )
            )
        )
    return "\n".join(lines) + "\n\n"


def write_bioc_json(documents: Iterable[AnnotatedDocument], out: TextIO) -> int:
    """A BioC JSON collection, streamed document by document."""
    out.write('{"source": "irkg", "key": "irkg.key", "infons": {}, "documents": [')
    count = 0
    for annotated in documents:
        out.write(("," if count else "") + "\n" + json.dumps(bioc_document(annotated)))
        count += 1
    out.write("\n]}\n")
    return count


def bioc_document(annotated: AnnotatedDocument) -> dict:
    doc = annotated.document
    passages = [
        {
            "offset": p.offset,
            "text": p.text,
            "infons": {"type": p.section},
            "annotations": [],
            "sentences": [],
            "relations": [],
        }
        for p in doc.passages
    ]
    for number, m in enumerate(annotated.mentions):
        target = _passage_index(annotated, m)
        if target is None:
            continue
        passages[target]["annotations"].append(_bioc_annotation(number, m))
    infons = {"pipeline_version": annotated.pipeline_version}
    if doc.meta.pmid:
        infons["pmid"] = doc.meta.pmid
    return {"id": doc.id, "infons": infons, "passages": passages, "relations": []}


def _passage_index(annotated: AnnotatedDocument, mention: Mention) -> int | None:
    for i, p in enumerate(annotated.document.passages):
        if p.offset <= mention.start < p.end or (mention.start == p.offset == p.end):
            return i
    return None


def _bioc_annotation(number: int, m: Mention) -> dict:
    infons = {"type": m.type.value, "identifier": ",".join(m.ids), "score": f"{m.score:.4g}"}
    if m.taxon:
        infons["taxon"] = m.taxon
    if m.source:
        infons["source"] = m.source
    return {
        "id": f"T{number}",
        "infons": infons,
        "text": m.text,
        "locations": [{"offset": m.start, "length": m.end - m.start}],
    }


def read_annotated_jsonl(path: str | Path) -> Iterator[AnnotatedDocument]:
    """Documents written by ``write_annotated(..., "jsonl")``; a bad line raises ``InputError``."""
    with Path(path).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                yield from_record(AnnotatedDocument, json.loads(line))
            except (ValueError, KeyError, TypeError) as exc:
                raise InputError(str(path), number, f"not an annotated document: {exc}") from None


def _count(results: Iterable[object]) -> int:
    return sum(1 for _ in results)
