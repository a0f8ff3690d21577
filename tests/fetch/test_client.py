"""The HTTP client against a loopback E-utilities: retries, Retry-After, errors, the key."""

import json

import pytest
from conftest import TEST_KEY, FakeClock
from eutils_server import FIXTURES, FakeEutils
from test_limiter import _max_in_window

from kg.errors import IrkgError
from kg.fetch import EutilsClient, EutilsConfig, FetchError, RateLimiter, RetryPolicy
from kg.fetch.responses import parse_esearch, parse_pubmed_set

SEARCH = {"db": "pubmed", "term": "radiotherapy", "retmode": "json", "retmax": 5}
FETCH = {"db": "pubmed", "retmode": "xml", "id": "90000001,90000002"}


def test_sends_key_tool_and_email_and_parses_the_answer(eutils, make_client):
    client = make_client(eutils)
    page = client.call("esearch.fcgi", SEARCH, validate=parse_esearch)
    assert page.count == 3 and page.ids == ("90000001", "90000002", "90000003")
    seen = eutils.requests("esearch.fcgi")[0]
    assert seen.one("api_key") == TEST_KEY
    assert seen.one("tool") == "irkg" and seen.one("email") == "dev@example.org"
    assert client.requests == 1


def test_no_key_means_no_key_parameter_and_three_per_second(eutils, make_client):
    client = make_client(eutils, key=None)
    assert client.limiter.rate == 3
    client.call("esearch.fcgi", SEARCH, validate=parse_esearch)
    assert eutils.requests()[0].one("api_key") is None


@pytest.mark.parametrize(("key", "rate"), [(TEST_KEY, 10), (None, 3)])
def test_request_schedule_respects_ncbi_rate(eutils, make_client, clock, key, rate):
    client = make_client(eutils, key=key)
    for _ in range(24):
        client.call("esearch.fcgi", SEARCH, validate=parse_esearch)
    slots = client.limiter.slots
    assert len(slots) == len(eutils.requests()) == 24
    assert _max_in_window(slots) <= rate
    assert clock.now >= 23 / rate - 1e-9


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_server_errors_are_retried_with_growing_backoff(eutils, make_client, clock, status):
    eutils.fault("status", endpoint="efetch.fcgi", status=status, body=b"busy", times=2)
    client = make_client(eutils)
    batch = client.call("efetch.fcgi", FETCH, validate=parse_pubmed_set, post=True)
    assert batch.pmids == ("90000001", "90000002")
    assert len(eutils.requests("efetch.fcgi")) == 3
    backoff = [s for s in clock.sleeps if s >= 0.2]  # limiter waits are 0.1 s
    assert len(backoff) == 2
    assert 0.25 <= backoff[0] <= 0.5 and 0.5 <= backoff[1] <= 1.0  # equal jitter: [d/2, d]


def test_429_honours_retry_after(eutils, make_client, clock):
    body = (FIXTURES / "eutils" / "rate-limit-exceeded.json").read_bytes()
    eutils.fault("status", status=429, body=body, headers={"Retry-After": "7"})
    client = make_client(eutils)
    client.call("esearch.fcgi", SEARCH, validate=parse_esearch)
    assert max(clock.sleeps) == pytest.approx(7.0)
    assert len(eutils.requests()) == 2


@pytest.mark.parametrize("kind", ["truncate", "cut", "disconnect"])
def test_truncated_bodies_and_dropped_connections_are_retried(eutils, make_client, kind):
    eutils.fault(kind, endpoint="efetch.fcgi")
    client = make_client(eutils)
    batch = client.call("efetch.fcgi", FETCH, validate=parse_pubmed_set, post=True)
    assert batch.pmids == ("90000001", "90000002")
    assert len(eutils.requests("efetch.fcgi")) == 2


def test_gives_up_after_the_last_attempt_naming_the_cause(eutils, make_client):
    eutils.fault("cut", endpoint="efetch.fcgi", times=-1)
    client = make_client(eutils, attempts=3)
    with pytest.raises(FetchError) as caught:
        client.call("efetch.fcgi", FETCH, validate=parse_pubmed_set, post=True)
    message = str(caught.value)
    assert "gave up after 3 attempts" in message
    assert "truncated or not well-formed XML" in message
    assert "90000001..90000002 (2 ids)" in message
    assert TEST_KEY not in message and "api_key=***" in message
    assert len(eutils.requests()) == 3
    assert isinstance(caught.value, IrkgError)


def test_400_is_not_retried_and_carries_ncbis_message_without_the_key(make_client):
    server = FakeEutils(api_key="the-right-key").start()
    try:
        client = make_client(server, key=TEST_KEY)  # a key the server rejects
        with pytest.raises(FetchError) as caught:
            client.call("esearch.fcgi", SEARCH, validate=parse_esearch)
    finally:
        server.stop()
    message = str(caught.value)
    assert "HTTP 400: API key invalid" in message
    assert "api_key=***" in message  # the URL is shown, the key is not
    assert TEST_KEY not in message and TEST_KEY not in repr(caught.value)
    assert len(server.requests()) == 1
    assert caught.value.__cause__ is None and caught.value.__context__ is None


def test_echoed_key_in_an_error_body_is_redacted(eutils, make_client):
    body = json.dumps({"error": f"API key {TEST_KEY} blocked", "api-key": TEST_KEY}).encode()
    eutils.fault("status", status=403, body=body)
    with pytest.raises(FetchError) as caught:
        make_client(eutils).call("esearch.fcgi", SEARCH, validate=parse_esearch)
    assert TEST_KEY not in str(caught.value)
    assert "API key *** blocked" in str(caught.value)


def test_ncbi_error_inside_a_200_answer_is_not_retried(eutils, make_client):
    client = make_client(eutils)
    with pytest.raises(FetchError, match="Empty term and query_key"):
        client.call("esearch.fcgi", {**SEARCH, "term": ""}, validate=parse_esearch)
    assert len(eutils.requests()) == 1


def test_gzip_answers_are_decoded(make_client):
    server = FakeEutils(gzip_answers=True).start()
    try:
        batch = make_client(server, key=None).call(
            "efetch.fcgi", FETCH, validate=parse_pubmed_set, post=True
        )
    finally:
        server.stop()
    assert batch.pmids == ("90000001", "90000002")
    assert batch.body.startswith(b'<?xml version="1.0" ?>')


def test_connection_refused_is_retried_then_reported():
    clock = FakeClock()
    config = EutilsConfig(base_url="http://127.0.0.1:9/entrez/eutils/", api_key=TEST_KEY)
    client = EutilsClient(
        config,
        limiter=RateLimiter(10, clock=clock.monotonic, sleep=clock.sleep),
        retry=RetryPolicy(attempts=2, base_delay=0.1),
        sleep=clock.sleep,
    )
    with pytest.raises(FetchError, match="gave up after 2 attempts") as caught:
        client.call("esearch.fcgi", SEARCH, validate=parse_esearch)
    assert TEST_KEY not in str(caught.value)


def test_config_never_shows_the_key():
    config = EutilsConfig.from_env({"NCBI_API_KEY": TEST_KEY, "NCBI_EMAIL": "a@b.org"})
    assert config.has_key and config.rate == 10
    assert TEST_KEY not in repr(config) and TEST_KEY not in str(config)
    assert config.base_url == "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/"
    assert EutilsConfig.from_env({}).rate == 3
    mirror = EutilsConfig.from_env({"IRKG_EUTILS_URL": "http://mirror:8080/eutils"})
    assert mirror.base_url == "http://mirror:8080/eutils/"
    chosen = EutilsConfig.from_env({"IRKG_EUTILS_URL": "http://a/"}, base_url="http://b/")
    assert chosen.base_url == "http://b/"
    with pytest.raises(ValueError, match="base URL"):
        EutilsConfig(base_url="ftp://example.org/")


def test_retry_after_as_an_http_date_and_its_cap(eutils, make_client, clock):
    from datetime import UTC, datetime, timedelta
    from email.utils import format_datetime

    from kg.fetch.client import _retry_after

    later = format_datetime(datetime.now(UTC) + timedelta(seconds=120), usegmt=True)
    assert 100 <= _retry_after(later) <= 121
    assert _retry_after("soon") is None and _retry_after(None) is None
    eutils.fault("status", status=503, body=b"maintenance", headers={"Retry-After": "3600"})
    make_client(eutils).call("esearch.fcgi", SEARCH, validate=parse_esearch)
    assert max(clock.sleeps) == pytest.approx(300.0)  # RetryPolicy.max_retry_after
