"""Benchmark: stream a large folder of mixed paper formats through ``kg.ingest.read_documents``.

Generates a corpus of synthetic papers (PubTator, PubMed XML plain and gzipped, PMC JATS loose
and zipped, BioC XML, BioC JSON, text, Markdown) in shards of about 50 MB, then reads the first
1, 2, 4, ... shards, each read in a fresh subprocess, and prints documents/s, MB/s and the peak
resident memory of that subprocess. Flat memory means the peak RSS stays the same whatever the
number of shards read.

    python bench/ingest_bench.py                      # ~300 MB in a temp folder
    python bench/ingest_bench.py --size-mb 1024       # the 1 GB run of issue 2
    python bench/ingest_bench.py --dir /data/bench --keep --json

The text is synthetic (sentences assembled from a fixed vocabulary), so figures measure the
readers, not any real corpus.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

SUBJECTS = [
    "Radiotherapy",
    "SBRT",
    "FLASH irradiation",
    "Proton therapy",
    "Carbon-ion therapy",
    "Low-dose radiotherapy",
    "Cytosolic DNA",
    "cGAMP",
    "Pembrolizumab",
    "Nivolumab",
    "Atezolizumab",
    "Durvalumab",
    "Ipilimumab",
    "Anti-PD-1 therapy",
]
VERBS = ["activates", "increases", "suppresses", "induces", "reduces", "enhances", "blocks"]
OBJECTS = [
    "cGAS",
    "STING",
    "TBK1",
    "IRF3",
    "IFN-beta",
    "PD-L1 expression",
    "lymphopenia",
    "CD8+ T cell infiltration",
    "the abscopal effect",
    "tumour growth",
    "CXCL10",
]
CONTEXTS = [
    "in MC38 tumours",
    "in LLC1 cells",
    "in CT26 colon carcinoma",
    "in B16-F10 melanoma",
    "in patients with NSCLC",
    "after 8 Gy x 3",
    "after 24 Gy in 3 fractions",
    "in C57BL/6 mice",
    "in the tumour microenvironment",
]


class Writer:
    """Synthetic papers from one seeded random source."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.next_id = 10_000_000 + seed * 1_000_000

    def ident(self) -> int:
        self.next_id += 1
        return self.next_id

    def sentence(self) -> str:
        r = self.rng
        return f"{r.choice(SUBJECTS)} {r.choice(VERBS)} {r.choice(OBJECTS)} {r.choice(CONTEXTS)}."

    def paragraph(self, sentences: int) -> str:
        return " ".join(self.sentence() for _ in range(sentences))

    def pubtator(self, target: int) -> bytes:
        out = io.StringIO()
        while out.tell() < target:
            pmid, title, abstract = self.ident(), self.sentence(), self.paragraph(12)
            out.write(f"{pmid}|t|{title}\n{pmid}|a|{abstract}\n")
            text = f"{title}\n{abstract}"
            for word, kind in (("STING", "Gene"), ("MC38", "CellLine"), ("lymphopenia", "Disease")):
                start = text.find(word)
                if start >= 0:
                    out.write(f"{pmid}\t{start}\t{start + len(word)}\t{word}\t{kind}\t-\n")
            out.write("\n")
        return out.getvalue().encode()

    def pubmed(self, target: int) -> bytes:
        out = io.StringIO()
        out.write('<?xml version="1.0" ?>\n<PubmedArticleSet>\n')
        while out.tell() < target:
            pmid = self.ident()
            parts = "".join(
                f'<AbstractText Label="{label}">{escape(self.paragraph(3))}</AbstractText>'
                for label in ("BACKGROUND", "METHODS", "RESULTS", "CONCLUSIONS")
            )
            out.write(
                f"<PubmedArticle><MedlineCitation><PMID>{pmid}</PMID><Article><Journal>"
                f"<JournalIssue><PubDate><Year>2021</Year></PubDate></JournalIssue>"
                f"<Title>Synthetic Oncology</Title></Journal>"
                f"<ArticleTitle>{escape(self.sentence())}</ArticleTitle>"
                f"<Abstract>{parts}</Abstract></Article></MedlineCitation><PubmedData>"
                f'<ArticleIdList><ArticleId IdType="pubmed">{pmid}</ArticleId>'
                f'<ArticleId IdType="doi">10.9999/syn.{pmid}</ArticleId></ArticleIdList>'
                f"</PubmedData></PubmedArticle>\n"
            )
        out.write("</PubmedArticleSet>\n")
        return out.getvalue().encode()

    def jats(self) -> bytes:
        pmcid = self.ident()
        secs = []
        for kind, title in (("intro", "Introduction"), ("methods", "Methods"),
                            ("results", "Results"), ("discussion", "Discussion")):  # fmt: skip
            paragraphs = "".join(f"<p>{escape(self.paragraph(8))}</p>" for _ in range(6))
            figure = f'<fig id="f{kind}"><caption><p>{escape(self.sentence())}</p></caption></fig>'
            secs.append(f'<sec sec-type="{kind}"><title>{title}</title>{paragraphs}{figure}</sec>')
        return (
            f'<?xml version="1.0"?>\n<article><front><journal-meta><journal-title-group>'
            f"<journal-title>Synthetic Immunology</journal-title></journal-title-group>"
            f'</journal-meta><article-meta><article-id pub-id-type="pmc">PMC{pmcid}</article-id>'
            f"<title-group><article-title>{escape(self.sentence())}</article-title></title-group>"
            f'<pub-date pub-type="epub"><year>2022</year></pub-date>'
            f"<abstract><p>{escape(self.paragraph(6))}</p></abstract></article-meta></front>"
            f"<body>{''.join(secs)}</body></article>\n"
        ).encode()

    def bioc_document(self) -> dict:
        passages, offset = [], 0
        for kind, text in [("title", self.sentence()), ("abstract", self.paragraph(8))] + [
            ("paragraph", self.paragraph(8)) for _ in range(20)
        ]:
            passages.append({"infons": {"type": kind}, "offset": offset, "text": text,
                             "annotations": []})  # fmt: skip
            offset += len(text) + 1
        return {"id": str(self.ident()), "infons": {}, "passages": passages}

    def bioc_xml(self, target: int) -> bytes:
        out = io.StringIO()
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<collection><source>bench</source>\n')
        while out.tell() < target:
            document = self.bioc_document()
            out.write(f"<document><id>{document['id']}</id>")
            for p in document["passages"]:
                out.write(
                    f'<passage><infon key="type">{p["infons"]["type"]}</infon>'
                    f"<offset>{p['offset']}</offset><text>{escape(p['text'])}</text></passage>"
                )
            out.write("</document>\n")
        out.write("</collection>\n")
        return out.getvalue().encode()

    def bioc_json(self, target: int) -> bytes:
        documents, size = [], 0
        while size < target:
            documents.append(self.bioc_document())
            size += sum(len(p["text"]) + 60 for p in documents[-1]["passages"])
        return json.dumps({"source": "bench", "documents": documents}).encode()

    def text(self) -> bytes:
        body = "\n\n".join(self.paragraph(6) for _ in range(5))
        return f"{self.sentence()}\n\n{body}\n".encode()


def generate_shard(folder: Path, index: int) -> int:
    """About 50 MB of mixed formats (36 MB when its PubMed file is gzipped); returns bytes."""
    writer = Writer(index)
    folder.mkdir(parents=True, exist_ok=True)
    mb = 1 << 20
    files: dict[str, bytes] = {
        "corpus.PubTator": writer.pubtator(14 * mb),
        "bioc.xml": writer.bioc_xml(8 * mb),
        "bioc.json": writer.bioc_json(7 * mb),
    }
    pubmed = writer.pubmed(10 * mb)
    files["pubmed.xml.gz" if index % 2 else "pubmed.xml"] = (
        gzip.compress(pubmed, 1) if index % 2 else pubmed
    )
    for name, data in files.items():
        (folder / name).write_bytes(data)
    jats = folder / "jats"
    jats.mkdir(exist_ok=True)
    for number in range(60):
        (jats / f"PMC{index}-{number}.nxml").write_bytes(writer.jats())
    with zipfile.ZipFile(folder / "jats.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        for number in range(120):
            archive.writestr(f"oa/PMC{index}-z{number}.nxml", writer.jats())
    texts = folder / "texts"
    texts.mkdir(exist_ok=True)
    for number in range(300):
        suffix = ".md" if number % 3 == 0 else ".txt"
        data = writer.text()
        (texts / f"paper-{number}{suffix}").write_bytes(b"# " + data if suffix == ".md" else data)
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def read_shards(folders: list[str]) -> dict:
    """Stream the folders; runs in its own process so its peak RSS is its own."""
    from kg.ingest import IngestReport, read_documents

    size = sum(p.stat().st_size for f in folders for p in Path(f).rglob("*") if p.is_file())
    report = IngestReport()
    documents = chars = 0
    before = resource.getrusage(resource.RUSAGE_SELF)
    cpu_start = before.ru_utime + before.ru_stime
    start = time.perf_counter()
    for document in read_documents(folders, report=report):
        documents += 1
        chars += sum(len(p.text) for p in document.passages)
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = usage.ru_utime + usage.ru_stime - cpu_start
    return {
        "shards": len(folders),
        "mb_on_disk": round(size / 2**20, 1),
        "files": report.files,
        "documents": documents,
        "text_mb": round(chars / 2**20, 1),
        "seconds": round(seconds, 2),
        "docs_per_s": round(documents / seconds),
        "mb_per_s": round(size / 2**20 / seconds, 1),
        "cpu_s": round(cpu, 2),
        "mb_per_cpu_s": round(size / 2**20 / cpu, 1),
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
        "problems": report.problem_count,
        "formats": dict(report.formats),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mb", type=int, default=300, help="corpus size (default 300)")
    parser.add_argument("--dir", type=Path, help="where to generate (default: a temp folder)")
    parser.add_argument("--keep", action="store_true", help="keep the generated folder")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--read", nargs="+", help=argparse.SUPPRESS)  # the child process
    args = parser.parse_args()
    if args.read:
        print(json.dumps(read_shards(args.read)))
        return
    root = args.dir or Path(tempfile.mkdtemp(prefix="irkg-ingest-bench-"))
    try:
        folders: list[str] = []
        total = 0
        while total < args.size_mb << 20:  # shards until the folder holds the asked size
            folder = root / f"shard-{len(folders):03d}"
            if not folder.exists():
                generate_shard(folder, len(folders))
            total += sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
            folders.append(str(folder))
        shards = len(folders)
        counts = sorted({1, *(2**k for k in range(1, 12) if 2**k < shards), shards})
        rows = [_child(folders[:count]) for count in counts]
    finally:
        if not args.keep and args.dir is None:
            shutil.rmtree(root, ignore_errors=True)
    _print(rows, args.json)


def _child(folders: list[str]) -> dict:
    command = [sys.executable, __file__, "--read", *folders]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def _print(rows: list[dict], as_json: bool) -> None:
    if as_json:
        print(json.dumps(rows, indent=2))
        return
    columns = [
        "shards",
        "mb_on_disk",
        "files",
        "documents",
        "seconds",
        "docs_per_s",
        "mb_per_s",
        "cpu_s",
        "mb_per_cpu_s",
        "peak_rss_mb",
        "problems",
    ]
    widths = [max(len(c), *(len(f"{r[c]:,}") for r in rows)) for c in columns]
    print("  ".join(c.rjust(w) for c, w in zip(columns, widths, strict=True)))
    for row in rows:
        print("  ".join(f"{row[c]:,}".rjust(w) for c, w in zip(columns, widths, strict=True)))


if __name__ == "__main__":
    main()
