"""What ``claimx --version`` prints: claimx, spaCy, the model and the rule files' versions,
read from package metadata and files without loading spaCy or the pipeline."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
from pathlib import Path

from claimx import __version__
from claimx.errors import ClaimxError


def package_version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def model_folder(name: str) -> Path | None:
    """The folder holding the pipeline's meta.json: a path, or an installed package's folder."""
    if Path(name).is_dir():
        return Path(name)
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    locations = list(spec.submodule_search_locations or []) if spec else []
    return Path(locations[0]) if locations else None


def model_version(explicit: str | None = None) -> str:
    """``NAME (lang_name version)`` from the pipeline's meta.json, without loading it."""
    from claimx.run.model import resolve_model_name

    try:
        name = resolve_model_name(explicit)
    except ClaimxError as exc:
        return f"none ({exc})"
    folder = model_folder(name)
    meta_path = folder / "meta.json" if folder else None
    if meta_path is None or not meta_path.is_file():
        return f"{name} (not found)"
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return f"{name} (unreadable meta.json)"
    return f"{name} ({meta.get('lang', '?')}_{meta.get('name', '?')} {meta.get('version', '?')})"


def rule_file_version(path: Path) -> object:
    """A JSON file's top-level "version", a JSONL file's header line's."""
    try:
        with path.open(encoding="utf-8") as handle:
            if path.suffix == ".jsonl":
                header = next((line for line in handle if line.strip()), "{}")
                return json.loads(header).get("version")
            return json.load(handle).get("version")
    except (OSError, ValueError, AttributeError):
        return None


def rules_version() -> str:
    """``version 1 (13 files, sha256 1a2b3c4d5e6f)``; several versions are listed by file."""
    from claimx.rules.assets import asset_digest, model_dir, rule_files

    names = rule_files()
    versions = {name: rule_file_version(model_dir() / name) for name in names}
    found = set(versions.values())
    digest = asset_digest(*names)[:12]
    if len(found) == 1:
        return f"version {found.pop()} ({len(names)} files, sha256 {digest})"
    listed = ", ".join(f"{name} {version}" for name, version in versions.items())
    return f"{listed} (sha256 {digest})"


def version_text() -> str:
    return "\n".join(
        (
            f"claimx {__version__}",
            f"spaCy {package_version('spacy')}",
            f"model {model_version()}",
            f"rules {rules_version()}",
        )
    )
