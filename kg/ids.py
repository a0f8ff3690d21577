"""CURIEs, IRIs and content-hash identifiers.

One prefix map (``ontology/prefixes.yaml``) serves CURIE <-> IRI conversion everywhere. Edge and
evidence ids are hashes of their content, so rebuilding the same input gives the same ids and
loading twice changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    import curies

    from kg.model import Qualifiers

# Bare identifiers as they appear in gold corpora and vocabularies -> CURIE prefix.
_TYPE_PREFIX = {"Gene": "NCBIGene", "Species": "NCBITaxon", "CellType": "CL"}
_CURIE = re.compile(r"^[A-Za-z][A-Za-z0-9_.]*:[A-Za-z0-9][A-Za-z0-9_.:\-]*$")


@cache
def prefix_map() -> dict[str, str]:
    """The project's prefix -> URI prefix map."""
    text = resources.files("kg.ontology").joinpath("prefixes.yaml").read_text(encoding="utf-8")
    return dict(yaml.safe_load(text))


@cache
def converter() -> curies.Converter:
    import curies

    return curies.Converter.from_prefix_map(prefix_map())


def expand(curie: str) -> str:
    """CURIE -> IRI; raises ValueError for an unknown prefix."""
    prefix, sep, local = curie.partition(":")
    base = prefix_map().get(prefix)
    if not sep or base is None:
        raise ValueError(f"cannot expand {curie!r}: unknown prefix {prefix!r}")
    return base + local


def compress(iri: str) -> str:
    """IRI -> CURIE (longest matching URI prefix); raises ValueError when none matches."""
    best = ""
    best_prefix = ""
    for prefix, base in prefix_map().items():
        if iri.startswith(base) and len(base) > len(best):
            best, best_prefix = base, prefix
    if not best:
        raise ValueError(f"no prefix for IRI {iri!r}")
    return f"{best_prefix}:{iri[len(best) :]}"


def normalize_curie(raw: str, entity_type: str | None = None) -> str:
    """Turn an identifier as written in a corpus into a validated CURIE (see ``_read_curie``)."""
    curie = _read_curie(raw, entity_type)
    if not _CURIE.match(curie):
        raise ValueError(f"malformed identifier {raw!r}")
    return curie


def _read_curie(raw: str, entity_type: str | None) -> str:
    """Turn an identifier as written in a corpus into a CURIE.

    ``D008545`` / ``MESH:D008545`` -> ``MESH:D008545``; ``CVCL_B288`` -> ``cellosaurus:CVCL_B288``;
    ``340061`` with type Gene -> ``NCBIGene:340061``; ``OMIM:601`` kept. Raises ValueError when
    the identifier cannot be read.
    """
    value = raw.strip()
    if not value or value in {"-", "-1"}:
        raise ValueError(f"empty identifier {raw!r}")
    upper = value.upper()
    if upper.startswith("CVCL_"):
        return f"cellosaurus:{value}"
    if upper.startswith("CVCL:"):  # PubTator3 writes Cellosaurus accessions as CVCL:0023
        return f"cellosaurus:CVCL_{value.split(':', 1)[1]}"
    if upper.startswith("CELLOSAURUS:"):
        local = value.split(":", 1)[1]
        return f"cellosaurus:{local if local.upper().startswith('CVCL_') else 'CVCL_' + local}"
    if upper.startswith("MESH:"):
        return "MESH:" + value.split(":", 1)[1]
    if value[0] in "CD" and value[1:].isdigit():
        return f"MESH:{value}"
    if value.isdigit():
        prefix = _TYPE_PREFIX.get(entity_type or "")
        if prefix is None:
            raise ValueError(f"bare number {raw!r} needs an entity type to become a CURIE")
        return f"{prefix}:{value}"
    if ":" in value:
        prefix, local = value.split(":", 1)
        known = {p.lower(): p for p in prefix_map()}
        return f"{known.get(prefix.lower(), prefix)}:{local}"
    raise ValueError(f"cannot read identifier {raw!r}")


def content_hash(*parts: object, length: int = 16) -> str:
    """A stable hex digest of JSON-serialisable parts (order matters)."""
    payload = json.dumps(parts, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:length]


def edge_id(subject: str, predicate: str, object: str, qualifiers: Qualifiers) -> str:
    """The id of an edge: a hash of its subject, predicate, object and qualifiers."""
    from kg.model import to_record

    return content_hash(subject, predicate, object, to_record(qualifiers))
