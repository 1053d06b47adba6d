"""Help and opt-in kinds built from word tables (issue #9, coverage by construction), read after
optin_help_everyday.py.

Help: the writer unable to do an account task ("I can't log in", "I can't find my order number":
a task word, then a service noun such as account, order, card, code, app), asking what to do,
asking for an explanation, someone to look into it, assistance with a matter, where or how to do a
thing, or the texts no longer arriving. A problem reported with no question ("my package says
delivered but it's not here") stays `none`, as the corpus reads it. Opt-in names what is subscribed to (alerts, deals, specials...; never a
code or a link, which people ask to have resent) with "again", "back on", "by text" or "miss".
"""

from __future__ import annotations

from optout.engine.decision import Action
from optout.engine.intent_coverage import alt, first_words, last_words
from optout.engine.intent_pieces import IntentRule, rule

SERVICE_NOUNS = (
    "account", "acct", "order", "package", "parcel", "delivery", "shipment", "card", "payment", "bill",
    "invoice", "statement", "refund", "code", "promo code", "coupon", "app", "website", "site", "login",
    "password", "prescription", "refill", "appointment", "plan", "charge", "booking", "reservation",
    "receipt", "balance", "points", "rewards", "membership", "portal", "link", "discount", "voucher",
)  # fmt: skip
# Account tasks that are a request for help whatever follows ("I can't log in").
TASKS_ALONE = ("log in", "login", "log into", "sign in", "access", "get into", "reset", "redeem", "checkout",
               "check out", "make a payment", "pay online", "sign into")  # fmt: skip
# Tasks that need a service noun after them ("I can't find my order number", not "my keys").
TASKS = ("find", "see", "open", "pay", "use", "update", "change", "book", "view", "track", "load", "apply",
         "add", "claim", "activate", "register", "link", "set up", "get", "download", "cancel", "locate")  # fmt: skip
UNABLE = ("cant", "cannot", "couldnt", "am unable to", "m unable to", "was unable to",
          "unable to", "still cant", "dont know how to", "do not know how to", "have no idea how to")  # fmt: skip
# What is subscribed to (never "code" or "link": "send me the code again" is a resend).
SUBSCRIBED = (
    "alerts", "texts", "txts", "messages", "msgs", "notifications", "reminders", "updates", "deals",
    "offers", "specials", "promos", "coupons", "text alerts", "sms alerts", "sms", "text messages",
)  # fmt: skip
DETERMINERS = ("the", "your", "ur", "my", "those", "these", "our", "all", "all the", "all my")
# Spanish and French nouns for the texts, also code-switched with English ones.
ES_FR_THINGS = ("texts", "textos", "mensajes", "alerts", "alertas", "notificaciones", "avisos", "recordatorios",
                "sms", "alertes", "texto", "messages", "notifications", "rappels", "ofertas", "promociones")  # fmt: skip

_SERVICE = alt(SERVICE_NOUNS)
_SUB = alt(SUBSCRIBED)
_DET = alt(DETERMINERS)
_NOT_BEFORE = r"\b(?:dont|do not|never|not|didnt|did not|wouldnt|no|stop|quit|if|when|ever|ne|pas|plus|nunca|nao)\s(?:\w+\s){0,2}$"


def _help(
    name: str, pattern: str, needs: tuple[str, ...], confidence: float = 0.8, key: int | None = None
) -> IntentRule:
    """A help rule; `key`: the `needs` group to index it by (intent.py), when its words are everyday ones."""
    return rule(
        name, "en", pattern, needs=needs, unless=_NOT_BEFORE, confidence=confidence, action=Action.HELP,
        family="help", key=key,
    )  # fmt: skip


def _opt_in(name: str, language: str, pattern: str, needs: tuple[str, ...]) -> IntentRule:
    return rule(
        name, language, pattern, needs=needs, unless=_NOT_BEFORE, confidence=0.85, action=Action.OPT_IN, family="opt-in"
    )


OPT_IN_HELP_COVERAGE_RULES: tuple[IntentRule, ...] = (
    _opt_in(
        "asks for the texts again",
        "en",
        r"\b(?:text|txt|message|msg)\s(?:me|us)\sagain\b"
        r"|\b(?:send|sending)\s(?:me\s|us\s)?(?:" + _DET + r"\s)?(?:\w+\s){0,2}?" + _SUB + r"\sagain\b"
        r"|\b(?:start|resume|restart|begin)\s(?:sending|texting|messaging)(?:\s(?:me|us))?(?:\s"
        + _DET
        + r"\s(?:\w+\s){0,2}?"
        + _SUB
        + r")?(?:\s(?:again|back))?\b",
        needs=("text txt message msg send sending start resume restart begin", "again back sending texting messaging"),
    ),
    _opt_in(
        "misses the texts",
        "en",
        # read from "miss" (the subject is looked back at): far fewer places to try than every "i"
        r"(?:(?<=\bi\s)|(?<=\bwe\s)|(?<=\breally\s)|(?<=\bkinda\s)|(?<=\bof\s))miss\s(?:getting\s|receiving\s)?"
        + _DET
        + r"\s(?:\w+\s){0,2}?"
        + _SUB
        + r"\b",
        needs=("miss", last_words(SUBSCRIBED)),
    ),
    _opt_in(
        "wants the offers by text",
        "en",
        r"\b(?:love|like|want|wanna|prefer)\s(?:to\s)?(?:get|receive|have"
        r"|start getting|start receiving|sign up for)\s(?:(?:"
        + _DET
        + r"|some|any)\s)?(?:\w+\s){0,2}?"
        + _SUB
        + r"\s(?:by|via|through|over|as)\s(?:text|texts|sms|txt)\b",
        needs=("love like want wanna prefer", "text texts sms txt"),
    ),
    _opt_in(
        "turns the alerts on",
        "en",
        r"\bturn\s" + _DET + r"\s(?:\w+\s){0,2}?" + _SUB + r"\s(?:back\s)?on\b"
        r"|\b(?:turn|switch)\s(?:back\s)?on\s" + _DET + r"\s(?:\w+\s){0,2}?" + _SUB + r"\b",
        needs=("turn switch", "on"),
    ),
    _opt_in(
        "subscribes this number again",
        "en",
        r"\b(?:re subscribe|resubscribe|re enroll|reenroll|re add|readd|re activate|reactivate|re enable|reenable"
        r"|re sign up|re opt in)\s(?:this|my)\s(?:number|phone|cell|line|account|mobile)\b",
        needs=("re resubscribe reenroll readd reactivate reenable",),
    ),
    _opt_in(
        "wants the texts again (Spanish, also with English words)",
        "es",
        r"\b(?:quiero|quisiera|queremos|me gustaria)\s(?:volver a\s)?(?:recibir|tener)\s(?:otra vez\s|de nuevo\s)?"
        r"(?:(?:los|sus|tus|las|mis)\s)?(?:\w+\s)?" + alt(ES_FR_THINGS) + r"\b"
        r"|\b(?:mandenme|envienme|mandame|enviame|textenme)\s(?:(?:los|sus|las|tus)\s)?(?:\w+\s)?"
        + alt(ES_FR_THINGS)
        + r"\s(?:otra vez|de nuevo|again)\b",
        needs=("quiero quisiera queremos gustaria mandenme envienme mandame enviame textenme",),
    ),
    _opt_in(
        "wants the texts again (French, also with English words)",
        "fr",
        r"\b(?:je veux|je voudrais|j aimerais|jaimerais|on veut|nous voulons)\s(?:de nouveau\s|a nouveau\s)?recevoir\s"
        r"(?:de nouveau\s|a nouveau\s|encore\s)?(?:vos|les|des|mes|tes)\s(?:\w+\s)?" + alt(ES_FR_THINGS) + r"\b",
        needs=("veux voudrais aimerais jaimerais veut voulons", "recevoir"),
    ),
    _help(
        "cannot do an account task",
        r"\b(?:i|we|im|i m)\s(?:still\s|just\s)?"
        + alt(UNABLE)
        + r"\s(?:"
        + alt(TASKS_ALONE)
        + r"\b|"
        + alt(TASKS)
        + r"\s(?:my|the|your|our|this|a|an|any)\s(?:\w+\s)?"
        + _SERVICE
        + r"\b)"
        r"|\b(?:i|im|i m|i am|i got|got|i was|ive been|i have been|we got|we are)\s(?:been\s)?locked out\b",
        (
            "cant cannot couldnt unable locked how",
            first_words(TASKS_ALONE, TASKS) + " locked",
            # what the task is done to, or the task word itself ("log in", "make a payment", "get into")
            first_words(SERVICE_NOUNS) + " log login sign access into reset redeem checkout out payment online locked",
        ),
        key=1,
    ),
    _help(
        "asks what to do",
        r"(?:^|(?<=,\s))(?:so\s|ok\s|okay\s|now\s|um\s|hi\s|hello\s|and\s|but\s)?what\s(?:do|should|can|am|shall)\s(?:i|we)"
        r"\s(?:do|supposed to do|need to do|have to do|supposed to)(?:\s(?:now|next|here|with this|with it|about this"
        r"|about it|with this code|with the code|then|with these))?(?=\s*(?:$|,))"
        r"|\bwhat\s(?:am|are)\s(?:i|we)\ssupposed\sto\sdo\swith\s(?:this|the|my|these|that|it)\b",
        ("what", "do supposed"),
        confidence=0.75,
    ),
    _help(
        "asks for an explanation",
        r"\b(?:can|could|would|will)\s(?:you|u|someone|somebody|anyone|ya|yall)\s(?:please\s|pls\s|kindly\s)?"
        r"(?:explain|clarify|walk me through)\s(?:this|the|my|what|why|how|these|that|it)\b"
        r"|\bexplain\s(?:this|the|my)\s(?:\w+\s)?(?:bill|charge|fee|text|message|statement|invoice|code|offer)\b",
        ("explain clarify walk",),
        key=0,
    ),
    _help(
        "asks someone to look into it",
        r"\b(?:can|could|would|will)\s(?:you|u|someone|somebody|anyone|ya|yall|a person|an agent)\s(?:please\s|pls\s"
        r"|kindly\s)?(?:look into|check on|check into|fix|sort out|resolve|investigate)(?:\s(?:it|this|that|my|the"
        r"|what|why|for me))?\b"
        r"|\b(?:can|could)\s(?:you|u|someone)\s(?:please\s)?check(?=\s*(?:$|,))"
        r"|\b(?:i|we)\s(?:need|want|would like|d like)\s(?:someone|somebody|a person|you|u|an agent)\sto\s(?:fix"
        r"|look into|check|sort out|resolve|help with|explain|look at)\b",
        (
            "look check fix sort resolve investigate help explain",
            "can could would will need want d",
        ),
        key=1,
    ),
    _help(
        "asks for assistance with a matter",
        r"\b(?:i|we)\s(?:need|want|would like|d like|require|could use|could really use)\s(?:some\s|a little\s"
        r"|a bit of\s|your\s|a\s)?(?:help|assistance|support|hand)\s(?:with|on|for|regarding|about|re|w)\b"
        r"|\b(?:help|assist)\s(?:me|us)\s(?:with|on|w)\s(?:my|the|this|an?|our|some)\b"
        r"|\bhelp\s(?:an?\s(?:\w+\s){0,2}|me\s|us\s)out\b",
        ("help assistance support hand assist", "with on for regarding about re w out"),
    ),
    _help(
        "asks where or how to do a thing",
        r"\bwhere\s(?:can|do|should|would)\s(?:i|we)\s(?:find|get|see|check|view|locate|look up|download|pay|send"
        r"|go to)\s(?:my|the|our|a|an|this|your)\s(?:\w+\s)?" + _SERVICE + r"\b"
        r"|\b(?:what are the steps|whats the process|what is the process|how do i|how can i|how would i|how do we)"
        r"\s(?:to\s)?(?:use|apply|redeem|claim|activate|register|link|set up|update|change|add|book|pay|find)\s"
        r"(?:my|the|this|a|an|these|your|our)\s(?:\w+\s)?" + _SERVICE + r"\b"
        r"|\bwhat are the steps to\b",
        ("where how steps process", first_words(SERVICE_NOUNS)),
        key=0,
    ),
    _help(
        "asks whom to contact or which number to call",
        r"\bwhom?\s(?:do|can|should|could|would)\s(?:i|we)\s(?:contact|call|talk to|speak to|speak with|reach"
        r"|email|ask|write to)\b"
        r"|\b(?:is there|whats|what is|do you have|got)\s(?:a\s|the\s|an\s)?(?:phone\s|contact\s|support\s"
        r"|customer service\s|toll free\s|help\s)?(?:number|line|#)\s(?:i|we)\s(?:can|could|should)\s(?:call|text"
        r"|reach|contact|use)\b",
        ("who whom number line", "contact call talk speak reach email ask write text use", "do can should could would"),
    ),
    _help(
        "the texts no longer arrive",
        r"\b(?:i|im|i m|i am|ive|i have|we|were)\s(?:been\s)?(?:stopped|not|no longer|havent been|have not been"
        r"|havent|never)\s(?:getting|receiving|gotten|received)\s"
        + _DET
        + r"\s(?:\w+\s)?(?:texts|messages|reminders|alerts|notifications|updates|codes|code|confirmation)\b",
        (
            "stopped not longer havent have never",
            "getting receiving gotten received",
            "texts messages reminders alerts notifications updates codes code confirmation",
        ),
        confidence=0.75,
    ),
)
