"""A loopback stand-in for NCBI E-utilities, serving fixture records in NCBI's own formats.

It implements what irkg uses: esearch (JSON, usehistory/WebEnv, retstart/retmax, pdat date
ranges, PubMed's 9,999-id window), efetch db=pubmed (PubmedArticleSet) and efetch db=pmc
(pmc-articleset of JATS articles), plus API-key checking. Faults can be scripted per endpoint or
per id: HTTP errors with NCBI's error bodies, 429 with Retry-After, bodies cut short (both a
broken Content-Length and a short well-framed body) and dropped connections. Every request is
recorded so tests can see exactly what was asked.
"""

from __future__ import annotations

import gzip
import json
import re
import threading
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

FIXTURES = Path(__file__).parent / "fixtures"
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTHS = {m: i for i, m in enumerate(MONTH_NAMES, 1)}
PUBMED_DOCTYPE = (
    '<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2025//EN" '
    '"https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">'
)
PMC_DOCTYPE = (
    '<!DOCTYPE pmc-articleset PUBLIC "-//NLM//DTD ARTICLE SET 2.0//EN" '
    '"https://dtd.nlm.nih.gov/ncbi/pmc/articleset/nlm-articleset-2.0.dtd">'
)


@dataclass(frozen=True)
class Record:
    """One PubMed record (a ``<PubmedArticle>`` element) or PMC article (``<article>``)."""

    id: str
    pdat: date
    xml: str
    text: str  # lower-cased searchable text


def _text_of(element: ET.Element) -> str:
    return " ".join(" ".join(element.itertext()).split()).lower()


def pubmed_record(xml: str) -> Record:
    root = ET.fromstring(xml)
    pmid = root.findtext("MedlineCitation/PMID") or ""
    pub = root.find("MedlineCitation/Article/Journal/JournalIssue/PubDate")
    year = int(pub.findtext("Year"))
    month = MONTHS.get(pub.findtext("Month") or "Jan", 1)
    day = int(pub.findtext("Day") or 1)
    return Record(pmid, date(year, month, day), xml.strip(), _text_of(root))


def pmc_record(xml: str) -> Record:
    root = ET.fromstring(xml)
    number = ""
    for node in root.iterfind("front/article-meta/article-id"):
        if node.get("pub-id-type") in ("pmc", "pmcid"):
            number = (node.text or "").strip().removeprefix("PMC")
    pub = root.find("front/article-meta/pub-date")
    stamp = date(int(pub.findtext("year")), int(pub.findtext("month")), int(pub.findtext("day")))
    return Record(number, stamp, xml.strip(), _text_of(root))


def fixture_pubmed() -> list[Record]:
    return [pubmed_record(p.read_text()) for p in sorted((FIXTURES / "pubmed").glob("*.xml"))]


def fixture_pmc() -> list[Record]:
    return [pmc_record(p.read_text()) for p in sorted((FIXTURES / "pmc").glob("*.xml"))]


def synthetic_pubmed(pmid: int, published: date, *, pmc: int | None = None) -> Record:
    """A small but complete PubmedArticle for volume tests (resume, paging, date splits)."""
    pmc_id = f'\n            <ArticleId IdType="pmc">PMC{pmc}</ArticleId>' if pmc else ""
    abstract = (
        f"Hypofractionated radiotherapy combined with nivolumab in cohort {pmid}; "
        "interferon-stimulated genes rose after 24 Gy in 3 fractions."
    )
    xml = f"""<PubmedArticle>
    <MedlineCitation Status="MEDLINE" Owner="NLM">
        <PMID Version="1">{pmid}</PMID>
        <Article PubModel="Print">
            <Journal>
                <ISSN IssnType="Print">0167-8140</ISSN>
                <JournalIssue CitedMedium="Print">
                    <Volume>{published.year - 1900}</Volume>
                    <PubDate>
                        <Year>{published.year}</Year>
                        <Month>{published.strftime("%b")}</Month>
                        <Day>{published.day}</Day>
                    </PubDate>
                </JournalIssue>
                <Title>Radiotherapy and oncology</Title>
                <ISOAbbreviation>Radiother Oncol</ISOAbbreviation>
            </Journal>
            <ArticleTitle>Radiotherapy and immunotherapy cohort report {pmid}.</ArticleTitle>
            <Abstract>
                <AbstractText>{abstract}</AbstractText>
            </Abstract>
            <Language>eng</Language>
            <PublicationTypeList>
                <PublicationType UI="D016428">Journal Article</PublicationType>
            </PublicationTypeList>
        </Article>
    </MedlineCitation>
    <PubmedData>
        <PublicationStatus>ppublish</PublicationStatus>
        <ArticleIdList>
            <ArticleId IdType="pubmed">{pmid}</ArticleId>{pmc_id}
        </ArticleIdList>
    </PubmedData>
</PubmedArticle>"""
    return pubmed_record(xml)


@dataclass
class Fault:
    """A scripted misbehaviour for matching requests.

    ``kind``: ``status`` (reply ``status`` with ``body`` and ``headers``), ``truncate``
    (announce the full Content-Length, send half, close), ``cut`` (a well-framed reply holding
    only the first half of the body) or ``disconnect`` (close without answering).
    ``times=-1`` repeats forever. ``ids`` limits the fault to requests naming one of them.
    """

    kind: str
    endpoint: str | None = None
    status: int = 500
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    ids: frozenset[str] = frozenset()
    times: int = 1


@dataclass(frozen=True)
class Seen:
    endpoint: str
    method: str
    params: dict[str, list[str]]
    at: float

    @property
    def ids(self) -> list[str]:
        return [i for value in self.params.get("id", []) for i in value.split(",") if i]

    def one(self, name: str) -> str | None:
        values = self.params.get(name)
        return values[0] if values else None


class FakeEutils:
    """Serve ``pubmed`` and ``pmc`` records on 127.0.0.1 at a free port (``base_url``)."""

    def __init__(
        self,
        pubmed: list[Record] | None = None,
        pmc: list[Record] | None = None,
        *,
        api_key: str | None = None,
        window: int = 9_999,
        gzip_answers: bool = False,
    ) -> None:
        self.db = {
            "pubmed": {r.id: r for r in (fixture_pubmed() if pubmed is None else pubmed)},
            "pmc": {r.id: r for r in (fixture_pmc() if pmc is None else pmc)},
        }
        self.api_key = api_key
        self.window = window
        self.gzip_answers = gzip_answers
        self.faults: list[Fault] = []
        self.seen: list[Seen] = []
        self._lock = threading.Lock()
        self._query_key = 0
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/entrez/eutils/"

    def start(self) -> FakeEutils:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def fault(self, kind: str, **options) -> Fault:
        if "ids" in options:
            options["ids"] = frozenset(options["ids"])
        item = Fault(kind, **options)
        self.faults.append(item)
        return item

    def requests(self, endpoint: str | None = None) -> list[Seen]:
        return [s for s in self.seen if endpoint is None or s.endpoint == endpoint]

    # ------------------------------------------------------------------ answers

    def answer(self, endpoint: str, params: dict[str, list[str]]) -> tuple[int, str, bytes]:
        """(status, content type, body) the real service would send."""

        def one(name: str, default: str = "") -> str:
            return params.get(name, [default])[0]

        key = one("api_key")
        if self.api_key is not None and key and key != self.api_key:
            body = (FIXTURES / "eutils" / "api-key-invalid.json").read_text()
            return 400, "application/json", body.replace("KEY-PLACEHOLDER", key).encode()
        if endpoint == "esearch.fcgi":
            return self._esearch(params, one)
        if endpoint == "efetch.fcgi":
            return self._efetch(params, one)
        return 404, "text/html", b"<html><body>Not Found</body></html>"

    def _esearch(self, params, one) -> tuple[int, str, bytes]:
        term, db = one("term"), one("db", "pubmed")
        if not term.strip():
            return (
                200,
                "application/json",
                (FIXTURES / "eutils" / "esearch-error.json").read_bytes(),
            )
        words = [w for w in re.split(r"[\s()\"]+", term.lower()) if w and w not in ("and",)]
        matches = [r for r in self.db[db].values() if all(w in r.text for w in words)]
        if one("datetype") == "pdat" and one("mindate"):
            low = date(*map(int, one("mindate").split("/")))
            high = date(*map(int, one("maxdate").split("/")))
            matches = [r for r in matches if low <= r.pdat <= high]
        matches.sort(key=lambda r: (r.pdat, int(r.id)), reverse=True)
        retstart, retmax = int(one("retstart", "0")), int(one("retmax", "20"))
        limit = self.window if db == "pubmed" else len(matches)
        if db == "pubmed" and retstart > self.window - 1:
            message = (
                f"Search Backend failed: Exception:\n'retstart' cannot be larger than "
                f"{self.window - 1}. For PubMed, ESearch can only retrieve the first "
                f"{self.window} records matching the query."
            )
            body = {"header": {"type": "esearch"}, "esearchresult": {"ERROR": message}}
            return 200, "application/json", json.dumps(body).encode()
        with self._lock:
            self._query_key += 1
            query_key = self._query_key
        result = {
            "count": str(len(matches)),
            "retmax": str(max(0, min(retmax, limit - retstart, len(matches) - retstart))),
            "retstart": str(retstart),
            "querykey": str(query_key),
            "webenv": one("WebEnv") or "MCID_fake0123456789abcdef",
            "idlist": [r.id for r in matches[retstart : min(retstart + retmax, limit)]],
            "translationset": [],
            "querytranslation": term,
        }
        if not matches:
            result["errorlist"] = {"phrasesnotfound": words, "fieldsnotfound": []}
            result["warninglist"] = {"outputmessages": ["No items found."]}
        body = {"header": {"type": "esearch", "version": "0.3"}, "esearchresult": result}
        return 200, "application/json", json.dumps(body).encode()

    def _efetch(self, params, one) -> tuple[int, str, bytes]:
        db = one("db", "pubmed")
        ids = [i for value in params.get("id", []) for i in value.split(",") if i]
        if not ids:
            return 400, "text/xml", (FIXTURES / "eutils" / "efetch-error.xml").read_bytes()
        found = [self.db[db][i] for i in ids if i in self.db[db]]
        if db == "pubmed":
            head = f'<?xml version="1.0" ?>\n{PUBMED_DOCTYPE}\n<PubmedArticleSet>\n'
            tail = "\n</PubmedArticleSet>"
        else:
            head = f'<?xml version="1.0"  ?>\n{PMC_DOCTYPE}\n<pmc-articleset>'
            tail = "</pmc-articleset>\n"
        body = head + "\n".join(r.xml for r in found) + tail
        return 200, "text/xml; charset=UTF-8", body.encode()

    def take_fault(self, endpoint: str, ids: list[str]) -> Fault | None:
        with self._lock:
            for item in self.faults:
                if item.times == 0 or (item.endpoint and item.endpoint != endpoint):
                    continue
                if item.ids and not item.ids & set(ids):
                    continue
                if item.times > 0:
                    item.times -= 1
                return item
        return None


def _handler_for(service: FakeEutils) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self._serve(urlsplit(self.path).query)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            self._serve(self.rfile.read(length).decode())

        def _serve(self, query: str) -> None:
            endpoint = urlsplit(self.path).path.rsplit("/", 1)[-1]
            params = parse_qs(query, keep_blank_values=True)
            seen = Seen(endpoint, self.command, params, time.monotonic())
            with service._lock:
                service.seen.append(seen)
            status, content_type, body = service.answer(endpoint, params)
            fault = service.take_fault(endpoint, seen.ids)
            headers = {"Content-Type": content_type}
            if fault is not None and fault.kind == "disconnect":
                self.close_connection = True
                return
            if fault is not None and fault.kind == "status":
                key = seen.one("api_key") or ""
                status, body = fault.status, fault.body.replace(b"KEY-PLACEHOLDER", key.encode())
                headers = {"Content-Type": "application/json", **fault.headers}
            if fault is not None and fault.kind == "cut":
                body = body[: len(body) // 2]
            if service.gzip_answers and "gzip" in self.headers.get("Accept-Encoding", ""):
                body = gzip.compress(body)
                headers["Content-Encoding"] = "gzip"
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if fault is not None and fault.kind == "truncate":
                self.wfile.write(body[: len(body) // 2])
                self.wfile.flush()
                self.close_connection = True
                return
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: the test output should show test results, not access logs."""

    return Handler
