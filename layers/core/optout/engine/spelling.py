"""Misspelt request words read as the words they stand for, when no rule matched the message as
typed: "Plese stopp sending me mesages", "Unsubscirbe me", "stop sendin me all this junk",
"stahp". A word is read as one of a few request words when it is one letter longer, one letter
shorter or two letters swapped (never one letter changed: "testing" is no "texting", "massage" no
"message"), starts with the same letter and is not itself a real word ("spending", "contract").
"""

from __future__ import annotations

from functools import lru_cache

from optout.engine.intent import IntentMatch, find_intent
from optout.engine.typos import REAL_WORDS, edit_kind

_WORDS = (
    "stop", "stopping", "sending", "send", "messages", "message", "messaging", "texting", "texts",
    "unsubscribe", "please", "remove", "contact", "contacting", "number", "anymore", "want", "receive",
    "help",  # "hepl me", "hlep with my bill"
)  # fmt: skip
_BY_FIRST: dict[str, tuple[str, ...]] = {}
for _word in _WORDS:
    _BY_FIRST[_word[0]] = (*_BY_FIRST.get(_word[0], ()), _word)
# Spellings more than one edit away that people use on purpose or by habit.
_HABITS = {"stahp": "stop", "stawp": "stop", "sendin": "sending", "textin": "texting"}
# Real words one allowed edit from a request word.
_REAL = (
    frozenset(
        [
            "spending",
            "contract",
            "stoop",
            "stops",
            "stopt",
            "sends",
            "sender",
            "senda",
            "texted",
            "texter",
            "textss",
            "pleased",
            "pleas",
            "numbers",
            "remover",
            "removes",
            "removed",
            "contacts",
            "messager",
            "unsubscribed",
            "anymores",
            "wants",
            "wanta",
            "received",
            "receiver",
            "receives",
            "helps",
            "helper",
            "helpe",
        ]
    )
    | REAL_WORDS
)


# Words already found not misspelt: one set test answers most messages. Bounded, since a warm
# Lambda keeps it between messages.
_CLEAN: set[str] = {","}
_CLEAN_LIMIT = 50_000


@lru_cache(maxsize=8192)
def _respelt(token: str) -> str | None:
    habit = _HABITS.get(token)
    if habit is not None:
        return habit
    if len(token) < 4 or token in _REAL:
        return None
    for word in _BY_FIRST.get(token[0], ()):
        kind = edit_kind(token, word)
        if kind == "letters swapped" or (kind == "letter missing" and not word.startswith(token)):
            return word  # not a word's own shorter form ("text", "message")
        # A last letter added is a doubled one ("stopp"), not a surname's ending ("Stopa").
        if kind == "extra letter" and (not token.startswith(word) or token[-1] == token[-2]):
            return word
    return None


def find_respelt(original: str, clause_text: str, tokens: list[str]) -> IntentMatch | None:
    """The intent of the message with misspelt request words put right; the span is the typed one."""
    if not 1 < len(tokens) <= 20 or _CLEAN.issuperset(tokens):
        return None  # one word: the typo reader asks first ("Stpo"); or every word seen before, none misspelt
    words = clause_text.split()
    fixed = [_respelt(word) or word for word in words]
    if len(_CLEAN) < _CLEAN_LIMIT:
        _CLEAN.update(word for word, new in zip(words, fixed, strict=True) if word == new)
    if fixed == words:
        return None
    fixed_text = " ".join(fixed)
    found = find_intent(original, fixed_text, fixed_text.replace(",", " ").split())
    if found is None:
        return None
    first, last = fixed_text[: found.start].count(" "), fixed_text[: found.stop].count(" ")
    start = len(" ".join(words[:first])) + (1 if first else 0)
    stop = len(" ".join(words[: last + 1]))
    return IntentMatch(found.rule, " ".join(words[first : last + 1]).replace(" , ", " "), start, stop)
