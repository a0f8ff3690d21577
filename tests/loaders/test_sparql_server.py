"""The SPARQL 1.1 Protocol endpoint, exercised with a real client (SPARQLWrapper) on loopback."""

import csv
import io
import json
import urllib.error
import urllib.parse
import urllib.request

import pytest
from SPARQLWrapper import CSV, JSON, POST, TSV, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from kg.loaders.sparql_server import negotiate, serve_in_thread

QUERY = """PREFIX biolink: <https://w3id.org/biolink/vocab/>
SELECT ?id ?name WHERE { ?n a biolink:Disease ; biolink:id ?id ; biolink:name ?name }
ORDER BY ?id"""
DISEASES = [
    ("MESH:D003424", "Crohn's disease"),
    ("MESH:D008545", "Melanoma"),
    ("MESH:D015179", "Colorectal Neoplasms"),
]


@pytest.fixture(scope="module")
def endpoint(loaded_demo_build):
    server = serve_in_thread(loaded_demo_build, "127.0.0.1", 0)
    try:
        yield server.url
    finally:
        server.shutdown()
        server.server_close()


def _client(url, fmt, method=None):
    client = SPARQLWrapper(url)
    client.setQuery(QUERY)
    client.setReturnFormat(fmt)
    if method:
        client.setMethod(method)
    return client


def test_json_over_get_and_post(endpoint):
    assert endpoint.startswith("http://127.0.0.1:")
    for method in (None, POST):
        result = _client(endpoint, JSON, method).query()
        assert result.response.headers["Content-Type"].startswith("application/sparql-results+json")
        rows = result.convert()["results"]["bindings"]
        assert [(r["id"]["value"], r["name"]["value"]) for r in rows] == DISEASES


def test_xml_csv_and_tsv_results(endpoint):
    xml = _client(endpoint, XML).query()
    assert xml.response.headers["Content-Type"].startswith("application/sparql-results+xml")
    literals = [n.firstChild.data for n in xml.convert().getElementsByTagName("literal")]
    assert literals == [v for row in DISEASES for v in row]
    csv_result = _client(endpoint, CSV).query()
    assert csv_result.response.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(csv_result.convert().decode())))
    assert rows == [["id", "name"], *[list(r) for r in DISEASES]]
    tsv = _client(endpoint, TSV).query()
    assert tsv.response.headers["Content-Type"].startswith("text/tab-separated-values")
    lines = tsv.convert().decode().splitlines()
    assert lines[0] == "?id\t?name" and lines[1] == '"MESH:D003424"\t"Crohn\'s disease"'


def test_updates_are_refused_and_bad_queries_explained(endpoint):
    client = SPARQLWrapper(endpoint)
    client.setQuery("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    client.setMethod(POST)
    with pytest.raises(urllib.error.HTTPError) as refused:
        client.query()
    assert refused.value.code == 403
    client = SPARQLWrapper(endpoint)
    client.setQuery("SELECT * WHERE { ?s ?p }")
    with pytest.raises(QueryBadFormed):
        client.query()


def test_construct_negotiates_an_rdf_format_and_unknown_types_get_406(endpoint):
    query = urllib.parse.urlencode({"query": "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3"})
    request = urllib.request.Request(
        f"{endpoint}?{query}", headers={"Accept": "application/n-triples"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.headers["Content-Type"].startswith("application/n-triples")
        assert len(response.read().decode().strip().splitlines()) == 3
    request = urllib.request.Request(f"{endpoint}?{query}", headers={"Accept": "image/png"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 406
    body = urllib.parse.urlencode({"query": QUERY}).encode()
    request = urllib.request.Request(
        endpoint,
        data=body,
        headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert len(json.load(response)["results"]["bindings"]) == 3


def test_accept_header_q_values_pick_the_format():
    table = {"text/csv": "CSV", "application/sparql-results+json": "JSON"}
    default = "application/sparql-results+json"
    assert negotiate("text/csv;q=0.5, application/sparql-results+json", table, default)[1] == "JSON"
    assert negotiate("text/csv, */*;q=0.1", table, default)[1] == "CSV"
    assert negotiate(None, table, default)[1] == "JSON"
    assert negotiate("image/png", table, default) is None
