"""The patterns that read a typed, directed relation between two entities of one sentence.

There is no biomedical dependency parser available offline (scispaCy's models are not on PyPI),
so relations are read from the words around a pair of entities, with every other entity of the
sentence masked as ``@E@``. Each rule looks at up to three strings:

* ``between``: the masked text from the end of the left entity to the start of the right one;
* ``left``: the masked text from the sentence start to the left entity;
* ``right``: the masked text from the right entity to the sentence end;

and says where the trigger is, which way the relation points (``reverse``: the right entity is
the subject) and, for rules without a trigger verb, which predicate it is. Rules are tried in
order and the first that matches wins, so passives come before actives ("STING is activated by
cGAMP" is cGAMP -> STING, never STING -> cGAMP).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.model import Sign
from kg.nlp.triggers import AFFECTS, INTERACTS, TREATS, agent_sign, alternation, trigger_for

MASK = "@E@"

# One filler word: anything but another entity, a clause boundary or the agent marker "by".
_STOP = r"(?:by|but|whereas|while|although|however|which|that|than)\b"
W = rf"(?:(?![^\s]*{MASK})(?!{_STOP})[^\s;:,]+\s+)"
# The same without coordination, for nominal patterns ("A and the activation of B" is no A -> B).
WN = rf"(?:(?![^\s]*{MASK})(?!{_STOP})(?!(?:and|or)\b)[^\s;:,]+\s+)"
# Entities coordinated with the subject ("A and C activate B") or listed before the object.
HEAD = rf"(?:\s*(?:,|and|or|as\s+well\s+as|/)\s*{MASK})*"
TAIL = rf"(?:{MASK}\s*(?:,\s*(?:and\s+|or\s+)?|(?:and|or|as\s+well\s+as)\s+|/\s*))*"
BE = r"(?:is|are|was|were|be|been|being)\s+"
# "X is a humanized antibody that ...": the relative clause's subject is X itself.
COPULA = rf"(?:is|are|was|were)\s+(?:an?|the)\s+{WN}{{0,4}}(?:that|which)\s+"
AGENTS = r"(?:inhibitors?|antagonists?|blockers?|antibod(?:y|ies)|mabs?|agonists?|activators?)"


@dataclass(frozen=True, slots=True)
class Rule:
    """One pattern. ``kind`` says how the trigger becomes a predicate and sign:

    ``trigger``: look the word up in ``kg.nlp.triggers``; ``agent``: an agent noun such as
    "inhibitor" (affects, sign of the noun); ``cause``: a causal connective ("due to"),
    affects (+); otherwise ``kind`` is the predicate itself.
    """

    name: str
    between: re.Pattern[str]
    reverse: bool
    kind: str = "trigger"
    left: re.Pattern[str] | None = None
    right: re.Pattern[str] | None = None
    trigger_in: str = "between"


@dataclass(frozen=True, slots=True)
class RuleMatch:
    """What a rule read from a pair: trigger word, predicate, sign and direction."""

    rule: str
    trigger: str
    predicate: str
    sign: Sign
    reverse: bool
    agent: bool = False  # read from an agent noun ("the PD-1 inhibitor pembrolizumab")


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


@cache
def rules() -> tuple[Rule, ...]:
    """All rules, in the order they are tried: agent-last forms (passives, "by", "due to")
    first, then hyphenated and agent-noun forms, then active verbs and nominals, then treatment
    and binding phrases."""
    verbs, pps, nouns = alternation("verbs"), alternation("participles"), alternation("nouns")
    treat = f"(?:{alternation('verbs', TREATS)}|{alternation('nouns', TREATS)})"
    return (
        *_reversed_rules(pps, nouns),
        *_agent_rules(pps),
        *_active_rules(verbs, nouns),
        *_treat_and_binding_rules(treat),
    )


def _reversed_rules(pps: str, nouns: str) -> tuple[Rule, ...]:
    """The subject comes last: "B is activated by A", "B due to A", "activation of B by A"."""
    return (
        Rule(
            "passive",
            _c(
                rf"^{HEAD}\s*,?\s*(?:(?:which|that)\s+)?{W}{{0,3}}{BE}{W}{{0,2}}(?P<t>{pps})\s+"
                rf"{W}{{0,2}}by\s+{W}{{0,3}}{TAIL}$"
            ),
            reverse=True,
        ),
        Rule(
            "reduced_passive",
            _c(rf"^{HEAD}\s*,?\s*{W}{{0,2}}(?P<t>{pps})\s+{W}{{0,1}}by\s+{W}{{0,3}}{TAIL}$"),
            reverse=True,
        ),
        Rule(
            "due_to",
            _c(
                rf"^{HEAD}\s*,?\s*{W}{{0,2}}(?P<t>due|secondary|attributable|attributed)\s+to\s+"
                rf"{W}{{0,3}}{TAIL}$"
            ),
            reverse=True,
            kind="cause",
        ),
        Rule(
            "noun_by",
            _c(rf"^{HEAD}\s*[-–]?\s*{WN}{{0,1}}(?P<t>{nouns})\s+by\s+{W}{{0,3}}{TAIL}$"),
            reverse=True,
        ),
        Rule(
            "noun_of_by",
            _c(rf"^\s*{WN}{{0,2}}(?:by|with|using)\s+{W}{{0,3}}{TAIL}$"),
            reverse=True,
            left=_c(rf"(?P<t>{nouns})\s+of\s+(?:the\s+)?{WN}{{0,1}}$"),
            trigger_in="left",
        ),
        Rule(
            "treatment_of_with",
            _c(rf"^\s*{WN}{{0,2}}with\s+{W}{{0,3}}{TAIL}$"),
            reverse=True,
            kind=TREATS,
            left=_c(r"(?P<t>treatment|therapy)\s+of\s+(?:the\s+)?" + WN + "{0,1}$"),
            trigger_in="left",
        ),
    )


def _agent_rules(pps: str) -> tuple[Rule, ...]:
    """ "A-induced B", and drugs named by what they do: "the PD-1 inhibitor pembrolizumab"."""
    return (
        Rule("hyphen", _c(rf"^\s*[-–]\s*(?P<t>{pps})\s+{W}{{0,3}}{TAIL}$"), reverse=False),
        Rule(
            "agent_before",
            _c(
                rf"^\s*[-–]?\s*{WN}{{0,2}}(?P<t>{AGENTS})\s*[,(]?\s*"
                rf"(?:such\s+as\s+|like\s+|including\s+|e\.g\.,?\s+)?{WN}{{0,1}}$"
            ),
            reverse=True,
            kind="agent",
        ),
        Rule(
            "anti_before",
            _c(rf"^\s*{WN}{{0,2}}$"),
            reverse=True,
            kind="agent",
            left=_c(r"(?<![\w-])(?P<t>anti)\s*-?\s*$"),
            trigger_in="left",
        ),
        Rule(
            "anti_after",
            _c(rf"^\s*[,(]\s*(?:an?\s+|the\s+)?{WN}{{0,2}}(?P<t>anti)\s*-?\s*$"),
            reverse=False,
            kind="agent",
        ),
        Rule(
            "agent_after",
            _c(rf"^\s*[,(]\s*(?:an?\s+|the\s+)?{WN}{{0,2}}$"),
            reverse=False,
            kind="agent",
            right=_c(rf"^\s*[-–]?\s*{WN}{{0,1}}(?P<t>{AGENTS})(?![\w-])"),
            trigger_in="right",
        ),
    )


def _active_rules(verbs: str, nouns: str) -> tuple[Rule, ...]:
    """Disease first, treated with a drug; then "A activates B" and "A-mediated activation of B"."""
    return (
        Rule(
            "treated_with",
            _c(
                rf"^\s*,?\s*{WN}{{0,3}}(?P<t>treated|treatment|receiving|received)\s+"
                rf"(?:with|by)\s+{W}{{0,3}}{TAIL}$"
            ),
            reverse=True,
            kind=TREATS,
        ),
        Rule(
            "receiving",
            _c(
                rf"^\s*,?\s*{WN}{{0,2}}(?P<t>receiving|received|undergoing|underwent)\s+{W}{{0,3}}{TAIL}$"
            ),
            reverse=True,
            kind=TREATS,
        ),
        Rule(
            "active",
            _c(
                # "X, which activates Y"; "X is an antibody that targets Y"; never "X and
                # blocks Y" (a second verb of an earlier subject) nor "X (and) ... and blocks Y"
                rf"^{HEAD}\s*,?\s*(?!and\s)(?:(?:which|that)\s+|{COPULA})?{WN}{{0,3}}?"
                rf"(?P<t>{verbs})\s+(?:to\s+|with\s+)?{W}{{0,4}}{TAIL}$"
            ),
            reverse=False,
        ),
        Rule(
            "noun_of",
            _c(rf"^{HEAD}\s*[-–]?\s*{WN}{{0,2}}(?P<t>{nouns})\s+(?:of|on)\s+{WN}{{0,2}}{TAIL}$"),
            reverse=False,
        ),
    )


def _treat_and_binding_rules(treat: str) -> tuple[Rule, ...]:
    """ "A for the treatment of B", "A in B patients", "binding of A to B", "A-B complex"."""
    return (
        Rule(
            "treat_for",
            _c(
                rf"^\s*,?\s*{WN}{{0,3}}(?P<t>{treat})\s+(?:of|for|in|against)\s+{WN}{{0,3}}"
                rf"{TAIL}$"
            ),
            reverse=False,
            kind=TREATS,
        ),
        Rule(
            "used_for",
            _c(
                rf"^\s*,?\s*{W}{{0,6}}(?P<t>given|administered|delivered|used|approved|indicated|"
                rf"prescribed|effective|efficacious)\s+{WN}{{0,2}}(?:for|against|in)\s+"
                rf"{WN}{{0,3}}{TAIL}$"
            ),
            reverse=False,
            kind=TREATS,
        ),
        Rule(
            "for_disease",
            _c(
                r"^\s*(?P<t>for|against|in\s+patients\s+with|in\s+the\s+treatment\s+of)\s+"
                rf"{WN}{{0,3}}{TAIL}$"
            ),
            reverse=False,
            kind=TREATS,
        ),
        Rule(
            "in_patients",
            # fillers may include other entities: "pembrolizumab with SBRT in NSCLC patients"
            _c(rf"^\s*,?\s*(?:(?!{_STOP})[^\s;:]+\s+){{0,8}}?(?P<t>in)\s+$"),
            reverse=False,
            kind=TREATS,
            right=_c(r"^\s*-?\s*(?:patients|subjects|cases)(?![\w-])"),
        ),
        Rule(
            "binding_between",
            _c(r"^\s*(?:and|with|to)\s+(?:the\s+)?$"),
            reverse=False,
            kind=INTERACTS,
            left=_c(r"(?P<t>interactions?|binding|complex(?:es)?)\s+(?:between|of)\s+(?:the\s+)?$"),
            trigger_in="left",
        ),
        Rule(
            "pair_binding",
            _c(r"^\s*[-–/:]\s*$"),
            reverse=False,
            kind=INTERACTS,
            right=_c(r"^\s*(?P<t>interactions?|binding|complex(?:es)?)(?![\w-])"),
            trigger_in="right",
        ),
    )


# An entity followed by one of these heads names what the real agent acts on ("the dopamine
# receptor blocker haloperidol", "serotonin reuptake inhibitors"), so it is no agent itself.
_MODIFIED = re.compile(
    r"^\s*-?\s*(?:receptors?|reuptake|transporters?|antagonists?|agonists?|blockers?|"
    r"inhibitors?|antibod(?:y|ies)|channels?|analogu?e?s?|derivatives?)(?![\w-])",
    re.IGNORECASE,
)


def modifies_a_head(after: str) -> bool:
    """Whether the text after an entity makes it a modifier ("dopamine| receptor blocker")."""
    return bool(_MODIFIED.match(after))


_PREPOSITION_AFTER = re.compile(
    r"\s+(?:after|in|during|following|upon|at|from|on|within|under|through|via|for|over|"
    r"before|among)\s",
    re.IGNORECASE,
)
# Words before a subject that turn its effect around: "Blocking IFNAR1 abrogated tumour control"
# says IFNAR1 supports tumour control, i.e. IFNAR1 -> (+), not (-).
_LOSS_OF = re.compile(
    r"(?<![\w-])(?:blocking|blockade\s+of|inhibiting|inhibition\s+of|knock(?:ing)?[\s-]?down"
    r"(?:\s+of)?|knockout\s+of|loss\s+of|deletion\s+of|depletion\s+of|depleting|silencing"
    r"(?:\s+of)?|deficiency\s+of|lacking|ablation\s+of|ablating)\s+(?:the\s+|of\s+)?$",
    re.IGNORECASE,
)


def loss_of(before_subject: str) -> bool:
    """Whether the words just before a subject say it was removed or blocked."""
    return bool(_LOSS_OF.search(before_subject))


_PASSIVE_BEFORE = re.compile(r"(?:^|\s)(?:is|are|was|were|be|been|being)\s+(?:\w+\s+)?$", re.I)


# No rule allows more free words between two entities than this (fillers, trigger, "by"...):
# longer gaps are skipped before any pattern runs.
MAX_WORDS = 12
_FREE_WORD = re.compile(rf"(?<!\S)(?!{MASK}|and\b|or\b)[^\s,]+")


def match_pair(left: str, between: str, right: str) -> RuleMatch | None:
    """The first rule that reads a relation from a masked pair context, or None."""
    if len(_FREE_WORD.findall(between)) > MAX_WORDS:
        return None
    for rule in rules():
        found = rule.between.search(between)
        if found is None:
            continue
        context = {"between": found}
        for where, pattern, text in (("left", rule.left, left), ("right", rule.right, right)):
            if pattern is not None:
                other = pattern.search(text)
                if other is None:
                    break
                context[where] = other
        else:
            result = _read(rule, context[rule.trigger_in], between)
            if result is not None:
                return result
    return None


def _read(rule: Rule, found: re.Match[str], between: str) -> RuleMatch | None:
    word = found.group("t")
    if rule.kind == "agent":
        sign = agent_sign("anti-" if word.lower() == "anti" else word)
        if sign is None:
            return None
        return RuleMatch(rule.name, word, AFFECTS, sign, rule.reverse, agent=True)
    if rule.kind == "cause":
        return RuleMatch(rule.name, word, AFFECTS, Sign.POSITIVE, rule.reverse)
    if rule.kind != "trigger":
        return RuleMatch(rule.name, word, rule.kind, Sign.NONE, rule.reverse)
    trigger = trigger_for(word)
    if trigger is None:
        return None
    if rule.name == "active" and word.lower() in trigger.participles:
        # "STING was activated in MC38 cells", "interferon produced after radiotherapy": a
        # passive or reduced relative without its agent, not MC38 -> STING
        if _PASSIVE_BEFORE.search(between[: found.start("t")]):
            return None
        if _PREPOSITION_AFTER.match(between[found.end("t") :]):
            return None
    return RuleMatch(rule.name, word, trigger.predicate, trigger.sign, rule.reverse)
