"""Drug -> target edges from DrugCentral and from irkg's curated checkpoint-inhibitor table.

    curated = read_curated_drug_targets()                  # ontology/drug_targets.tsv
    rows, problems = read_drugcentral(path)                # drug.target.interaction.tsv(.gz)

``kg.assemble.drug_targets`` maps both to CURIEs and merges them into edges.

Each row keeps DrugCentral's action type (INHIBITOR, AGONIST, ...), MOA flag and the PubMed
ids in its source URLs; ``action_sign`` gives an action's sign (inhibitor/blocker/antagonist...
-, agonist/activator... +, binding and the rest unsigned). A missing column stops with
``InputError``; a malformed row is reported as ``file:line: reason`` and the rest are read.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
from dataclasses import dataclass
from pathlib import Path

from kg.assemble.curated_tsv import display_name, ontology_path, read_rows
from kg.errors import InputError
from kg.model import Sign

PREDICATE = "biolink:directly_physically_interacts_with"
LICENSE = "CC-BY-SA-4.0"
PRIMARY_SOURCE = "infores:drugcentral"
CURATED_FILE = "drug_targets.tsv"
TAXA = {"Homo sapiens": "NCBITaxon:9606", "Mus musculus": "NCBITaxon:10090"}
NEGATIVE_ACTIONS = frozenset(
    {
        "INHIBITOR",
        "BLOCKER",
        "ANTAGONIST",
        "ALLOSTERIC ANTAGONIST",
        "INVERSE AGONIST",
        "NEGATIVE MODULATOR",
        "NEGATIVE ALLOSTERIC MODULATOR",
        "ANTISENSE INHIBITOR",
        "BLOCKING ANTIBODY",
    }
)
POSITIVE_ACTIONS = frozenset(
    {
        "AGONIST",
        "PARTIAL AGONIST",
        "ACTIVATOR",
        "OPENER",
        "POSITIVE MODULATOR",
        "POSITIVE ALLOSTERIC MODULATOR",
    }
)
COLUMNS = ("DRUG_NAME", "STRUCT_ID", "GENE", "ACCESSION", "ACTION_TYPE", "MOA", "ORGANISM")
CURATED_COLUMNS = ("drug", "drug_name", "target", "target_symbol", "action", "sign", "moa")
_PUBMED = re.compile(r"ncbi\.nlm\.nih\.gov/pubmed/(\d+)|pubmed\.ncbi\.nlm\.nih\.gov/(\d+)")
SIGNS = {"+": Sign.POSITIVE, "-": Sign.NEGATIVE, "0": Sign.NONE}


def action_sign(action: str) -> Sign:
    """The sign of a DrugCentral ACTION_TYPE (case-insensitive); NONE when it has none."""
    upper = action.strip().upper()
    if upper in NEGATIVE_ACTIONS:
        return Sign.NEGATIVE
    if upper in POSITIVE_ACTIONS:
        return Sign.POSITIVE
    return Sign.NONE


@dataclass(frozen=True, slots=True)
class DrugCentralRow:
    """One drug -> target row of ``drug.target.interaction.tsv``."""

    line: int
    drug_name: str
    struct_id: str
    genes: tuple[str, ...]
    accessions: tuple[str, ...]
    organism: str
    action: str  # ACTION_TYPE, e.g. "INHIBITOR"; "" when the row states none
    moa: bool
    publications: tuple[str, ...]  # PMID CURIEs from the activity and MOA source URLs


@dataclass(frozen=True, slots=True)
class CuratedDrugTarget:
    """One row of ``ontology/drug_targets.tsv``."""

    drug: str
    drug_name: str
    target: str
    target_symbol: str
    action: str
    sign: Sign
    moa: bool
    sources: tuple[str, ...]
    license: str


def _publications(*urls: str) -> tuple[str, ...]:
    found = []
    for url in urls:
        for match in _PUBMED.finditer(url):
            found.append(f"PMID:{match.group(1) or match.group(2)}")
    return tuple(sorted(set(found)))


def read_drugcentral(path: Path) -> tuple[list[DrugCentralRow], list[str]]:
    """All rows of a DrugCentral drug-target TSV (.gz or plain) and ``file:line: reason`` problems.

    A missing column stops with ``InputError``; a malformed row is reported and skipped.
    """
    rows: list[DrugCentralRow] = []
    problems: list[str] = []
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rb") as raw, io.TextIOWrapper(raw, encoding="utf-8") as text:
            reader = csv.reader(text, delimiter="\t")
            header = next(reader, None)
            if header is None:
                raise InputError(path, 1, "empty file")
            missing = [c for c in COLUMNS if c not in header]
            if missing:
                raise InputError(path, 1, f"header lacks column(s) {', '.join(missing)}")
            col = {name: header.index(name) for name in header}
            for record in reader:
                line = reader.line_num
                if len(record) != len(header):
                    problems.append(
                        f"{path}:{line}: expected {len(header)} fields, got {len(record)}"
                    )
                    continue
                rows.append(_row(record, col, line))
    except (OSError, EOFError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(path, None, f"unreadable ({exc})") from None
    return rows, problems


def _row(record: list[str], col: dict[str, str | int], line: int) -> DrugCentralRow:
    def get(name: str) -> str:
        index = col.get(name)
        return record[index].strip() if isinstance(index, int) else ""

    return DrugCentralRow(
        line=line,
        drug_name=get("DRUG_NAME"),
        struct_id=get("STRUCT_ID"),
        genes=tuple(g.strip() for g in get("GENE").split("|") if g.strip()),
        accessions=tuple(a.strip() for a in get("ACCESSION").split("|") if a.strip()),
        organism=get("ORGANISM"),
        action=get("ACTION_TYPE").upper(),
        moa=get("MOA") == "1",
        publications=_publications(get("ACT_SOURCE_URL"), get("MOA_SOURCE_URL")),
    )


def read_curated_drug_targets(path: Path | None = None) -> tuple[CuratedDrugTarget, ...]:
    """The curated checkpoint-inhibitor table (default: the shipped ``drug_targets.tsv``)."""
    path = path or ontology_path(CURATED_FILE)
    where = display_name(path)
    out = []
    for row in read_rows(path, (*CURATED_COLUMNS, "sources", "license")):
        if row["sign"] not in SIGNS:
            raise InputError(where, row.line, f"sign must be + - or 0, got {row['sign']!r}")
        if not row["drug"].startswith(("MESH:", "irkg:")) or not row["target"].startswith(
            "NCBIGene:"
        ):
            raise InputError(
                where, row.line, "drug must be a MESH: or irkg: and target an NCBIGene: CURIE"
            )
        if not row.split("sources") or not row["license"]:
            raise InputError(where, row.line, "every row needs sources and a licence")
        out.append(
            CuratedDrugTarget(
                drug=row["drug"],
                drug_name=row["drug_name"],
                target=row["target"],
                target_symbol=row["target_symbol"],
                action=row["action"],
                sign=SIGNS[row["sign"]],
                moa=row["moa"] == "1",
                sources=(where, *row.split("sources")),
                license=row["license"],
            )
        )
    return tuple(out)
