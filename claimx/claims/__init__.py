"""Pure steps from an annotated Doc to claim records: claims, their facts, narration, conflicts, and
the selection of claims and fields a user asked for. No I/O and no model calls."""
