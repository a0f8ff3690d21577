"""GRAPH.BULK blobs encoded straight from the Parquet tables with Arrow compute, no Python loop.

Building a million ``Edge`` records and encoding them one by one costs ~25 µs per edge in
Python, which caps a load at ~40k edges/s before the server does any work. Here each column of
a record batch is encoded as a whole (type byte + value, in C++), the columns are joined row by
row (``binary_join_element_wise``), and the resulting Arrow buffer *is* the blob's record
section. The encoding follows ``kg.loaders.properties`` exactly (same keys, same order, empty
values absent, ``direction`` derived from ``sign``); the tests compare a graph loaded this way
with the records, property by property.

Node internal ids are their creation order, so nodes are sent in a known order and edge
endpoints are looked up with ``index_in`` against that order.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kg.errors import InputError, StoreError
from kg.loaders.cypher import EVIDENCE_LABEL
from kg.loaders.falkordb_bulk import EDGE_KEYS, EVIDENCE_KEYS, NODE_KEYS, header
from kg.loaders.properties import BOOLEAN, DOUBLE, EDGE_PROPS, EVIDENCE_PROPS, LONG, NODE_PROPS
from kg.schema import Schema

BATCH_ROWS = 131_072
_TYPES = {NODE_KEYS: NODE_PROPS, EDGE_KEYS: EDGE_PROPS, EVIDENCE_KEYS: EVIDENCE_PROPS}


def _fixed(type_byte: int, values: Any, dtype: str) -> Any:
    """type byte + little-endian fixed-width value per row, as an Arrow binary array."""
    import numpy as np
    import pyarrow as pa

    n = len(values)
    packed = np.empty(n, dtype=[("t", "u1"), ("v", dtype)])
    packed["t"] = type_byte
    packed["v"] = values
    width = packed.dtype.itemsize
    array = pa.FixedSizeBinaryArray.from_buffers(
        pa.binary(width), n, [None, pa.py_buffer(packed.tobytes())]
    )
    return array.cast(pa.binary())


def _null_as_absent(encoded: Any, missing: Any) -> Any:
    """Rows where ``missing`` is true get the null marker (property not set)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if missing is None:
        return encoded
    return pc.if_else(pc.fill_null(missing, True), pa.scalar(b"\x00"), encoded)


def _has_nul(column: Any) -> bool:
    """Whether any string holds a NUL byte (a C-speed search of the character data)."""
    data = column.buffers()[2]
    return data is not None and data.to_pybytes().find(b"\x00") >= 0


def _strings(column: Any, path: str, name: str) -> Any:
    import pyarrow as pa
    import pyarrow.compute as pc

    if _has_nul(column):
        raise InputError(path, name, "a value contains a NUL character")
    joined = pc.binary_join_element_wise(
        pa.scalar(b"\x03"), column.cast(pa.binary()), pa.scalar(b"\x00"), pa.scalar(b"")
    )
    return _null_as_absent(joined, pc.or_kleene(pc.is_null(column), pc.equal(column, "")))


def _string_lists(column: Any, path: str, name: str) -> Any:
    import pyarrow as pa
    import pyarrow.compute as pc

    values = column.flatten()
    if _has_nul(values):
        raise InputError(path, name, "a list value contains a NUL character")
    items = pc.binary_join_element_wise(
        pa.scalar(b"\x03"), values.cast(pa.binary()), pa.scalar(b"\x00"), pa.scalar(b"")
    )
    offsets = pc.subtract(column.offsets, column.offsets[0])
    joined = pc.binary_join(pa.ListArray.from_arrays(offsets, items), pa.scalar(b""))
    lengths = pc.fill_null(pc.list_value_length(column), 0)
    prefix = _fixed(5, lengths.to_numpy(zero_copy_only=False), "<i8")
    encoded = pc.binary_join_element_wise(prefix, joined, pa.scalar(b""))
    return _null_as_absent(encoded, pc.equal(lengths, 0))


def _numbers(column: Any, kind: str) -> Any:
    import pyarrow.compute as pc

    type_byte, dtype = {LONG: (4, "<i8"), DOUBLE: (2, "<f8"), BOOLEAN: (1, "u1")}[kind]
    values = pc.fill_null(column, False if kind == BOOLEAN else 0).to_numpy(zero_copy_only=False)
    encoded = _fixed(type_byte, values, dtype)
    return _null_as_absent(encoded, pc.is_null(column) if column.null_count else None)


def _encode(column: Any, kind: str, path: str, name: str) -> Any:
    if kind == "string":
        return _strings(column, path, name)
    if kind == "string[]":
        return _string_lists(column, path, name)
    return _numbers(column, kind)


def _direction(sign: Any) -> Any:
    import pyarrow as pa
    import pyarrow.compute as pc

    none = pa.scalar(None, pa.string())
    return pc.if_else(
        pc.equal(sign, 1), "increased", pc.if_else(pc.equal(sign, -1), "decreased", none)
    )


def _records(batch: Any, keys: tuple[str, ...], path: str, lead: list[Any]) -> bytes:
    """The record section of a blob: ``lead`` columns (already binary) then id and ``keys``."""
    import pyarrow as pa
    import pyarrow.compute as pc

    kinds = {p.name: p.type for p in _TYPES[keys]}
    columns = [*lead, _strings(batch.column("id"), path, "id")]
    for key in keys:
        column = _direction(batch.column("sign")) if key == "direction" else batch.column(key)
        columns.append(_encode(column, kinds[key], path, key))
    import numpy as np

    rows = pc.binary_join_element_wise(*columns, pa.scalar(b""))
    if rows.null_count:
        raise StoreError(f"{path}: internal: a record encoded to null")
    width = np.int64 if pa.types.is_large_binary(rows.type) else np.int32
    offsets = np.frombuffer(rows.buffers()[1], dtype=width)[
        rows.offset : rows.offset + len(rows) + 1
    ]
    start, end = int(offsets[0]), int(offsets[-1])
    return rows.buffers()[2].slice(start, end - start).to_pybytes()


def _batches(path: Path) -> Iterator[Any]:
    import pyarrow.parquet as pq

    if not path.is_file():
        raise InputError(str(path), None, "table not found (run `irkg build` first)")
    try:
        yield from pq.ParquetFile(path).iter_batches(batch_size=BATCH_ROWS)
    except OSError as exc:
        raise InputError(str(path), None, f"unreadable table: {exc}") from exc


def _groups(batch: Any, column: str) -> Iterator[tuple[str, Any]]:
    import pyarrow.compute as pc

    for value in sorted(pc.unique(batch.column(column)).to_pylist()):
        yield value, batch.filter(pc.equal(batch.column(column), value))


Blob = tuple[bytes, int]


def node_blobs(path: Path, schema: Schema) -> Iterator[tuple[list[Blob], Any]]:
    """Per record batch: the node blobs (one per category) and their ids in creation order."""
    import pyarrow as pa

    for batch in _batches(path):
        blobs, ids = [], []
        for category, rows in _groups(batch, "category"):
            try:
                labels = ":".join(schema.labels(category))
            except ValueError as exc:
                raise InputError(str(path), category, str(exc)) from None
            head = header(labels, ("id", *NODE_KEYS))
            blobs.append((head + _records(rows, NODE_KEYS, str(path), []), rows.num_rows))
            ids.append(rows.column("id"))
        yield blobs, pa.concat_arrays(ids) if ids else pa.array([], pa.string())


def edge_blobs(path: Path, schema: Schema, node_order: Any) -> Iterator[list[Blob]]:
    """Per record batch: one blob per relationship type, endpoints as internal node ids.

    Endpoints are looked up once per batch (``index_in`` hashes the whole node list on every
    call, so doing it per relationship type costs more than everything else together).
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    for batch in _batches(path):
        src = pc.index_in(batch.column("subject"), value_set=node_order)
        dst = pc.index_in(batch.column("object"), value_set=node_order)
        _check_endpoints(batch, src, dst)
        batch = batch.append_column("_src", src).append_column("_dst", dst)
        blobs = []
        for predicate, rows in _groups(batch, "predicate"):
            try:
                rel = schema.relationship_type(predicate)
            except ValueError as exc:
                raise InputError(str(path), predicate, str(exc)) from None
            pairs = pc.binary_join_element_wise(
                _fixed_raw(rows.column("_src"), "<u8"),
                _fixed_raw(rows.column("_dst"), "<u8"),
                pa.scalar(b""),
            )
            head = header(rel, ("id", *EDGE_KEYS))
            blobs.append((head + _records(rows, EDGE_KEYS, str(path), [pairs]), rows.num_rows))
        yield blobs


def _check_endpoints(batch: Any, src: Any, dst: Any) -> None:
    import pyarrow.compute as pc

    missing = pc.or_(pc.is_null(src), pc.is_null(dst))
    if not pc.any(missing).as_py():
        return
    bad = batch.filter(missing).slice(0, 1).to_pylist()[0]
    gone = bad["subject"] if pc.is_null(src).filter(missing)[0].as_py() else bad["object"]
    raise StoreError(
        f"edge {bad['id']} ({bad['subject']} {bad['predicate']} {bad['object']}): "
        f"endpoint {gone} is not in the nodes table"
    )


def _fixed_raw(column: Any, dtype: str) -> Any:
    """Little-endian fixed-width values without a type byte (edge endpoints)."""
    import numpy as np
    import pyarrow as pa

    values = np.ascontiguousarray(column.to_numpy(), dtype=dtype)
    width = values.dtype.itemsize
    array = pa.FixedSizeBinaryArray.from_buffers(
        pa.binary(width), len(values), [None, pa.py_buffer(values.tobytes())]
    )
    return array.cast(pa.binary())


def evidence_blobs(path: Path) -> Iterator[list[Blob]]:
    import pyarrow.compute as pc

    head = header(EVIDENCE_LABEL, ("id", *EVIDENCE_KEYS))
    for batch in _batches(path):
        empty = pc.or_kleene(
            pc.equal(batch.column("id"), ""), pc.equal(batch.column("edge_id"), "")
        )
        if pc.any(empty).as_py():
            raise InputError(str(path), None, "evidence row without id/edge_id")
        yield [(head + _records(batch, EVIDENCE_KEYS, str(path), []), batch.num_rows)]
