"""What cancels an intent match: a negation in the same clause, and broadcasts that merely carry
opt-out instructions ("Txt STOP to 87239 to stop receiving messages").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache

from optout.engine.intent_pieces import words as _words
from optout.engine.keywords import squeeze
from optout.engine.normalization import normalize
from optout.engine.prefilter import with_lookahead

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
        re.compile(with_lookahead(_INSTRUCTION)),
        re.compile(with_lookahead(_BROADCAST_INSTRUCTION)),
        re.compile(with_lookahead(_BROADCAST_MARKS)),
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
_WANT = _words("want need wish mean meant ask asked tell told say said like expect expected request requested")
_OBJECT = _words("you u ya yall them him her anyone anybody")
_THIRD_PARTY = _words("him her them em")
_COMPLAINERS = _words("you u ya yall they it this these texts messages why")
_AUX = _words("did do does would will have has are r is")
_SUBJECTS = _words("you u ya yall they it he she we")


_WHY = frozenset({"why"})
# "... <word> <match>", "... <before> <word> <match>": when the word (and the one before it) is of
# these kinds, the earlier word named (1: before, 2: the one before that) cancels the match if it
# is of the last kind. The first row that applies decides.
_ASKED: tuple[tuple[frozenset[str], frozenset[str] | None, int, frozenset[str]], ...] = (
    (_OBJECT, _WANT, 2, _NEGATORS),  # "never told you <match>"
    (_WANT, None, 1, _NEGATORS),  # "never said <match>"
    (_SUBJECTS, _AUX, 2, _WHY),  # "why did you <match>"
    (_AUX, None, 1, _WHY),  # "why did <match>"
)


def negated(prefix: list[str]) -> bool:
    """Whether the words before a match (same clause) cancel it.

    Cancel: "don't stop texting me", "never stop", "I don't want you to stop texting me", "I never
    said stop texting me", "why did you stop texting me", "I told him to stop texting me".
    Keep: "why won't you stop texting me", "if you don't stop texting me", "I'm not interested
    stop texting me", "I want to stop getting texts".
    """
    last = _last_words(prefix)
    if last is None:
        return False
    word, before, before2, before3 = last
    if word == "to":
        return _negated_infinitive(before, before2, before3)
    for kinds, before_kinds, back, cancelling in _ASKED:
        if word in kinds and (before_kinds is None or before in before_kinds):
            return (before, before2)[back - 1] in cancelling
    return word in _NEGATORS and _negation_cancels(word, before, before2)


def _last_words(prefix: list[str]) -> tuple[str, str, str, str] | None:
    """The last word that is not softening ("just", "please") and the three before it ("" before
    the start), or None when there is no such word."""
    j = len(prefix) - 1
    while j >= 0 and prefix[j] in _SOFT:
        j -= 1
    if j < 0:
        return None
    if j >= 3:
        return prefix[j], prefix[j - 1], prefix[j - 2], prefix[j - 3]
    padded = ["", "", "", *prefix[: j + 1]]
    return padded[-1], padded[-2], padded[-3], padded[-4]


def _negated_infinitive(before: str, before2: str, before3: str) -> bool:
    """ "to <match>": cancelled by "[don't] want (you) to", or when said to someone else."""
    if before in _THIRD_PARTY:  # "I told him to stop texting me": not said to us
        return True
    if before in _OBJECT:  # "[don't] want (you) to <match>"
        before, before2 = before2, before3
    return before in _WANT and before2 in _NEGATORS


def _negation_cancels(word: str, before: str, before2: str) -> bool:
    """A negator right before the match: "don't stop", but not a complaint or a threat."""
    if word in ("wont", "wouldnt") and before in _COMPLAINERS:
        return False  # "you won't stop texting me": a complaint
    # "if you don't stop texting me ...": a threat, still a request.
    return not (before in ("you", "u") and before2 == "if")


# Chinese, Japanese and Korean marketing footers: "回T退订", "回复TD退订", "무료수신거부 080...".
# Not the writer's own replies told ("何度も返信したのに", "返信しています"): no footer says that.
_UNSPACED_BROADCAST = re.compile(
    r"http|www|回复|回覆|回t|回td|무료|配信元|送信元|返信(?!して(?:いる|います|る|も)|した(?:のに|けど|が)|しました)|답장"
)
# Alone, a long number or the word for advertising is a contact's own words ("再发我就打12315投诉",
# "광고 문자 보내지 마세요"); together they mark an advertisement's footer.
_UNSPACED_WEAK = (re.compile(r"\d{4,}"), re.compile("광고|廣告|广告"))


def is_unspaced_broadcast(clause_text: str) -> bool:
    """Whether a CJK message is an advertisement carrying its own opt-out footer."""
    compact = clause_text.replace(" ", "")
    if _UNSPACED_BROADCAST.search(compact):
        return True
    return all(pattern.search(compact) for pattern in _UNSPACED_WEAK)


# "Textez ARRET pour...", "Antworten Sie STOPP, um...", "Soạn HUY gửi...", "STOP likhein": an
# instruction word right before (or, in Hindi, after) a keyword, in a message of some length.
_INSTRUCTION_BEFORE = frozenset(
    [
        "reply",
        "text",
        "txt",
        "send",
        "sms",
        "type",
        "textez",
        "envoyez",
        "repondez",
        "texte",
        "envoie",
        "responda",
        "responde",
        "envie",
        "envia",
        "escribe",
        "escriba",
        "manda",
        "mande",
        "antworten",
        "antworte",
        "senden",
        "schicken",
        "rispondi",
        "invia",
        "scrivi",
        "odpowiedz",
        "wyslij",
        "napisz",
        "voye",
        "ekri",
        "reponn",
        "tape",
        "soan",
        "loi",
        "ответьте",
        "отправьте",
        "напишите",
        "пришлите",
        "ارسل",
        "اكتب",
    ]
)
# German puts the verb last ("Einfach STOP antworten"), as Hindi does.
_INSTRUCTION_AFTER = frozenset(
    [
        *("likhein", "likhe", "likhen", "likh", "likho", "लिखें", "लिखे", "लिख", "भेजें", "bhejein", "bhejen"),
        *("antworten", "senden", "schicken"),
    ]
)


# The same on the original text: an instruction word, then a word in capitals ("Trả lời DUNG").
_CAPS_INSTRUCTION = re.compile(
    r"(?i:\b(?:reply|text|txt|send|textez|envoyez|r\u00e9pondez|responda|responde|envie|env\u00ede"
    r"|antworten sie|antworte|rispondi|invia|odpowiedz|wy\u015blij|voye|so\u1ea1n|tr\u1ea3 l\u1eddi"
    r"|\u043e\u0442\u0432\u0435\u0442\u044c\u0442\u0435|\u043e\u0442\u043f\u0440\u0430\u0432\u044c\u0442\u0435))"
    r"\s+[\"'\u00ab\u201c]?([A-Z\u00c0-\u00dd\u0110\u0400-\u042f]{2,})\b"
)


def is_instruction(tokens: list[str], keywords: Mapping[str, object], original: str = "") -> bool:
    """Whether the message tells how to opt out ("reply X to ...") in any language."""
    if len(tokens) < 6:
        return False
    if original and any(_instructs(original, found, keywords) for found in _CAPS_INSTRUCTION.finditer(original)):
        return True
    for i, token in enumerate(tokens):
        # The neighbours first: they are set lookups, and squeeze() a substitution pass per word.
        if (
            (i and tokens[i - 1] in _INSTRUCTION_BEFORE and not _a_noun(tokens, i - 1))
            # German "Senden Sie STOP"; a Polish reflexive "się" (folded "sie") is no instruction
            or (i > 1 and tokens[i - 1] == "sie" and tokens[i - 2] in _INSTRUCTION_BEFORE)
            or (i + 1 < len(tokens) and tokens[i + 1] in _INSTRUCTION_AFTER)
        ) and squeeze(token) in keywords:
            return True
    return False


# "von diesen SMS abmelden", "these sms stop": after a determiner "sms" is the messages, not "send".
_DETERMINERS = frozenset(
    ("diesen", "dieser", "den", "die", "der", "ihren", "ihre", "euren", "eure", "von", "these", "the", "your", "those", "estos", "esos", "los", "sus", "vos", "ces", "les", "tes", "mes", "queste", "questi", "gli", "tych", "tymi", "этих", "эти")
)  # fmt: skip


def _a_noun(tokens: list[str], i: int) -> bool:
    return tokens[i] == "sms" and i > 0 and tokens[i - 1] in _DETERMINERS


# What may stand before an instruction verb: the start of a sentence, or "or", "to", "please"...
_OPENING = re.compile(
    r"(?:^|[.!?,;:\n(\]\"'\u00ab\u201c\u2018]|\b(?:or|and|to|please|pls|just|simply|ou|o|oder|hoac))\s*$", re.IGNORECASE
)


def _instructs(original: str, found: re.Match[str], keywords: Mapping[str, object]) -> bool:
    """ "Trả lời DUNG", "... or text STOP": the verb opens a sentence or names a keyword;
    not "you guys text WAY too much"."""
    return bool(_OPENING.search(original[: found.start()])) or squeeze(normalize(found.group(1))) in keywords
