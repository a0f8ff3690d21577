"""Which ids a fetch is about: those a query finds, or those a caller lists, each once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kg.fetch.client import EutilsClient
from kg.fetch.eutils import search
from kg.fetch.idlists import unique


@dataclass(frozen=True)
class Selection:
    """Distinct ids in fetch order, the repeats dropped, and what esearch said."""

    ids: tuple[str, ...]
    duplicates: tuple[str, ...] = ()
    found: int | None = None  # esearch's count for a query
    notes: tuple[str, ...] = ()


def select_ids(
    client: EutilsClient,
    db: str,
    *,
    query: str | None,
    ids: Sequence[str] | None,
    max_records: int | None,
    prefix: str = "",
) -> Selection:
    """Run ``query`` on ``db`` or take ``ids``; keep the first ``max_records`` distinct ids.

    ``prefix`` is put before esearch's ids (``PMC`` for the pmc database, whose UIDs are
    bare numbers).
    """
    if (query is None) == (ids is None):
        raise ValueError("give either a query or a list of ids")
    if max_records is not None and max_records < 0:
        raise ValueError(f"max_records must be >= 0, got {max_records}")
    found = None
    notes: tuple[str, ...] = ()
    if query is not None:
        result = search(client, db, query, max_records=max_records)
        candidates = [prefix + i for i in result.ids]
        found = result.count
        notes = tuple(f"esearch: {w}" for w in result.warnings)
    else:
        candidates = list(ids or ())
    kept, repeats = unique(candidates)
    if max_records is not None:
        kept = kept[:max_records]
    return Selection(ids=tuple(kept), duplicates=tuple(repeats), found=found, notes=notes)
