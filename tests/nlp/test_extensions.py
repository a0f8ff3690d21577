"""One registry of span/doc attributes: whichever irkg component comes first, the same defaults."""

import json
import subprocess
import sys

import pytest

# Each snippet makes one kind of component register its attributes, the way it does on its own.
RELATIONS_FIRST = "from kg.nlp.relations import RelationExtractor; RelationExtractor()"
REGIMENS_FIRST = "from kg.nlp.regimen import RegimenExtractor; RegimenExtractor()"
RECOGNISER_FIRST = "import kg.nlp.factories, spacy; spacy.blank('en').add_pipe('irkg_merge_v1')"
REPORT = """
import json
from spacy.tokens import Doc, Span
import kg.nlp.factories, spacy
from kg.nlp.extensions import DOC_EXTENSIONS, SPAN_EXTENSIONS
spacy.blank("en").add_pipe("irkg_merge_v1")
from kg.nlp.relations import RelationExtractor; RelationExtractor()
seen = lambda cls, n: (cls.get_extension(n) or ("unregistered",))[0]
print(json.dumps({"span": {n: seen(Span, n) for n in SPAN_EXTENSIONS},
                  "doc": {n: seen(Doc, n) for n in (*DOC_EXTENSIONS, "document")}}))
"""


def _registered(first: str) -> dict:
    """The defaults seen in a fresh interpreter after ``first`` registered its attributes."""
    done = subprocess.run(
        [sys.executable, "-c", first + "\n" + REPORT],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("first", [RELATIONS_FIRST, REGIMENS_FIRST, RECOGNISER_FIRST])
def test_defaults_do_not_depend_on_who_registers_first(first):
    from kg.nlp.extensions import DOC_EXTENSIONS, SPAN_EXTENSIONS

    found = _registered(first)
    assert found["span"] == {n: _json(v) for n, v in SPAN_EXTENSIONS.items()}
    assert found["doc"] == {n: _json(v) for n, v in DOC_EXTENSIONS.items()} | {"document": None}
    assert found["span"]["score"] == 0.0


def _json(value: object) -> object:
    return json.loads(json.dumps(value))


def test_one_registry():
    """The relation side has no registry of its own any more."""
    import kg.nlp.relation_doc as relation_doc

    assert not hasattr(relation_doc, "register_extensions")
