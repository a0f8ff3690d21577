"""Fetch the official vocabulary files from their homes: checksummed, resumable downloads.

``irkg vocab build --download`` fetches NCBI gene_info (human, mouse), NLM MeSH XML
(descriptors, supplementary records) and Cellosaurus ``cellosaurus.txt`` into
``<IRKG_HOME>/downloads/official/``. A download goes to ``NAME.part`` first; an interrupted one
resumes from where it stopped with an HTTP ``Range`` request (a server that ignores the range
gets a fresh start), and only a complete file is renamed into place. Each file gets a
``NAME.json`` sidecar with its URL, size, sha256 and time, and the lexicon manifest repeats the
sha256. ``mirror`` replaces the hosts (an institutional mirror, or a loopback server in tests).
"""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kg.errors import VocabularyError

USER_AGENT = "irkg-vocab/1 (+https://w3id.org/irkg)"
CHUNK = 1 << 16
MESH_YEAR = 2025


@dataclass(frozen=True, slots=True)
class OfficialFile:
    """A vocabulary file at its official home, and the source kind it builds."""

    kind: str  # a kg.lexicon.build.SourceKind value
    url: str
    filename: str


@dataclass(frozen=True, slots=True)
class Downloaded:
    path: Path
    url: str
    sha256: str
    bytes: int
    resumed: bool


def official_files(mesh_year: int = MESH_YEAR, mirror: str | None = None) -> list[OfficialFile]:
    """The official files ``--download`` fetches (with ``mirror`` as base URL if given)."""
    ncbi = "https://ftp.ncbi.nlm.nih.gov/gene/DATA/GENE_INFO/Mammalia/"
    mesh = "https://nlmpubs.nlm.nih.gov/projects/mesh/MESH_FILES/xmlmesh/"
    cello = "https://ftp.expasy.org/databases/cellosaurus/"
    files = [
        OfficialFile("gene_info", ncbi, "Homo_sapiens.gene_info.gz"),
        OfficialFile("gene_info", ncbi, "Mus_musculus.gene_info.gz"),
        OfficialFile("mesh_xml", mesh, f"desc{mesh_year}.xml"),
        OfficialFile("mesh_supp_xml", mesh, f"supp{mesh_year}.xml"),
        OfficialFile("cellosaurus_txt", cello, "cellosaurus.txt"),
    ]
    base = mirror.rstrip("/") + "/" if mirror else None
    return [OfficialFile(f.kind, (base or f.url) + f.filename, f.filename) for f in files]


def _hash_existing(path: Path) -> tuple[Any, int]:
    digest = hashlib.sha256()
    size = 0
    if path.exists():
        with open(path, "rb") as handle:
            while block := handle.read(1 << 20):
                digest.update(block)
                size += len(block)
    return digest, size


def download(
    url: str,
    dest: Path,
    *,
    expected_sha256: str | None = None,
    timeout: float = 60.0,
    progress: Callable[[int, int | None], None] | None = None,
) -> Downloaded:
    """Download ``url`` to ``dest``, resuming ``dest.part`` when a previous attempt stopped."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = dest.with_name(dest.name + ".part")
    digest, have = _hash_existing(part)
    resumed = have > 0
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    if have:
        request.add_header("Range", f"bytes={have}-")
    try:
        response = urllib.request.urlopen(request, timeout=timeout)
    except urllib.error.HTTPError as exc:
        if exc.code == 416 and have:  # nothing left to send: the part is stale, start again
            part.unlink()
            return download(url, dest, expected_sha256=expected_sha256, timeout=timeout)
        raise VocabularyError(f"{url}: HTTP {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, OSError) as exc:
        raise VocabularyError(f"{url}: cannot connect ({exc})") from None
    with response:
        if have and response.status != 206:  # the server ignored the range: start again
            digest, have, resumed = hashlib.sha256(), 0, False
        total = _total(response, have)
        mode = "ab" if have else "wb"
        try:
            with open(part, mode) as out:
                while block := response.read(CHUNK):
                    out.write(block)
                    digest.update(block)
                    have += len(block)
                    if progress:
                        progress(have, total)
        except (http.client.IncompleteRead, OSError) as exc:
            raise VocabularyError(
                f"{url}: download interrupted after {have} bytes ({exc.__class__.__name__}); "
                f"run the command again to resume from {part}"
            ) from None
    if total is not None and have != total:
        raise VocabularyError(
            f"{url}: got {have} of {total} bytes; run the command again to resume from {part}"
        )
    return _finish(url, part, dest, digest.hexdigest(), have, resumed, expected_sha256)


def _finish(
    url: str,
    part: Path,
    dest: Path,
    sha256: str,
    size: int,
    resumed: bool,
    expected_sha256: str | None,
) -> Downloaded:
    """Check the checksum, move the complete file into place and write its sidecar."""
    if expected_sha256 and sha256 != expected_sha256:
        part.unlink()
        raise VocabularyError(f"{url}: sha256 {sha256} differs from the expected {expected_sha256}")
    os.replace(part, dest)
    record = {
        "url": url,
        "bytes": size,
        "sha256": sha256,
        "downloaded": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    dest.with_name(dest.name + ".json").write_text(json.dumps(record, indent=2) + "\n")
    return Downloaded(dest, url, sha256, size, resumed)


def _total(response: http.client.HTTPResponse, have: int) -> int | None:
    """Size of the whole file, from Content-Range (206) or Content-Length (200)."""
    content_range = response.headers.get("Content-Range", "")
    if response.status == 206 and "/" in content_range:
        size = content_range.rsplit("/", 1)[1]
        return int(size) if size.isdigit() else None
    length = response.headers.get("Content-Length")
    return have + int(length) if length and length.isdigit() else None


def download_official(
    folder: Path,
    files: list[OfficialFile],
    *,
    progress: Callable[[str, int, int | None], None] | None = None,
) -> list[tuple[OfficialFile, Downloaded]]:
    """Fetch every file not already complete in ``folder`` (a finished file is kept)."""
    out = []
    for item in files:
        dest = folder / item.filename
        sidecar = dest.with_name(dest.name + ".json")
        if dest.is_file() and sidecar.is_file():
            meta = json.loads(sidecar.read_text())
            if meta.get("url") == item.url and meta.get("bytes") == dest.stat().st_size:
                out.append((item, Downloaded(dest, item.url, meta["sha256"], meta["bytes"], False)))
                continue
        report = None
        if progress is not None:

            def report(done: int, total: int | None, name: str = item.filename) -> None:
                progress(name, done, total)

        out.append((item, download(item.url, dest, progress=report)))
    return out
