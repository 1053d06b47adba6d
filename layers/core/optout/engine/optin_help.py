"""Opt-in and help requests in natural language ("resume my alerts", "please add me back", "can you
help me", "I need assistance"). Opt-in re-subscribes a contact, so its rules stay narrow: each
names the messages or the list, or says "back"/"again".
"""

from __future__ import annotations

from optout.engine.decision import Action
from optout.engine.intent_pieces import IntentRule, rule

_END = r"(?=\s*(?:$|,|\s(?:please|pls|plz|now|thanks|thank you|thx|ty)\b))"
_MESSAGES = r"(?:text\s|sms\s|txt\s|email\s)?(?:alerts|texts|txts|messages|msgs|notifications"
_MESSAGES += r"|reminders|updates|subscription|sms)"

OPT_IN_HELP_RULES: tuple[IntentRule, ...] = (
    rule(
        "asks to resume the messages",
        "en",
        r"\b(?:resume|restart|reactivate|re activate|restore|renew|re enable|reenable|unpause"
        r"|turn on|switch on|start)\s(?:my\s|the\s|your\s|all\s|sending\s|sending me\s)?"
        + _MESSAGES
        + r"\b(?:\s(?:again|back))?"
        r"|\bturn\s(?:my\s|the\s)?" + _MESSAGES + r"\sback on\b"
        r"|\bstart\s(?:texting|sending|messaging)\s(?:me|us)\s(?:again|back)\b",
        needs=("resume restart reactivate re restore renew reenable unpause turn switch start",),
        confidence=0.9,
        action=Action.OPT_IN,
        family="opt-in",
    ),
    rule(
        "asks to be added back",
        "en",
        r"\b(?:add|put|sign|opt|enroll|enrol|re add|readd)\s(?:me|us|my number|this number)\s"
        r"(?:back(?:\s(?:in|on|to|into)\s(?:the\s|your\s)?(?:list|texts|alerts|program))?"
        r"|in|up|(?:on|to|into)\s(?:the\s|your\s|this\s)?(?:list|texts|alerts|messages|program"
        r"|subscription))" + _END + r"|\b(?:subscribe|resubscribe|re subscribe)\s(?:me|us)"
        r"(?:\s(?:again|back))?" + _END,
        needs=("add put sign opt subscribe resubscribe enroll enrol re readd",),
        confidence=0.9,
        action=Action.OPT_IN,
        family="opt-in",
        unless=r"\b(?:to|dont|never|not|didnt|did not|who|why|how)\s(?:\w+\s)?$",
    ),
    rule(
        "wants the messages again",
        "en",
        r"\b(?:i|we)\s(?:want|would like|wanna|d like|wish|need)\s(?:to\s)?(?:get|receive|start"
        r" getting|start receiving|keep getting|keep receiving)\s(?:the\s|your\s|these\s|my\s)?"
        + _MESSAGES
        + r"\s(?:again|back)\b"
        r"|\b(?:i|we)\s(?:want|would like|wanna)\s(?:back in|to opt back in|to opt in"
        r"|to resubscribe|to subscribe again|to rejoin)\b"
        r"|\bcount (?:me|us) back in\b",
        needs=(
            "again back opt resubscribe rejoin subscribe",
            "want like wanna wish need count",
        ),
        confidence=0.85,
        action=Action.OPT_IN,
        family="opt-in",
    ),
    rule(
        "asks for help",
        "en",
        r"\b(?:can|could|would|will)\s(?:you|u|someone|somebody|anyone|anybody)\s(?:please\s"
        r"|pls\s)?help(?:\s(?:me|us))?(?:\s(?:out|please|pls|plz))?(?=\s*(?:$|,))"
        r"|\b(?:i|we)\s(?:need|want|would like|d like|require)\s(?:some\s|your\s)?(?:help"
        r"|assistance|support)(?:\s(?:please|pls|plz|with this|with these texts|with my account"
        r"|with the texts))?(?=\s*(?:$|,))"
        r"|^(?:please\s|pls\s)?(?:help me|need help|need assistance|assistance|support)"
        r"(?:\s(?:please|pls|plz))?$",
        needs=("help assistance support",),
        confidence=0.9,
        action=Action.HELP,
        family="help",
    ),
    rule(
        "asks what this is",
        "en",
        r"^(?:hi\s|hello\s|hey\s|um\s)?(?:what is this|whats this|what is this about|whats this"
        r" about|what is this for|what are these texts|what are these messages|what service is"
        r" this|what program is this)$"
        r"|\b(?:how|who)\s(?:do|can)\s(?:i|we)\s(?:contact|reach|talk to|speak to|speak with"
        r"|get in touch with)\s(?:you|someone|support|customer service|a person|a human|an agent"
        r"|a representative)\b"
        r"|\b(?:speak|talk)\s(?:to|with)\s(?:a|an)\s(?:person|human|agent|representative|rep"
        r"|real person)\b",
        needs=(
            "this these contact reach speak talk touch service program",
            "what whats how who speak talk",
        ),
        confidence=0.8,
        action=Action.HELP,
        family="help",
    ),
    rule(
        "more opt-in wording",
        "en",
        r"\b(?:get|be|put me|put us)\sback\son\s(?:the\s|your\s|this\s|ur\s)?(?:\w+\s)?list\b"
        r"|\b(?:want|like|need)\s(?:the|your|my)\s" + _MESSAGES + r"\sback\b"
        r"|\b(?:get|receive)\s(?:your|the|my)\s" + _MESSAGES + r"\sagain\b"
        r"|\bopt\s(?:me|us)\sback\sin\b|\bsign\s(?:me|us)\s(?:back\s)?up\sagain\b",
        needs=(
            "back again",
            "list texts messages alerts notifications opt sign txts msgs updates reminders subscription sms",
        ),
        confidence=0.9,
        action=Action.OPT_IN,
        family="opt-in",
    ),
    rule(
        "more help wording",
        "en",
        r"\b(?:can|could)\s(?:i|we)\s(?:get|have)\s(?:some\s)?help\b"
        r"|\b(?:can|could)\s(?:you|u|someone)\s(?:please\s)?assist(?:\s(?:me|us))?\b"
        r"|^help me out(?:\s(?:please|pls|plz))?$"
        r"|\b(?:anyone|someone|somebody|anybody)\s(?:there\s)?(?:to|who can|that can)\shelp\b"
        r"|\bwho\s(?:do|can|should)\s(?:i|we)\s(?:contact|call|talk to|ask)\s(?:for|about)\s"
        r"(?:help|support|assistance)\b",
        needs=("help assist",),
        confidence=0.85,
        action=Action.HELP,
        family="help",
    ),
)
