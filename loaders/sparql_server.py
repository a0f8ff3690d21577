"""A read-only SPARQL 1.1 Protocol endpoint over a build's Oxigraph store, on loopback.

``GET /sparql?query=…`` and ``POST /sparql`` (form-encoded ``query=…`` or a raw
``application/sparql-query`` body) run a query; ``default-graph-uri``/``named-graph-uri`` pick
the dataset. Results follow the ``Accept`` header: SPARQL JSON (the default), XML, CSV or TSV
for SELECT/ASK; Turtle (the default), N-Triples, N-Quads or RDF/XML for CONSTRUCT/DESCRIBE.
Updates are refused (403): the store is opened read-only. A malformed query answers 400 with
the parser's message; an unacceptable ``Accept`` answers 406.

It binds to 127.0.0.1 by default; binding elsewhere is possible but the endpoint has no
authentication, so keep it behind something that has.
"""

from __future__ import annotations

import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from kg.loaders.oxigraph_store import open_rdf_store

MAX_BODY = 1 << 20
PATHS = ("/sparql", "/query")

_RESULTS = {
    "application/sparql-results+json": "JSON",
    "application/json": "JSON",
    "application/sparql-results+xml": "XML",
    "application/xml": "XML",
    "text/xml": "XML",
    "text/csv": "CSV",
    "text/tab-separated-values": "TSV",
}
_GRAPHS = {
    "text/turtle": "TURTLE",
    "application/n-triples": "N_TRIPLES",
    "text/plain": "N_TRIPLES",
    "application/n-quads": "N_QUADS",
    "application/rdf+xml": "RDF_XML",
}


def _accepted(header: str | None) -> list[str]:
    """Media types of an Accept header, best first (q-values respected, ties keep order)."""
    if not header:
        return []
    ranked = []
    for position, part in enumerate(header.split(",")):
        pieces = [p.strip() for p in part.split(";")]
        q = 1.0
        for param in pieces[1:]:
            if param.startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        if pieces[0] and q > 0:
            ranked.append((-q, position, pieces[0].lower()))
    return [media for _, _, media in sorted(ranked)]


def negotiate(accept: str | None, table: dict[str, str], default: str) -> tuple[str, str] | None:
    """(media type, format name) for the first acceptable type; None when nothing fits."""
    media_types = _accepted(accept) or [default]
    for media in media_types:
        if media in table:
            return media, table[media]
        if media in ("*/*", "application/*", "text/*"):
            return default, table[default]
    return None


class SparqlHandler(BaseHTTPRequestHandler):
    server: SparqlHTTPServer
    server_version = "irkg-sparql/1"

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.verbose:
            super().log_message(format, *args)

    def _reply(self, status: int, body: bytes, media: str = "text/plain; charset=utf-8") -> None:
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path not in PATHS:
            text = "irkg SPARQL endpoint: GET or POST /sparql?query=...\n"
            self._reply(HTTPStatus.OK if url.path == "/" else HTTPStatus.NOT_FOUND, text.encode())
            return
        self._answer(parse_qs(url.query, keep_blank_values=True))

    do_HEAD = do_GET

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        if url.path not in PATHS:
            self._reply(HTTPStatus.NOT_FOUND, b"not found\n")
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self._reply(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, b"request body too large\n")
            return
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(url.query, keep_blank_values=True)
        if content_type == "application/sparql-query":
            params["query"] = [body]
        elif content_type == "application/x-www-form-urlencoded":
            for key, values in parse_qs(body, keep_blank_values=True).items():
                params.setdefault(key, []).extend(values)
        elif content_type == "application/sparql-update":
            params["update"] = [body]
        else:
            self._reply(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, b"unsupported Content-Type\n")
            return
        self._answer(params)

    def _answer(self, params: dict[str, list[str]]) -> None:
        import pyoxigraph

        if "update" in params:
            self._reply(HTTPStatus.FORBIDDEN, b"this endpoint is read-only\n")
            return
        queries = params.get("query", [])
        if len(queries) != 1:
            self._reply(HTTPStatus.BAD_REQUEST, b"exactly one query parameter is required\n")
            return
        dataset: dict[str, Any] = {}
        if params.get("default-graph-uri"):
            dataset["default_graph"] = [
                pyoxigraph.NamedNode(u) for u in params["default-graph-uri"]
            ]
        if params.get("named-graph-uri"):
            dataset["named_graphs"] = [pyoxigraph.NamedNode(u) for u in params["named-graph-uri"]]
        try:
            result = self.server.store.query(queries[0], **dataset)
        except (SyntaxError, ValueError) as exc:
            self._reply(HTTPStatus.BAD_REQUEST, f"query error: {exc}\n".encode())
            return
        except OSError as exc:
            self._reply(HTTPStatus.INTERNAL_SERVER_ERROR, f"store error: {exc}\n".encode())
            return
        accept = self.headers.get("Accept")
        if isinstance(result, pyoxigraph.QueryTriples):
            chosen = negotiate(accept, _GRAPHS, "text/turtle")
            if chosen is None:
                self._reply(HTTPStatus.NOT_ACCEPTABLE, b"no acceptable RDF format\n")
                return
            media, name = chosen
            body = result.serialize(format=getattr(pyoxigraph.RdfFormat, name))
        else:
            chosen = negotiate(accept, _RESULTS, "application/sparql-results+json")
            if chosen is None:
                self._reply(HTTPStatus.NOT_ACCEPTABLE, b"no acceptable results format\n")
                return
            media, name = chosen
            body = result.serialize(format=getattr(pyoxigraph.QueryResultsFormat, name))
        self._reply(HTTPStatus.OK, body or b"", f"{media}; charset=utf-8")


class SparqlHTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, build: Path, host: str, port: int, *, verbose: bool = False) -> None:
        self.store = open_rdf_store(build)
        self.verbose = verbose
        super().__init__((host, port), SparqlHandler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/sparql"


def make_server(
    build: Path, host: str = "127.0.0.1", port: int = 7878, *, verbose: bool = False
) -> SparqlHTTPServer:
    """A bound server (``port=0`` picks a free port); call ``serve_forever`` to answer."""
    return SparqlHTTPServer(Path(build), host, port, verbose=verbose)


def serve_in_thread(build: Path, host: str = "127.0.0.1", port: int = 0) -> SparqlHTTPServer:
    """Start answering in a background thread; ``shutdown()`` and ``server_close()`` stop it."""
    server = make_server(build, host, port)
    threading.Thread(target=server.serve_forever, name="irkg-sparql", daemon=True).start()
    return server
