"""Language tables of the opt-out engine: keywords, phrasings, polite filler and the words that
tell one language from another. Data only; keywords.py, phrases.py and detect.py build from it.

Sources: docs/languages.md (carriers' and platforms' published keywords and everyday usage).
Phrases are written in ordinary spelling and folded like messages when they are built, so
"ne m'envoyez plus" and "NE M ENVOYEZ PLUS" agree. Syntax of a phrase: words separated by
spaces; "a/b" offers alternatives for one word; a trailing "*" matches any ending ("envi*"); one
extra word may stand between two words of a phrase. CJK and Korean phrases are plain substrings
(they are matched with the spaces removed).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from optout.engine.languages.asian import ASIAN
from optout.engine.languages.european import EUROPEAN
from optout.engine.languages.haitian_russian import HAITIAN_RUSSIAN
from optout.engine.languages.tables_more import MORE


@dataclass(frozen=True, slots=True)
class Language:
    code: str  # ISO 639-1
    name: str
    opt_out: tuple[str, ...] = ()  # whole-message keywords
    opt_in: tuple[str, ...] = ()
    help: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()  # opt-out phrasings
    opt_in_phrases: tuple[str, ...] = ()
    help_phrases: tuple[str, ...] = ()
    filler: tuple[str, ...] = ()  # politeness that may surround a keyword
    words: tuple[str, ...] = ()  # common words of the language (detection)
    unspaced: bool = False  # matched as substrings without spaces (zh, ja, ko)


def _extended(data: dict[str, Any], more: dict[str, tuple[str, ...]]) -> dict[str, Any]:
    """A language's table with tables_more.py's entries added to its tuples."""
    return {**data, **{field: (*data.get(field, ()), *extra) for field, extra in more.items()}}


LANGUAGES: dict[str, Language] = {
    code: Language(code=code, **_extended(data, MORE.get(code, {})))
    for code, data in (*EUROPEAN.items(), *HAITIAN_RUSSIAN.items(), *ASIAN.items())
}

# Languages the engine recognises (by script or by common words) but has no rules for: a message
# in one goes to a person.
UNSUPPORTED: dict[str, str] = {
    "th": "Thai",
    "he": "Hebrew",
    "el": "Greek",
    "uk": "Ukrainian",
    "fa": "Persian",
    "ur": "Urdu",
    "bn": "Bengali",
    "ta": "Tamil",
    "te": "Telugu",
    "pa": "Punjabi",
    "gu": "Gujarati",
    "kn": "Kannada",
    "ml": "Malayalam",
    "am": "Amharic",
    "hy": "Armenian",
    "ka": "Georgian",
    "km": "Khmer",
    "lo": "Lao",
    "my": "Burmese",
    "si": "Sinhala",
    "nl": "Dutch",
    "sv": "Swedish",
    "tr": "Turkish",
    "id": "Indonesian",
}

# Common words of the unsupported Latin-script languages: two of them in one message identify it.
UNSUPPORTED_WORDS: dict[str, tuple[str, ...]] = {
    "nl": (
        "ik",
        "niet",
        "geen",
        "mijn",
        "het",
        "een",
        "meer",
        "berichten",
        "bericht",
        "alsjeblieft",
        "bedankt",
        "sturen",
        "stuur",
        "nummer",
        "graag",
        "wil",
        "jullie",
        "mij",
    ),
    "sv": (
        "jag",
        "inte",
        "mig",
        "mer",
        "tack",
        "skicka",
        "meddelanden",
        "sluta",
        "och",
        "att",
        "vill",
        "min",
        "nummer",
        "det",
    ),
    "tr": (
        "bana",
        "mesaj",
        "atmayin",
        "istemiyorum",
        "lutfen",
        "tesekkurler",
        "numaram",
        "beni",
        "degil",
        "bu",
        "ve",
        "icin",
        "artik",
        "gondermeyin",
    ),
    "id": (
        "saya",
        "tidak",
        "jangan",
        "kirim",
        "lagi",
        "terima",
        "kasih",
        "tolong",
        "pesan",
        "nomor",
        "ini",
        "yang",
        "dan",
        "mau",
        "berhenti",
    ),
}
