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
from functools import cache, lru_cache

from optout.engine.decision import Action
from optout.engine.languages import LANGUAGES
from optout.engine.normalization import FIRST_GROUP, clauses, plain

_REPEATS = re.compile(r"([^\W\d_])\1+")

# Real words whose squeezed form is a keyword: never a keyword or typo ("stoop" -> "stop").
SQUEEZE_BLOCKED = frozenset({"stoop", "stoops"})

_RANK = {Action.OPT_OUT: 3, Action.OPT_IN: 2, Action.HELP: 1}  # precedence on one spelling


def squeeze(text: str) -> str:
    """Cut every run of one repeated letter to a single letter ("stopp" -> "stop")."""
    return _REPEATS.sub(FIRST_GROUP, text)


def squeeze_words(words: list[str]) -> list[str]:
    """squeeze() of each word (a run never crosses a space): squeeze(" ".join(words)).split()."""
    return list(map(_squeezed_word, words))


@lru_cache(maxsize=16384)  # bounded: one entry per word
def _squeezed_word(word: str) -> str:
    return _REPEATS.sub(FIRST_GROUP, word)


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
    # Every other language's keywords come from languages/ (ALTO, ARRET, TD, PARE, 退订...).
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
    ("JOIN", "en", ("join",)),  # the common short-code opt-in word
)


def misspellings(word: str) -> tuple[str, ...]:
    """The word as people mistype it: two letters swapped, one letter doubled ("hlep", "hepl",
    "hellp", "helpp"); never a letter changed or dropped, which reaches real words ("held", "hell")."""
    swapped = (word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1))
    doubled = (word[: i + 1] + word[i] + word[i + 1 :] for i in range(len(word)))
    return tuple(dict.fromkeys(spelling for spelling in (*swapped, *doubled) if spelling != word))


_HELP: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("HELP", "en", ("help", *misspellings("help"), "halp", "hlp")),
    ("INFO", "en", ("info",)),
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
    sir maam madam sorry just bye goodbye again anymore any_more today right_away and_thank_you
    and_thanks and_thank_u
    """
) | frozenset(squeeze(plain(clauses(word))) for language in LANGUAGES.values() for word in language.filler)
# Words that strengthen an opt-out ("No, stop", "ugh stop", "STOP RIGHT NOW", "stop it",
# "STOP SCAMMERS") but would make an opt-in or a help request odd or contradictory ("no yes"),
# so they count around opt-out keywords only: refusals, insults, profanity, interjections.
REFUSALS = _phrases(
    """
    no nope nah no_thanks no_thank_you not_interested no_way never_again ugh omg wtf ffs fs damn
    dammit damnit goddammit goddamnit god jesus christ fuck fucking fuckin fck fk fuk frick
    fricking freaking freakin frickin bloody hell shit sheesh jeez geez man dude bro bruh
    seriously srsly for_real i_said i_mean_it forever permanently for_good at_once this_instant
    idiot idiots moron morons scammer scammers scam spam spammer spammers jerk jerks loser losers
    asshole assholes creep creeps fuck_you screw_you fuck_off stfu mf nonsense crap bs bullshit
    garbage rubbish junk madness all everything all_of_it smh fr frfr
    """
)
# Object pronouns: "stop it", "QUIT THAT". Not for CANCEL, END or REMOVE ("cancel it" may be an
# order, "end it" anything).
OBJECTS = _phrases("it that this them these those")
WEAK_KEYWORDS = frozenset({"CANCEL", "END", "REMOVE"})

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


def _build(extra_out: tuple[str, ...], extra_in: tuple[str, ...], extra_help: tuple[str, ...]) -> KeywordTable:
    phrases: dict[str, Keyword] = {}
    for action, table in (
        (Action.OPT_OUT, _OPT_OUT),
        (Action.OPT_IN, _OPT_IN),
        (Action.HELP, _HELP),
    ):
        for canonical, language, spellings in table:
            for spelling in spellings:
                _add(phrases, _key(spelling), Keyword(action, canonical, language))
    for spec in LANGUAGES.values():
        for action, words in (
            (Action.OPT_OUT, spec.opt_out),
            (Action.OPT_IN, spec.opt_in),
            (Action.HELP, spec.help),
        ):
            for word in words:
                key = _key(word)
                if key not in phrases:  # English and earlier languages keep a shared spelling
                    _add(phrases, key, Keyword(action, plain(clauses(word)).upper(), spec.code))
    for action, extras in (
        (Action.OPT_OUT, extra_out),
        (Action.OPT_IN, extra_in),
        (Action.HELP, extra_help),
    ):
        for extra in extras:
            _add(phrases, _key(extra), Keyword(action, plain(clauses(extra)).upper(), None))
    for filler in (*FILLER, *REFUSALS, *OBJECTS):
        phrases.pop(filler, None)  # a configured "ok" must not turn filler into a keyword
    everything = (*phrases, *FILLER, *REFUSALS, *OBJECTS)
    longest = max(len(key.split()) for key in everything)
    vocabulary = frozenset(word for key in everything for word in key.split())
    return KeywordTable(phrases, longest, vocabulary)


@cache
def default_table() -> KeywordTable:
    """The built-in table, built on first use (it folds every language's keywords)."""
    return _build((), (), ())


@lru_cache(maxsize=256)
def table_for(extra_out: tuple[str, ...], extra_in: tuple[str, ...], extra_help: tuple[str, ...]) -> KeywordTable:
    """The keyword table for one workspace's extra keywords (cached per distinct settings)."""
    if not (extra_out or extra_in or extra_help):
        return default_table()
    return _build(extra_out, extra_in, extra_help)


def builtin_spellings() -> frozenset[str]:
    """Every built-in keyword spelling, squeezed (keeps typos from shadowing keywords)."""
    return frozenset(default_table().phrases)
