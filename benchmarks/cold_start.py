"""Each handler's cold import beside `import boto3` plus creating a DynamoDB client, in fresh interpreters.

The baseline is what any Python function that talks to DynamoDB pays before its first request, so
the ratio is what the service adds on top. The runs are interleaved (baseline, every handler, then
again) so that a busy machine slows them all alike; each figure is the median of ROUNDS, and the
ratio is of CPU time, which another process holding the core does not inflate. Peak
memory is the interpreter's maximum resident set once the import is done.

Lambda cannot write `__pycache__` into a layer (it is read-only), so whatever the layer ships as
source is compiled on every cold start. Each handler runs from a temporary copy of the layer as
`sam build` makes it (layers/core/Makefile): `optout` and the packages of the layer's
requirements.txt, copied from this environment, compiled ahead as unchecked-hash byte code. These
"(byte code)" rows are the shipped form and get the verdict. The "(source)" rows, for reference,
run the same copy without byte code: the layer as it was shipped before (issue #11), every module
of it compiled at each cold start. The functions' own modules are source in both, as shipped.
"""

from __future__ import annotations

import compileall
import importlib.metadata
import json
import os
import py_compile
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from benchmarks.common import ROOT, table

ROUNDS = 9
TARGET = 1.5  # the ratio every handler must stay within
REPORT = """
import json, resource, sys
print(json.dumps({"seconds": elapsed, "cpu_seconds": cpu, "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "optout_modules": sum(1 for m in sys.modules if m.startswith("optout."))}))
"""
BASELINE = (
    """
import time
t, c = time.perf_counter(), time.process_time()
import boto3
boto3.client("dynamodb")
elapsed, cpu = time.perf_counter() - t, time.process_time() - c
"""
    + REPORT
)
HANDLER = """
import importlib.util, sys, time
sys.path[:0] = [{layer!r}]
t, c = time.perf_counter(), time.process_time()
spec = importlib.util.spec_from_file_location("app", {path!r})
module = importlib.util.module_from_spec(spec); spec.loader.exec_module(module)
elapsed, cpu = time.perf_counter() - t, time.process_time() - c
"""


def _sample(code: str, env: dict[str, str]) -> dict[str, Any]:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ, **env})
    if done.returncode:
        raise RuntimeError(f"the import failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def layer_distributions() -> list[importlib.metadata.Distribution]:
    """The installed distributions that the layer's requirements.txt brings, with their dependencies
    (extras followed), as pip installs them into the built layer."""
    lines = (line.split("#")[0].strip() for line in (ROOT / "layers" / "core" / "requirements.txt").open())
    pending = [Requirement(line) for line in lines if line]
    found: dict[str, importlib.metadata.Distribution] = {}
    seen: set[tuple[str, frozenset[str]]] = set()
    while pending:
        requirement = pending.pop()
        name, extras = canonicalize_name(requirement.name), frozenset(requirement.extras)
        if (name, extras) in seen:
            continue
        seen.add((name, extras))
        found.setdefault(name, importlib.metadata.distribution(name))
        for dependency in map(Requirement, found[name].requires or []):
            marker = dependency.marker
            if marker is None or any(marker.evaluate({"extra": extra}) for extra in extras | {""}):
                pending.append(dependency)
    return list(found.values())


def _copy(folder: Path, *, compiled: bool, tree: Path = ROOT) -> tuple[Path, Path]:
    """A copy of the built layer and of the functions under `folder`: its byte code compiled ahead, as
    layers/core/Makefile does, or none (each import compiles). `tree` is where `optout` and the
    functions come from; the third-party packages are this environment's in every case."""
    layer, functions = folder / "layer", folder / "functions"
    ignore = shutil.ignore_patterns("__pycache__")  # whatever a local run left in the tree
    shutil.copytree(tree / "layers" / "core" / "optout", layer / "optout", ignore=ignore)
    shutil.copytree(tree / "functions", functions, ignore=ignore)
    for dist in layer_distributions():
        for file in dist.files or []:
            if "__pycache__" in file.parts or ".." in file.parts:  # byte code, or scripts outside site-packages
                continue
            (layer / file).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(str(dist.locate_file(file)), layer / file)
    mode = py_compile.PycInvalidationMode.UNCHECKED_HASH
    if compiled and not compileall.compile_dir(str(layer), quiet=1, workers=0, invalidation_mode=mode):
        raise RuntimeError("the layer does not compile")
    return layer, functions


def _environment() -> dict[str, str]:
    from local_stack import template

    # As the local stack runs them: tracing off (in AWS with tracing on, X-Ray adds its own import).
    # No interpreter writes byte code: the source rows must compile on every run, as in Lambda.
    return {**template.local_environment(), "POWERTOOLS_TRACE_DISABLED": "true", "PYTHONDONTWRITEBYTECODE": "1"}


def handler_beside(handler: str, trees: dict[str, Path], rounds: int = ROUNDS) -> dict[str, float]:
    """Median CPU seconds of one handler's cold import (`handler` relative to functions/), from the
    byte-compiled layer of each tree, interleaved round by round."""
    env = _environment()
    with tempfile.TemporaryDirectory(prefix="optout-cold-start-") as folder:
        snippets = {}
        for name, tree in trees.items():
            layer, functions = _copy(Path(folder) / name, compiled=True, tree=tree)
            snippets[name] = HANDLER.format(layer=str(layer), path=str(functions / handler)) + REPORT
        samples: dict[str, list[float]] = {name: [] for name in snippets}
        for _ in range(rounds):
            for name, code in snippets.items():
                samples[name].append(_sample(code, env)["cpu_seconds"])
    return {name: statistics.median(values) for name, values in samples.items()}


def measure(rounds: int = ROUNDS) -> dict[str, dict[str, float]]:
    """Median seconds, CPU seconds, peak MiB and optout modules loaded, per snippet: the baseline,
    then each handler from the layer as shipped ("name (byte code)") and as source ("name (source)")."""
    from local_stack import template

    # The baseline's boto3 is this environment's, with its byte code (as the runtime's own boto3).
    env = _environment()
    with tempfile.TemporaryDirectory(prefix="optout-cold-start-") as folder:
        copies = {" (byte code)": _copy(Path(folder) / "compiled", compiled=True)}
        copies[" (source)"] = _copy(Path(folder) / "source", compiled=False)
        snippets = {"import boto3 + DynamoDB client": BASELINE}
        for spec in template.functions().values():
            path = Path(spec.code_uri) / f"{spec.handler.rpartition('.')[0]}.py"
            for suffix, (layer, functions) in copies.items():
                handler = functions / path.relative_to(ROOT / "functions")
                snippets[spec.logical_id + suffix] = HANDLER.format(layer=str(layer), path=str(handler)) + REPORT
        samples: dict[str, list[dict[str, Any]]] = {name: [] for name in snippets}
        for _ in range(rounds):
            for name, code in snippets.items():
                samples[name].append(_sample(code, env))
    return {name: {key: statistics.median(s[key] for s in runs) for key in runs[0]} for name, runs in samples.items()}


def run() -> None:
    figures = measure()
    # The ratio compares CPU time: the import does no I/O worth the name (the files are in the page
    # cache), and CPU time does not count the moments another process held the core.
    baseline = next(iter(figures.values()))["cpu_seconds"]
    rows = []
    for name, f in figures.items():
        ratio = f["cpu_seconds"] / baseline
        verdict = "" if ratio == 1 else ("ok" if ratio <= TARGET else f"over {TARGET}")
        verdict = "reference" if name.endswith(" (source)") else verdict
        ms, cpu_ms = f"{f['seconds'] * 1000:.0f}", f"{f['cpu_seconds'] * 1000:.0f}"
        rows.append((name, ms, cpu_ms, f"{ratio:.2f}", verdict, f"{f['peak_mib']:.0f}", int(f["optout_modules"])))
    print(f"Cold import (median of {ROUNDS} fresh interpreters, interleaved; target {TARGET}x the baseline's CPU time)")
    print("(byte code) rows are the layer as sam build ships it, compiled ahead (unchecked-hash), and get the verdict;")
    print("(source) rows are the same layer without byte code, as shipped before issue #11, for reference.")
    print(table(rows, ("module", "ms", "CPU ms", "x baseline", "", "peak MiB", "optout modules")))
