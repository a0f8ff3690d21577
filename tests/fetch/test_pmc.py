"""fetch_pmc: one JATS file per article, front-matter-only articles flagged, resume."""

import xml.etree.ElementTree as ET

import pytest

from kg.fetch import fetch_pmc


def test_pmcids_become_one_jats_file_each(eutils, make_client, tmp_path):
    report = fetch_pmc(
        tmp_path, pmcids=["PMC9000001", "9000003", "PMC404"], client=make_client(eutils)
    )
    assert report.database == "pmc"
    assert report.fetched == ("PMC9000001", "PMC9000003")
    assert [str(f) for f in report.failed] == [
        "PMC404: not in the efetch answer (no such PMC article?)"
    ]
    assert report.without_body == ("PMC9000003",)
    assert sorted(report.files) == ["PMC9000001.xml", "PMC9000003.xml"]
    full = ET.parse(tmp_path / "PMC9000001.xml").getroot()
    assert full.tag == "article" and full.find("body/sec/title").text == "Introduction"
    assert (tmp_path / "PMC9000001.xml").read_bytes().startswith(b'<?xml version="1.0"')
    (call,) = eutils.requests("efetch.fcgi")
    assert call.one("db") == "pmc" and call.ids == ["9000001", "9000003", "404"]


def test_rerun_skips_articles_present(eutils, make_client, tmp_path):
    fetch_pmc(tmp_path, pmcids=["PMC9000001"], client=make_client(eutils))
    eutils.seen.clear()
    report = fetch_pmc(tmp_path, pmcids=["PMC9000001", "PMC9000003"], client=make_client(eutils))
    assert report.skipped == ("PMC9000001",) and report.fetched == ("PMC9000003",)
    assert eutils.requests("efetch.fcgi")[0].ids == ["9000003"]


def test_a_deleted_file_is_fetched_again(eutils, make_client, tmp_path):
    fetch_pmc(tmp_path, pmcids=["PMC9000001", "PMC9000003"], client=make_client(eutils))
    (tmp_path / "PMC9000003.xml").unlink()
    report = fetch_pmc(tmp_path, pmcids=["PMC9000001", "PMC9000003"], client=make_client(eutils))
    assert report.fetched == ("PMC9000003",)
    assert any("PMC9000003.xml: gone" in note for note in report.notes)


def test_cut_answer_is_retried(eutils, make_client, tmp_path):
    eutils.fault("cut", endpoint="efetch.fcgi")
    report = fetch_pmc(tmp_path, pmcids=["PMC9000001"], client=make_client(eutils))
    assert report.ok and len(eutils.requests("efetch.fcgi")) == 2


def test_pmc_query(eutils, make_client, tmp_path):
    report = fetch_pmc(tmp_path, query="cgas-sting", client=make_client(eutils))
    assert report.found == 2 and set(report.fetched) == {"PMC9000001", "PMC9000003"}


def test_bad_pmcid_is_refused(eutils, make_client, tmp_path):
    with pytest.raises(ValueError, match="not a PMCID"):
        fetch_pmc(tmp_path, pmcids=["PMCX"], client=make_client(eutils))
