"""esearch: history, retstart paging, and PubMed's 9,999-id window split by publication date."""

from datetime import date, timedelta

import pytest
from eutils_server import FakeEutils, synthetic_pubmed

from kg.fetch import search


def _records(n: int, *, start: date = date(2015, 1, 1), step_days: int = 97):
    return [synthetic_pubmed(91000000 + i, start + timedelta(days=step_days * i)) for i in range(n)]


def _newest_first(records):
    return [r.id for r in sorted(records, key=lambda r: (r.pdat, int(r.id)), reverse=True)]


@pytest.fixture
def volume():
    records = _records(25)
    server = FakeEutils(pubmed=records, window=4).start()
    yield server, records
    server.stop()


def test_paging_with_retstart_in_one_webenv(make_client):
    records = _records(25)
    server = FakeEutils(pubmed=records).start()
    try:
        result = search(make_client(server), "pubmed", "radiotherapy immunotherapy", page_size=10)
    finally:
        server.stop()
    assert result.count == 25 and list(result.ids) == _newest_first(records)
    calls = server.requests("esearch.fcgi")
    assert [c.one("retstart") for c in calls] == ["0", "0", "10", "20"]
    assert all(c.one("usehistory") == "y" for c in calls)
    assert {c.one("WebEnv") for c in calls[1:]} == {"MCID_fake0123456789abcdef"}
    assert result.requests == len(calls) == 4


def test_more_than_the_window_is_split_by_publication_date(volume, make_client):
    server, records = volume
    result = search(make_client(server), "pubmed", "radiotherapy AND immunotherapy", window=4)
    assert result.count == 25
    assert list(result.ids) == _newest_first(records)  # all of them, once, newest first
    assert result.warnings == ()
    for call in server.requests("esearch.fcgi"):
        # never ask past the window, which the real service refuses
        assert int(call.one("retstart")) + int(call.one("retmax")) <= 4
        if int(call.one("retmax")) > 0:
            assert call.one("datetype") == "pdat" and call.one("mindate") and call.one("maxdate")


def test_max_records_takes_the_newest(volume, make_client):
    server, records = volume
    result = search(make_client(server), "pubmed", "radiotherapy", max_records=6, window=4)
    assert list(result.ids) == _newest_first(records)[:6]
    small = search(make_client(server), "pubmed", "radiotherapy", max_records=3, window=4)
    assert list(small.ids) == _newest_first(records)[:3]


def test_one_day_beyond_the_window_is_reported(make_client):
    same_day = [synthetic_pubmed(92000000 + i, date(2020, 5, 4)) for i in range(6)]
    server = FakeEutils(pubmed=same_day, window=4).start()
    try:
        result = search(make_client(server), "pubmed", "radiotherapy", window=4)
    finally:
        server.stop()
    assert len(result.ids) == 4
    assert any("6 records published on 2020-05-04" in w for w in result.warnings)
    assert any("reported 6 records but listed 4" in w for w in result.warnings)


def test_no_match_is_an_empty_result_with_ncbis_warning(eutils, make_client):
    result = search(make_client(eutils), "pubmed", "xyzzyplugh")
    assert result.count == 0 and result.ids == ()
    assert "phrasesnotfound: xyzzyplugh" in result.warnings


def test_pmc_has_no_window(make_client):
    server = FakeEutils(window=1).start()
    try:
        result = search(make_client(server), "pmc", "cgas-sting")
    finally:
        server.stop()
    assert result.ids == ("9000001", "9000003")
