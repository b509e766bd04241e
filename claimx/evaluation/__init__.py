"""Scoring claimx against annotated gold: PolNeAR-style attributions and conflict-news claims
(pure functions over plain records), and the ``claimx eval`` run that reads gold and predictions."""
