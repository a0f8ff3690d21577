"""Candidate spans of all recognisers -> ``doc.ents`` (``irkg_merge_v1``).

Recognisers only propose: the dictionary writes ``doc.spans["irkg_dict"]``, the trained model
``doc.spans["irkg_model"]``. This step is the one place that decides which candidates become
entities. Its rule for the dictionary path: longest first; between equally long candidates the
span key listed first wins, then the type listed first in ``type_priority``. A candidate that
overlaps one already taken is dropped. The hybrid recogniser plugs in its own policy by
subclassing ``EntityMerger`` and overriding ``choose``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TypeVar

from kg.model import EntityType

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

DEFAULT_TYPE_PRIORITY = (
    EntityType.DISEASE.value,
    EntityType.CHEMICAL.value,
    EntityType.GENE.value,
    EntityType.CELL_LINE.value,
    EntityType.RADIOTHERAPY.value,
    EntityType.SPECIES.value,
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """One proposed entity: which span group proposed it, and where."""

    key: str
    start: int  # token offsets in the doc
    end: int
    start_char: int
    end_char: int
    label: str


class EntityMerger:
    """Chooses non-overlapping entities from span groups and writes ``doc.ents``."""

    def __init__(
        self,
        *,
        span_keys: Sequence[str] = ("irkg_dict",),
        type_priority: Sequence[str] = DEFAULT_TYPE_PRIORITY,
    ) -> None:
        if not span_keys:
            raise ValueError("EntityMerger needs at least one span key")
        self.span_keys = tuple(span_keys)
        self.type_priority = {t: i for i, t in enumerate(type_priority)}

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[Candidate]:
        """The chosen candidates, in text order."""
        return sorted(self.choose(self.candidates(doc)), key=lambda c: c.start_char)

    def candidates(self, doc: Doc) -> list[Candidate]:
        found = []
        for key in self.span_keys:
            for span in doc.spans.get(key, ()):
                found.append(
                    Candidate(
                        key, span.start, span.end, span.start_char, span.end_char, span.label_
                    )
                )
        return found

    def choose(self, candidates: Iterable[Candidate]) -> list[Candidate]:
        """Longest first, then span-key order, then type priority; no overlaps."""
        key_rank = {k: i for i, k in enumerate(self.span_keys)}
        ranked = sorted(
            candidates,
            key=lambda c: (
                -(c.end_char - c.start_char),
                key_rank[c.key],
                self.type_priority.get(c.label, len(self.type_priority)),
                c.start_char,
            ),
        )
        return take_greedily(ranked, bytearray(max((c.end for c in ranked), default=0)))

    def set_annotations(self, doc: Doc, chosen: list[Candidate]) -> None:
        from spacy.tokens import Span

        ents: list[Span] = []
        for c in chosen:
            span = Span(doc, c.start, c.end, label=c.label)
            # attributes are stored by character offsets: the candidate's source carries over
            if not span._.source:
                span._.source = c.key
            ents.append(span)
        doc.ents = ents


class _TokenSpan(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


S = TypeVar("S", bound=_TokenSpan)


def take_greedily(ranked: Iterable[S], taken: bytearray) -> list[S]:
    """Take candidates in rank order unless they overlap a token already taken (``taken`` has
    one byte a token and is marked in place): the one overlap rule of every merge."""
    chosen = []
    for c in ranked:
        if not any(taken[c.start : c.end]):
            taken[c.start : c.end] = b"\x01" * (c.end - c.start)
            chosen.append(c)
    return chosen
