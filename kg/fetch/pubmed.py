"""Fetch PubMed records as ``PubmedArticleSet`` XML, one ``pubmed-NNNNNN.xml`` per batch.

Each file is efetch's answer byte for byte (validated first), so ``kg.ingest``'s PubMed reader
sees exactly what NCBI publishes. With ``full_text=True`` the records' PMC links
(``PubmedData/ArticleIdList/ArticleId[@IdType="pmc"]``) are followed and the JATS full texts
fetched into the same folder; no extra elink round trip is needed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from kg.fetch.batches import Batch, Driver, Stored, chunk
from kg.fetch.client import EutilsClient
from kg.fetch.config import EutilsConfig
from kg.fetch.eutils import MAX_EFETCH_IDS, efetch_pubmed
from kg.fetch.idlists import normalize_pmid, unique
from kg.fetch.ledger import Ledger, atomic_write
from kg.fetch.pmc import DEFAULT_PMC_BATCH, fetch_pmc_ids
from kg.fetch.report import FetchFailure, FetchReport, Progress
from kg.fetch.responses import PubmedBatch
from kg.fetch.selection import select_ids

DEFAULT_PUBMED_BATCH = MAX_EFETCH_IDS


def fetch_pubmed(
    out_dir: str | Path,
    *,
    query: str | None = None,
    pmids: Iterable[str] | None = None,
    max_records: int | None = None,
    batch_size: int = DEFAULT_PUBMED_BATCH,
    full_text: bool = False,
    pmc_batch_size: int = DEFAULT_PMC_BATCH,
    workers: int = 1,
    client: EutilsClient | None = None,
    progress: Progress | None = None,
) -> FetchReport:
    """Fetch the PubMed records ``query`` finds (newest first) or the given PMIDs.

    Records already in ``out_dir`` are skipped, so an interrupted fetch resumes where it
    stopped. ``max_records`` caps the ids taken from the query or list. The returned report
    accounts for every requested id.
    """
    if (query is None) == (pmids is None):
        raise ValueError("give either a query or pmids")
    if not 1 <= batch_size <= MAX_EFETCH_IDS:
        raise ValueError(f"batch_size must be 1..{MAX_EFETCH_IDS}, got {batch_size}")
    listed = None if pmids is None else [_require_pmid(value) for value in pmids]
    client = client or EutilsClient(EutilsConfig.from_env())
    ledger = Ledger.open(Path(out_dir))
    before = client.requests
    chosen = select_ids(client, "pubmed", query=query, ids=listed, max_records=max_records)
    skipped = [p for p in chosen.ids if ledger.has_pubmed(p)]
    todo = [p for p in chosen.ids if not ledger.has_pubmed(p)]
    driver = Driver(
        lambda batch: efetch_pubmed(client, batch),
        _PubmedWriter(ledger),
        workers=workers,
        progress=progress,
    )
    tally = driver.run(chunk(todo, batch_size), "PubMed records")
    own_requests = client.requests - before
    full = None
    if full_text:
        pmcids, _ = unique(ledger.links[p] for p in chosen.ids if p in ledger.links)
        full = fetch_pmc_ids(
            ledger, client, pmcids, batch_size=pmc_batch_size, workers=workers, progress=progress
        )
        full = replace(full, notes=(f"{len(pmcids)} of {len(chosen.ids)} records link to PMC",))
    return FetchReport(
        database="pubmed",
        out_dir=ledger.folder,
        requested=len(chosen.ids),
        fetched=tuple(tally.fetched),
        skipped=tuple(skipped),
        failed=tuple(tally.failed),
        files=tuple(tally.files),
        requests=own_requests,
        query=query,
        found=chosen.found,
        duplicates=chosen.duplicates,
        notes=(*ledger.notes, *chosen.notes),
        full_text=full,
    )


class _PubmedWriter:
    """Stores one efetch answer: the batch file first, then the ledger (both atomic)."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger

    def __call__(self, batch: Batch, answer: PubmedBatch) -> Stored:
        got = set(answer.pmids)
        files: tuple[str, ...] = ()
        if answer.pmids:
            name = self.ledger.next_pubmed_file()
            atomic_write(self.ledger.folder / name, answer.body)
            self.ledger.add_pubmed(name, answer.pmids, answer.pmc_links)
            self.ledger.save()
            files = (name,)
        missing = tuple(
            FetchFailure(p, "not in the efetch answer (deleted or merged PMID?)")
            for p in batch
            if p not in got
        )
        return Stored(fetched=tuple(p for p in batch if p in got), failed=missing, files=files)


def _require_pmid(value: str) -> str:
    pmid = normalize_pmid(str(value))
    if pmid is None:
        raise ValueError(f"not a PMID: {value!r}")
    return pmid
