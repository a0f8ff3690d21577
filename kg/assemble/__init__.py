"""assemble: annotations plus curated knowledge -> canonical nodes, edges and evidence."""
