"""Tell an input's format from its first bytes, with the file name only as a tie-breaker.

PubTator files are often named ``.txt``, BioC files ``.xml`` and JATS files ``.nxml`` or
``.xml``, so the content decides: the root element of XML, the keys near the start of JSON, the
``ID|t|`` shape of a PubTator first line. Only text that matches no structured format falls back
to plain text or Markdown, and only for names that look like text files, so a folder's LICENSE
or data table is reported instead of being read as a paper.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FORMATS = (
    "pubtator",
    "bioc-xml",
    "bioc-json",
    "pubmed-xml",
    "jats",
    "text",
    "markdown",
    "irkg-jsonl",
)
TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown")
MARKDOWN_SUFFIXES = (".md", ".markdown")

_XML_ROOTS = {
    "pubmedarticleset": "pubmed-xml",
    "pubmedarticle": "pubmed-xml",
    "pubmedbookarticle": "pubmed-xml",
    "pubmedbookarticleset": "pubmed-xml",
    "collection": "bioc-xml",
    "article": "jats",
    "pmc-articleset": "jats",
}
_XML_PROLOG = re.compile(
    r"\s*(?:<\?[^>]*\?>\s*|<!--.*?-->\s*|<!DOCTYPE\s+([\w:.-]+)[^>\[]*(?:\[.*?\])?\s*>\s*)*",
    re.DOTALL,
)
_XML_ROOT = re.compile(r"<([A-Za-z_][\w:.-]*)")
_PUBTATOR = re.compile(r"[^|\t\n]+\|[ta]\|")
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffd]")
_MAGIC = {
    b"%PDF": "a PDF file: convert it to text, or fetch the article's PubMed or PMC XML",
    b"\xd0\xcf\x11\xe0": "an MS Office file: save it as text",
    b"\x89PNG": "an image",
    b"\xff\xd8\xff": "an image",
    b"GIF8": "an image",
}


@dataclass(frozen=True, slots=True)
class Detected:
    """A format name, or the reason why the input has none (``format`` is then empty)."""

    format: str = ""
    reason: str = ""
    kind: str = ""


def detect_format(head: bytes, name: str = "") -> Detected:
    """The format of an input from its first bytes (``head``) and, as a hint, its file name."""
    for magic, what in _MAGIC.items():
        if head.startswith(magic):
            return Detected(reason=f"not a paper format: {what}", kind="binary file")
    text = _decode_head(head)
    if text is None:
        return Detected(reason="binary file (not text in a known encoding)", kind="binary file")
    stripped = text.lstrip()
    if not stripped:
        return Detected(reason="empty file", kind="empty file")
    lower = name.lower()
    if stripped.startswith("<"):
        return _detect_xml(stripped)
    if stripped[0] in "{[":
        return _detect_json(stripped)
    first_line = stripped.split("\n", 1)[0]
    if _PUBTATOR.match(first_line):
        return Detected("pubtator")
    if lower.endswith(MARKDOWN_SUFFIXES) or (
        lower.endswith(TEXT_SUFFIXES) and re.match(r"#{1,6} \S", first_line)
    ):
        return Detected("markdown")
    if lower.endswith(TEXT_SUFFIXES):
        return Detected("text")
    return Detected(
        reason="unrecognised content (use --format text to read it as plain text)",
        kind="unknown format",
    )


def _decode_head(head: bytes) -> str | None:
    """The head as text, or None when it looks binary (NUL bytes, many control characters)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16-le" if head[:2] == b"\xff\xfe" else "utf-16-be"
        return head[2 : len(head) & ~1].decode(encoding, "replace")
    if b"\x00" in head:
        return None
    text = head.removeprefix(b"\xef\xbb\xbf").decode("utf-8", "replace")
    sample = text[:8192]
    if len(_CONTROL.findall(sample)) > max(8, len(sample) // 10):
        return None
    return text


def _detect_xml(text: str) -> Detected:
    prolog = _XML_PROLOG.match(text)
    doctype = prolog.group(1) if prolog else None
    rest = text[prolog.end() :] if prolog else text
    root = _XML_ROOT.match(rest)
    name = (root.group(1) if root else doctype or "").rsplit(":", 1)[-1].lower()
    if name in _XML_ROOTS:
        return Detected(_XML_ROOTS[name])
    if doctype and doctype.lower() in _XML_ROOTS:
        return Detected(_XML_ROOTS[doctype.lower()])
    what = f"<{name}>" if name else "no root element in the first 64 KiB"
    return Detected(reason=f"XML of an unknown kind (root {what})", kind="unknown format")


def _detect_json(text: str) -> Detected:
    if '"passages"' in text or '"documents"' in text or '"PubTator3"' in text:
        if '"section"' in text and '"meta"' in text and '"infons"' not in text:
            return Detected("irkg-jsonl")
        return Detected("bioc-json")
    return Detected(
        reason="JSON of an unknown kind (no BioC documents or passages)", kind="unknown format"
    )
