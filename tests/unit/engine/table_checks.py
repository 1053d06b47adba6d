"""What the table tests of the engine's word families check: which texts of a table miss their
action, and which guards take it when they must not (each empty when the table works)."""

from __future__ import annotations

from optout.engine import DEFAULT_SETTINGS, Action, classify


def action_of(text: str) -> Action:
    return classify(text, DEFAULT_SETTINGS).action


def missing(texts: list[str], action: Action) -> list[str]:
    """The texts that do not get `action`."""
    return [text for text in texts if action_of(text) is not action]


def taken(texts: list[str], action: Action) -> list[str]:
    """The texts that get `action` (guards: none should)."""
    return [text for text in texts if action_of(text) is action]
