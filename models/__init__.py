"""claimx rule files: cue lexicons, frames, gazetteers and status rules, as data.

This folder ships inside the wheel as the ``claimx.models`` resource package; code reads it
only through :mod:`claimx.assets`.
"""
