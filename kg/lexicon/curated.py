"""irkg's curated vocabulary tables in ``ontology/`` (TSV with a header; ``#`` lines are notes).

- ``lexicon_concepts.tsv``: concepts (radiotherapy modalities, drugs missing from MeSH) or
  synonyms for MeSH records: curie, type, preferred, taxon, synonyms, xrefs, source, checked.
- ``lexicon_synonyms.tsv``: extra terms for concepts other sources define (update-only):
  term, curie, type, kind (symbol|name), source, checked.
- ``lexicon_stoplist.tsv``: ambiguous short forms: term, the types it stops (empty: all), reason,
  source.
- ``lexicon_mouse_genes.tsv``: mouse genes from NCBI Gene for builds without ../shared:
  ncbigene, symbol, mgi, name, synonyms, source, checked.
- ``lexicon_cell_lines.tsv``: Cellosaurus cell lines for builds without ../shared:
  accession, name, taxon, synonyms, source, checked.

Every row must name its source; a row without one stops the build (``file:line: reason``).
Curated single-word terms written in capitals (``FLASH``, ``LATTICE``, ``GRID``) are
case-sensitive, so the English words do not match them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from kg.errors import InputError
from kg.lexicon.compile import StopTerm
from kg.lexicon.mesh import looks_like_symbol
from kg.lexicon.model import Flags
from kg.lexicon.records import ConceptRecord, Term, clean_term
from kg.lexicon.textio import SourceFile, iter_tsv, split_list
from kg.model import EntityType
from kg.taxa import MOUSE

CONCEPTS = "lexicon_concepts.tsv"
SYNONYMS = "lexicon_synonyms.tsv"
STOPLIST = "lexicon_stoplist.tsv"
MOUSE_GENES = "lexicon_mouse_genes.tsv"
CELL_LINES = "lexicon_cell_lines.tsv"
TABLES = (CONCEPTS, SYNONYMS, STOPLIST, MOUSE_GENES, CELL_LINES)

_HEADERS = {
    CONCEPTS: ("curie", "type", "preferred", "taxon", "synonyms", "xrefs", "source", "checked"),
    SYNONYMS: ("term", "curie", "type", "kind", "source", "checked"),
    STOPLIST: ("term", "types", "reason", "source"),
    MOUSE_GENES: ("ncbigene", "symbol", "mgi", "name", "synonyms", "source", "checked"),
    CELL_LINES: ("accession", "name", "taxon", "synonyms", "source", "checked"),
}


@dataclass(frozen=True, slots=True)
class CuratedTables:
    """What the curated folder holds: concept records and stop terms."""

    records: tuple[ConceptRecord, ...]
    stop: tuple[StopTerm, ...]


def packaged_folder() -> Path:
    """The ``ontology/`` folder shipped with irkg."""
    return Path(str(resources.files("kg.ontology")))


def _term_flags(text: str, kind: Flags = Flags.NONE) -> Flags:
    if not kind:
        kind = Flags.SYMBOL if looks_like_symbol(text) else Flags.NAME
    if " " not in text and text.isupper() and any(c.isalpha() for c in text):
        kind |= Flags.CASE_SENSITIVE
    return kind


def _rows(folder: Path, name: str) -> Iterator[tuple[SourceFile, int, dict[str, str]]]:
    source = SourceFile(folder / name)
    header = _HEADERS[name]
    for lineno, row in _data_rows(source, len(header)):
        if lineno is None:
            if tuple(row) != header:
                raise InputError(source.display, "header", f"expected columns {header}")
            continue
        values = dict(zip(header, (v.strip() for v in row), strict=True))
        if not values["source"]:
            raise InputError(source.display, lineno, "every curated row needs a source")
        yield source, lineno, values


def _data_rows(source: SourceFile, columns: int) -> Iterator[tuple[int | None, list[str]]]:
    first = True
    for lineno, row in iter_tsv(source, columns, comment="#"):
        yield (None if first else lineno), row
        first = False


def _type(source: SourceFile, lineno: int, value: str) -> EntityType:
    try:
        return EntityType.parse(value)
    except ValueError as exc:
        raise InputError(source.display, lineno, str(exc)) from None


def _taxon(source: SourceFile, lineno: int, value: str) -> str | None:
    if not value:
        return None
    if not value.startswith("NCBITaxon:"):
        raise InputError(source.display, lineno, f"taxon must be NCBITaxon:<id>, not {value!r}")
    return value


def read_curated(folder: Path | None = None) -> CuratedTables:
    """All curated tables in ``folder`` (default: the packaged ``ontology/``)."""
    folder = folder or packaged_folder()
    records: list[ConceptRecord] = []
    stop: list[StopTerm] = []
    label = f"ontology/{CONCEPTS}"
    for source, lineno, v in _rows(folder, CONCEPTS):
        if ":" not in v["curie"] or not v["preferred"]:
            raise InputError(source.display, lineno, "a concept needs a CURIE and a name")
        names = [v["preferred"], *split_list(v["synonyms"])]
        terms = [Term(clean_term(n), _term_flags(n)) for n in names]
        terms[0] = Term(terms[0].text, terms[0].flags | Flags.PREFERRED)
        records.append(
            ConceptRecord(
                curie=v["curie"],
                type=_type(source, lineno, v["type"]),
                preferred=v["preferred"],
                source=label,
                taxon=_taxon(source, lineno, v["taxon"]),
                terms=tuple(terms),
                xrefs=tuple(split_list(v["xrefs"])),
            )
        )
    label = f"ontology/{SYNONYMS}"
    for source, lineno, v in _rows(folder, SYNONYMS):
        kinds = {"symbol": Flags.SYMBOL, "name": Flags.NAME}
        if v["kind"] not in kinds:
            raise InputError(source.display, lineno, f"kind must be symbol or name: {v['kind']!r}")
        records.append(
            ConceptRecord(
                curie=v["curie"],
                type=_type(source, lineno, v["type"]),
                preferred=v["term"],
                source=label,
                terms=(Term(clean_term(v["term"]), _term_flags(v["term"], kinds[v["kind"]])),),
                update_only=True,
            )
        )
    for source, lineno, v in _rows(folder, STOPLIST):
        if not v["term"] or not v["reason"]:
            raise InputError(source.display, lineno, "a stop term needs a term and a reason")
        types = frozenset(_type(source, lineno, t) for t in split_list(v["types"]))
        stop.append(StopTerm(v["term"], v["reason"], v["source"], types))
    records.extend(_mouse_genes(folder))
    records.extend(_cell_lines(folder))
    return CuratedTables(tuple(records), tuple(stop))


def _mouse_genes(folder: Path) -> Iterator[ConceptRecord]:
    for source, lineno, v in _rows(folder, MOUSE_GENES):
        if not v["ncbigene"].isdigit() or not v["mgi"].startswith("MGI:"):
            raise InputError(source.display, lineno, "ncbigene must be digits and mgi MGI:<id>")
        terms = [
            Term(v["symbol"], Flags.SYMBOL | Flags.PREFERRED),
            Term(clean_term(v["name"]), Flags.NAME | Flags.PREFERRED),
            *(Term(clean_term(s), Flags.SYMBOL) for s in split_list(v["synonyms"])),
        ]
        yield ConceptRecord(
            curie=f"NCBIGene:{v['ncbigene']}",
            type=EntityType.GENE,
            preferred=v["symbol"],
            source=f"ontology/{MOUSE_GENES}",
            taxon=MOUSE,
            terms=tuple(t for t in terms if t.text),
            xrefs=(v["mgi"],),
        )


def _cell_lines(folder: Path) -> Iterator[ConceptRecord]:
    for source, lineno, v in _rows(folder, CELL_LINES):
        if not v["accession"].startswith("CVCL_") or not v["name"]:
            raise InputError(source.display, lineno, "accession must be CVCL_… with a name")
        names = [v["name"], *split_list(v["synonyms"])]
        terms = [Term(n, Flags.NAME if " " in n else Flags.SYMBOL) for n in names]
        terms[0] = Term(terms[0].text, terms[0].flags | Flags.PREFERRED)
        yield ConceptRecord(
            curie=f"cellosaurus:{v['accession']}",
            type=EntityType.CELL_LINE,
            preferred=v["name"],
            source=f"ontology/{CELL_LINES}",
            taxon=_taxon(source, lineno, v["taxon"]),
            terms=tuple(terms),
        )
