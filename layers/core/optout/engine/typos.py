"""One-edit typos of opt-out keywords ("Stpo", "SOTP", "unsubscrib", "stp", "opout", "optput").

A typo is one insertion, deletion, substitution or adjacent transposition away from a keyword
below, and is not a real word. Only whole messages of one or two words are read (after polite
filler), never words inside sentences, so "I'll shop later" is safe even without the word list.
The check runs per message (a few string comparisons) rather than from a table of every
neighbour, which would cost tens of milliseconds at import.

Keywords shorter than four letters (END, TD) get no typos: one edit from "end" reaches "and",
"send" and "bend". ALTO, BAJA and PARAR get none either: their neighbours are everyday Spanish
words ("para", "bajo", "algo", "alta", "auto").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from optout.engine.keywords import FILLER, REFUSALS, SQUEEZE_BLOCKED, builtin_spellings, squeeze

TYPO_KEYWORDS: dict[str, tuple[str, str]] = {
    # spelling -> (canonical keyword, language)
    "stop": ("STOP", "en"),
    "quit": ("QUIT", "en"),
    "revoke": ("REVOKE", "en"),
    "cancel": ("CANCEL", "en"),
    "unsubscribe": ("UNSUBSCRIBE", "en"),
    "stopall": ("STOPALL", "en"),
    "optout": ("OPT OUT", "en"),
    "remove": ("REMOVE", "en"),
    "unsub": ("UNSUB", "en"),
    "arret": ("ARRET", "fr"),
    "cancelar": ("CANCELAR", "es"),
}

# Keywords whose typos may also be written as two words ("opt put", "un subscribe"). STOP and
# QUIT are left out: "is top", "so top" and "qu it" are one edit from them once joined.
SPLIT_TYPO_KEYWORDS = tuple(word for word in TYPO_KEYWORDS if len(word) >= 5)

# Real words one edit from a keyword, from English, Spanish and French word lists: never typos.
# Left out on purpose (so they stay typos): the keyword's own inflections ("stops", "removed",
# "unsubscribed", "cancela", "arrete"), which as a whole-message reply carry its meaning.
REAL_WORDS = frozenset(
    word
    for group in (
        "atop estop scop shop slop sop step stoa stob stol stomp stoop stope stor stoup stow strop"
        " stup swop top",  # STOP
        "cuit duit fuit huit luit nuit ouit qui quia quid quiet quilt quin quint quio quip quirt"
        " quita quite quito quiz quoit quot suit",  # QUIT
        "evoke revoie revoker revole revote",  # REVOKE
        "cancer cantel carcel caucel chancel cincel canceler cancerar canelar cincelar",  # CANCEL(AR)
        "remote remover renove rewove",  # REMOVE
        "adret armet arre arreo arrest arreta barret garret jarret",  # ARRET
    )
    for word in group.split()
)


@dataclass(frozen=True, slots=True)
class Typo:
    keyword: str  # canonical keyword
    language: str
    kind: str  # "letters swapped", "letter missing", "extra letter", "wrong letter"


def edit_kind(typed: str, word: str) -> str | None:
    """How `typed` is one edit away from `word` (Damerau: adjacent swaps count), else None."""
    length, target = len(typed), len(word)
    if typed == word or abs(length - target) > 1:
        return None
    start = 0
    limit = min(length, target)
    while start < limit and typed[start] == word[start]:
        start += 1
    if length == target:
        if typed[start + 1 :] == word[start + 1 :]:
            return "wrong letter"
        if (
            start + 1 < length
            and typed[start] == word[start + 1]
            and typed[start + 1] == word[start]
            and typed[start + 2 :] == word[start + 2 :]
        ):
            return "letters swapped"
        return None
    if length < target:
        return "letter missing" if typed[start:] == word[start + 1 :] else None
    return "extra letter" if typed[start + 1 :] == word[start:] else None


# Spellings a typo may never be (squeezed): keywords of every kind and the real words above.
@cache
def _reserved() -> frozenset[str]:
    return frozenset(builtin_spellings() | REAL_WORDS | {squeeze(word) for word in REAL_WORDS})


_SPLIT_EXACT = {squeeze(word): TYPO_KEYWORDS[word] for word in SPLIT_TYPO_KEYWORDS}


def _closest(typed: str, squeezed: str, words: Iterable[str]) -> Typo | None:
    if squeezed in _reserved() or not typed.isalpha():
        return None  # letters only: "stop2" is a code, not a typo
    for word in words:
        # As typed first, so "stoo" reads as a wrong letter rather than "sto" + a repeat.
        kind = edit_kind(typed, word) or edit_kind(squeezed, word)
        if kind is not None:
            canonical, language = TYPO_KEYWORDS[word]
            return Typo(canonical, language, kind)
    return None


def find_typo(tokens: list[str], squeezed: list[str]) -> Typo | None:
    """The typo a one- or two-word message makes, if any."""
    if len(tokens) == 1:
        if tokens[0] in REAL_WORDS or tokens[0] in SQUEEZE_BLOCKED:
            return None
        return _closest(tokens[0], squeezed[0], TYPO_KEYWORDS)
    if len(tokens) == 2 and tokens[0].isalpha() and tokens[1].isalpha():
        joined = squeezed[0] + squeezed[1]
        exact = _SPLIT_EXACT.get(joined)
        if exact is not None:
            return Typo(exact[0], exact[1], "split word")
        if tokens[0] + tokens[1] in REAL_WORDS:
            return None
        typo = _closest(tokens[0] + tokens[1], joined, SPLIT_TYPO_KEYWORDS)
        if typo is not None:
            return Typo(typo.keyword, typo.language, f"split word, {typo.kind}")
    return None


def strip_filler(tokens: list[str], squeezed: list[str]) -> tuple[list[str], list[str]]:
    """Drop polite filler at either end ("stpo please"); keep all if nothing else is left."""
    start, stop = 0, len(tokens)
    while start < stop and (squeezed[start] in FILLER or squeezed[start] in REFUSALS):
        start += 1
    while stop > start and (squeezed[stop - 1] in FILLER or squeezed[stop - 1] in REFUSALS):
        stop -= 1
    if start == stop:
        return tokens, squeezed  # "stp" is both French filler ("s'il te plait") and a typo of STOP
    return tokens[start:stop], squeezed[start:stop]


def typo_description(keyword: str, kind: str) -> str:
    """ "one-letter typo of STOP (letters swapped)", "split-word typo of UNSUBSCRIBE"."""
    if kind.startswith("split word"):
        edit = kind.removeprefix("split word").removeprefix(", ")
        return f"split-word typo of {keyword}" + (f" ({edit})" if edit else "")
    return f"one-letter typo of {keyword} ({kind})"
