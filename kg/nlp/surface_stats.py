"""What the train splits teach about surfaces, and the lexicon overlay that applies it.

``SurfaceStats`` holds, per (entity type, normalised key), counts from the gold train splits in
../shared (``kg/nlp/learn.py`` builds them reproducibly; they live in ``IRKG_HOME``, never in the
repository): how often the surface is annotated, with which identifiers, and how often the
recogniser proposes it and is right. Only corpora that annotate a type count for that type
(GNormPlus says nothing about chemicals). Three uses, with thresholds fixed in advance:

* **stop**: matched at least ``MIN_PROPOSED`` times with span precision under
  ``STOP_PRECISION`` ("drug", "placebo", "acid", "disease" in BC5CDR style) -> the entries get
  the STOP flag, so the ambiguity step wants support for them; precision of at least
  ``SAFE_PRECISION`` clears a STOP flag the lexicon set ("PD" in papers on Parkinson's);
* **added terms**: surfaces annotated at least ``MIN_GOLD`` times that the lexicon lacks
  ("hypertensive", "nephrotoxicity", "AZT"), kept when their precision as a dictionary term on
  the train texts reaches ``ADD_PRECISION``;
* **priors**: identifier counts rank the lexicon's candidates ("dyskinesias" -> the drug-induced
  concept the corpora use), and type precisions choose between types ("insulin");
* **modifiers**: a word right before a match that the gold spans include at least
  ``MIN_MODIFIER`` times and in at least half of the cases ("hereditary breast cancer",
  "sporadic tumours", "renal hamartomas") extends the match to the left;
* **context stops**: a surface proposed at least ``MIN_PROPOSED`` times right before or after
  one word, with span precision under ``STOP_PRECISION`` there, is no entity in that context
  although it is one elsewhere: "Src" before "homology", "death" after "cell".

``LexiconOverlay`` wraps a ``Lexicon`` with these, exposing the same lookups, so every component
reads the learnt knowledge through the one lexicon it is given.
"""

from __future__ import annotations

import json
from bisect import insort
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from kg.atomic import atomic_file
from kg.lexicon import Flags, LexEntry, Lexicon
from kg.model import EntityType

STATS_FORMAT = "surface-stats-1"
MIN_PROPOSED = 3
STOP_PRECISION = 0.25
SAFE_PRECISION = 0.5
MIN_GOLD = 2
ADD_PRECISION = 0.5
MIN_TYPE_EVIDENCE = 2
MIN_MODIFIER = 3


# (type, key, "before" | "after", lower-cased neighbouring word): the surface is before the word
Context = tuple[EntityType, str, str, str]


@dataclass(frozen=True, slots=True)
class SurfaceStat:
    """Counts for one surface key as one entity type, over the train splits."""

    type: EntityType
    key: str
    term: str = ""  # most frequent gold spelling ("" when never annotated)
    gold: int = 0
    proposed: int = 0
    correct: int = 0  # proposals on a gold span of this type
    ids: tuple[tuple[str, int], ...] = ()  # gold identifiers, most frequent first
    added: bool = False  # not in the lexicon as this type: a candidate learnt term

    def __post_init__(self) -> None:
        if min(self.gold, self.proposed, self.correct) < 0 or self.correct > self.proposed:
            raise ValueError(f"inconsistent counts for {self.type.value} {self.key!r}")

    @property
    def precision(self) -> float:
        return self.correct / self.proposed if self.proposed else 0.0

    @property
    def is_stop(self) -> bool:
        return self.proposed >= MIN_PROPOSED and self.precision < STOP_PRECISION

    @property
    def is_safe(self) -> bool:
        return self.proposed >= MIN_PROPOSED and self.precision >= SAFE_PRECISION

    @property
    def is_learnt_term(self) -> bool:
        return (
            self.added
            and self.gold >= MIN_GOLD
            and bool(self.term)
            and bool(self.ids)
            and (self.proposed == 0 or self.precision >= ADD_PRECISION)
        )


class SurfaceStats:
    """All surface statistics of one build, with lookups by (type, key)."""

    def __init__(
        self,
        stats: Iterable[SurfaceStat],
        *,
        version: str,
        sources: Any = None,
        modifiers: dict[tuple[EntityType, str], tuple[int, int]] | None = None,
        contexts: dict[Context, tuple[int, int]] | None = None,
    ):
        self.version = version
        self.sources = sources or {}
        self._by = {(s.type, s.key): s for s in stats}
        # (type, lower-cased word) -> (times the gold span included it, times it preceded a match)
        self.modifiers = dict(modifiers or {})
        # (type, key, "before"|"after", lower-cased word) -> (correct, proposed) there
        self.contexts = dict(contexts or {})

    def __len__(self) -> int:
        return len(self._by)

    def __iter__(self) -> Iterator[SurfaceStat]:
        return iter(self._by.values())

    def get(self, entity_type: EntityType, key: str) -> SurfaceStat | None:
        return self._by.get((entity_type, key))

    def is_stop(self, entity_type: EntityType, key: str) -> bool:
        stat = self._by.get((entity_type, key))
        return stat is not None and stat.is_stop

    def is_safe(self, entity_type: EntityType, key: str) -> bool:
        stat = self._by.get((entity_type, key))
        return stat is not None and stat.is_safe

    def type_votes(self, key: str, types: Iterable[EntityType]) -> dict[EntityType, float]:
        """Span precision per type, for types with enough evidence for this key."""
        votes = {}
        for entity_type in types:
            stat = self._by.get((entity_type, key))
            if stat is not None and stat.proposed >= MIN_TYPE_EVIDENCE:
                votes[entity_type] = stat.precision
        return votes

    def extends(self, entity_type: EntityType, word: str) -> bool:
        """Whether a match of this type takes the word before it into its span."""
        included, total = self.modifiers.get((entity_type, word.lower()), (0, 0))
        return included >= MIN_MODIFIER and included * 2 >= total

    def context_stop(
        self, entity_type: EntityType, key: str, before: str | None, after: str | None
    ) -> str:
        """The neighbouring word in whose company the surface is rarely an entity of this type
        in the train splits ("before 'homology'"), or ""."""
        for side, word in (("before", after), ("after", before)):
            if word is None:
                continue
            correct, proposed = self.contexts.get((entity_type, key, side, word.lower()), (0, 0))
            if proposed >= MIN_PROPOSED and correct < STOP_PRECISION * proposed:
                return f"{side} {word.lower()!r}"
        return ""

    def id_prior(self, entity_type: EntityType, key: str) -> dict[str, int]:
        stat = self._by.get((entity_type, key))
        return dict(stat.ids) if stat is not None else {}

    # ------------------------------------------------------------------ persistence

    def save(self, path: Path) -> None:
        rows = [
            {
                "type": s.type.value,
                "key": s.key,
                "term": s.term,
                "gold": s.gold,
                "proposed": s.proposed,
                "correct": s.correct,
                "ids": [list(i) for i in s.ids],
                "added": s.added,
            }
            for s in sorted(self._by.values(), key=lambda s: (s.type.value, s.key))
        ]
        modifiers = [
            [t.value, word, included, total]
            for (t, word), (included, total) in sorted(
                self.modifiers.items(), key=lambda kv: (kv[0][0].value, kv[0][1])
            )
        ]
        contexts = [
            [t.value, key, side, word, correct, proposed]
            for (t, key, side, word), (correct, proposed) in sorted(
                self.contexts.items(), key=lambda kv: (kv[0][0].value, *kv[0][1:])
            )
        ]
        data = {
            "format": STATS_FORMAT,
            "version": self.version,
            "sources": self.sources,
            "modifiers": modifiers,
            "contexts": contexts,
        }
        with atomic_file(path) as handle:  # two runs may save at once: each file stays whole
            json.dump({**data, "stats": rows}, handle, ensure_ascii=False, sort_keys=True)

    @classmethod
    def load(cls, path: Path) -> SurfaceStats:
        from kg.errors import InputError

        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != STATS_FORMAT:
                raise ValueError(f"format {data.get('format')!r}, expected {STATS_FORMAT}")
            stats = [
                SurfaceStat(
                    type=EntityType(r["type"]),
                    key=r["key"],
                    term=r["term"],
                    gold=r["gold"],
                    proposed=r["proposed"],
                    correct=r["correct"],
                    ids=tuple((i, n) for i, n in r["ids"]),
                    added=r["added"],
                )
                for r in data["stats"]
            ]
            modifiers = {
                (EntityType(t), word): (included, total)
                for t, word, included, total in data.get("modifiers", [])
            }
            contexts = {
                (EntityType(t), key, side, word): (correct, proposed)
                for t, key, side, word, correct, proposed in data.get("contexts", [])
            }
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise InputError(str(path), None, f"not a surface statistics file: {exc}") from None
        return cls(
            stats,
            version=data["version"],
            sources=data.get("sources"),
            modifiers=modifiers,
            contexts=contexts,
        )


class LexiconOverlay:
    """A ``Lexicon`` plus learnt terms and stop flags, with the same lookup API.

    ``stats`` stays reachable for the type and identifier priors (``kg.nlp.typechoice``,
    ``kg.nlp.normalize``).
    """

    def __init__(self, base: Lexicon, stats: SurfaceStats) -> None:
        self.base = base
        self.stats = stats
        self.version = f"{base.version}+{stats.version}"
        self.path = getattr(base, "path", None)
        self.manifest = getattr(base, "manifest", {})
        self._added: dict[str, list[LexEntry]] = {}
        for entry in _learnt_entries(base, stats):
            self._added.setdefault(entry.key, []).append(entry)
        self._keys = list(base.keys())
        for key in self._added:
            if key not in base:
                insort(self._keys, key)
        self._cache: dict[str, tuple[LexEntry, ...]] = {}

    def __contains__(self, key: object) -> bool:
        return key in self._added or key in self.base

    def keys(self) -> Iterator[str]:
        return iter(self._keys)

    def lookup_key(self, key: str) -> tuple[LexEntry, ...]:
        hit = self._cache.get(key)
        if hit is None:
            entries = [*self.base.lookup_key(key), *self._added.get(key, ())]
            hit = tuple(self._learnt_flags(e, key) for e in entries)
            self._cache[key] = hit
        return hit

    def _learnt_flags(self, entry: LexEntry, key: str) -> LexEntry:
        if self.stats.is_stop(entry.type, key):
            return replace(entry, flags=entry.flags | Flags.STOP)
        if Flags.STOP in entry.flags and self.stats.is_safe(entry.type, key):
            return replace(entry, flags=entry.flags & ~Flags.STOP)
        return entry

    def entries(self) -> Iterator[LexEntry]:
        yield from self.base.entries()
        for entries in self._added.values():
            yield from entries

    def concept(self, curie: str) -> Any:
        return self.base.concept(curie)

    def orthologs(self) -> Any:
        return self.base.orthologs()


def _learnt_entries(base: Lexicon, stats: SurfaceStats) -> Iterator[LexEntry]:
    """Learnt terms as lexicon entries: one per identifier whose concept the lexicon knows."""
    from kg.nlp.matching import LEARNT_SOURCE, symbol_like

    for stat in stats:
        if not stat.is_learnt_term:
            continue
        for curie, _count in stat.ids:
            concept = base.concept(curie)
            if concept is None or concept.type != stat.type:
                continue
            yield LexEntry(
                term=stat.term,
                key=stat.key,
                curie=curie,
                type=stat.type,
                taxon=concept.taxon,
                preferred=concept.preferred,
                source=LEARNT_SOURCE,
                flags=Flags.SYMBOL if symbol_like(stat.term) else Flags.NAME,
            )
