"""Language detection, cheap enough for every message: the script for non-Latin text, then a
handful of common words (or letters only one language uses) for Latin text.

Returns an ISO 639-1 code, or None when a message is too short or too plain to tell.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from optout.engine.languages import LANGUAGES, UNSUPPORTED_WORDS
from optout.engine.normalization import normalize

# One group per script; the first character found decides, with two refinements below.
_SCRIPTS = (
    ("ko", "\uac00-\ud7af\u1100-\u11ff\u3130-\u318f"),
    ("ja", "\u3040-\u30ff\uff66-\uff9f"),  # half-width katakana too ("ﾃｲｼ")
    ("zh", "\u3400-\u4dbf\u4e00-\u9fff"),
    ("ar", "\u0600-\u06ff"),
    ("ru", "\u0400-\u04ff"),
    ("hi", "\u0900-\u097f"),
    ("th", "\u0e00-\u0e7f"),
    ("he", "\u0590-\u05ff"),
    ("el", "\u0370-\u03ff"),
    ("bn", "\u0980-\u09ff"),
    ("pa", "\u0a00-\u0a7f"),
    ("gu", "\u0a80-\u0aff"),
    ("ta", "\u0b80-\u0bff"),
    ("te", "\u0c00-\u0c7f"),
    ("kn", "\u0c80-\u0cff"),
    ("ml", "\u0d00-\u0d7f"),
    ("si", "\u0d80-\u0dff"),
    ("lo", "\u0e80-\u0eff"),
    ("my", "\u1000-\u109f"),
    ("ka", "\u10a0-\u10ff"),
    ("am", "\u1200-\u137f"),
    ("km", "\u1780-\u17ff"),
    ("hy", "\u0530-\u058f"),
)
# Any character from U+0370 (Greek) up: a scan for one, several times cheaper than max(text). A
# negated class: a class up to U+10FFFF takes milliseconds to compile.
_FROM_GREEK = re.compile("[^\x00-\u036f]")
# Both cases written out rather than re.IGNORECASE, which denies the engine its fast scan (a unit
# test holds each class to the case-insensitive one over every code point).
_VIETNAMESE = re.compile("[\u0102\u0103\u0110\u0111\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]")
_POLISH = re.compile("[\u0104\u0105\u0118\u0119\u0141\u0142\u0143\u0144\u015a\u015b\u0179\u017a\u017b\u017c]")
_PERSIAN = re.compile("[\u067e\u0686\u0698\u06af\u06cc\u06a9]")
_URDU = re.compile("[\u06d2\u0679\u0688\u0691\u06ba\u06be]")
_UKRAINIAN = re.compile("[\u0456\u0457\u0454\u0491]", re.IGNORECASE)
_ENGLISH = frozenset(
    [
        "i",
        "you",
        "the",
        "me",
        "my",
        "to",
        "is",
        "it",
        "this",
        "please",
        "stop",
        "dont",
        "do",
        "not",
        "your",
        "and",
        "of",
        "a",
        "are",
        "am",
        "we",
        "have",
        "get",
        "im",
        "text",
        "texts",
        "number",
    ]
)


@cache
def _script_pattern() -> re.Pattern[str]:
    """A character of any script above: one class, which the regex engine scans for in one loop
    (an alternation of one group per script tries every group at every position)."""
    return re.compile("[" + "".join(ranges for _, ranges in _SCRIPTS) + "]")


@cache
def _script_ranges() -> tuple[tuple[str, str, str], ...]:
    """(first, last, code) of every range, in the order of _SCRIPTS: the first that holds decides."""
    return tuple(
        (ranges[i], ranges[i + 2], code) for code, ranges in _SCRIPTS for i in range(0, len(ranges), 3)
    )


def _script_of(char: str) -> str:
    return next(code for first, last, code in _script_ranges() if first <= char <= last)


@cache
def _word_languages() -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    sources = {code: language.words for code, language in LANGUAGES.items()}
    for code, words in (*sources.items(), *UNSUPPORTED_WORDS.items()):
        for word in words:
            key = normalize(word)
            table[key] = (*table.get(key, ()), code)
    return table


@cache
def _known_words() -> frozenset[str]:
    return frozenset(_word_languages())


def script_language(text: str) -> str | None:
    """The language a non-Latin script gives away (text not ASCII), else None."""
    if _FROM_GREEK.search(text) is None:
        return None  # Latin letters, accents and symbols only (max(text) < "\u0370"): the common case
    found = _script_pattern().search(text)
    if found is None:
        return None
    code = _script_of(found.group())
    if code == "zh" and re.search("[\u3040-\u30ff\uff66-\uff9f]", text):
        return "ja"
    if code == "ar":
        return "ur" if _URDU.search(text) else "fa" if _PERSIAN.search(text) else "ar"
    if code == "ru" and _UKRAINIAN.search(text):
        return "uk"
    return code


def detect(text: str, tokens: list[str]) -> str | None:
    """The message's language, or None when it cannot be told."""
    if not text.isascii():
        code = script_language(text)
        if code is not None:
            return code
    return detect_latin(text, tokens)


def detect_latin(text: str, tokens: list[str]) -> str | None:
    """detect() for a message whose script gives no language away (the caller has looked)."""
    if not text.isascii():
        if _VIETNAMESE.search(text):
            return "vi"
        if _POLISH.search(text):
            return "pl"
    common = _common_words().intersection(tokens)  # one pass over the words for both tables
    if not common:
        return None
    known = common & _known_words()
    if not known:
        return "en"  # English words only
    return _voted(known, len(common & _ENGLISH))


@cache
def _common_words() -> frozenset[str]:
    return _known_words() | _ENGLISH


@lru_cache(maxsize=8192)  # bounded; the answer depends on these two values alone (a few words, repeated)
def _voted(known: frozenset[str], english: int) -> str | None:
    """The language the message's common words vote for, against its count of English words."""
    table = _word_languages()
    votes: dict[str, int] = {}
    for token in sorted(known):  # a fixed order: ties must not depend on string hashing
        for code in table[token]:
            votes[code] = votes.get(code, 0) + 1
    if not votes:
        return "en" if english else None
    # The first of equal counts, as before; one language voted for needs no comparison.
    code = max(votes, key=votes.__getitem__) if len(votes) > 1 else next(iter(votes))
    count = votes[code]
    needed = 2 if code in UNSUPPORTED_WORDS else 1
    if count < needed or count < english:
        return "en" if english else None
    return code


def foreign_enough(tokens: list[str], language: str | None) -> bool:
    """Whether two or more words of the message belong to `language` (its cue reading is worth it)."""
    if language is None:
        return False
    table = _word_languages()
    return sum(language in table[token] for token in _known_words().intersection(tokens)) >= 2


def ranked(tokens: list[str]) -> list[str]:
    """Languages whose common words the message has, most first (for the cue reader's retries)."""
    return list(_ranked(_known_words().intersection(tokens)))


@lru_cache(maxsize=4096)  # bounded; the order depends on the common words alone
def _ranked(known: frozenset[str]) -> tuple[str, ...]:
    table = _word_languages()
    votes: dict[str, int] = {}
    for token in sorted(known):  # fixed order, as in detect()
        for code in table[token]:
            votes[code] = votes.get(code, 0) + 1
    return tuple(sorted(votes, key=lambda code: -votes[code]))
