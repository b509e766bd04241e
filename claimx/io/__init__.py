"""Reading and writing: articles as bytes to text with exact offsets, batch inputs (folders,
files, JSONL corpora), the JSON forms of records, the ``--out`` file, and the per-user cache."""
