"""Character ranges -> spaCy spans, splitting tokens where an entity ends inside one.

The scispaCy tokenizer keeps "lithium-induced", "cGAS/STING" and "MC38-bearing" as one token,
but the gold corpora annotate "lithium", "cGAS" and "MC38" inside them (15% of BC5CDR chemicals,
11-21% of genes). A span must sit on token boundaries to become an entity, so components that
find such ranges split the tokens at the range edges. Splitting keeps every existing entity and
span group (they are re-created from their character offsets afterwards), and it is a no-op when
the tokenizer already splits there.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


@dataclass(frozen=True, slots=True)
class CharSpan:
    """A labelled character range of a doc (what recognisers find before spans exist)."""

    start: int
    end: int
    label: str

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"bad character span {self.start}-{self.end}")


def _cuts_inside_tokens(doc: Doc, offsets: Iterable[int]) -> dict[int, list[int]]:
    """token index -> sorted character offsets strictly inside that token."""
    starts = {token.idx: token.i for token in doc}
    cuts: dict[int, set[int]] = defaultdict(set)
    text_len = len(doc.text)
    for offset in offsets:
        if offset in starts or offset <= 0 or offset >= text_len:
            continue
        token = _token_at(doc, offset)
        if token is not None and token.idx < offset < token.idx + len(token.text):
            cuts[token.i].add(offset)
    return {i: sorted(c) for i, c in cuts.items()}


def _token_at(doc: Doc, offset: int):
    """The token whose characters contain ``offset`` (binary search over token starts)."""
    lo, hi = 0, len(doc) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        token = doc[mid]
        if offset < token.idx:
            hi = mid - 1
        elif offset >= token.idx + len(token.text):
            lo = mid + 1
        else:
            return token
    return None


def align_to_tokens(doc: Doc, ranges: Iterable[tuple[int, int]]) -> int:
    """Split tokens so that every (start, end) range lies on token boundaries.

    Returns the number of tokens split. Entities and span groups are kept.
    """
    offsets: list[int] = []
    for start, end in ranges:
        offsets.extend((start, end))
    cuts = _cuts_inside_tokens(doc, offsets)
    if not cuts:
        return 0
    ents = [(e.start_char, e.end_char, e.label_, e.kb_id_) for e in doc.ents]
    groups = {
        key: [(s.start_char, s.end_char, s.label_, s.kb_id_) for s in group]
        for key, group in doc.spans.items()
    }
    doc.ents = []
    text = doc.text  # built from the tokens on every access: once here
    with doc.retokenize() as retokenizer:
        for index, positions in cuts.items():
            token = doc[index]
            bounds = [token.idx, *positions, token.idx + len(token.text)]
            orths = [text[a:b] for a, b in pairwise(bounds)]
            heads = [(token, 0)] * len(orths)
            retokenizer.split(token, orths, heads=heads)
    doc.ents = [s for s in (_char_span(doc, *e) for e in ents) if s is not None]
    for key, spans in groups.items():
        doc.spans[key] = [s for s in (_char_span(doc, *e) for e in spans) if s is not None]
    return len(cuts)


def _char_span(doc: Doc, start: int, end: int, label: str, kb_id: str = "") -> Span | None:
    return doc.char_span(start, end, label=label, kb_id=kb_id)


def to_spans(doc: Doc, found: Iterable[CharSpan]) -> list[Span]:
    """Spans for character ranges, splitting tokens first where needed."""
    found = list(found)
    align_to_tokens(doc, ((c.start, c.end) for c in found))
    spans = []
    for c in found:
        span = doc.char_span(c.start, c.end, label=c.label)
        if span is None:  # only whitespace-edge ranges can fail; recognisers never emit them
            raise ValueError(f"range {c.start}-{c.end} {doc.text[c.start : c.end]!r} not aligned")
        spans.append(span)
    return spans
