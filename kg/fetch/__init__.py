"""fetch: literature intake from NCBI E-utilities and PMC, written in formats ingest reads."""
