"""The instruction-count benchmark: its arithmetic and its skip, without running valgrind."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import engine_instructions


def test_it_is_skipped_with_a_reason_when_valgrind_is_absent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine_instructions.shutil, "which", lambda name: None)
    result = engine_instructions.run()
    assert list(result) == ["skipped"]
    assert "valgrind" in str(result["skipped"])


def test_one_message_costs_the_measured_pass_less_the_warm_up(monkeypatch: pytest.MonkeyPatch) -> None:
    counts = {0: 1_000_000, 1: 1_000_000 + 4 * 12_345}
    monkeypatch.setattr(engine_instructions, "_counted", lambda layer, passes: counts[passes])
    assert engine_instructions.per_message(Path("layer"), 4) == 12_345


@pytest.mark.parametrize(
    ("stderr", "expected"),
    [("==1== Events    : Ir\n==1== Collected : 123456789\n", 123456789), ("==1== Collected: 42\n", 42)],
)
def test_the_count_is_read_from_callgrinds_summary(stderr: str, expected: int) -> None:
    found = engine_instructions._COLLECTED.search(stderr)
    assert found is not None
    assert int(found.group(1)) == expected
