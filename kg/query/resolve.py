"""Names -> node ids: what an analyst types (pembrolizumab, Keytruda, MESH:C582435, cGAS-STING)
becomes one node of the graph, or a clear list of candidates to choose from.

Order of evidence, best first: the exact node id; a unique exact-case name (both index
lookups); then the canned ``find_entity`` query (id, name, synonym, cross-reference or bare
local id, ignoring case: a scan of every entity), keeping the best kind of match only; then,
when nothing in the graph matches, the lexicon (its synonyms map to CURIEs that are in the
graph). Pathways are also found by their title's words (``cGAS-STING`` finds "cGAS-STING
pathway" and the curated chain "Radiotherapy - ... - cGAS - STING - type I IFN"): the match
with the fewest extra words wins, and a tie is ambiguous.

An ambiguous name raises ``AmbiguousEntity`` with the candidates (the CLI asks which one when
it runs in a terminal, and otherwise prints them with the ids to use), unless a ``choose``
callback picks one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.errors import QueryError

if TYPE_CHECKING:
    from kg.lexicon import Lexicon
    from kg.query.stores import QueryStore

MATCH_ORDER = ("id", "name", "synonym", "xref", "local id", "title words", "lexicon")
PATHWAY = "biolink:Pathway"
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Entity:
    """A node found for a text, and how it was found."""

    id: str
    name: str | None = None
    category: str | None = None
    taxon: str | None = None
    matched_by: str = "id"
    papers: int = 0

    @property
    def label(self) -> str:
        return f"{self.name} ({self.id})" if self.name and self.name != self.id else self.id

    def describe(self) -> str:
        """One line for a candidate list."""
        kind = (self.category or "").removeprefix("biolink:") or "entity"
        taxon = f", {self.taxon}" if self.taxon else ""
        return (
            f"{self.id:<28} {self.name or '':<32} {kind}{taxon}; matched by {self.matched_by}, "
            f"{self.papers} paper{'s' if self.papers != 1 else ''}"
        )


class EntityNotFound(QueryError):
    """Nothing in the graph (or the lexicon) matches the text."""

    def __init__(self, text: str, where: str = "ids, names, synonyms and cross-references") -> None:
        self.text = text
        super().__init__(f"no entity matches {text!r} (searched {where})")


class AmbiguousEntity(QueryError):
    """Several entities match equally well; ``candidates`` lists them, best first."""

    def __init__(self, text: str, candidates: Sequence[Entity]) -> None:
        self.text = text
        self.candidates = tuple(candidates)
        lines = "\n".join(f"  {c.describe()}" for c in self.candidates)
        super().__init__(
            f"{text!r} is ambiguous; {len(self.candidates)} entities match:\n{lines}\n"
            f"choose one by its id, e.g. {self.candidates[0].id!r}"
        )


Chooser = Callable[[str, Sequence[Entity]], Entity]


def _entity(row: dict, matched_by: str) -> Entity:
    return Entity(
        id=row["id"],
        name=row.get("name"),
        category=row.get("category"),
        taxon=row.get("taxon"),
        matched_by=row.get("matched_by") or matched_by,
        papers=int(row.get("papers") or 0),
    )


def by_id(store: QueryStore, curie: str) -> Entity | None:
    """The node with exactly this id (an index lookup), or None."""
    from kg.query.run import run_query

    rows = run_query(store, "entity", {"entity": curie}, resolve=False).rows
    return _entity(rows[0], "id") if rows else None


def entity_candidates(
    store: QueryStore, text: str, *, lexicon: Lexicon | None = None
) -> list[Entity]:
    """Every entity the text could mean, best match first (see the module's order)."""
    from kg.query.run import run_query

    exact = by_id(store, text)
    if exact is not None:
        return [exact]
    named = run_query(store, "entity_by_name", {"text": text}, resolve=False).rows
    if len(named) == 1:  # an exact-case name is what the full search would pick too
        return [_entity(named[0], "name")]
    rows = run_query(store, "find_entity", {"text": text}, resolve=False).rows
    found = [_entity(row, "name") for row in rows]
    if found or lexicon is None:
        return found
    seen: set[str] = set()
    for entry in lexicon.candidates(text)[:20]:
        if entry.curie in seen:
            continue
        seen.add(entry.curie)
        node = by_id(store, entry.curie)
        if node is not None:
            found.append(_replace(node, matched_by="lexicon"))
    return found


def _replace(entity: Entity, **changes: object) -> Entity:
    from dataclasses import replace

    return replace(entity, **changes)


def _best(candidates: list[Entity], text: str) -> list[Entity]:
    """The candidates of the best kind of match; an exact-case name breaks a tie."""
    if not candidates:
        return []
    rank = min(MATCH_ORDER.index(c.matched_by) for c in candidates)
    best = [c for c in candidates if MATCH_ORDER.index(c.matched_by) == rank]
    same_case = [c for c in best if c.name == text]
    return same_case if len(same_case) == 1 else best


def resolve_entity(
    store: QueryStore,
    text: str,
    *,
    lexicon: Lexicon | None = None,
    prefer: Sequence[str] = (),
    choose: Chooser | None = None,
) -> Entity:
    """The one entity ``text`` names. ``prefer``: categories that win over others (e.g. a drug
    argument prefers ``biolink:Drug``/``biolink:ChemicalEntity`` when a name is shared)."""
    text = text.strip()
    if not text:
        raise QueryError("an entity name or id is required")
    candidates = entity_candidates(store, text, lexicon=lexicon)
    if not candidates:
        raise EntityNotFound(text, "ids, names, synonyms, cross-references" + (
            " and the lexicon" if lexicon is not None else ""))  # fmt: skip
    preferred = [c for c in candidates if c.category in prefer]
    return _pick(text, _best(preferred or candidates, text), choose)


def _pick(text: str, best: list[Entity], choose: Chooser | None) -> Entity:
    if len(best) == 1:
        return best[0]
    if choose is not None:
        return choose(text, best)
    raise AmbiguousEntity(text, best)


def words(text: str) -> list[str]:
    """Lower-case words of a title: letters and digits of any script, punctuation dropped."""
    return _WORD.findall(text.casefold())


def _contains(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def resolve_pathway(
    store: QueryStore,
    text: str,
    *,
    lexicon: Lexicon | None = None,
    choose: Chooser | None = None,
) -> Entity:
    """A pathway by id, WikiPathways id, exact title or title words; else any entity by name.

    A gene or drug is accepted too (a path to an entity), but a pathway that matches wins.
    """
    from kg.query.run import run_query

    text = text.strip()
    try:
        exact = entity_candidates(store, text, lexicon=lexicon)
    except EntityNotFound:
        exact = []
    pathways = [c for c in exact if c.category == PATHWAY]
    if pathways:
        return _pick(text, _best(pathways, text), choose)
    needle = words(text)
    scored: list[tuple[int, Entity]] = []
    if needle:
        for row in run_query(store, "pathways", resolve=False).rows:
            titles = [row.get("name") or "", *row.get("synonyms", [])]
            extra = [len(w) - len(needle) for w in map(words, titles) if _contains(w, needle)]
            if extra:
                entity = Entity(row["id"], row.get("name"), PATHWAY, None, "title words", 0)
                scored.append((min(extra), entity))
    if scored:
        fewest = min(extra for extra, _ in scored)
        return _pick(text, [e for extra, e in scored if extra == fewest], choose)
    if exact:
        return _pick(text, _best(exact, text), choose)
    raise EntityNotFound(text, "pathway ids and titles, entity names and synonyms")


def default_lexicon(path: str | None = None) -> Lexicon | None:
    """The lexicon at ``path``, else the compiled default one if it exists, else None.

    Never builds a lexicon (that is ``irkg vocab build``'s job): resolution works on the graph
    alone and uses the lexicon's synonyms only when one is there.
    """
    from pathlib import Path

    from kg.lexicon import Lexicon

    if path is not None:
        return Lexicon.open(Path(path))
    try:
        from kg.lexicon import default_lexicon_path
        from kg.settings import load_settings

        candidate = default_lexicon_path(load_settings())
    except ImportError:  # this checkout has no lexicon builder (kg.lexicon.build)
        return None
    return Lexicon.open(candidate) if candidate.is_file() else None
