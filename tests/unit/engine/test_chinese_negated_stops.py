# ruff: noqa: RUF001 - full-width Chinese punctuation is part of these messages
"""A Chinese stop word refused ("不要退订": don't unsubscribe) asks for nothing, whether the
negation stands alone or with its modal (不要, 不想, 不用, 没有), in the phrase table and in the
cue reader alike. A request that is itself a negated send ("不要再发", "别再发了") still opts out,
and so does the bare stop word."""

from __future__ import annotations

import itertools

import pytest

from optout.engine import Action, classify
from optout.engine.phrases import negated_before

_NEGATIONS = ["不要", "请不要", "千万不要", "我不想", "不用", "不必", "我没有", "別", "不需要"]
_STOPS = ["退订", "取消订阅", "取消我的订阅", "退訂", "取消訂閱", "拒收", "停止发送"]

REFUSED = ["".join(pair) for pair in itertools.product(_NEGATIONS, _STOPS)]


@pytest.mark.parametrize("text", REFUSED)
def test_a_refused_stop_is_no_opt_out(text: str) -> None:
    decision = classify(text)
    assert decision.action is not Action.OPT_OUT, decision.detail


@pytest.mark.parametrize(
    "text",
    [
        "退订",
        "我要退订",
        "请帮我退订",
        "取消订阅",
        "不要再发了",
        "别再发了",
        "不要再给我发短信",
        "不想再收到你们的短信",
        "我不要再收到短信",
        "不用再发了",
        "别再发了，退订",
        "不要再发短信了，我要退订",
        "不要骚扰我",
    ],
)
def test_stops_and_negated_sends_still_opt_out(text: str) -> None:
    assert classify(text).action is Action.OPT_OUT


@pytest.mark.parametrize(
    ("compact", "start", "negated"),
    [
        ("不退订", 1, True),
        ("不要退订", 2, True),
        ("我不想退订", 3, True),
        ("没有退订", 2, True),
        ("我要退订", 2, False),
        ("请退订", 1, False),
    ],
)
def test_negated_before_reads_a_negation_alone_or_with_its_modal(compact: str, start: int, negated: bool) -> None:
    assert negated_before(compact, start) is negated
