"""How the hybrid recogniser merges the trained model's candidates with the dictionary's.

The model learnt the corpora's conventions (where a name starts and ends, "insulin" as a gene in
one context and a chemical in another), the dictionary knows millions of names the model never
saw. The rules, in order:

1. **Every model candidate is a candidate entity.** When two model heads claim overlapping
   tokens, the one the dictionary confirms (same span, same type) wins, then the longer span,
   then the type listed first in ``type_priority``.
2. **The model wins on overlap.** A dictionary candidate that overlaps a kept model span is
   dropped: the model decides boundaries and type there. The dictionary still informs IDs,
   because the normaliser runs on the merged entities afterwards.
3. **The dictionary alone adds a span only by its type's rule** (``DictionaryRule``):
   ``always`` - any dictionary span nobody contradicts; ``seen`` - only if the model found the
   same text (case-insensitive) with the same type elsewhere in the document (a name the model
   recognised once is the same name in the next sentence); ``never``.
   Rules per type are chosen on the tune set (train documents held out from training, never
   dev) and recorded in docs/EVALUATION.md.
4. Dictionary candidates that overlap each other are resolved like the dictionary path does
   (longest first, then type priority).

Everything downstream (abbreviations, normalisation, species) is the same for all recognisers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol


class DictionaryRule(StrEnum):
    """When a dictionary span with no model span on its tokens becomes an entity."""

    ALWAYS = "always"
    SEEN = "seen"
    NEVER = "never"


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
    """The hybrid rules' settings (see the module docstring)."""

    model_key: str = "irkg_model"
    dictionary_key: str = "irkg_dict"
    dictionary_alone: Mapping[str, DictionaryRule] = field(default_factory=dict)
    default_rule: DictionaryRule = DictionaryRule.SEEN
    type_priority: Sequence[str] = DEFAULT_TYPE_PRIORITY

    def __post_init__(self) -> None:
        if self.model_key == self.dictionary_key:
            raise ValueError("model_key and dictionary_key must differ")
        for label, rule in self.dictionary_alone.items():
            if not isinstance(rule, DictionaryRule):
                raise ValueError(f"rule for {label} must be a DictionaryRule, got {rule!r}")

    def rule_for(self, label: str) -> DictionaryRule:
        return self.dictionary_alone.get(label, self.default_rule)


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
    model = [c for c in candidates if c.key == policy.model_key]
    dictionary = [c for c in candidates if c.key == policy.dictionary_key]
    confirmed = {(c.start, c.end, c.label) for c in dictionary}
    priority = {label: i for i, label in enumerate(policy.type_priority)}

    def rank(c: SpanCandidate) -> tuple[int, int, int, int]:
        agreed = 0 if (c.start, c.end, c.label) in confirmed else 1
        return (agreed, -(c.end - c.start), priority.get(c.label, len(priority)), c.start)

    size = max((c.end for c in candidates), default=0)
    taken = bytearray(size)
    kept = _greedy(sorted(model, key=rank), taken)
    texts = text_of or {}
    seen = {
        (texts[(c.start, c.end)].casefold(), c.label) for c in kept if (c.start, c.end) in texts
    }

    def allowed(c: SpanCandidate) -> bool:
        rule = policy.rule_for(c.label)
        if rule is DictionaryRule.ALWAYS:
            return True
        if rule is DictionaryRule.SEEN:
            text = texts.get((c.start, c.end))
            return text is not None and (text.casefold(), c.label) in seen
        return False

    # a dictionary span touching a kept model span is dropped (rule 2), even if that model span
    # would not have blocked a longer dictionary span elsewhere
    alone = [c for c in dictionary if allowed(c) and not any(taken[c.start : c.end])]
    ranked = sorted(
        alone, key=lambda c: (-(c.end - c.start), priority.get(c.label, len(priority)), c.start)
    )
    chosen = kept + _greedy(ranked, taken)
    return sorted(chosen, key=lambda c: (c.start, c.end))


def _greedy(ranked: list[SpanCandidate], taken: bytearray) -> list[SpanCandidate]:
    """Take candidates in order unless they overlap a token already taken (marked in place)."""
    chosen = []
    for c in ranked:
        if not any(taken[c.start : c.end]):
            taken[c.start : c.end] = b"\x01" * (c.end - c.start)
            chosen.append(c)
    return chosen
