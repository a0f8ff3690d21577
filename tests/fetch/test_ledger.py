"""The fetch ledger: atomic writes and reconciliation with the folder."""

import json

from eutils_server import FIXTURES, PUBMED_DOCTYPE

from kg.fetch import LEDGER_NAME, Ledger
from kg.fetch.ledger import atomic_write


def _pubmed_file(*pmids: str) -> bytes:
    records = "\n".join((FIXTURES / "pubmed" / f"{p}.xml").read_text() for p in pmids)
    return f"{PUBMED_DOCTYPE}\n<PubmedArticleSet>\n{records}\n</PubmedArticleSet>".encode()


def test_atomic_write_replaces_whole_files_and_leaves_no_temporaries(tmp_path):
    target = tmp_path / "a.xml"
    atomic_write(target, b"old")
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["a.xml"]


def test_round_trip(tmp_path):
    ledger = Ledger.open(tmp_path)
    (tmp_path / "pubmed-000001.xml").write_bytes(_pubmed_file("90000001"))
    ledger.add_pubmed("pubmed-000001.xml", ("90000001",), (("90000001", "PMC9000001"),))
    ledger.save()
    again = Ledger.open(tmp_path)
    assert again.has_pubmed("90000001") and not again.has_pubmed("90000002")
    assert again.links == {"90000001": "PMC9000001"}
    assert again.next_pubmed_file() == "pubmed-000002.xml"
    assert again.notes == []
    data = json.loads((tmp_path / LEDGER_NAME).read_text())
    assert data["format"] == "irkg-fetch-ledger" and data["version"] == 1


def test_unreadable_ledger_is_rebuilt_from_the_files(tmp_path):
    (tmp_path / "pubmed-000004.xml").write_bytes(_pubmed_file("90000001", "90000003"))
    (tmp_path / LEDGER_NAME).write_text('{"format": "irkg-fetch-ledger", "vers')
    ledger = Ledger.open(tmp_path)
    assert ledger.has_pubmed("90000001") and ledger.has_pubmed("90000003")
    assert ledger.links == {"90000001": "PMC9000001", "90000003": "PMC9000003"}
    assert ledger.next_pubmed_file() == "pubmed-000005.xml"
    assert any("unreadable ledger" in note for note in ledger.notes)


def test_a_broken_data_file_is_left_alone_and_reported(tmp_path):
    (tmp_path / "pubmed-000001.xml").write_bytes(_pubmed_file("90000001")[:200])
    ledger = Ledger.open(tmp_path)
    assert not ledger.has_pubmed("90000001")
    assert any("not adopted" in note for note in ledger.notes)
    assert (tmp_path / "pubmed-000001.xml").exists()
    assert ledger.next_pubmed_file() == "pubmed-000002.xml"  # never overwrite it
