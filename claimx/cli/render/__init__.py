"""Rendering Article records for people: the claims table or blocks, CSV and the HTML page."""
