"""annotate: spaCy components that find, normalise and relate entities in documents."""
