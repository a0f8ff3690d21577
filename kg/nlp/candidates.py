"""Character 3-gram TF-IDF candidates over our own lexicon, for spans with no exact key.

The features are scispaCy's (``TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 3))``, cosine
similarity), fitted on the lexicon's own terms, one index per entity type so a Disease span is
only compared with disease names. The search differs from scispaCy's ``create_tfidf_ann_index``:
its nmslib HNSW index needs scipy < 1.11 for that function and, measured here, ~10 minutes per
300k aliases on 2 cores (the full lexicon has millions), while an exact search over an inverted
index builds in about a minute and returns true cosine scores. Each query first scores aliases on
its rarer n-grams only (document frequency <= ``max_df``: common grams like "ine" or "ion" cost
the most and say the least), then rescores the best ``shortlist`` exactly on all n-grams (their
aliases re-vectorised, so only the column-oriented matrix stays in memory).

The index is built once per lexicon version and cached beside the lexicon file
(``<lexicon>.tfidf/<version>/``, raw arrays that load in milliseconds: ``kg.nlp.tfidf``);
nothing is downloaded. Forked annotate workers each build on first use, so building holds a
lock on the cache folder (the others wait, then load what the first cached) and every index is
published whole by renaming a private temporary folder (``kg.atomic.atomic_directory``): a
reader never sees a half-written index, whatever runs at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kg.atomic import atomic_directory
from kg.lexicon import Flags, Lexicon
from kg.model import EntityType
from kg.nlp.tfidf import CurieLists, PackedStrings, TrigramVectorizer, load_matrix, save_matrix

if TYPE_CHECKING:
    from scipy.sparse import csc_matrix, csr_matrix

INDEX_FORMAT = "tfidf-2"
COMPLETE = "aliases.bin"  # written last: a folder with it is a whole index
INDEXED_TYPES = (
    EntityType.GENE,
    EntityType.CHEMICAL,
    EntityType.DISEASE,
    EntityType.CELL_LINE,
)
MIN_ALIAS_CHARS = 3
BUILD_LOCK = ".build.lock"
SMALL_INDEX_NNZ = 3_000_000


@dataclass(frozen=True, slots=True)
class NormCandidate:
    """A concept a span may name, found through one of its aliases."""

    curie: str
    alias: str
    similarity: float

    def __post_init__(self) -> None:
        if not 0.0 <= self.similarity <= 1.0 + 1e-6:
            raise ValueError(f"similarity out of range: {self.similarity}")


def indexed_aliases(
    lexicon: Lexicon, types: Iterable[EntityType]
) -> dict[EntityType, dict[str, list[str]]]:
    """type -> alias -> CURIEs, in one pass over the lexicon: every non-stop term of 3+
    characters (genes: names only, since a misspelt gene symbol is another gene's symbol)."""
    out: dict[EntityType, dict[str, list[str]]] = {t: {} for t in types}
    for entry in lexicon.entries():
        aliases = out.get(entry.type)
        if aliases is None or Flags.STOP in entry.flags or len(entry.term) < MIN_ALIAS_CHARS:
            continue
        if entry.type is EntityType.GENE and Flags.NAME not in entry.flags:
            continue
        curies = aliases.setdefault(entry.term, [])
        if entry.curie not in curies:
            curies.append(entry.curie)
    return out


class TypeIndex:
    """The TF-IDF index of one entity type."""

    def __init__(
        self,
        vectorizer: TrigramVectorizer,
        matrix: csc_matrix,
        aliases: Sequence[str],
        curies: Sequence[Sequence[str]],
        *,
        max_df: int = 2000,
        shortlist: int = 100,
    ) -> None:
        import numpy as np

        self.vectorizer = vectorizer
        self.matrix = matrix  # aliases x n-grams, L2-normalised rows, CSC for column access
        # a small index also keeps rows, so rescoring needs no re-vectorising of aliases
        self._rows = matrix.tocsr() if matrix.nnz <= SMALL_INDEX_NNZ else None
        self.aliases = aliases
        self.curies = curies
        self.max_df = max_df
        self.shortlist = shortlist
        self._df = np.diff(matrix.indptr)

    @classmethod
    def fit(cls, alias_curies: dict[str, list[str]], **options: int) -> TypeIndex:
        import numpy as np
        from sklearn.feature_extraction.text import TfidfVectorizer

        aliases = sorted(alias_curies)
        if not aliases:
            raise ValueError("cannot fit a TF-IDF index on no aliases")
        vectorizer = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(3, 3), min_df=1, dtype=np.float32, lowercase=True
        )
        matrix = vectorizer.fit_transform(aliases)
        return cls(
            TrigramVectorizer.from_sklearn(vectorizer),
            matrix.tocsc(),
            aliases,
            [alias_curies[a] for a in aliases],
            **options,
        )

    def search(self, texts: Sequence[str], k: int = 5) -> list[list[NormCandidate]]:
        """Best ``k`` concepts per text, by the cosine of their best alias, best first.

        An alias whose numbers differ from the text's is never a candidate: character n-grams
        cannot tell "ligand 1" from "ligand 2", and those are different concepts."""
        if not texts:
            return []
        queries = self.vectorizer.transform(list(texts))
        return [self._search_one(text, queries[i], k) for i, text in enumerate(texts)]

    def _search_one(self, text: str, query: csr_matrix, k: int) -> list[NormCandidate]:
        import numpy as np

        if query.nnz == 0:
            return []
        cols, vals = query.indices, query.data
        rare = self._df[cols] <= self.max_df
        if rare.any():
            cols, vals = cols[rare], vals[rare]
        coarse = np.asarray(self.matrix[:, cols] @ vals).ravel()
        n = min(self.shortlist, int((coarse > 0).sum()))
        if n == 0:
            return []
        rows = np.argpartition(-coarse, n - 1)[:n]
        numbers = _numbers(text)
        rows = [int(r) for r in rows if _numbers(self.aliases[r]) == numbers]
        if not rows:
            return []
        if self._rows is not None:
            shortlisted = self._rows[rows]
        else:
            shortlisted = self.vectorizer.transform([self.aliases[r] for r in rows])
        exact = np.asarray((shortlisted @ query.T).todense()).ravel()
        out: list[NormCandidate] = []
        seen: set[str] = set()
        for position in np.argsort(-exact, kind="stable"):
            row = rows[int(position)]
            similarity = float(min(max(exact[position], 0.0), 1.0))
            for curie in self.curies[row]:
                if curie not in seen:
                    seen.add(curie)
                    out.append(NormCandidate(curie, self.aliases[row], similarity))
            if len(out) >= k:
                break
        return out[:k]

    # ------------------------------------------------------------------ persistence

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.vectorizer.save(folder)
        save_matrix(folder, self.matrix)
        CurieLists.pack(self.curies).packed.save(folder, "curies")
        PackedStrings.pack(self.aliases).save(folder, "aliases")  # COMPLETE: last

    @classmethod
    def load(cls, folder: Path, **options: int) -> TypeIndex:
        return cls(
            TrigramVectorizer.load(folder),
            load_matrix(folder),
            PackedStrings.load(folder, "aliases"),
            CurieLists(PackedStrings.load(folder, "curies")),
            **options,
        )


class CandidateIndex:
    """Per-type TF-IDF indexes, built on first use and cached beside the lexicon file."""

    def __init__(
        self,
        lexicon: Lexicon,
        *,
        cache_dir: Path | None = None,
        types: Iterable[EntityType] = INDEXED_TYPES,
    ) -> None:
        self.lexicon = lexicon
        self.types = tuple(types)
        self.cache_dir = cache_dir if cache_dir is not None else default_cache_dir(lexicon)
        self._indexes: dict[EntityType, TypeIndex | None] = {}

    def search(
        self, texts: Sequence[str], entity_type: EntityType, k: int = 5
    ) -> list[list[NormCandidate]]:
        index = self.index(entity_type)
        return index.search(texts, k) if index is not None else [[] for _ in texts]

    def index(self, entity_type: EntityType) -> TypeIndex | None:
        """The index of one type: loaded from the cache on first use, or built and cached (only
        that type: the dictionary path needs diseases alone, and chemicals are the costly one)."""
        if entity_type not in self.types:
            return None
        if entity_type not in self._indexes and not self._load_cached(entity_type):
            self._build_missing((entity_type,))
        return self._indexes.get(entity_type)

    def build_all(self) -> None:
        """Build every missing type's index now (e.g. at install time) and cache it."""
        self._build_missing(self.types)

    def _folder(self, entity_type: EntityType) -> Path | None:
        return self.cache_dir / entity_type.value if self.cache_dir is not None else None

    def _load_cached(self, entity_type: EntityType) -> bool:
        """Load the cached index of a type, if there is one (folders appear only whole)."""
        folder = self._folder(entity_type)
        if folder is None or not self._cached(entity_type):
            return False
        self._indexes[entity_type] = TypeIndex.load(folder)
        return True

    def _build_missing(self, types: Iterable[EntityType]) -> None:
        """Build the indexes of ``types`` that are neither loaded nor cached, in one pass."""
        missing = [t for t in types if t not in self._indexes and not self._cached(t)]
        if not missing:
            return
        with self._build_lock():
            # what another process built while this one waited is loaded, not built again
            missing = [t for t in missing if not self._load_cached(t)]
            if not missing:
                return
            for entity_type, aliases in indexed_aliases(self.lexicon, missing).items():
                index = TypeIndex.fit(aliases) if aliases else None
                self._indexes[entity_type] = index
                folder = self._folder(entity_type)
                if index is not None and folder is not None:
                    with atomic_directory(folder) as temporary:
                        index.save(temporary)

    def _cached(self, entity_type: EntityType) -> bool:
        folder = self._folder(entity_type)
        return folder is not None and (folder / COMPLETE).is_file()

    @contextmanager
    def _build_lock(self) -> Iterator[None]:
        """One builder at a time per cache folder (an advisory lock, released when the holder
        exits, even when it dies); without a cache folder there is nothing to share."""
        if self.cache_dir is None:
            yield
            return
        import fcntl

        self.cache_dir.mkdir(parents=True, exist_ok=True)
        with open(self.cache_dir / BUILD_LOCK, "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


def _numbers(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\d+", text))


def default_cache_dir(lexicon: Lexicon) -> Path | None:
    """``<lexicon file>.tfidf/<version>-<format>/`` for a lexicon opened from a file, else None."""
    path = getattr(lexicon, "path", None)
    if path is None:
        return None
    safe_version = "".join(c if c.isalnum() or c in "-._" else "_" for c in str(lexicon.version))
    return Path(f"{path}.tfidf") / f"{safe_version}-{INDEX_FORMAT}"
