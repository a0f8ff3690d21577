"""Trigger words of typed relations: which word means which predicate and which sign.

A relation read from text is only as good as its trigger, so the vocabulary is explicit and
small: every lemma lists its predicate, its sign and the forms it takes (verb forms, past
participle, nominalisations). The relation rules (``kg.nlp.relations``) ask this table for
regular-expression alternations by form class, and map a matched word back to its trigger.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.model import Sign

AFFECTS = "biolink:affects"
INTERACTS = "biolink:physically_interacts_with"
TREATS = "biolink:treats_or_applied_or_studied_to_treat"
RELATED = "biolink:related_to"


@dataclass(frozen=True, slots=True)
class Trigger:
    """One trigger lemma and the forms it is written in."""

    lemma: str
    predicate: str
    sign: Sign
    verbs: tuple[str, ...]  # finite and non-finite verb forms: activate, activates, activating
    participles: tuple[str, ...]  # past participles: activated (passives, "X-induced")
    nouns: tuple[str, ...]  # nominalisations: activation, blockade

    def __post_init__(self) -> None:
        if not self.predicate.startswith("biolink:"):
            raise ValueError(f"trigger {self.lemma!r}: predicate must be biolink")
        if not (self.verbs or self.nouns):
            raise ValueError(f"trigger {self.lemma!r} has no forms")


def _verb(
    lemma: str,
    predicate: str,
    sign: Sign,
    *,
    nouns: tuple[str, ...] = (),
    past: str = "",
    extra: tuple[str, ...] = (),
) -> Trigger:
    """A trigger with regular English verb forms (irregular past given as ``past``)."""
    if lemma.endswith("e"):
        third, participle, gerund = lemma + "s", lemma + "d", lemma[:-1] + "ing"
    elif lemma.endswith(("ss", "sh")):
        third, participle, gerund = lemma + "es", lemma + "ed", lemma + "ing"
    else:
        third, participle, gerund = lemma + "s", lemma + "ed", lemma + "ing"
    participle = past or participle
    verbs = (lemma, third, participle, gerund, *extra)
    return Trigger(lemma, predicate, sign, verbs, (participle,), nouns)


_P, _N, _0 = Sign.POSITIVE, Sign.NEGATIVE, Sign.NONE

TRIGGERS: tuple[Trigger, ...] = (
    # positive effects
    _verb("activate", AFFECTS, _P, nouns=("activation",)),
    _verb("induce", AFFECTS, _P, nouns=("induction",)),
    _verb("stimulate", AFFECTS, _P, nouns=("stimulation",)),
    _verb("upregulate", AFFECTS, _P, nouns=("upregulation",)),
    _verb("up-regulate", AFFECTS, _P, nouns=("up-regulation",)),
    _verb("phosphorylate", AFFECTS, _P, nouns=("phosphorylation",)),
    _verb("enhance", AFFECTS, _P, nouns=("enhancement",)),
    _verb("promote", AFFECTS, _P, nouns=("promotion",)),
    _verb("trigger", AFFECTS, _P),
    _verb("increase", AFFECTS, _P),
    _verb("elevate", AFFECTS, _P, nouns=("elevation",)),
    _verb("augment", AFFECTS, _P, nouns=("augmentation",)),
    _verb("potentiate", AFFECTS, _P, nouns=("potentiation",)),
    _verb("amplify", AFFECTS, _P, past="amplified", extra=("amplifies",)),
    _verb("boost", AFFECTS, _P),
    _verb("cause", AFFECTS, _P),
    _verb("produce", AFFECTS, _P),
    _verb("evoke", AFFECTS, _P),
    _verb("elicit", AFFECTS, _P),
    _verb("provoke", AFFECTS, _P),
    _verb("precipitate", AFFECTS, _P),
    _verb("aggravate", AFFECTS, _P, nouns=("aggravation",)),
    _verb("exacerbate", AFFECTS, _P, nouns=("exacerbation",)),
    _verb("worsen", AFFECTS, _P),
    _verb("mediate", AFFECTS, _P),
    _verb("lead", AFFECTS, _P, past="led"),
    # negative effects
    _verb("inhibit", AFFECTS, _N, nouns=("inhibition",)),
    _verb("suppress", AFFECTS, _N, nouns=("suppression",)),
    _verb("block", AFFECTS, _N, nouns=("blockade", "blockage")),
    _verb("downregulate", AFFECTS, _N, nouns=("downregulation",)),
    _verb("down-regulate", AFFECTS, _N, nouns=("down-regulation",)),
    _verb("deplete", AFFECTS, _N, nouns=("depletion",)),
    _verb("abrogate", AFFECTS, _N, nouns=("abrogation",)),
    _verb("attenuate", AFFECTS, _N, nouns=("attenuation",)),
    _verb("reduce", AFFECTS, _N, nouns=("reduction",)),
    _verb("decrease", AFFECTS, _N),
    _verb("impair", AFFECTS, _N, nouns=("impairment",)),
    _verb("abolish", AFFECTS, _N),
    _verb("diminish", AFFECTS, _N),
    _verb("antagonize", AFFECTS, _N, nouns=("antagonism",)),
    _verb("prevent", AFFECTS, _N, nouns=("prevention",)),
    # physical interaction (symmetric in the graph; the text's order is kept)
    _verb("bind", INTERACTS, _0, past="bound", nouns=("binding",)),
    _verb("interact", INTERACTS, _0, nouns=("interaction",)),
    _verb("target", INTERACTS, _0),
    # treatment
    _verb("treat", TREATS, _0, nouns=("treatment", "therapy")),
)

# Words that name a drug by what it does to a target: "the PD-1 inhibitor pembrolizumab".
AGENT_NOUNS: dict[str, Sign] = {
    "inhibitor": _N,
    "antagonist": _N,
    "blocker": _N,
    "antibody": _N,
    "mab": _N,
    "anti-": _N,
    "agonist": _P,
    "activator": _P,
}


@cache
def _by_form() -> dict[str, Trigger]:
    table: dict[str, Trigger] = {}
    for trigger in TRIGGERS:
        for form in (*trigger.verbs, *trigger.participles, *trigger.nouns):
            if form in table and table[form] is not trigger:
                raise ValueError(f"trigger form {form!r} belongs to two lemmas")
            table[form] = trigger
            if form in trigger.nouns:
                table[form + "s"] = trigger
    return table


def trigger_for(word: str) -> Trigger | None:
    """The trigger a written word belongs to (case-insensitive), or None."""
    return _by_form().get(word.lower())


def agent_sign(word: str) -> Sign | None:
    """The sign of an agent noun such as ``inhibitor(s)`` or ``anti-``, or None."""
    key = word.lower()
    if key.endswith("s") and key[:-1] in AGENT_NOUNS:
        key = key[:-1]
    return AGENT_NOUNS.get(key)


@cache
def alternation(kind: str, predicate: str | None = None) -> str:
    """A regex alternation of all forms of one class: ``verbs``, ``participles`` or ``nouns``.

    Longest forms first, so ``activation`` is never cut to ``activat``; nouns also match their
    plural. ``predicate`` restricts the alternation to triggers of that predicate.
    """
    if kind not in {"verbs", "participles", "nouns"}:
        raise ValueError(f"unknown trigger form class {kind!r}")
    forms: set[str] = set()
    for trigger in TRIGGERS:
        if predicate is not None and trigger.predicate != predicate:
            continue
        for form in getattr(trigger, kind):
            forms.add(re.escape(form) + ("s?" if kind == "nouns" else ""))
    return "(?:" + "|".join(sorted(forms, key=lambda f: (-len(f), f))) + ")"
