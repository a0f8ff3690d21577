"""fetch: literature intake from NCBI E-utilities and PMC, written in formats ingest reads.

``fetch_pubmed`` writes ``pubmed-NNNNNN.xml`` (PubmedArticleSet, one file per efetch batch) and,
with ``full_text=True``, ``PMCxxxxx.xml`` (JATS, one file per article); ``fetch_pmc`` writes the
latter from PMCIDs or a PMC query. Both resume from the folder's ledger and return a
``FetchReport``. Settings come from ``EutilsConfig.from_env()`` (``NCBI_API_KEY``,
``NCBI_EMAIL``, ``IRKG_EUTILS_URL``).
"""

from kg.fetch.client import EutilsClient, FetchError
from kg.fetch.config import DEFAULT_EUTILS_URL, EutilsConfig, RetryPolicy
from kg.fetch.eutils import SearchResult, search
from kg.fetch.idlists import read_id_file
from kg.fetch.ledger import LEDGER_NAME, Ledger
from kg.fetch.limiter import RateLimiter
from kg.fetch.pmc import fetch_pmc
from kg.fetch.pubmed import fetch_pubmed
from kg.fetch.report import FetchFailure, FetchReport, Progress
from kg.fetch.run import fetch

__all__ = [
    "DEFAULT_EUTILS_URL",
    "LEDGER_NAME",
    "EutilsClient",
    "EutilsConfig",
    "FetchError",
    "FetchFailure",
    "FetchReport",
    "Ledger",
    "Progress",
    "RateLimiter",
    "RetryPolicy",
    "SearchResult",
    "fetch",
    "fetch_pmc",
    "fetch_pubmed",
    "read_id_file",
    "search",
]
