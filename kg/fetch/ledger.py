"""What a fetch folder already holds, so an interrupted or repeated fetch asks only for the rest.

The ledger (``.irkg-fetch.ledger``, JSON) maps every PubMed batch file to the PMIDs inside it and
every PMC file to its PMCID, plus the PMID -> PMCID links read from PubMed records (used for
``--full-text``). Data files are written first and the ledger second, both by atomic rename, so
a crash can leave at most a finished data file the ledger does not know yet: ``Ledger.open``
adopts such files by reading them, drops entries whose file has gone, and removes our own
half-written temporary files. Each repair is recorded in ``notes`` for the report.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

from kg.fetch.client import FetchError, InvalidResponse
from kg.fetch.responses import parse_pmc_set, parse_pubmed_set

LEDGER_NAME = ".irkg-fetch.ledger"
LEDGER_FORMAT = "irkg-fetch-ledger"
LEDGER_VERSION = 1
_PUBMED_FILE = re.compile(r"^pubmed-(\d{6,})\.xml$")
_PMC_FILE = re.compile(r"^PMC(\d+)\.xml$")
_TEMP_FILE = re.compile(r"^\.(?:pubmed-\d+\.xml|PMC\d+\.xml|\.irkg-fetch\.ledger)\..+\.tmp$")


def pubmed_file_name(number: int) -> str:
    return f"pubmed-{number:06d}.xml"


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so readers see the old file or the whole new one, never half."""
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


class Ledger:
    """The ledger of one fetch folder. Mutated by ``add_*`` and persisted by ``save``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / LEDGER_NAME
        self.pubmed_files: dict[str, tuple[str, ...]] = {}
        self.pmc_files: dict[str, dict[str, object]] = {}  # PMCID -> {"file", "body", "pmid"}
        self.links: dict[str, str] = {}  # PMID -> PMCID
        self.notes: list[str] = []
        self._pubmed_done: dict[str, str] = {}
        self._unknown_files: list[str] = []  # data-like files we could not adopt

    # ------------------------------------------------------------------ queries

    def has_pubmed(self, pmid: str) -> bool:
        return pmid in self._pubmed_done

    def has_pmc(self, pmcid: str) -> bool:
        return pmcid in self.pmc_files

    def next_pubmed_file(self) -> str:
        """A batch file name after every one in the ledger or the folder (even unreadable)."""
        names = [*self.pubmed_files, *self._unknown_files]
        numbers = [int(m.group(1)) for m in map(_PUBMED_FILE.match, names) if m]
        return pubmed_file_name(max(numbers, default=0) + 1)

    # ------------------------------------------------------------------ updates

    def add_pubmed(self, file: str, pmids: tuple[str, ...], links: tuple[tuple[str, str], ...]):
        self.pubmed_files[file] = pmids
        for pmid in pmids:
            self._pubmed_done.setdefault(pmid, file)
        self.links.update(links)

    def add_pmc(self, pmcid: str, file: str, *, has_body: bool, pmid: str | None) -> None:
        self.pmc_files[pmcid] = {"file": file, "body": has_body, "pmid": pmid}
        if pmid and pmid.isdigit():
            self.links.setdefault(pmid, pmcid)

    def save(self) -> None:
        data = {
            "format": LEDGER_FORMAT,
            "version": LEDGER_VERSION,
            "pubmed": {name: list(ids) for name, ids in sorted(self.pubmed_files.items())},
            "pmc": dict(sorted(self.pmc_files.items())),
            "links": dict(sorted(self.links.items())),
        }
        atomic_write(self.path, (json.dumps(data, indent=1) + "\n").encode())

    # ------------------------------------------------------------------ loading

    @classmethod
    def open(cls, folder: Path) -> Ledger:
        """Load the folder's ledger (if any) and reconcile it with the files really there."""
        folder.mkdir(parents=True, exist_ok=True)
        ledger = cls(folder)
        ledger._load()
        ledger._reconcile()
        return ledger

    def _load(self) -> None:
        if not self.path.exists():
            return
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("format") != LEDGER_FORMAT or data.get("version") != LEDGER_VERSION:
                raise ValueError(f"not an irkg fetch ledger v{LEDGER_VERSION}")
            for name, ids in data["pubmed"].items():
                self.add_pubmed(name, tuple(map(str, ids)), ())
            for pmcid, entry in data["pmc"].items():
                self.pmc_files[pmcid] = dict(entry)
            self.links.update({str(k): str(v) for k, v in data["links"].items()})
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            self.notes.append(f"{self.path}: unreadable ledger ({exc}); rebuilt from the files")
            self.pubmed_files.clear()
            self.pmc_files.clear()
            self.links.clear()
            self._pubmed_done.clear()

    def _reconcile(self) -> None:
        present = {p.name for p in self.folder.iterdir() if p.is_file()}
        for name in sorted(present):
            if _TEMP_FILE.match(name):
                (self.folder / name).unlink(missing_ok=True)
                self.notes.append(f"{self.folder / name}: removed an unfinished temporary file")
        for name in sorted(set(self.pubmed_files) - present):
            self.notes.append(f"{self.folder / name}: gone; its PMIDs will be fetched again")
            del self.pubmed_files[name]
        for pmcid, entry in sorted(self.pmc_files.items()):
            if entry.get("file") not in present:
                self.notes.append(f"{self.folder / str(entry.get('file'))}: gone; will refetch")
                del self.pmc_files[pmcid]
        self._pubmed_done = {}
        for name, ids in self.pubmed_files.items():
            for pmid in ids:
                self._pubmed_done.setdefault(pmid, name)
        known_pmc = {str(entry["file"]) for entry in self.pmc_files.values()}
        for name in sorted(present):
            if _PUBMED_FILE.match(name) and name not in self.pubmed_files:
                self._adopt(name, pubmed=True)
            elif _PMC_FILE.match(name) and name not in known_pmc:
                self._adopt(name, pubmed=False)

    def _adopt(self, name: str, *, pubmed: bool) -> None:
        """Take in a finished data file the ledger missed (a crash between the two renames)."""
        path = self.folder / name
        try:
            body = path.read_bytes()
            if pubmed:
                batch = parse_pubmed_set(body)
                self.add_pubmed(name, batch.pmids, batch.pmc_links)
            else:
                for article in parse_pmc_set(body):
                    self.add_pmc(article.pmcid, name, has_body=article.has_body, pmid=article.pmid)
        except (OSError, InvalidResponse, FetchError) as exc:
            self.notes.append(f"{path}: not adopted, unreadable ({exc}); left as it is")
            self._unknown_files.append(name)
            return
        self.notes.append(f"{path}: adopted a file written before an interruption")
