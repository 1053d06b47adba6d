"""The size and privacy gate of `make lint` (issue #11): what import-linter and xenon cannot see.

- No module over 400 lines, except the rule data files of DATA_FILES, each with its reason.
- No function over 60 lines (data files included: their code is code).
- No private name (`_x`) imported from outside the package that holds it. A service is its own
  unit: no service imports another service's private name or private module, even though the
  services share one package (import-linter's private_modules contract allows that, per package).

Run from the repository root: `python scripts/check_shape.py`. Prints one line per problem and
exits 1 if there is any.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
# (folder to scan, folder its module names are relative to)
ROOTS = (("layers/core/optout", "layers/core"), ("functions", "."), ("local_stack", "."))
SERVICES = "optout.services"

# Rule data files only: tables the rules read, too long to split without splitting the table.
DATA_FILES = {
    "layers/core/optout/carriers/error_codes.py": (
        "the carriers' delivery error codes, one row per code with its class and source; "
        "the formatter gives long code lists one line each"
    ),
}


@dataclass(frozen=True)
class Source:
    path: Path  # relative to the repository root
    module: str  # dotted name, e.g. optout.services.contacts
    is_package: bool  # an __init__.py
    tree: ast.Module
    lines: int


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def module_name(path: Path, base: Path) -> tuple[str, bool]:
    parts = list(path.relative_to(base).with_suffix("").parts)
    is_package = parts[-1] == "__init__"
    if is_package:
        parts.pop()
    return ".".join(parts), is_package


def read_sources(repo: Path) -> Iterator[Source]:
    for folder, base in ROOTS:
        for path in sorted((repo / folder).rglob("*.py")):
            text = path.read_text(encoding="utf-8")
            module, is_package = module_name(path, repo / base)
            yield Source(path.relative_to(repo), module, is_package, ast.parse(text, str(path)), len(text.splitlines()))


def size_problems(source: Source, data_files: dict[str, str]) -> Iterator[Problem]:
    if source.lines > MAX_MODULE_LINES and source.path.as_posix() not in data_files:
        yield Problem(source.path, 1, f"module has {source.lines} lines (limit {MAX_MODULE_LINES})")
    for node in ast.walk(source.tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            if length > MAX_FUNCTION_LINES:
                yield Problem(
                    source.path, node.lineno, f"function {node.name} has {length} lines (limit {MAX_FUNCTION_LINES})"
                )


def stale_data_files(repo: Path, data_files: dict[str, str]) -> Iterator[Problem]:
    """An exemption the file no longer needs is dropped, so the list stays short and true."""
    for name in sorted(data_files):
        path = repo / name
        if not path.is_file():
            yield Problem(Path(name), 1, "listed in DATA_FILES but missing: drop it from the list")
        elif len(path.read_text(encoding="utf-8").splitlines()) <= MAX_MODULE_LINES:
            yield Problem(Path(name), 1, f"listed in DATA_FILES but within {MAX_MODULE_LINES} lines: drop it")


def is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def absolute_target(source: Source, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = source.module.split(".") if source.is_package else source.module.split(".")[:-1]
    anchor = package[: len(package) - (node.level - 1)]
    return ".".join([*anchor, node.module] if node.module else anchor)


def imported_paths(source: Source) -> Iterator[tuple[int, str]]:
    """Every dotted name an import reaches: `from a.b import c` reaches a.b.c."""
    for node in ast.walk(source.tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            target = absolute_target(source, node)
            for alias in node.names:
                yield node.lineno, f"{target}.{alias.name}" if target else alias.name


def owner_unit(container: str, packages: set[str]) -> str:
    """Where a private thing may be imported from: within its package; a service's own, within it."""
    if container in packages:
        return container
    parent = container.rpartition(".")[0]
    return container if parent == SERVICES else parent


def within(module: str, unit: str) -> bool:
    return module == unit or module.startswith(unit + ".")


def privacy_problems(source: Source, packages: set[str]) -> Iterator[Problem]:
    for line, dotted in imported_paths(source):
        parts = dotted.split(".")
        first = next((i for i, part in enumerate(parts) if is_private(part)), None)
        if not first:  # None, or a private top-level name (a third-party detail, not ours)
            continue
        container = ".".join(parts[:first])
        if not container.startswith(("optout", "functions", "local_stack")):
            continue
        unit = owner_unit(container, packages)
        if not within(source.module, unit):
            yield Problem(source.path, line, f"imports {'.'.join(parts[: first + 1])}, private to {unit}")


def check(repo: Path, data_files: dict[str, str] = DATA_FILES) -> list[Problem]:
    sources = list(read_sources(repo))
    packages = {source.module for source in sources if source.is_package}
    problems: list[Problem] = list(stale_data_files(repo, data_files))
    for source in sources:
        problems.extend(size_problems(source, data_files))
        problems.extend(privacy_problems(source, packages))
    return problems


def main(argv: Iterable[str] = ()) -> int:
    repo = Path(next(iter(argv), "."))
    problems = check(repo)
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
