"""Japanese written in Latin letters (romaji), read as kana by engine/japanese.py.

"teishi de onegai shimasu" and "teisi sitekudasai" are the kana "ていしでおねがいします" and
"ていししてください" spelt out, Hepburn or Kunrei, spaced or not: each word is cut into syllables and
the kana reading is read by construction like any Japanese message. A word that is no run of
syllables fails the whole message ("stop please", "no me mande" are never romaji), except the few
Latin words the Japanese tables hold themselves ("sms", "stop").
"""

from __future__ import annotations

import re
from functools import lru_cache

from optout.engine.decision import Action
from optout.engine.intent_verdict import Found
from optout.engine.japanese import Reading, read_japanese

# Below the kana reading's own confidence: a syllable cut can mislead where kana cannot.
ROMAJI_CONFIDENCE = 0.85
_ACTIONS = {"asked_back": Action.OPT_IN, "help": Action.HELP}

# The kana row of each consonant, vowels in a-i-u-e-o order ("-": no such syllable).
_ROWS = {
    "": "あいうえお", "k": "かきくけこ", "g": "がぎぐげご", "s": "さしすせそ", "z": "ざじずぜぞ",
    "t": "たちつてと", "d": "だぢづでど", "n": "なにぬねの", "h": "はひふへほ", "b": "ばびぶべぼ",
    "p": "ぱぴぷぺぽ", "m": "まみむめも", "r": "らりるれろ", "y": "や-ゆ-よ", "w": "わ---を",
}  # fmt: skip
# Hepburn spellings beside Kunrei's ("shi" and "si", "tsu" and "tu", "ja" and "zya").
_HEPBURN = {"shi": "し", "chi": "ち", "tsu": "つ", "fu": "ふ", "ji": "じ", "she": "しぇ", "je": "じぇ"}
# Contracted syllables ("kyo", Kunrei "syo", "tya", "zya"; Hepburn "sho", "cha", "ja").
_CONTRACTED = {"ky": "き", "gy": "ぎ", "ny": "に", "hy": "ひ", "by": "び", "py": "ぴ", "my": "み", "ry": "り"}
_CONTRACTED |= {"sy": "し", "ty": "ち", "zy": "じ", "dy": "ぢ", "sh": "し", "ch": "ち", "j": "じ"}
_SMALL = {"a": "ゃ", "u": "ゅ", "o": "ょ"}
_LATIN_WORDS = frozenset({"sms", "stop", "dm", "line", "help", "start", "unsubscribe", "cancel"})
_WORD = re.compile(r"[a-z']+|[^a-z'\s]+")
# Every romaji word ends in a vowel or "n", but for a table's Latin word: one C-level search for a
# word ending otherwise turns away nearly all English before any syllable is cut ("ok lar").
_CONSONANT_END = re.compile(r"\b(?!(?:sms|stop|dm|help|start|unsubscribe|cancel)\b)[a-z']*[b-df-hj-mp-tv-z](?![a-z'])")
_ENDS = ".,!?"


def _syllables() -> dict[str, str]:
    table = {
        consonant + vowel: mora
        for consonant, row in _ROWS.items()
        for vowel, mora in zip("aiueo", row, strict=True)
        if mora != "-"
    }
    table |= _HEPBURN
    for stem, kana in _CONTRACTED.items():
        table |= {stem + vowel: kana + small for vowel, small in _SMALL.items()}
    return table


_SYLLABLES = _syllables()


def to_kana(word: str) -> str | None:
    """One romaji word as hiragana, or None when it is no run of syllables."""
    kana: list[str] = []
    at = 0
    while at < len(word):
        char = word[at]
        if char in "aeuo" and at and word[at - 1] == char and len(word) > 2:
            kana.append("ー")  # a long vowel of a loanword ("messeeji", "meeru"); "ii" stays "いい"
            at += 1
            continue
        if char == word[at + 1 : at + 2] and char not in "aeioun":
            kana.append("っ")  # a doubled consonant ("kekkou", "yamette")
            at += 1
            continue
        size = next((size for size in (3, 2, 1) if word[at : at + size] in _SYLLABLES), 0)
        if size:
            kana.append(_SYLLABLES[word[at : at + size]])
            at += size
        elif char == "n":
            kana.append("ん")  # a syllabic n, before a consonant or at the end ("haishin", "n'")
            at += 2 if word[at + 1 : at + 2] == "'" else 1
        else:
            return None
    return "".join(kana)


@lru_cache(maxsize=256)
def read_romaji(normalized: str) -> Reading | None:
    """The Japanese reading of a message in romaji, or None when a word is not romaji."""
    kana: list[str] = []
    spelt = False  # a romaji word of four letters or more: particles alone ("no help") are not Japanese
    for word in _WORD.findall(normalized.casefold()):
        if word[0].isalpha():
            reading = word if word in _LATIN_WORDS else to_kana(word)
            if reading is None:
                return None
            spelt = spelt or (word not in _LATIN_WORDS and len(word) >= 4)
            kana.append(reading)
        elif all(char in _ENDS for char in word):
            kana.append("," if "," in word else "")
        else:
            return None
    return read_japanese("".join(kana)) if spelt else None


def romaji_found(normalized: str) -> Found | None:
    """What a romaji message asks, as a natural-language match, or None."""
    if _CONSONANT_END.search(normalized) is not None:
        return None
    reading = read_romaji(normalized)
    if reading is None:
        return None
    action = Action.OPT_OUT if reading.opts_out else _ACTIONS.get(reading.kind)
    if action is None:
        return None
    name = f"Japanese {reading.kind} in romaji, read by construction"
    return Found(name, "ja", action, ROMAJI_CONFIDENCE, normalized, 0, 0)  # the whole message is read
