"""The fact components inside claims: quantities, actors, locations and dates, with the
Doc-reading helpers each needs (number wording, date context, place resolution)."""
