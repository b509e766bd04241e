"""Facts inside claims: quantities, actors, locations and dates (spaCy components + pure readers)."""
