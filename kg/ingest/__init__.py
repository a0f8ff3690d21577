"""ingest: readers that turn papers in any supported format into ``kg.model.Document``.

    from kg.ingest import IngestReport, read_documents

    report = IngestReport()
    for document in read_documents(["papers/", "pubmed.xml.gz"], report=report):
        ...
    print(report.summary())

Formats (sniffed from content, or forced with ``format=``): PubTator, BioC XML and JSON, PubMed
XML (efetch), PMC JATS XML, plain text, Markdown and irkg's own JSON Lines. Gold annotations of
PubTator and BioC files: ``read_annotated`` or ``kg.ingest.pubtator.read_pubtator``.
"""

from kg.ingest.context import DEFAULT_MAX_CHARS
from kg.ingest.detect import FORMATS, detect_format
from kg.ingest.reader import read_annotated, read_documents
from kg.ingest.report import IngestReport, Problem, Skipped
from kg.ingest.sections import Section, section_of

__all__ = [
    "DEFAULT_MAX_CHARS",
    "FORMATS",
    "IngestReport",
    "Problem",
    "Section",
    "Skipped",
    "detect_format",
    "read_annotated",
    "read_documents",
    "section_of",
]
