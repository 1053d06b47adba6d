"""Building blocks of the intent rules: the regular-expression pieces written <NAME> inside a rule,
the word sets written @NAME in a rule's `needs`, and IntentRule itself.

Rules read the clause-marked normalised text (normalization.py): words single-spaced, sentences
separated by " , ", accents folded, apostrophes gone ("dont", "im").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from optout.engine.decision import Action

# Words before a channel switch that make it the writer's own way ("I'll call you instead of texting")
# or one thing sent another way ("send the receipt by email instead of text").
WRITERS_OWN_WAY = (
    r"\b(?:ill|i will|let me|lemme|i can|i could|im gonna|i am going to|we will)\b|\b(?:send|sent|forward)"
    r"\s(?:me\s)?(?:it|this|that|the (?:receipt|invoice|code|link|file|document|form|photo|pic|ticket|confirmation))\b"
)
# "who gave you the right to be this funny" is banter: "the right" counts alone or to contact.
RIGHT_TO_CONTACT = (
    r"right(?!\sto\s(?!(?:text|txt|message|msg|contact|call|send|spam|use|have|add|sign|put|email|reach|bother)\b)\w)"
)


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# ---- building blocks, written <NAME> inside the rules -----------------------------------------
PIECES: dict[str, str] = {}
PIECES["DET"] = (
    r"(?:(?:all of|any of|some of)\s)?"
    r"(?:(?:the|these|this|those|your|ur|yr|all|any|anymore|more|further|future|my|such|every)"
    r"\s){0,3}"
)
PIECES["MOD"] = (
    r"(?:(?:text|txt|sms|mms|marketing|promotional|promo|automated|auto|political|campaign|daily"
    r"|weekly|spam|spammy|junk|stupid|annoying|damn|dang|freaking|fucking|bloody|constant"
    r"|endless|repeated|unwanted|unsolicited|appointment|payment|delivery|shipping|reminder|sale"
    r"|sales|advertising|group|mass|bulk)\s){0,3}"
)
PIECES["NOUN"] = (
    r"(?:texts?|txts?|sms|smses|smss|messages?|msgs?|msges|mgs|spam|reminders?|alerts?"
    r"|notifications?|notices|promos?|promotions?|ads|adverts?|advertisements?|marketing|offers"
    r"|deals|updates|calls|robocalls|junk|blasts?|solicitations?|communications?"
    # Spanglish and Portuguese nouns after English verbs: "porfa stop sending me mensajes"
    r"|mensajes|mensajitos|msjs|textos|mensagens)"
)
PIECES["NUM"] = r"(?:(?:phone|cell|mobile|cell phone|home|contact)\s)?(?:number|numbers|num|nbr)"
PIECES["PERSON"] = r"(?:me|us|myself|my <NUM>|this <NUM>)"
PIECES["LIST_NOUN"] = (
    r"(?:(?:(?:text|texting|txt|sms|mailing|mail|call|calling|contact|marketing|distribution"
    r"|email|subscriber|subscription|broadcast|blast|alert|alerts|message|messaging|promo"
    r"|promotional|phone|do not call|dnc|send|sending|notification|reminder|customer|vip)\s)?"
    r"(?:list|lists|listing|database|db|system|contacts|contact list|directory|roster|group"
    r"|group text|group chat|chat|thread|conversation|service|program|campaign|subscription"
    r"|subscriptions|records|registry|<NOUN>)\b)"
)
# A list, or a pronoun for it that ends the clause ("remove me from this").
PIECES["LIST"] = (
    r"(?:<LIST_NOUN>|(?:this|it|here|there|everything|all|all of this|all of them|them|that)"
    r"(?=\s*(?:$|,)))"
)
# End of the request: end of clause, or only courtesy words follow.
PIECES["END"] = (
    r"(?=\s*(?:$|,|\s(?:please|pls|plz|now|asap|immediately|thanks|thank|thx|ty|already"
    r"|permanently|for good|right away|forever)\b))"
)
PIECES["GERUND"] = (
    r"(?:texting|txting|texing|txtin|textin|textting|messaging|messeging|mesaging|msging|msgin"
    r"|smsing|spamming|contacting|sending"
    r"|harassing|harrassing|hassling|pestering|bothering|calling|callin|ringing|emailing"
    r"|blowing up)"
)
# Gerunds that make sense alone ("stop texting!"); "my sister won't stop calling" needs an object.
PIECES["GERUND_ALONE"] = (
    r"(?:texting|txting|texing|txtin|textin|textting|messaging|messeging|mesaging|msging|msgin"
    r"|smsing|spamming|sending|contacting)"
)
PLACEHOLDER = re.compile(r"<([A-Z_]+)>")


def expand(pattern: str) -> str:
    while "<" in pattern and PLACEHOLDER.search(pattern):
        pattern = PLACEHOLDER.sub(lambda m: PIECES[m.group(1)], pattern)
    return pattern


# Word sets for `needs`, written @NAME among the words.
WORD_SETS: dict[str, frozenset[str]] = {
    "NOUN": words(
        """
        text texts txt txts sms smses smss message messages msg msgs msges mgs spam reminder
        reminders alert alerts notification notifications notices promo promos promotion promotions
        ads advert adverts advertisement advertisements marketing offers deals updates calls
        robocalls junk blast blasts solicitation solicitations communication communications
        mensajes mensajitos msjs textos mensagens
        """
    ),
    "GERUND": words(
        """
        texting txting texing txtin textin textting messaging messeging mesaging msging msgin smsing
        spamming contacting sending harassing harrassing hassling pestering bothering calling callin ringing emailing blowing
        """
    ),
    "NEGATION": words("dont not dnt never longer didnt doesnt"),
    # What optin_help_general.py's <THINGS> names: the messages or the list.
    "THINGS": words("alerts texts txts messages msgs notifications reminders updates deals offers list"),
    # "5th", "22nd": what [1-9]\d?(?:st|nd|rd|th) matches, any suffix (people misspell them).
    "ORDINAL": frozenset(f"{number}{suffix}" for number in range(1, 100) for suffix in ("st", "nd", "rd", "th")),
}
PREFIXES = re.compile(r"\b(?:unsubscrib|desuscrib|desinscri|dessuscrib|desabonn)")


@dataclass(frozen=True, slots=True)
class IntentRule:
    name: str  # short explanation, used in Decision.detail
    language: str
    source: str  # the regular expression, compiled on first use
    negatable: bool  # whether a negation just before it cancels it
    needs: tuple[frozenset[str], ...]  # a word of each set must be present
    prefixed: bool  # may also match through a word starting "unsubscrib", "desabonn", ...
    unless: re.Pattern[str] | None  # words just before the match that make it something else
    confidence: float = 0.95  # how sure a match is a request (below 0.7: a person decides)
    action: Action = Action.OPT_OUT
    family: str = "request"  # the kind of message (docs/engine.md)
    key: int | None = None  # the `needs` group to index the rule by, when the everyday-word count misjudges it


def rule(
    name: str,
    language: str,
    pattern: str,
    *,
    needs: tuple[str, ...],
    negatable: bool = True,
    prefixed: bool = False,
    unless: str | None = None,
    confidence: float = 0.95,
    action: Action = Action.OPT_OUT,
    family: str = "request",
    key: int | None = None,
) -> IntentRule:
    needed = tuple(
        frozenset().union(*(WORD_SETS[word[1:]] if word.startswith("@") else {word} for word in group.split()))
        for group in needs
    )
    return IntentRule(
        name,
        language,
        expand(pattern),
        negatable,
        needed,
        prefixed,
        re.compile(unless) if unless else None,
        confidence,
        action,
        family,
        key,
    )
