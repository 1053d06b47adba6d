"""Machine instructions per message, this tree's engine beside the engine of before the issue (#9).

Messages per second move with the machine and its load (the same tree has measured 54,000 on one
two-core development machine and 23,000 on another). Instructions counted by valgrind's callgrind do not: the same tree
gives the same count to within about 0.1%. Each engine is counted twice in a fresh interpreter under
callgrind, once after only a warm pass over the messages and once with one measured pass after it;
the difference, divided by the number of messages, is what one message costs once the rules it
needs are compiled. PYTHONHASHSEED is fixed so that set order, and so the work, is the same each run.

Instructions are not time: an interpreter's branches and lookups cost more per instruction than a
regular expression's inner loop, so the ratio here runs above the ratio of messages per second.
Both are printed; the issue's target is the second. Skipped when valgrind is not installed.

`python benchmarks/engine_instructions.py --layer DIR --passes N` is the counted worker.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_COLLECTED = re.compile(r"Collected\s*:\s*(\d+)")
_TIMEOUT_SECONDS = 900


def _counted(layer: Path, passes: int) -> int:
    """Instructions callgrind counts for one worker run over the messages."""
    done = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--callgrind-out-file=/dev/null",
            sys.executable,
            str(Path(__file__).resolve()),
            "--layer",
            str(layer),
            "--passes",
            str(passes),
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=_TIMEOUT_SECONDS,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    found = _COLLECTED.search(done.stderr)
    if found is None:
        raise RuntimeError(f"callgrind printed no instruction count: {done.stderr[-500:]}")
    return int(found.group(1))


def per_message(layer: Path, messages: int) -> int:
    """One measured pass's instructions, less the warm-up's, per message (both runs side by side)."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        warm, measured = pool.map(lambda passes: _counted(layer, passes), (0, 1))
    return round((measured - warm) / messages)


def run() -> dict[str, object]:
    if shutil.which("valgrind") is None:
        return {"skipped": "valgrind is not installed (Debian: apt-get install valgrind)"}
    from benchmarks.before_engine_issue import BASE_COMMIT, exported
    from benchmarks.bench_engine import messages

    source, texts = messages()
    today = per_message(ROOT / "layers" / "core", len(texts))
    result: dict[str, object] = {"source": source, "messages": len(texts), "today_instructions_per_message": today}
    with exported() as before:
        if before is None:
            return result
        old = per_message(before / "layers" / "core", len(texts))
    result.update(
        before_issue_commit=BASE_COMMIT[:12],
        before_issue_instructions_per_message=old,
        ratio_before_to_today=round(old / today, 2),
    )
    return result


def _work(layer: Path, passes: int) -> None:
    sys.path[:0] = [str(layer), str(ROOT)]
    from benchmarks.bench_engine import messages
    from optout.engine import classify

    texts = messages()[1]
    for _ in range(1 + passes):  # the first pass compiles what the messages need
        for text in texts:
            classify(text)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--layer", type=Path, help="run the counted worker on the engine under this folder")
    parser.add_argument("--passes", type=int, default=1)
    arguments = parser.parse_args()
    if arguments.layer is not None:
        _work(arguments.layer, arguments.passes)
        raise SystemExit(0)
    sys.path[:0] = [str(ROOT)]
    import json

    print(json.dumps(run(), indent=2))
