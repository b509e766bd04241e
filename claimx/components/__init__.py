"""claimx's spaCy components and the Doc-reading helpers they use: structure, cues, attribution,
speakers, status and (in ``facts``) quantities, actors, places and dates. Span keys and Doc
extensions are named in :mod:`claimx.components.keys`; importing
:mod:`claimx.components.factories` registers the factories."""
