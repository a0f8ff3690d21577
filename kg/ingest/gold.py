"""Gold annotations from corpora (PubTator lines, BioC annotations) -> ``Mention``s.

One place decides how corpus types and identifiers map onto irkg's, and what happens when an
annotation does not fit its document: offsets outside the text or a text that differs from the
document at those offsets are reported (``file:position: reason``) and the annotation is
skipped; it is never silently moved or dropped.
"""

from __future__ import annotations

import functools
import re

from kg.ids import normalize_curie
from kg.ingest.context import ReadContext
from kg.ingest.report import Skipped
from kg.model import EntityType, Mention

_ID_SPLIT = re.compile(r"[|,;+]")
# normalize_curie passes unknown "prefix:local" through; a CURIE must still look like one.
_CURIE = re.compile(r"[A-Za-z][\w.-]*:[^\s:][^\s]*")
_TAXON = re.compile(r"(.+?)\s*\(tax:\s*(\d+)\)", re.IGNORECASE)
# NCBI-disease's mention classes are all disease mentions.
_TYPE_ALIASES = {
    "specificdisease": EntityType.DISEASE,
    "diseaseclass": EntityType.DISEASE,
    "modifier": EntityType.DISEASE,
    "compositemention": EntityType.DISEASE,
    "individualmention": EntityType.DISEASE,
}


@functools.lru_cache(maxsize=256)
def entity_type(raw: str) -> EntityType | None:
    """The irkg type of a corpus type name, or None for types irkg does not model."""
    alias = _TYPE_ALIASES.get(raw.strip().lower())
    if alias is not None:
        return alias
    try:
        return EntityType.parse(raw)
    except ValueError:
        return None


def parse_ids(raw: str, kind: EntityType) -> tuple[tuple[str, ...], str | None, list[str]]:
    """The CURIEs, taxon and unreadable parts of a corpus identifier field.

    Empty, ``-`` and ``-1`` mean no id; several ids are joined by ``|``, ``,``, ``;`` or ``+``
    (NCBI-disease's composite concepts); GNormPlus writes ``5728(Tax:9606)``; tmVar ``OMIM_...``.
    """
    ids: list[str] = []
    bad: list[str] = []
    taxon: str | None = None
    for part in _ID_SPLIT.split(raw):
        value = part.strip()
        if value in ("", "-", "-1"):
            continue
        tax = _TAXON.fullmatch(value)
        if tax is not None:
            value = tax.group(1)
            taxon = taxon or f"NCBITaxon:{tax.group(2)}"
        if value.upper().startswith("OMIM_"):
            value = "OMIM:" + value[5:]
        try:
            curie = normalize_curie(value, kind.value)
        except ValueError:
            curie = ""
        if not _CURIE.fullmatch(curie):
            bad.append(value)
            continue
        if curie not in ids:
            ids.append(curie)
    return tuple(ids), taxon, bad


def gold_mention(
    context: ReadContext,
    position: str | int,
    *,
    doc_id: str,
    text: str,
    start: int,
    end: int,
    gold: str,
    raw_type: str,
    raw_ids: str,
) -> Mention | None:
    """A gold ``Mention`` if the annotation fits ``text``; otherwise report it and return None."""
    kind = entity_type(raw_type)
    if kind is None:
        context.report.ignore(f"type {raw_type.strip() or '(none)'}")
        return None

    def skip(reason: str, problem: str) -> None:
        context.problem(position, reason, kind=problem, skipped=Skipped.ANNOTATION)

    if not 0 <= start <= end <= len(text):
        skip(f"offsets {start}-{end} lie outside the text (length {len(text)})", "bad offsets")
        return None
    if text[start:end] != gold:
        skip(
            f"text {text[start:end]!r} at {start}-{end} does not match the annotation {gold!r}",
            "text mismatch",
        )
        return None
    ids, taxon, bad = parse_ids(raw_ids, kind)
    if bad:
        context.problem(
            position,
            f"unreadable identifier(s) {', '.join(map(repr, bad))} dropped from {gold!r}",
            kind="bad identifier",
            skipped=Skipped.IDENTIFIER,
        )
    return Mention(doc_id, start, end, gold, kind, ids, 1.0, "gold", taxon)
