"""lexicon: vocabularies compiled into one versioned lexicon file, and lookups over it."""
