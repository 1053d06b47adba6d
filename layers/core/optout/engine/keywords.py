"""Keyword tables: whole-message opt-out, opt-in and help keywords, and the polite filler that may
surround them ("stop please", "Stop. Thank you", "please STOP").

A message is a keyword message when, after normalisation, every word is either filler or part of
a keyword and at least one keyword is present ("STOP STOP" and "stop, unsubscribe" count). So
"STOP 12345" (a keyword followed by another command or code, medic issue 476), "Stop the bill!"
and "Stop! I'm in" are not keyword messages: the extra words change the meaning.

Matching is on "squeezed" words (every run of one letter cut to a single letter) so "stopp",
"quitt" and "stopall" / "stop all" agree; "stoop" is the one real word this would turn into a
keyword, so it is blocked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from optout.engine.models import Action
from optout.engine.normalization import clauses, plain

_REPEATS = re.compile(r"([^\W\d_])\1+")

# Real words whose squeezed form is a keyword: never a keyword or typo ("stoop" -> "stop").
SQUEEZE_BLOCKED = frozenset({"stoop", "stoops"})

_RANK = {Action.OPT_OUT: 3, Action.OPT_IN: 2, Action.HELP: 1}  # precedence on one spelling


def squeeze(text: str) -> str:
    """Cut every run of one repeated letter to a single letter ("stopp" -> "stop")."""
    return _REPEATS.sub(r"\1", text)


@dataclass(frozen=True, slots=True)
class Keyword:
    action: Action
    canonical: str  # how the keyword is reported ("STOP", "OPT OUT", "ARRET")
    language: str | None


# (canonical, language, spellings after normalisation). Sources in compliance.md section 1.
_OPT_OUT: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    # US FCC 47 CFR 64.1200(a)(10): the seven "reasonable means per se".
    ("STOP", "en", ("stop",)),
    ("QUIT", "en", ("quit",)),
    ("END", "en", ("end",)),
    ("REVOKE", "en", ("revoke",)),
    ("OPT OUT", "en", ("opt out", "optout")),  # "OPT-OUT" normalises to "opt out"
    ("CANCEL", "en", ("cancel",)),
    ("UNSUBSCRIBE", "en", ("unsubscribe",)),
    # Twilio, Telnyx, Heymarket, AWS, Spoke Rewired.
    ("STOPALL", "en", ("stopall", "stop all")),
    ("REMOVE", "en", ("remove",)),
    ("UNSUB", "en", ("unsub",)),
    ("STOP2QUIT", "en", ("stop2quit", "stop 2 quit", "stop quit", "stoptoquit", "stop to quit")),
    # Spanish.
    ("ALTO", "es", ("alto",)),
    ("PARAR", "es", ("parar",)),
    ("BAJA", "es", ("baja",)),
    ("CANCELAR", "es", ("cancelar",)),
    ("NO MAS", "es", ("no mas",)),
    # Canadian French (AWS): ARRET / ARRÊT and the short form TD.
    ("ARRET", "fr", ("arret",)),
    ("TD", "fr", ("td",)),
)

# Opt-in re-subscribes a contact, so a wrong match is the costly error here (messages to someone
# who revoked consent): only unambiguous commands. YES follows Twilio/Telnyx/Heymarket. Spanish
# "SI" and French "OUI" are left out: they answer any question in conversation.
_OPT_IN: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("START", "en", ("start",)),
    ("UNSTOP", "en", ("unstop",)),
    ("YES", "en", ("yes",)),
    ("SUBSCRIBE", "en", ("subscribe",)),
    ("RESUBSCRIBE", "en", ("resubscribe",)),
    ("OPT IN", "en", ("opt in", "optin")),
)

_HELP: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("HELP", "en", ("help",)),
    ("INFO", "en", ("info",)),
    ("AYUDA", "es", ("ayuda",)),
    ("AIDE", "fr", ("aide",)),
)


# Courtesy words that do not change a keyword's meaning. No command words here ("yes", "all",
# "me"), so "STOP 12345" or "stop me" stay non-keyword messages.
def _phrases(text: str) -> frozenset[str]:
    """Space-separated phrases, "_" joining the words of one phrase; squeezed like messages."""
    return frozenset(squeeze(phrase.replace("_", " ")) for phrase in text.split())


FILLER = _phrases(
    """
    please pls plz plez plse pleas kindly now right_now asap immediately already thanks thank_you
    thank_u thankyou thanku thx thnx thnks thks tks ty tq many_thanks ok okay k hi hello hey dear
    sir maam madam sorry just bye goodbye por_favor gracias merci svp stp sil_vous_plait
    sil_te_plait
    """
)
# Refusals that strengthen an opt-out ("No, stop", "nope. STOP") but would contradict an opt-in
# or a help request ("no yes"), so they are filler for opt-out keywords only.
REFUSALS = _phrases("no nope nah")

MAX_KEYWORD_MESSAGE_WORDS = 20  # "stop stop stop ..." still counts; longer messages never do


@dataclass(frozen=True, slots=True)
class KeywordTable:
    phrases: dict[str, Keyword]  # squeezed phrase -> keyword
    longest: int  # most words in one phrase (keyword or filler)
    vocabulary: frozenset[str]  # every word of a phrase or filler: a quick "cannot match" test


def _key(text: str) -> str:
    return squeeze(plain(clauses(text)))


def _add(phrases: dict[str, Keyword], key: str, keyword: Keyword) -> None:
    current = phrases.get(key)
    if key and (current is None or _RANK[keyword.action] > _RANK[current.action]):
        phrases[key] = keyword


def _build(
    extra_out: tuple[str, ...], extra_in: tuple[str, ...], extra_help: tuple[str, ...]
) -> KeywordTable:
    phrases: dict[str, Keyword] = {}
    for action, table in (
        (Action.OPT_OUT, _OPT_OUT),
        (Action.OPT_IN, _OPT_IN),
        (Action.HELP, _HELP),
    ):
        for canonical, language, spellings in table:
            for spelling in spellings:
                _add(phrases, _key(spelling), Keyword(action, canonical, language))
    for action, extras in (
        (Action.OPT_OUT, extra_out),
        (Action.OPT_IN, extra_in),
        (Action.HELP, extra_help),
    ):
        for extra in extras:
            _add(phrases, _key(extra), Keyword(action, plain(clauses(extra)).upper(), None))
    for filler in (*FILLER, *REFUSALS):
        phrases.pop(filler, None)  # a configured "ok" must not turn filler into a keyword
    everything = (*phrases, *FILLER, *REFUSALS)
    longest = max(len(key.split()) for key in everything)
    vocabulary = frozenset(word for key in everything for word in key.split())
    return KeywordTable(phrases, longest, vocabulary)


DEFAULT_TABLE = _build((), (), ())


@lru_cache(maxsize=256)
def table_for(
    extra_out: tuple[str, ...], extra_in: tuple[str, ...], extra_help: tuple[str, ...]
) -> KeywordTable:
    """The keyword table for one workspace's extra keywords (cached per distinct settings)."""
    if not (extra_out or extra_in or extra_help):
        return DEFAULT_TABLE
    return _build(extra_out, extra_in, extra_help)


def builtin_spellings() -> frozenset[str]:
    """Every built-in keyword spelling, squeezed (keeps typos from shadowing keywords)."""
    return frozenset(DEFAULT_TABLE.phrases)


@dataclass(frozen=True, slots=True)
class KeywordMatch:
    keyword: Keyword  # the deciding keyword (highest precedence, first of its action)
    start: int  # word span of the keywords, filler at either end excluded
    stop: int


def match_keywords(
    tokens: list[str], squeezed: list[str], table: KeywordTable
) -> KeywordMatch | None:
    """Match a whole message made of keywords and filler; None when any other word is present."""
    count = len(tokens)
    if count == 0 or count > MAX_KEYWORD_MESSAGE_WORDS:
        return None
    vocabulary = table.vocabulary
    if not all(word in vocabulary for word in squeezed):
        return None  # the common case: a word that no keyword or filler has
    phrases = table.phrases
    found: list[tuple[int, int, Keyword]] = []
    refused: list[bool] = [False]

    def walk(i: int) -> bool:
        # Longest phrase first, backtracking (a handful of words at most).
        if i == count:
            return True
        for length in range(min(table.longest, count - i), 0, -1):
            key = " ".join(squeezed[i : i + length])
            keyword = phrases.get(key)
            if keyword is not None and not _blocked(tokens[i : i + length]):
                found.append((i, i + length, keyword))
                if walk(i + length):
                    return True
                found.pop()
            elif key in FILLER and walk(i + length):
                return True
            elif key in REFUSALS and walk(i + length):
                refused[0] = True
                return True
        return False

    if not walk(0) or not found:
        return None
    best = max(found, key=lambda item: (_RANK[item[2].action], -item[0]))
    if refused[0] and best[2].action is not Action.OPT_OUT:
        return None  # "no yes", "nope help": contradictory
    return KeywordMatch(best[2], found[0][0], found[-1][1])


def _blocked(tokens: list[str]) -> bool:
    return any(token in SQUEEZE_BLOCKED for token in tokens)
