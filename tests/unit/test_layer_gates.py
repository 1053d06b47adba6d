"""The gates of `make lint` that keep the layer's shape: sizes and privacy (scripts/check_shape.py)
and the import contracts (.importlinter), each shown to catch what it is for, then run on the tree."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import check_shape  # noqa: E402  (scripts/ is not a package)

LAYER = "layers/core/optout"


def lines(count: int) -> str:
    return "".join(f"x{i} = {i}\n" for i in range(count))


def function(length: int) -> str:
    """A function of exactly `length` lines, def line included."""
    return "def f():\n" + "    y = 1\n" * (length - 2) + "    return y\n"


def write(repo: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = repo / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        for parent in path.relative_to(repo / LAYER).parents if name.startswith(LAYER) else ():
            init = repo / LAYER / parent / "__init__.py"
            if not init.exists():
                init.write_text("", encoding="utf-8")


SERVICES = f"{LAYER}/services"
CASES = [
    # (case, files, data files, expected problems as (path, message start))
    ("module at the limit", {f"{LAYER}/a.py": lines(400)}, {}, []),
    ("module over the limit", {f"{LAYER}/a.py": lines(401)}, {}, [(f"{LAYER}/a.py", "module has 401 lines")]),
    ("handler over the limit", {"functions/f/app.py": lines(401)}, {}, [("functions/f/app.py", "module has 401")]),
    ("local stack over the limit", {"local_stack/s.py": lines(401)}, {}, [("local_stack/s.py", "module has 401")]),
    ("listed data file over the limit", {f"{LAYER}/d.py": lines(450)}, {f"{LAYER}/d.py": "table"}, []),
    (
        "listed data file no longer over",
        {f"{LAYER}/d.py": lines(10)},
        {f"{LAYER}/d.py": "table"},
        [(f"{LAYER}/d.py", "listed in DATA_FILES but within 400")],
    ),
    ("listed data file gone", {}, {f"{LAYER}/gone.py": "table"}, [(f"{LAYER}/gone.py", "listed in DATA_FILES but missing")]),
    ("function at the limit", {f"{LAYER}/a.py": function(60)}, {}, []),
    ("function over the limit", {f"{LAYER}/a.py": function(61)}, {}, [(f"{LAYER}/a.py", "function f has 61 lines")]),
    (
        "function over the limit in a data file",
        {f"{LAYER}/d.py": lines(420) + function(61)},
        {f"{LAYER}/d.py": "table"},
        [(f"{LAYER}/d.py", "function f has 61 lines")],
    ),
    (
        "a service imports another service's private name",
        {f"{SERVICES}/a.py": "_x = 1\n", f"{SERVICES}/b.py": "from optout.services.a import _x\n"},
        {},
        [(f"{SERVICES}/b.py", "imports optout.services.a._x, private to optout.services.a")],
    ),
    (
        "a service imports another service's private name, relatively",
        {f"{SERVICES}/a.py": "_x = 1\n", f"{SERVICES}/b.py": "from .a import _x\n"},
        {},
        [(f"{SERVICES}/b.py", "imports optout.services.a._x")],
    ),
    (
        "a service imports another service's private module",
        {f"{SERVICES}/a/_rows.py": "y = 1\n", f"{SERVICES}/b.py": "from optout.services.a._rows import y\n"},
        {},
        [(f"{SERVICES}/b.py", "imports optout.services.a._rows, private to optout.services.a")],
    ),
    (
        "a service package uses its own private module",
        {f"{SERVICES}/a/_rows.py": "y = 1\n", f"{SERVICES}/a/api.py": "from ._rows import y\n"},
        {},
        [],
    ),
    (
        "modules of one package share private names",
        {f"{LAYER}/engine/k.py": "_r = 1\n", f"{LAYER}/engine/g.py": "from optout.engine.k import _r\n"},
        {},
        [],
    ),
    (
        "a subpackage uses its parent's private module",
        {f"{LAYER}/carriers/_common.py": "y = 1\n", f"{LAYER}/carriers/p/b.py": "from .._common import y\n"},
        {},
        [],
    ),
    (
        "another package imports a private module",
        {f"{LAYER}/carriers/_common.py": "y = 1\n", f"{SERVICES}/b.py": "from optout.carriers import _common\n"},
        {},
        [(f"{SERVICES}/b.py", "imports optout.carriers._common, private to optout.carriers")],
    ),
    (
        "a handler imports a private name",
        {f"{LAYER}/api/http.py": "_app = 1\n", "functions/f/app.py": "from optout.api.http import _app\n"},
        {},
        [("functions/f/app.py", "imports optout.api.http._app")],
    ),
    ("third-party private names are not ours", {f"{LAYER}/a.py": "from os import _exit\nimport _thread\n"}, {}, []),
    ("dunder names are public", {f"{LAYER}/a.py": "from optout import __name__ as n\n"}, {}, []),
]


@pytest.mark.parametrize(("files", "data_files", "expected"), [case[1:] for case in CASES], ids=[c[0] for c in CASES])
def test_shape_gate(tmp_path: Path, files: dict[str, str], data_files: dict[str, str], expected: list) -> None:
    write(tmp_path, files)
    found = [(problem.path.as_posix(), problem.message) for problem in check_shape.check(tmp_path, data_files)]
    assert len(found) == len(expected), found
    for (path, message), (want_path, want_start) in zip(sorted(found), sorted(expected), strict=True):
        assert path == want_path
        assert message.startswith(want_start), message


def test_the_tree_keeps_its_shape() -> None:
    assert [str(problem) for problem in check_shape.check(ROOT)] == []


def lint_imports(cwd: Path, layer_parent: Path) -> subprocess.CompletedProcess[str]:
    executable = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert executable, "import-linter is not installed (requirements-dev.txt)"
    env = {**os.environ, "PYTHONPATH": str(layer_parent)}
    return subprocess.run([executable, "--no-cache"], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def copy_layer(tmp_path: Path) -> None:
    """The layer, the handlers and the contracts, to break a copy rather than the tree."""
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(ROOT / LAYER, tmp_path / "core" / "optout", ignore=ignore)
    shutil.copytree(ROOT / "functions", tmp_path / "functions", ignore=ignore)
    shutil.copy(ROOT / ".importlinter", tmp_path / ".importlinter")


def test_the_tree_keeps_its_import_contracts() -> None:
    result = lint_imports(ROOT, ROOT / "layers" / "core")
    assert result.returncode == 0, result.stdout[-4000:]


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        ("services/eligibility.py", "from optout.webhooks import responses", "optout.services is not allowed to import optout.webhooks"),
        ("rules/consent.py", "from optout import repository", "optout.rules is not allowed to import optout.repository"),
        ("engine/names.py", "from optout import models", "optout.engine is not allowed to import optout.models"),
        ("carriers/records.py", "from optout import engine", "optout.carriers is not allowed to import optout.engine"),
        ("models.py", "from optout import services", "optout.models is not allowed to import optout.services"),
        ("api/http.py", "from optout import webhooks", "optout.api is not allowed to import optout.webhooks"),
        ("newcomer.py", "x = 1", "- optout.newcomer"),
        ("services/eligibility.py", "from optout.carriers import _common", "optout.services.eligibility -> optout.carriers._common"),
    ],
)
def test_import_contracts_catch_a_break(tmp_path: Path, module: str, line: str, broken: str) -> None:
    copy_layer(tmp_path)
    target = tmp_path / "core" / "optout" / module
    target.write_text((target.read_text(encoding="utf-8") if target.exists() else "") + f"\n{line}\n", encoding="utf-8")
    result = lint_imports(tmp_path, tmp_path / "core")
    assert result.returncode == 1
    assert broken in " ".join(result.stdout.split()), result.stdout[-4000:]


def test_a_webhook_handler_that_skips_the_edge_breaks_a_contract(tmp_path: Path) -> None:
    copy_layer(tmp_path)
    handler = tmp_path / "functions" / "inbound_sms" / "app.py"
    handler.write_text(handler.read_text(encoding="utf-8") + "\nfrom optout.services import inbound\n", encoding="utf-8")
    result = lint_imports(tmp_path, tmp_path / "core")
    assert result.returncode == 1
    assert "functions.inbound_sms is not allowed to import optout.services" in " ".join(result.stdout.split())
