"""Reading id files: comments, separators, prefixes; bad lines reported as file:line."""

import pytest

from kg.errors import InputError
from kg.fetch import read_id_file
from kg.fetch.idlists import unique


def test_pmids_with_comments_prefixes_and_bad_tokens(tmp_path):
    path = tmp_path / "pmids.txt"
    path.write_text("# from a colleague\n90000001\nPMID:90000002, 90000003 # two\n\nabc 12x\n")
    ids, rejected = read_id_file(path, "pmid")
    assert ids == ["90000001", "90000002", "90000003"]
    assert [str(r) for r in rejected] == [
        f"{path}:5: not a PMID: 'abc'",
        f"{path}:5: not a PMID: '12x'",
    ]


def test_pmcids(tmp_path):
    path = tmp_path / "pmcids.txt"
    path.write_text("PMC9000001\n9000003;pmc12\nPMC-1\n")
    ids, rejected = read_id_file(path, "pmcid")
    assert ids == ["PMC9000001", "PMC9000003", "PMC12"]
    assert [r.id for r in rejected] == [f"{path}:3"]


def test_missing_file_names_the_path(tmp_path):
    with pytest.raises(InputError, match=r"nope\.txt: no such file"):
        read_id_file(tmp_path / "nope.txt", "pmid")


def test_unique_keeps_order_and_reports_repeats():
    assert unique(["3", "1", "3", "2", "1"]) == (["3", "1", "2"], ["3", "1"])
