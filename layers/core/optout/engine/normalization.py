"""Message normalisation: one pass that yields the clause-marked text the intent rules read and
the plain token string that keywords and typos are matched against.

Steps: NFKC + casefold; the stop-sign emoji becomes the word "stop" (Postscript honours it);
accents are folded (ARRÊT = ARRET, "no más" = "no mas"); apostrophes are dropped so "don't" reads
"dont"; sentence punctuation becomes a clause mark (",") so that negation and phrases never reach
across sentences; every other symbol, emoji or punctuation becomes a space; runs of three or more
of one letter shrink to one ("stoppp" -> "stop"); an iMessage effect suffix is removed.
"""

from __future__ import annotations

import re
import unicodedata
from operator import itemgetter

STOP_SIGN = "\U0001f6d1"  # OCTAGONAL SIGN

# Apostrophes and look-alikes vanish so contractions become one token ("don't" -> "dont").
_APOSTROPHES = str.maketrans("", "", "'\u2019\u2018\u02bc\u0060\u00b4")
# A lone "#" reads "number" ("wrong #"); "#1" and "#tag" keep only their word.
# (The "#" first, then the look behind it: a pattern that opens with a literal is scanned for.)
_NUMBER_SIGN = re.compile(r"#(?<!\S#)(?=[\s.!?,;:]|$)")
# Latin diacritics and Arabic vowel and hamza marks (so \u0623, \u0625, \u0622 read as bare alef).
_COMBINING_ACCENTS = re.compile("[\u0300-\u036f\u064b-\u065f\u0670]+")
# Letters with no decomposition that writers often type bare: Vietnamese d-bar, Polish l-stroke,
# Arabic alef maqsura and ta marbuta.
_BARE_LETTERS = str.maketrans({"\u0111": "d", "\u0142": "l", "\u0649": "\u064a", "\u0629": "\u0647"})
# Sentence punctuation marks a clause; "..." and the ellipsis become "..." under NFKC.
# CJK and Arabic full stops, commas and question marks count too.
# Spaces before a mark are left to _NON_WORD below, which joins them to the mark's own: a pattern
# that opens with a class lets the regex engine scan for it.
_CLAUSE_PUNCT = re.compile(
    r"[.!?;:,\n\u00a1\u00bf\u3002\u3001\uff61\u060c\u061f\u061b\u0964]"
    r"[.!?;:,\s\u00a1\u00bf\u3002\u3001\uff61\u060c\u061f\u061b\u0964]*"
)
# ASCII fast path: one translate() instead of two regex passes (most messages are ASCII).
_ASCII_SPACE = b'"#$%&()*+-/<=>@[\\]^_{|}~\t\r\x0b\x0c'
_ASCII_CLAUSE = b".!?;:,\n"
_ASCII_PUNCT = bytes.maketrans(_ASCII_SPACE + _ASCII_CLAUSE, b" " * len(_ASCII_SPACE) + b"\x01" * len(_ASCII_CLAUSE))
# The same, with lower(): A-Z read as a-z in the same pass.
_ASCII_LOWER_PUNCT = bytes(code + 32 if 65 <= code <= 90 else _ASCII_PUNCT[code] for code in range(256))
_COMMA_RUN = re.compile(r",(?: ,)+")
# A link is the whole run of non-space characters around "http://", "https://" or "www.". The
# lookahead, tried only where a run starts, finds the same runs as r"\S*(?:https?://|www\.)\S*"
# without retrying every position of a long run.
_URL = re.compile(r"(?<!\S)(?=\S*?(?:https?://|www\.))\S+", re.IGNORECASE)
# Anything not a word character or clause mark (emoji, symbols, hyphens, brackets); "_" is a word
# character to the regex engine and is replaced separately.
# Combining vowel signs of Indic and South-East Asian scripts are no word characters to the
# regex engine, yet part of their words ("\u092e\u0948\u0938\u0947\u091c"): keep them.
# A lone space is left as it is (the same text, without a substitution between every two words).
_WORDLIKE = "\\w,\u0900-\u0dff\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3099\u309a"
_NON_WORD = re.compile(f"[^{_WORDLIKE} ][^{_WORDLIKE}]*| [^{_WORDLIKE}]+")
_LETTER_RUN = re.compile(r"([^\W\d_])\1{2,}")  # 3+ of one letter; "off", "all", "too" stay intact
_ANY_RUN = re.compile(r"(.)\1\1")  # cheap test first: most messages have no run at all
# The run's letter, read in C (a template such as r"\1" is expanded by Python code per match).
FIRST_GROUP = itemgetter(1)
# _LETTER_RUN for lowercased ASCII text, where the letters are a-z: about twice as fast (no
# Unicode categories to test), and most texts it runs on hold a run of digits only ("08000").
_ASCII_LETTER_RUN = re.compile(r"([a-z])\1{2,}")
# Words seen without a letter run, whose messages skip the search. Bounded: a warm Lambda keeps it.
_NO_RUN: set[str] = set()
_NO_RUN_LIMIT = 50_000
# iMessage bubble and screen effects, as they arrive on non-Apple phones: "STOP (sent with Gentle
# Effect)", "... Sent with Loud Effect", "sent with Invisible Ink", "(Sent with Confetti)".
_EFFECT_SUFFIX = re.compile(
    r"(?:^|[ ,])sent with (?:an? )?"
    r"(?:(?:gentle|loud|slam|echo|spotlight)(?: effect)?|invisible ink|balloons|confetti|love|lasers"
    r"|fireworks|celebration|shooting star|[a-z]+ effect)[ ,]*$"
)


def fold(text: str) -> str:
    """Casefold and fold accents; the shared first step for messages and configured keywords."""
    if text.isascii():
        return text.lower()  # casefold == lower for ASCII, and much cheaper than NFKC
    text = unicodedata.normalize("NFKC", text).casefold().replace(STOP_SIGN, " stop ")
    text = _COMBINING_ACCENTS.sub("", unicodedata.normalize("NFKD", text))
    # Recompose what NFKD split apart in other scripts (Hangul syllables, kana voicing marks).
    return unicodedata.normalize("NFC", text).translate(_APOSTROPHES).translate(_BARE_LETTERS)


# Common non-ASCII characters of Latin-script messages, as the full path would read them, so
# that such messages take the ASCII path too (a unit test holds the two paths to the same result).
_TO_ASCII: dict[str, str] = {
    "\u00a3": " ", "\u20ac": " ", "\u2013": " ", "\u2014": " ", "\u201c": " ", "\u201d": " ",
    "\u00ab": " ", "\u00bb": " ", "\u2018": "'", "\u2019": "'", "\u2026": "...", "\u00fc": "u",
    "\u00dc": "u", "\u00e9": "e", "\u00c9": "e", "\u00e8": "e", "\u00e1": "a", "\u00ed": "i",
    "\u00f3": "o", "\u00fa": "u", "\u00f1": "n", "\u00e7": "c", "\u00e0": "a",
    **{chr(code): " " for code in range(0x80, 0xA0)},  # C1 controls: Windows-1252 quotes misread
}  # fmt: skip
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_FROM_U0100 = re.compile("[^\x00-\xff]")
# _TO_ASCII for text of Latin-1 characters, whose replacements are all one character (ord()
# would fail at import otherwise): one translate() of its bytes; a byte it lacks stays above 0x7f.
_LATIN1_TO_ASCII = bytes(ord(_TO_ASCII.get(chr(code), chr(code))) for code in range(256))
# A character from U+2030 up, as a negated class (a class up to U+10FFFF takes milliseconds to
# compile): one scan, several times cheaper than max(text).
_FROM_U2030 = re.compile("[^\x00-\u202f]")


def clauses(text: str) -> str:
    """Normalised text with clause marks: words single-spaced, clauses joined by ", "."""
    text = _readable(text)
    if not text.isascii():
        return _full_clauses(text)
    return _ascii_clauses(text) if "#" not in text else _ascii_full_clauses(text)


def clause_words(text: str) -> tuple[str, list[str]]:
    """clauses(text) and its words without the clause marks (the classifier needs both; the common
    path has its words split already)."""
    if text.isascii() and "#" not in text and "http" not in text and "www." not in text:
        return _ascii_clause_words(text)  # most messages: nothing for _readable() to do
    text = _readable(text)
    if text.isascii() and "#" not in text:
        return _ascii_clause_words(text)
    clause_text = _full_clauses(text) if not text.isascii() else _ascii_full_clauses(text)
    return clause_text, clause_text.replace(",", " ").split() if "," in clause_text else clause_text.split()


def _readable(text: str) -> str:
    """Links removed, and the common typographic characters of Latin text read as ASCII."""
    if "http" in text or "www." in text:
        text = _URL.sub(" ", text)  # links are never requests ("example.com/unsubscribe")
    if not text.isascii() and _FROM_U0100.search(text) is None:  # Latin-1 only: mapped by bytes
        mapped = text.encode("latin-1").translate(_LATIN1_TO_ASCII)
        return mapped.decode("ascii") if mapped.isascii() else text  # else a character _TO_ASCII lacks
    if not text.isascii() and _FROM_U2030.search(text) is None:  # max(text) < "\u2030", in one C loop
        # The few distinct characters, each replaced at once: translate() would look up every one.
        odd = set(_NON_ASCII.findall(text))
        if odd.issubset(_TO_ASCII):
            for char in odd:
                text = text.replace(char, _TO_ASCII[char])
    return text


def _ascii_clauses(text: str) -> str:
    """The one-pass path for ASCII text (most messages)."""
    return _ascii_clause_words(text)[0]


def _ascii_clause_words(text: str) -> tuple[str, list[str]]:
    """clause_words() of ASCII text: one translate(), and the words split once."""
    raw = text.encode().translate(_ASCII_LOWER_PUNCT, b"'`").decode()
    if "\x01" not in raw:  # no clause mark: the words are the tokens
        words = raw.split()
        text = " ".join(words)
    else:
        while "\x01\x01" in raw:  # "...", "?!": one clause mark, as _COMMA_RUN below would leave it
            raw = raw.replace("\x01\x01", "\x01")
        text = " ".join(raw.replace("\x01", " , ").split())
        if ", ," in text:
            text = _COMMA_RUN.sub(",", text)
        words = raw.replace("\x01", " ").split()  # the tokens: only the two substitutions below change a word
        text = text.strip(" ,")
    changed = False
    if not _NO_RUN.issuperset(words):  # a run lies inside one word: single spaces part the words
        text, changed = _fold_letter_runs(text, words)
    if "sent with" in text:
        text, changed = _EFFECT_SUFFIX.sub("", text).strip(" ,"), True
    return text, (text.replace(",", " ").split() if changed else words)


def _fold_letter_runs(text: str, words: list[str]) -> tuple[str, bool]:
    """The ASCII text with its letter runs shrunk, and whether there were any; words without one
    are kept ("08000" has a run of digits only)."""
    runs = 0
    if _ANY_RUN.search(text):  # cheap test first
        text, runs = _ASCII_LETTER_RUN.subn(FIRST_GROUP, text)
    if not runs and len(_NO_RUN) < _NO_RUN_LIMIT:
        _NO_RUN.update(words)
    return text, runs > 0


# The full path's reading of ASCII text, by translate(): clause marks become \x01, what its regular
# expressions take for whitespace (and "_") a space, and every other non-word character \x02, a
# mark that ends a run of clause marks as it does there.
_FULL_CLAUSE = ".!?;:,\n"
_FULL_SPACE = " \t\x0b\x0c\r\x1c\x1d\x1e\x1f_"
_FULL_ASCII = bytes(
    0x01 if chr(code) in _FULL_CLAUSE else 0x20 if chr(code) in _FULL_SPACE else code if chr(code).isalnum() else 0x02
    for code in range(256)
)


def _ascii_full_clauses(text: str) -> str:
    """_full_clauses() of ASCII text ("call me at #5"), without its Unicode regular expressions."""
    text = text.lower()
    if "#" in text:
        text = _NUMBER_SIGN.sub(" number ", text.replace("'", "").replace("_", " "))
    raw = text.encode("ascii").translate(_FULL_ASCII, b"'").decode("ascii")
    while "\x01\x01" in raw:
        raw = raw.replace("\x01\x01", "\x01")
    words = raw.replace("\x01", " , ").replace("\x02", " \x02 ").split()
    text = " ".join(words)
    if ", ," in text:
        text = _COMMA_RUN.sub(",", text)  # clause marks with only spaces between are one mark
    if "\x02" in text:
        text = " ".join(text.replace("\x02", " ").split())
    if _ANY_RUN.search(text):
        text = _ASCII_LETTER_RUN.sub(FIRST_GROUP, text)
    text = text.strip(" ,")
    if "sent with" in text:
        text = _EFFECT_SUFFIX.sub("", text).strip(" ,")
    return text


def _full_clauses(text: str) -> str:
    """Any text: NFKC, accents folded, every non-word character read by regular expressions."""
    text = fold(text)
    if "'" in text:
        text = text.replace("'", "")
    if "_" in text:
        text = text.replace("_", " ")
    if "#" in text:
        text = _NUMBER_SIGN.sub(" number ", text)
    text = _NON_WORD.sub(" ", _CLAUSE_PUNCT.sub(" , ", text))
    if _ANY_RUN.search(text):
        text = _LETTER_RUN.sub(FIRST_GROUP, text)
    text = text.strip(" ,")
    if "sent with" in text:
        text = _EFFECT_SUFFIX.sub("", text).strip(" ,")
    return text


def plain(clause_text: str) -> str:
    """The clause text without clause marks: the `normalized` string of a decision."""
    if "," not in clause_text:
        return clause_text
    return " ".join(clause_text.replace(",", " ").split())


def normalize(text: str) -> str:
    """The normalised message (public helper; the classifier calls the two steps itself)."""
    return plain(clauses(text))
