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

STOP_SIGN = "\U0001f6d1"  # OCTAGONAL SIGN

# Apostrophes and look-alikes vanish so contractions become one token ("don't" -> "dont").
_APOSTROPHES = str.maketrans("", "", "'\u2019\u2018\u02bc\u0060\u00b4")
# A lone "#" reads "number" ("wrong #"); "#1" and "#tag" keep only their word.
_NUMBER_SIGN = re.compile(r"(?<!\S)#(?=[\s.!?,;:]|$)")
# Latin diacritics and Arabic vowel and hamza marks (so \u0623, \u0625, \u0622 read as bare alef).
_COMBINING_ACCENTS = re.compile("[\u0300-\u036f\u064b-\u065f\u0670]+")
# Letters with no decomposition that writers often type bare: Vietnamese d-bar, Polish l-stroke,
# Arabic alef maqsura and ta marbuta.
_BARE_LETTERS = str.maketrans({"\u0111": "d", "\u0142": "l", "\u0649": "\u064a", "\u0629": "\u0647"})
# Sentence punctuation marks a clause; "..." and the ellipsis become "..." under NFKC.
# CJK and Arabic full stops, commas and question marks count too.
_CLAUSE_PUNCT = re.compile(
    r"\s*[.!?;:,\n\u00a1\u00bf\u3002\u3001\uff61\u060c\u061f\u061b\u0964]"
    r"[.!?;:,\s\u00a1\u00bf\u3002\u3001\uff61\u060c\u061f\u061b\u0964]*"
)
# ASCII fast path: one translate() instead of two regex passes (most messages are ASCII).
_ASCII_SPACE = b'"#$%&()*+-/<=>@[\\]^_{|}~\t\r\x0b\x0c'
_ASCII_CLAUSE = b".!?;:,\n"
_ASCII_PUNCT = bytes.maketrans(_ASCII_SPACE + _ASCII_CLAUSE, b" " * len(_ASCII_SPACE) + b"\x01" * len(_ASCII_CLAUSE))
_COMMA_RUN = re.compile(r",(?: ,)+")
# A link is the whole run of non-space characters around "http://", "https://" or "www.". The
# lookahead, tried only where a run starts, finds the same runs as r"\S*(?:https?://|www\.)\S*"
# without retrying every position of a long run.
_URL = re.compile(r"(?<!\S)(?=\S*?(?:https?://|www\.))\S+", re.IGNORECASE)
# Anything not a word character or clause mark (emoji, symbols, hyphens, brackets); "_" is a word
# character to the regex engine and is replaced separately.
# Combining vowel signs of Indic and South-East Asian scripts are no word characters to the
# regex engine, yet part of their words ("\u092e\u0948\u0938\u0947\u091c"): keep them.
_NON_WORD = re.compile(r"[^\w,\u0900-\u0dff\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3099\u309a]+")
_LETTER_RUN = re.compile(r"([^\W\d_])\1{2,}")  # 3+ of one letter; "off", "all", "too" stay intact
_ANY_RUN = re.compile(r"(.)\1\1")  # cheap test first: most messages have no run at all
# _LETTER_RUN for lowercased ASCII text, where the letters are a-z: about twice as fast (no
# Unicode categories to test), and most texts it runs on hold a run of digits only ("08000").
_ASCII_LETTER_RUN = re.compile(r"([a-z])\1{2,}")
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
# A character from U+2030 up, as a negated class (a class up to U+10FFFF takes milliseconds to
# compile): one scan, several times cheaper than max(text).
_FROM_U2030 = re.compile("[^\x00-\u202f]")


def clauses(text: str) -> str:
    """Normalised text with clause marks: words single-spaced, clauses joined by ", "."""
    if "http" in text or "www." in text:
        text = _URL.sub(" ", text)  # links are never requests ("example.com/unsubscribe")
    if not text.isascii() and _FROM_U2030.search(text) is None:  # max(text) < "\u2030", in one C loop
        # The few distinct characters, each replaced at once: translate() would look up every one.
        odd = set(_NON_ASCII.findall(text))
        if odd.issubset(_TO_ASCII):
            for char in odd:
                text = text.replace(char, _TO_ASCII[char])
    return _ascii_clauses(text) if text.isascii() and "#" not in text else _full_clauses(text)


def _ascii_clauses(text: str) -> str:
    """The one-pass path for ASCII text (most messages)."""
    raw = text.lower().encode("ascii").translate(_ASCII_PUNCT, b"'`").decode("ascii")
    while "\x01\x01" in raw:  # "...", "?!": one clause mark, as _COMMA_RUN below would leave it
        raw = raw.replace("\x01\x01", "\x01")
    text = " ".join(raw.replace("\x01", " , ").split())
    if ", ," in text:
        text = _COMMA_RUN.sub(",", text)
    if _ANY_RUN.search(text):
        text = _ASCII_LETTER_RUN.sub(r"\1", text)
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
        text = _LETTER_RUN.sub(r"\1", text)
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
