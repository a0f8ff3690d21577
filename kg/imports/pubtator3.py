"""PubTator3's precomputed annotations as an annotation source: its exports -> annotated documents.

PubTator3 (NCBI) serves its entity annotations for all of PubMed and the PMC open-access subset
in three formats, from ``/publications/export/{biocjson,biocxml,pubtator}`` and as bulk files:

* BioC JSON: ``{"PubTator3": [document, ...]}``; each passage carries document-level offsets and
  ``annotations`` whose infons hold ``type`` (Gene, Chemical, Disease, CellLine, Species,
  Variant, ...), ``identifier`` (NCBI Gene ids, ``;``-separated when several; ``MESH:D...``;
  Cellosaurus ``CVCL_...`` or ``CVCL:...``; NCBI Taxonomy ids), ``normalized_id``,
  ``database``, ``accession`` (PubTator3's own ``@GENE_...`` key) and ``name``;
* BioC XML: the same structure as elements;
* PubTator text: ``PMID|t|``, ``PMID|a|`` and tab-separated annotation lines.

``kg.ingest`` already reads all three (formats sniffed); this module adds what an *import* needs
on top: mentions marked ``source="pubtator3"``, and a report of what could not be mapped onto
irkg's identifier spaces. Unreadable identifiers are reported by ingest with file and position;
readable ones outside the space irkg uses for the type (``OMIM:...`` for a disease, say) are kept
and counted here, so the user sees how much of PubTator3's output lands outside our vocabularies.
PubTator3's document-level relations carry no evidence sentence and are counted, not read: a
graph built from the import gets irkg's own relation extraction (``irkg build --recognizer gold``).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, TextIO

from kg.errors import ConfigError
from kg.model import AnnotatedDocument, EntityType, Mention

if TYPE_CHECKING:
    from kg.ingest import IngestReport, Problem

SOURCE = "pubtator3"
INPUT_FORMATS = ("pubtator", "bioc-xml", "bioc-json")
OUTPUT_FORMATS = ("jsonl", "pubtator")
# The identifier space irkg uses for each type PubTator3 annotates.
ID_SPACES: dict[EntityType, str] = {
    EntityType.GENE: "NCBIGene",
    EntityType.CHEMICAL: "MESH",
    EntityType.DISEASE: "MESH",
    EntityType.CELL_LINE: "cellosaurus",
    EntityType.SPECIES: "NCBITaxon",
}
_EXAMPLES = 20
_FLATTEN = str.maketrans({"\n": " ", "\r": " ", "\t": " "})


@dataclass
class ImportReport:
    """What an import read: ingest's report (problems with file and position) plus counts of
    mentions per type and identifiers per prefix, and the identifiers outside irkg's spaces."""

    ingest: IngestReport
    documents: int = 0
    mentions: int = 0
    by_type: Counter[str] = field(default_factory=Counter)
    by_prefix: Counter[str] = field(default_factory=Counter)
    without_id: Counter[str] = field(default_factory=Counter)
    outside: Counter[str] = field(default_factory=Counter)  # "Disease OMIM" -> count
    examples: dict[str, list[str]] = field(default_factory=dict)
    other_formats: Counter[str] = field(default_factory=Counter)

    def count(self, annotated: AnnotatedDocument) -> None:
        self.documents += 1
        for mention in annotated.mentions:
            self.mentions += 1
            self.by_type[mention.type.value] += 1
            if not mention.ids:
                self.without_id[mention.type.value] += 1
            for curie in mention.ids:
                prefix = curie.split(":", 1)[0]
                self.by_prefix[prefix] += 1
                expected = ID_SPACES.get(mention.type)
                if expected is not None and prefix != expected:
                    key = f"{mention.type.value} {prefix}"
                    self.outside[key] += 1
                    self._example(key, f"{annotated.document.id}: {mention.text!r} -> {curie}")

    def _example(self, key: str, text: str) -> None:
        items = self.examples.setdefault(key, [])
        if len(items) < _EXAMPLES:
            items.append(text)

    @property
    def clean(self) -> bool:
        return self.ingest.clean and not self.other_formats

    def summary(self) -> str:
        """One line: documents, mentions per type, what lies outside irkg's identifier spaces."""
        types = ", ".join(f"{n:,} {t}" for t, n in sorted(self.by_type.items()))
        line = f"{self.documents:,} documents, {self.mentions:,} mentions ({types or 'none'})"
        if self.without_id:
            line += f"; without id: {_counts(self.without_id)}"
        if self.outside:
            line += f"; ids outside irkg's vocabularies kept: {_counts(self.outside)}"
        if self.other_formats:
            line += f"; not PubTator3 exports (no annotations): {_counts(self.other_formats)} files"
        return line


def _counts(counter: Counter[str]) -> str:
    return ", ".join(f"{n:,} {key}" for key, n in counter.most_common())


def read_pubtator3(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    format: str | None = None,
    report: ImportReport | None = None,
) -> Iterator[AnnotatedDocument]:
    """Documents of PubTator3 exports with their annotations as ``source="pubtator3"`` mentions.

    ``paths``: files, folders, globs or archives (``kg.ingest``'s inputs); ``format`` forces one
    of ``INPUT_FORMATS`` (default: sniffed per file). Counts and problems go to ``report``; read
    it once the iterator is exhausted.
    """
    from kg.ingest import IngestReport, read_annotated

    if format not in (None, "auto", *INPUT_FORMATS):
        raise ConfigError(f"unknown PubTator3 format {format!r}; known: {INPUT_FORMATS}")
    report = report if report is not None else ImportReport(IngestReport())
    for annotated in read_annotated(
        paths, None if format == "auto" else format, report=report.ingest
    ):
        annotated = replace(annotated, mentions=tuple(_ours(m) for m in annotated.mentions))
        report.count(annotated)
        yield annotated
    for fmt, files in report.ingest.formats.items():
        if fmt not in INPUT_FORMATS:
            report.other_formats[fmt] += files


def _ours(mention: Mention) -> Mention:
    return replace(mention, source=SOURCE)


def import_pubtator3(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    out: str | os.PathLike[str] | TextIO,
    *,
    format: str = "jsonl",
    input_format: str | None = None,
    on_problem: Callable[[Problem], None] | None = None,
) -> ImportReport:
    """``irkg import pubtator3``: write the exports' documents and mentions to ``out``.

    ``format``: ``jsonl`` (irkg's annotated JSON Lines: ``irkg build FILE --recognizer gold``
    reads it with its mentions) or ``pubtator`` (PubTator text; every CURIE of a mention in the
    id column joined by ``|``, which any PubTator scorer and ``irkg eval --pred`` read).
    ``out`` is a path (written atomically; ``-`` = stdout) or an open text handle.
    """
    from kg.ingest import IngestReport
    from kg.ingest.irkg_jsonl import write_jsonl, write_text

    if format not in OUTPUT_FORMATS:
        raise ConfigError(f"unknown output format {format!r}; known: {OUTPUT_FORMATS}")
    report = ImportReport(IngestReport(on_problem=on_problem))
    documents = read_pubtator3(paths, format=input_format, report=report)
    if format == "jsonl":
        write_jsonl(documents, out)
    else:
        write_text(documents, out, pubtator_block)
    return report


def pubtator_block(annotated: AnnotatedDocument) -> str:
    """One document as PubTator text (title line, abstract line, annotation lines, blank line).

    ``Document.text`` up to its first newline is the title and the rest the abstract, with any
    further newline or tab written as a space: same length, so offsets stay those of
    ``Document.text`` and the PubTator reader gives the same document back.
    """
    document = annotated.document
    title, newline, rest = document.text.partition("\n")
    lines = [f"{document.id}|t|{title.translate(_FLATTEN)}"]
    if newline:
        lines.append(f"{document.id}|a|{rest.translate(_FLATTEN)}")
    for m in annotated.mentions:
        fields = (str(m.start), str(m.end), m.text.translate(_FLATTEN), m.type.value)
        lines.append("\t".join((document.id, *fields, "|".join(m.ids))))
    return "\n".join(lines) + "\n\n"
