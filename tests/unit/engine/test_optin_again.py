"""Asking for the messages back in plain words (optin_help_general.py). Examples written for
these tests, not taken from the corpus."""

from __future__ import annotations

import pytest

from optout.engine import Action, classify

ROWS = [
    ("please sign us back up for the delivery alerts", Action.OPT_IN),
    ("we want the shipping updates again", Action.OPT_IN),
    ("i need my appointment reminders back", Action.OPT_IN),
    ("i dont want the promo texts again", Action.OPT_OUT),  # refused: the opt-out wins
    ("i want my money back", Action.NONE),  # not the messages
]


@pytest.mark.parametrize(("text", "action"), ROWS)
def test_messages_asked_for_again(text: str, action: Action) -> None:
    decision = classify(text)
    assert decision.action is action, decision.detail
