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
(``<lexicon>.tfidf/<version>/``); nothing is downloaded.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kg.lexicon import Flags, Lexicon
from kg.model import EntityType

if TYPE_CHECKING:
    from scipy.sparse import csc_matrix, csr_matrix
    from sklearn.feature_extraction.text import TfidfVectorizer

INDEX_FORMAT = "tfidf-1"
INDEXED_TYPES = (
    EntityType.GENE,
    EntityType.CHEMICAL,
    EntityType.DISEASE,
    EntityType.CELL_LINE,
)
MIN_ALIAS_CHARS = 3
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
        vectorizer: TfidfVectorizer,
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
            vectorizer, matrix.tocsc(), aliases, [alias_curies[a] for a in aliases], **options
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
        import joblib
        from scipy.sparse import save_npz

        folder.mkdir(parents=True, exist_ok=True)
        joblib.dump(self.vectorizer, folder / "vectorizer.joblib")
        save_npz(folder / "matrix.npz", self.matrix)
        (folder / "aliases.json").write_text(
            json.dumps({"aliases": list(self.aliases), "curies": [list(c) for c in self.curies]}),
            encoding="utf-8",
        )

    @classmethod
    def load(cls, folder: Path, **options: int) -> TypeIndex:
        import joblib
        from scipy.sparse import load_npz

        data = json.loads((folder / "aliases.json").read_text(encoding="utf-8"))
        return cls(
            joblib.load(folder / "vectorizer.joblib"),
            load_npz(folder / "matrix.npz").tocsc(),
            data["aliases"],
            data["curies"],
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
        if entity_type not in self._indexes:
            folder = self._folder(entity_type)
            if folder is not None and (folder / "aliases.json").is_file():
                self._indexes[entity_type] = TypeIndex.load(folder)
            else:
                self._build_missing((entity_type,))
        return self._indexes.get(entity_type)

    def build_all(self) -> None:
        """Build every missing type's index now (e.g. at install time) and cache it."""
        self._build_missing(self.types)

    def _folder(self, entity_type: EntityType) -> Path | None:
        return self.cache_dir / entity_type.value if self.cache_dir is not None else None

    def _build_missing(self, types: Iterable[EntityType]) -> None:
        """Build the indexes of ``types`` that are neither loaded nor cached, in one pass."""
        missing = []
        for entity_type in types:
            folder = self._folder(entity_type)
            cached = folder is not None and (folder / "aliases.json").is_file()
            if entity_type not in self._indexes and not cached:
                missing.append(entity_type)
        if not missing:
            return
        for entity_type, aliases in indexed_aliases(self.lexicon, missing).items():
            index = TypeIndex.fit(aliases) if aliases else None
            self._indexes[entity_type] = index
            folder = self._folder(entity_type)
            if index is not None and folder is not None:
                tmp = folder.with_name(folder.name + ".tmp")
                index.save(tmp)
                tmp.replace(folder)


def _numbers(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\d+", text))


def default_cache_dir(lexicon: Lexicon) -> Path | None:
    """``<lexicon file>.tfidf/<version>-<format>/`` for a lexicon opened from a file, else None."""
    path = getattr(lexicon, "path", None)
    if path is None:
        return None
    safe_version = "".join(c if c.isalnum() or c in "-._" else "_" for c in str(lexicon.version))
    return Path(f"{path}.tfidf") / f"{safe_version}-{INDEX_FORMAT}"
