"""Each handler's cold import beside `import boto3` plus creating a DynamoDB client, in fresh interpreters.

The baseline is what any Python function that talks to DynamoDB pays before its first request, so
the ratio is what the service adds on top. The runs are interleaved (baseline, every handler, then
again) so that a busy machine slows them all alike; each figure is the median of ROUNDS. Peak
memory is the interpreter's maximum resident set once the import is done.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from typing import Any

from benchmarks.common import ROOT, table

ROUNDS = 9
TARGET = 1.5  # the ratio every handler must stay within
REPORT = """
import json, resource, sys
print(json.dumps({"seconds": elapsed, "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "optout_modules": sum(1 for m in sys.modules if m.startswith("optout."))}))
"""
BASELINE = """
import time
t = time.perf_counter()
import boto3
boto3.client("dynamodb")
elapsed = time.perf_counter() - t
""" + REPORT
HANDLER = """
import importlib.util, sys, time
sys.path[:0] = [{layer!r}]
t = time.perf_counter()
spec = importlib.util.spec_from_file_location("app", {path!r})
module = importlib.util.module_from_spec(spec); spec.loader.exec_module(module)
elapsed = time.perf_counter() - t
"""


def _sample(code: str, env: dict[str, str]) -> dict[str, Any]:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ, **env})
    if done.returncode:
        raise RuntimeError(f"the import failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def measure(rounds: int = ROUNDS) -> dict[str, dict[str, float]]:
    """Median seconds, peak MiB and optout modules loaded, per snippet: the baseline, then each handler."""
    from local_stack import template

    # As the local stack runs them: tracing off (in AWS with tracing on, X-Ray adds its own import).
    env = {**template.local_environment(), "POWERTOOLS_TRACE_DISABLED": "true"}
    snippets = {"import boto3 + DynamoDB client": BASELINE}
    for spec in template.functions().values():
        path = spec.code_uri / f"{spec.handler.rpartition('.')[0]}.py"
        snippets[spec.logical_id] = HANDLER.format(layer=str(ROOT / "layers" / "core"), path=str(path)) + REPORT
    samples: dict[str, list[dict[str, Any]]] = {name: [] for name in snippets}
    for _ in range(rounds):
        for name, code in snippets.items():
            samples[name].append(_sample(code, env))
    return {
        name: {key: statistics.median(s[key] for s in runs) for key in runs[0]} for name, runs in samples.items()
    }


def run() -> None:
    figures = measure()
    baseline = next(iter(figures.values()))["seconds"]
    rows = []
    for name, f in figures.items():
        ratio = f["seconds"] / baseline
        verdict = "" if ratio == 1 else ("ok" if ratio <= TARGET else f"over {TARGET}")
        rows.append((name, f"{f['seconds'] * 1000:.0f}", f"{ratio:.2f}", verdict, f"{f['peak_mib']:.0f}", int(f["optout_modules"])))
    print(f"Cold import (median of {ROUNDS} fresh interpreters, interleaved; target {TARGET}x the baseline)")
    print(table(rows, ("module", "ms", "x baseline", "", "peak MiB", "optout modules")))
