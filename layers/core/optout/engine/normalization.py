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
# Latin diacritics only: the marks of other scripts are part of their letters.
_COMBINING_ACCENTS = re.compile("[\u0300-\u036f]+")
# Sentence punctuation marks a clause; "..." and the ellipsis become "..." under NFKC.
_CLAUSE_PUNCT = re.compile(r"\s*[.!?;:,\n\u00a1\u00bf][.!?;:,\s\u00a1\u00bf]*")
# Anything not a word character or clause mark (emoji, symbols, hyphens, brackets); "_" is a word
# character to the regex engine and is replaced separately.
_NON_WORD = re.compile(r"[^\w,]+")
_LETTER_RUN = re.compile(r"([^\W\d_])\1{2,}")  # 3+ of one letter; "off", "all", "too" stay intact
_ANY_RUN = re.compile(r"(.)\1\1")  # cheap test first: most messages have no run at all
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
    return _COMBINING_ACCENTS.sub("", unicodedata.normalize("NFKD", text)).translate(_APOSTROPHES)


def clauses(text: str) -> str:
    """Normalised text with clause marks: words single-spaced, clauses joined by ", "."""
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
