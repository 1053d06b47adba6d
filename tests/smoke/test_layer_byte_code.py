"""Smoke test of the built layer's byte code (issue #11: cold start).

Lambda cannot write `__pycache__` into a layer, so a module without byte code in the layer is
compiled again on every cold start. The build (layers/core/Makefile) compiles every module of the
layer, `optout` and the third-party packages alike, for CPython 3.12 as unchecked-hash .pyc files,
which no timestamp invalidates. These tests check that on the build output: every .py has such a
.pyc that matches its source, and each function's import loads the layer from it, compiling and
writing nothing.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from local_stack import template

# Run by python3.12: what its importer would find for each .py of the layer.
AUDIT = r"""
import importlib.util, json, os, sys
layer = sys.argv[1]
report = {"checked": [], "missing": [], "not_unchecked_hash": [], "stale": []}
for folder, dirs, files in os.walk(layer):
    dirs[:] = [d for d in dirs if d != "__pycache__"]
    for source in (os.path.join(folder, name) for name in files if name.endswith(".py")):
        relative = os.path.relpath(source, layer)
        report["checked"].append(relative)
        try:
            with open(importlib.util.cache_from_source(source), "rb") as pyc:
                header = pyc.read(16)
        except FileNotFoundError:
            report["missing"].append(relative)
            continue
        # PEP 552 flags: bit 0 hash-based, bit 1 check the source. Unchecked-hash is 0b01.
        if header[:4] != importlib.util.MAGIC_NUMBER or int.from_bytes(header[4:8], "little") != 0b01:
            report["not_unchecked_hash"].append(relative)
        elif header[8:16] != importlib.util.source_hash(open(source, "rb").read()):
            report["stale"].append(relative)
print(json.dumps(report))
"""

# Run by python3.12 with -B: import one handler as Lambda does, noting every module compiled from source.
PROBE = r"""
import importlib, importlib.machinery, json, os, sys
function_dir, layer_dir = map(os.path.abspath, sys.argv[1:3])
module_name = sys.argv[3]
compiled = []
to_code = importlib.machinery.SourceFileLoader.source_to_code
def spy(self, data, path, *args, **kwargs):
    compiled.append(str(path))
    return to_code(self, data, path, *args, **kwargs)
importlib.machinery.SourceFileLoader.source_to_code = spy
sys.path[:0] = [function_dir, layer_dir]
handler = importlib.import_module(module_name)
from_layer = [m for m in list(sys.modules.values()) if (getattr(m, "__file__", None) or "").startswith(layer_dir)]
print(json.dumps({
    "dont_write_bytecode": sys.dont_write_bytecode,
    "compiled_from_layer": [p for p in compiled if p.startswith(layer_dir)],
    "uncached": sorted(m.__file__ for m in from_layer if m.__file__.endswith(".py") and not os.path.isfile(m.__cached__)),
    "layer_modules": len(from_layer),
    "optout_modules": sum(1 for m in from_layer if m.__name__.split(".")[0] == "optout"),
    "handler_compiled": handler.__file__ in compiled,
    "handler_has_pyc": os.path.isfile(handler.__cached__),
}))
"""

# Top-level packages of the layer that must be covered (optout and what requirements.txt brings).
PACKAGES = {"optout", "boto3", "botocore", "aws_lambda_powertools", "aws_xray_sdk", "pydantic", "phonenumbers",
            "cryptography", "certifi", "urllib3", "s3transfer", "dateutil", "jmespath", "typing_extensions.py"}


def _run(python312: str, *args: str, env: dict[str, str] | None = None) -> dict:
    done = subprocess.run([python312, "-I", "-S", "-B", "-c", *args], capture_output=True, text=True, env=env,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-4000:]
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*")}


def test_every_module_of_the_layer_has_unchecked_hash_byte_code(build_dir, python312):
    layer = build_dir / "CoreLayer" / "python"
    report = _run(python312, AUDIT, str(layer))
    top_level = {path.split(os.sep)[0] for path in report["checked"]}
    assert not PACKAGES - top_level, f"not in the built layer: {sorted(PACKAGES - top_level)}"
    assert len(report["checked"]) > 1000, len(report["checked"])
    for problem in ("missing", "not_unchecked_hash", "stale"):
        assert report[problem] == [], f"{len(report[problem])} modules' byte code {problem}: {report[problem][:10]}"


@pytest.mark.parametrize("spec", list(template.functions().values()), ids=lambda s: s.logical_id)
def test_built_function_loads_the_layer_from_byte_code(spec, build_dir, python312, lambda_environment):
    layer = build_dir / "CoreLayer" / "python"
    # Tracing stays on, as in AWS (the template's Tracing: Active), so X-Ray's modules load too.
    env = {**lambda_environment, **spec.environment}
    before = _snapshot(layer)
    module_name = spec.handler.rpartition(".")[0]
    found = _run(python312, PROBE, str(build_dir / spec.logical_id), str(layer), module_name, env=env)
    assert found["dont_write_bytecode"] is True
    # The spy sees compilation: the function's own module ships as source, and is compiled.
    assert found["handler_compiled"] is not found["handler_has_pyc"], found
    if spec.logical_id == "ConsoleFunction":
        # The console's static-file server is standard library only: it loads nothing of the layer.
        assert found["optout_modules"] == 0 and found["layer_modules"] == 0, found
    else:
        assert found["optout_modules"] > 10 and found["layer_modules"] > 100, found
    assert found["compiled_from_layer"] == [], f"compiled from source: {found['compiled_from_layer'][:10]}"
    assert found["uncached"] == [], found["uncached"][:10]
    assert _snapshot(layer) == before, "the import wrote into the layer"
