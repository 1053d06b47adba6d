"""Opt-outs of another channel that keep the texts (texts_kept.py), and complaints of a flooded
phone. Examples written for these tests, not taken from the corpus."""

from __future__ import annotations

import pytest

from optout.engine import Action, Rule, classify

KEPT = [
    "dejen de mandarme correos, los mensajes de texto si",
    "arretez les appels, les sms ca va",
    "keine anrufe mehr bitte, sms sind okay",
    "перестаньте звонить, сообщения можно",
    "别再给我打电话了\uff0c短信没关系",  # a full-width comma
]
NOT_KEPT = [
    ("stop texting me, email is fine", Action.OPT_OUT),  # the texts are what goes
    ("email me instead, not by sms", Action.OPT_OUT),
    ("unsubscribe me from emails, texts aren't ok", Action.REVIEW),
    ("stop calling me", Action.OPT_OUT),  # revoking calls revokes texts
]
FLOODED = [
    "you guys keep blowing up my phone",
    "my phone buzzes all the time because of this",
    "texts at all hours, enough",
    "how many times do i have to tell you",
    "y do u keep txting me",
]


@pytest.mark.parametrize("text", KEPT)
def test_another_channel_with_texts_kept_is_no_opt_out(text: str) -> None:
    decision = classify(text)
    assert (decision.action, decision.rule) == (Action.NONE, Rule.EXCLUSION), decision.detail
    assert decision.detail == "excluded: opt-out of another channel, texts wanted"


@pytest.mark.parametrize(("text", "action"), NOT_KEPT)
def test_texts_not_kept(text: str, action: Action) -> None:
    assert classify(text).action is action, classify(text).detail


@pytest.mark.parametrize("text", FLOODED)
def test_complaints_of_a_flooded_phone_opt_out(text: str) -> None:
    decision = classify(text)
    assert decision.action is Action.OPT_OUT, decision.detail
