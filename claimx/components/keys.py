"""Every name claimx writes into a Doc: the ``doc.spans`` keys and the ``._`` extensions.

Spans go in ``doc.spans["claimx_*"]`` so a Doc keeps them through DocBin and ``n_process``;
the extensions hold only strings and numbers."""

from __future__ import annotations

from spacy.tokens import Doc

# set before the pipeline runs: the publication date (YYYY-MM-DD or None)
PUBLISHED_EXT = "claimx_published"

# written by claimx.components.attribution
CLAIMS_KEY = "claimx_claims"
CLAIM_CUES_KEY = "claimx_claim_cues"
SPEAKERS_KEY = "claimx_speakers"
ROLES_KEY = "claimx_roles"
VIA_KEY = "claimx_via"
PARTS_KEY = "claimx_claim_parts"

# written by claimx.components.cues
CUES_KEY = "claimx_cues"
MEDIA_KEY = "claimx_media"

# written by claimx.components.facts.actors
ACTORS_KEY = "claimx_actors"

# written by claimx.components.facts.dates
DATES_KEY = "claimx_dates"
DATE_EXT = "claimx_date"
GRANULARITY_EXT = "claimx_granularity"

# written by claimx.components.facts.places
LOCATIONS_KEY = "claimx_locations"
COUNTRY_EXT = "claimx_country"

# written by claimx.components.facts.quantities
QUANTITIES_KEY = "claimx_quantities"
# on each quantity span: its value, bounds, unit, subject and event (strings and numbers)
QUANTITY_EXTENSIONS: dict[str, str | int | float | bool | None] = {
    "claimx_value": None,
    "claimx_low": None,
    "claimx_high": None,
    "claimx_approximate": False,
    "claimx_unit": None,
    "claimx_subject": None,
    "claimx_event": None,
}

# written by claimx.components.status
STATUS_KEY = "claimx_status"
STATUS_CUES_KEY = "claimx_status_cues"
DISPUTED_BY_KEY = "claimx_disputed_by"

# written by claimx.components.structure
QUOTES_KEY = "claimx_quotes"


def register_extensions() -> None:
    """Register ``doc._.claimx_published`` (a YYYY-MM-DD string or None); idempotent."""
    if not Doc.has_extension(PUBLISHED_EXT):
        Doc.set_extension(PUBLISHED_EXT, default=None)
