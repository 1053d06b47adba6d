"""Opt-in and help requests by kind, after optin_help.py: a start/resume verb aimed at the
writer, a "like to get" with the messages, a help noun with an account matter, a question for a
contact. Opt-in re-subscribes, so each opt-in rule still needs the writer ("me", "this number")
or the messages, and "again"/"back" where the verb alone is everyday talk.
"""

from __future__ import annotations

from optout.engine.decision import Action
from optout.engine.intent_pieces import IntentRule, rule

_THINGS = r"(?:(?:text|sms|txt|email)\s)?(?:alerts|texts|txts|messages|msgs|notifications|reminders|updates|deals|offers|list)"
_CLAUSE_END = r"(?=\s*(?:$|,|\s(?:please|pls|plz|thanks|thank you|thx)\b))"
_MATTER = r"(?:account|order|bill|billing|password|messages|texts|service|subscription|payment|plan|login|delivery)"

OPT_IN_HELP_GENERAL_RULES: tuple[IntentRule, ...] = (
    rule(
        "asks them to text again",
        "en",
        r"\b(?:start|resume|restart|begin)\s(?:sending|texting|messaging)(?:\s(?:me|us))?(?:\s(?:the\s\w+|those"
        r"|them))?\s(?:again|back)\b"
        r"|\b(?:resume|restart)\s(?:sending|texting|messaging)\s(?:me|us)\b"
        r"|\b(?:you can|u can|feel free to|go ahead and|please)\s(?:text|message)\s(?:me|us)\s(?:\w+\s){0,2}again\b",
        needs=("start resume restart begin can feel ahead please", "sending texting messaging text message"),
        confidence=0.85,
        action=Action.OPT_IN,
        family="opt-in",
    ),
    rule(
        "would like to get the messages",
        "en",
        r"\b(?:like|love|want|wanna|wish)\sto\s(?:start getting|start receiving|get|receive|rejoin|join"
        r"|subscribe to|sign up for|sign up to)\s(?:your\s|the\s|these\s)?" + _THINGS + r"\b"
        r"|\bsign\s(?:me|us)\s(?:back\s)?up\s(?:for|to)\s(?:the\s|your\s)?(?:\w+\s)?" + _THINGS + r"\b"
        r"|\b(?:want|like|need)\s(?:the\s|my\s|your\s)(?:\w+\s)?" + _THINGS + r"\s(?:again|back)\b"
        r"|\bcount\s(?:me|us)\sin\sfor\s(?:the\s|your\s)?" + _THINGS + r"\b",
        needs=("like love want wanna wish sign count need", "to up in again back", "@THINGS"),
        confidence=0.85,
        action=Action.OPT_IN,
        family="opt-in",
        unless=r"\b(?:dont|do not|never|not|didnt|did not|wouldnt)\s(?:\w+\s)?$",
    ),
    rule(
        "asks to be put on the list",
        "en",
        r"\b(?:put|add)\s(?:me|us|this number|my number)\s(?:back\s)?(?:on|to|into)\s(?:the\s|your\s)?"
        r"(?:\w+\s)?" + _THINGS + r"\b",
        needs=("put add", "me us number"),
        confidence=0.85,
        action=Action.OPT_IN,
        family="opt-in",
        unless=r"\b(?:dont|do not|never|not)\s$",
    ),
    rule(
        "needs help with an account matter",
        "en",
        r"\b(?:need|want|looking for)\s(?:some\s)?(?:help|assistance|support)(?:\s(?:w|with|understanding"
        r"|resetting|on|for|about)\s(?:my|these|this|the|your)\s(?:\w+\s)?"
        + _MATTER
        + r")?"
        + _CLAUSE_END
        + r"|^help me(?:\s(?:pls|please|plz))?(?=\s*(?:$|,))"
        r"|\b(?:who|somebody|someone|anyone)\s(?:can|could)\shelp\s(?:me|us)\b",
        needs=("help assistance support",),
        confidence=0.8,
        action=Action.HELP,
        family="help",
    ),
    rule(
        "asks whom to contact",
        "en",
        r"\b(?:who|how|where)\s(?:do|can|should)\s(?:i|we)\s(?:talk|speak|call|contact|reach|ask)\s(?:to\s"
        r"|with\s)?(?:about|for|regarding)\s(?:my|an|the|this)\b",
        needs=("who how where", "about for regarding"),
        confidence=0.8,
        action=Action.HELP,
        family="help",
    ),
    rule(
        "asks for the support number",
        "en",
        r"\b(?:support|customer service|help|helpline|contact)\s(?:number|line|phone|email)\b"
        r"|\bnumber\s(?:i|we)\s(?:can|could)\scall\sfor\s(?:support|help)\b",
        needs=("support service help helpline contact", "number line phone email"),
        confidence=0.8,
        action=Action.HELP,
        family="help",
    ),
    rule(
        "asks what this service is",
        "en",
        r"^(?:hi\s|hello\s)?(?:what is|whats)\sthis\s(?:service|company|program|number|business)\b",
        needs=("what whats", "service company program number business"),
        confidence=0.8,
        action=Action.HELP,
        family="help",
    ),
)
