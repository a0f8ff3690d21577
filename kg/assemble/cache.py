"""The per-document build cache: one file per annotated document, keyed by content + pipeline.

The key hashes the whole input record (the ``Document``'s id, passages and metadata, plus any
mentions the input already carries) together with the
annotation version (pipeline code, lexicon, model and recogniser), so a changed paper or a new
pipeline misses and everything else hits. Entries are written to a private temporary file and
renamed into place, so a build killed at any moment leaves only whole entries behind; a damaged
entry (a disk error, a hand edit) reads as a miss, is counted, and is annotated again.
"""

from __future__ import annotations

import gzip
import os
import tempfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from kg.assemble import codec
from kg.ids import content_hash
from kg.model import AnnotatedDocument, to_record

SUFFIX = ".json.gz"


@dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0
    writes: int = 0
    damaged: list[str] = field(default_factory=list)


class DocumentCache:
    """Annotated documents on disk under ``root``, valid for one annotation ``version``."""

    def __init__(self, root: Path, version: str) -> None:
        if not version:
            raise ValueError("a cache needs a non-empty annotation version")
        self.root = Path(root)
        self.version = version
        self.stats = CacheStats()

    def key(self, item: AnnotatedDocument) -> str:
        """The key of one input: its whole record (document and any given mentions) + version.

        The file the document was read from (``meta.source``) is left out: the same paper read
        from another folder, or through a relative path, annotates the same.
        """
        record = to_record(item)
        record["document"]["meta"]["source"] = None
        return content_hash(record, self.version, length=32)

    def path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}{SUFFIX}"

    def get(self, key: str) -> AnnotatedDocument | None:
        """The cached annotation, or None when missing or unreadable."""
        path = self.path(key)
        try:
            data = gzip.decompress(path.read_bytes())
        except FileNotFoundError:
            self.stats.misses += 1
            return None
        except (OSError, EOFError, zlib.error):
            return self._damaged(path)
        try:
            annotated = codec.loads(data)
        except (ValueError, KeyError, TypeError):
            return self._damaged(path)
        self.stats.hits += 1
        return annotated

    def put(self, key: str, annotated: AnnotatedDocument) -> None:
        """Store an annotation atomically (temporary file in the same folder, then rename)."""
        path = self.path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        payload = codec.dumps(annotated)
        blob = gzip.compress(payload.encode("utf-8"), compresslevel=3, mtime=0)
        fd, tmp = tempfile.mkstemp(prefix=f".{key}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(blob)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self.stats.writes += 1

    def sweep(self) -> int:
        """Remove temporary files left by a killed build; returns how many were removed.

        One build writes into a cache at a time (the build folder is its own)."""
        removed = 0
        for tmp in self.root.glob("*/.*.tmp"):
            tmp.unlink(missing_ok=True)
            removed += 1
        return removed

    def _damaged(self, path: Path) -> None:
        self.stats.misses += 1
        self.stats.damaged.append(str(path))
        return None
