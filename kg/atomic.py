"""Writing a file or a folder so readers see the old version or the whole new one, never half.

Every result, statistics or cache file irkg writes goes through here. The data goes to a
temporary name beside the target (same folder: the rename stays on one file system, where it is
atomic), is renamed over the target once complete, and is removed when anything fails, Ctrl-C
included. Temporary names are ``.<target name>.<random>.tmp``, unique per writer, so concurrent
writers (forked annotate workers, two runs sharing a cache) never write into each other's files:
the last complete file wins, and a folder that is already there is kept (see
``atomic_directory``).
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any


@contextmanager
def atomic_file(
    path: str | os.PathLike[str], mode: str = "w", *, encoding: str = "utf-8", fsync: bool = False
) -> Iterator[IO[Any]]:
    """A handle on a temporary file that replaces ``path`` when the block ends without error.

    ``mode`` is "w" (text, ``encoding``) or "wb". ``fsync``: flush to the disk before the rename
    (for files whose loss after a power cut matters, such as a download ledger).
    """
    if mode not in ("w", "wb"):
        raise ValueError(f"mode must be 'w' or 'wb', got {mode!r}")
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
    )
    try:
        with os.fdopen(handle, mode, encoding=None if "b" in mode else encoding) as out:
            yield out
            if fsync:
                out.flush()
                os.fsync(out.fileno())
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes it private; use the usual mode
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@contextmanager
def atomic_directory(path: str | os.PathLike[str]) -> Iterator[Path]:
    """A fresh, empty temporary folder to fill; renamed to ``path`` when the block ends.

    When ``path`` appeared meanwhile (another writer finished first), the other writer's folder
    is kept and this one discarded: every writer publishes only whole folders by rename, so the
    one already there is complete and, for a cache, the same.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    try:
        yield temporary
        os.chmod(temporary, 0o777 & ~_umask())
        try:
            os.rename(temporary, target)  # replaces only an empty folder
        except OSError as exc:
            if exc.errno not in (errno.ENOTEMPTY, errno.EEXIST) or not target.is_dir():
                raise
            shutil.rmtree(temporary)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
