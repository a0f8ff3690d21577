"""fetch_pubmed end to end against the loopback E-utilities: files, resume, failures, full text."""

import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest
from eutils_server import FakeEutils, fixture_pubmed, synthetic_pubmed

from kg.fetch import LEDGER_NAME, Ledger, fetch_pubmed

QUERY = "radiotherapy AND immunotherapy"


def _ids_in(folder):
    """PMID -> file, failing on any PMID written twice."""
    where = {}
    for path in sorted(folder.glob("pubmed-*.xml")):
        root = ET.parse(path).getroot()
        assert root.tag == "PubmedArticleSet"
        for pmid in root.iterfind("PubmedArticle/MedlineCitation/PMID"):
            assert pmid.text not in where, f"{pmid.text} written twice"
            where[pmid.text] = path.name
    return where


class StopAfter:
    """A progress hook that interrupts the run (like Ctrl-C) after ``n`` batches."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.batches = 0

    def start(self, description: str, total: int) -> None:
        self.total = total

    def advance(self, count: int) -> None:
        self.batches += 1
        if self.batches == self.n:
            raise KeyboardInterrupt


@pytest.fixture
def server():
    records = [
        synthetic_pubmed(91000000 + i, date(2016, 1, 1) + timedelta(days=41 * i)) for i in range(22)
    ]
    service = FakeEutils(pubmed=fixture_pubmed() + records).start()
    yield service
    service.stop()


def test_query_writes_batches_ingest_can_read(server, make_client, tmp_path):
    report = fetch_pubmed(tmp_path, query=QUERY, batch_size=10, client=make_client(server))
    assert report.ok and report.found == 25 and report.requested == 25
    assert len(report.fetched) == 25 and report.skipped == () and report.failed == ()
    assert report.files == ("pubmed-000001.xml", "pubmed-000002.xml", "pubmed-000003.xml")
    where = _ids_in(tmp_path)
    assert set(where) == set(report.fetched)
    first = (tmp_path / "pubmed-000001.xml").read_bytes()
    assert first.startswith(b'<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet')
    assert report.requests == len(server.requests())
    for call in server.requests("efetch.fcgi"):
        assert call.method == "POST" and len(call.ids) <= 10
    assert (tmp_path / LEDGER_NAME).exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == [LEDGER_NAME]


def test_rerun_fetches_nothing_already_present(server, make_client, tmp_path):
    fetch_pubmed(tmp_path, query=QUERY, batch_size=10, client=make_client(server))
    before = len(server.requests("efetch.fcgi"))
    again = fetch_pubmed(tmp_path, query=QUERY, batch_size=10, client=make_client(server))
    assert again.ok and again.fetched == () and len(again.skipped) == 25
    assert len(server.requests("efetch.fcgi")) == before
    assert again.files == ()


@pytest.mark.parametrize("workers", [1, 3])
def test_interrupted_run_resumes_with_only_the_missing_ids(server, make_client, tmp_path, workers):
    with pytest.raises(KeyboardInterrupt):
        fetch_pubmed(
            tmp_path,
            query=QUERY,
            batch_size=5,
            workers=workers,
            client=make_client(server),
            progress=StopAfter(2),
        )
    done_first = set(_ids_in(tmp_path))
    assert len(done_first) == 10
    asked_first = {i for c in server.requests("efetch.fcgi") for i in c.ids}
    server.seen.clear()

    report = fetch_pubmed(tmp_path, query=QUERY, batch_size=5, client=make_client(server))
    asked_again = [i for c in server.requests("efetch.fcgi") for i in c.ids]
    assert report.ok
    assert set(report.skipped) == done_first and len(report.fetched) == 15
    assert sorted(asked_again) == sorted(report.fetched)  # nothing asked twice
    assert not done_first & set(asked_again)
    assert asked_first >= done_first  # with workers, answers in flight are dropped, not stored
    assert workers > 1 or asked_first == done_first
    assert len(_ids_in(tmp_path)) == 25
    assert report.files[0] == "pubmed-000003.xml"


def test_crash_between_data_file_and_ledger_is_repaired(server, make_client, tmp_path, monkeypatch):
    saves = 0
    original = Ledger.save

    def crash_on_second_save(self):
        nonlocal saves
        saves += 1
        if saves == 2:
            raise KeyboardInterrupt  # the data file is renamed in place, the ledger is not
        original(self)

    monkeypatch.setattr(Ledger, "save", crash_on_second_save)
    with pytest.raises(KeyboardInterrupt):
        fetch_pubmed(tmp_path, query=QUERY, batch_size=10, client=make_client(server))
    monkeypatch.setattr(Ledger, "save", original)
    (tmp_path / ".pubmed-000009.xml.abc123.tmp").write_bytes(b"<PubmedArticleSet><Pub")
    server.seen.clear()

    report = fetch_pubmed(tmp_path, query=QUERY, batch_size=10, client=make_client(server))
    assert report.ok and len(report.skipped) == 20 and len(report.fetched) == 5
    assert any("pubmed-000002.xml: adopted" in note for note in report.notes)
    assert any("removed an unfinished temporary file" in note for note in report.notes)
    assert not (tmp_path / ".pubmed-000009.xml.abc123.tmp").exists()
    assert len(_ids_in(tmp_path)) == 25


def test_a_batch_truncated_every_time_is_reported_and_the_rest_go_on(server, make_client, tmp_path):
    server.fault("truncate", endpoint="efetch.fcgi", ids={"91000005"}, times=-1)
    client = make_client(server, attempts=3)
    pmids = [str(91000000 + i) for i in range(20)]
    report = fetch_pubmed(tmp_path, pmids=pmids, batch_size=5, client=client)
    assert not report.ok
    assert [f.id for f in report.failed] == [str(91000000 + i) for i in range(5, 10)]
    reason = report.failed[0].reason
    assert "gave up after 3 attempts" in reason and "IncompleteRead" in reason
    assert str(report.failed[0]).startswith("91000005: POST http://127.0.0.1")
    assert len(report.fetched) == 15 and len(_ids_in(tmp_path)) == 15

    server.faults.clear()
    server.seen.clear()
    again = fetch_pubmed(tmp_path, pmids=pmids, batch_size=5, client=make_client(server))
    assert again.ok and sorted(again.fetched) == sorted(f.id for f in report.failed)
    assert len(server.requests("efetch.fcgi")) == 1


def test_unknown_pmids_and_repeats_are_reported(server, make_client, tmp_path):
    pmids = ["90000002", "99999999", "PMID:90000001", "90000002"]
    report = fetch_pubmed(tmp_path, pmids=pmids, client=make_client(server))
    assert report.fetched == ("90000002", "90000001")
    assert [str(f) for f in report.failed] == [
        "99999999: not in the efetch answer (deleted or merged PMID?)"
    ]
    assert report.duplicates == ("90000002",)
    with pytest.raises(ValueError, match="not a PMID"):
        fetch_pubmed(tmp_path, pmids=["abc"], client=make_client(server))


def test_stops_after_three_failed_batches_in_a_row(server, make_client, tmp_path):
    server.fault("status", endpoint="efetch.fcgi", status=503, body=b"down", times=-1)
    pmids = [str(91000000 + i) for i in range(20)]
    report = fetch_pubmed(
        tmp_path, pmids=pmids, batch_size=4, client=make_client(server, attempts=2)
    )
    assert len(report.failed) == 20 and report.fetched == ()
    assert len(server.requests("efetch.fcgi")) == 3 * 2  # 3 batches x 2 attempts, then stop
    assert "HTTP 503" in report.failed[0].reason
    assert report.failed[-1].reason == "not attempted: stopped after 3 failed batches in a row"


def test_workers_write_the_same_folder_as_one_worker(server, make_client, tmp_path):
    one, three = tmp_path / "one", tmp_path / "three"
    fetch_pubmed(one, query=QUERY, batch_size=3, client=make_client(server))
    report = fetch_pubmed(three, query=QUERY, batch_size=3, workers=3, client=make_client(server))
    assert report.ok and len(report.fetched) == 25
    names = sorted(p.name for p in one.iterdir())
    assert names == sorted(p.name for p in three.iterdir())
    for name in names:
        assert (one / name).read_bytes() == (three / name).read_bytes(), name


def test_full_text_follows_pmc_links(server, make_client, tmp_path):
    report = fetch_pubmed(tmp_path, query=QUERY, full_text=True, client=make_client(server))
    full = report.full_text
    assert full is not None and full.ok
    assert full.fetched == ("PMC9000001", "PMC9000003")
    assert full.without_body == ("PMC9000003",)
    assert full.notes == ("2 of 25 records link to PMC",)
    for name in ("PMC9000001.xml", "PMC9000003.xml"):
        assert ET.parse(tmp_path / name).getroot().tag == "article"
    calls = server.requests("efetch.fcgi")
    assert calls[-1].one("db") == "pmc" and calls[-1].ids == ["9000001", "9000003"]
    again = fetch_pubmed(tmp_path, query=QUERY, full_text=True, client=make_client(server))
    assert again.full_text.skipped == ("PMC9000001", "PMC9000003")


def test_max_records_and_argument_checks(server, make_client, tmp_path):
    report = fetch_pubmed(tmp_path, query=QUERY, max_records=4, client=make_client(server))
    assert report.requested == 4 and report.found == 25
    with pytest.raises(ValueError, match="either a query or pmids"):
        fetch_pubmed(tmp_path, client=make_client(server))
    with pytest.raises(ValueError, match=r"batch_size must be 1\.\.200"):
        fetch_pubmed(tmp_path, query=QUERY, batch_size=201, client=make_client(server))


def test_ingest_reads_what_fetch_wrote(server, make_client, tmp_path):
    """The contract with kg.ingest: the whole fetch folder (ledger included) reads cleanly,
    every PubMed record and every PMC article becomes a Document with its ids."""
    from kg.ingest import IngestReport, read_documents

    fetch_pubmed(tmp_path, query=QUERY, full_text=True, client=make_client(server))
    report = IngestReport()
    documents = list(read_documents([tmp_path], report=report))
    assert report.clean, [str(p) for p in report.problems]
    # pubmed-000001.xml (25 records) + PMC9000001.xml + PMC9000003.xml; the ledger is hidden
    assert report.files == 3 and report.documents == 25 + 2
    by_format = {}
    for document in documents:
        by_format.setdefault(document.meta.format, []).append(document)
    assert sorted(d.meta.pmid for d in by_format["pubmed-xml"]) == sorted(_ids_in(tmp_path))
    assert sorted(d.meta.pmcid for d in by_format["jats"]) == ["PMC9000001", "PMC9000003"]
    full = next(d for d in by_format["jats"] if d.meta.pmcid == "PMC9000001")
    assert full.meta.pmid == "90000001" and len(full.passages) > 5  # body sections read


def test_a_400_for_one_batch_is_not_retried_and_the_rest_go_on(server, make_client, tmp_path):
    body = b'{"error":"Invalid uid 91000002 at position=2"}'
    server.fault("status", endpoint="efetch.fcgi", status=400, body=body, ids={"91000002"})
    pmids = [str(91000000 + i) for i in range(6)]
    report = fetch_pubmed(tmp_path, pmids=pmids, batch_size=3, client=make_client(server))
    assert [f.id for f in report.failed] == ["91000000", "91000001", "91000002"]
    assert report.failed[0].reason.endswith("HTTP 400: Invalid uid 91000002 at position=2")
    assert report.fetched == ("91000003", "91000004", "91000005")
    assert len(server.requests("efetch.fcgi")) == 2
