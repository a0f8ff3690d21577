"""``Lexicon``: exact lookups by normalised key over the packed tables.

The hot path is ``lookup_key(key)``: one dict probe in a cache of already-built results, then
one in the key index. The first lookup of a key builds its ``LexEntry`` tuple from the packed
columns and caches it; misses return the shared empty tuple and are not cached. Concepts are
indexed by CURIE on the first ``concept()`` call, so opening stays fast.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from kg.lexicon.keys import case_compatible, normalize_key
from kg.lexicon.model import Concept, Flags, LexEntry, Ortholog, flags_of
from kg.lexicon.tables import TYPE_CODES, Interner, LexTables, type_of
from kg.model import EntityType

_EMPTY: tuple[LexEntry, ...] = ()


class Lexicon:
    """A compiled lexicon: ``Lexicon.open(path)`` or ``Lexicon.from_entries(...)``."""

    def __init__(
        self,
        tables: LexTables,
        *,
        version: str,
        manifest: Mapping[str, Any] | None = None,
        path: Path | None = None,
        closer: Any = None,
    ) -> None:
        self._t = tables
        # key -> row index until first looked up, then -> its tuple of entries (one dict for
        # both, so a lookup is a single probe).
        self._index: dict[str, int | tuple[LexEntry, ...]] = dict(
            zip(tables.keys, range(tables.n_keys), strict=True)
        )
        self._concepts: dict[int, tuple[str, EntityType, str | None, str]] = {}
        self._by_curie: dict[str, int] | None = None
        self._closer = closer
        self.version = version
        self.manifest: dict[str, Any] = dict(manifest or {})
        self.path = path

    # ------------------------------------------------------------------ construction

    @classmethod
    def open(cls, path: str | Path) -> Lexicon:
        """Open a lexicon file written by ``irkg vocab build`` (memory-mapped, read-only)."""
        from kg.lexicon.fileformat import read_lexicon

        return read_lexicon(Path(path))

    @classmethod
    def from_entries(
        cls,
        entries: Iterable[LexEntry],
        concepts: Iterable[Concept] = (),
        orthologs: Iterable[Ortholog] = (),
        *,
        version: str = "in-memory",
        manifest: Mapping[str, Any] | None = None,
    ) -> Lexicon:
        """An in-memory lexicon from ready entries (tests, small custom vocabularies).

        Entries keep their keys and flags as given. Concepts not passed are derived from the
        entries (preferred name, type, taxon; synonyms = their terms).
        """
        return cls(pack_entries(entries, concepts, orthologs), version=version, manifest=manifest)

    def close(self) -> None:
        """Release the memory map of an opened file (lookups fail afterwards)."""
        self._index.clear()
        self._concepts.clear()
        if self._closer is not None:
            self._t = None  # type: ignore[assignment]
            self._closer()
            self._closer = None

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle as a reference to the file (worker processes map it themselves), or, for an
        in-memory lexicon, as its tables."""
        if self.path is not None:
            return (Lexicon.open, (self.path,))
        return (_restore, (self._t, self.version, self.manifest))

    def __enter__(self) -> Lexicon:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ lookups

    def lookup_key(self, key: str) -> tuple[LexEntry, ...]:
        """All entries filed under an already normalised key (``normalize_key``)."""
        value = self._index.get(key, _EMPTY)
        if value.__class__ is tuple:
            return value  # type: ignore[return-value]
        entries = self._build(key, value)  # type: ignore[arg-type]
        self._index[key] = entries
        return entries

    def lookup(self, text: str) -> tuple[LexEntry, ...]:
        """Entries for a surface text: normalised, then case-sensitive terms checked for case."""
        return tuple(
            e
            for e in self.lookup_key(normalize_key(text))
            if Flags.CASE_SENSITIVE not in e.flags or case_compatible(e.term, text)
        )

    def candidates(
        self,
        text: str,
        type: EntityType | str | None = None,
        taxon: str | int | None = None,
        *,
        include_stop: bool = True,
    ) -> tuple[LexEntry, ...]:
        """``lookup(text)`` narrowed to a type and/or taxon, one entry per CURIE, best first.

        Best = written exactly as the term, then preferred terms, then current over previous
        symbols, then terms two sources agree on, then symbols over names; ties keep the
        lexicon's order. ``taxon`` may be ``NCBITaxon:10090`` or ``10090``.
        """
        wanted_type = EntityType.parse(type) if isinstance(type, str) else type
        wanted_taxon = _taxon_curie(taxon)
        found = [
            e
            for e in self.lookup(text)
            if (wanted_type is None or e.type == wanted_type)
            and (wanted_taxon is None or e.taxon == wanted_taxon)
            and (include_stop or Flags.STOP not in e.flags)
        ]
        found.sort(key=lambda e: _rank(e, text))
        seen: set[str] = set()
        best: list[LexEntry] = []
        for entry in found:
            if entry.curie not in seen:
                seen.add(entry.curie)
                best.append(entry)
        return tuple(best)

    def __contains__(self, key: object) -> bool:
        return key in self._index

    def __len__(self) -> int:
        """Number of entries."""
        return self._t.n_entries

    @property
    def key_count(self) -> int:
        return self._t.n_keys

    @property
    def concept_count(self) -> int:
        return self._t.n_concepts

    def keys(self) -> Iterator[str]:
        """Every key, in sorted order."""
        return iter(self._t.keys)

    def entries(self) -> Iterator[LexEntry]:
        """Every entry, in key order."""
        for index, key in enumerate(self._t.keys):
            value = self._index[key]
            yield from value if value.__class__ is tuple else self._build(key, index)  # type: ignore[misc]

    # ------------------------------------------------------------------ concepts

    def concept(self, curie: str) -> Concept | None:
        """Preferred name, type, taxon, synonyms and xrefs of one CURIE, or None."""
        if self._by_curie is None:
            column = self._t.concept_curie
            self._by_curie = {column[i]: i for i in range(len(column))}
        index = self._by_curie.get(curie)
        return None if index is None else self._concept(index)

    def concepts(self) -> Iterator[Concept]:
        for index in range(self._t.n_concepts):
            yield self._concept(index)

    def orthologs(self) -> tuple[Ortholog, ...]:
        """Human <-> mouse gene pairs (NCBIGene CURIEs) with the source that states each."""
        return tuple(self._t.orthologs)

    @property
    def counts(self) -> dict[str, Any]:
        return dict(self._t.counts)

    # ------------------------------------------------------------------ internals

    def _build(self, key: str, index: int) -> tuple[LexEntry, ...]:
        """Entries of one key from the packed rows (concept fields cached per concept)."""
        t = self._t
        concepts = self._concepts
        out = []
        for row in range(t.key_starts[index], t.key_starts[index + 1]):
            concept = t.entry_concept[row]
            info = concepts.get(concept)
            if info is None:
                info = concepts[concept] = (
                    t.concept_curie[concept],
                    type_of(t.concept_type[concept]),
                    t.taxa[t.concept_taxon[concept]],
                    t.concept_preferred[concept],
                )
            out.append(
                LexEntry(
                    t.entry_term[row],
                    key,
                    info[0],
                    info[1],
                    info[2],
                    info[3],
                    t.sources[t.entry_source[row]],
                    flags_of(t.entry_flags[row]),
                )
            )
        return tuple(out)

    def _concept(self, index: int) -> Concept:
        t = self._t
        return Concept(
            curie=t.concept_curie[index],
            type=type_of(t.concept_type[index]),
            preferred=t.concept_preferred[index],
            taxon=t.taxa[t.concept_taxon[index]],
            synonyms=_split(t.concept_synonyms[index]),
            xrefs=_split(t.concept_xrefs[index]),
            sources=_split(t.concept_sources[index]),
        )

    def __repr__(self) -> str:
        where = f" {self.path}" if self.path else ""
        return f"<Lexicon {self.version}{where}: {self.key_count} keys, {len(self)} entries>"


def _restore(tables: LexTables, version: str, manifest: dict[str, Any]) -> Lexicon:
    return Lexicon(tables, version=version, manifest=manifest)


def _split(value: str) -> tuple[str, ...]:
    return tuple(value.split("\t")) if value else ()


def _taxon_curie(taxon: str | int | None) -> str | None:
    if taxon is None:
        return None
    text = str(taxon)
    return text if text.startswith("NCBITaxon:") else f"NCBITaxon:{text}"


def _rank(entry: LexEntry, text: str) -> tuple[int, ...]:
    flags = entry.flags
    return (
        0 if entry.term == text else 1,
        0 if Flags.PREFERRED in flags else 1,
        1 if Flags.PREVIOUS in flags else 0,
        0 if Flags.MULTI_SOURCE in flags else 1,
        0 if Flags.SYMBOL in flags else 1,
    )


def _key_runs(sorted_keys: list[str]) -> tuple[list[str], list[int]]:
    """Distinct keys of a sorted key list and where each one's rows start (plus the end)."""
    keys: list[str] = []
    starts: list[int] = []
    for row, key in enumerate(sorted_keys):
        if not keys or keys[-1] != key:
            keys.append(key)
            starts.append(row)
    starts.append(len(sorted_keys))
    return keys, starts


def pack_entries(
    entries: Iterable[LexEntry],
    concepts: Iterable[Concept] = (),
    orthologs: Iterable[Ortholog] = (),
) -> LexTables:
    """Pack ready ``LexEntry`` records (and optional concepts) into ``LexTables``."""
    by_curie: dict[str, Concept] = {c.curie: c for c in concepts}
    rows = sorted(entries, key=lambda e: e.key)
    derived: dict[str, list[str]] = {}
    for entry in rows:
        if entry.curie not in by_curie:
            derived.setdefault(entry.curie, []).append(entry.term)
            by_curie[entry.curie] = Concept(
                curie=entry.curie,
                type=entry.type,
                preferred=entry.preferred,
                taxon=entry.taxon,
                sources=(entry.source,),
            )
        elif entry.curie in derived:
            derived[entry.curie].append(entry.term)
    concept_list = list(by_curie.values())
    concept_code = {c.curie: i for i, c in enumerate(concept_list)}
    taxa = Interner([None])
    sources = Interner()
    keys, key_starts = _key_runs([e.key for e in rows])

    def synonyms(concept: Concept) -> str:
        names = concept.synonyms or tuple(dict.fromkeys(derived.get(concept.curie, ())))
        return "\t".join(names)

    return LexTables(
        keys=keys,
        key_starts=key_starts,
        entry_term=[e.term for e in rows],
        entry_concept=[concept_code[e.curie] for e in rows],
        entry_flags=[int(e.flags) for e in rows],
        entry_source=[sources.code(e.source) for e in rows],
        concept_curie=[c.curie for c in concept_list],
        concept_type=[TYPE_CODES[c.type] for c in concept_list],
        concept_taxon=[taxa.code(c.taxon) for c in concept_list],
        concept_preferred=[c.preferred for c in concept_list],
        concept_synonyms=[synonyms(c) for c in concept_list],
        concept_xrefs=["\t".join(c.xrefs) for c in concept_list],
        concept_sources=["\t".join(c.sources) for c in concept_list],
        sources=sources.values,
        taxa=taxa.values,
        orthologs=list(orthologs),
        counts={"entries": len(rows), "keys": len(keys), "concepts": len(concept_list)},
    )
