"""The lexicon file: one versioned binary file, memory-mapped on open.

Layout (all integers little-endian)::

    b"IRKGLEX\\0"          8 bytes magic
    u32 format version     FORMAT_VERSION; a reader refuses any other
    u64 header length
    header                 UTF-8 JSON: lexicon version, manifest (sources, sha256, counts),
                           small tables (source names, taxa, entity types in code order) and the
                           section table {name: [offset, length, kind]}
    sections               each 8-byte aligned: numeric columns as raw arrays (kind u8/u16/u32/
                           u64), string columns as a UTF-8 blob + u64 offsets, the key list as
                           newline-joined UTF-8 text

Why this shape: opening reads the header, maps the file and builds one dict over the key list
(a single ``split`` and ``dict(zip(...))`` in C), so a lexicon of millions of terms opens in about
a second; every other column stays in the page cache and is decoded only for looked-up keys.
It needs no pickle (nothing executable in a data file) and no database engine.

Writes go to a temporary file beside the target and are renamed over it at the end, so a failed
build leaves any previous lexicon untouched. The lexicon version is a hash of the section bytes.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import mmap
import os
import struct
import sys
import tempfile
from array import array
from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO

from kg.errors import VocabularyError
from kg.lexicon.model import LEXICON_TYPES, Ortholog
from kg.lexicon.tables import LexTables, StringColumn

MAGIC = b"IRKGLEX\x00"
FORMAT_VERSION = 1
_PREFIX = struct.Struct("<8sIQ")
_KINDS = {"u8": "B", "u16": "H", "u32": "I", "u64": "Q"}
_NUMERIC = {
    "key_starts": "u32",
    "entry_concept": "u32",
    "entry_flags": "u16",
    "entry_source": "u16",
    "concept_type": "u8",
    "concept_taxon": "u16",
}
_STRINGS = (
    "entry_term",
    "concept_curie",
    "concept_preferred",
    "concept_synonyms",
    "concept_xrefs",
    "concept_sources",
)

if sys.byteorder != "little":  # pragma: no cover - every supported platform is little-endian
    raise ImportError("the irkg lexicon format needs a little-endian machine")


def _as_array(values: Sequence[int], kind: str) -> array:
    code = _KINDS[kind]
    if isinstance(values, array) and values.typecode == code:
        return values
    if isinstance(values, memoryview) and values.format == code:
        return array(code, values.tobytes())
    try:
        return array(code, values)
    except OverflowError as exc:
        raise VocabularyError(f"lexicon column does not fit {kind}: {exc}") from None


def _sections(tables: LexTables) -> list[tuple[str, str, bytes | memoryview]]:
    out: list[tuple[str, str, bytes | memoryview]] = [
        ("keys", "text", "\n".join(tables.keys).encode("utf-8"))
    ]
    for name, kind in _NUMERIC.items():
        out.append((name, kind, memoryview(_as_array(getattr(tables, name), kind)).cast("B")))
    for name in _STRINGS:
        column = getattr(tables, name)
        if not isinstance(column, StringColumn):
            column = StringColumn.from_strings(column)
        out.append((f"{name}.blob", "bytes", column.blob))
        out.append((f"{name}.offsets", "u64", memoryview(_as_array(column.offsets, "u64"))))
    orthologs = "".join(f"{o.human}\t{o.mouse}\t{o.source}\n" for o in tables.orthologs)
    out.append(("orthologs", "text", orthologs.encode("utf-8")))
    return out


def write_lexicon(path: Path, tables: LexTables, manifest: dict[str, Any]) -> str:
    """Write ``tables`` to ``path`` atomically; returns the lexicon version (content hash)."""
    if any("\n" in key for key in tables.keys):
        raise VocabularyError("lexicon keys must not contain newlines")
    sections = _sections(tables)
    digest = hashlib.sha256()
    table: dict[str, list[Any]] = {}
    offset = 0
    for name, kind, data in sections:
        view = memoryview(data).cast("B")
        digest.update(name.encode())
        digest.update(view)
        table[name] = [offset, view.nbytes, kind]
        offset += view.nbytes + (-view.nbytes % 8)
    version = digest.hexdigest()[:16]
    header = {
        "format": "irkg-lexicon",
        "format_version": FORMAT_VERSION,
        "version": version,
        "manifest": manifest,
        "counts": tables.counts,
        "sources": tables.sources,
        "taxa": tables.taxa,
        "types": [t.value for t in LEXICON_TYPES],
        "sections": table,
        "body_length": offset,
    }
    header_bytes = json.dumps(header, ensure_ascii=False, sort_keys=True).encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            start = _PREFIX.size + len(header_bytes)
            out.write(_PREFIX.pack(MAGIC, FORMAT_VERSION, len(header_bytes)))
            out.write(header_bytes)
            out.write(b"\0" * (-start % 8))
            for _name, _kind, data in sections:
                view = memoryview(data).cast("B")
                out.write(view)
                out.write(b"\0" * (-view.nbytes % 8))
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp_name, 0o666 & ~_umask())  # mkstemp makes it private; use the usual mode
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    return version


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def read_header(path: Path) -> dict[str, Any]:
    """The JSON header of a lexicon file (manifest, counts, version) without mapping the body."""
    with open(path, "rb") as handle:
        header, _start = _read_header(handle, path)
    return header


def _read_header(handle: BinaryIO, path: Path) -> tuple[dict[str, Any], int]:
    prefix = handle.read(_PREFIX.size)
    if len(prefix) != _PREFIX.size:
        raise VocabularyError(f"{path}: not an irkg lexicon (file too short)")
    magic, version, length = _PREFIX.unpack(prefix)
    if magic != MAGIC:
        raise VocabularyError(f"{path}: not an irkg lexicon (bad magic)")
    if version != FORMAT_VERSION:
        raise VocabularyError(
            f"{path}: lexicon format {version}, this irkg reads {FORMAT_VERSION}; "
            "rebuild it with `irkg vocab build`"
        )
    raw = handle.read(length)
    if len(raw) != length:
        raise VocabularyError(f"{path}: truncated lexicon (header cut short)")
    try:
        header = json.loads(raw)
    except ValueError as exc:
        raise VocabularyError(f"{path}: corrupt lexicon header ({exc})") from None
    start = _PREFIX.size + length
    return header, start + (-start % 8)


def read_lexicon(path: Path):  # -> Lexicon (imported lazily to avoid a cycle)
    """Map a lexicon file and return an open ``Lexicon`` over it."""
    from kg.lexicon.lexicon import Lexicon

    if not path.is_file():
        raise VocabularyError(f"{path}: no lexicon file here; build one with `irkg vocab build`")
    with open(path, "rb") as handle:
        header, body = _read_header(handle, path)
        size = os.fstat(handle.fileno()).st_size
        if size < body + header["body_length"]:
            raise VocabularyError(
                f"{path}: truncated lexicon ({size} bytes, expected {body + header['body_length']})"
            )
        if [t.value for t in LEXICON_TYPES] != header["types"]:
            raise VocabularyError(f"{path}: entity types differ from this irkg; rebuild it")
        mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    whole = memoryview(mapped)
    views: list[memoryview] = [whole]

    def section(name: str) -> memoryview:
        offset, length, kind = header["sections"][name]
        view = whole[body + offset : body + offset + length]
        if kind in _KINDS:
            view = view.cast(_KINDS[kind])
        views.append(view)
        return view

    keys_text = str(section("keys"), "utf-8")
    columns: dict[str, Any] = {name: section(name) for name in _NUMERIC}
    for name in _STRINGS:
        columns[name] = StringColumn(section(f"{name}.blob"), section(f"{name}.offsets"))
    orthologs = [
        Ortholog(*line.split("\t"))
        for line in str(section("orthologs"), "utf-8").splitlines()
        if line
    ]
    tables = LexTables(
        keys=keys_text.split("\n") if keys_text else [],
        sources=list(header["sources"]),
        taxa=list(header["taxa"]),
        orthologs=orthologs,
        counts=dict(header["counts"]),
        **columns,
    )

    def close() -> None:
        for view in reversed(views):
            view.release()
        mapped.close()

    return Lexicon(
        tables, version=header["version"], manifest=header["manifest"], path=path, closer=close
    )
