"""Scope of an opt-out: is it aimed at texts, or at another channel or product while texts are
wanted? "unsubscribe me from the newsletter but keep texting me" is not an SMS opt-out; "stop
the emails" alone is unclear (a person decides); "stop calling me" covers texts (the FCC reads
revoking calls as revoking texts).
"""

from __future__ import annotations

import re
from functools import cache

# Words right after the request that name what it is about, up to a "but"/"and keep" turn.
_TURN = frozenset({"but", "though", "however", "except", "although", "yet"})
_SMS = frozenset(
    [
        "text",
        "texts",
        "txt",
        "txts",
        "texting",
        "sms",
        "message",
        "messages",
        "msg",
        "msgs",
        "messaging",
        "alerts",
        "alert",
    ]
)
_OTHER = {
    "newsletter": "the newsletter",
    "newsletters": "the newsletter",
    "email": "email",
    "emailing": "email",
    "emailed": "email",
    "emails": "email",
    "mail": "mail",
    "mailers": "mail",
    "catalog": "the catalogue",
    "catalogs": "the catalogue",
    "catalogue": "the catalogue",
    "magazine": "the magazine",
    "letters": "mail",
    "app": "the app",
    "push": "push notifications",
}
# Services that are not the sender's texts: "we need to unsubscribe from cable", "cancel netflix".
ANOTHER_SERVICE = "another service"
_SERVICES = frozenset((
    "netflix", "spotify", "hulu", "disney", "cable", "youtube", "hbo", "crave", "peacock", "paramount", "sirius",
    "siriusxm", "audible", "patreon", "onlyfans", "doordash", "ubereats", "instacart", "gym", "tinder", "bumble",
    "facebook", "instagram", "tiktok", "snapchat", "twitter", "linkedin", "pandora", "primevideo", "skipthedishes",
))  # fmt: skip
_OTHER.update(dict.fromkeys(_SERVICES, ANOTHER_SERVICE))
# Spam in general on a device ("how do I stop spam calls on my iphone"): the phone's settings, not us.
_DEVICE_SPAM = re.compile(
    r"\b(?:spam|scam|robo|junk|unknown|telemarketing|telemarketer|random|private|no caller id)\s?(?:calls?|texts?"
    r"|messages?|callers?|numbers)\s(?:on|from|to)\s(?:my|the|an?)\s(?:iphone|android|phone|samsung|pixel|galaxy"
    r"|cell|landline|device|mobile)\b"
)


@cache
def _texts_wanted() -> re.Pattern[str]:
    return re.compile(
        r"\b(?:keep|continue|still)\s(?:texting|txting|messaging|sending (?:me |us )?(?:the )?"
        r"(?:texts|messages|sms))\b"
        r"|\b(?:texts?|txts?|sms|messages) (?:are|is|r) (?:fine|ok|okay|good|great|welcome)\b"
        r"|\b(?:still|do)\s(?:want|like)\s(?:the\s|your\s|getting\s)?(?:texts|txts|sms|messages"
        r"|(?:text|sms)\s(?:reminders|alerts|updates|messages))\b"
        # "texting works better for me", "leave the texts on"
        r"|\b(?:texting|texts?|sms) works? (?:better|best|fine|great)\b"
        r"|\bleave (?:the\s|my\s)?(?:texts|sms|text alerts|alerts|reminders) on\b"
        r"|\btext me instead\b|\bbut (?:keep|still) (?:the )?(?:texts|sms|messages)\b"
        r"|(?:^|,\s)(?:just\s|please\s|pls\s)?(?:text|txt|message|msg) (?:me|us)\b"
        r"|\b(?:just|only|please)\s(?:send|use)\s(?:me\s)?(?:the\s)?(?:texts|sms|text messages)\b"
        r"|\btexting (?:is|s) (?:how|fine|ok|okay|better|best)\b"
        r"|\bkeep\s(?:the\s|my\s|your\s)?(?:\w+\s)?(?:reminders|texts|sms|alerts|messages"
        r"|notifications)\b"
        # "... and just text", "the texts are actually useful", "texts about my order are welcome"
        r"|\b(?:and|but)\s(?:just|only)\s(?:text|txt|message)\b|\bjust\s(?:text|txt)\s(?:me\s)?when\b"
        r"|\b(?:texts?|txts?|sms|messages)\s(?:\w+\s){0,3}(?:are|is|r)\s(?:actually\s|really\s|still\s)?"
        r"(?:fine|ok|okay|good|great|welcome|useful|helpful)\b"
    )


# Calls: an opt-out of calls covers texts, unless the message asks for texts ("don't call, text").
CALLS = "calls"
_CALL_WORDS = frozenset(["call", "calls", "calling", "ring", "ringing", "phone", "robocalls"])


def other_channel(clause_text: str, start: int, stop: int) -> str | None:
    """The channel or product an opt-out names instead of texts, or None when it is about texts."""
    words = clause_text[start:stop].split()
    for word in clause_text[stop:].split()[:6]:
        if word in _TURN or word == ",":
            break
        words.append(word)
    if not _SMS.isdisjoint(words):
        return None
    for word in words:
        other = _OTHER.get(word)
        if other is not None:
            return other
    return CALLS if not _CALL_WORDS.isdisjoint(words) else None


def device_spam(clause_text: str) -> bool:
    """Whether the message asks about spam in general on the writer's own phone."""
    return bool(_DEVICE_SPAM.search(clause_text))  # read only once an opt-out matched: rare


def texts_wanted(clause_text: str) -> bool:
    """Whether the message says the texts themselves are wanted."""
    return bool(_texts_wanted().search(clause_text))


# "remove me from the email list only": the opt-out names another channel and keeps the rest.
_ONLY_ELSEWHERE = re.compile(
    r"\b(?:from|of|off)\s(?:the\s|your\s|my\s)?(?:\w+\s){0,2}?(?:email|emails|e mail|newsletters?|mailers?"
    r"|catalogs?|catalogues?|mailing)\s(?:\w+\s){0,2}?only\b"
)


def only_elsewhere(clause_text: str) -> bool:
    """Whether an opt-out is restricted to another channel by "only" (not a switch to it)."""
    return bool(_ONLY_ELSEWHERE.search(clause_text))
