"""Line readers for vocabulary files: plain, gzip, or a member of a zip (a wheel).

Every reader goes through ``iter_lines``/``iter_tsv`` so a corrupt or truncated file always
stops the build with ``file:line: reason`` (``InputError``), never with a bare traceback or a
half-read vocabulary.
"""

from __future__ import annotations

import gzip
import io
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from kg.errors import InputError


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file to read: a path, or a member inside a zip archive at ``path``."""

    path: Path
    member: str | None = None

    @property
    def display(self) -> str:
        return f"{self.path}!{self.member}" if self.member else str(self.path)

    @contextmanager
    def open_binary(self) -> Iterator[IO[bytes]]:
        try:
            if self.member is not None:
                with zipfile.ZipFile(self.path) as archive, archive.open(self.member) as raw:
                    yield raw
            elif self.path.suffix == ".gz":
                with gzip.open(self.path, "rb") as raw:
                    yield raw
            else:
                with open(self.path, "rb") as raw:
                    yield raw
        except FileNotFoundError:
            raise InputError(self.display, None, "file not found") from None
        except KeyError:
            raise InputError(self.path, None, f"archive has no member {self.member}") from None
        except zipfile.BadZipFile as exc:
            raise InputError(self.path, None, f"not a readable zip archive ({exc})") from None


def iter_lines(source: SourceFile) -> Iterator[tuple[int, str]]:
    """(line number, line without its newline); corrupt/truncated input -> ``InputError``."""
    lineno = 0
    try:
        with source.open_binary() as raw:
            for lineno, line in enumerate(io.TextIOWrapper(raw, encoding="utf-8"), 1):
                yield lineno, line.rstrip("\r\n")
    except UnicodeDecodeError as exc:
        raise InputError(source.display, lineno + 1, f"not UTF-8 text ({exc.reason})") from None
    except (EOFError, gzip.BadGzipFile, zlib.error, zipfile.BadZipFile) as exc:
        raise InputError(
            source.display, lineno + 1, f"corrupt or truncated compressed file ({exc})"
        ) from None


def iter_tsv(
    source: SourceFile, columns: int, *, header: bool = False, comment: str | None = None
) -> Iterator[tuple[int, list[str]]]:
    """Tab-separated rows of exactly ``columns`` fields (a short last line = truncated file)."""
    for lineno, line in iter_lines(source):
        if header and lineno == 1:
            continue
        if not line or (comment and line.startswith(comment)):
            continue
        fields = line.split("\t")
        if len(fields) != columns:
            raise InputError(
                source.display,
                lineno,
                f"expected {columns} tab-separated fields, found {len(fields)}"
                " (corrupt or truncated file?)",
            )
        yield lineno, fields


def split_list(value: str, sep: str = "|") -> list[str]:
    """Split a multi-valued field; ``-`` and empty mean none."""
    if not value or value == "-":
        return []
    return [part.strip() for part in value.split(sep) if part.strip() and part.strip() != "-"]
