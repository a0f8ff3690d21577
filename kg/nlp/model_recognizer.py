"""The trained recogniser as one component of any irkg pipeline (``irkg_model_recognizer_v1``).

The packaged model (``kg/nlp/models/irkg-ner``, trained by ``irkg train``) is a spaCy pipeline of
a shared tok2vec and one NER head per type. This component loads it once and runs those parts on
the host pipeline's own Docs, in batches, so the host keeps its tokenizer, sentences and
extensions; the heads write candidate spans to ``doc.spans[spans_key]`` for the merge step.
Because the model learnt from one tokenization, the host must use the same tokenizer and
language, which the factory checks.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import numpy
from spacy.tokens import Span

from kg.errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_SPANS_KEY = "irkg_model"
SOURCE = "model"  # span._.source of the candidates (kg/nlp/extensions.py)
MODEL_NAME = "irkg-ner"


def packaged_model_path() -> Path:
    """Where the shipped model lives inside the installed package."""
    return Path(str(resources.files("kg.nlp") / "models" / MODEL_NAME))


def load_model(path: str | Path | None = None) -> Language:
    """The trained pipeline at ``path`` (default: the packaged one); a clear error if absent."""
    import spacy

    import kg.nlp.factories  # noqa: F401  (registrations, also when not installed)

    where = Path(path) if path else packaged_model_path()
    if not (where / "config.cfg").is_file():
        raise ConfigError(
            f"trained model not found at {where}: run `irkg train` and copy OUT/model there"
        )
    with warnings.catch_warnings():
        # scispaCy's character classes trigger re's "possible set union" FutureWarning
        warnings.simplefilter("ignore", FutureWarning)
        return spacy.load(where)


class ModelRecognizer:
    """Candidate spans from the trained model, appended to ``doc.spans[spans_key]``."""

    def __init__(
        self,
        *,
        model: Language,
        spans_key: str = DEFAULT_SPANS_KEY,
        batch_size: int = 64,
    ) -> None:
        if batch_size < 1:
            raise ValueError(f"batch_size must be >= 1, got {batch_size}")
        heads = [p for _, p in model.pipeline if hasattr(p, "spans_key")]
        if not heads:
            raise ConfigError("the trained model has no irkg NER heads")
        self.model = model
        self.spans_key = spans_key
        self.batch_size = batch_size
        self.labels = tuple(h.label for h in heads)
        for head in heads:  # the heads write where this component says
            head.cfg["spans_key"] = spans_key
        self._no_tensor = numpy.zeros((0,), dtype="float32")
        self.mark_source = Span.has_extension("source")  # kg.nlp.extensions, when registered

    def check_host(self, nlp: Language) -> None:
        """Refuse a host whose tokens or lexical features differ from the model's training."""
        if nlp.lang != self.model.lang:
            raise ConfigError(
                f"the trained model is for language {self.model.lang!r}, the pipeline is "
                f"{nlp.lang!r}"
            )
        exclude = ["vocab"]
        if nlp.tokenizer.to_bytes(exclude=exclude) != self.model.tokenizer.to_bytes(
            exclude=exclude
        ):
            raise ConfigError(
                "the pipeline's tokenizer differs from the one the model was trained with: use "
                '{"@tokenizers": "irkg.tokenizer.v1"}'
            )
        for label in self.labels:
            nlp.vocab.strings.add(label)

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int | None = None) -> Iterator[Doc]:
        from spacy.util import minibatch

        for batch in minibatch(docs, batch_size or self.batch_size):
            yield from self._annotate(list(batch))

    def _annotate(self, docs: list[Doc]) -> list[Doc]:
        # spaCy's NER keeps entities already set; the heads must see none, and the host's stay
        saved = []
        for doc in docs:
            saved.append(list(doc.ents) if doc.has_annotation("ENT_IOB") else None)
            doc.set_ents([], default="missing")
            doc.spans[self.spans_key] = []
        for _, proc in self.model.pipeline:
            docs = list(proc.pipe(docs, batch_size=len(docs)))
        for doc, ents in zip(docs, saved, strict=True):
            if ents is not None:
                doc.set_ents(ents, default="outside")
            if self.mark_source:
                for span in doc.spans[self.spans_key]:
                    span._.source = SOURCE
            doc.tensor = self._no_tensor  # the model's features are of no use downstream
        return docs
