"""Help and opt-in questions built from word tables (issue #9, eleventh dev batch), read after
optin_help_structures.py.

Help: a question about the texts themselves: what they are or are for, who sends them, how the
service works, what it costs, how often it comes, where its terms are; "explain" or "help me
understand" with nothing else; a way to reach support. Every question names the texts or the
service ("this", "these texts", "this program"), so "what is the tracking number" or "who is
picking up the kids" stay ordinary; a bare "who is this?" is conversation (a new number), as
test_classify_table.py reads it. Opt-in: a bare
"resubscribe", or "enroll me in" / "I want in on" the texts.
"""

from __future__ import annotations

from optout.engine.decision import Action
from optout.engine.intent_coverage import alt, last_words
from optout.engine.intent_pieces import IntentRule, rule

# How the writer names the texts or the service behind them.
REFERENTS = (
    "this", "these", "these texts", "these messages", "these msgs", "these txts", "these alerts", "this text",
    "this message", "this msg", "this service", "this program", "this text service", "this number",
    "these text messages", "this company", "this list", "this subscription", "the texts", "the messages",
    "these notifications", "this thing",
)  # fmt: skip
# What a writer asks about the texts (after "how", "where"...).
ASPECTS = (
    "does this work", "does this service work", "does this program work", "do these texts work", "does it work",
    "much do these messages cost", "much do these texts cost", "much does this cost", "much do these cost",
    "often will i get these", "often do these come", "often will you text me", "often will i get texts",
    "many texts will i get", "many messages will i get", "do i reach customer support", "do i reach support",
    "do i contact customer support", "can i reach customer support", "can i reach support",
    "can i find the terms", "do i find the terms", "can i read the terms", "are the terms",
)  # fmt: skip
# Openings people put before the question and endings after it ("uh", "lol", "exactly").
OPENERS = ("hi", "hello", "hey", "uh", "um", "so", "ok", "okay", "please advise", "sorry", "excuse me")
ENDINGS = ("lol", "exactly", "please", "pls", "plz", "again", "anyway", "though", "about", "for", "from")
WHAT = ("what", "wat", "wut", "whats")
BE = ("is", "are", "r", "s")

_OPEN = r"(?:^|(?<=,\s)|(?<=\band\s))(?:" + alt(OPENERS) + r"\s){0,2}"
_END = r"(?:\s" + alt(ENDINGS) + r"){0,2}(?=\s*(?:$|,|\sand\b|\scan\b))"
_NOT_BEFORE = r"\b(?:dont|do not|never|not|didnt|did not|wouldnt|no|stop|quit)\s(?:\w+\s)?$"


def _help(name: str, pattern: str, needs: tuple[str, ...]) -> IntentRule:
    return rule(name, "en", pattern, needs=needs, unless=_NOT_BEFORE, confidence=0.8, action=Action.HELP, family="help")


OPT_IN_HELP_QUESTION_RULES: tuple[IntentRule, ...] = (
    _help(
        "asks what the texts are",
        _OPEN + alt(WHAT) + r"\s(?:" + alt(BE) + r"\s)?" + alt(REFERENTS) + r"(?:\s(?:text\s)?(?:service|program)"
        r"\sis)?" + _END + r"|\bwhat\scompany\sis\sthis(?:\sfrom)?\b|\bwhat\s(?:this|these)\s(?:\w+\s){0,2}"
        r"(?:is|are)\s(?:for|about)\b|\babout\swhat\s(?:you|u)\s(?:guys\s)?(?:send|text)\b",
        (" ".join(WHAT), last_words(REFERENTS) + " company you u"),
    ),
    _help(
        "asks how the service works, what it costs or how often it comes",
        r"\b(?:how|where)\s" + alt(ASPECTS) + r"\b",
        ("how where", "work cost often many reach contact find read terms"),
    ),
    _help(
        "asks for an explanation with nothing else",
        r"^(?:pls\s|please\s|can\s(?:you|u|someone|somebody)\s)?explain(?:\s(?:pls|please|plz))?$"
        r"|\b(?:can|could)\s(?:somebody|someone|anyone|you)\s(?:please\s)?explain$"
        r"|\bhelp\s(?:me|us)\sunderstand\b|\bappreciate\s(?:some\s)?guidance\b"
        r"|\b(?:confused|lost)\swhat\s(?:do|should)\s(?:i|we)\sdo\swith\s(?:this|these|it)$",
        ("explain understand guidance confused lost",),
    ),
    _help(
        "asks for a support number or a person to call back",
        r"\b(?:is there|do you have)\s(?:a|an)\s(?:phone\s|contact\s)?number\sfor\s(?:your|the)\s(?:help desk"
        r"|support|customer service|customer support)\b"
        r"|\bcan\s(?:an agent|a person|someone|a rep|a representative)\scall\s(?:me|us)(?:\sback)?\b"
        r"|\bsend\sme\s(?:the|more|some)\sinfo\sabout\s(?:this|the|your)\s(?:program|service|texts|list)\b",
        ("number call info",),
    ),
    rule(
        "asks to be subscribed again, bare or into the texts",
        "en",
        r"^(?:re subscribe|resubscribe|resub)(?:\s(?:pls|please|plz|me))?$"
        r"|\b(?:enroll|enrol|sign)\s(?:me|us)\s(?:in|into|up for)\s(?:the\s|your\s)?(?:text|sms)\s(?:notifications"
        r"|alerts|messages|updates|club)\b"
        r"|\b(?:i|we)\swant\sin\son\s(?:the|your)\s(?:text|sms)\s(?:club|list|alerts|deals)\b",
        needs=("subscribe resubscribe resub enroll enrol sign want",),
        unless=_NOT_BEFORE,
        confidence=0.85,
        action=Action.OPT_IN,
        family="opt-in",
    ),
)
