"""Read lists of PMIDs or PMCIDs that users give as files (one or more ids a line)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from kg.errors import InputError
from kg.fetch.report import FetchFailure
from kg.fetch.responses import normalize_pmcid

_SEPARATORS = re.compile(r"[\s,;]+")


def normalize_pmid(value: str) -> str | None:
    """``123``, ``PMID:123`` or ``pmid123`` -> ``123``; anything else -> None."""
    text = value.strip()
    if text[:4].lower() == "pmid":
        text = text[4:].lstrip(":")
    return str(int(text)) if text.isdigit() and int(text) > 0 else None


def read_id_file(path: Path, kind: str) -> tuple[list[str], list[FetchFailure]]:
    """Ids from ``path`` (``kind`` = ``"pmid"`` or ``"pmcid"``) and the tokens that were not.

    Blank lines and ``#`` comments are ignored; ids may be separated by spaces, commas or
    semicolons. A bad token is reported as ``file:line: reason`` and the rest are kept.
    """
    normalize = {"pmid": normalize_pmid, "pmcid": normalize_pmcid}.get(kind)
    if normalize is None:
        raise ValueError(f"kind must be 'pmid' or 'pmcid', got {kind!r}")
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(str(path), None, "no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), None, f"cannot read the id list: {exc}") from None
    ids: list[str] = []
    rejected: list[FetchFailure] = []
    for number, line in enumerate(text.splitlines(), start=1):
        for token in _SEPARATORS.split(line.split("#", 1)[0]):
            if not token:
                continue
            value = normalize(token)
            if value is None:
                rejected.append(
                    FetchFailure(f"{path}:{number}", f"not a {kind.upper()}: {token!r}")
                )
            else:
                ids.append(value)
    return ids, rejected


def unique(ids: Iterable[str]) -> tuple[list[str], list[str]]:
    """The ids in first-seen order, and the repeats that were dropped (for the report)."""
    seen: set[str] = set()
    kept: list[str] = []
    repeats: list[str] = []
    for value in ids:
        if value in seen:
            repeats.append(value)
        else:
            seen.add(value)
            kept.append(value)
    return kept, repeats
