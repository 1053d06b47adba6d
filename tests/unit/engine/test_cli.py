"""The `python -m optout classify` command, driven through main() with in-memory streams."""

from __future__ import annotations

import json
from io import StringIO

import pytest

from optout.cli.classify import main


def run(lines: list[str], *argv: str) -> list[dict[str, str | None]]:
    out = StringIO()
    assert main(list(argv), stdin=StringIO("".join(line + "\n" for line in lines)), stdout=out) == 0
    return [json.loads(row) for row in out.getvalue().splitlines()]


def test_one_json_object_per_line_in_input_order() -> None:
    rows = run(["STOP", "can you stop by later?", "please remove me from your list", "Stpo", ""])
    assert [row["text"] for row in rows] == [
        "STOP",
        "can you stop by later?",
        "please remove me from your list",
        "Stpo",
        "",
    ]
    assert [(row["action"], row["rule"]) for row in rows] == [
        ("opt_out", "keyword"),
        ("none", "none"),
        ("opt_out", "intent"),
        ("confirm", "typo"),
        ("none", "none"),
    ]
    assert rows[0]["match"] == "stop"
    assert rows[0]["keyword"] == "STOP"
    assert rows[3]["keyword"] == "STOP"
    assert set(rows[0]) == {
        "text",
        "action",
        "rule",
        "match",
        "keyword",
        "language",
        "normalized",
        "detail",
        "confidence",
        "review_reason",
    }


def test_typo_mode_option() -> None:
    assert run(["Stpo"], "--typo-mode", "opt_out")[0]["action"] == "opt_out"
    ignored = run(["Stpo"], "--typo-mode", "ignore")[0]
    assert (ignored["action"], ignored["rule"], ignored["match"]) == ("none", "typo", "stpo")


def test_no_intent_option() -> None:
    row = run(["stop texting me"], "--no-intent")[0]
    assert (row["action"], row["rule"]) == ("none", "none")
    assert run(["STOP"], "--no-intent")[0]["action"] == "opt_out"


def test_repeatable_opt_out_keyword() -> None:
    rows = run(
        ["byebye", "Ciao!", "hello"], "--opt-out-keyword", "BYEBYE", "--opt-out-keyword", "ciao"
    )
    assert [row["action"] for row in rows] == ["opt_out", "opt_out", "none"]
    assert rows[1]["keyword"] == "CIAO"


def test_unstopped_option() -> None:
    row = run(["stop texting me"], "--unstopped")[0]
    assert (row["action"], row["rule"]) == ("review", "exclusion")


def test_windows_line_endings_and_unicode() -> None:
    out = StringIO()
    main([], stdin=StringIO("ARR\u00caT\r\n\U0001f6d1\r\n"), stdout=out)
    rows = [json.loads(row) for row in out.getvalue().splitlines()]
    assert [row["text"] for row in rows] == ["ARR\u00caT", "\U0001f6d1"]
    assert [row["keyword"] for row in rows] == ["ARRET", "STOP"]


def test_bad_typo_mode_is_a_usage_error() -> None:
    with pytest.raises(SystemExit) as raised:
        main(["--typo-mode", "maybe"], stdin=StringIO(""), stdout=StringIO())
    assert raised.value.code == 2
