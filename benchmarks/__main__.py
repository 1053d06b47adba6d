"""`make bench`: figures and ratios that compare side by side in one run, or do not vary."""

from __future__ import annotations

import importlib
import json
import sys

SECTIONS = [
    "benchmarks.cold_start",
    "benchmarks.contacts",
    "benchmarks.imports",
    "benchmarks.bench_engine",
    "benchmarks.engine_instructions",
    "benchmarks.inbound",
    "benchmarks.delivery",
    "benchmarks.reports",
]


def main() -> int:
    import warnings

    from benchmarks import common  # noqa: F401 - sets up paths and environment

    warnings.filterwarnings("ignore", "No application metrics to publish")

    for name in SECTIONS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError:
            continue
        print(f"\n=== {name.rpartition('.')[2]} ===", flush=True)
        result = module.run()
        if isinstance(result, dict):
            print(json.dumps(result, indent=2))
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
