"""The trained model as a component of a host pipeline, and the packaged model itself."""

import pytest
import spacy

import kg.nlp.factories  # noqa: F401
from kg.errors import ConfigError
from kg.nlp.model_recognizer import ModelRecognizer, load_model
from kg.nlp.tokenizer import create_tokenizer


@pytest.fixture(scope="module")
def tiny_model(tiny_trained):
    return tiny_trained[1].model_dir


def host():
    nlp = spacy.blank("en")
    nlp.tokenizer = create_tokenizer(nlp)
    return nlp


def test_runs_on_the_host_docs_and_keeps_their_entities(tiny_model):
    nlp = host()
    nlp.add_pipe("irkg_model_recognizer_v1", config={"model_path": str(tiny_model)})
    doc = nlp.make_doc("Cisplatin activates STING in MC38 cells.")
    doc.set_ents([doc.char_span(0, 9, label="Chemical")])
    doc = nlp.get_pipe("irkg_model_recognizer_v1")(doc)
    assert "irkg_model" in doc.spans
    assert [(e.text, e.label_) for e in doc.ents] == [("Cisplatin", "Chemical")]
    assert doc.tensor.size == 0
    docs = list(nlp.pipe(["BRCA1 in HeLa cells.", "", "Lithium and tremor."]))
    assert all("irkg_model" in d.spans for d in docs)


def test_refuses_a_host_with_another_tokenizer(tiny_model):
    nlp = spacy.blank("en")  # spaCy's default tokenizer keeps "cisplatin-induced" whole
    with pytest.raises(ConfigError, match="tokenizer"):
        nlp.add_pipe("irkg_model_recognizer_v1", config={"model_path": str(tiny_model)})
    with pytest.raises(ConfigError, match="language"):
        spacy.blank("de").add_pipe(
            "irkg_model_recognizer_v1", config={"model_path": str(tiny_model)}
        )


def test_missing_model_and_bad_options(tmp_path, tiny_model):
    with pytest.raises(ConfigError, match="irkg train"):
        load_model(tmp_path / "nothing")
    with pytest.raises(ValueError, match="batch_size"):
        ModelRecognizer(model=load_model(tiny_model), batch_size=0)
