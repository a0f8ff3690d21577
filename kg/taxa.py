"""The two species irkg models, as NCBI Taxonomy CURIEs, and the organism names sources use.

Human and mouse are the whole of irkg's species scope (mouse models MC38, LLC1, CT26, B16 and
the human trials they inform); one place names them so every stage agrees on the spelling.
"""

from __future__ import annotations

HUMAN = "NCBITaxon:9606"
MOUSE = "NCBITaxon:10090"

# Organism names as WikiPathways (GPML ``Organism``) and DrugCentral (``ORGANISM``) write them.
ORGANISM_TAXA = {"Homo sapiens": HUMAN, "Mus musculus": MOUSE}
