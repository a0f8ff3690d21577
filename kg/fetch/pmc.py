"""Fetch PMC full texts as JATS XML, one standalone ``PMCxxxxx.xml`` per article.

efetch ``db=pmc`` returns the full text of articles in the PMC Open Access subset and author
manuscripts; for others the publisher allows only the front matter, so the article comes back
without a ``<body>``. Such articles are still written (title, abstract, ids are useful) and
listed in the report's ``without_body``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from kg.fetch.batches import Batch, Driver, Stored, chunk
from kg.fetch.client import EutilsClient
from kg.fetch.config import EutilsConfig
from kg.fetch.eutils import MAX_EFETCH_IDS, efetch_pmc
from kg.fetch.ledger import Ledger, atomic_write
from kg.fetch.report import FetchFailure, FetchReport, Progress
from kg.fetch.responses import PmcArticle, normalize_pmcid
from kg.fetch.selection import select_ids

DEFAULT_PMC_BATCH = 20  # full texts run to ~1 MB each; 20 keeps one answer small


def fetch_pmc(
    out_dir: str | Path,
    *,
    pmcids: Iterable[str] | None = None,
    query: str | None = None,
    max_records: int | None = None,
    batch_size: int = DEFAULT_PMC_BATCH,
    workers: int = 1,
    client: EutilsClient | None = None,
    progress: Progress | None = None,
) -> FetchReport:
    """Fetch PMC articles by PMCID (``PMC123`` or ``123``) or by a PMC query into ``out_dir``.

    Articles already in the folder are skipped; failures are reported per id and the rest go on.
    """
    if (pmcids is None) == (query is None):
        raise ValueError("give either pmcids or a query")
    listed = None if pmcids is None else [_require_pmcid(value) for value in pmcids]
    client = client or EutilsClient(EutilsConfig.from_env())
    ledger = Ledger.open(Path(out_dir))
    before = client.requests
    chosen = select_ids(
        client, "pmc", query=query, ids=listed, max_records=max_records, prefix="PMC"
    )
    report = fetch_pmc_ids(
        ledger, client, chosen.ids, batch_size=batch_size, workers=workers, progress=progress
    )
    return replace(
        report,
        query=query,
        found=chosen.found,
        duplicates=chosen.duplicates,
        requests=client.requests - before,
        notes=(*ledger.notes, *chosen.notes),
    )


def fetch_pmc_ids(
    ledger: Ledger,
    client: EutilsClient,
    pmcids: Sequence[str],
    *,
    batch_size: int = DEFAULT_PMC_BATCH,
    workers: int = 1,
    progress: Progress | None = None,
) -> FetchReport:
    """Fetch the given distinct, normalised PMCIDs that ``ledger`` does not hold yet."""
    if not 1 <= batch_size <= MAX_EFETCH_IDS:
        raise ValueError(f"batch_size must be 1..{MAX_EFETCH_IDS}, got {batch_size}")
    before = client.requests
    skipped = [p for p in pmcids if ledger.has_pmc(p)]
    todo = [p for p in pmcids if not ledger.has_pmc(p)]
    writer = _PmcWriter(ledger)
    driver = Driver(
        lambda batch: efetch_pmc(client, batch), writer, workers=workers, progress=progress
    )
    tally = driver.run(chunk(todo, batch_size), "PMC full texts")
    return FetchReport(
        database="pmc",
        out_dir=ledger.folder,
        requested=len(pmcids),
        fetched=tuple(tally.fetched),
        skipped=tuple(skipped),
        failed=tuple(tally.failed),
        files=tuple(tally.files),
        requests=client.requests - before,
        without_body=tuple(writer.without_body),
    )


class _PmcWriter:
    """Stores one efetch answer: a file per article asked for, then the ledger."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.without_body: list[str] = []

    def __call__(self, batch: Batch, articles: tuple[PmcArticle, ...]) -> Stored:
        asked = set(batch)
        got: list[str] = []
        for article in articles:
            if article.pmcid not in asked or article.pmcid in got:
                continue
            name = f"{article.pmcid}.xml"
            atomic_write(self.ledger.folder / name, article.xml)
            self.ledger.add_pmc(article.pmcid, name, has_body=article.has_body, pmid=article.pmid)
            got.append(article.pmcid)
            if not article.has_body:
                self.without_body.append(article.pmcid)
        self.ledger.save()
        missing = tuple(
            FetchFailure(p, "not in the efetch answer (no such PMC article?)")
            for p in batch
            if p not in got
        )
        fetched = tuple(p for p in batch if p in got)
        return Stored(fetched=fetched, failed=missing, files=tuple(f"{p}.xml" for p in got))


def _require_pmcid(value: str) -> str:
    pmcid = normalize_pmcid(str(value))
    if pmcid is None:
        raise ValueError(f"not a PMCID: {value!r}")
    return pmcid
