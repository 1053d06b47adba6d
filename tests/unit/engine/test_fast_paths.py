"""Shortcuts taken for speed read messages exactly as the slower way they replace. Examples and
generated strings written for these tests, not taken from the corpus."""

from __future__ import annotations

import random
import re

import pytest

from optout.engine import normalization
from optout.engine.cues import _KINDS, _cues, _found, _word_starts, read_cues
from optout.engine.detect import detect, detect_latin, script_language
from optout.engine.languages import LANGUAGES

# The link pattern as first written: every position of a run of non-space characters is tried.
_REFERENCE_URL = re.compile(r"\S*(?:https?://|www\.)\S*", re.IGNORECASE)
_URL_PIECES = ("http://", "HTTPS://", "www.", "Www.", "ww", "http", ":/", " ", "\n", "\u00a0", "a", "b.", "/x", "é")


def _url_strings() -> list[str]:
    chooser = random.Random(9)  # fixed seed: the same strings every run
    return ["".join(chooser.choice(_URL_PIECES) for _ in range(chooser.randint(0, 10))) for _ in range(3000)]


def test_links_found_as_the_reference_pattern_finds_them() -> None:
    for text in _url_strings():
        assert normalization._URL.sub(" ", text) == _REFERENCE_URL.sub(" ", text), repr(text)


@pytest.mark.parametrize(
    "text",
    [
        "Caf\u00e9 \u201cstop\u201d \u2026 thanks",
        "\u00a310 off \u2013 reply STOP",
        "na\u00efve \u00fcber",
        "\u0093quoted\u0094",
    ],
)
def test_typographic_characters_replaced_as_translate_would(text: str) -> None:
    table = str.maketrans(normalization._TO_ASCII)
    mapped = text.translate(table)
    expected = normalization._ascii_clauses(mapped) if mapped.isascii() else normalization._full_clauses(text)
    assert normalization.clauses(text) == expected


@pytest.mark.parametrize(
    "text",
    ["Bitte keine SMS mehr", "Nie chcę więcej wiadomości", "Không gửi nữa", "please stop", "ok", "Dejen de enviar"],
)
def test_detect_latin_is_detect_once_the_script_says_nothing(text: str) -> None:
    tokens = normalization.normalize(text).split()
    assert script_language(text) is None
    assert detect_latin(text, tokens) == detect(text, tokens)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("es", "por favor dejen de mandarme mensajes"),
        ("de", "bitte keine sms mehr schicken"),
        ("fr", "arretez de m envoyer des textos"),
        ("pl", "prosze nie wysylac wiecej smsow"),
        ("tl", "tigilan nyo na po ang pag text"),
    ],
)
def test_cue_kinds_skipped_by_their_first_letters_find_nothing(language: str, text: str) -> None:
    starts = _word_starts(text, language, LANGUAGES[language].unspaced)
    assert starts is not None
    for kind in ("stop", "messages", "negation", "want", "channel", "filler", "self", "how"):
        assert _found(language, kind, text, starts) == _found(language, kind, text), kind
    assert read_cues(language, text, text.split()) is not None


def _cue_texts(language: str) -> list[str]:
    """Messages made of the language's own cue stems, whole or cut short, among plain words."""
    stems = sorted({stem for group in _cues()[language].values() for stem in group})
    chooser = random.Random(language)
    words = [*stems, *(stem[:3] for stem in stems), *(stem + "s" for stem in stems), "ok", "x", "a", "e"]
    return [" ".join(chooser.choice(words) for _ in range(chooser.randint(1, 6))) for _ in range(150)]


# Arabic and the languages written without spaces are never tested by first letters.
_SPACED = sorted(code for code in _cues() if not LANGUAGES[code].unspaced and code != "ar")


@pytest.mark.parametrize("language", _SPACED)
def test_cue_kinds_found_the_same_with_the_first_letter_test(language: str) -> None:
    for text in _cue_texts(language):
        starts = _word_starts(text, language, False)
        for kind in _KINDS:
            assert _found(language, kind, text, starts) == _found(language, kind, text), (kind, text)
