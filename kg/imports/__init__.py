"""imports: other systems' annotations as irkg annotated documents (PubTator3's exports)."""

from kg.imports.pubtator3 import ImportReport, import_pubtator3, read_pubtator3

__all__ = ["ImportReport", "import_pubtator3", "read_pubtator3"]
