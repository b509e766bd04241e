"""Size limits of the house rules: functions of at most 40 lines, modules of at most 400.

A function's length is its body, docstring included, from the first line after the signature to
its last line: the signature does not count, since a Typer command declares every option there.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

MAX_FUNCTION_LINES = 40
MAX_MODULE_LINES = 400

# Known offenders, each with its reason: "path" for a module, "path::qualified.name" for a
# function. Empty it as they are split; an entry that no longer offends fails the test below.
ALLOWED: dict[str, str] = {}

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "claimx"


def function_sizes(source: str) -> Iterator[tuple[str, int]]:
    """(qualified name, body lines) of every function and method, nested ones included."""

    def walk(node: ast.AST, prefix: str) -> Iterator[tuple[str, int]]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                end = child.end_lineno or child.lineno
                yield prefix + child.name, end - child.body[0].lineno + 1
                yield from walk(child, f"{prefix}{child.name}.")
            elif isinstance(child, ast.ClassDef):
                yield from walk(child, f"{prefix}{child.name}.")
            else:
                yield from walk(child, prefix)

    yield from walk(ast.parse(source), "")


def offenders(path: str, source: str) -> list[str]:
    """The keys of ALLOWED that this module would need: itself if too long, then its long
    functions."""
    found = [path] if len(source.splitlines()) > MAX_MODULE_LINES else []
    found += [
        f"{path}::{name}" for name, size in function_sizes(source) if size > MAX_FUNCTION_LINES
    ]
    return found


def package_offenders() -> list[str]:
    found: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        found += offenders(path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8"))
    return found


def function(name: str, body_lines: int, indent: str = "") -> str:
    """A synthetic function whose body (a docstring, then assignments) has ``body_lines`` lines."""
    lines = [f"{indent}def {name}(", f"{indent}    a: int,", f"{indent}) -> None:"]
    lines.append(f'{indent}    """Doc."""')
    lines += [f"{indent}    x{n} = {n}" for n in range(body_lines - 1)]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (function("long", 41), ["m.py::long"]),
        (function("fits", 40), []),
        ("class Tool:\n" + function("method", 41, "    "), ["m.py::Tool.method"]),
        ("class Tool:\n" + function("method", 40, "    "), []),
        # a nested helper counts in its own right, and inside its outer function
        ("def outer():\n" + function("inner", 41, "    "), ["m.py::outer", "m.py::outer.inner"]),
        # a long signature (a Typer command's options) is not body
        ("def options(\n" + "    a: int = 0,\n" * 60 + ") -> None:\n    pass\n", []),
        ("x = 1\n" * 401, ["m.py"]),
        ("x = 1\n" * 400, []),
    ],
    ids=["41-line function", "40-line function", "41-line method", "40-line method",
         "nested", "long signature", "401-line module", "400-line module"],
)  # fmt: skip
def test_offenders_are_found(source: str, expected: list[str]) -> None:
    assert offenders("m.py", source) == expected


def test_functions_and_modules_are_short() -> None:
    unexpected = [key for key in package_offenders() if key not in ALLOWED]
    assert not unexpected, (
        f"over {MAX_FUNCTION_LINES} lines (function body) or {MAX_MODULE_LINES} (module); split "
        f"into well-named steps: {unexpected}"
    )


def test_allow_list_is_current() -> None:
    stale = sorted(set(ALLOWED) - set(package_offenders()))
    assert not stale, f"no longer too long, remove from ALLOWED: {stale}"
