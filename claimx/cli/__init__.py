"""The ``claimx`` command line: the Typer app, one module per command, progress, and the
renderers (table, blocks, CSV, HTML). Commands validate, call a function, render, and map
errors to exit codes."""
