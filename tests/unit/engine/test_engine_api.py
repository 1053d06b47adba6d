"""The engine's public API: decisions, settings, reasons, normalisation and its import footprint."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from optout.engine import (
    DEFAULT_SETTINGS,
    Action,
    Decision,
    EngineSettings,
    Rule,
    classify,
    normalize,
    reason_for,
)

LAYER = Path(__file__).resolve().parents[3] / "layers" / "core"


def test_decision_to_dict_is_json_ready() -> None:
    decision = classify("Stpo")
    data = decision.to_dict()
    assert data == {
        "action": "confirm",
        "rule": "typo",
        "match": "stpo",
        "keyword": "STOP",
        "language": "en",
        "normalized": "stpo",
        "detail": "one-letter typo of STOP (letters swapped): ask to confirm",
        "confidence": 1.0,
        "review_reason": None,
    }
    assert json.loads(json.dumps(data)) == data
    assert all(not isinstance(value, Action | Rule) for value in data.values())


def test_decision_is_frozen() -> None:
    decision = classify("STOP")
    with pytest.raises(AttributeError):
        decision.action = Action.NONE  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "settings", "reason"),
    [
        ("STOP", DEFAULT_SETTINGS, "keyword"),
        ("START", DEFAULT_SETTINGS, "keyword"),
        ("stop texting me", DEFAULT_SETTINGS, "intent"),
        ("Stpo", EngineSettings(typo_mode="opt_out"), "fuzzy"),
        ("Stpo", DEFAULT_SETTINGS, "fuzzy"),  # confirm: the reason to record once confirmed
        ("Stpo", EngineSettings(typo_mode="ignore"), None),
        ("hello", DEFAULT_SETTINGS, None),
        ("12345", DEFAULT_SETTINGS, None),
    ],
)
def test_reason_for(text: str, settings: EngineSettings, reason: str | None) -> None:
    assert reason_for(classify(text, settings)) == reason


def test_reason_for_exclusion_is_none() -> None:
    assert reason_for(classify("stop texting me", unstopped_within_six_months=True)) is None


def test_settings_validate_typo_mode() -> None:
    with pytest.raises(ValueError, match="typo_mode"):
        EngineSettings(typo_mode="maybe")


def test_settings_accept_lists_and_stay_hashable() -> None:
    settings = EngineSettings(extra_opt_out_keywords=["BYEBYE"])  # type: ignore[arg-type]
    assert settings.extra_opt_out_keywords == ("BYEBYE",)
    assert hash(settings) == hash(EngineSettings(extra_opt_out_keywords=("BYEBYE",)))
    with pytest.raises(TypeError):
        EngineSettings(extra_opt_out_keywords="BYEBYE")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "keyword", "language"),
    [
        ("STOP", "STOP", "en"),
        ("Stop. Thank you", "STOP", "en"),
        ("OPT-OUT", "OPT OUT", "en"),
        ("stop=quit", "STOP2QUIT", "en"),
        ("STOP ALL", "STOPALL", "en"),
        ("ARR\u00caT", "ARRET", "fr"),
        ("TD", "TD", "fr"),
        ("no m\u00e1s", "NO MAS", "es"),
        ("BAJA", "BAJA", "es"),
        ("ayuda", "AYUDA", "es"),
        ("aide", "AIDE", "fr"),
        ("Yes", "YES", "en"),
        ("Stpo", "STOP", "en"),
        ("unsubscrib", "UNSUBSCRIBE", "en"),
        ("optput", "OPT OUT", "en"),
        ("arrte", "ARRET", "fr"),
        ("stop texting me", None, "en"),
        ("n\u00famero equivocado", None, "es"),
        ("mauvais num\u00e9ro", None, "fr"),
        ("hello", None, None),
    ],
)
def test_keyword_and_language(text: str, keyword: str | None, language: str | None) -> None:
    decision = classify(text)
    assert (decision.keyword, decision.language) == (keyword, language)


def test_workspace_keyword_is_reported_as_configured() -> None:
    settings = EngineSettings(extra_opt_out_keywords=("Goodbye now",))
    decision = classify("GOODBYE NOW!", settings)
    assert (decision.action, decision.keyword, decision.language) == (
        Action.OPT_OUT,
        "GOODBYE NOW",
        None,
    )


@pytest.mark.parametrize(
    ("text", "normalized"),
    [
        ("STOP (sent with Gentle Effect)", "stop"),
        ("STOPPPP!!!", "stop"),
        ("Don\u2019t text me!! Please...", "dont text me please"),
        ("ARR\u00caT", "arret"),
        ("no m\u00e1s", "no mas"),
        ("\U0001f6d1", "stop"),
        ("stop=quit", "stop quit"),
        ("Wrong #", "wrong number"),
        ("Stra\u00dfe", "strasse"),
        ("  ", ""),
    ],
)
def test_normalize(text: str, normalized: str) -> None:
    assert normalize(text) == normalized
    assert classify(text).normalized == normalized


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("STOP", "opt-out keyword STOP"),
        ("stop please", "opt-out keyword STOP with polite filler"),
        ("START", "opt-in keyword START"),
        ("HELP", "help keyword HELP"),
        ("12345", "excluded: digits only"),
        ("STOP 12345", "STOP followed by other words: not a whole-message keyword"),
        ("wrong number", "natural-language opt-out: wrong number"),
        ("un subscribe", "split-word typo of UNSUBSCRIBE: ask to confirm"),
        ("hello", None),
    ],
)
def test_detail(text: str, detail: str | None) -> None:
    assert classify(text).detail == detail


def test_exclusion_details_name_the_exclusion() -> None:
    long_detail = classify("stop texting me" + " " * 200).detail or ""
    assert long_detail.startswith("excluded: longer than 200 characters")
    unstopped = classify("Stpo", unstopped_within_six_months=True).detail or ""
    assert unstopped.startswith("excluded: opted back in within six months")


def test_decision_type() -> None:
    assert isinstance(classify("anything"), Decision)


def test_engine_imports_only_the_standard_library() -> None:
    """The engine runs in Lambda on every message: no third-party imports, no slow start.

    `-S` skips site-packages hooks (.pth files), which are no import of ours.
    """
    code = (
        "import sys; import optout.engine, optout.engine.intent; "
        "print(sorted({m.split('.')[0] for m in sys.modules}"
        " - set(sys.stdlib_module_names) - {'__main__'}))"
    )
    env = {**os.environ, "PYTHONPATH": str(LAYER)}
    result = subprocess.run(
        [sys.executable, "-S", "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert json.loads(result.stdout.replace("'", '"')) == ["optout"]
