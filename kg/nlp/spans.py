"""Character ranges -> spaCy spans, splitting tokens where an entity ends inside one.

The scispaCy tokenizer keeps "lithium-induced", "cGAS/STING" and "MC38-bearing" as one token,
but the gold corpora annotate "lithium", "cGAS" and "MC38" inside them (15% of BC5CDR chemicals,
11-21% of genes). A span must sit on token boundaries to become an entity, so components that
find such ranges split the tokens at the range edges. Splitting keeps every existing entity and
span group (they are re-created from their character offsets afterwards), and it is a no-op when
the tokenizer already splits there.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

_TEXT_KEY = "irkg_text"


@dataclass(frozen=True, slots=True)
class CharSpan:
    """A labelled character range of a doc (what recognisers find before spans exist)."""

    start: int
    end: int
    label: str

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"bad character span {self.start}-{self.end}")


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per doc: spaCy rebuilds it from every token on each access,
    and splitting tokens never changes it. Kept in ``doc.user_data`` (a plain string)."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None or len(text) != _text_length(doc):
        text = doc.text
        doc.user_data[_TEXT_KEY] = text
    return text


def _text_length(doc: Doc) -> int:
    if not len(doc):
        return 0
    last = doc[-1]
    return last.idx + len(last.text_with_ws)


def _cuts_inside_tokens(doc: Doc, offsets: Iterable[int]) -> dict[int, list[int]]:
    """token index -> sorted character offsets strictly inside that token."""
    from spacy.attrs import IDX, LENGTH

    if not len(doc):
        return {}
    columns = doc.to_array([IDX, LENGTH])  # no Token objects: this runs on every document
    starts = columns[:, 0].tolist()
    ends = (columns[:, 0] + columns[:, 1]).tolist()
    cuts: dict[int, set[int]] = defaultdict(set)
    for offset in offsets:
        i = bisect_right(starts, offset) - 1
        if i >= 0 and starts[i] < offset < ends[i]:
            cuts[i].add(offset)
    return {i: sorted(c) for i, c in cuts.items()}


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
    text = doc_text(doc)
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
