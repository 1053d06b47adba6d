"""Opt-out engine: decides whether an inbound SMS opts out, opts in, asks for help or none.

Pure and standard-library only: it runs inside Lambda on every inbound message. Keyword tables
are built at import and each natural-language pattern is compiled the first time a message needs
it, so a cold start stays cheap. `classify` is the entry point:

    >>> from optout.engine import classify
    >>> classify("Stop. Thank you").action
    <Action.OPT_OUT: 'opt_out'>
"""

from optout.engine.classifier import MAX_INTENT_LENGTH, classify
from optout.engine.decision import (
    DEFAULT_SETTINGS,
    Action,
    Decision,
    EngineSettings,
    Rule,
    reason_for,
)
from optout.engine.normalization import normalize

__all__ = [
    "DEFAULT_SETTINGS",
    "MAX_INTENT_LENGTH",
    "Action",
    "Decision",
    "EngineSettings",
    "Rule",
    "classify",
    "normalize",
    "reason_for",
]
