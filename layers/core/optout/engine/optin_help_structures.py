"""English help and opt-in kinds of the tenth dev batch, from word tables, read after
optin_help_coverage.py: what a message is about ("what is this text about?"), a live person to
talk to, information on a matter ("I need info on my order status"), what to do in a case ("what
do I do if I forgot my pin"), and a change of mind that asks for the texts again ("I changed my
mind, keep texting me").
"""

from __future__ import annotations

from optout.engine.decision import Action
from optout.engine.intent_coverage import alt
from optout.engine.intent_pieces import IntentRule, rule
from optout.engine.optin_help_coverage import _NOT_BEFORE, SERVICE_NOUNS, _help

LIVE = ("live", "real", "actual", "human", "physical")
PEOPLE = ("person", "human", "agent", "rep", "representative", "someone", "somebody", "operator", "being")
INFO = ("info", "information", "details", "an update", "more info", "more information", "clarification", "update")
ABOUT = ("on", "about", "regarding", "re", "for", "concerning")
CHANGED = ("changed my mind", "change of heart", "on second thought", "i take it back", "changed our minds")
KEEP = ("keep", "continue", "resume", "start")

OPT_IN_HELP_STRUCTURE_RULES: tuple[IntentRule, ...] = (
    _help(
        "asks what the message is about",
        r"\bwhat(?:\s(?:is|s)|s)\s(?:this|that)\s(?:text\s|message\s|msg\s|txt\s|sms\s)?(?:about|regarding|for)\b",
        needs=("what whats", "about regarding for"),
        key=0,
    ),
    _help(
        "asks for a live person",
        # asked by the writer ("is there a live person I can chat with"), not offered ("chat to a real person")
        r"\b(?:is there|are there|can i|could i|how do i|how can i|may i|i need|i want|i would like|id like|let me)\s"
        r"(?:\w+\s){0,4}?(?:a|an|any)\s" + alt(LIVE) + r"\s" + alt(PEOPLE) + r"\b",
        needs=(" ".join(LIVE), " ".join(PEOPLE)),
        key=1,
    ),
    _help(
        "needs information on a matter",
        r"\b(?:i|we)\s(?:need|want|would like|d like|would love)\s(?:some\s)?"
        + alt(INFO)
        + r"\s"
        + alt(ABOUT)
        + r"\s(?:my|our|the|an|a)\s(?:\w+\s)?"
        + alt(SERVICE_NOUNS)
        + r"\b",
        needs=("info information details update clarification", "need want like love"),
        key=0,
    ),
    _help(
        "asks what to do in a case",
        r"\bwhat\s(?:do|should|can|must)\s(?:i|we)\s(?:do|doo)\s(?:if|when|about|now that)\b",
        needs=("what", "if when about now"),
        key=0,
    ),
    rule(
        "changed the writer's mind, the texts again",
        "en",
        r"\b" + alt(CHANGED) + r"\s?,?\s(?:\w+\s){0,2}?" + alt(KEEP) + r"\s(?:texting|messaging|sending|the texts"
        r"|the alerts|the messages|my texts|my alerts)\b",
        needs=("mind heart thought back minds", "keep continue resume start"),
        key=1,  # "keep", "start": already words rules start from; "mind" is not
        unless=_NOT_BEFORE,
        confidence=0.85,
        action=Action.OPT_IN,
        family="opt-in",
    ),
)
