"""Throughput of the opt-out engine on one core, beside the engine before the engine issue (#9).

`python benchmarks/bench_engine.py [--layer DIR]` classifies the SMS Spam Collection (shared/data
beside the repo; 5,574 real messages) several times, or a synthetic mix of replies when shared/ is
absent, and prints messages per second for the engine under DIR/optout (default: this tree's).

`make bench` runs this tree's engine and the engine of before the issue (exported from git, see
before_engine_issue.py) in fresh interpreters, alternating, and prints both figures and their
ratio; and the inbound handler's cold import, both trees side by side. The targets (issue #9,
item 7): 50,000 messages per second, and an inbound cold import at most 10% above the one before.
The issue's reference run measured the old engine at 30,000 per second, so 50,000 there is 1.67
times the old engine. Without git history the old figures are the recorded ones.
"""

from __future__ import annotations

import argparse
import gc
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "sms-spam-collection.tsv"

TARGET = 50_000
RECORDED_BASELINE = 30_000  # the engine before the issue, on the issue's reference run
IMPORT_GROWTH_LIMIT = 1.10  # the inbound handler's cold import, against the one before the issue
ROUNDS = 3  # alternating fresh interpreters per engine

_SYNTHETIC = (
    "STOP",
    "stop please",
    "Stop. Thank you",
    "please remove me from your list",
    "wrong number",
    "Stpo",
    "Yes",
    "HELP",
    "can you stop by later?",
    "I can't stop laughing",
    "please cancel my order!",
    "Ok lar... Joking wif u oni...",
    "See you at 5, I'll bring the snacks. Don't forget the tickets!",
    "Had your mobile 11 months? Text YES for callback, reply STOP to opt out",
    "Are we still on for dinner tomorrow night or should we move it to Friday?",
    "who is this? stop texting me",
)


def messages() -> tuple[str, list[str]]:
    """The corpus (or a synthetic mix of the same size) and where it came from."""
    if CORPUS.is_file():
        lines = CORPUS.read_text(encoding="utf-8").splitlines()[1:]
        return "sms-spam-collection", [line.split("\t", 1)[1] for line in lines]
    count = 5_574
    return "synthetic", [_SYNTHETIC[i % len(_SYNTHETIC)] + ("" if i < 16 else f" {i}") for i in range(count)]


def rates(layer: Path, repeats: int = 5) -> dict[str, object]:
    """Classify the messages `repeats` times with the engine under `layer`, after one warm pass."""
    sys.path.insert(0, str(layer))
    from optout.engine import classify

    source, texts = messages()
    for text in texts:  # warm up: compile the intent rules the messages need
        classify(text)
    measured = []
    gc.disable()  # measure the engine, not a collection that happens to land in one pass
    try:
        for _ in range(repeats):
            started = time.perf_counter()
            for text in texts:
                classify(text)
            measured.append(len(texts) / (time.perf_counter() - started))
    finally:
        gc.enable()
    return {"source": source, "messages": len(texts), "best": max(measured), "mean": sum(measured) / len(measured)}


def _in_fresh_interpreter(layer: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--layer", str(layer)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def side_by_side(before: Path | None) -> dict[str, list[dict[str, object]]]:
    """Each engine's figures from ROUNDS fresh interpreters, alternating so that load hits both."""
    layers = {"today": ROOT / "layers" / "core"}
    if before is not None:
        layers["before"] = before / "layers" / "core"
    runs: dict[str, list[dict[str, object]]] = {name: [] for name in layers}
    for _ in range(ROUNDS):
        for name, layer in layers.items():
            runs[name].append(_in_fresh_interpreter(layer))
    return runs


def run() -> dict[str, object]:
    from benchmarks import cold_start
    from benchmarks.before_engine_issue import BASE_COMMIT, exported

    with exported() as before:
        runs = side_by_side(before)
        imports = (
            None
            if before is None
            else cold_start.handler_beside("inbound_sms/app.py", {"today": ROOT, "before": before})
        )
    best = max(float(r["best"]) for r in runs["today"])  # type: ignore[arg-type]
    result: dict[str, object] = {
        "source": runs["today"][0]["source"],
        "messages": runs["today"][0]["messages"],
        "best_messages_per_second": round(best),
        "target_messages_per_second": TARGET,
        "meets_target": best >= TARGET,
    }
    if before is None:
        result["before_issue_recorded"] = RECORDED_BASELINE
        result["ratio_to_recorded"] = round(best / RECORDED_BASELINE, 2)
        return result
    old = max(float(r["best"]) for r in runs["before"])  # type: ignore[arg-type]
    assert imports is not None
    growth = imports["today"] / imports["before"]
    result.update(
        before_issue_commit=BASE_COMMIT[:12],
        before_issue_best_messages_per_second=round(old),
        ratio_to_before_issue=round(best / old, 2),
        ratio_the_target_means_on_the_reference_run=round(TARGET / RECORDED_BASELINE, 2),
        inbound_cold_import_cpu_ms={"today": round(imports["today"] * 1000), "before": round(imports["before"] * 1000)},
        inbound_cold_import_growth=round(growth, 3),
        inbound_cold_import_within_limit=growth <= IMPORT_GROWTH_LIMIT,
    )
    return result


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--layer", type=Path, help="measure only the engine under this layer folder")
    arguments = parser.parse_args()
    if arguments.layer is not None:
        print(json.dumps(rates(arguments.layer)))
        raise SystemExit(0)
    sys.path[:0] = [str(ROOT)]
    outcome = run()
    print(json.dumps(outcome, indent=2))
    raise SystemExit(0 if outcome["meets_target"] else 1)
