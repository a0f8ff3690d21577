"""How the hybrid recogniser merges the trained model's candidates with the dictionary's.

The model learnt the corpora's conventions (where a name starts and ends, "insulin" as a gene in
one context and a chemical in another); the dictionary knows millions of names the model never
saw, with their identifiers. Each source first settles its own overlaps (the model: a span the
dictionary confirms first, then the longer, then ``type_priority``; the dictionary: the longer,
then ``type_priority``). Then, with T the entity type of the model span involved:

1. **Agreement**: a model span with the same offsets and type as a dictionary span is kept.
2. **Conflict** (overlapping spans that do not agree): between spans of the same type T the
   source that ``prefer[T]`` names wins (a disagreement on boundaries); between types, the
   source that ``prefer_across[D]`` names wins, D being the dictionary span's type ("MC38" as a
   model gene against a Cellosaurus cell line). A span is kept when it wins against every
   rival; the loser is dropped. ``neither`` drops both: the two disagree, so neither is
   trusted ("filamin": a MeSH protein to the dictionary, a gene to the model, a gene family
   that GNormPlus does not annotate as a gene).
3. **The model alone** (no dictionary span on its tokens) adds its span when
   ``model_alone[T]`` is true.
4. **The dictionary alone** (no model span on its tokens) adds its span by its own type's
   ``DictionaryRule``: ``always``; ``seen`` - only if the model found the same text
   (case-insensitive) with the same type elsewhere in the document; ``never``.

The settings per type are chosen on the tune set (train documents held out from training) by
``bench/hybrid_policy.py``, dev vetoing a type's choice where it is worse than the dictionary
path, and written down in ``kg.nlp.model``. Everything downstream
(abbreviations, ambiguity control, normalisation, species) is the same for all recognisers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

from kg.nlp.merge import take_greedily


class DictionaryRule(StrEnum):
    """When a dictionary span with no model span on its tokens becomes an entity."""

    ALWAYS = "always"
    SEEN = "seen"
    NEVER = "never"


class Source(StrEnum):
    """Which recogniser wins a conflict (``NEITHER``: both spans are dropped)."""

    MODEL = "model"
    DICTIONARY = "dictionary"
    NEITHER = "neither"


class SpanCandidate(Protocol):
    """What the rules read of a candidate (``kg.nlp.merge.Candidate`` fits)."""

    @property
    def key(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def label(self) -> str: ...


DEFAULT_TYPE_PRIORITY = ("CellLine", "Disease", "Chemical", "Gene")


@dataclass(frozen=True, slots=True)
class HybridPolicy:
    """The hybrid rules' settings per type (see the module docstring); unlisted types use the
    defaults."""

    model_key: str = "irkg_model"
    dictionary_key: str = "irkg_dict"
    prefer: Mapping[str, Source] = field(default_factory=dict)
    prefer_across: Mapping[str, Source] = field(default_factory=dict)
    model_alone: Mapping[str, bool] = field(default_factory=dict)
    dictionary_alone: Mapping[str, DictionaryRule] = field(default_factory=dict)
    default_prefer: Source = Source.MODEL
    default_prefer_across: Source = Source.MODEL
    default_model_alone: bool = True
    default_rule: DictionaryRule = DictionaryRule.SEEN
    type_priority: Sequence[str] = DEFAULT_TYPE_PRIORITY

    def __post_init__(self) -> None:
        if self.model_key == self.dictionary_key:
            raise ValueError("model_key and dictionary_key must differ")
        for label, rule in self.dictionary_alone.items():
            if not isinstance(rule, DictionaryRule):
                raise ValueError(f"rule for {label} must be a DictionaryRule, got {rule!r}")
        for label, source in [*self.prefer.items(), *self.prefer_across.items()]:
            if not isinstance(source, Source):
                raise ValueError(f"prefer for {label} must be a Source, got {source!r}")

    def rule_for(self, label: str) -> DictionaryRule:
        return self.dictionary_alone.get(label, self.default_rule)

    def winner(self, model_label: str, dictionary_label: str) -> Source:
        """Who wins a conflict between a model span and a dictionary span."""
        if model_label == dictionary_label:
            return self.prefer.get(model_label, self.default_prefer)
        return self.prefer_across.get(dictionary_label, self.default_prefer_across)

    def adds_model_alone(self, label: str) -> bool:
        return self.model_alone.get(label, self.default_model_alone)


def _owners(spans: list[SpanCandidate], size: int) -> list[int]:
    """For each token, the index of the (non-overlapping) span covering it, or -1."""
    owner = [-1] * size
    for i, c in enumerate(spans):
        owner[c.start : c.end] = [i] * (c.end - c.start)
    return owner


def _rivals(c: SpanCandidate, owner: list[int], spans: list[SpanCandidate]) -> list[SpanCandidate]:
    """The spans of the other source on ``c``'s tokens (linear in the span's length)."""
    found = dict.fromkeys(i for i in owner[c.start : c.end] if i >= 0)
    return [spans[i] for i in found]


def choose_hybrid(
    candidates: Iterable[SpanCandidate],
    policy: HybridPolicy,
    text_of: Mapping[tuple[int, int], str] | None = None,
) -> list[SpanCandidate]:
    """The entities the hybrid rules keep, in text order.

    ``text_of`` maps (start, end) token offsets to the span's text, for the ``seen`` rule;
    without it ``seen`` never adds a span.
    """
    candidates = list(candidates)
    size = max((c.end for c in candidates), default=0)
    priority = {label: i for i, label in enumerate(policy.type_priority)}

    def plain_rank(c: SpanCandidate) -> tuple[int, int, int]:
        return (-(c.end - c.start), priority.get(c.label, len(priority)), c.start)

    dictionary = take_greedily(
        sorted((c for c in candidates if c.key == policy.dictionary_key), key=plain_rank),
        bytearray(size),
    )
    confirmed = {(c.start, c.end, c.label) for c in dictionary}
    model = take_greedily(
        sorted(
            (c for c in candidates if c.key == policy.model_key),
            key=lambda c: ((c.start, c.end, c.label) not in confirmed, *plain_rank(c)),
        ),
        bytearray(size),
    )
    texts = text_of or {}
    seen = {
        (texts[(c.start, c.end)].casefold(), c.label) for c in model if (c.start, c.end) in texts
    }

    ranked: list[tuple[int, SpanCandidate]] = []  # tier: 0 agreed, 1 won, 2 alone
    model_at, dictionary_at = _owners(model, size), _owners(dictionary, size)
    for m in model:
        rivals = _rivals(m, dictionary_at, dictionary)
        if not rivals:
            if policy.adds_model_alone(m.label):
                ranked.append((2, m))
        elif (m.start, m.end, m.label) in confirmed:
            ranked.append((0, m))
        elif all(policy.winner(m.label, d.label) is Source.MODEL for d in rivals):
            ranked.append((1, m))
    for d in dictionary:
        rivals = _rivals(d, model_at, model)
        if not rivals:
            if _dictionary_alone(d, policy, texts, seen):
                ranked.append((2, d))
        elif any((m.start, m.end, m.label) == (d.start, d.end, d.label) for m in rivals):
            continue  # agreement: the model's copy stands for both
        elif all(policy.winner(m.label, d.label) is Source.DICTIONARY for m in rivals):
            ranked.append((1, d))
    ranked.sort(key=lambda tc: (tc[0], *plain_rank(tc[1])))
    chosen = take_greedily([c for _, c in ranked], bytearray(size))
    return sorted(chosen, key=lambda c: (c.start, c.end))


def _dictionary_alone(
    c: SpanCandidate,
    policy: HybridPolicy,
    texts: Mapping[tuple[int, int], str],
    seen: set[tuple[str, str]],
) -> bool:
    rule = policy.rule_for(c.label)
    if rule is DictionaryRule.ALWAYS:
        return True
    if rule is DictionaryRule.SEEN:
        text = texts.get((c.start, c.end))
        return text is not None and (text.casefold(), c.label) in seen
    return False
