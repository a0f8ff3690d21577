"""Canned queries (installed as ``kg.queries``): ``NAME.cypher`` and ``NAME.rq`` side by side."""
