"""English requests to pause the texts and refusals that say "that's enough", read after
intent_code_switch.py (the other languages read the same kinds from cue words:
languages/cue_words_pause.py).

A pause asks that the texts stop for now, which is a request to stop them: "pause my sms alerts
until january", "put my texts on hold", "hold off on texting me", "can we take a break from the
texts". Every form needs what is sent after the verb, so "pause the game", "suspend my gym
membership" and "put my order on hold" stay none. "No thanks, that's enough" refuses more texts;
"that's enough for today" without the refusal is conversation.
"""

from __future__ import annotations

from optout.engine.intent_coverage import alt, first_words
from optout.engine.intent_pieces import IntentRule, rule

# Verbs of pausing followed by what is sent ("pause the texts", "suspend text messages").
PAUSE_VERBS = ("pause", "pls pause", "suspend", "freeze", "put a hold on", "put a pause on", "hold off on",
               "hold off with", "take a break from", "taking a break from", "give me a break from", "a break from",
               "hit pause on")  # fmt: skip
# "put my texts on hold", "put the alerts on pause".
HOLD_ENDS = ("on hold", "on pause", "on ice")
REFUSALS = ("no thanks", "no thank you", "no thank u", "no thx", "no ty", "nah thanks", "nah thank you",
            "thanks but no thanks", "thank you but no", "thanks but no", "no thanks man")  # fmt: skip
ENOUGH = (
    "enough",
    "plenty",
    "enough already",
    "more than enough",
    "quite enough",
    "ive had enough",
    "i have had enough",
    "had enough",
    "im good thats enough",
)

PAUSE_RULES: tuple[IntentRule, ...] = (
    rule(
        "a request to pause the texts",
        "en",
        r"\b" + alt(PAUSE_VERBS) + r"\s(?:sending\s(?:me\s)?)?<DET><MOD><NOUN>\b"
        r"|\bhold off on\s(?:texting|txting|messaging|contacting|spamming)\s(?:me|us|this number)\b"
        r"|\bput\s<DET><MOD><NOUN>\s" + alt(HOLD_ENDS) + r"\b",
        needs=(first_words(PAUSE_VERBS) + " put", "@NOUN @GERUND"),
        confidence=0.9,
        key=0,
    ),
    rule(
        "a refusal: no thanks, that is enough",
        "en",
        r"(?:^|,\s)"
        + alt(REFUSALS)
        + r"(?:\s,)?\s(?:(?:thats|that is|its|it is|this is)\s)?"
        + alt(ENOUGH)
        + r"(?:\s(?:of\s)?(?:<DET><MOD><NOUN>|these|this|them|it))?(?:\sfor me)?(?=\s*(?:$|,|\s(?:please|pls|thanks|now|already)\b))",
        needs=("no nah thanks thank", "enough plenty"),
        negatable=False,
        confidence=0.85,
        key=1,
    ),
)
