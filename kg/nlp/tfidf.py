"""The candidate index's character-trigram TF-IDF vectors and files, loaded without scikit-learn.

The features are scikit-learn's ``TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 3),
lowercase=True)`` (scispaCy's choice): each word padded with one space either side, every
3-character window of it (a word shorter than that once, whole), counts times the smoothed idf,
rows L2-normalised. The index is fitted with scikit-learn; ``TrigramVectorizer`` then vectorises
queries from the fitted vocabulary and idf alone, so an annotate worker never imports
scikit-learn (a second of every worker's start, measured in ``bench/tfidf_load_bench.py``).

Files are raw arrays: the matrix's three CSC arrays as ``.npy`` (memory-mapped: forked workers
share the pages, and loading reads nothing up front) and strings packed into one UTF-8 blob with
an offsets array (``PackedStrings``), decoded only where a shortlisted row is looked at. The
compressed ``.npz`` and JSON of the first format took 2 s to load for chemicals.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, overload

if TYPE_CHECKING:
    import numpy as np
    from scipy.sparse import csc_matrix, csr_matrix
    from sklearn.feature_extraction.text import TfidfVectorizer

NGRAM = 3
MATRIX_ARRAYS = ("data", "indices", "indptr")


def trigrams(text: str) -> Iterator[str]:
    """The n-grams scikit-learn's ``char_wb`` analyzer gives for ``ngram_range=(3, 3)`` (it
    collapses runs of white space before splitting on it; ``split()`` alone does both)."""
    for word in text.lower().split():
        padded = f" {word} "
        if len(padded) <= NGRAM:
            yield padded
            continue
        for start in range(len(padded) - NGRAM + 1):
            yield padded[start : start + NGRAM]


class TrigramVectorizer:
    """Query vectors over a fitted vocabulary (n-gram -> column) and idf, as scikit-learn's."""

    def __init__(self, vocabulary: Sequence[str], idf: np.ndarray) -> None:
        if len(vocabulary) != len(idf):
            raise ValueError(f"{len(vocabulary)} n-grams but {len(idf)} idf values")
        self.columns = {gram: i for i, gram in enumerate(vocabulary)}
        self.vocabulary = list(vocabulary)
        self.idf = idf

    @classmethod
    def from_sklearn(cls, fitted: TfidfVectorizer) -> TrigramVectorizer:
        import numpy as np

        vocabulary = sorted(fitted.vocabulary_, key=fitted.vocabulary_.__getitem__)
        return cls(vocabulary, np.asarray(fitted.idf_, dtype=np.float32))

    def transform(self, texts: Iterable[str]) -> csr_matrix:
        """One L2-normalised float32 row per text (an empty row when no n-gram is known)."""
        import numpy as np
        from scipy.sparse import csr_matrix

        indptr, indices, counts = [0], [], []
        for text in texts:
            row: dict[int, int] = {}
            for gram in trigrams(text):
                column = self.columns.get(gram)
                if column is not None:
                    row[column] = row.get(column, 0) + 1
            ordered = sorted(row)
            indices += ordered
            counts += [row[c] for c in ordered]
            indptr.append(len(indices))
        columns = np.asarray(indices, dtype=np.int32)
        data = np.asarray(counts, dtype=np.float32) * self.idf[columns]
        lengths = np.diff(indptr)
        row_of = np.repeat(np.arange(len(lengths)), lengths)
        norms = np.sqrt(np.bincount(row_of, weights=data * data, minlength=len(lengths)))
        data = (data / norms[row_of]).astype(np.float32)
        return csr_matrix(
            (data, columns, np.asarray(indptr, dtype=np.int32)),
            shape=(len(lengths), len(self.vocabulary)),
        )

    def save(self, folder: Path) -> None:
        import numpy as np

        (folder / "vocabulary.json").write_text(json.dumps(self.vocabulary), encoding="utf-8")
        np.save(folder / "idf.npy", self.idf)

    @classmethod
    def load(cls, folder: Path) -> TrigramVectorizer:
        import numpy as np

        vocabulary = json.loads((folder / "vocabulary.json").read_text(encoding="utf-8"))
        return cls(vocabulary, np.load(folder / "idf.npy"))


class PackedStrings(Sequence[str]):
    """Strings in one UTF-8 blob with offsets; ``separator`` splits each into a tuple."""

    def __init__(self, blob: bytes, offsets: np.ndarray) -> None:
        self.blob = blob
        self.offsets = offsets

    @classmethod
    def pack(cls, strings: Iterable[str]) -> PackedStrings:
        import numpy as np

        encoded = [s.encode("utf-8") for s in strings]
        offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
        np.cumsum([len(e) for e in encoded], out=offsets[1:])
        return cls(b"".join(encoded), offsets)

    def __len__(self) -> int:
        return len(self.offsets) - 1

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...
    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        start, end = int(self.offsets[index]), int(self.offsets[index + 1])
        return self.blob[start:end].decode("utf-8")

    def save(self, folder: Path, name: str) -> None:
        import numpy as np

        (folder / f"{name}.bin").write_bytes(self.blob)
        np.save(folder / f"{name}.offsets.npy", self.offsets)

    @classmethod
    def load(cls, folder: Path, name: str) -> PackedStrings:
        import numpy as np

        return cls(
            (folder / f"{name}.bin").read_bytes(),
            np.load(folder / f"{name}.offsets.npy", mmap_mode="r"),
        )


class CurieLists(Sequence[Sequence[str]]):
    """Each alias's CURIEs, packed tab-separated (a CURIE has no tab)."""

    def __init__(self, packed: PackedStrings) -> None:
        self.packed = packed

    @classmethod
    def pack(cls, curies: Iterable[Sequence[str]]) -> CurieLists:
        rows = []
        for row in curies:
            if any("\t" in c for c in row):
                raise ValueError(f"a CURIE with a tab: {row!r}")
            rows.append("\t".join(row))
        return cls(PackedStrings.pack(rows))

    def __len__(self) -> int:
        return len(self.packed)

    @overload
    def __getitem__(self, index: int) -> Sequence[str]: ...
    @overload
    def __getitem__(self, index: slice) -> list[Sequence[str]]: ...
    def __getitem__(self, index: int | slice) -> Sequence[str] | list[Sequence[str]]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        return tuple(self.packed[index].split("\t"))


def save_matrix(folder: Path, matrix: csc_matrix) -> None:
    import numpy as np

    for name in MATRIX_ARRAYS:
        np.save(folder / f"matrix.{name}.npy", getattr(matrix, name))
    (folder / "matrix.json").write_text(json.dumps({"shape": list(matrix.shape)}), "utf-8")


def load_matrix(folder: Path) -> csc_matrix:
    """The CSC matrix over memory-mapped arrays (read-only; nothing is read until used)."""
    import numpy as np
    from scipy.sparse import csc_matrix

    shape = tuple(json.loads((folder / "matrix.json").read_text(encoding="utf-8"))["shape"])
    data, indices, indptr = (
        np.load(folder / f"matrix.{name}.npy", mmap_mode="r") for name in MATRIX_ARRAYS
    )
    return csc_matrix((data, indices, indptr), shape=shape, copy=False)
