"""Opt-in and help kinds written from the errors of the sixth dev batch, read after
optin_help_kinds.py. Opt-in: "re-enroll me in text alerts", "can I start getting the reminders
again". Help: asking to speak with a person about a matter ("I need to speak with someone about
this charge"), how to do an account task ("how do I reset my password"). Opening hours are left out: the corpus reads
"what time do you open" as ordinary conversation.
"""

from __future__ import annotations

from optout.engine.decision import Action
from optout.engine.intent_pieces import IntentRule, rule

_THINGS = r"(?:(?:text|sms|txt)\s)?(?:alerts|texts|txts|messages|msgs|notifications|reminders|updates|deals|offers)"
_THING_WORDS = "alerts texts txts messages msgs notifications reminders updates deals offers"
_NOT_BEFORE = r"\b(?:dont|do not|never|not|didnt|did not|wouldnt|no|stop|quit)\s(?:\w+\s)?$"


def _help(name: str, pattern: str, needs: tuple[str, ...]) -> IntentRule:
    return rule(name, "en", pattern, needs=needs, unless=_NOT_BEFORE, confidence=0.8, action=Action.HELP, family="help")


OPT_IN_HELP_EVERYDAY_RULES: tuple[IntentRule, ...] = (
    rule(
        "asks to be enrolled again",
        "en",
        r"\b(?:re enroll|reenroll|re enrol|reenrol|re add|readd|re activate|reactivate)\s(?:me|us|my number|this number)"
        r"(?:\s(?:in|into|for|to)\s(?:the\s|your\s|my\s)?(?:\w+\s)?" + _THINGS + r")?\b",
        needs=("re reenroll reenrol readd reactivate",),
        unless=_NOT_BEFORE,
        confidence=0.85,
        action=Action.OPT_IN,
        family="opt_in",
    ),
    rule(
        "asks to start getting the messages",
        "en",
        r"\b(?:start|begin|resume)\s(?:getting|receiving)\s(?:the\s|your\s|my\s|those\s)?(?:\w+\s)?"
        + _THINGS
        + r"(?:\s(?:again|back))?\b",
        needs=("start begin resume", "getting receiving", _THING_WORDS),
        unless=_NOT_BEFORE,
        confidence=0.85,
        action=Action.OPT_IN,
        family="opt_in",
    ),
    _help(
        "asks to speak with a person about a matter",
        r"\b(?:speak|talk|chat)\s(?:with|to)\s(?:someone|somebody|a person|a human|a real person|an agent|a rep"
        r"|a representative|customer service|support|billing)\s(?:about|regarding|re|on)\s\w+",
        ("speak talk chat", "about regarding re on"),
    ),
    _help(
        "asks how to do an account task",
        r"\bhow\s(?:do|can|should|would)\s(?:i|we)\s(?:reset|change|update|pay|access|log ?in|sign in|set up|track"
        r"|view|download|renew|reschedule)\s(?:my|the|our|a|an)\b",
        ("how", "reset change update pay access log login sign set track view download renew reschedule"),
    ),
    _help(
        "asks whom to contact",
        r"\bwho\s(?:can|do|should|could)\s(?:i|we)\s(?:contact|call|talk to|speak to|speak with|reach|email)\b",
        ("who", "contact call talk speak reach email"),
    ),
)
