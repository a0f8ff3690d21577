"""``irkg train`` end to end on the made-up fixture corpora, with a tiny config (seconds)."""

import json

import pytest
import spacy
from spacy import util
from train_fixtures import TINY_CONFIG, write_corpora
from typer.testing import CliRunner

from kg.cli import app
from kg.nlp.train import MANIFEST, default_config_path, sha256_file, train_model

TINY = TINY_CONFIG


@pytest.fixture(scope="module")
def trained(tiny_trained):
    return tiny_trained


def test_training_writes_a_loadable_model(trained):
    _, result = trained
    assert result.stopped == "max_steps" and result.steps == 6
    nlp = spacy.load(result.model_dir)
    assert nlp.pipe_names == ["tok2vec", "ner_gene", "ner_chemical", "ner_disease", "ner_cellline"]
    assert [t.text for t in nlp.make_doc("cisplatin-induced")] == ["cisplatin", "-", "induced"]
    doc = nlp("Cisplatin activates STING in MC38 cells.")
    assert "irkg_model" in doc.spans  # every head ran and wrote its (possibly empty) spans
    assert not doc.ents  # heads leave the choice to the merge step
    assert set(result.tune_scores) >= {"irkg_gene_f", "irkg_cellline_f"}


def test_manifest_names_every_input_with_its_hash(trained):
    corpora, result = trained
    manifest = json.loads(result.manifest_path.read_text())
    files = {f["file"]: f for f in manifest["train_corpora"]}
    cdr = files["corpora/BC5CDR_TrainDev.PubTator"]
    assert cdr["sha256"] == sha256_file(corpora / "BC5CDR_TrainDev.PubTator")
    assert cdr["types"] == ["Chemical", "Disease"] and cdr["docs_dev_skipped"] == 1
    split = {f["file"] for f in manifest["split_files"]}
    assert "corpora/bc5cdr_original/CDR_DevelopmentSet.PubTator.txt" in split
    assert "all_dev_ids" in manifest["split_rule"] and manifest["seed"] == 0
    assert manifest["config_sha256"] == sha256_file(default_config_path())
    inside = json.loads((result.model_dir / MANIFEST).read_text())
    assert inside["train_corpora"] == manifest["train_corpora"]
    assert inside["training"]["final"]["stopped"] == "max_steps"


def test_the_same_seed_gives_the_same_model(trained, tmp_path):
    corpora, first = trained
    again = train_model(corpora, tmp_path / "run", max_minutes=5, overrides=TINY)
    assert again.tune_scores == first.tune_scores
    one = spacy.load(first.model_dir).get_pipe("ner_gene").to_bytes(exclude=["vocab"])
    two = spacy.load(again.model_dir).get_pipe("ner_gene").to_bytes(exclude=["vocab"])
    assert one == two


def test_cli_trains_from_shared(tmp_path):
    root = tmp_path / "shared"
    write_corpora(root)
    config = util.load_config(default_config_path(), overrides=TINY, interpolate=False)
    config.to_disk(tmp_path / "tiny.cfg")
    result = CliRunner().invoke(
        app,
        ["train", "--config", str(tmp_path / "tiny.cfg"), "--out", str(tmp_path / "run"),
         "--max-steps", "3"],
        env={"IRKG_SHARED": str(root)},
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "3 steps" in result.output and "stopped by max_steps" in result.output
    assert spacy.load(tmp_path / "run" / "model").pipe_names[0] == "tok2vec"


def test_cli_reports_missing_shared(tmp_path):
    result = CliRunner().invoke(
        app, ["train", "--out", str(tmp_path / "run")], env={"IRKG_SHARED": str(tmp_path)}
    )
    assert result.exit_code == 2
    assert "corpora" in result.output
