"""The faster paths of normalisation and detection (speed, issue #9 item 7) read every text as
the paths they replace read it: checked against those paths, written out here as they were, on
generated strings (fixed seeds) and a few examples written for these tests."""

from __future__ import annotations

import random
import re
import unicodedata

import pytest

from optout.engine import detect, normalization
from optout.engine.decision import Action, Decision, Rule, no_action
from optout.engine.keywords import squeeze, squeeze_words

_PIECES = (
    *(chr(code) for code in range(128)),
    "#", "#1", " # ", "'", "_", "...", "stop", "ooo", "zzz", "12", "sent with love", "Sent With Gentle Effect",
    "  ", "x#", "#x", "\u00e9", "\u00c9", "\u2019", "\u201c", "\u2026", "\u00a3", "\x85", "\xa0", "\x9c",
    "\U0001f600", "\u3002", "\u65e5\u672c", "\u00f1", "\u0142", "\u0111", "\u3000", "http://x.y/z",
    "www.a.b", "HTTP://A", "\u00df", "\ufb01", "\u0130", "\u0915\u093e", "\u0451", "\u0640", "\u00e7",
    "\u00fc", "\u00dc\u00dc\u00dc", "aaa", "\u01c4", "\u061f", "\u00bf", "\x1c", "\t\n",
)  # fmt: skip
_WORDLIKE = r"\w,\u0900-\u0dff\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3099\u309a"
_CLAUSE_MARKS = "\u00a1\u00bf\u3002\u3001\uff61\u060c\u061f\u061b\u0964"


def _texts(seed: int, count: int = 4000, pieces: tuple[str, ...] = _PIECES) -> list[str]:
    chooser = random.Random(seed)
    return ["".join(chooser.choice(pieces) for _ in range(chooser.randint(0, 14))) for _ in range(count)]


def _reference_full_clauses(text: str) -> str:
    """The full path as first written: a clause mark run takes the spaces before it, and every
    run of non-word characters (a lone space too) is replaced."""
    text = normalization.fold(text).replace("'", "").replace("_", " ")
    text = re.sub(r"(?<!\S)#(?=[\s.!?,;:]|$)", " number ", text)
    text = re.sub(rf"\s*[.!?;:,\n{_CLAUSE_MARKS}][.!?;:,\s{_CLAUSE_MARKS}]*", " , ", text)
    text = re.sub(rf"[^{_WORDLIKE}]+", " ", text)
    text = re.sub(r"([^\W\d_])\1{2,}", r"\1", text).strip(" ,")
    if "sent with" in text:
        text = normalization._EFFECT_SUFFIX.sub("", text).strip(" ,")
    return text


@pytest.mark.parametrize("seed", range(3))
def test_full_path_reads_as_first_written(seed: int) -> None:
    for text in _texts(seed):
        assert normalization._full_clauses(text) == _reference_full_clauses(text), repr(text)


@pytest.mark.parametrize("seed", range(3))
def test_ascii_text_with_a_number_sign_reads_as_the_full_path_reads_it(seed: int) -> None:
    ascii_pieces = tuple(piece for piece in _PIECES if piece.isascii())
    for text in _texts(seed, pieces=ascii_pieces):
        assert normalization._ascii_full_clauses(text) == normalization._full_clauses(text), repr(text)


def _reference_readable(text: str) -> str:
    """Typographic characters as first mapped: each distinct one replaced, when all are known."""
    if "http" in text or "www." in text:
        text = normalization._URL.sub(" ", text)
    if not text.isascii() and max(text) < "\u2030":
        odd = set(re.findall(r"[^\x00-\x7f]", text))
        if odd.issubset(normalization._TO_ASCII):
            for char in odd:
                text = text.replace(char, normalization._TO_ASCII[char])
    return text


@pytest.mark.parametrize("seed", range(3))
def test_clause_words_are_the_clause_text_and_its_words(seed: int) -> None:
    for text in [*_texts(seed), "Stop!!! Sooo annoying... #1 fan", "caf\u00e9 \u00a3 5 \x92 ok", "na\u00efve"]:
        assert normalization._readable(text) == _reference_readable(text), repr(text)
        clause_text, tokens = normalization.clause_words(text)
        assert clause_text == normalization.clauses(text), repr(text)
        assert tokens == clause_text.replace(",", " ").split(), repr(text)
        if "," not in clause_text:  # the classifier takes it for plain(): single-spaced
            assert clause_text == " ".join(tokens), repr(text)


def test_script_of_a_character_is_the_first_script_holding_it() -> None:
    alternation = re.compile("|".join(f"([{ranges}])" for _, ranges in detect._SCRIPTS))
    for code in range(0x370, 0x10000):
        char = chr(code)
        found = alternation.fullmatch(char)
        assert (found is None) == (detect._script_pattern().fullmatch(char) is None), hex(code)
        if found is not None:
            assert detect._script_of(char) == detect._SCRIPTS[(found.lastindex or 1) - 1][0], hex(code)


def test_no_action_is_the_decision_it_stands_for() -> None:
    for language, normalized, detail in (("en", "hi there", None), (None, "x", "STOP followed by other words")):
        built = no_action(language, normalized, detail)
        plain = Decision(Action.NONE, Rule.NONE, None, None, language, normalized, detail)
        assert type(built) is Decision and built == plain and repr(built) == repr(plain)
        assert hash(built) == hash(plain)


def test_words_squeezed_one_by_one_read_as_the_message_squeezed() -> None:
    for text in _texts(7, 2000):
        words = unicodedata.normalize("NFC", text).split()
        assert squeeze_words(words) == squeeze(" ".join(words)).split(), repr(text)
