"""Each handler's cold import time beside a bare `import boto3`, in fresh interpreters."""

from __future__ import annotations

import json

from benchmarks.common import ROOT, subprocess_seconds, table

BOTO3 = "import time; t = time.perf_counter(); import boto3; print(time.perf_counter() - t)"
HANDLER = """
import importlib.util, json, sys, time
sys.path[:0] = [{layer!r}]
t = time.perf_counter()
spec = importlib.util.spec_from_file_location("app", {path!r})
module = importlib.util.module_from_spec(spec); spec.loader.exec_module(module)
elapsed = time.perf_counter() - t
print(json.dumps(sorted(m for m in sys.modules if m.startswith("optout"))))
print(elapsed)
"""


def run() -> None:
    from local_stack import template

    env = template.local_environment()
    env["POWERTOOLS_TRACE_DISABLED"] = "true"
    boto3_seconds = subprocess_seconds(BOTO3, env)
    rows = [("import boto3 (baseline)", f"{boto3_seconds * 1000:.0f}", "1.00", "")]
    for spec in template.functions().values():
        module_file = spec.handler.rpartition(".")[0]
        code = HANDLER.format(layer=str(ROOT / "layers" / "core"), path=str(spec.code_uri / f"{module_file}.py"))
        seconds = subprocess_seconds(code, env)
        import subprocess
        import sys

        modules = json.loads(
            subprocess.run(
                [sys.executable, "-c", code],
                capture_output=True,
                text=True,
                env={**__import__("os").environ, **env},
                check=True,
            ).stdout.splitlines()[0]
        )
        rows.append(
            (
                spec.logical_id,
                f"{seconds * 1000:.0f}",
                f"{seconds / boto3_seconds:.2f}",
                ", ".join(m.removeprefix("optout.") for m in modules if m != "optout"),
            )
        )
    print("Cold import time (median of 7 fresh interpreters)")
    print(table(rows, ("module", "ms", "x boto3", "optout modules loaded")))
