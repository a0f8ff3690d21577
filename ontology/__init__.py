"""Curated knowledge and the graph schema, shipped as package data (``kg.ontology``)."""
