"""Check and take apart E-utilities answers before anything is written.

Each parser raises ``InvalidResponse`` for a body that is truncated or not well formed (the
client retries it) and ``FetchError`` for a well-formed answer in which NCBI reports an error
(retrying will not help). PubMed batches are kept byte for byte as NCBI sent them; PMC article
sets are cut into one standalone JATS document per article, again without re-serialising.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
import xml.parsers.expat
from dataclasses import dataclass

from kg.fetch.client import FetchError, InvalidResponse

_PMCID = re.compile(r"^(?:PMC)?(\d+)$", re.IGNORECASE)


def normalize_pmcid(value: str) -> str | None:
    """``PMC123``, ``pmc123`` or ``123`` -> ``PMC123``; anything else -> None."""
    match = _PMCID.match(value.strip())
    return f"PMC{int(match.group(1))}" if match and int(match.group(1)) > 0 else None


# --------------------------------------------------------------------------- esearch


@dataclass(frozen=True)
class EsearchPage:
    """One esearch answer: the total count, this page's ids and the history handle."""

    count: int
    ids: tuple[str, ...]
    webenv: str | None
    query_key: str | None
    warnings: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.count < 0:
            raise ValueError(f"count must be >= 0, got {self.count}")


def parse_esearch(body: bytes) -> EsearchPage:
    """Parse an esearch ``retmode=json`` answer."""
    try:
        data = json.loads(body)
    except ValueError as exc:
        raise InvalidResponse(f"esearch answer is not complete JSON: {exc}") from None
    if not isinstance(data, dict):
        raise InvalidResponse("esearch answer is not a JSON object")
    result = data.get("esearchresult")
    if not isinstance(result, dict):
        if isinstance(data.get("error"), str):
            raise FetchError(f"esearch: {data['error']}")
        raise InvalidResponse("esearch answer has no 'esearchresult'")
    if "ERROR" in result:
        raise FetchError(f"esearch: {result['ERROR']}")
    try:
        count = int(result["count"])
        ids = tuple(str(i) for i in result.get("idlist", ()))
    except (KeyError, TypeError, ValueError) as exc:
        raise InvalidResponse(f"esearch answer lacks a count or id list: {exc}") from None
    warnings = []
    for group in ("errorlist", "warninglist"):
        for kind, values in (result.get(group) or {}).items():
            if values:
                warnings.append(f"{kind}: {', '.join(map(str, values))}")
    return EsearchPage(
        count=count,
        ids=ids,
        webenv=result.get("webenv"),
        query_key=result.get("querykey"),
        warnings=tuple(warnings),
    )


# --------------------------------------------------------------------------- PubMed efetch


@dataclass(frozen=True)
class PubmedBatch:
    """A validated ``PubmedArticleSet``: the raw bytes, the PMIDs inside, PMC links found."""

    body: bytes
    pmids: tuple[str, ...]
    pmc_links: tuple[tuple[str, str], ...]  # (pmid, pmcid) from PubmedData/ArticleIdList


def parse_pubmed_set(body: bytes) -> PubmedBatch:
    """Validate an efetch ``db=pubmed retmode=xml`` answer and list what it holds."""
    root = _parse_xml(body, "PubMed efetch")
    if root.tag != "PubmedArticleSet":
        raise _ncbi_error(root, "PubmedArticleSet")
    pmids: list[str] = []
    links: list[tuple[str, str]] = []
    for article in root:
        if article.tag == "PubmedArticle":
            pmid = article.findtext("MedlineCitation/PMID")
            id_list = article.find("PubmedData/ArticleIdList")
        elif article.tag == "PubmedBookArticle":
            pmid = article.findtext("BookDocument/PMID")
            id_list = article.find("PubmedBookData/ArticleIdList")
        else:
            continue  # DeleteCitation and friends carry no article
        if not pmid or not pmid.strip().isdigit():
            raise InvalidResponse(f"a {article.tag} without a numeric PMID")
        pmid = pmid.strip()
        pmids.append(pmid)
        for article_id in id_list if id_list is not None else ():
            if article_id.get("IdType") == "pmc" and article_id.text:
                pmcid = normalize_pmcid(article_id.text)
                if pmcid:
                    links.append((pmid, pmcid))
    return PubmedBatch(body=body, pmids=tuple(pmids), pmc_links=tuple(links))


# --------------------------------------------------------------------------- PMC efetch


@dataclass(frozen=True)
class PmcArticle:
    """One JATS ``<article>`` cut out of a ``pmc-articleset``, as a standalone XML document."""

    pmcid: str
    xml: bytes
    has_body: bool
    pmid: str | None = None


def parse_pmc_set(body: bytes) -> tuple[PmcArticle, ...]:
    """Validate an efetch ``db=pmc`` answer and cut it into one document per article."""
    root = _parse_xml(body, "PMC efetch")
    if root.tag == "article":  # a single article without the set wrapper
        spans = [(0, len(body))]
        declarations: dict[str, str] = {}
    elif root.tag == "pmc-articleset":
        spans, declarations = _article_spans(body)
    else:
        raise _ncbi_error(root, "pmc-articleset")
    articles = []
    for start, end in spans:
        piece = body[start:end]
        if not piece.lstrip().startswith(b"<?xml"):
            piece = b'<?xml version="1.0" encoding="UTF-8"?>\n' + piece.strip() + b"\n"
        element, piece = _parse_standalone(piece, declarations)
        pmcid = _article_id(element, ("pmc", "pmcid"))
        if pmcid is None or normalize_pmcid(pmcid) is None:
            raise InvalidResponse("a PMC <article> without a PMC article-id")
        articles.append(
            PmcArticle(
                pmcid=str(normalize_pmcid(pmcid)),
                xml=piece,
                has_body=element.find("body") is not None,
                pmid=_article_id(element, ("pmid",)),
            )
        )
    return tuple(articles)


def _article_spans(body: bytes) -> tuple[list[tuple[int, int]], dict[str, str]]:
    """Byte spans of the root's ``<article>`` children (found with expat's byte index) and
    the namespace declarations on the root, which the articles may rely on."""
    parser = xml.parsers.expat.ParserCreate()
    depth = 0
    spans: list[tuple[int, int]] = []
    declarations: dict[str, str] = {}
    start = 0

    def on_start(name: str, attrs: dict[str, str]) -> None:
        nonlocal depth, start
        if depth == 0:
            declarations.update((k, v) for k, v in attrs.items() if k.startswith("xmlns"))
        if depth == 1 and name == "article":
            start = parser.CurrentByteIndex
        depth += 1

    def on_end(name: str) -> None:
        nonlocal depth
        depth -= 1
        if depth == 1 and name == "article":
            close = body.index(b">", parser.CurrentByteIndex) + 1
            spans.append((start, close))

    parser.StartElementHandler = on_start
    parser.EndElementHandler = on_end
    parser.Parse(body, True)
    return spans, declarations


def _parse_standalone(piece: bytes, declarations: dict[str, str]) -> tuple[ET.Element, bytes]:
    """Parse a cut-out article; re-declare namespaces it inherited from the set, if any."""
    try:
        return ET.fromstring(piece), piece
    except ET.ParseError:
        if not declarations:
            raise InvalidResponse("an <article> that is not well formed on its own") from None
    at = piece.index(b"<article")
    tag = piece[at : piece.index(b">", at)]
    extra = " ".join(f'{k}="{v}"' for k, v in declarations.items() if f"{k}=".encode() not in tag)
    fixed = piece[:at] + f"<article {extra}".encode() + piece[at + len(b"<article") :]
    try:
        return ET.fromstring(fixed), fixed
    except ET.ParseError as exc:
        raise InvalidResponse(f"an <article> that is not well formed on its own: {exc}") from None


def _article_id(article: ET.Element, kinds: tuple[str, ...]) -> str | None:
    for node in article.iterfind("front/article-meta/article-id"):
        if node.get("pub-id-type") in kinds and node.text and node.text.strip():
            return node.text.strip()
    return None


# --------------------------------------------------------------------------- shared


def _parse_xml(body: bytes, what: str) -> ET.Element:
    if not body.strip():
        raise InvalidResponse(f"{what} answer is empty")
    try:
        return ET.fromstring(body)
    except ET.ParseError as exc:
        raise InvalidResponse(
            f"{what} answer is truncated or not well-formed XML ({exc})"
        ) from None


def _ncbi_error(root: ET.Element, expected: str) -> FetchError:
    message = root.findtext(".//ERROR") or root.findtext("ERROR") or root.text or ""
    detail = f": {' '.join(message.split())}" if message.strip() else ""
    return FetchError(f"expected <{expected}>, NCBI answered <{root.tag}>{detail}")
