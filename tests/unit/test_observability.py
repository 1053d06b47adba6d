"""The shared Tracer: the real X-Ray one whenever tracing is on, and no X-Ray SDK import when it is off."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from aws_lambda_powertools import Tracer

from local_stack import template
from optout import observability

TRACE_ENV = ("POWERTOOLS_TRACE_DISABLED", "LAMBDA_TASK_ROOT", "AWS_SAM_LOCAL", "AWS_CHALICE_CLI_MODE")

# (POWERTOOLS_TRACE_DISABLED, LAMBDA_TASK_ROOT, AWS_SAM_LOCAL, AWS_CHALICE_CLI_MODE) -> tracing on?
CASES = [
    ((None, "/var/task", None, None), True),
    (("false", "/var/task", None, None), True),
    (("0", "/var/task", None, None), True),
    (("true", "/var/task", None, None), False),
    (("1", "/var/task", None, None), False),
    ((None, None, None, None), False),  # outside Lambda: no X-Ray daemon to send to
    ((None, "/var/task", "true", None), False),  # sam local invoke
    ((None, "/var/task", None, "true"), False),  # chalice local
]


@pytest.mark.parametrize(("values", "expected"), CASES)
def test_tracing_enabled_follows_powertools_own_rule(monkeypatch, values, expected):
    for name, value in zip(TRACE_ENV, values, strict=True):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    assert observability.tracing_enabled() is expected
    assert observability.tracing_enabled() is not bool(Tracer._is_tracer_disabled())


PROBE = """
import json, sys
sys.path[:0] = [{layer!r}]
from optout.observability import tracer
print(json.dumps({{"provider": type(tracer.provider).__module__, "disabled": tracer.disabled,
                  "xray_loaded": "aws_xray_sdk.core" in sys.modules}}))
"""


def _probe(**env: str) -> dict[str, object]:
    clean = {k: v for k, v in os.environ.items() if k not in TRACE_ENV}
    out = subprocess.run(
        [sys.executable, "-c", PROBE.format(layer=str(template.LAYER_PATH))],
        capture_output=True, text=True, check=True, env={**clean, **env},
    )
    return json.loads(out.stdout.splitlines()[-1])  # type: ignore[no-any-return]


def test_tracing_on_in_lambda_builds_the_real_xray_tracer():
    probe = _probe(LAMBDA_TASK_ROOT="/var/task", AWS_XRAY_CONTEXT_MISSING="IGNORE_ERROR")
    assert probe["disabled"] is False
    assert str(probe["provider"]).startswith("aws_xray_sdk")
    assert probe["xray_loaded"] is True


@pytest.mark.parametrize("env", [{"POWERTOOLS_TRACE_DISABLED": "true", "LAMBDA_TASK_ROOT": "/var/task"}, {}])
def test_tracing_off_never_imports_the_xray_sdk(env):
    probe = _probe(**env)
    assert probe == {"provider": "optout.observability", "disabled": True, "xray_loaded": False}


def test_untraced_handler_still_answers_and_raises():
    tracer = observability.build_tracer()  # the tests run outside Lambda: tracing is off

    @tracer.capture_lambda_handler
    def handler(event, context):
        if event.get("fail"):
            raise ValueError("boom")
        return {"ok": event["n"]}

    assert tracer.disabled is True
    assert handler({"n": 1}, None) == {"ok": 1}
    with pytest.raises(ValueError, match="boom"):
        handler({"fail": True}, None)
