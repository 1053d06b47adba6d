"""More opt-in and help kinds, read after optin_help_general.py.

Help: asking who the sender is ("what company is this"), having a question, asking for a person,
not understanding the message, asking for more information, "help" opening a problem ("help me
i cant log in"), which number to call, help with an account matter or a charge.
Opt-in: "put me back on", "resubscribe me to the alerts", getting the messages by text again.
Opt-in re-subscribes, so each opt-in rule names the writer or the messages with "back"/"again".
"""

from __future__ import annotations

from optout.engine.decision import Action
from optout.engine.intent_pieces import IntentRule, rule

_THINGS = (
    r"(?:(?:text|sms|txt|email)\s)?(?:alerts|texts|txts|messages|msgs|notifications|reminders|updates|deals"
    r"|offers|list)"
)
_THING_WORDS = "alerts texts txts messages msgs notifications reminders updates deals offers list"
_END = r"(?=\s*(?:$|,|\s(?:please|pls|plz|thanks|thank you|thx|ty|again|asap)\b))"
_PERSON_ALT = r"someone|somebody|anyone|a person|a human|a real person|an agent|a rep|a representative|a manager"
_PERSON = f"(?:{_PERSON_ALT})"
_PERSON_WORDS = "someone somebody anyone person human agent rep representative manager"
_NOT_BEFORE = r"\b(?:dont|do not|never|not|didnt|did not|wouldnt|no)\s(?:\w+\s)?$"


def _help(name: str, pattern: str, needs: tuple[str, ...], confidence: float = 0.8) -> IntentRule:
    return rule(name, "en", pattern, needs=needs, confidence=confidence, action=Action.HELP, family="help")


OPT_IN_HELP_KIND_RULES: tuple[IntentRule, ...] = (
    rule(
        "asks to be put back on",
        "en",
        r"\b(?:put|add|sign|get)\s(?:me|us|my number|this number)\sback\s(?:on|in|up)"
        + _END
        + r"|\b(?:resubscribe|re subscribe|subscribe)\s(?:me|us)\s(?:back\s)?(?:to|for)\s(?:the\s|your\s|my\s)?"
        r"(?:\w+\s)?" + _THINGS + r"\b",
        needs=("put add sign get resubscribe re subscribe", "back resubscribe subscribe re"),
        confidence=0.85,
        action=Action.OPT_IN,
        family="opt-in",
        unless=_NOT_BEFORE,
    ),
    rule(
        "wants the messages by text again",
        "en",
        r"\b(?:get|receive|have)\s(?:the\s|my\s|your\s)?(?:\w+\s)?"
        + _THINGS
        + r"\s(?:by|via|through|over)\s(?:text|sms|txt)\s(?:again|back)\b"
        r"|\b(?:get|receive)\s(?:the|my|your)\s\w+\s" + _THINGS + r"\sagain\b",
        needs=("get receive have", "again back", _THING_WORDS),
        confidence=0.85,
        action=Action.OPT_IN,
        family="opt-in",
        unless=_NOT_BEFORE,
    ),
    _help(
        "asks who the sender is",
        r"(?:^|,\s)(?:hi\s|hello\s|hey\s|um\s|sorry\s|ok\s)?(?:who are you(?:\s(?:guys|people|all))?|who is this from"
        r"|who sent this|who are these (?:texts|messages) from|(?:what|which) (?:company|business|store|office)"
        r" (?:is this|are you|is texting me|is this from)|what is this regarding)(?=\s*(?:$|,))"
        r"|\bwho\sis\sthis\sand\swhat\sis\s(?:this|it)\s(?:about|for)\b|\bwhat\sare\sthese\s(?:messages|texts)\sfor\b",
        ("who what which", "you this these company business store office messages texts regarding"),
    ),
    _help(
        "has a question",
        r"\b(?:i|we)\s(?:have|got|had|ve got)\s(?:a|one|some|another)\s(?:quick\s|small\s)?(?:question|questions)\b"
        r"|^(?:hi\s|hello\s|hey\s)?quick question\b",
        ("question questions",),
    ),
    _help(
        "asks for a person",
        r"\b(?:is there|i need|need|is there a)\s(?:a\s)?(?:person|human|real person|someone|somebody|anyone|agent"
        r"|representative|rep)\s(?:i|we)\s(?:can|could)\s(?:talk|speak|chat)\s(?:to|with)\b"
        r"|\b(?:can|could|may)\s(?:i|we)\s(?:talk|speak|chat)\s(?:to|with)\s(?:"
        + _PERSON_ALT
        + r"|customer service|support)\b"
        r"|\b(?:can|could)\s"
        + _PERSON
        + r"\s(?:from\s\w+\s)?(?:please\s)?(?:call|contact|reach out to|email|get back to"
        r"|help|assist)\s(?:me|us)\b"
        r"|\bneed\s(?:someone|somebody|a person)\sto\s(?:explain|help|call|walk)\b",
        ("talk speak chat call contact reach email explain help walk get assist", f"{_PERSON_WORDS} service support"),
    ),
    _help(
        "does not understand the message",
        r"\b(?:i|we)\s(?:dont|do not|didnt|did not)\s(?:understand|get)\s(?:this|the|your|these)\s(?:message|text"
        r"|msg|txt|messages|texts)\b"
        r"|\bwhat\sdoes\s(?:this|it|that)\s(?:message\s|text\s)?mean\b"
        r"|\b(?:im|i am)\sconfused\s(?:about|by)\s(?:this|the|your)\b",
        ("understand get mean confused", "message text msg txt messages texts mean confused"),
    ),
    _help(
        "asks for more information",
        r"\b(?:can|could|where can|how can|may)\s(?:i|we|you)\s(?:get|have|send me|give me|find)\s(?:some\s)?"
        r"(?:more\s)?(?:info|information|details)\b"
        r"|^(?:please\s)?(?:send|give)\s(?:me|us)\s(?:more\s|some\s)?(?:info|information|details)\b"
        r"|\b(?:i|we)\s(?:need|want|would like|d like)\s(?:more|some more|some)\s(?:info|information|details)\b",
        ("info information details",),
    ),
    _help(
        "help opening a problem",
        r"^(?:please\s|pls\s)?help(?:\s(?:me|us))?(?:\s(?:please|pls|plz))?\s(?:i|im|i am|my|we|cant|can not|how)\b"
        r"|\b(?:help|assistance|support)\s(?:w|with|on)\s(?:my|the|this)\s(?:\w+\s)?(?:acct|account|card|app|bill"
        r"|statement|charge|refund|order|appointment|login|password)\b",
        ("help assistance support",),
    ),
    _help(
        "asks which number to call or whom to contact",
        r"\b(?:what|which)\s(?:number|phone number|#)\s(?:do|can|should)\s(?:i|we)\s(?:call|text|contact|use)\b"
        r"|\bwho\s(?:do|can|should)\s(?:i|we)\s(?:contact|call|talk to|speak to|reach out to|ask)(?=\s*(?:$|,))"
        r"|\b(?:what|whats)\s(?:is\s)?(?:this|that|the)\s(?:charge|fee|payment|bill)\s(?:on|for)\b",
        ("what which who whats", "number contact call talk speak reach ask charge fee payment bill"),
    ),
)
