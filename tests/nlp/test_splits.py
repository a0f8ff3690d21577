"""Held-out splits are deterministic, keep papers whole, and follow the official dev files."""

from pathlib import Path

import pytest

from kg.nlp.splits import all_dev_ids, group_key, split_of
from kg.settings import load_settings

CORPORA = load_settings().corpora_dir


def test_bioid_groups_by_paper():
    assert group_key("BioID_Train_revision.PubTator", "48019521015") == "48019521"
    assert group_key("GNormPlus_Train.PubTator", "123") == "123"


def test_hashed_split_is_deterministic_and_about_a_fifth(tmp_path):
    ids = [str(i) for i in range(2000)]
    first = [split_of(tmp_path, "GNormPlus_Train.PubTator", i) for i in ids]
    assert first == [split_of(tmp_path, "GNormPlus_Train.PubTator", i) for i in ids]
    assert 300 < first.count("dev") < 500


@pytest.mark.shared
@pytest.mark.skipif(CORPORA is None, reason="../shared corpora not present")
def test_official_dev_sets():
    corpora = Path(CORPORA)
    assert split_of(corpora, "BC5CDR_TrainDev.PubTator", "227508") == "train"
    dev = all_dev_ids(corpora)
    cdr_dev = {
        line.split("|t|")[0]
        for line in (corpora / "bc5cdr_original/CDR_DevelopmentSet.PubTator.txt").open()
        if "|t|" in line
    }
    assert len(cdr_dev) == 500 and cdr_dev <= dev
