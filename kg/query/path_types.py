"""Which relationship types a path may walk, by tier, and the bound on a path's length.

``mechanistic`` (walked first): schema ``path_types`` without PARTICIPATES_IN and without
``path_association_types``; ``association`` (the fallback): every ``path_types`` but
PARTICIPATES_IN. PARTICIPATES_IN is never walked: reaching a member reaches the pathway, and
walking *through* a pathway node would join any two of its members in two steps (WikiPathways
pathways have hundreds).
"""

from __future__ import annotations

import re
from functools import cache

from kg.errors import QueryError
from kg.schema import load_schema

MEMBERSHIP = "PARTICIPATES_IN"
MAX_HOPS = 10
MAX_PATHS = 5000  # paths one search reads out at most; the ranking keeps the best few
TIERS = ("mechanistic", "association")
_TYPE = re.compile(r"^[A-Z][A-Z0-9_]*$")


@cache
def walk_types(tier: str = "association") -> tuple[str, ...]:
    """Relationship types a path may walk: schema ``path_types`` without membership, and in the
    ``mechanistic`` tier also without ``path_association_types`` (co-mention, clinical use:
    they say two things go together, not how one acts on the other)."""
    if tier not in TIERS:
        raise ValueError(f"unknown path tier {tier!r}; known: {', '.join(TIERS)}")
    schema = load_schema()
    left_out = {MEMBERSHIP}
    if tier == "mechanistic":
        left_out |= set(schema.path_association_types)
    types = tuple(t for t in schema.path_types if t not in left_out)
    bad = [t for t in types if not _TYPE.match(t)]
    if bad:
        raise ValueError(f"schema path_types hold non-identifiers: {bad}")
    return types


def check_hops(max_hops: int) -> int:
    if not isinstance(max_hops, int) or not 1 <= max_hops <= MAX_HOPS:
        raise QueryError(f"--max-hops must be an integer from 1 to {MAX_HOPS}, got {max_hops!r}")
    return max_hops
