"""The lexicon's packed, column-wise tables, shared by the in-memory and the on-disk lexicon.

Entries are sorted by key, so the entries of key ``i`` are rows ``key_starts[i]`` to
``key_starts[i + 1]``. Every per-entry and per-concept column is a flat array or a string column,
never a list of objects: an opened lexicon keeps millions of terms without millions of Python
objects, and turns rows into ``LexEntry`` records only for the keys that are looked up.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from kg.lexicon.model import LEXICON_TYPES, Ortholog
from kg.model import EntityType

TYPE_CODES = {t: i for i, t in enumerate(LEXICON_TYPES)}


class StringColumn(Sequence[str]):
    """Strings stored as one UTF-8 blob plus ``n + 1`` offsets; decoded one at a time."""

    __slots__ = ("_blob", "_offsets")

    def __init__(self, blob: bytes | memoryview, offsets: Sequence[int]) -> None:
        self._blob = blob
        self._offsets = offsets

    @classmethod
    def from_strings(cls, strings: Iterable[str]) -> StringColumn:
        offsets = array("Q", [0])
        parts: list[bytes] = []
        total = 0
        for text in strings:
            data = text.encode("utf-8")
            parts.append(data)
            total += len(data)
            offsets.append(total)
        return cls(b"".join(parts), offsets)

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __getitem__(self, index: int) -> str:  # type: ignore[override]
        offsets = self._offsets
        return str(self._blob[offsets[index] : offsets[index + 1]], "utf-8")

    @property
    def blob(self) -> bytes | memoryview:
        return self._blob

    @property
    def offsets(self) -> Sequence[int]:
        return self._offsets


@dataclass
class LexTables:
    """Column-wise lexicon content; see the module doc for the layout."""

    keys: Sequence[str]
    key_starts: Sequence[int]
    entry_term: Sequence[str]
    entry_concept: Sequence[int]
    entry_flags: Sequence[int]
    entry_source: Sequence[int]
    concept_curie: Sequence[str]
    concept_type: Sequence[int]
    concept_taxon: Sequence[int]
    concept_preferred: Sequence[str]
    concept_synonyms: Sequence[str]  # tab-joined
    concept_xrefs: Sequence[str]  # tab-joined
    concept_sources: Sequence[str]  # tab-joined
    sources: list[str]  # entry_source codes -> source name
    taxa: list[str | None]  # concept_taxon codes -> NCBITaxon CURIE (code 0 = none)
    orthologs: list[Ortholog] = field(default_factory=list)
    counts: dict[str, Any] = field(default_factory=dict)

    @property
    def n_keys(self) -> int:
        return len(self.key_starts) - 1

    @property
    def n_entries(self) -> int:
        return len(self.entry_concept)

    @property
    def n_concepts(self) -> int:
        return len(self.concept_type)


def type_of(code: int) -> EntityType:
    return LEXICON_TYPES[code]


class Interner:
    """Small string -> code tables (sources, taxa), first come first numbered."""

    __slots__ = ("codes", "values")

    def __init__(self, initial: Iterable[Any] = ()) -> None:
        self.values: list[Any] = []
        self.codes: dict[Any, int] = {}
        for value in initial:
            self.code(value)

    def code(self, value: Any) -> int:
        code = self.codes.get(value)
        if code is None:
            code = len(self.values)
            self.codes[value] = code
            self.values.append(value)
        return code
