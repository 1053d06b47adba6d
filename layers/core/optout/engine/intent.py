"""Natural-language opt-outs ("please remove me from your list", "wrong number", "don't text me").

Each rule is a regular expression over the clause-marked normalised text (normalization.py):
words single-spaced, sentences separated by " , ", accents folded, apostrophes gone ("dont",
"im"). Rules need an object that makes the request about messages or about the contact ("stop
texting me", "stop these texts"), so "can you stop by later?", "I can't stop laughing" and
"please cancel my order" do not fire.

A match is dropped when:
- a negation governs it in the same clause ("don't stop texting me", "I don't want you to stop
  texting me", "why did you stop texting me"); "can't" is no negation here: "I can't stop getting
  these texts" and "why can't I unsubscribe" are complaints that ask to stop;
- it reports what someone else was told ("I told him to stop texting me");
- the message is itself a broadcast carrying opt-out instructions ("Txt STOP to 87239 to stop
  receiving messages", "To stop texts call 0871..."), as marketing and spam SMS do.

Rules list the words they cannot match without (`needs`): a message tries only the rules its own
words can satisfy, which keeps the engine fast (most messages try none).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# ---- building blocks, written <NAME> inside the rules -----------------------------------------
_PIECES: dict[str, str] = {}
_PIECES["DET"] = (
    r"(?:(?:all of|any of|some of)\s)?"
    r"(?:(?:the|these|this|those|your|ur|yr|all|any|anymore|more|further|future|my|such|every)"
    r"\s){0,3}"
)
_PIECES["MOD"] = (
    r"(?:(?:text|txt|sms|mms|marketing|promotional|promo|automated|auto|political|campaign|daily"
    r"|weekly|spam|spammy|junk|stupid|annoying|damn|dang|freaking|fucking|bloody|constant"
    r"|endless|repeated|unwanted|unsolicited|appointment|payment|delivery|shipping|reminder|sale"
    r"|sales|advertising|group|mass|bulk)\s){0,3}"
)
_PIECES["NOUN"] = (
    r"(?:texts?|txts?|sms|smses|smss|messages?|msgs?|msges|mgs|spam|reminders?|alerts?"
    r"|notifications?|notices|promos?|promotions?|ads|adverts?|advertisements?|marketing|offers"
    r"|deals|updates|calls|robocalls|junk|blasts?|solicitations?|communications?)"
)
_PIECES["NUM"] = r"(?:(?:phone|cell|mobile|cell phone|home|contact)\s)?(?:number|numbers|num|nbr)"
_PIECES["PERSON"] = r"(?:me|us|myself|my <NUM>|this <NUM>)"
_PIECES["LIST_NOUN"] = (
    r"(?:(?:(?:text|texting|txt|sms|mailing|mail|call|calling|contact|marketing|distribution"
    r"|email|subscriber|subscription|broadcast|blast|alert|alerts|message|messaging|promo"
    r"|promotional|phone|do not call|dnc|send|sending|notification|reminder|customer|vip)\s)?"
    r"(?:list|lists|listing|database|db|system|contacts|contact list|directory|roster|group"
    r"|group text|group chat|chat|thread|conversation|service|program|campaign|subscription"
    r"|subscriptions|records|registry|<NOUN>)\b)"
)
# A list, or a pronoun for it that ends the clause ("remove me from this").
_PIECES["LIST"] = (
    r"(?:<LIST_NOUN>|(?:this|it|here|there|everything|all|all of this|all of them|them|that)"
    r"(?=\s*(?:$|,)))"
)
# End of the request: end of clause, or only courtesy words follow.
_PIECES["END"] = (
    r"(?=\s*(?:$|,|\s(?:please|pls|plz|now|asap|immediately|thanks|thank|thx|ty|already"
    r"|permanently|for good|right away|forever)\b))"
)
_PIECES["GERUND"] = (
    r"(?:texting|txting|texing|txtin|textin|textting|messaging|messeging|mesaging|msging|msgin"
    r"|smsing|spamming|contacting|sending"
    r"|harassing|harrassing|hassling|pestering|bothering|calling|callin|ringing|emailing"
    r"|blowing up)"
)
# Gerunds that make sense alone ("stop texting!"); "my sister won't stop calling" needs an object.
_PIECES["GERUND_ALONE"] = (
    r"(?:texting|txting|texing|txtin|textin|textting|messaging|messeging|mesaging|msging|msgin"
    r"|smsing|spamming|sending|contacting)"
)
_PLACEHOLDER = re.compile(r"<([A-Z_]+)>")


def _expand(pattern: str) -> str:
    while "<" in pattern and _PLACEHOLDER.search(pattern):
        pattern = _PLACEHOLDER.sub(lambda m: _PIECES[m.group(1)], pattern)
    return pattern


# Word sets for `needs`, written @NAME among the words.
_WORD_SETS: dict[str, frozenset[str]] = {
    "NOUN": _words(
        """
        text texts txt txts sms smses smss message messages msg msgs msges mgs spam reminder
        reminders alert alerts notification notifications notices promo promos promotion promotions
        ads advert adverts advertisement advertisements marketing offers deals updates calls
        robocalls junk blast blasts solicitation solicitations communication communications
        """
    ),
    "GERUND": _words(
        """
        texting txting texing txtin textin textting messaging messeging mesaging msging msgin smsing
        spamming contacting sending harassing harrassing hassling pestering bothering calling callin ringing emailing blowing
        """
    ),
    "NEGATION": _words("dont not dnt never longer didnt doesnt"),
}
_PREFIXES = re.compile(r"\b(?:unsubscrib|desuscrib|desinscri|dessuscrib|desabonn)")


@dataclass(frozen=True, slots=True)
class IntentRule:
    name: str  # short explanation, used in Decision.detail
    language: str
    source: str  # the regular expression, compiled on first use (see pattern())
    negatable: bool  # whether a negation just before it cancels it
    needs: tuple[frozenset[str], ...]  # a word of each set must be present
    prefixed: bool  # may also match through a word starting "unsubscrib", "desabonn", ...
    unless: re.Pattern[str] | None  # words just before the match that make it something else


def _rule(
    name: str,
    language: str,
    pattern: str,
    *,
    needs: tuple[str, ...],
    negatable: bool = True,
    prefixed: bool = False,
    unless: str | None = None,
) -> IntentRule:
    needed = tuple(
        frozenset().union(
            *(_WORD_SETS[word[1:]] if word.startswith("@") else {word} for word in words.split())
        )
        for words in needs
    )
    return IntentRule(
        name,
        language,
        _expand(pattern),
        negatable,
        needed,
        prefixed,
        re.compile(unless) if unless else None,
    )


RULES: tuple[IntentRule, ...] = (
    # ---- English ----------------------------------------------------------------------------
    _rule(
        "asks to stop the messages",
        "en",
        r"\b(?:stop|stopp|quit|cease|end|cancel|halt|discontinue|turn off|shut off|switch off"
        r"|block|get rid of|unsubscribe from|unsubscribe me from|opt out of|opt me out of|no more)"
        r"\s(?:(?:with|w|sending|receiving|recieving|getting|giving)\s(?:me\s|us\s)?)?"
        r"<DET><MOD><NOUN>\b",
        needs=(
            "stop stopp quit cease end cancel halt discontinue off rid unsubscribe opt block more",
            "@NOUN",
        ),
    ),
    _rule(
        "asks to stop texting",
        "en",
        r"\b(?:stop|stopp|stp|quit|cease|no more)\s(?:<GERUND>\s(?:me|us|myself|here|this"
        r"|my (?:phone|cell|mobile|wife|husband|son|daughter|mom|dad|mother|father|family|kids?)"
        r"|this (?:phone|cell|line)|(?:my|this) <NUM>)\b"
        r"|<GERUND_ALONE>(?=\s*(?:$|,|\s(?:please|pls|plz|now|asap|already|anymore|again|thanks"
        r"|thx)\b)))",
        needs=("stop stopp stp quit cease more", "@GERUND"),
    ),
    _rule(
        "asks not to be texted",
        "en",
        r"\b(?:dont|do not|dnt|never|no longer)\s(?:ever\s|even\s|again\s)?"
        r"(?:text|txt|message|msg|sms|contact|email|bother|spam|write|hit up)\s"
        r"(?:me|us|this <NUM>|my <NUM>|this (?:phone|cell|line)|here)"
        # ... unless it is about when or how: "don't text me back", "don't text me until 5".
        r"(?!\s(?:back|until|till|til|before|after|when|while|now|right now|at|tonight|today"
        r"|tomorrow|later|during|yet|that|like|so|or|about|if|unless|with|on|in|first|late|early"
        r"|tho|though|and|this late|this early|anything else but)\b)",
        needs=("@NEGATION", "text txt message msg sms contact email bother spam write hit"),
        negatable=False,
    ),
    _rule(
        "asks not to be sent messages",
        "en",
        r"\b(?:dont|do not|dnt|never|no longer)\s(?:ever\s)?send\s(?:me|us|this number)\s"
        r"(?:any more\s|anymore\s|any\s|more\s|another\s)?(?:anything|stuff|nothing|<DET><MOD><NOUN>)"
        r"\b",
        needs=("@NEGATION", "send"),
        negatable=False,
    ),
    _rule(
        "does not want the messages",
        "en",
        r"\b(?:dont|do not|dnt|no longer|never|didnt|did not|doesnt|does not)\s"
        r"(?:want|wish|need|like|care for|ask for|asked for|request|requested|sign up for"
        r"|signed up for|subscribe to|subscribed to|agree to|agreed to|consent to|consented to)\s"
        r"(?:to\s(?:get|receive|recieve|be getting|keep getting|keep receiving|be receiving"
        r"|get any|receive any)\s)?<DET><MOD><NOUN>\b"
        r"|\b(?:dont|do not|dnt|no longer|never)\s(?:want|wish|need)\s(?:to\s)?(?:be\s)?"
        r"(?:texted|messaged|contacted|spammed|bothered|on <DET><LIST>)",
        needs=(
            "@NEGATION",
            "want wish need like care ask asked request requested sign signed subscribe subscribed"
            " agree agreed consent consented",
        ),
        negatable=False,
    ),
    _rule(
        "never signed up",
        "en",
        r"\b(?:never|didnt|did not|dont remember|do not remember|dont recall)\s(?:ever\s)?"
        r"(?:sign(?:ed|ing)? up|subscribed?|subscribing|opt(?:ed)? in|opting in|agreed?"
        r"|consent(?:ed)?|(?:gave|giving) (?:you|u|ya) (?:my|this) (?:number|num|permission|consent)"
        r"|(?:ask|asked) for (?:this|these|any of this|it|them|<DET><MOD><NOUN>))"
        r"(?:\s(?:for|to)\s(?:this|these|that|it|them|any of this|<DET><LIST>))?"
        r"(?=\s*(?:$|,))",
        needs=(
            "never didnt not dont",
            "sign signed signing subscribe subscribed subscribing opt opted opting agree agreed"
            " consent consented gave giving ask asked",
        ),
        negatable=False,
    ),
    _rule(
        "asks to be removed",
        "en",
        r"\b(?:remove|delete|erase|scratch|unsubscribe|unsub|unenroll|deregister|unregister|delist"
        r"|drop|take|get|put|keep)\s<PERSON>\s(?:from|off|off of|out of|of)\s<DET><LIST>"
        r"|\b(?:remove|delete|erase|unsubscribe|unsub|unenroll|deregister|unregister|delist)"
        r"\s<PERSON><END>"
        r"|\b(?:take|get)\s<PERSON>\soff<END>"
        r"|\b(?:remove|take|delete)\s(?:off|from|out of)\s<DET><LIST_NOUN>",
        needs=(
            "remove delete erase scratch unsubscribe unsub unenroll deregister unregister delist"
            " drop take get put keep",
        ),
    ),
    _rule(
        "asks to get off the list",
        "en",
        r"\b(?:get|be taken|come|be|been|being|get)\s(?:off|out of|off of|removed from"
        r"|taken off|unsubscribed from|deleted from|dropped from|erased from)\s<DET><LIST_NOUN>"
        r"|\b(?:be|get|been)\s(?:removed|unsubscribed|taken off)<END>",
        needs=("get be come been being", "off out removed unsubscribed deleted dropped erased"),
    ),
    _rule(
        "asks to forget the number",
        "en",
        r"\b(?:lose|forget|delete|erase|remove|drop|scratch|toss|trash|ditch|burn)\s(?:my|this|our)"
        r"\s<NUM>\b(?!\s(?:of|in)\b)"
        r"|\b(?:remove|delete|erase|take)\s(?:my|our)\s(?:name|info|information|details|contact"
        r"|contact info|data|phone)\s(?:from|off|out of)\s<DET><LIST>",
        needs=(
            "lose forget delete erase remove drop scratch toss trash ditch burn take",
            "my this our",
        ),
    ),
    _rule(
        "asks how to opt out",
        "en",
        r"\bhow\s(?:do|can|to|would|should|could|does|did|do you|can you|would you|will)\s"
        r"(?:i\s|we\s|you\s|one\s|u\s|ya\s)?(?:get\s)?"
        r"(?:(?:make|get) (?:it|this|them|these|those|<DET><MOD><NOUN>) (?:to )?stop"
        r"|stop|turn off|get rid of|get off|get out of|get removed|be removed|get taken off|opt out"
        r"|unsubscribe|remove (?:me|myself|my number))"
        r"(?:\s(?:receiving\s|getting\s)?(?:this|these|them|it|<DET><MOD><NOUN>|<DET><LIST>))?"
        r"(?=\s*(?:$|,|\s(?:please|pls|plz|thanks|thx|ty)\b))"
        r"|\bhow\s(?:do|can|to|would|should|could)\s(?:i\s|we\s|you\s|u\s)?(?:stop|end|cancel"
        r"|block|quit)\s(?:receiving\s|getting\s)?<DET><MOD><NOUN>\b",
        needs=("how",),
        negatable=False,
    ),
    _rule(
        "opt-out wording",
        "en",
        # "opt out of" must be about messages or a list: not "opt out of the survey".
        r"\b(?:opt(?:ed|ing)?\sout|optout|optedout|opt me out|opt us out)\b"
        r"(?!\sof\s(?!<DET><MOD><NOUN>\b|<DET><LIST>))"
        r"|\b(?:unsubscrib(?:e|ed|es|ing)|unsubbed|unsubbing)\b"
        r"|\bcount (?:me|us) out<END>"
        r"|\bcease and desist\b",
        needs=("opt optout optedout opted opting unsubbed unsubbing count desist",),
        prefixed=True,
    ),
    _rule(
        "asks to be left alone",
        "en",
        r"\bleave\s(?:me|us|my (?:number|phone|family|wife|husband|mom|dad))\s"
        r"(?:alone|in peace)\b",
        needs=("leave",),
    ),
    _rule(
        "wrong number",
        "en",
        r"\bwrong\s(?:phone\s|cell\s|mobile\s|cell phone\s)?(?:number|numbers|num|nbr|person"
        r"|contact|recipient)\b",
        needs=("wrong",),
        # "I gave you the wrong number", "I dialed the wrong number", "not the wrong number".
        unless=r"(?:\b(?:gave|give|given|sent|send|told|tell|put|wrote|written|entered|typed"
        r"|used)\s(?:(?:you|u|ya|them|him|her)\s)?|\b(?:i|we|i think i|i must have|i may have)\s"
        r"(?:must have\s|might have\s|may have\s)?(?:have|had|got|dialed|dialled|called|texted"
        r"|sent|messaged|rang)\s|\bnot\s)(?:the|a|an)\s$",
    ),
    _rule(
        "no more messages",
        "en",
        r"\bno\s(?:more|further)\s(?:of\s)?<DET><MOD>(?:<NOUN>|texting|messaging)\b"
        r"|^(?:no|stop)\s(?:texts?|txts?|sms|messages?|msgs?|texting)(?:\s(?:please|pls|plz"
        r"|thanks|thank you|thx))?$",
        needs=("no stop", "@NOUN texting messaging"),
        negatable=False,
    ),
    _rule(
        "no more",
        "en",
        r"^(?:(?:please|pls|plz|no)\s)?no more(?:\s(?:please|pls|plz|thanks|thank you|thx))?$",
        needs=("more",),
        negatable=False,
    ),
    _rule(
        "stop, who is this",
        "en",
        r"^(?:stop|quit|cancel|unsubscribe|end)\s(?:,\s)?(?:who|whos)\s(?:is this|is dis|dis|this"
        r"|are you|r u|are u|r you|is it|is that)\b"
        r"|\b(?:who|whos)\s(?:is this|is dis|dis|this|are you|r u|are u)\s(?:,\s)?(?:stop|quit"
        r"|cancel|unsubscribe)$",
        needs=("who whos",),
        negatable=False,
    ),
    # ---- Spanish ----------------------------------------------------------------------------
    _rule(
        "numero equivocado",
        "es",
        r"\b(?:numero equivocado|equivocado de numero|numero incorrecto)\b",
        needs=("numero equivocado",),
    ),
    _rule(
        "no me envien mas",
        "es",
        r"\bno\s(?:me\s|nos\s)?(?:envies|envie|envien|envian|mandes|mande|manden|escribas|escriba"
        r"|escriban|contactes|contacte|contacten|llames|llamen|molesten|moleste)\s(?:mas|nada"
        r"|mensajes|textos|sms)\b"
        r"|\bno\s(?:quiero|deseo|necesito)\s(?:recibir\s)?(?:mas\s)?(?:sus\s|tus\s|estos\s|los\s)?"
        r"(?:mensajes|textos|sms|msjs?|promociones|mensajitos)\b"
        r"|\bno mas\s(?:mensajes|textos|sms|msjs?|promociones)\b"
        r"|\bbasta\s(?:de|ya de)\s(?:mensajes|textos|sms)\b"
        r"|^(?:ya\s)?basta(?:\s(?:ya|por favor))?$",
        needs=(
            "no basta",
            "envies envie envien envian mandes mande manden escribas escriba escriban contactes"
            " contacte contacten llames llamen molesten moleste quiero deseo necesito mas basta",
        ),
        negatable=False,
    ),
    _rule(
        "dejen de enviar",
        "es",
        r"\b(?:dejen|deja|deje|paren|para|pare|dejar)\sde\s(?:enviar|mandar|escribir|textear"
        r"|contactar|llamar|molestar)(?:me|nos)?\b",
        needs=("de", "dejen deja deje paren para pare dejar"),
        negatable=False,
    ),
    _rule(
        "sacame de la lista",
        "es",
        r"\b(?:borr|elimin|quit|sac|saq)\w*\s(?:me\s)?(?:mi numero|de (?:la|su|tu|esta|sus"
        r"|vuestra) lista)\b"
        r"|\b(?:dar|darme|darnos|dame|denme|den|doy|darse|me doy)\sde\sbaja\b"
        r"|\b(?:desuscrib|desinscrib|dessuscrib)\w*",
        needs=("lista numero baja",),
        negatable=False,
        prefixed=True,
    ),
    # ---- French -----------------------------------------------------------------------------
    _rule(
        "mauvais numero",
        "fr",
        r"\b(?:mauvais (?:numero|num|no)|erreur de numero)\b",
        needs=("mauvais erreur",),
    ),
    _rule(
        "arretez les messages",
        "fr",
        r"\b(?:arrete[zr]?|cesse[zr]?)\s(?:de\s|d)?(?:m\s?|nous\s)?(?:envoy|ecri|text|contact"
        r"|appel)\w*"
        r"|\b(?:arrete[zr]?|cesse[zr]?)\s(?:les|vos|ces|tous les|tous vos)\s(?:messages|textos"
        r"|sms|textes|texto)\b"
        r"|^(?:arrete[zr]?)(?:\s(?:svp|sil vous plait|stp|merci|maintenant))*$",
        needs=("arrete arretez arreter cesse cessez cesser",),
        negatable=False,
    ),
    _rule(
        "ne m'envoyez plus",
        "fr",
        r"\bne\s(?:me\s|nous\s|m)?(?:envoy|ecri|text|contact|appel)\w*\s(?:plus|jamais)\b"
        r"|\bje\sne\sveux\s(?:plus|pas)\s(?:recevoir\s)?(?:de\s|d|ces\s|vos\s|les\s)?"
        r"(?:messages|textos|sms|textes|texto)\b"
        r"|\bje\sne\sveux\splus\srecevoir(?=\s*(?:$|,))",
        needs=("ne", "plus jamais"),
        negatable=False,
    ),
    _rule(
        "desabonnez-moi",
        "fr",
        r"\b(?:desabonn|desinscri)\w*"
        r"|\b(?:retirez|enlevez|supprimez|effacez|retire|enleve|supprime|efface)\s(?:moi|mon numero"
        r"|mon num|mon no)\b",
        needs=("retirez enlevez supprimez effacez retire enleve supprime efface",),
        negatable=False,
        prefixed=True,
    ),
)

# Compiling every rule costs ~50 ms, too much for a Lambda cold start: each is compiled the first
# time a message needs it.
_COMPILED: list[re.Pattern[str] | None] = [None] * len(RULES)


def pattern(position: int) -> re.Pattern[str]:
    """The compiled regular expression of RULES[position]."""
    compiled = _COMPILED[position]
    if compiled is None:
        compiled = _COMPILED[position] = re.compile(RULES[position].source)
    return compiled


# ---- broadcasts ---------------------------------------------------------------------------------
# Broadcasts carry opt-out instructions ("Reply STOP to end", "To stop texts call 0871...",
# "OptOut txt STOP"): such a message is marketing or spam, never a contact's request. Wording
# that a contact could also write ("unsubscribe ... text STOP") needs broadcast marks as well.
_INSTRUCTION = (
    r"\b(?:stop\w*|end|no|x|out|unsub\w*)\s(?:to|2)\s(?:remove|opt out|optout|unsubscribe|unsub|stop"
    r"|end|cancel|quit)\b"
    r"|\b(?:reply|rply|respond|txt|text|send|sms|msg|type)\s(?:(?!me\b|us\b)\w+\s){0,3}?"
    r"(?:stop\w*|end|unsub\w*|optout|opt out|cancel|quit|remove|stopall|out|halt)\s(?:to|2)\s"
    r"|(?:^|,\s|\bor\s|\borno\s|\band\s|\b2\s)to\s(?:opt out|optout|unsubscribe|unsub|stop|end"
    r"|cancel)\b(?:\s\w+){0,5}?\s(?:reply|rply|txt|text|send|sms|call|dial|go2|visit|goto"
    r"|click)\b"
    # Information, not a request: "you can unsubscribe at any time", "you are now unsubscribed"
    # (but "you can unsubscribe me now" and "you can stop texting me" are requests).
    r"|\b(?:you|u)\s(?:can|may|could)\s(?:now\s|always\s|also\s)*(?:unsubscribe|opt\s?out"
    r"|optout)\b(?!\s(?:me|us|my|this)\b)"
    r"|\b(?:you|u)\s(?:are|r|have been|has been)\s(?:now\s)?(?:unsubscribed|opted out)\b"
)
_BROADCAST_INSTRUCTION = (
    r"\b(?:reply|rply|respond|txt|text|send|sms|msg|type)\s(?:(?!me\b|us\b)\w+\s){0,3}?"
    r"(?:stop\w*|end|unsub\w*|optout|opt out|cancel|quit|remove|stopall|out|halt)\b"
    r"|\b(?:opt\s?out|optout|unsubscribe|unsub|stop\s(?:sms|texts?|txts?|msgs?))\s(?:\w+\s){0,2}?"
    r"(?:txt|text|reply|send|sms|call|dial|visit|goto|with stop|avail\w*|info|anytime"
    r"|at any time|details|applies|apply)\b"
    r"|(?:^|,\s|\bor\s|\borno\s|\band\s|\b2\s)(?:to\s)?(?:opt out|optout|unsubscribe|unsub|stop"
    r"|end|cancel)\b"
    r"|\b(?:stop|unsub\w*|opt\s?out|optout)\s(?:\w+\s){0,2}?\d{4,}"
)
# Marks of a broadcast, read on the lower-cased original: numbers of 4+ digits (short codes,
# premium lines), links, prices and small print.
_BROADCAST_MARKS = (
    r"\d{4,}|www|http|\.com\b|\.co\.uk|\u00a3|\$\d|\bt\s?&\s?c|\bp\s?/\s?(?:min|msg|wk|week)"
    r"|\bppm\b|\b\d+p\b|\bbox\s?\d"
)


@cache
def _broadcast_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    # Only messages that already matched a rule need these: compile them then.
    return (
        re.compile(_INSTRUCTION),
        re.compile(_BROADCAST_INSTRUCTION),
        re.compile(_BROADCAST_MARKS),
    )


def is_broadcast(original: str, clause_text: str) -> bool:
    """Whether the message is a broadcast that merely tells how to opt out."""
    instruction, broadcast_instruction, marks = _broadcast_patterns()
    if instruction.search(clause_text):
        return True
    return bool(marks.search(original.lower())) and bool(broadcast_instruction.search(clause_text))


# ---- negation -----------------------------------------------------------------------------------
_NEGATORS = _words("dont didnt doesnt never not shouldnt wouldnt wont dnt")
_SOFT = _words("ever even just really please pls plz evr actually")
_WANT = _words(
    "want need wish mean meant ask asked tell told say said like expect expected request requested"
)
_OBJECT = _words("you u ya yall them him her anyone anybody")
_THIRD_PARTY = _words("him her them em")
_COMPLAINERS = _words("you u ya yall they it this these texts messages why")
_AUX = _words("did do does would will have has are r is")
_SUBJECTS = _words("you u ya yall they it he she we")


def negated(prefix: list[str]) -> bool:
    """Whether the words before a match (same clause) cancel it.

    Cancel: "don't stop texting me", "never stop", "I don't want you to stop texting me", "I never
    said stop texting me", "why did you stop texting me", "I told him to stop texting me".
    Keep: "why won't you stop texting me", "if you don't stop texting me", "I'm not interested
    stop texting me", "I want to stop getting texts".
    """
    j = len(prefix) - 1
    while j >= 0 and prefix[j] in _SOFT:
        j -= 1
    if j < 0:
        return False
    word = prefix[j]
    before = prefix[j - 1] if j >= 1 else ""
    before2 = prefix[j - 2] if j >= 2 else ""
    if word == "to":
        if before in _THIRD_PARTY:  # "I told him to stop texting me": not said to us
            return True
        if before in _OBJECT:  # "[don't] want (you) to <match>"
            before, before2 = before2, prefix[j - 3] if j >= 3 else ""
        return before in _WANT and before2 in _NEGATORS
    if word in _OBJECT and before in _WANT:  # "never told you <match>"
        return before2 in _NEGATORS
    if word in _WANT:  # "never said <match>"
        return before in _NEGATORS
    if word in _SUBJECTS and before in _AUX:  # "why did you <match>"
        return before2 == "why"
    if word in _AUX:
        return before == "why"
    if word not in _NEGATORS:
        return False
    if word in ("wont", "wouldnt") and before in _COMPLAINERS:
        return False  # "you won't stop texting me": a complaint
    # "if you don't stop texting me ...": a threat, still a request.
    return not (before in ("you", "u") and before2 == "if")


# ---- matching -----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class IntentMatch:
    rule: IntentRule
    text: str  # matched words, clause marks removed


# Rule positions by the words of each rule's first `needs` set.
_RULES_BY_WORD: dict[str, tuple[int, ...]] = {}
for _position, _entry in enumerate(RULES):
    for _word in _entry.needs[0]:
        _RULES_BY_WORD[_word] = (*_RULES_BY_WORD.get(_word, ()), _position)
_PREFIXED_RULES = tuple(position for position, rule in enumerate(RULES) if rule.prefixed)
_FIRST_WORDS = frozenset(_RULES_BY_WORD)


def find_intent(
    original: str, clause_text: str, tokens: list[str], *, gated: bool = True
) -> IntentMatch | None:
    """The first natural-language opt-out in the message, or None.

    `gated=False` tries every pattern regardless of `needs` (a test uses it to show the word
    tests never change a result).
    """
    prefix_hit = ("unsub" in clause_text or "des" in clause_text) and bool(
        _PREFIXES.search(clause_text)
    )
    if gated and not prefix_hit and _FIRST_WORDS.isdisjoint(tokens):
        return None  # most messages: no word any rule starts from
    words = set(tokens)
    if gated:
        candidates: set[int] = set(_PREFIXED_RULES) if prefix_hit else set()
        for word in words:
            positions = _RULES_BY_WORD.get(word)
            if positions:
                candidates.update(positions)
        order = sorted(candidates)
    else:
        order = list(range(len(RULES)))
    for position in order:
        rule = RULES[position]
        if (
            gated
            and not all(not needed.isdisjoint(words) for needed in rule.needs[1:])
            and not (rule.prefixed and prefix_hit)
        ):
            continue
        for found in pattern(position).finditer(clause_text):
            if rule.negatable or rule.unless is not None:
                clause_start = clause_text.rfind(",", 0, found.start()) + 1
                prefix = clause_text[clause_start : found.start()]
                if rule.negatable and negated(prefix.split()):
                    continue
                if rule.unless is not None and rule.unless.search(prefix.lstrip()):
                    continue
            if is_broadcast(original, clause_text):
                return None
            return IntentMatch(rule, " ".join(found.group(0).replace(",", " ").split()))
    return None
