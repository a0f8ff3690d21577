"""The E-utilities calls irkg makes: esearch (ids for a query) and efetch (records by id).

PubMed's esearch returns at most the first 9,999 ids of a result set, however ``retstart`` is
paged (NCBI's documented limit since 2022). A larger query is therefore split by publication
date (``datetype=pdat``, ``mindate``/``maxdate``), halving date ranges until each holds at most
9,999 records, newest first, as EDirect does. Every esearch uses the history server
(``usehistory=y``) within one ``WebEnv``; ranges are paged with ``retstart``/``retmax``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from kg.fetch.client import EutilsClient, FetchError
from kg.fetch.responses import (
    EsearchPage,
    PmcArticle,
    PubmedBatch,
    parse_esearch,
    parse_pmc_set,
    parse_pubmed_set,
)

PUBMED_WINDOW = 9_999  # the most ids esearch returns for one PubMed query
ESEARCH_PAGE = 9_999  # esearch's retmax ceiling is 10,000
EARLIEST = date(1700, 1, 1)  # before PubMed's oldest record (1781)
MAX_EFETCH_IDS = 200  # NCBI's advice for one efetch request


@dataclass(frozen=True)
class SearchResult:
    """The ids a query found, in the order they will be fetched, and how they were found."""

    db: str
    query: str
    count: int  # what esearch reported for the whole query
    ids: tuple[str, ...]
    requests: int
    webenv: str | None = None
    warnings: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.count < 0:
            raise ValueError(f"count must be >= 0, got {self.count}")


@dataclass(frozen=True)
class _Range:
    """A publication-date range (inclusive, day ordinals) of a query and its record count."""

    first: int
    last: int
    count: int


class Searcher:
    """Runs one query against one database; keeps the WebEnv all its requests share."""

    def __init__(
        self,
        client: EutilsClient,
        db: str,
        query: str,
        *,
        window: int | None = None,
        page_size: int = ESEARCH_PAGE,
        today: date | None = None,
    ) -> None:
        if not query.strip():
            raise ValueError("the query is empty")
        if page_size < 1 or page_size > 10_000:
            raise ValueError(f"page_size must be 1..10000, got {page_size}")
        self.client = client
        self.db = db
        self.query = query
        self.window = window if window is not None else (PUBMED_WINDOW if db == "pubmed" else None)
        self.page_size = page_size
        self.latest = date((today or date.today()).year + 2, 12, 31)
        self.webenv: str | None = None
        self.requests = 0
        self.warnings: list[str] = []

    def run(self, max_records: int | None = None) -> SearchResult:
        """All ids (or the first ``max_records``), newest first."""
        first = self._esearch(retmax=0)
        self.warnings.extend(first.warnings)
        wanted = first.count if max_records is None else min(first.count, max_records)
        if self.window is None or wanted <= self.window:
            ranges = [None]
        else:
            ranges = self._split(first.count)
        ids: list[str] = []
        for span in ranges:
            if len(ids) >= wanted:
                break
            ids.extend(self._page(span, wanted - len(ids)))
        if len(ids) < wanted:
            self.warnings.append(f"esearch reported {wanted} records but listed {len(ids)} ids")
        return SearchResult(
            db=self.db,
            query=self.query,
            count=first.count,
            ids=tuple(ids[:wanted]),
            requests=self.requests,
            webenv=self.webenv,
            warnings=tuple(self.warnings),
        )

    def _page(self, span: _Range | None, wanted: int) -> list[str]:
        """Page one range (or the whole query) with retstart until ``wanted`` ids or the end."""
        total = span.count if span is not None else None
        ids: list[str] = []
        while len(ids) < wanted and (total is None or len(ids) < total):
            retmax = min(self.page_size, wanted - len(ids))
            if self.window is not None:
                retmax = min(retmax, self.window - len(ids))
                if retmax <= 0:
                    break
            page = self._esearch(span=span, retstart=len(ids), retmax=retmax)
            ids.extend(page.ids)
            if total is None:
                total = page.count
            if not page.ids:
                break
        return ids

    def _split(self, total: int) -> list[_Range]:
        """Halve date ranges until each holds at most ``window`` records; newest first."""
        window = self.window or total
        todo = [_Range(EARLIEST.toordinal(), self.latest.toordinal(), -1)]
        done: list[_Range] = []
        while todo:
            span = todo.pop()
            count = span.count if span.count >= 0 else self._esearch(span=span, retmax=0).count
            if count == 0:
                continue
            if count <= window or span.first == span.last:
                if count > window:
                    day = date.fromordinal(span.first).isoformat()
                    self.warnings.append(
                        f"{count} records published on {day}: only the first {window} "
                        "can be listed by esearch"
                    )
                done.append(_Range(span.first, span.last, count))
                continue
            middle = (span.first + span.last) // 2
            # Stack: push the older half first so the newer half is explored (and listed) first.
            todo.append(_Range(span.first, middle, -1))
            todo.append(_Range(middle + 1, span.last, -1))
        found = sum(span.count for span in done)
        if found != total:
            self.warnings.append(
                f"date ranges cover {found} of the {total} records esearch reported "
                "(records without a publication date in range are not listed)"
            )
        return done

    def _esearch(
        self, *, span: _Range | None = None, retstart: int = 0, retmax: int
    ) -> EsearchPage:
        params: dict[str, str | int] = {
            "db": self.db,
            "term": self.query,
            "usehistory": "y",
            "retmode": "json",
            "retstart": retstart,
            "retmax": retmax,
        }
        if self.webenv:
            params["WebEnv"] = self.webenv
        if span is not None:
            params["datetype"] = "pdat"
            params["mindate"] = date.fromordinal(span.first).strftime("%Y/%m/%d")
            params["maxdate"] = date.fromordinal(span.last).strftime("%Y/%m/%d")
        self.requests += 1
        page = self.client.call("esearch.fcgi", params, validate=parse_esearch)
        self.webenv = page.webenv or self.webenv
        return page


def search(
    client: EutilsClient,
    db: str,
    query: str,
    *,
    max_records: int | None = None,
    window: int | None = None,
    page_size: int = ESEARCH_PAGE,
) -> SearchResult:
    """Ids ``query`` finds in ``db`` (``pubmed`` or ``pmc``), newest first.

    ``window`` is how many ids esearch lists per query (PubMed: 9,999); tests lower it.
    """
    searcher = Searcher(client, db, query, window=window, page_size=page_size)
    return searcher.run(max_records)


def efetch_pubmed(client: EutilsClient, pmids: Sequence[str]) -> PubmedBatch:
    """One ``PubmedArticleSet`` for up to 200 PMIDs (POST, so the URL stays short)."""
    _check_batch(pmids)
    params = {"db": "pubmed", "retmode": "xml", "id": ",".join(pmids)}
    return client.call("efetch.fcgi", params, validate=parse_pubmed_set, post=True)


def efetch_pmc(client: EutilsClient, pmcids: Sequence[str]) -> tuple[PmcArticle, ...]:
    """JATS articles for up to 200 PMCIDs (``PMC123``); efetch wants the numeric part."""
    _check_batch(pmcids)
    numbers = [pmcid.removeprefix("PMC") for pmcid in pmcids]
    params = {"db": "pmc", "retmode": "xml", "id": ",".join(numbers)}
    return client.call("efetch.fcgi", params, validate=parse_pmc_set, post=True)


def _check_batch(ids: Sequence[str]) -> None:
    if not ids:
        raise ValueError("an efetch batch needs at least one id")
    if len(ids) > MAX_EFETCH_IDS:
        raise ValueError(f"an efetch batch holds at most {MAX_EFETCH_IDS} ids, got {len(ids)}")


__all__ = ["FetchError", "SearchResult", "Searcher", "efetch_pmc", "efetch_pubmed", "search"]
