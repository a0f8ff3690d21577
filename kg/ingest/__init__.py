"""ingest: readers that turn papers in any supported format into ``kg.model.Document``."""
