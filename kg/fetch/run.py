"""One entry point for the command line: pick PubMed or PMC from what the user gave."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from kg.fetch.client import EutilsClient
from kg.fetch.config import EutilsConfig
from kg.fetch.idlists import read_id_file
from kg.fetch.pmc import DEFAULT_PMC_BATCH, fetch_pmc
from kg.fetch.pubmed import DEFAULT_PUBMED_BATCH, fetch_pubmed
from kg.fetch.report import FetchReport, Progress


def fetch(
    out_dir: str | Path,
    *,
    query: str | None = None,
    pmids_file: Path | None = None,
    pmcids_file: Path | None = None,
    max_records: int | None = None,
    full_text: bool = False,
    batch_size: int | None = None,
    workers: int = 1,
    config: EutilsConfig | None = None,
    client: EutilsClient | None = None,
    progress: Progress | None = None,
) -> FetchReport:
    """Fetch by PubMed query, a PMID file or a PMCID file (exactly one) into ``out_dir``.

    Id-file lines that hold no valid id are reported in ``rejected`` (``file:line: reason``);
    the valid ones are fetched. ``full_text`` follows PubMed records to PMC (PMCID files are
    full text already).
    """
    sources = [s for s in (query, pmids_file, pmcids_file) if s is not None]
    if len(sources) != 1:
        raise ValueError("give exactly one of a query, a PMID file or a PMCID file")
    client = client or EutilsClient(config or EutilsConfig.from_env())
    if pmcids_file is not None:
        pmcids, rejected = read_id_file(Path(pmcids_file), "pmcid")
        report = fetch_pmc(
            out_dir,
            pmcids=pmcids,
            max_records=max_records,
            batch_size=batch_size or DEFAULT_PMC_BATCH,
            workers=workers,
            client=client,
            progress=progress,
        )
        return replace(report, rejected=tuple(rejected))
    rejected = []
    pmids = None
    if pmids_file is not None:
        pmids, rejected = read_id_file(Path(pmids_file), "pmid")
    report = fetch_pubmed(
        out_dir,
        query=query,
        pmids=pmids,
        max_records=max_records,
        batch_size=batch_size or DEFAULT_PUBMED_BATCH,
        full_text=full_text,
        workers=workers,
        client=client,
        progress=progress,
    )
    return replace(report, rejected=tuple(rejected))
