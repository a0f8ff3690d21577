"""Folders, globs and archives are expanded and streamed; what names nothing is reported."""

import gzip
import io
import tarfile
import zipfile
from pathlib import Path

from kg.ingest import IngestReport, read_documents

FIXTURES = Path(__file__).parent / "fixtures"
PAPER = (FIXTURES / "paper.txt").read_bytes()
PUBMED = (FIXTURES / "pubmed_efetch.xml").read_bytes()


def _ids(paths, **kwargs):
    report = IngestReport()
    ids = [d.id for d in read_documents(paths, report=report, **kwargs)]
    return ids, report


def test_folder_recursive_sorted_hidden_skipped(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_bytes(PAPER.replace(b"Carbon", b"Helium"))
    (tmp_path / "a.txt").write_bytes(PAPER)
    (tmp_path / ".hidden.txt").write_bytes(PAPER)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_bytes(PAPER)
    ids, report = _ids([tmp_path])
    assert ids == ["a", "two"] and report.files == 2 and report.clean


def test_globs_and_missing_paths(tmp_path):
    (tmp_path / "one.txt").write_bytes(PAPER)
    (tmp_path / "two.txt").write_bytes(PAPER)
    ids, report = _ids([str(tmp_path / "*.txt"), str(tmp_path / "none*.xml"), tmp_path / "x"])
    assert ids == ["one", "two"]
    assert [str(p) for p in report.problems] == [
        f"{tmp_path / 'none*.xml'}: no file matches this pattern",
        f"{tmp_path / 'x'}: no such file or directory",
    ]
    assert report.exit_code == 1


def test_gzip_zip_tar_and_nesting(tmp_path):
    (tmp_path / "pubmed.xml.gz").write_bytes(gzip.compress(PUBMED))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("papers/one.txt", PAPER)
        archive.writestr("papers/inner.txt.gz", gzip.compress(PAPER.replace(b"Carbon", b"Neon")))
        archive.writestr("__MACOSX/papers/._one.txt", b"\x00\x05\x16\x07")
        archive.writestr("papers/", b"")
    (tmp_path / "bundle.zip").write_bytes(buffer.getvalue())
    tar_buffer = io.BytesIO()
    with tarfile.open(fileobj=tar_buffer, mode="w:gz") as archive:
        for name, data in (("oa/PMC1.nxml", (FIXTURES / "jats_article.nxml").read_bytes()),):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    (tmp_path / "oa.tar.gz").write_bytes(tar_buffer.getvalue())
    report = IngestReport()
    docs = list(read_documents([tmp_path], report=report))
    assert [d.id for d in docs] == ["one", "inner", "PMC9000003", "90000001", "90000002"]
    assert report.clean, [str(p) for p in report.problems]
    assert docs[1].meta.source == f"{tmp_path / 'bundle.zip'}!papers/inner.txt.gz"
    assert docs[2].meta.source == f"{tmp_path / 'oa.tar.gz'}!oa/PMC1.nxml"
    assert docs[3].meta.source == str(tmp_path / "pubmed.xml.gz")


def test_damaged_archives_are_reported(tmp_path):
    (tmp_path / "cut.txt.gz").write_bytes(gzip.compress(PAPER * 200)[:300])
    pubtator = b"".join(b"%d|t|Title %d\n%d|a|Abstract.\n\n" % (i, i, i) for i in range(1, 9000))
    (tmp_path / "long.pubtator.gz").write_bytes(gzip.compress(pubtator)[:-2000])
    (tmp_path / "bad.zip").write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    (tmp_path / "ok.txt").write_bytes(PAPER)
    ids, report = _ids([tmp_path])
    assert ids[0] == "1" and 7000 < len(ids) < 9000 and ids[-1] == "ok"  # kept up to the cut
    reasons = {Path(p.path).name: p.reason for p in report.problems}
    assert set(reasons) == {"cut.txt.gz", "bad.zip", "long.pubtator.gz"}
    assert reasons["cut.txt.gz"].startswith("damaged archive or compressed file")
    assert reasons["bad.zip"].startswith("damaged archive or compressed file")
    assert reasons["long.pubtator.gz"].startswith(f"cannot read past document {len(ids) - 1}")
