"""The rule files of models/ as validated, typed, frozen objects: one loader per file, and
``file:line`` errors (PatternError) for anything malformed. Nothing here touches spaCy."""
