"""claimx's spaCy components. Importing :mod:`claimx.pipeline.factories` registers them."""
