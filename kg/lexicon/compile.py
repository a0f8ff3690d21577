"""Compile ``ConceptRecord``s into ``LexTables``: merge by CURIE, key every term, set flags.

Merge policy (explicit, reported in ``CompileReport``):
- Records with the same CURIE merge: terms and xrefs are unioned; the first record keeps the
  preferred name, type and taxon. A later record with another type is a conflict: curated
  records (source ``ontology/...``) win, anything else keeps the first type; both are listed.
- ``attach_to_xref`` records (MGI) add their terms to the concept carrying that xref, and
  ``update_only`` records (Cellosaurus species, curated synonyms) to the concept with their CURIE;
  both are applied after every other record, and those with no concept are counted.
- Entries are unique per (key, CURIE): several surface forms with one key (``PD-L1``, ``PDL1``)
  become one entry whose term is the preferred surface (else the first) and whose flags are
  the union of theirs, except CASE_SENSITIVE and PREVIOUS, which hold only if they hold for
  every merged form. When every form is case-sensitive, each spelling keeps its own entry, so
  ``STING`` and mouse ``Sting`` both match as written. MULTI_SOURCE marks a (key, CURIE) that
  two or more sources state. All surface forms stay in the concept's synonyms.

Flags set here: CASE_SENSITIVE for symbols whose key has at most 5 characters; STOP for keys on
the curated stop-list (the entries of the types a row names, else all of them) and for keys with
no letter or only one character; AMBIGUOUS_TYPE, AMBIGUOUS_SPECIES and AMBIGUOUS_CONCEPT from
everything filed under the key.
"""

from __future__ import annotations

from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.lexicon.keys import normalize_key
from kg.lexicon.model import Flags, Ortholog
from kg.lexicon.records import ConceptRecord
from kg.lexicon.tables import TYPE_CODES, Interner, LexTables, StringColumn
from kg.model import EntityType
from kg.taxa import HUMAN, MOUSE

SHORT_SYMBOL = 5  # symbols with keys this short must agree in case
_SYMBOL = int(Flags.SYMBOL)
_PREFERRED = int(Flags.PREFERRED)
_CASE_SENSITIVE = int(Flags.CASE_SENSITIVE)
_STOP = int(Flags.STOP)
_AMBIGUOUS_TYPE = int(Flags.AMBIGUOUS_TYPE)
_AMBIGUOUS_SPECIES = int(Flags.AMBIGUOUS_SPECIES)
_AMBIGUOUS_CONCEPT = int(Flags.AMBIGUOUS_CONCEPT)
_MULTI_SOURCE = int(Flags.MULTI_SOURCE)
_EVERY = _CASE_SENSITIVE | int(Flags.PREVIOUS)
_RECOMPUTED = (
    _EVERY | _STOP | _AMBIGUOUS_TYPE | _AMBIGUOUS_SPECIES | _AMBIGUOUS_CONCEPT | _MULTI_SOURCE
)


@dataclass(frozen=True, slots=True)
class StopTerm:
    """A key whose entries carry STOP: of the listed ``types`` only, or of every type when
    ``types`` is empty. "MICE" stops the gene symbol, not the species "mice", which is the
    gene-species step's most frequent mouse cue."""

    term: str
    reason: str
    source: str
    types: frozenset[EntityType] = frozenset()


@dataclass
class CompileReport:
    """What the compiler merged, dropped or could not place: printed by ``irkg vocab build``."""

    type_conflicts: list[str] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)

    def as_dict(self) -> dict[str, object]:
        return {
            "type_conflicts": self.type_conflicts[:50],
            "type_conflict_count": len(self.type_conflicts),
            "skipped": dict(sorted(self.skipped.items())),
        }


class LexiconCompiler:
    """Collects records, then ``compile()`` packs them (one compiler per build)."""

    def __init__(self) -> None:
        self._index: dict[str, int] = {}
        self._curie: list[str] = []
        self._type: list[EntityType] = []
        self._preferred: list[str] = []
        self._taxon: list[str | None] = []
        self._xrefs: dict[int, list[str]] = {}
        self._sources: list[list[str]] = []
        self._ortholog_ids: dict[int, tuple[str, ...]] = {}
        self._term: list[str] = []
        self._concept = array("I")
        self._flags = array("I")
        self._source = array("H")
        self._source_names = Interner()
        self._attach: list[ConceptRecord] = []
        self._stop: dict[str, StopTerm] = {}
        self._orthologs: dict[tuple[str, str], list[str]] = {}
        self.report = CompileReport()

    # ------------------------------------------------------------------ input

    def add(self, record: ConceptRecord) -> None:
        if record.attach_to_xref or record.update_only:
            self._attach.append(record)
            return
        index = self._index.get(record.curie)
        if index is None:
            index = len(self._curie)
            self._index[record.curie] = index
            self._curie.append(record.curie)
            self._type.append(record.type)
            self._preferred.append(record.preferred)
            self._taxon.append(record.taxon)
            self._sources.append([record.source])
        else:
            self._merge(index, record)
        self._absorb(index, record)

    def _absorb(self, index: int, record: ConceptRecord) -> None:
        if record.xrefs:
            known = self._xrefs.setdefault(index, [])
            known.extend(x for x in record.xrefs if x not in known)
        if record.orthologs:
            self._ortholog_ids[index] = self._ortholog_ids.get(index, ()) + record.orthologs
        self._add_terms(index, record)

    def add_all(self, records: Iterable[ConceptRecord]) -> None:
        for record in records:
            self.add(record)

    def add_stop(self, stop: StopTerm) -> None:
        key = normalize_key(stop.term)
        if not key:
            raise ValueError(f"stop term {stop.term!r} has an empty key")
        known = self._stop.get(key)
        if known is not None:  # two rows, one key: both scopes; an unscoped row wins
            scoped = known.types and stop.types
            types = known.types | stop.types if scoped else frozenset()
            stop = StopTerm(known.term, known.reason, known.source, types)
        self._stop[key] = stop

    def add_ortholog(self, ortholog: Ortholog) -> None:
        self._orthologs.setdefault((ortholog.human, ortholog.mouse), []).append(ortholog.source)

    def _merge(self, index: int, record: ConceptRecord) -> None:
        if record.type != self._type[index]:
            curated = record.source.startswith("ontology/")
            kept = record.type if curated else self._type[index]
            self.report.type_conflicts.append(
                f"{record.curie}: {self._type[index].value} ({self._sources[index][0]}) vs "
                f"{record.type.value} ({record.source}); kept {kept.value}"
            )
            self._type[index] = kept
        if self._taxon[index] is None and record.taxon is not None:
            self._taxon[index] = record.taxon
        if record.source not in self._sources[index]:
            self._sources[index].append(record.source)

    def _add_terms(self, index: int, record: ConceptRecord) -> None:
        code = self._source_names.code(record.source)
        extra = int(Flags.CURATED) if record.source.startswith("ontology/") else 0
        terms, concepts, flags, sources = self._term, self._concept, self._flags, self._source
        for text, term_flags in record.terms:
            terms.append(text)
            concepts.append(index)
            flags.append(int(term_flags) | extra)
            sources.append(code)

    # ------------------------------------------------------------------ output

    def compile(self) -> LexTables:
        self._place_attachments()
        self._resolve_orthologs()
        keys = [normalize_key.__wrapped__(term) for term in self._term]
        order = sorted((i for i in range(len(keys)) if keys[i]), key=keys.__getitem__)
        self.report.skipped["terms with an empty key"] += len(keys) - len(order)
        columns = _KeyedColumns()
        start = 0
        while start < len(order):
            key = keys[order[start]]
            end = start
            while end < len(order) and keys[order[end]] == key:
                end += 1
            self._emit_key(key, order[start:end], columns)
            start = end
        return self._tables(columns)

    def _place_attachments(self) -> None:
        by_xref: dict[str, int] = {}
        for index, xrefs in self._xrefs.items():
            for xref in xrefs:
                by_xref.setdefault(xref, index)
        for record in self._attach:
            if record.update_only:
                index = self._index.get(record.curie)
                if index is not None:
                    self._merge(index, record)
                    self._absorb(index, record)
                else:
                    self.report.skipped[f"{record.source} records with no concept"] += 1
                continue
            index = by_xref.get(record.curie)
            if index is None:
                self.report.skipped[f"{record.source} entries with no matching gene"] += 1
                continue
            if record.source not in self._sources[index]:
                self._sources[index].append(record.source)
            self._add_terms(index, record)
        self._attach.clear()

    def _resolve_orthologs(self) -> None:
        by_xref: dict[str, int] = {}
        for index, xrefs in self._xrefs.items():
            if self._taxon[index] == MOUSE:
                for xref in xrefs:
                    by_xref.setdefault(xref, index)
        for index, ids in self._ortholog_ids.items():
            if self._taxon[index] != HUMAN:
                continue
            for other in ids:
                mouse = by_xref.get(other)
                if mouse is None:
                    self.report.skipped["HGNC mouse orthologs with no mouse gene"] += 1
                    continue
                pair = (self._curie[index], self._curie[mouse])
                source = f"hgnc:{other}"
                self._orthologs.setdefault(pair, []).append(source)

    def _emit_key(self, key: str, rows: list[int], out: _KeyedColumns) -> None:
        # Plain ints here, not Flags: this runs once per key (millions) and IntFlag
        # arithmetic costs several microseconds per operation.
        concept_of, source_of = self._concept, self._source
        merged: dict[int, list[int]] = {}
        for row in rows:
            merged.setdefault(concept_of[row], []).append(row)
        listed = self._stop.get(key)
        stop = listed is not None and not listed.types
        if not stop and (len(key) == 1 or key.isnumeric()):
            stop = True
            self.report.skipped["keys flagged STOP (one character or no letter)"] += 1
        shared = _STOP if stop else 0
        stop_types = listed.types if listed is not None else frozenset()
        group_size: Counter[tuple[EntityType, str | None]] | None = None
        gene_species = False
        if len(merged) > 1:
            types = {self._type[c] for c in merged}
            if len(types) > 1:
                shared |= _AMBIGUOUS_TYPE
            genes = {self._taxon[c] for c in merged if self._type[c] == EntityType.GENE}
            gene_species = len(genes) > 1
            group_size = Counter((self._type[c], self._taxon[c]) for c in merged)
        short = len(key) <= SHORT_SYMBOL
        out.keys.append(key)
        for concept, group in merged.items():
            concept_flags = shared
            if stop_types and self._type[concept] in stop_types:
                concept_flags |= _STOP
            if len({source_of[row] for row in group}) > 1:
                concept_flags |= _MULTI_SOURCE
            if gene_species and self._type[concept] == EntityType.GENE:
                concept_flags |= _AMBIGUOUS_SPECIES
            if group_size and group_size[(self._type[concept], self._taxon[concept])] > 1:
                concept_flags |= _AMBIGUOUS_CONCEPT
            for variant in self._case_variants(group, short):
                self._emit_entry(concept, variant, concept_flags, short, out)
        out.starts.append(len(out.concept))

    def _case_variants(self, group: list[int], short: bool) -> list[list[int]]:
        """Rows of one (key, concept) -> the entries to make: one, unless every form is
        case-sensitive, in which case one per spelling (``STING`` and ``Sting`` both match)."""
        flags_of = self._flags
        sensitive = all(
            flags_of[row] & _CASE_SENSITIVE or (short and flags_of[row] & _SYMBOL) for row in group
        )
        if not sensitive or len(group) == 1:
            return [group]
        spellings: dict[str, list[int]] = {}
        for row in group:
            spellings.setdefault(self._term[row], []).append(row)
        return list(spellings.values())

    def _emit_entry(
        self, concept: int, rows: list[int], extra: int, short: bool, out: _KeyedColumns
    ) -> None:
        flags = 0
        every = _EVERY  # bits that hold only if every merged form has them
        chosen = -1
        for row in rows:
            row_flags = self._flags[row]
            flags |= row_flags
            if short and row_flags & _SYMBOL:
                row_flags |= _CASE_SENSITIVE
            every &= row_flags
            if chosen < 0 and row_flags & _PREFERRED:
                chosen = row
        chosen = rows[0] if chosen < 0 else chosen
        out.term.append(self._term[chosen])
        out.concept.append(concept)
        out.flags.append((flags & ~_RECOMPUTED) | extra | every)
        out.source.append(self._source[chosen])

    def _tables(self, columns: _KeyedColumns) -> LexTables:
        synonyms: list[str] = [""] * len(self._curie)
        by_concept: dict[int, dict[str, None]] = defaultdict(dict)
        for row in sorted(range(len(self._term)), key=self._concept.__getitem__):
            by_concept[self._concept[row]][self._term[row]] = None
        for concept, names in by_concept.items():
            synonyms[concept] = "\t".join(names)
        by_concept.clear()
        taxa = Interner([None])
        counts = Counter(t.value for t in self._type)
        return LexTables(
            keys=columns.keys,
            key_starts=columns.starts,
            entry_term=StringColumn.from_strings(columns.term),
            entry_concept=columns.concept,
            entry_flags=columns.flags,
            entry_source=columns.source,
            concept_curie=StringColumn.from_strings(self._curie),
            concept_type=array("B", (TYPE_CODES[t] for t in self._type)),
            concept_taxon=array("H", (taxa.code(t) for t in self._taxon)),
            concept_preferred=StringColumn.from_strings(self._preferred),
            concept_synonyms=StringColumn.from_strings(synonyms),
            concept_xrefs=StringColumn.from_strings(
                "\t".join(self._xrefs.get(i, ())) for i in range(len(self._curie))
            ),
            concept_sources=StringColumn.from_strings("\t".join(s) for s in self._sources),
            sources=list(self._source_names.values),
            taxa=taxa.values,
            orthologs=[
                Ortholog(human, mouse, "+".join(dict.fromkeys(sources)))
                for (human, mouse), sources in sorted(self._orthologs.items())
            ],
            counts={
                "keys": len(columns.keys),
                "entries": len(columns.concept),
                "concepts": len(self._curie),
                "concepts_by_type": dict(sorted(counts.items())),
                "stop_keys": sum(1 for k in columns.keys if k in self._stop),
                "orthologs": len(self._orthologs),
            },
        )


class _KeyedColumns:
    __slots__ = ("concept", "flags", "keys", "source", "starts", "term")

    def __init__(self) -> None:
        self.keys: list[str] = []
        self.starts = array("I", [0])
        self.term: list[str] = []
        self.concept = array("I")
        self.flags = array("H")
        self.source = array("H")
