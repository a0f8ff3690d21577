"""Clean bibliographic fields as formats write them into ``DocumentMeta`` and document ids.

PMIDs come as ``123``, ``PMID:123`` or numbers; PMCIDs as ``PMC123`` or ``123``; DOIs with or
without ``https://doi.org/``; years inside dates such as ``1998 Dec-1999 Jan``. A value that
cannot be read is left unknown (None) rather than failing the document.
"""

from __future__ import annotations

import re
from typing import Any

from kg.model import DocumentMeta

_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|2\d\d\d)(?!\d)")
_BAD_ID_CHARS = re.compile(r"[\t\n\r|]+")


def clean_pmid(value: Any) -> str | None:
    text = str(value or "").strip().removeprefix("PMID:").removeprefix("pmid:").strip()
    return text if text.isdigit() and len(text) <= 9 else None


def clean_pmcid(value: Any) -> str | None:
    text = str(value or "").strip().upper().removeprefix("PMCID:").strip()
    digits = text.removeprefix("PMC")
    return f"PMC{digits}" if digits.isdigit() else None


def clean_doi(value: Any) -> str | None:
    text = str(value or "").strip()
    for prefix in ("https://doi.org/", "http://doi.org/", "http://dx.doi.org/", "doi:", "DOI:"):
        text = text.removeprefix(prefix)
    return text if text.startswith("10.") and "/" in text else None


def clean_year(value: Any) -> int | None:
    match = _YEAR.search(str(value or ""))
    return int(match.group(1)) if match else None


def clean_text(value: Any) -> str | None:
    text = " ".join(str(value or "").split())
    return text or None


def make_meta(
    *,
    source: str,
    format: str,
    pmid: Any = None,
    pmcid: Any = None,
    doi: Any = None,
    year: Any = None,
    journal: Any = None,
) -> DocumentMeta:
    return DocumentMeta(
        pmid=clean_pmid(pmid),
        pmcid=clean_pmcid(pmcid),
        doi=clean_doi(doi),
        year=clean_year(year),
        journal=clean_text(journal),
        source=source,
        format=format,
    )


def document_id(*candidates: Any) -> str:
    """The first usable candidate as a document id (tabs, newlines and '|' replaced by '_')."""
    for candidate in candidates:
        text = _BAD_ID_CHARS.sub("_", str(candidate or "").strip())
        if text:
            return text
    return ""
