"""make bench measures the engine of before the engine issue beside today's: the export must work."""

from __future__ import annotations

import subprocess
import sys

import pytest

from benchmarks import bench_engine
from benchmarks.before_engine_issue import BASE_COMMIT, exported


def _has_base_commit() -> bool:
    done = subprocess.run(
        ["git", "-C", str(bench_engine.ROOT), "cat-file", "-e", f"{BASE_COMMIT}^{{commit}}"],
        capture_output=True,
        check=False,
    )
    return done.returncode == 0


def test_export_holds_the_old_engine_and_inbound_handler_and_it_runs() -> None:
    if not _has_base_commit():
        pytest.skip("no git history with the commit before the engine issue (a source archive or shallow clone)")
    with exported() as before:
        assert before is not None
        assert (before / "functions" / "inbound_sms" / "app.py").is_file()
        layer = before / "layers" / "core"
        code = "import sys; sys.path.insert(0, sys.argv[1]); from optout.engine import classify; print(classify('STOP').action.value)"
        done = subprocess.run([sys.executable, "-c", code, str(layer)], capture_output=True, text=True, check=True)
        assert done.stdout.strip() == "opt_out"
    assert not before.exists()  # the temporary folder is gone afterwards


def test_export_without_the_commit_yields_none(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("benchmarks.before_engine_issue.BASE_COMMIT", "0" * 40)
    with exported() as before:
        assert before is None
